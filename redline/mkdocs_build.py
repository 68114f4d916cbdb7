"""Drive MkDocs: one build per locale into a temporary folder, then swap it into place.

The only module besides the plugin that imports MkDocs. A failed build leaves the
previous ``site/`` untouched (nothing half-written).
"""

from __future__ import annotations

import html
import logging
import os
import shutil
import tempfile
from pathlib import Path

from redline.config import Project
from redline.errors import RedlineError
from redline.publish import ui
from redline.publish.pages import SitePage


def build_site(project: Project, pages: dict[str, list[SitePage]], site_dir: Path) -> None:
    """Build every locale's pages into ``site_dir/<locale>/`` and a language chooser at its root."""
    from mkdocs.config import load_config

    site_dir = site_dir.resolve()
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        for locale in project.locales:
            config = load_config(str(project.root / "mkdocs.yml"), site_dir=str(staging / locale))
            _prepare(config, project, locale, pages[locale])
            _run(config, locale)
        (staging / "index.html").write_text(chooser_html(project, pages), encoding="utf-8")
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _prepare(config: object, project: Project, locale: str, pages: list[SitePage]) -> None:
    from redline.mkdocs_plugin import plugin_of

    base = str(getattr(config, "site_url", "") or "")
    setattr(config, "site_url", f"{base.rstrip('/')}/{locale}/" if base else None)  # noqa: B010
    plugin = plugin_of(config)  # type: ignore[arg-type]
    plugin.locale = locale
    plugin.pages = pages
    plugin.alternates = [
        {"name": ui.language_name(other), "link": f"/{other}/", "lang": other}
        for other in project.locales
    ]


def _run(config: object, locale: str) -> None:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        build(config)  # type: ignore[arg-type]
    except (Abort, MkDocsException) as error:
        raise RedlineError(f"mkdocs build of locale '{locale}' failed: {error}",
                           fix="read the warnings above; mkdocs.yml sets strict: true") from None


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
        f"  <title>{html.escape(ui.text('en', 'choose_language'))}</title>\n{alternates}\n"
        f"</head>\n<body>\n  <h1>{html.escape(ui.text('en', 'choose_language'))}</h1>\n"
        f"  <ul>\n{items}\n  </ul>\n</body>\n</html>\n"
    )
