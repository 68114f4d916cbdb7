"""What search engines and link previews read: descriptions, Open Graph, hreflang, sitemap, search."""

from __future__ import annotations

import json
import re

import pytest

from tests.sitehistory import Sites, page, sites

DESCRIPTIONS = {
    "es": "Cómo recopilamos, utilizamos, compartimos y protegemos los datos personales cuando usted utiliza",
    "ru": "Как мы собираем, используем, передаем и защищаем персональные данные",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    """Both sites of the history in tests/sitehistory.py."""
    return sites(tmp_path_factory)


def meta(html: str, attribute: str, name: str) -> str:
    """The content of ``<meta {attribute}="{name}">``."""
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    assert found, f"no {name}"
    return found.group(1)


@pytest.mark.parametrize("locale", sorted(DESCRIPTIONS))
def test_description_and_open_graph_are_in_the_locale(built: Sites, locale: str) -> None:
    """The translated front-matter description, not the English site_description, and Open Graph tags."""
    html = page(built.after, f"{locale}/privacy")
    assert meta(html, "name", "description").startswith(DESCRIPTIONS[locale])
    assert meta(html, "property", "og:description") == meta(html, "name", "description")
    assert meta(html, "property", "og:locale") == locale
    assert meta(html, "property", "og:url") == f"https://legal.dexo.chat/{locale}/privacy/"
    assert meta(html, "property", "og:title") == {"es": "Política de Privacidad",
                                                  "ru": "Политика конфиденциальности"}[locale]


def test_hreflang_names_the_chooser_as_x_default(built: Sites) -> None:
    """Every locale's page lists the other locales and the root chooser as x-default."""
    html = page(built.after, "ar/privacy/versions/2026-02-01")
    links = re.findall(r'<link rel="alternate" (?:href="([^"]*)" hreflang="([^"]*)"|hreflang="([^"]*)" '
                       r'href="([^"]*)")>', html)
    pairs = sorted((lang or lang2, href or href2) for href, lang, lang2, href2 in links)
    assert pairs == [("ar", "https://legal.dexo.chat/ar/privacy/versions/2026-02-01/"),
                     ("en", "https://legal.dexo.chat/en/privacy/versions/2026-02-01/"),
                     ("es", "https://legal.dexo.chat/es/privacy/versions/2026-02-01/"),
                     ("ru", "https://legal.dexo.chat/ru/privacy/versions/2026-02-01/"),
                     ("x-default", "https://legal.dexo.chat/")]


def test_sitemap_dates_a_version_by_its_last_change(built: Sites) -> None:
    """A version's lastmod is the day its text last changed; pages without a version keep the build day."""
    sitemap = (built.after / "en" / "sitemap.xml").read_text(encoding="utf-8")
    entries = dict(re.findall(r"<loc>https://legal.dexo.chat/en/([^<]*)</loc>\s*<lastmod>([^<]*)</lastmod>",
                              sitemap))
    assert entries["privacy/versions/2026-02-01/"] == "2026-03-02"
    assert entries["privacy/versions/2026-04-15/"] == "2026-03-10"
    assert entries["privacy/"] == "2026-05-05"
    assert entries["privacy/versions/"] == "2026-07-01"


@pytest.mark.parametrize(("locale", "language"), [("ar", "ar"), ("ru", "ru"), ("en", "en")])
def test_search_uses_the_locale_language(built: Sites, locale: str, language: str) -> None:
    """Material's lunr support for the page language (lunr.ar for Arabic), not English."""
    index = json.loads((built.after / locale / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == [language]
