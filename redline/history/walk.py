"""Walk the states of history: render what changed, then lay revisions out as versions.

Each distinct (policy, locale, input files) renders once: a state only renders the
pairs whose input key differs from the state before it, and every render goes through
the content-addressed :class:`~redline.render.cache.RenderCache`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from redline.config import Project
from redline.errors import GitError, RedlineError
from redline.history.model import (
    PolicyHistory,
    Revision,
    Version,
    VersionPlan,
    canonical_ids,
    plan_versions,
    withdrawn_on,
)
from redline.history.pendingwalk import Early, without_pending
from redline.history.states import State
from redline.load.sources import Sources, load_sources
from redline.render.cache import RenderCache
from redline.render.render import Rendered, render_policy

Pair = tuple[str, str]
#: sources of states kept loaded: the newest few, and the announced state of each policy being judged
LOADED = 32
#: (policy, effective, the day the history gives) -> the notice date
Dated = Callable[[str, dt.date, dt.date], dt.date]
Present = list[tuple[dt.date, set[str]]]


@dataclass(frozen=True)
class History:
    """Every policy's versions, per locale.

    Attributes:
        locales: locale -> one :class:`PolicyHistory` per policy ever published, by id.
        warnings: earlier commits that could not be read (skipped, never silently).
        renders: how many renders ran in this process (each distinct input once).
        workers: processes that filled the render cache first (0: none), see
            :mod:`redline.history.parallel`.
    """

    locales: dict[str, tuple[PolicyHistory, ...]]
    warnings: tuple[str, ...] = ()
    renders: int = 0
    workers: int = 0


@dataclass
class _Walk:
    project: Project
    states: Sequence[State]
    allow_fallback: bool
    cache: RenderCache
    warnings: list[str] = field(default_factory=list)
    keys: list[dict[Pair, str]] = field(default_factory=list)
    loaded: OrderedDict[int, Sources] = field(default_factory=OrderedDict)
    only: frozenset[str] | None = None
    early: Early | None = None

    def revisions(self, asking: bool = False) -> list[Revision]:
        """Every changed pair of every state rendered; with ``asking``, each state's pending
        questions asked while its sources are loaded (:class:`~redline.history.pendingwalk.Early`)."""
        self.keys = [state.input_keys(self.project) for state in self.states]
        early = self.early = Early(self) if asking else None
        found: list[Revision] = []
        for index, changed in changed_pairs(self.keys):
            mine = [pair for pair in changed if self.only is None or pair[0] in self.only]
            rendered = self._render_state(index, mine) if mine else []
            if early is not None:
                early.step(index, rendered)
            found.extend(rendered)
        return found

    def _is_current(self, index: int, pairs: Sequence[Pair]) -> bool:
        """True when a state's inputs for one of ``pairs`` are still those of the newest state."""
        final = self.keys[-1]
        return any(final.get(pair) == self.keys[index][pair] for pair in pairs)

    def _render_state(self, index: int, changed: list[Pair]) -> list[Revision]:
        failed = self.cache.facts.get(f"state-failed:{self.states[index].fingerprint}")
        if failed is not None:
            self._skip(index, changed, RedlineError(failed["what"], where=failed["where"], fix=failed["fix"]))
            return []
        revisions = []
        for pid, locale in changed:
            try:
                revisions.append(self._revision(index, pid, locale))
            except _LoadFailed as failure:
                self._skip(index, changed, failure.error)
                return []
            except RedlineError as error:
                self._skip(index, [(pid, locale)], error)
        self._check_translated(revisions)
        return revisions

    def _skip(self, index: int, pairs: Sequence[Pair], error: RedlineError) -> None:
        # Today's sources must be right; an old commit that was broken on main was never published.
        # A damaged repository (GitError) is no such commit: what it hides was published, so stop.
        if isinstance(error, GitError) or self._is_current(index, pairs):
            raise error
        which = ", ".join(sorted({f"{pid} ({locale})" for pid, locale in pairs}))
        what = f"{error.where}: {error.what}" if error.where else error.what
        self.warnings.append(f"{self.states[index].label}: skipped {which}: {what}")

    def _check_translated(self, revisions: list[Revision]) -> None:
        """A strict build fails on today's missing translations, with the renderer's own message."""
        if self.allow_fallback:
            return
        for revision in revisions:
            pair = (revision.policy, revision.locale)
            if not revision.complete and self._is_current(revision.state, [pair]):
                sources = self.sources(revision.state)
                render_policy(sources, sources.policy(revision.policy), revision.locale)

    def sources(self, index: int) -> Sources:
        """The sources of state ``index`` (the last few are kept)."""
        if index in self.loaded:
            self.loaded.move_to_end(index)  # least recently used goes first: a version's first state stays
            return self.loaded[index]
        sources = load_sources(self.states[index].snapshot, self.project)
        self.loaded[index] = sources
        if len(self.loaded) > LOADED:
            self.loaded.popitem(last=False)
        return sources

    def _state_sources(self, index: int) -> Sources:
        try:
            return self.sources(index)
        except GitError:
            raise
        except RedlineError as error:
            self.cache.facts.put(f"state-failed:{self.states[index].fingerprint}",
                                 {"what": error.what, "where": error.where, "fix": error.fix})
            raise _LoadFailed(error) from None

    def _revision(self, index: int, pid: str, locale: str) -> Revision:
        state = self.states[index]
        fact_key = revision_fact(self.keys[index][(pid, locale)])
        fact = self.cache.facts.get(fact_key)
        if fact is None:
            fact = self._render_fact(index, pid, locale)
            self.cache.facts.put(fact_key, fact)
        effective = dt.date.fromisoformat(fact["effective"])
        # A text older than its state's day is dated by what its front matter declares.
        declared = fact["updated"] or (None if state.dated else fact["effective"])
        return Revision(
            policy=pid, locale=locale, effective=effective, day=state.day, state=index,
            digest=fact["digest"], complete=fact["complete"],
            declared=dt.date.fromisoformat(declared) if declared else None,
            formerly=tuple(fact["formerly"]), label=state.label,
        )

    def _render_fact(self, index: int, pid: str, locale: str) -> dict[str, Any]:
        sources = self._state_sources(index)
        policy = sources.policy(pid)
        # ``updated`` held at the effective date: the text alone decides what changed.
        key, rendered = self.cache.render_keyed(sources, policy, locale, allow_fallback=True,
                                                meta={"updated": policy.effective})
        digest = hashlib.sha256(f"{rendered.title}\0{rendered.markdown}".encode()).hexdigest()
        updated = policy.meta.get("updated")
        return {"digest": digest, "render": key, "complete": not rendered.fallbacks,
                "effective": policy.effective.isoformat(),
                "updated": updated.isoformat() if updated else None,
                "formerly": list(policy.meta.get("formerly", []))}


def changed_pairs(keys: Sequence[dict[Pair, str]]) -> Iterator[tuple[int, list[Pair]]]:
    """(index, pairs whose input key differs from the state before) of each state that changed."""
    previous: dict[Pair, str] = {}
    for index, current in enumerate(keys):
        changed = [pair for pair, key in current.items() if previous.get(pair) != key]
        previous = current
        if changed:
            yield index, changed


def revision_fact(key: str) -> str:
    """The facts key of what a render of these input files gave."""
    return f"revision:{key}"


class _LoadFailed(Exception):
    """A state's sources do not load: every pair of it is skipped."""

    def __init__(self, error: RedlineError) -> None:
        super().__init__(error.what)
        self.error = error


def load_history(
    project: Project, states: Sequence[State], *, allow_fallback: bool = False,
    cache: RenderCache | None = None, build_day: dt.date | None = None, dates: Dated | None = None,
    pending: bool = True, policies: frozenset[str] | None = None,
) -> History:
    """Render every state's changes and group them into versions, per policy and locale.

    Args:
        project: the project settings (locales, folders).
        states: the points of history, oldest first, the working tree last.
        allow_fallback: publish revisions whose translation is incomplete (marked).
        cache: where renders are kept (a fresh in-memory cache by default).
        build_day: the build date (the notice date of an undated change at HEAD, for its message).
        dates: the notice date of each version, from the previous publication
            (:mod:`redline.notices.previous`); a version's text is never updated before it.
        pending: judge pending states (False: render only, as a prefill worker of some locales does).
        policies: walk these policy ids only (a prefill worker's share).

    Raises:
        CheckFailed: the newest state of a policy changes it materially with no new effective
            date (see :mod:`redline.history.pending`): it must never be published.
    """
    walk = _Walk(project, states, allow_fallback, cache or RenderCache(), only=policies)
    revisions = walk.revisions(asking=pending)
    canonical = canonical_ids({r.policy: r.formerly for r in revisions})
    if pending:
        revisions = without_pending(walk, canonical, revisions, build_day or states[-1].day, walk.early)
    present = [(state.day, set(state.policy_paths(project))) for state in states]
    by_locale: dict[str, list[Revision]] = {locale: [] for locale in project.locales}
    for revision in revisions:
        by_locale[revision.locale].append(revision)
    plans = {locale: _dated(_locale_plans(walk, canonical, found), dates)
             for locale, found in by_locale.items()}
    texts = _texts(walk, [plan for found in plans.values() for _, versions in found for plan in versions])
    locales = {locale: tuple(_policy_history(canonical, policy, versions, texts, present)
                             for policy, versions in found)
               for locale, found in plans.items()}
    walk.cache.save()
    return History(locales, tuple(walk.warnings), walk.cache.misses)


def _locale_plans(walk: _Walk, canonical: dict[str, str], revisions: list[Revision]
                  ) -> list[tuple[str, list[VersionPlan]]]:
    """One locale's policies (by latest id) and the versions planned for each."""
    grouped: dict[str, list[Revision]] = {}
    for revision in revisions:
        grouped.setdefault(canonical[revision.policy], []).append(revision)
    return [(policy, plan_versions(grouped[policy], walk.allow_fallback)) for policy in sorted(grouped)]


Plans = list[tuple[str, list[VersionPlan]]]


def _dated(found: Plans, dates: Dated | None) -> Plans:
    """Each version announced on its published notice date, and last updated no earlier."""
    if dates is None:
        return found
    return [(policy, [_announce(plan, dates(policy, plan.effective, plan.announced)) for plan in plans])
            for policy, plans in found]


def _announce(plan: VersionPlan, day: dt.date) -> VersionPlan:
    first = plan.changes[0].declared is not None and plan.updated == plan.changes[0].declared
    updated = plan.updated if first else max(plan.updated, day)
    return dataclasses.replace(plan, announced=day, updated=updated)


def _policy_history(canonical: dict[str, str], policy: str, plans: list[VersionPlan],
                    texts: dict[int, Rendered], present: Present) -> PolicyHistory:
    aliases = tuple(sorted(pid for pid, name in canonical.items() if name == policy and pid != policy))
    names = {policy, *aliases}
    versions = tuple(Version(plan.effective, plan.updated, plan.announced, texts[id(plan)], plan.changes)
                     for plan in plans)
    withdrawn = withdrawn_on([(day, bool(names & ids)) for day, ids in present])
    return PolicyHistory(policy, plans[0].source.locale, versions, aliases, withdrawn)


def _texts(walk: _Walk, plans: list[VersionPlan]) -> dict[int, Rendered]:
    """Each version's text (by ``id`` of its plan), rendered in state order: each state loads once."""
    known = [walk.cache.facts.get(_text_fact(walk, plan)) for plan in plans]
    walk.cache.prefetch([key for key in known if isinstance(key, str)])
    return {id(plan): _text(walk, plan) for plan in sorted(plans, key=lambda plan: plan.source.state)}


def _text_fact(walk: _Walk, plan: VersionPlan) -> str:
    source = plan.source
    return f"version:{walk.keys[source.state][(source.policy, source.locale)]}:{plan.updated}"


def _text(walk: _Walk, plan: VersionPlan) -> Rendered:
    """The version's text: from the cache by the key recorded for its state, else rendered."""
    source = plan.source
    fact_key = _text_fact(walk, plan)
    known = walk.cache.facts.get(fact_key)
    if known is None and plan.updated == source.effective:
        # the render the walk made of this state (``updated`` at the effective date): the same key
        fact = walk.cache.facts.get(revision_fact(walk.keys[source.state][(source.policy, source.locale)]))
        known = fact.get("render") if isinstance(fact, dict) else None
    rendered = walk.cache.recall(known) if isinstance(known, str) else None
    if rendered is None:
        sources = walk.sources(source.state)
        known, rendered = walk.cache.render_keyed(sources, sources.policy(source.policy), source.locale,
                                                  allow_fallback=True, meta={"updated": plan.updated})
    walk.cache.facts.put(fact_key, known)
    return rendered
