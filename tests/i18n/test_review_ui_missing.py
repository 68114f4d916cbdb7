"""Review of ``ui.missing`` after it read the tables once: it must list what ``lookup`` lacks."""

from __future__ import annotations

import pytest

from redline.i18n import ui
from redline.i18n.uiwords import OPTIONAL_PREFIX, lookup


@pytest.mark.parametrize("locale", ["en-GB", "en-US", "en_AU", "es", "es-MX", "ar", "ru", "pt-BR",
                                    "zh-Hant-TW"])
def test_missing_lists_exactly_the_words_lookup_cannot_find(locale: str) -> None:
    """A key is missing in ``locale`` exactly when no table of it (or English, for English) has a word."""
    every = ui.keys()
    expected = [key for key in every if not key.startswith(OPTIONAL_PREFIX) and lookup(locale, key) is None]
    assert ui.missing(locale) == expected


def test_an_english_locale_spelled_with_a_hyphen_lacks_no_word() -> None:
    """``en-GB`` shows Redline's English words: none is reported missing (a build would refuse them)."""
    assert ui.missing("en-GB") == []
