"""Material's footer on every page: the copyright in every locale, its English credit only in English."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.sitehistory import Sites, sites

LOCALES = ("en", "es", "ar", "ru")
CREDIT = "Made with Material for MkDocs"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    """Both sites of the history in tests/sitehistory.py."""
    return sites(tmp_path_factory)


class Footer(HTMLParser):
    """The words inside ``<div class="md-copyright">`` of a page, whitespace collapsed."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.words: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth or (tag == "div" and ("class", "md-copyright") in attrs):
            self.depth += tag == "div"

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "div":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.words.extend(data.split())

    @property
    def text(self) -> str:
        """The footer's words joined by one space."""
        return " ".join(self.words)


def pages(site: Path, locale: str) -> list[Path]:
    """Every HTML page Material wrote for one locale (404 included)."""
    return sorted((site / locale).rglob("*.html"))


@pytest.mark.parametrize("locale", LOCALES)
def test_footer_credit_is_english_only_on_english_pages(built: Sites, locale: str) -> None:
    """es, ar and ru pages keep the copyright and drop the untranslated credit; en pages keep both."""
    expected = "COSMODATA - FZCO" + (f" {CREDIT}" if locale == "en" else "")
    seen = {Footer(path.read_text(encoding="utf-8")).text for site in (built.before, built.after)
            for path in pages(site, locale)}
    assert seen == {expected}
