"""Fill the cache for a cold changelog in several processes, one run of versions each.

The changelog itself stays serial and unchanged: each worker judges which commit is the
text of the versions of a contiguous part (the pending check of those versions and of the
ones they replaced), then computes their notices (neighbours compare the same commits, so
each worker loads the sources of few of them), their texts in every locale and their
schema check, into the shared on-disk cache. The serial run that follows finds all of it there and is
warm, so its notices, files, warnings and errors are those of a one-process run; a
worker that fails is ignored (the serial run meets the same failure and reports it).

Pays only when many notices are missing: a worker walks the history again (warm: its
front matter is in the cache) before it compares anything.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from redline.config import Project
from redline.errors import RedlineError
from redline.jobs import JOBS_ENV, start_method, worker_count
from redline.notices.build import Setting, notices_of
from redline.notices.wording import Wording

#: notices missing from the cache below which starting processes costs more than it saves
PREFILL_FROM = 40
Task = tuple[Project, str, str, Wording, Path, int, int, "dt.date | None"]


def prefill(project: Project, ref: str, setting: Setting, work: list[int], missing: int) -> int:
    """Fill ``setting.cache`` in worker processes when that pays; return how many ran (0: none).

    ``work`` weighs each version (its notice, its pending check), ``missing`` counts the notices
    and verdicts the cache lacks. Each worker judges what its part needs before its notices:
    one pass, the sources it loads serve both.
    """
    cache = setting.cache
    if cache.directory is None or missing < PREFILL_FROM:
        return 0
    workers = worker_count(len(work), os.cpu_count(), os.environ.get(JOBS_ENV))
    if workers < 2:
        return 0
    cache.save()  # the front matter the walk just read: the workers' walks are then warm
    bounds = split(work, workers)
    tasks: list[Task] = [(project, ref, setting.site_url, setting.wording, cache.directory, start, stop,
                          setting.today) for start, stop in itertools.pairwise(bounds)]
    context = multiprocessing.get_context(start_method())
    # a worker killed (out of memory, a signal) breaks the pool: the serial run does what it left
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool, \
            contextlib.suppress(BrokenProcessPool):
        list(pool.map(fill, tasks))
    cache.reload()
    return workers


def split(work: list[int], parts: int) -> list[int]:
    """Bounds of ``parts`` contiguous runs of ``work`` with about equal sums (by count when all is 0).

    >>> split([2, 2, 1, 1, 1, 1], 2), split([0, 0, 0], 2), split([1], 2)
    ([0, 2, 6], [0, 1, 3], [0, 1, 1])
    """
    total = sum(work)
    if total == 0:
        return [len(work) * part // parts for part in range(parts + 1)]
    bounds, done = [0], 0
    for index, amount in enumerate(work):
        done += amount
        while len(bounds) < parts and done * parts >= total * len(bounds):
            bounds.append(index + 1)
    return bounds + [len(work)] * (parts + 1 - len(bounds))


def fill(task: Task) -> None:
    """Worker: the notices of versions ``start:stop``, their texts and schema checks, into the cache.

    Its errors are dropped: the serial run meets the same error and reports it, with its context.
    """
    from redline import gitio
    from redline.load.schemas import notice_errors
    from redline.notices.build import Setting
    from redline.publish.emails import notice_templates
    from redline.render.cache import RenderCache
    from redline.render.cachekey import cache_key

    project, ref, site_url, wording, directory, start, stop, today = task
    cache = RenderCache(directory, cache_key(project.root, directory))
    try:
        repo = gitio.open_repo(project.root)
    except RedlineError:
        return
    try:
        notices = notices_of(repo, project, Setting(site_url, wording, cache, today=today), ref,
                             slice(start, stop))
        templates = notice_templates(project, wording, cache)
        for notice in notices:
            notice_errors(0, notice.to_json(), cache.facts)
            for locale in project.locales:
                templates.texts(notice, locale)
    except RedlineError:
        pass
    finally:
        repo.close()
        cache.save()
