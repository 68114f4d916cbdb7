"""Every page type as a visitor sees it: title first, one date line, localized navigation, links, 404s."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from functools import partial

import pytest

from tests.browser.conftest import Handler, Served, Visit, screenshot
from tests.browser.test_site_browser import COMPARE, axe_violations
from tests.sitehistory import sites

#: one page of each type, as (site, path inside a locale); the comparison and upcoming page exist in "before"
PAGE_TYPES = {
    "home": ("after", ""), "current": ("after", "privacy/"), "upcoming": ("before", "privacy/upcoming/"),
    "versions": ("after", "privacy/versions/"), "version": ("after", "privacy/versions/2026-02-01/"),
    "compare": ("before", COMPARE), "changes": ("before", "changes/"),
}
ARABIC_NAV = ["السياسات", "سياسة ملفات تعريف الارتباط", "سياسة الخصوصية", "سياسة الأمن",
              "التغييرات على سياساتنا"]


@pytest.fixture(scope="module")
def at_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The "after" site served at the root of its own origin (where its 404 pages' links point)."""
    handler = partial(Handler, directory=str(sites(tmp_path_factory).after))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("locale", ["en", "ar"])
@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_every_page_type_is_screenshot_and_accessible(visit: Visit, served: Served, kind: str,
                                                      locale: str) -> None:
    """Each page type in en and ar: a screenshot in tests/artifacts/, no serious axe-core violation."""
    site, path = PAGE_TYPES[kind]
    visit.open(served.url(f"{site}/{locale}/{path}"))
    screenshot(visit.page, f"page-{kind}-{locale}")
    found = axe_violations(visit)
    assert found == [], json.dumps(found, indent=1, ensure_ascii=False)
    assert visit.errors == []


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_not_found_pages_speak_the_locale(visit: Visit, at_root: str, locale: str) -> None:
    """A locale's 404 has its lang, dir and words, a link home, and no serious axe-core violation."""
    visit.open(f"{at_root}/{locale}/404.html")
    screenshot(visit.page, f"page-404-{locale}")
    html = visit.page.evaluate("[document.documentElement.lang, document.documentElement.dir]")
    assert html == [locale, "rtl" if locale == "ar" else "ltr"]
    title = {"en": "Page not found", "ar": "الصفحة غير موجودة"}[locale]
    assert visit.page.locator("article h1").inner_text() == title
    visit.page.locator("article a").first.click()
    visit.page.wait_for_load_state("networkidle")
    assert visit.page.url == f"{at_root}/{locale}/"
    visit.open(f"{at_root}/{locale}/404.html")
    found = axe_violations(visit)
    assert found == [], json.dumps(found, indent=1, ensure_ascii=False)
    assert visit.errors == []


def test_root_not_found_page_offers_every_locale(visit: Visit, at_root: str) -> None:
    """The root 404.html names the problem in each language, each block in its own direction."""
    visit.open(f"{at_root}/404.html")
    screenshot(visit.page, "page-404-root")
    blocks = visit.page.evaluate("[...document.querySelectorAll('section')].map(s => [s.lang, s.dir, "
                                 "s.querySelector('a').getAttribute('href')])")
    assert blocks == [["en", "ltr", "/en/"], ["es", "ltr", "/es/"], ["ar", "rtl", "/ar/"],
                      ["ru", "ltr", "/ru/"]]
    assert axe_violations(visit) == []


def test_navigation_is_in_the_page_language(visit: Visit, served: Served) -> None:
    """The Arabic site's navigation names each policy and the changes page in Arabic."""
    visit.page.set_viewport_size({"width": 1400, "height": 900})
    visit.open(served.url("after/ar/privacy/versions/2026-02-01/"))  # no entry active: each once
    labels = visit.page.locator(".md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__link")
    assert [" ".join(text.split()) for text in labels.all_inner_texts()] == ARABIC_NAV
    assert visit.errors == []


@pytest.mark.parametrize("path", ["after/en/privacy/", "after/ar/privacy/versions/2026-02-01/",
                                  "before/ru/privacy/upcoming/"])
def test_title_first_then_one_date_line(visit: Visit, served: Served, path: str) -> None:
    """The <h1> comes before Redline's notices and links, and the effective date is stated once."""
    visit.open(served.url(path))
    order = visit.page.evaluate("document.querySelector('article h1').compareDocumentPosition("
                                "document.querySelector('.rl-chrome')) & Node.DOCUMENT_POSITION_FOLLOWING")
    assert order
    effective = visit.page.evaluate("document.querySelector('article > p').innerText")
    day = {"after/en/privacy/": "June 10, 2026", "after/ar/privacy/versions/2026-02-01/": "1 فبراير 2026",
           "before/ru/privacy/upcoming/": "15 апреля 2026"}[path]
    assert day in effective
    article = visit.page.locator("article").inner_text()
    # once in the date line; the status notice (archived span, upcoming date) may name it too
    notices = visit.page.locator(".rl-status").all_inner_texts()
    assert article.count(day) == 1 + sum(notice.count(day) for notice in notices)
    assert visit.page.locator(".rl-dates").count() == 0
    assert visit.errors == []


@pytest.mark.parametrize("path", ["before/en/privacy/upcoming/", f"before/ar/{COMPARE}",
                                  "after/en/privacy/versions/", "before/es/privacy/"])
def test_no_link_of_the_chrome_leads_to_the_page_itself(visit: Visit, served: Served, path: str) -> None:
    """Banner and chrome links go elsewhere: none points at the page the reader is on."""
    visit.open(served.url(path))
    targets = visit.page.evaluate("[...document.querySelectorAll('[data-rl-banner] a, .rl-chrome a')]"
                                  ".map(a => a.href.split('#')[0])")
    assert targets, "no link in the banner or chrome"
    assert served.url(path) not in targets
    assert visit.errors == []


def test_root_sends_the_visitor_to_their_language(browser: object, served: Served) -> None:
    """With Arabic first in the browser's languages, the root page opens the Arabic site; ?choose stays."""
    context = browser.new_context(locale="ar-EG")  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(served.url("after/"), wait_until="networkidle")
    assert page.url == served.url("after/ar/")
    page.goto(served.url("after/?choose"), wait_until="networkidle")
    assert page.locator("a[hreflang]").all_inner_texts() == ["English", "Español", "العربية", "Русский"]
    screenshot(page, "page-root")
    context.close()
