"""The search index every reader downloads: UTF-8 JSON, without the changes page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from redline.mkdocs_plugin import utf8_index
from tests.sitehistory import Sites, page, sites

LOCALES = ("en", "es", "ar", "ru")
ESCAPED_LETTER = re.compile(rb"\\u0[4-6][0-9a-fA-F]{2}")  # Cyrillic (U+04xx, U+05xx) and Arabic (U+06xx)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    """Both sites of the history in tests/sitehistory.py."""
    return sites(tmp_path_factory)


def index_bytes(site: Path, locale: str) -> bytes:
    """The raw bytes of a locale's search index."""
    return (site / locale / "search" / "search_index.json").read_bytes()


@pytest.mark.parametrize("locale", LOCALES)
def test_index_is_compact_utf8_json(built: Sites, locale: str) -> None:
    """The index is exactly its data as compact UTF-8 JSON: no \\uXXXX escape for a letter."""
    raw = index_bytes(built.after, locale)
    data = json.loads(raw.decode("utf-8"))
    assert raw == json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert ESCAPED_LETTER.findall(raw) == []


def test_russian_and_arabic_letters_are_written_as_themselves(built: Sites) -> None:
    """Titles in the ru and ar indexes carry their own letters, byte for byte."""
    titles = {locale: {doc["title"] for doc in json.loads(index_bytes(built.after, locale))["docs"]}
              for locale in ("ru", "ar")}
    for locale, locale_titles in titles.items():
        assert any(re.search("[\u0400-\u04ff]" if locale == "ru" else "[\u0600-\u06ff]", t)
                   for t in locale_titles), locale
        for title in locale_titles:
            assert title.encode("utf-8") in index_bytes(built.after, locale)


@pytest.mark.parametrize("locale", LOCALES)
def test_changes_page_is_published_but_not_indexed(built: Sites, locale: str) -> None:
    """The changes page is built, linked from home and listed in the sitemap, and absent from search."""
    index = json.loads(index_bytes(built.after, locale))
    pages = sorted({doc["location"].split("#")[0] for doc in index["docs"]})
    assert pages == ["", "cookies/", "privacy/", "security/"]
    assert (built.after / locale / "changes" / "index.html").is_file()
    assert 'href="changes/"' in page(built.after, f"{locale}/")
    sitemap = (built.after / locale / "sitemap.xml").read_text(encoding="utf-8")
    assert f"https://legal.dexo.chat/{locale}/changes/" in sitemap


def test_index_rewrite_leaves_no_temporary_file(built: Sites) -> None:
    """search/ holds the index alone, with the permissions of the file Material wrote."""
    for locale in LOCALES:
        folder = built.after / locale / "search"
        assert sorted(p.name for p in folder.iterdir()) == ["search_index.json"]
        assert (folder / "search_index.json").stat().st_mode & 0o777 == (
            built.after / locale / "sitemap.xml").stat().st_mode & 0o777


def test_utf8_index_keeps_the_data_and_separators() -> None:
    """Re-serializing changes escapes only: numbers, key order and Material's separators stay."""
    material = json.dumps({"config": {"lang": ["ru"], "fields": {"title": {"boost": 1e3}}},
                           "docs": [{"location": "", "title": "Политика", "text": "«a\"b»\n"}]},
                          separators=(",", ":"))
    assert utf8_index(material.encode("ascii")).decode("utf-8") == (
        '{"config":{"lang":["ru"],"fields":{"title":{"boost":1000.0}}},'
        '"docs":[{"location":"","title":"Политика","text":"«a\\"b»\\n"}]}')


def test_utf8_index_keeps_an_index_it_cannot_encode() -> None:
    """A lone surrogate has no UTF-8 form: the escaped index is kept as it was."""
    escaped = b'{"docs":[{"text":"\\ud800"}]}'
    assert utf8_index(escaped) == escaped
