"""Rules about periods named in prose: retention (longer is material, shorter is not)
and the notice given before changes take effect (shorter is material).

Which period a sentence names is read from its section's headings and its own words:
"Log Data: Retained for up to 12 months" is a retention period, "at least 30 days
before they take effect" a notice period.
"""

from __future__ import annotations

from redline.classify import lexicon
from redline.classify.context import delta, found, inserted_match, label, quote
from redline.classify.findings import Finding
from redline.classify.topics import CHANGES, RETENTION, topics
from redline.diff.durations import Direction, TextDuration, direction, durations_in, mask_durations
from redline.diff.sections import BlockChange

#: (old period or None when one was added, new period), as written.
PeriodChange = tuple[str | None, str]


def retention_context(change: BlockChange) -> bool:
    """Tell whether the change is about how long data is kept."""
    d = delta(change)
    return RETENTION in topics(change.path) or bool(lexicon.RETAIN.search(f"{d.old} {d.new}"))


def notice_context(change: BlockChange) -> bool:
    """Tell whether the change is about the notice given before changes take effect."""
    d = delta(change)
    return CHANGES in topics(change.path) or bool(lexicon.NOTICE_PERIOD.search(f"{d.old} {d.new}"))


def changed_period(old: list[TextDuration], new: list[TextDuration], want: Direction) -> PeriodChange | None:
    """Return the first period that became ``want`` (longer or shorter), or None.

    Periods pair in order when both texts name as many; otherwise the longest (for
    "longer") or shortest (for "shorter") of each side are compared.

    >>> twelve, two = durations_in("12 months, 2 years")
    >>> changed_period([twelve], [two], "longer"), changed_period([], [two], "longer")
    (('12 months', '2 years'), (None, '2 years'))
    """
    if len(old) == len(new):
        pairs = zip(old, new, strict=True)
        return next(((a.text, b.text) for a, b in pairs if direction(a.days, b.days) == want), None)
    if not new:
        return None
    pick = max if want == "longer" else min
    top_new = pick(new, key=lambda period: period.days)
    if not old:
        return (None, top_new.text) if want == "longer" else None
    top_old = pick(old, key=lambda period: period.days)
    return (top_old.text, top_new.text) if direction(top_old.days, top_new.days) == want else None


def longer_retention(change: BlockChange) -> Finding | None:
    """A retention period made longer, added, or left open-ended."""
    if change.new is None or not retention_context(change) or notice_context(change):
        return None
    d = delta(change)
    subject = quote(label(d.new, change.title))
    longer = changed_period(durations_in(d.old), durations_in(d.new), "longer")
    if longer is not None:
        old, new = longer
        reason = f"retention {subject} longer: {old} → {new}" if old else f"retention {subject} added: {new}"
        return found("longer-retention", True, reason, change)
    sentence = inserted_match(change, lexicon.INDEFINITE)
    if sentence:
        return found("longer-retention", True, f"retention {subject} open-ended: {quote(sentence)}", change)
    return None


def shorter_notice_period(change: BlockChange) -> Finding | None:
    """The notice given before changes take effect made shorter, or dropped."""
    if change.new is None or not notice_context(change):
        return None
    d = delta(change)
    shorter = changed_period(durations_in(d.old), durations_in(d.new), "shorter")
    if shorter is not None:
        reason = f"notice period shorter: {shorter[0]} → {shorter[1]}"
        return found("shorter-notice-period", True, reason, change)
    sentence = inserted_match(change, lexicon.NO_NOTICE)
    if sentence:
        return found("shorter-notice-period", True, f"notice no longer given: {quote(sentence)}", change)
    return None


def shorter_retention(change: BlockChange) -> Finding | None:
    """Editorial: a retention period made shorter, and nothing else changed."""
    if change.old is None or change.new is None or change.moved:
        return None
    if not retention_context(change) or notice_context(change):
        return None
    d = delta(change)
    old, new = durations_in(d.old), durations_in(d.new)
    if len(old) != len(new) or mask_durations(d.old).casefold() != mask_durations(d.new).casefold():
        return None
    directions = {direction(a.days, b.days) for a, b in zip(old, new, strict=True)}
    shorter = changed_period(old, new, "shorter")
    if shorter is None or "longer" in directions:
        return None
    reason = f"retention {quote(label(d.new, change.title))} shorter: {shorter[0]} → {shorter[1]}"
    return found("shorter-retention", False, reason, change)
