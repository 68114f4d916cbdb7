"""Drive MkDocs: one build per locale into a temporary folder, then swap it into place.

The only module besides the plugin that imports MkDocs. A failed build leaves the
previous ``site/`` untouched (nothing half-written).
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from redline.config import Project
from redline.errors import RedlineError
from redline.publish import ui
from redline.publish.pages import SitePage


def build_site(project: Project, pages: dict[str, list[SitePage]], site_dir: Path,
               build_date: dt.date | None = None, extra: Mapping[str, str] | None = None) -> None:
    """Build every locale's pages into ``site_dir/<locale>/`` and a language chooser at its root.

    Args:
        project: the project.
        pages: locale -> its pages.
        site_dir: the output folder (replaced only once every locale built).
        build_date: the day the site is built as of; also mkdocs' build date (sitemap).
        extra: more files (path relative to the site -> text), e.g. the notices and feeds.
    """
    from mkdocs.config import load_config

    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        with source_date(build_date):
            for locale in project.locales:
                config = load_config(str(project.root / "mkdocs.yml"), site_dir=str(staging / locale))
                _prepare(config, project, locale, pages[locale])
                _run(config, locale)
        (staging / "index.html").write_text(chooser_html(project, pages), encoding="utf-8")
        for name, text in sorted((extra or {}).items()):
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


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


def _prepare(config: object, project: Project, locale: str, pages: list[SitePage]) -> None:
    from redline.mkdocs_plugin import plugin_of

    base = str(getattr(config, "site_url", "") or "")
    setattr(config, "site_url", f"{base.rstrip('/')}/{locale}/" if base else None)  # noqa: B010
    plugin = plugin_of(config)  # type: ignore[arg-type]
    plugin.locale = locale
    plugin.pages = pages
    plugin.locales = list(project.locales)
    plugin.site_root = base or None


def _run(config: object, locale: str) -> None:
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
    for message in warnings.messages:
        print(f"WARNING: {message}", file=sys.stderr)


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
    """A small static page at the site root: one link per language."""
    items = "\n".join(
        f'    <li><a href="{loc}/" hreflang="{loc}" lang="{loc}" dir="{ui.direction(loc)}">'
        f"{html.escape(ui.language_name(loc))}</a></li>"
        for loc in project.locales
    )
    alternates = "\n".join(
        f'  <link rel="alternate" hreflang="{loc}" href="{loc}/">' for loc in project.locales
    )
    return (
        "<!doctype html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n  <meta charset=\"utf-8\">\n"
        "  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"  <link rel=\"icon\" href=\"{project.source_locale}/assets/images/favicon.png\">\n"
        f"  <title>{html.escape(ui.text('en', 'choose_language'))}</title>\n{alternates}\n"
        f"</head>\n<body>\n  <h1>{html.escape(ui.text('en', 'choose_language'))}</h1>\n"
        f"  <ul>\n{items}\n  </ul>\n</body>\n</html>\n"
    )
