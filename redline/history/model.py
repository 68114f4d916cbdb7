"""The version model, as data: revisions grouped into versions, versions per policy and locale.

Pure: these functions take revisions (what each commit rendered) and return versions;
nothing here reads git or renders. See ``docs/versions.md`` for the rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from redline.render.render import Rendered


@dataclass(frozen=True)
class Revision:
    """One distinct rendering of a policy in a locale, as it stood after one commit.

    Attributes:
        policy: the policy's id at that commit (before renames are resolved).
        locale: the locale it was rendered in.
        effective: the effective date its front matter declared.
        day: the day the commit landed on main (the build date for the working tree).
        state: index of the state (commit) it was rendered from.
        digest: hash of the rendered title and text (with ``updated`` held fixed).
        complete: every block was translated (no English fallback).
        declared: the ``updated`` date its front matter declared, if any.
        formerly: previous ids its front matter declared.
        label: the commit it came from, for messages.
    """

    policy: str
    locale: str
    effective: dt.date
    day: dt.date
    state: int
    digest: str
    complete: bool = True
    declared: dt.date | None = None
    formerly: tuple[str, ...] = ()
    label: str = ""


@dataclass(frozen=True)
class VersionPlan:
    """A version before its text is rendered: which revision shows it and its dates.

    Attributes:
        effective: the day the version takes effect.
        updated: the day its text last changed in this locale.
        announced: the day its first revision landed (the notice date).
        source: the revision whose text the version shows (its latest publishable one).
        changes: the revisions that changed its text, oldest first.
    """

    effective: dt.date
    updated: dt.date
    announced: dt.date
    source: Revision
    changes: tuple[Revision, ...]


@dataclass(frozen=True)
class Version:
    """The text of a policy in force from one effective date to the next, in one locale.

    Attributes:
        effective: the day it takes effect.
        updated: the day its text last changed in this locale.
        announced: the day it was first published.
        rendered: its text, rendered with ``updated`` as its last-updated date.
        changes: the revisions that changed its text, oldest first.
    """

    effective: dt.date
    updated: dt.date
    announced: dt.date
    rendered: Rendered
    changes: tuple[Revision, ...] = ()

    @property
    def slug(self) -> str:
        """The version's name in URLs: its effective date."""
        return self.effective.isoformat()


@dataclass(frozen=True)
class PolicyHistory:
    """Every version of one policy in one locale.

    Attributes:
        policy: the policy's id (its latest name).
        locale: the locale.
        versions: oldest first, one per effective date.
        formerly: earlier ids of the policy (their URLs redirect here).
        withdrawn: the day its source was deleted, if it no longer exists.
    """

    policy: str
    locale: str
    versions: tuple[Version, ...]
    formerly: tuple[str, ...] = ()
    withdrawn: dt.date | None = None

    def in_force(self, today: dt.date) -> Version | None:
        """The version in force on ``today`` (None before the first takes effect or once withdrawn)."""
        if self.withdrawn is not None and self.withdrawn <= today:
            return None
        started = [v for v in self.versions if v.effective <= today]
        return started[-1] if started else None

    def upcoming(self, today: dt.date) -> Version | None:
        """The next version to take effect after ``today``, if one is published."""
        if self.withdrawn is not None:
            return None
        future = [v for v in self.versions if v.effective > today]
        return future[0] if future else None

    def previous(self, version: Version) -> Version | None:
        """The version before ``version``."""
        index = self.versions.index(version)
        return self.versions[index - 1] if index > 0 else None

    def replaced_on(self, version: Version) -> dt.date | None:
        """The day ``version`` stopped being in force (the next one's effective date)."""
        index = self.versions.index(version)
        if index + 1 < len(self.versions):
            return self.versions[index + 1].effective
        return self.withdrawn


def canonical_ids(latest_formerly: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Map every id ever used to the policy's latest id, following ``formerly`` chains.

    Args:
        latest_formerly: policy id -> the ``formerly`` list its latest revision declared.

    >>> sorted(canonical_ids({"legal": ["privacy"], "privacy": ["data"], "cookies": []}).items())
    [('cookies', 'cookies'), ('data', 'legal'), ('legal', 'legal'), ('privacy', 'legal')]
    """
    renamed = {old: new for new, olds in latest_formerly.items() for old in olds if old != new}
    result: dict[str, str] = {}
    for start in [*latest_formerly, *renamed]:
        current, seen = start, {start}
        while current in renamed and renamed[current] not in seen:
            current = renamed[current]
            seen.add(current)
        result[start] = current
    return result


def plan_versions(revisions: Sequence[Revision], allow_fallback: bool) -> list[VersionPlan]:
    """Group one policy's revisions in one locale into versions, by effective date.

    A revision with English fallback is published only when ``allow_fallback`` is set
    (a strict build of that commit would have failed); a version with no other revision
    still shows its latest one, marked, because a version once published is never dropped.
    The policy's first published revision is dated by its declared ``updated`` date (the
    policy existed before its repository); later ones by the day they landed.
    """
    first = _first_published(revisions, allow_fallback)
    plans = []
    groups: dict[dt.date, list[Revision]] = {}
    for revision in revisions:
        groups.setdefault(revision.effective, []).append(revision)
    for effective, group in sorted(groups.items()):
        shown = [r for r in group if r.complete or allow_fallback] or group[-1:]
        plans.append(_plan(effective, shown, first))
    return plans


def _first_published(revisions: Sequence[Revision], allow_fallback: bool) -> Revision | None:
    published = [r for r in revisions if r.complete or allow_fallback]
    return published[0] if published else (revisions[0] if revisions else None)


def _plan(effective: dt.date, shown: list[Revision], first: Revision | None) -> VersionPlan:
    changes: list[Revision] = []
    for revision in shown:
        if not changes or changes[-1].digest != revision.digest:
            changes.append(revision)
    updated = max(revision_day(r, r is first) for r in changes)
    return VersionPlan(effective, updated, revision_day(shown[0], shown[0] is first), shown[-1],
                       tuple(changes))


def revision_day(revision: Revision, first: bool) -> dt.date:
    """The day a revision changed the text: the declared ``updated`` date for the first one."""
    if first and revision.declared is not None:
        return revision.declared
    return revision.day


def withdrawn_on(present: Sequence[tuple[dt.date, bool]]) -> dt.date | None:
    """The day a policy was deleted for good, from (day, present) per state, oldest first.

    >>> d = dt.date
    >>> withdrawn_on([(d(2026, 1, 1), True), (d(2026, 2, 1), False), (d(2026, 3, 1), False)])
    datetime.date(2026, 2, 1)
    >>> withdrawn_on([(d(2026, 1, 1), True), (d(2026, 2, 1), False), (d(2026, 3, 1), True)]) is None
    True
    """
    gone: dt.date | None = None
    for day, here in present:
        if here:
            gone = None
        elif gone is None:
            gone = day
    return gone
