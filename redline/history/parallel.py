"""Fill the render cache for a history walk in several processes, one group of locales each.

The walk itself stays serial and unchanged: workers only run the same walk for their
locales into the shared on-disk cache (:mod:`redline.render.store`), then answer the
pending questions of a share of the policies (which compare every locale, so they wait
for all renders), so the serial walk that follows finds every fact and rendering there
and is warm. Its result, warnings and
errors are therefore exactly those of a one-process run; a worker that fails is ignored
(the serial walk meets the same failure and reports it).

Pays only when there is much to render: on two cores a cold walk of the 20 × 4 × 1,000
synthetic history takes about half the time (``docs/benchmarks.md``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from redline.config import Project
from redline.errors import RedlineError
from redline.history.states import State, git_states, open_history
from redline.history.walk import changed_pairs, judge_share, load_history, revision_fact
from redline.jobs import JOBS_ENV, start_method, worker_count
from redline.render.cache import RenderCache
from redline.render.cachekey import cache_key

#: renders missing from the cache below which starting processes costs more than it saves
PREFILL_FROM = 200


def prefill(project: Project, states: Sequence[State], build_day: dt.date, allow_fallback: bool,
            cache: RenderCache) -> int:
    """Fill ``cache`` in worker processes when that pays; return how many workers ran (0: none)."""
    if cache.directory is None or len(project.locales) < 2:
        return 0
    workers = worker_count(len(project.locales), os.cpu_count(), os.environ.get(JOBS_ENV))
    if workers < 2 or missing_renders(project, states, cache) < PREFILL_FROM:
        return 0
    groups = [tuple(project.locales[start::workers]) for start in range(workers)]
    tasks = [(project, build_day, allow_fallback, group, cache.directory) for group in groups]
    context = multiprocessing.get_context(start_method())
    shares = [(project, build_day, allow_fallback, (start, workers), cache.directory)
              for start in range(workers)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        list(pool.map(fill, tasks))
        list(pool.map(judge, shares))  # the renders are all in the cache now: every locale can be compared
    cache.reload()
    return workers


def missing_renders(project: Project, states: Sequence[State], cache: RenderCache) -> int:
    """How many (state, policy, locale) the walk would have to render: changed, and no fact kept."""
    keys = [state.input_keys(project) for state in states]
    return sum(1 for index, changed in changed_pairs(keys) for pair in changed
               if cache.facts.get(revision_fact(keys[index][pair])) is None)


def fill(task: tuple[Project, dt.date, bool, tuple[str, ...], Path]) -> None:
    """Worker: walk the history for one group of locales into the cache folder."""
    project, build_day, allow_fallback, locales, directory = task
    own = dataclasses.replace(project, locales=locales)
    try:
        repo = open_history(own.root)
    except RedlineError:
        return
    try:
        # renders only: pending states are judged once, by the serial walk, over every locale
        load_history(own, git_states(repo, own, build_day), allow_fallback=allow_fallback,
                     cache=RenderCache(directory, cache_key(project.root, directory)), pending=False)
    except RedlineError:
        pass  # the serial walk meets the same error and reports it, with its context
    finally:
        repo.close()


def judge(task: tuple[Project, dt.date, bool, tuple[int, int], Path]) -> None:
    """Worker: answer the pending questions of one share of the policies into the cache folder."""
    project, build_day, allow_fallback, share, directory = task
    try:
        repo = open_history(project.root)
    except RedlineError:
        return
    try:
        judge_share(project, git_states(repo, project, build_day),
                    RenderCache(directory, cache_key(project.root, directory)), allow_fallback, share)
    except RedlineError:
        pass  # the serial walk meets the same error and reports it, with its context
    finally:
        repo.close()
