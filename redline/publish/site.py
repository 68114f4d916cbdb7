"""Which pages each locale's site has: renders every policy, then lays out the pages."""

from __future__ import annotations

from pathlib import Path

from redline.config import Project, load_project
from redline.load.snapshot import WorkTree
from redline.load.sources import Sources, load_sources
from redline.publish.pages import SitePage, locale_pages
from redline.render.render import Rendered, render_policy


def render_all(sources: Sources, locale: str, allow_fallback: bool = False) -> list[Rendered]:
    """Render every policy of ``sources`` in ``locale``."""
    return [render_policy(sources, pid, locale, allow_fallback=allow_fallback)
            for pid in sources.policies]


def site_pages(
    sources: Sources, allow_fallback: bool = False, locales: tuple[str, ...] | None = None
) -> dict[str, list[SitePage]]:
    """Every locale's pages for the working state of the sources."""
    wanted = locales or sources.project.locales
    return {locale: locale_pages(render_all(sources, locale, allow_fallback), locale)
            for locale in wanted}


def pages_for_worktree(root: Path, locale: str) -> list[SitePage]:
    """One locale's pages of the working tree at ``root`` (a plain ``mkdocs build``)."""
    project: Project = load_project(root)
    return site_pages(load_sources(WorkTree(root), project), locales=(locale,))[locale]
