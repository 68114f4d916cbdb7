"""Walk the states of history: render what changed, then lay revisions out as versions.

Each distinct (policy, locale, input files) renders once: a state only renders the
pairs whose input key differs from the state before it, and every render goes through
the content-addressed :class:`~redline.render.cache.RenderCache`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from redline.config import Project
from redline.errors import GitError, RedlineError
from redline.history.model import (
    PolicyHistory,
    Revision,
    Version,
    VersionPlan,
    canonical_ids,
    ids_of,
    plan_versions,
    withdrawn_on,
)
from redline.history.states import State
from redline.load.sources import Sources, load_sources
from redline.render.cache import RenderCache
from redline.render.render import render_policy

Pair = tuple[str, str]


@dataclass(frozen=True)
class History:
    """Every policy's versions, per locale.

    Attributes:
        locales: locale -> one :class:`PolicyHistory` per policy ever published, by id.
        warnings: earlier commits that could not be read (skipped, never silently).
        renders: how many renders ran (each distinct input once).
    """

    locales: dict[str, tuple[PolicyHistory, ...]]
    warnings: tuple[str, ...] = ()
    renders: int = 0


@dataclass
class _Walk:
    project: Project
    states: Sequence[State]
    allow_fallback: bool
    cache: RenderCache
    warnings: list[str] = field(default_factory=list)
    keys: list[dict[Pair, str]] = field(default_factory=list)

    def revisions(self) -> list[Revision]:
        self.keys = [self._keys(state) for state in self.states]
        found: list[Revision] = []
        previous: dict[Pair, str] = {}
        for index, keys in enumerate(self.keys):
            changed = [pair for pair, key in keys.items() if previous.get(pair) != key]
            previous = keys
            if changed:
                found.extend(self._render_state(index, changed))
        return found

    def _keys(self, state: State) -> dict[Pair, str]:
        return {(pid, locale): state.input_key(self.project, path, locale)
                for pid, path in state.policy_paths(self.project).items()
                for locale in self.project.locales}

    def _is_current(self, index: int, pairs: Sequence[Pair]) -> bool:
        """True when a state's inputs for one of ``pairs`` are still those of the newest state."""
        final = self.keys[-1]
        return any(final.get(pair) == self.keys[index][pair] for pair in pairs)

    def _render_state(self, index: int, changed: list[Pair]) -> list[Revision]:
        state = self.states[index]
        try:
            sources = self.sources(index)
        except RedlineError as error:
            self._skip(index, changed, error)
            return []
        revisions = []
        for pid, locale in changed:
            try:
                revisions.append(self._revision(index, sources, pid, locale))
            except RedlineError as error:
                self._skip(index, [(pid, locale)], error)
        self._check_translated(state, sources, revisions)
        return revisions

    def _skip(self, index: int, pairs: Sequence[Pair], error: RedlineError) -> None:
        # Today's sources must be right; an old commit that was broken on main was never published.
        # A damaged repository (GitError) is no such commit: what it hides was published, so stop.
        if isinstance(error, GitError) or self._is_current(index, pairs):
            raise error
        which = ", ".join(sorted({f"{pid} ({locale})" for pid, locale in pairs}))
        what = f"{error.where}: {error.what}" if error.where else error.what
        self.warnings.append(f"{self.states[index].label}: skipped {which}: {what}")

    def _check_translated(self, state: State, sources: Sources, revisions: list[Revision]) -> None:
        """A strict build fails on today's missing translations, with the renderer's own message."""
        if self.allow_fallback:
            return
        for revision in revisions:
            pair = (revision.policy, revision.locale)
            if not revision.complete and self._is_current(revision.state, [pair]):
                render_policy(sources, *pair)

    def sources(self, index: int) -> Sources:
        return load_sources(self.states[index].snapshot, self.project)

    def _revision(self, index: int, sources: Sources, pid: str, locale: str) -> Revision:
        policy = sources.policy(pid)
        # ``updated`` held at the effective date: the text alone decides what changed.
        rendered = self.cache.render(sources, pid, locale, allow_fallback=True,
                                     meta={"updated": policy.effective})
        digest = hashlib.sha256(f"{rendered.title}\0{rendered.markdown}".encode()).hexdigest()
        state = self.states[index]
        # A text older than its state's day is dated by what its front matter declares.
        declared = policy.meta.get("updated") or (None if state.dated else policy.effective)
        return Revision(
            policy=pid, locale=locale, effective=policy.effective, day=state.day, state=index,
            digest=digest, complete=not rendered.fallbacks, declared=declared,
            formerly=tuple(policy.meta.get("formerly", [])), label=state.label,
        )


def load_history(
    project: Project, states: Sequence[State], *, allow_fallback: bool = False,
    cache: RenderCache | None = None,
) -> History:
    """Render every state's changes and group them into versions, per policy and locale.

    Args:
        project: the project settings (locales, folders).
        states: the points of history, oldest first, the working tree last.
        allow_fallback: publish revisions whose translation is incomplete (marked).
        cache: where renders are kept (a fresh in-memory cache by default).
    """
    walk = _Walk(project, states, allow_fallback, cache or RenderCache())
    revisions = walk.revisions()
    canonical = canonical_ids({r.policy: r.formerly for r in revisions})
    loaded: dict[int, Sources] = {}
    locales = {locale: _locale_histories(walk, canonical, [r for r in revisions if r.locale == locale],
                                         loaded) for locale in project.locales}
    return History(locales, tuple(walk.warnings), walk.cache.misses)


def _locale_histories(walk: _Walk, canonical: dict[str, str], revisions: list[Revision],
                      loaded: dict[int, Sources]) -> tuple[PolicyHistory, ...]:
    """One locale's policy histories, by (latest) policy id."""
    policies = sorted({canonical[pid] for pid in ids_of(revisions)})
    return tuple(_policy_history(walk, canonical, policy,
                                 [r for r in revisions if canonical[r.policy] == policy], loaded)
                 for policy in policies)


def _policy_history(walk: _Walk, canonical: dict[str, str], policy: str, revisions: list[Revision],
                    loaded: dict[int, Sources]) -> PolicyHistory:
    aliases = tuple(sorted(pid for pid, name in canonical.items() if name == policy and pid != policy))
    names = {policy, *aliases}
    present = [(state.day, bool(names & set(state.policy_paths(walk.project))))
               for state in walk.states]
    plans = plan_versions(revisions, walk.allow_fallback)
    versions = tuple(_version(walk, plan, loaded) for plan in plans)
    return PolicyHistory(policy, revisions[0].locale, versions, aliases, withdrawn_on(present))


def _version(walk: _Walk, plan: VersionPlan, loaded: dict[int, Sources]) -> Version:
    source = plan.source
    if source.state not in loaded:
        loaded[source.state] = walk.sources(source.state)
    rendered = walk.cache.render(loaded[source.state], source.policy, source.locale, allow_fallback=True,
                                 meta={"updated": plan.updated})
    return Version(plan.effective, plan.updated, plan.announced, rendered, plan.changes)
