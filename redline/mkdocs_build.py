"""Drive MkDocs: one build per locale into a temporary folder, then swap it into place.

The only module besides the plugin that imports MkDocs. A failed build leaves the
previous ``site/`` untouched (nothing half-written). Locales share nothing, so they are
built in separate processes when there is more than one core (env ``REDLINE_JOBS``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import multiprocessing
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from redline.config import Project
from redline.errors import RedlineError
from redline.jobs import JOBS_ENV, start_method, worker_count
from redline.publish.pages import SitePage


def build_site(project: Project, pages: dict[str, list[SitePage]], site_dir: Path,
               build_date: dt.date | None = None, extra: Mapping[str, str] | None = None,
               built: Callable[[str], None] | None = None) -> None:
    """Build every locale's pages into ``site_dir/<locale>/`` and a language chooser at its root.

    Args:
        project: the project.
        pages: locale -> its pages.
        site_dir: the output folder (replaced only once every locale built).
        build_date: the day the site is built as of; also mkdocs' build date (sitemap).
        extra: more files (path relative to the site -> text), e.g. the notices and feeds.
        built: called with each locale once it is built, in locale order (a progress bar).

    Locales are built by :func:`worker_count` processes, started as :func:`start_method`
    says; a program that calls this while running other threads is re-imported by each
    worker, so its entry point must be guarded by ``if __name__ == "__main__"``.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    workers = worker_count(len(project.locales), os.cpu_count(), os.environ.get(JOBS_ENV))
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        feeds = {locale for locale in project.locales if f"notices/feeds/{locale}.atom.xml" in (extra or {})}
        jobs = [LocaleJob(project, locale, tuple(pages[locale]), staging / locale, build_date,
                          locale in feeds) for locale in project.locales]
        _build_locales(jobs, workers, built or _nothing)
        (staging / "index.html").write_text(chooser_html(project, pages), encoding="utf-8")
        (staging / "404.html").write_text(not_found_html(project), encoding="utf-8")
        for name, text in sorted((extra or {}).items()):
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@dataclass(frozen=True)
class LocaleJob:
    """One locale's MkDocs build: everything a worker process needs (picklable)."""

    project: Project
    locale: str
    pages: tuple[SitePage, ...]
    site_dir: Path
    build_date: dt.date | None
    feeds: bool = False  # the locale's feeds are published: pages link to them (autodiscovery)


@dataclass(frozen=True)
class LocaleOutcome:
    """What one locale's build said: its warnings, or the error that stopped it (picklable)."""

    warnings: tuple[str, ...] = ()
    error: RedlineError | None = None


def build_locale(job: LocaleJob) -> LocaleOutcome:
    """Build one locale's site into ``job.site_dir`` (in this process or a worker)."""
    from mkdocs.config import load_config

    try:
        with source_date(job.build_date):
            config = load_config(str(job.project.root / "mkdocs.yml"), site_dir=str(job.site_dir))
            _prepare(config, job.project, job.locale, list(job.pages), job.feeds)
            return LocaleOutcome(tuple(_run(config, job.locale)))
    except RedlineError as error:
        # Pickled with its attributes (where, what, fix): the parent raises it as it is.
        return LocaleOutcome(error=error)


def _nothing(locale: str) -> None:
    """No progress to show."""


def _build_locales(jobs: Sequence[LocaleJob], workers: int, built: Callable[[str], None]) -> None:
    """Run the builds, one process per worker when ``workers`` > 1; report them in locale order."""
    if workers <= 1:
        # A generator: a failing locale stops the build before the next one starts.
        _report((build_locale(job) for job in jobs), jobs, built)
        return
    context = multiprocessing.get_context(start_method())
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(build_locale, job) for job in jobs]
        try:
            _report((_result(job, future) for job, future in zip(jobs, futures, strict=True)), jobs, built)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _result(job: LocaleJob, future: Future[LocaleOutcome]) -> LocaleOutcome:
    try:
        return future.result()
    except BrokenProcessPool:
        raise RedlineError(f"a build process stopped unexpectedly (killed, or out of memory?) before "
                           f"locale '{job.locale}' was built",
                           fix=f"run again with {JOBS_ENV}=1 to build one locale at a time in this "
                               "process and see what stops it") from None


def _report(outcomes: Iterable[LocaleOutcome], jobs: Sequence[LocaleJob],
            built: Callable[[str], None]) -> None:
    """Print each locale's warnings in order; raise the first locale's error (as a serial build would)."""
    for outcome, job in zip(outcomes, jobs, strict=False):
        if outcome.error is not None:
            raise outcome.error from None
        for message in outcome.warnings:
            print(f"WARNING: {message}", file=sys.stderr)
        built(job.locale)


@contextmanager
def source_date(day: dt.date | None) -> Iterator[None]:
    """Set ``SOURCE_DATE_EPOCH`` to ``day`` (midnight UTC) while building: a deterministic sitemap."""
    if day is None:
        yield
        return
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(day.timetuple()))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def _prepare(config: object, project: Project, locale: str, pages: list[SitePage], feeds: bool) -> None:
    from redline.mkdocs_plugin import plugin_of

    base = str(getattr(config, "site_url", "") or "")
    setattr(config, "site_url", f"{base.rstrip('/')}/{locale}/" if base else None)  # noqa: B010
    plugin = plugin_of(config)  # type: ignore[arg-type]
    plugin.locale = locale
    plugin.pages = pages
    plugin.locales = list(project.locales)
    plugin.site_root = base or None
    plugin.feeds = feeds


def _run(config: object, locale: str) -> list[str]:
    """Build one configured locale; return the warnings MkDocs logged, or raise them as an error."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)
    # In strict mode mkdocs counts warnings but prints none: keep them, so the error can say what they were.
    warnings = _Warnings()
    logger.addHandler(warnings)
    try:
        build(config)  # type: ignore[arg-type]
    except (Abort, MkDocsException) as error:
        said = "".join(f"\n  {message}" for message in warnings.messages)
        raise RedlineError(f"mkdocs build of locale '{locale}' failed: {error}{said}",
                           fix="fix each warning listed (mkdocs.yml sets strict: true)") from None
    finally:
        logger.removeHandler(warnings)
    return warnings.messages


class _Warnings(logging.Handler):
    """Keeps the text of every warning MkDocs logs."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _swap(staging: Path, site_dir: Path) -> None:
    old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def chooser_html(project: Project, pages: dict[str, list[SitePage]]) -> str:
    """A small static page at the site root: one link per language (:mod:`redline.publish.root`)."""
    from redline.publish.root import chooser_html as root_page

    return root_page(project.locales, project.source_locale, project.site_name)


def not_found_html(project: Project) -> str:
    """The site's root 404 page, in every locale (:mod:`redline.publish.root`)."""
    from urllib.parse import urlsplit

    from redline.publish.root import not_found_html as root_404

    return root_404(project.locales, project.source_locale, urlsplit(project.site_url).path or "/")
