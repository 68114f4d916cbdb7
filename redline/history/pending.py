"""Pending states: a material change on main that no new effective date announces yet.

A version is the text in force from one effective date to the next, whatever the shape
of the commits that brought it (merge commit, squash, rebase, fast-forward, a direct
push of several commits). A commit that changes a policy's text materially but keeps
its effective date is not a new text of the version in force: it is *pending*. It is
never shown in force and never announced as editorial; the first later state with a new
effective date makes it (with everything after it) the upcoming version.

Both walks of history ask the same question through :func:`judge`: is the text at one
point a material change of the text last accepted for the same effective date? The
answer is kept in the render cache's facts, keyed by the inputs of both points, so a
warm walk compares nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from redline.compare.pairing import PolicyPair
from redline.errors import RedlineError
from redline.load.policy import PolicySource
from redline.load.sources import Sources
from redline.render.cache import RenderCache, input_key

if TYPE_CHECKING:
    from redline.classify.overrides import ChangeRecord

#: (state index, effective date) of each point where one policy changed, oldest first
Steps = Sequence[tuple[int, dt.date]]
#: is the change from point A to point B material for the policy?
Judge = Callable[[int, int], bool]


@dataclass(frozen=True)
class Pending:
    """One policy's states that changed its text materially without a new effective date."""

    policy: str
    states: frozenset[int]
    accepted: int

    def last_is_pending(self, last: int) -> bool:
        """True when the newest point of the policy is pending (HEAD holds an undated change)."""
        return last in self.states


def pending_states(policy: str, steps: Steps, material: Judge, same: Judge | None = None) -> Pending:
    """Which of ``steps`` are pending: same effective date, text materially other than announced.

    Each point is compared with the text its effective date was announced with (the first
    point carrying it): editorial fixes add up to an editorial change, and a material
    change stays pending until a new date comes, or until it is undone. ``same(a, b)``
    says two points read alike: a point that reads like the last accepted one is accepted
    without a comparison.

    >>> d = dt.date(2026, 2, 1)
    >>> later = dt.date(2027, 1, 5)
    >>> found = pending_states("p", [(0, d), (1, d), (2, d), (3, later)], lambda a, b: b == 1)
    >>> sorted(found.states), found.accepted
    ([1], 3)
    """
    pending: set[int] = set()
    announced: tuple[int, dt.date] | None = None
    accepted = -1
    for state, effective in steps:
        if announced is None or effective != announced[1]:
            announced = (state, effective)
            accepted = state
        elif same is not None and same(accepted, state):
            accepted = state
        elif material(announced[0], state):
            pending.add(state)
        else:
            accepted = state
    return Pending(policy, frozenset(pending), accepted)


def judge(cache: RenderCache, key: str, base: Callable[[], Sources], head: Callable[[], Sources],
          policy: str) -> bool:
    """True when ``policy`` changed materially from ``base`` to ``head`` (remembered under ``key``).

    The override records the change adds count, as in ``redline diff``: an editor who
    recorded an editorial verdict for it publishes it as an editorial update.
    """
    known = known_verdict(cache, key)
    if known is not None:
        return known
    from redline.classify.overrides import new_records
    from redline.compare.changeset import compare_policy  # the comparison engine: only on a miss
    from redline.compare.pairing import pair_policies

    old, new = base(), head()
    pair = next((p for p in pair_policies(old.policies, new.policies) if p.id == policy), None)
    material = True
    if pair is not None and pair.old is not None and pair.new is not None:
        pair = dated(pair)
        from redline.diff import diff_facts

        facts = tuple(diff_facts(old.data.values, new.data.values))
        records = new_records(old.snapshot, new.snapshot)
        if not facts and not records and reads_alike(pair, old, new):
            material = False  # every input of its text is the same, in every locale: nothing to compare
        else:
            change = compare_policy(pair, old, new, facts, cache, records, source_only=True)
            changed = {section.id for section in change.report.sections}
            material = change.material or any(
                _translation_material(cache, pair, old, new, locale, changed, records)
                for locale in new.project.translated_locales)
    remember_verdict(cache, key, material)
    return material


def reads_alike(pair: PolicyPair, old: Sources, new: Sources) -> bool:
    """True when every input of the policy's text is the same at both points, in every locale.

    The same file (body and front matter), the same data (all of it, in its order, with what
    is translatable), the same partials, and in each translated locale the same catalog
    entries for what it translates (the render cache's key of the walk's render,
    :func:`~redline.render.cache.input_key`). Then the comparison finds nothing: no
    section, no fact, no front matter change, no translation; with no change record added
    either, the verdict is "not material" without rendering (another policy, or another
    policy's sentences in a catalog, changed between the two points).
    """
    from redline.render.env import partials_ids

    before, after = pair.old, pair.new
    if before is None or after is None or (before.path, before.body, before.meta) != \
            (after.path, after.body, after.meta):
        return False
    # by repr: a mapping's order and 12 against 12.0 are differences a text may show
    if repr(old.data.values) != repr(new.data.values) or old.data.translatable != new.data.translatable:
        return False
    folder = new.project.policies_dir
    if partials_ids(old.snapshot, folder) != partials_ids(new.snapshot, folder):
        return False
    return all(_same_inputs(pair, old, new, locale) for locale in new.project.translated_locales)


def _same_inputs(pair: PolicyPair, old: Sources, new: Sources, locale: str) -> bool:
    """The inputs of the walk's render of the policy in ``locale`` are the same at both points
    (a locale without a catalog at one point is not compared, as :func:`_translation_material` says)."""
    if locale not in old.catalogs or locale not in new.catalogs:
        return True
    assert pair.old is not None and pair.new is not None
    keys = {input_key(sources, sources.policy(side.id), locale,
                      {"allow_fallback": True, "meta": {"updated": side.effective}})
            for sources, side in ((old, pair.old), (new, pair.new))}
    return len(keys) == 1


def known_verdict(cache: RenderCache, key: str) -> bool | None:
    """The verdict :func:`judge` gave (in any run) for ``key``, or None when there is none yet."""
    known = cache.facts.get(_verdict_fact(key))
    return known if isinstance(known, bool) else None


def remember_verdict(cache: RenderCache, key: str, material: bool) -> None:
    """Keep the verdict for ``key`` in the cache's facts (read back by :func:`known_verdict`)."""
    cache.facts.put(_verdict_fact(key), material)


def _verdict_fact(key: str) -> str:
    return f"pending:{key}"


def _translation_material(cache: RenderCache, pair: PolicyPair, old: Sources, new: Sources, locale: str,
                          source_changed: set[str], records: Sequence[ChangeRecord] = ()) -> bool:
    """Whether a locale's own change (sections its source did not change) is material in its language.

    Renders as the history does (fallback allowed, ``updated`` at the effective date), so
    these are the walk's own renders, recalled from the cache.
    """
    from redline.compare.locales import LocaleChange, classify_locale
    from redline.diff import section_changes
    from redline.diff.documents import changed_only_in

    assert pair.old is not None and pair.new is not None
    if locale not in old.catalogs or locale not in new.catalogs:
        return False
    # the loaded policy (not the pair's, whose dates were filled in): the walk's render key
    sides = [(sources, sources.policy(side.id), {"updated": side.effective})
             for sources, side in ((old, pair.old), (new, pair.new))]
    keys = [input_key(sources, policy, locale, {"allow_fallback": True, "meta": meta})
            for sources, policy, meta in sides]
    if keys[0] == keys[1]:
        return False  # the same inputs give the same text: nothing to render
    # the walk's renders, recalled by their keys when it made them
    texts = [cache.render(sources, policy, locale, allow_fallback=True, meta=meta, key=key)
             for key, (sources, policy, meta) in zip(keys, sides, strict=True)]
    if texts[0].markdown == texts[1].markdown or changed_only_in(texts[0].markdown, texts[1].markdown,
                                                                  source_changed):
        return False  # the locale changed where its source did, or nowhere: no change of its own
    sections = section_changes(texts[0].markdown, texts[1].markdown)  # the layout is never asked here
    change = classify_locale(LocaleChange(locale, "compared", sections), source_changed, pair.id, records)
    return change.material


def dated(pair: PolicyPair) -> PolicyPair:
    """``pair`` with each side's ``updated`` held at its effective date when it declares none.

    The history renders every text that way; a comparison pins the old side's dates.
    """
    old, new = (_with_updated(side) for side in (pair.old, pair.new))
    return PolicyPair(old, new)


def _with_updated(source: PolicySource | None) -> PolicySource | None:
    if source is None or "updated" in source.meta:
        return source
    return dataclasses.replace(source, meta={**source.meta, "updated": source.effective})


def key_of(*parts: Iterable[tuple[str, str]] | str) -> str:
    """A key for a comparison: a hash of each side's files (path, blob id) and the policy."""
    text = "\n--\n".join(part if isinstance(part, str) else "\n".join(f"{p}={b}" for p, b in sorted(part))
                         for part in parts)
    return hashlib.sha256(text.encode()).hexdigest()


def undated_message(base: Sources, head: Sources, policy: str, today: dt.date, cache: RenderCache) -> str:
    """Why HEAD cannot be published: the gate's own words for the policy's undated material change."""
    from redline.classify.overrides import new_records
    from redline.compare.changeset import ChangeSet, compare_policy
    from redline.compare.gate import evaluate, notice_period
    from redline.compare.pairing import pair_policies
    from redline.diff import diff_facts

    pair = dated(next(p for p in pair_policies(base.policies, head.policies) if p.id == policy))
    facts = tuple(diff_facts(base.data.values, head.data.values))
    change = compare_policy(pair, base, head, facts, cache, new_records(base.snapshot, head.snapshot))
    line = effective_line(head, policy)
    try:
        period = notice_period(head, base)
    except RedlineError as error:
        return (f"{policy}: material change with no new effective date, and {error.what}: "
                f"state it in {error.where}, then set a new `effective:` in {line}")
    gate = evaluate(ChangeSet((change,), facts), today, period)
    check = gate.check(policy)
    if check is None or check.problem == "ok":
        return (f"{policy}: material change without a new effective date "
                f"(earliest allowed {gate.earliest}): set `effective:` in {line}")
    return check.message(gate.notice_date, gate.period).replace(f" in {check.path}", f" in {line}")


def effective_line(sources: Sources, policy: str) -> str:
    """``path:line`` of the policy's ``effective:`` front matter line (``path`` when not found)."""
    source = sources.policies[policy]
    raw = sources.snapshot.read(source.path) or b""
    for number, text in enumerate(raw.decode("utf-8", "replace").splitlines(), start=1):
        if text.startswith("effective:"):
            return f"{source.path}:{number}"
    return source.path
