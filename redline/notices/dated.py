"""A notice's links as of the build date: ``upcoming`` only while that page exists.

The site has an upcoming page for a policy only between a version's notice and its
effective date, and only for the next version to take effect. Everything else about a
notice is independent of the day it is built; this is the one part that is not.
Pure: notices and a date in, notices out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Protocol

from redline.notices.model import Notice


class Dated(Protocol):
    """What :func:`next_versions` needs of a version or a notice."""

    @property
    def policy(self) -> str:
        """The policy's id."""

    @property
    def effective(self) -> dt.date:
        """The day the version takes effect."""


def next_versions(versions: Iterable[Dated], today: dt.date) -> set[tuple[str, dt.date]]:
    """(policy, effective date) of each policy's next version to take effect after ``today``.

    >>> from redline.notices.model import notice_id
    >>> def n(day: str) -> Notice:
    ...     d = dt.date.fromisoformat(day)
    ...     return Notice(notice_id("p", d), "p", {}, d, d, None, d, False)
    >>> next_versions([n("2026-01-01"), n("2026-05-01"), n("2026-09-01")], dt.date(2026, 3, 1))
    {('p', datetime.date(2026, 5, 1))}
    """
    first: dict[str, dt.date] = {}
    for version in versions:
        known = first.get(version.policy)
        if version.effective > today and (known is None or version.effective < known):
            first[version.policy] = version.effective
    return set(first.items())


def as_on(notices: Sequence[Notice], today: dt.date, among: Iterable[Dated] | None = None) -> list[Notice]:
    """The notices with ``urls[locale]["upcoming"]`` kept only where the upcoming page exists on ``today``.

    ``among``: every version of the history, when ``notices`` are only some of them (a worker's part).
    """
    upcoming = next_versions(notices if among is None else among, today)
    return [notice if (notice.policy, notice.effective) in upcoming else _without_upcoming(notice)
            for notice in notices]


def _without_upcoming(notice: Notice) -> Notice:
    urls = {locale: {**links, "upcoming": None} for locale, links in notice.urls.items()}
    return replace(notice, urls=urls)
