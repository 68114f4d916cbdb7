"""The history walk's pending step: ask :func:`~redline.history.pending.judge` about each
policy's points, in state order, then drop the pending ones.

The questions a policy's :func:`~redline.history.pending.pending_states` may ask are known
before it runs (each point against the point that announced its effective date), so they
are asked first, oldest point first across every policy: each state's sources load once
while its announced states stay loaded. A prefill worker asks those of its share of the
policies (:mod:`redline.history.parallel`): the serial walk then finds every answer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Hashable, Mapping, Sequence
from typing import Protocol

from redline.errors import CheckFailed, RedlineError
from redline.history.model import Revision
from redline.history.pending import judge, key_of, pending_states, remember_verdict, undated_message
from redline.history.states import State
from redline.load.sources import Sources
from redline.render.cache import RenderCache

#: the digests of a policy's text in every locale, as they stood at one state
Texts = tuple[tuple[str, str], ...]
#: policy -> state -> (effective date, the policy's id at that state)
Points = dict[str, dict[int, tuple[dt.date, str]]]
#: policy -> state -> its texts there
PolicyTexts = dict[str, dict[int, Texts]]


class Walk(Protocol):
    """What the pending step needs of a history walk."""

    states: Sequence[State]
    cache: RenderCache

    def sources(self, index: int) -> Sources:
        """The sources of state ``index``."""


def points_of(canonical: dict[str, str], revisions: list[Revision]) -> tuple[Points, PolicyTexts]:
    """Each policy's points (by latest id) and its texts at each of them."""
    points: Points = {}
    for revision in revisions:
        step = (revision.effective, revision.policy)
        points.setdefault(canonical[revision.policy], {})[revision.state] = step
    return points, _texts_at(canonical, revisions)


def questions(steps: Sequence[tuple[int, dt.date]], texts: Mapping[int, Hashable]) -> list[tuple[int, int]]:
    """The (announced, point) pairs ``pending_states`` may ask about: one per distinct text.

    >>> d, later = dt.date(2026, 2, 1), dt.date(2027, 1, 5)
    >>> questions([(0, d), (1, d), (2, d), (3, d), (4, later), (5, later)],
    ...           {0: "a", 1: "b", 2: "a", 3: "b", 4: "c", 5: "d"})
    [(0, 1), (4, 5)]
    """
    run = Run()
    return [(announced, state) for state, effective in steps
            if (announced := run.question(state, effective, texts[state])) is not None]


class Run:
    """One policy's run of points under one effective date: the point that announced it, and
    the texts seen since (each new one is one question)."""

    def __init__(self) -> None:
        self.announced: tuple[int, dt.date] | None = None
        self.seen: set[Hashable] = set()

    def question(self, state: int, effective: dt.date, text: Hashable) -> int | None:
        """The point to compare ``state`` with, or None: it announces a date, or reads as seen."""
        if self.announced is None or effective != self.announced[1]:
            self.announced, self.seen = (state, effective), {text}
            return None
        if text in self.seen:
            return None
        self.seen.add(text)
        return self.announced[0]


def judge_in_order(walk: Walk, points: Points, texts: PolicyTexts) -> None:
    """Ask every question of every policy, oldest point first."""
    asked = sorted((b, a, policy) for policy, steps in points.items()
                   for a, b in questions([(state, day) for state, (day, _) in sorted(steps.items())],
                                         texts[policy]))
    for b, a, policy in asked:
        material(walk, points[policy], texts[policy], a, b)


class Early:
    """Asks each policy's pending questions as the walk renders its points, oldest first.

    The same questions :func:`questions` finds (each point whose text is new since its
    effective date was announced, against the announcing point), asked while the point's
    sources are still loaded: asked afterwards, every point's sources are loaded again. The
    answers are kept in the cache's facts; :func:`without_pending` then finds them, and asks
    whatever this did not (a policy renamed in its history is grouped under its latest id
    there, by its id at each point here). A question that fails here is asked again there,
    which reports it.
    """

    def __init__(self, walk: Walk) -> None:
        self.walk = walk
        self.current: dict[str, dict[str, str]] = {}
        self.steps: dict[str, dict[int, tuple[dt.date, str]]] = {}
        self.texts: dict[str, dict[int, Texts]] = {}
        self.runs: dict[str, Run] = {}

    def step(self, index: int, revisions: Sequence[Revision]) -> None:
        """The walk rendered ``revisions`` of state ``index``."""
        for revision in revisions:
            self.current.setdefault(revision.policy, {})[revision.locale] = revision.digest
        for policy, effective in {r.policy: r.effective for r in revisions}.items():
            text = tuple(sorted(self.current[policy].items()))
            self.steps.setdefault(policy, {})[index] = (effective, policy)
            self.texts.setdefault(policy, {})[index] = text
            announced = self.runs.setdefault(policy, Run()).question(index, effective, text)
            if announced is not None:
                with contextlib.suppress(RedlineError):
                    material(self.walk, self.steps[policy], self.texts[policy], announced, index)


    def points(self, canonical: dict[str, str]) -> tuple[Points, PolicyTexts] | None:
        """What :func:`points_of` finds, already gathered here; None when a policy was renamed
        (this groups points by the id at each point, that by the latest id)."""
        if any(canonical.get(policy, policy) != policy for policy in self.steps):
            return None
        return self.steps, self.texts


def material(walk: Walk, steps: dict[int, tuple[dt.date, str]], text: dict[int, Texts], a: int, b: int
             ) -> bool:
    """Whether point ``b`` changes the policy materially from point ``a`` (remembered in the facts)."""
    pid = steps[b][1]
    key = key_of(walk.states[a].fingerprint, walk.states[b].fingerprint, pid)
    if text[a] == text[b]:
        remember_verdict(walk.cache, key, False)  # for the notices' walk, which renders nothing
        return False  # the same words in every locale (inputs changed, text did not)
    return judge(walk.cache, key, lambda: walk.sources(a), lambda: walk.sources(b), pid)


def without_pending(walk: Walk, canonical: dict[str, str], revisions: list[Revision],
                    today: dt.date, early: Early | None = None) -> list[Revision]:
    """The revisions minus pending ones; fail when a policy's newest state is pending.

    ``early``: the :class:`Early` that saw ``revisions`` as the walk rendered them (its points
    are taken when no policy was renamed).
    """
    known = early.points(canonical) if early is not None else None
    points, texts = known or points_of(canonical, revisions)
    judge_in_order(walk, points, texts)
    dropped: set[tuple[str, int]] = set()
    problems = []
    for policy, steps in sorted(points.items()):
        ordered = sorted(steps.items())

        def asked(a: int, b: int, steps: dict[int, tuple[dt.date, str]] = steps,
                  text: dict[int, Texts] = texts[policy]) -> bool:
            return material(walk, steps, text, a, b)

        def same(a: int, b: int, text: dict[int, Texts] = texts[policy]) -> bool:
            return text[a] == text[b]

        found = pending_states(policy, [(state, day) for state, (day, _) in ordered], asked, same)
        dropped |= {(policy, state) for state in found.states}
        last = ordered[-1][0]
        if found.last_is_pending(last):
            problems.append(undated_message(walk.sources(found.accepted), walk.sources(last), steps[last][1],
                                            today, walk.cache))
    if problems:
        walk.cache.save()
        raise CheckFailed("cannot publish: a material change has no effective date that honours the "
                          "notice period:\n  " + "\n  ".join(problems))
    return [r for r in revisions if (canonical[r.policy], r.state) not in dropped]


def _texts_at(canonical: dict[str, str], revisions: list[Revision]) -> PolicyTexts:
    """Policy -> state -> the digests of its text in every locale as they stood at that state."""
    current: dict[str, dict[str, str]] = {}
    found: PolicyTexts = {}
    for revision in sorted(revisions, key=lambda r: r.state):
        policy = canonical[revision.policy]
        texts = current.setdefault(policy, {})
        texts[revision.locale] = revision.digest
        found.setdefault(policy, {})[revision.state] = tuple(sorted(texts.items()))
    return found
