"""The built site in a real browser: language switch, RTL, banner, redline, third parties, axe-core."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Served, Visit, screenshot

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
COMPARE = "privacy/compare/2026-02-01...2026-04-15/"


def leaving(visit: Visit, served: Served) -> list[str]:
    """Every request that went anywhere but the site's own origin."""
    return [r.url for r in visit.requests if not r.url.startswith(f"{served.origin}/")]


def test_language_switch_keeps_the_reader_on_the_same_version(visit: Visit, served: Served) -> None:
    """From an archived English version, Español opens the same version in Spanish."""
    visit.open(served.url("after/en/privacy/versions/2026-02-01/"))
    visit.page.hover(".md-header__option .md-select")
    visit.page.click('a.md-select__link[hreflang="es"]')
    visit.page.wait_for_load_state("networkidle")
    assert visit.page.url == served.url("after/es/privacy/versions/2026-02-01/")
    assert visit.page.evaluate("document.documentElement.lang") == "es"
    assert visit.page.locator("h1").inner_text().startswith("Política de Privacidad")
    assert visit.errors == []


def test_arabic_pages_are_right_to_left(visit: Visit, served: Served) -> None:
    """<html lang="ar" dir="rtl">, and the layout follows it."""
    visit.open(served.url("after/ar/privacy/"))
    assert visit.page.evaluate("[document.documentElement.lang, document.documentElement.dir, "
                               "getComputedStyle(document.body).direction]") == ["ar", "rtl", "rtl"]
    assert visit.errors == []


def test_banner_shows_before_the_effective_date_and_not_after(visit: Visit, served: Served) -> None:
    """Built as on 2026-03-20 the banner announces 15 April and leads to the new text; not on 2026-07-01."""
    visit.open(served.url("before/en/privacy/"))
    banner = visit.page.locator("[data-rl-banner]")
    assert banner.is_visible()
    assert " ".join(banner.inner_text().split()) == (
        "A new version of this policy takes effect on April 15, 2026. "
        "Read the new version · See what changes")
    banner.get_by_role("link", name="Read the new version").click()
    visit.page.wait_for_load_state("networkidle")
    assert visit.page.url == served.url("before/en/privacy/upcoming/")
    assert visit.page.locator(".rl-status--upcoming").inner_text() == (
        "This version is not yet in force: it takes effect on April 15, 2026. "
        "Until then, the version in force since February 1, 2026 applies.")
    visit.open(served.url("after/en/privacy/"))
    assert visit.page.locator("[data-rl-banner]").count() == 0
    assert visit.errors == []


def test_comparison_marks_insertions_and_deletions(visit: Visit, served: Served) -> None:
    """The retention change: 30 struck through, 90 underlined, each labelled for screen readers."""
    visit.open(served.url(f"before/en/{COMPARE}"))
    retention = visit.page.locator(".rl-section--modified", has=visit.page.locator("del", has_text="30"))
    deleted, inserted = retention.locator("del"), retention.locator("ins")
    assert (deleted.text_content(), inserted.text_content()) == ("Deleted text: 30", "Inserted text: 90")
    styles = visit.page.evaluate(
        "[...document.querySelectorAll('.rl-section--modified del, .rl-section--modified ins')]"
        ".slice(-2).map(e => getComputedStyle(e).textDecorationLine)")
    assert styles == ["line-through", "underline"]
    assert visit.page.locator("#change-automated-decisions + .rl-section--added ins").count() == 2
    assert visit.page.locator("#change-do-not-track + .rl-section--removed del").count() == 2
    assert visit.errors == []


@pytest.mark.parametrize("path", [
    "before/en/privacy/", "before/ar/privacy/upcoming/", f"before/es/{COMPARE}", "after/ru/privacy/versions/",
    "after/en/privacy/", "after/",
])
def test_no_request_leaves_the_site(visit: Visit, served: Served, path: str) -> None:
    """Every request a page makes (styles, scripts, search index, fonts) goes to its own origin."""
    visit.open(served.url(path))
    assert visit.requests, "the page made no request at all"
    assert leaving(visit, served) == []
    assert visit.errors == []


def test_promotion_can_be_dismissed(visit: Visit, served: Served) -> None:
    """When enabled, the call to action has a dismiss button that hides it for good."""
    visit.open(served.url("after/es/privacy/"))
    promo = visit.page.locator("[data-rl-promo]")
    assert promo.locator(".rl-promo__title").inner_text() == "¡Espera! No te lo pierdas"
    promo.get_by_role("button", name="Cerrar").click()
    assert not promo.is_visible()
    visit.open(served.url("after/es/privacy/"))
    assert not visit.page.locator("[data-rl-promo]").is_visible()
    assert visit.errors == []


def axe_violations(visit: Visit) -> list[dict[str, Any]]:
    """Serious and critical axe-core violations of the open page."""
    visit.page.add_script_tag(path=str(AXE))
    result = visit.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"],
         "nodes": [(n["target"], n["failureSummary"]) for n in v["nodes"]][:4]}
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("locale", ["en", "ar"])
@pytest.mark.parametrize(("name", "path"), [("policy", "privacy/"), ("compare", COMPARE)])
def test_no_serious_accessibility_violations(visit: Visit, served: Served, locale: str, name: str,
                                             path: str) -> None:
    """axe-core finds no serious or critical violation on policy and comparison pages, en and ar."""
    visit.open(served.url(f"before/{locale}/{path}"))
    screenshot(visit.page, f"{name}-{locale}")
    found = axe_violations(visit)
    assert found == [], json.dumps(found, indent=1, ensure_ascii=False)
    assert visit.errors == []


def test_page_weight_of_a_policy_page(visit: Visit, served: Served) -> None:
    """Bytes a reader downloads for a policy page, every asset gzip-compressed (bodies, headers aside)."""
    visit.open(served.url("after/en/privacy/"))
    root = served.sites.after.parent
    weights = []
    for request in visit.requests:
        path = root / request.url.removeprefix(f"{served.origin}/").split("?")[0]
        path = path / "index.html" if path.is_dir() else path
        weights.append((len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)), request.url))
    for size, url in weights:
        print(f"{size:>8}  {url.removeprefix(served.origin)}")
    total = sum(size for size, _ in weights)
    print(f"page weight of /en/privacy/: {total} bytes gzip-compressed in {len(weights)} requests")
    assert total < 150_000
    assert visit.errors == []
