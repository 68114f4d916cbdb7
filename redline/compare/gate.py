"""The notice gate: a material change takes effect no earlier than the notice date + the notice period.

The notice period is a fact, ``limits.change_notice`` (the same value the policies
state, "at least 30 days before they take effect"). When the change itself alters
it, the longer of the two periods counts: readers were promised the old one.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from redline.errors import RedlineError
from redline.load.formats import Duration, is_duration

if TYPE_CHECKING:  # annotations only: the notice dates (add_duration) need no comparison engine
    from redline.compare.changeset import ChangeSet, PolicyChange
    from redline.load.sources import Sources

NOTICE_FACT = ("limits", "change_notice")
Problem = Literal["ok", "unchanged", "too-early", "removed"]


@dataclass(frozen=True)
class NoticePeriod:
    """The notice period and where it is stated."""

    duration: str
    where: str


def add_duration(day: dt.date, duration: str) -> dt.date:
    """The day ``duration`` after ``day``: months and years by the calendar, hours rounded up to days.

    >>> add_duration(dt.date(2026, 3, 1), "P30D"), add_duration(dt.date(2026, 1, 31), "P1M")
    (datetime.date(2026, 3, 31), datetime.date(2026, 2, 28))
    >>> add_duration(dt.date(2026, 3, 1), "PT72H")
    datetime.date(2026, 3, 4)
    """
    parts = dict(Duration.parse(duration).parts)
    months = day.month - 1 + parts.get("months", 0) + 12 * parts.get("years", 0)
    year, month = day.year + months // 12, months % 12 + 1
    moved = dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    hours = parts.get("hours", 0) + parts.get("minutes", 0) / 60 + parts.get("seconds", 0) / 3600
    days = 7 * parts.get("weeks", 0) + parts.get("days", 0) + math.ceil(hours / 24)
    return moved + dt.timedelta(days=days)


def notice_period(head: Sources, base: Sources | None = None) -> NoticePeriod:
    """The notice period to apply: the longer of the two sides' ``limits.change_notice``."""
    found = [_period(sources) for sources in (head, base) if sources is not None]
    periods = [period for period in found if period is not None]
    if not periods:
        folder = f"{head.project.policies_dir}/_data"
        raise RedlineError("no notice period: the data has no limits.change_notice",
                           where=f"{folder}/limits.yml",
                           fix="state the notice period once, e.g. `change_notice: P30D`")
    return max(periods, key=lambda period: Duration.parse(period.duration).days_approx)


def _period(sources: Sources) -> NoticePeriod | None:
    limits = sources.data.values.get(NOTICE_FACT[0])
    value = limits.get(NOTICE_FACT[1]) if isinstance(limits, dict) else None
    if not is_duration(value):
        return None
    document = sources.data.documents[NOTICE_FACT[0]]
    return NoticePeriod(str(value), document.where(NOTICE_FACT[1:]))


@dataclass(frozen=True)
class GateCheck:
    """The gate's answer for one changed policy.

    Attributes:
        policy: the policy id.
        path: its source file (where to set ``effective``).
        material: whether the change needs a notice (overrides applied).
        old_effective, new_effective: the effective dates at both sides.
        earliest: the earliest effective date a material change may have.
        problem: ok, unchanged (material, same effective date), too-early, removed.
        sections: the sections whose material changes need the notice.
    """

    policy: str
    path: str
    material: bool
    old_effective: dt.date | None
    new_effective: dt.date | None
    earliest: dt.date
    problem: Problem
    sections: tuple[str, ...] = ()

    def message(self, notice_date: dt.date, period: NoticePeriod) -> str:
        """One line naming the policy, the sections and the earliest allowed date."""
        where = f" (sections: {', '.join(self.sections)})" if self.sections else ""
        if self.problem == "unchanged":
            return (f"{self.policy}: material change{where}, but the effective date is still "
                    f"{self.old_effective}: set `effective: {self.earliest}` or later in {self.path}")
        if self.problem == "too-early":
            return (f"{self.policy}: material change{where}, effective {self.new_effective}, before the "
                    f"earliest allowed {self.earliest} (notice {notice_date} + {period.duration}): "
                    f"set `effective: {self.earliest}` or later in {self.path}")
        if self.problem == "removed":
            return (f"{self.policy}: removed, which takes effect at once: keep {self.path} until "
                    f"{self.earliest} (notice {notice_date} + {period.duration}), or record an override "
                    "in changes/ with a justification")
        return f"{self.policy}: ok"


@dataclass(frozen=True)
class Gate:
    """The gate over a whole change set."""

    notice_date: dt.date
    period: NoticePeriod
    checks: tuple[GateCheck, ...]

    @property
    def earliest(self) -> dt.date:
        """The earliest effective date of a material change noticed on the notice date."""
        return add_duration(self.notice_date, self.period.duration)

    @property
    def failures(self) -> tuple[GateCheck, ...]:
        """The checks that failed."""
        return tuple(check for check in self.checks if check.problem != "ok")

    def check(self, policy: str) -> GateCheck | None:
        """The check of one policy, if it changed."""
        return next((check for check in self.checks if check.policy == policy), None)


def evaluate(changes: ChangeSet, notice_date: dt.date, period: NoticePeriod) -> Gate:
    """Check every changed policy's new effective date against the notice period."""
    earliest = add_duration(notice_date, period.duration)
    checks = tuple(_check(change, earliest) for change in changes.policies if change.changed)
    return Gate(notice_date, period, checks)


def _check(change: PolicyChange, earliest: dt.date) -> GateCheck:
    source = change.pair.new or change.pair.old
    assert source is not None
    old, new = change.old_effective, change.new_effective
    problem: Problem = "ok"
    if change.material and new is None:
        problem = "removed"
    elif change.material and old is not None and new == old:
        problem = "unchanged"
    elif change.material and new is not None and new < earliest:
        problem = "too-early"
    return GateCheck(change.id, source.path, change.material, old, new, earliest, problem,
                     material_sections(change))


def material_sections(change: PolicyChange) -> tuple[str, ...]:
    """The sections whose changes make ``change`` material (facts: the sections rendering them)."""
    judgement = change.judgement
    if judgement is None:
        return ()
    traced = change.traced_map()
    found: list[str] = []
    for index, finding in enumerate(judgement.verdict.findings):
        weight = finding.material if judgement.overridden_by(index) is None else not finding.material
        if weight:
            found += [finding.section] if finding.section else list(traced.get(finding.fact or "", ()))
    if not found and judgement.material:
        found = [section.id for section in change.report.sections]
    return tuple(dict.fromkeys(found))


def gate_failures(gate: Gate) -> Sequence[str]:
    """The failure messages, one per policy."""
    return [check.message(gate.notice_date, gate.period) for check in gate.failures]
