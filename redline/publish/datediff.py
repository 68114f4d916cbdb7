"""Dates compared as dates in a redline: a changed date is one replacement, never a letter soup.

A word diff of "February 1, 2026" and "January 5, 2027" strikes and inserts month, day and
year separately (and, in right-to-left text, in an order that reads as nonsense). Here
each date a version states (its front matter's dates, as the locale writes them) is one
token while the words are compared, so it changes whole: ``February 1, 2026 → January 5,
2027``. A block whose only change is such a date (the "Effective Date: … · Last Updated: …"
line) is a date-only change. Pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from redline.diff.words import word_diff
from redline.publish import ui

Segment = tuple[str, str]


def stated_days(metas: Iterable[Mapping[str, Any]], locale: str) -> list[str]:
    """Every date of the front matters, as ``locale`` writes it, longest first.

    >>> stated_days([{"effective": dt.date(2026, 2, 1), "title": "T"}], "en")
    ['February 1, 2026']
    """
    days = {ui.long_date(value, locale) for meta in metas for value in meta.values()
            if isinstance(value, dt.date)}
    return sorted(days, key=lambda day: (-len(day), day))


def _mask(text: str, days: Sequence[str], generic: bool = False) -> str:
    for index, day in enumerate(days):
        text = text.replace(day, "rldatex" if generic else f"rldate{_letters(index)}x")
    return text


def _letters(index: int) -> str:
    """A token made of letters only, so the word diff keeps it whole: 0 -> 'a', 27 -> 'bb'."""
    return chr(ord("a") + index % 26) * (index // 26 + 1)


def date_diff(old: str, new: str, days: Sequence[str]) -> list[Segment]:
    """The word diff of ``old`` and ``new`` with each of ``days`` one token.

    >>> date_diff("Effective: February 1, 2026.", "Effective: January 5, 2027.",
    ...           ["February 1, 2026", "January 5, 2027"])
    [('equal', 'Effective: '), ('delete', 'February 1, 2026'), ('insert', 'January 5, 2027'), ('equal', '.')]
    """
    tokens = {f"rldate{_letters(index)}x": day for index, day in enumerate(days)}
    segments = word_diff(_mask(old, days), _mask(new, days))
    return [(op, _unmask(text, tokens)) for op, text in segments]


def _unmask(text: str, tokens: Mapping[str, str]) -> str:
    for token, day in tokens.items():
        text = text.replace(token, day)
    return text


def only_dates_differ(old: str, new: str, days: Sequence[str]) -> bool:
    """Whether ``old`` and ``new`` differ only in which of ``days`` they state.

    >>> only_dates_differ("Updated: May 5, 2026", "Updated: June 1, 2026", ["May 5, 2026", "June 1, 2026"])
    True
    """
    return old != new and _mask(old, days, generic=True) == _mask(new, days, generic=True)
