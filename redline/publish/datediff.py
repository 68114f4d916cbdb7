"""Dates compared as dates in a redline: a changed date is one replacement, never a letter soup.

A word diff of "February 1, 2026" and "January 5, 2027" strikes and inserts month, day and
year separately (and, in right-to-left text, in an order that reads as nonsense). This module
names the dates a version states (its front matter's dates, as the locale writes them); the
redline's tokenizer (:mod:`redline.publish.inline`) keeps each one a single token, so it
changes whole: ``February 1, 2026 → January 5, 2027``. A block whose only change is such a
date (the "Effective Date: … · Last Updated: …" line) is a date-only change. Pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from redline.i18n import ui


def stated_days(metas: Iterable[Mapping[str, Any]], locale: str) -> list[str]:
    """Every date of the front matters, as ``locale`` writes it, longest first.

    >>> stated_days([{"effective": dt.date(2026, 2, 1), "title": "T"}], "en")
    ['February 1, 2026']
    """
    days = {ui.long_date(value, locale) for meta in metas for value in meta.values()
            if isinstance(value, dt.date)}
    return sorted(days, key=lambda day: (-len(day), day))


def _masked(text: str, days: Sequence[str]) -> str:
    """``text`` with each of ``days`` replaced by one placeholder."""
    for day in days:
        text = text.replace(day, "rldatex")
    return text


def only_dates_differ(old: str, new: str, days: Sequence[str]) -> bool:
    """Whether ``old`` and ``new`` differ only in which of ``days`` they state.

    >>> only_dates_differ("Updated: May 5, 2026", "Updated: June 1, 2026", ["May 5, 2026", "June 1, 2026"])
    True
    """
    return old != new and _masked(old, days) == _masked(new, days)
