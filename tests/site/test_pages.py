"""The built site of a repository with history: pages, versions, comparisons, banners, per locale."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.golden import check_golden
from tests.paths import TESTS
from tests.sitehistory import Sites, page, sites

GOLDEN = TESTS / "golden" / "site"
LOCALES = ("en", "es", "ar", "ru")
ARTICLE_RE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
BANNER_RE = re.compile(r'<p class="rl-banner" data-rl-banner>.*?</p>', re.S)
CHROME_RE = re.compile(r'<div class="rl-chrome">.*?</nav>\s*</div>', re.S)
PRIVACY_UPCOMING = "privacy/compare/2026-02-01...2026-04-15"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    """Both sites of the history in tests/sitehistory.py."""
    return sites(tmp_path_factory)


def squeeze(html: str) -> str:
    """HTML with blank lines and trailing spaces dropped, for readable golden files."""
    return "".join(f"{line.rstrip()}\n" for line in html.splitlines() if line.strip())


def article(site: Path, url: str) -> str:
    """The content of a page (inside Material's article)."""
    found = ARTICLE_RE.search(page(site, url))
    assert found, f"no article in {url}"
    return squeeze(found.group(1))


def pages_under(site: Path, folder: str) -> list[str]:
    """The URLs of every page under ``folder`` of a site."""
    return sorted(str(p.parent.relative_to(site)) + "/" for p in (site / folder).rglob("index.html"))


def test_builds_report_what_they_published(built: Sites) -> None:
    """Each build says how many pages, versions and locales, and as of which day."""
    assert built.output == {
        "before": f"built 56 pages (4 versions of 3 policies) in 4 locales into {built.before} "
                  "as on 2026-03-20\n",
        "after": f"built 60 pages (5 versions of 3 policies) in 4 locales into {built.after} "
                 "as on 2026-07-01\n",
    }


def test_every_version_has_a_stable_url(built: Sites) -> None:
    """Current, upcoming, the versions index, each version and each comparison, in every locale."""
    for locale in LOCALES:
        assert pages_under(built.before, f"{locale}/privacy") == [f"{locale}/privacy/{p}" for p in (
            "", "compare/2026-02-01...2026-04-15/", "upcoming/", "versions/", "versions/2026-02-01/",
            "versions/2026-04-15/")]
        assert pages_under(built.after, f"{locale}/privacy") == [f"{locale}/privacy/{p}" for p in (
            "", "compare/2026-02-01...2026-04-15/", "compare/2026-04-15...2026-06-10/", "versions/",
            "versions/2026-02-01/", "versions/2026-04-15/", "versions/2026-06-10/")]


@pytest.mark.parametrize("locale", LOCALES)
def test_page_chrome_shows_dates_and_links(built: Sites, locale: str) -> None:
    """Effective and last-updated dates (localized), links to versions and changes."""
    chrome = [f"<!-- {url} -->\n" + squeeze(CHROME_RE.findall(page(site, f"{locale}/{url}"))[0])
              for site, url in ((built.before, "privacy/"), (built.before, "privacy/upcoming/"),
                                (built.after, "privacy/"), (built.after, "privacy/versions/2026-02-01/"))]
    check_golden(GOLDEN / f"chrome.{locale}.html", "".join(chrome))


@pytest.mark.parametrize("locale", LOCALES)
def test_comparison_is_a_redline_in_the_readers_language(built: Sites, locale: str) -> None:
    """Sections added, removed and changed; words inserted and deleted, labelled."""
    check_golden(GOLDEN / f"compare.{locale}.html", article(built.before, f"{locale}/{PRIVACY_UPCOMING}/"))


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_versions_index_lists_every_version(built: Sites, locale: str) -> None:
    """Each version with the days it was in force, its last update and what changed."""
    check_golden(GOLDEN / f"versions.{locale}.html", article(built.after, f"{locale}/privacy/versions/"))


def test_banner_announces_the_upcoming_version_on_every_page_of_the_policy(built: Sites) -> None:
    """Before the effective date every privacy page shows the banner; other policies do not."""
    expected = {
        "en": "A new version of this policy takes effect on April 15, 2026.",
        "es": "Una nueva versión de esta política entrará en vigor el 15 de abril de 2026.",
        "ar": "يسري إصدار جديد من هذه السياسة اعتبارًا من 15 أبريل 2026.",
        "ru": "С 15 апреля 2026\u202fг. вступает в силу новая версия этой политики.",
    }
    for locale in LOCALES:
        for url in pages_under(built.before, f"{locale}/privacy"):
            banners = BANNER_RE.findall(page(built.before, url))
            assert len(banners) == 1, url
            assert f"<strong>{expected[locale]}</strong>" in banners[0], url
        assert BANNER_RE.findall(page(built.before, f"{locale}/cookies/")) == []
    assert squeeze(BANNER_RE.findall(page(built.before, "en/privacy/versions/"))[0]) == (
        '<p class="rl-banner" data-rl-banner>\n'
        "  <strong>A new version of this policy takes effect on April 15, 2026.</strong>\n"
        '  <a href="../upcoming/">Read the new version</a>\n'
        '  · <a href="../compare/2026-02-01...2026-04-15/">See what changes</a>\n'
        "</p>\n")


def test_no_banner_once_the_version_took_effect(built: Sites) -> None:
    """After the effective date of the newest version there is no banner and no upcoming page."""
    for path in built.after.rglob("*.html"):
        assert "data-rl-banner" not in path.read_text(encoding="utf-8"), path
    assert not (built.after / "en/privacy/upcoming").exists()


def test_current_page_shows_the_version_in_force(built: Sites) -> None:
    """Before: the first version (editorial fix included); after: the newest."""
    assert "When personal data is no longer needed" in page(built.before, "en/privacy/")
    assert "Do Not Track" in page(built.before, "en/privacy/")
    assert "Automated Decisions" in page(built.before, "en/privacy/upcoming/")
    assert "We do not sell or rent your personal data." in page(built.after, "en/privacy/")
    assert "Do Not Track" not in page(built.after, "en/privacy/")


def test_fallback_is_marked(built: Sites) -> None:
    """English shown for a missing translation carries a notice in the reader's language."""
    notice = '<div class="admonition warning rl-fallback" role="note"><p>{}</p></div>'
    assert notice.format("بعض أجزاء هذه الصفحة لم تُترجم بعد وتظهر باللغة الإنجليزية.") in page(
        built.before, "ar/privacy/")
    assert notice.format("Algunas partes de esta página aún no están traducidas y se muestran en inglés.") \
        in page(built.before, "es/privacy/upcoming/")
    assert "rl-fallback" not in page(built.before, "es/privacy/")
    assert "rl-fallback" not in page(built.before, "en/privacy/upcoming/")


def test_archive_stays_out_of_navigation_and_search(built: Sites) -> None:
    """Only home and current policies are indexed for search; the changes page stays in the navigation."""
    html = page(built.after, "en/privacy/")
    nav = html[html.index('data-md-type="navigation"'):html.index('data-md-type="toc"')]
    links = re.findall(r'<a href="([^"#]*)" class="md-nav__link', nav)
    assert links == ["..", "../cookies/", "./", "../security/", "../changes/"]  # policies, then changes
    index = json.loads((built.after / "en/search/search_index.json").read_text(encoding="utf-8"))
    assert sorted({doc["location"].split("#")[0] for doc in index["docs"]}) == [
        "", "cookies/", "privacy/", "security/"]


def test_hreflang_alternates_name_the_same_page(built: Sites) -> None:
    """Every locale's version of this very page, and a switcher that stays on it."""
    html = page(built.after, "ar/privacy/versions/2026-02-01/")
    assert re.findall(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">', html) == [
        (f"https://legal.dexo.chat/{loc}/privacy/versions/2026-02-01/", loc) for loc in LOCALES]
    assert re.findall(r'<a href="([^"]*)" hreflang="[^"]*" lang="[^"]*" class="md-select__link">', html) == [
        f"../../../../{loc}/privacy/versions/2026-02-01/" for loc in LOCALES]
    assert html.lstrip().startswith('<!doctype html>\n<html lang="ar" dir="rtl" class="no-js">')


def test_no_reference_to_another_origin_is_loaded(built: Sites) -> None:
    """No page loads a script, stylesheet, font or image from another host."""
    loads = re.compile(r'<(?:script|link|img|iframe)\b[^>]*(?:src|href)="(?:https?:)?//[^"]*"[^>]*>')
    for path in built.after.rglob("*.html"):
        found = [tag for tag in loads.findall(path.read_text(encoding="utf-8"))
                 if 'rel="canonical"' not in tag and 'rel="alternate"' not in tag]
        assert found == [], path


def test_promotion_is_off_by_default_and_localized_when_enabled(built: Sites) -> None:
    """The seed's call to action: absent unless enabled, then on current pages in each language."""
    for path in built.before.rglob("*.html"):
        assert "data-rl-promo" not in path.read_text(encoding="utf-8"), path
    titles = {"en": "Wait! Don't miss out", "es": "¡Espera! No te lo pierdas",
              "ar": "انتظر! لا تفوّت الفرصة", "ru": "Подождите! Не упустите"}
    for locale, title in titles.items():
        assert f'<p class="rl-promo__title">{title}</p>' in page(built.after, f"{locale}/privacy/")
        assert "data-rl-promo" not in page(built.after, f"{locale}/privacy/versions/2026-02-01/")
    promo = page(built.after, "es/privacy/")
    assert "Obtén 14 días de acceso gratuito a todas las funciones" in promo
    assert "Sin tarjeta de crédito. Cancela cuando quieras." in promo


def test_sitemap_is_dated_by_the_build_date(built: Sites) -> None:
    """SOURCE_DATE_EPOCH comes from --date: the sitemap does not depend on the clock.

    Pages of a version are dated by its last change instead (tests/test_seo_16.py).
    """
    for site, day in ((built.before, "2026-03-20"), (built.after, "2026-07-01")):
        sitemap = (site / "en/sitemap.xml").read_text(encoding="utf-8")
        entries = re.findall(r"<loc>([^<]*)</loc>\s*<lastmod>([^<]*)</lastmod>", sitemap)
        undated = {when for where, when in entries
                   if where.endswith(("/en/", "/changes/", "/versions/")) or "/compare/" in where}
        assert undated == {day}


def test_changes_page_lists_every_notice_with_its_links(built: Sites) -> None:
    """Each locale's changes page lists the notices, material ones marked, linking version and redline."""
    html = page(built.after, "es/changes/")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "Cambio sustancial · Aviso publicado el" in text
    assert 'href="../privacy/compare/2026-02-01...2026-04-15/"' in html
    assert 'href="../privacy/versions/2026-04-15/"' in html
    assert 'href="../../notices/feeds/es.atom.xml"' in html
    assert (built.after / "notices/feeds/es.atom.xml").is_file()
    assert (built.after / "notices/notices.json").is_file()
