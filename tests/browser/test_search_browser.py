"""Material's search box finds words in Cyrillic and Arabic: the browser reads the UTF-8 index."""

from __future__ import annotations

import pytest

from tests.browser.conftest import Served, Visit

SEARCHES = [
    ("ru", "категории", "Политика использования файлов cookie", "2. Категории файлов cookie"),
    ("ar", "فئات", "سياسة ملفات تعريف الارتباط", "2. فئات ملفات تعريف الارتباط"),
]


@pytest.mark.parametrize(("locale", "word", "policy", "section"), SEARCHES)
def test_search_finds_a_word_in_the_pages_language(visit: Visit, served: Served, locale: str, word: str,
                                                   policy: str, section: str) -> None:
    """Typing a Russian or Arabic word into the search box lists the policy section that says it."""
    visit.open(served.url(f"after/{locale}/privacy/"))
    box = visit.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(word)
    # Playwright enters letters missing from its US keyboard as text, with no key events, and
    # Material reads the query on keyup; a reader's own keyboard sends one with every letter.
    box.press("End")
    first = visit.page.locator(".md-search-result__item").first
    first.wait_for(state="visible", timeout=10_000)
    assert first.locator("h1").inner_text() == policy
    target = served.url(f"after/{locale}/cookies/#categories")
    hit = first.locator(f'a.md-search-result__link[href="{target}"]')
    assert hit.locator("h2").inner_text() == section
    assert hit.locator("h2 mark").inner_text().lower() == word  # the heading's own capital letter
    assert visit.errors == []
