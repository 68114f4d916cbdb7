"""Fill the render cache for a history walk in several processes, a share of the policies each.

The walk itself stays serial and unchanged: workers only run the same walk for their
share of the policies (in every locale, so each can also judge its policies' pending
states) into the shared on-disk cache (:mod:`redline.render.store`), so the serial walk
that follows finds every fact, verdict and rendering there and is warm. Its result, warnings and
errors are therefore exactly those of a one-process run; a worker that fails is ignored
(the serial walk meets the same failure and reports it).

Pays only when there is much to render: on two cores a cold walk of the 20 × 4 × 1,000
synthetic history takes about half the time (``docs/benchmarks.md``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import multiprocessing
import os
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from redline.config import Project
from redline.errors import Failure, RedlineError
from redline.history.states import State, git_states, open_history
from redline.history.walk import changed_pairs, load_history, revision_fact
from redline.jobs import JOBS_ENV, start_method, worker_count
from redline.render.cache import RenderCache
from redline.render.cachekey import cache_key

#: renders missing from the cache below which starting processes costs more than it saves
PREFILL_FROM = 200


#: (project, build day, allow fallback, locales, policies or None for all, cache folder)
Task = tuple[Project, dt.date, bool, tuple[str, ...], "tuple[str, ...] | None", Path]


def prefill(project: Project, states: Sequence[State], build_day: dt.date, allow_fallback: bool,
            cache: RenderCache) -> int:
    """Fill ``cache`` in worker processes when that pays; return how many workers ran (0: none).

    Each worker takes a share of the policies in every locale: it renders them and judges
    their pending states (which compare every locale) with nothing to wait for. A project
    of one policy is shared by locales instead, and its pending states are judged serially.
    """
    if cache.directory is None:
        return 0
    most = worker_count(sys.maxsize, os.cpu_count(), os.environ.get(JOBS_ENV))  # a bad setting says so
    if most < 2 or missing_renders(project, states, cache) < PREFILL_FROM:
        return 0  # a warm walk stops here, before listing its policies
    policies = sorted({pid for state in states for pid, _ in state.input_keys(project)})
    by_policy = len(policies) >= 2
    shares = len(policies) if by_policy else len(project.locales)
    workers = worker_count(shares, os.cpu_count(), os.environ.get(JOBS_ENV))
    if workers < 2:
        return 0
    folder = cache.directory
    tasks: list[Task] = [
        (project, build_day, allow_fallback, project.locales, share, folder)
        for share in balanced(policies, _source_changes(project, states), workers)
    ] if by_policy else [
        (project, build_day, allow_fallback, tuple(project.locales[start::workers]), None, folder)
        for start in range(workers)]
    context = multiprocessing.get_context(start_method())
    # a worker killed (out of memory, a signal) breaks the pool: the serial walk does what it left
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool, \
            contextlib.suppress(BrokenProcessPool):
        list(pool.map(fill, tasks))
    cache.reload()
    return workers


def balanced(policies: Sequence[str], changes: dict[str, int], workers: int) -> list[tuple[str, ...]]:
    """``policies`` in ``workers`` shares of about equal work, the most changed first into the
    lightest share. A policy's work (its renders, its pending questions) grows with the states
    that change its text: ``changes``.

    >>> balanced(["a", "b", "c", "d"], {"a": 75, "b": 73, "c": 72, "d": 58}, 2)
    [('a', 'd'), ('b', 'c')]
    """
    shares: list[tuple[int, int, tuple[str, ...]]] = [(0, index, ()) for index in range(workers)]
    for policy in sorted(policies, key=lambda policy: (-changes.get(policy, 0), policy)):
        weight, index, share = min(shares)
        shares[index] = (weight + changes.get(policy, 0) + 1, index, (*share, policy))
    return [tuple(sorted(share)) for _, _, share in shares if share]


def _source_changes(project: Project, states: Sequence[State]) -> dict[str, int]:
    """Policy -> how many states change what its source-locale text reads."""
    changes: dict[str, int] = {}
    for _, changed in changed_pairs([state.input_keys(project) for state in states]):
        for pid in (pid for pid, locale in changed if locale == project.source_locale):
            changes[pid] = changes.get(pid, 0) + 1
    return changes


def missing_renders(project: Project, states: Sequence[State], cache: RenderCache) -> int:
    """How many (state, policy, locale) the walk would have to render: changed, and no fact kept."""
    keys = [state.input_keys(project) for state in states]
    return sum(1 for index, changed in changed_pairs(keys) for pair in changed
               if cache.facts.get(revision_fact(keys[index][pair])) is None)


def fill(task: Task) -> None:
    """Worker: walk the history for one share (of the policies, or of the locales) into the cache folder."""
    project, build_day, allow_fallback, locales, policies, directory = task
    own = dataclasses.replace(project, locales=locales)
    try:
        repo = open_history(own.root)
    except RedlineError:
        return
    try:
        # a share of the policies in every locale judges its pending states too (they compare every locale)
        load_history(own, git_states(repo, own, build_day), allow_fallback=allow_fallback,
                     cache=RenderCache(directory, cache_key(project.root, directory)),
                     pending=policies is not None, policies=frozenset(policies) if policies else None)
    except Failure:
        pass  # the serial walk meets the same error (or pending state) and reports it, with its context
    finally:
        repo.close()
