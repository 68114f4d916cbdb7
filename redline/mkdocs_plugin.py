"""The MkDocs plugin: a thin adapter that hands Redline's pages to MkDocs.

``redline build`` sets :attr:`RedlinePlugin.pages`, :attr:`RedlinePlugin.locale` and
:attr:`RedlinePlugin.locales` before each locale's build. A plain ``mkdocs build`` /
``mkdocs serve`` (no driver) renders the source locale of the working tree itself, so
both stay usable.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from redline.publish import ui
from redline.publish.chrome import alternates, finish_html, interface_words
from redline.publish.pages import SitePage
from redline.render.safety import sanitize_html


class RedlineConfig(Config):  # type: ignore[no-untyped-call]
    """Options of the ``redline`` plugin entry in ``mkdocs.yml``."""

    source_locale = opt.Type(str, default="en")
    locales = opt.ListOfItems(opt.Type(str), default=["en"])
    policies_dir = opt.Type(str, default="policies")
    locales_dir = opt.Type(str, default="locales")
    history_start = opt.Optional(opt.Type(str))


class RedlinePlugin(BasePlugin[RedlineConfig]):  # type: ignore[no-untyped-call]
    """Generate every page of one locale from Redline's renderings."""

    def __init__(self) -> None:
        self.pages: list[SitePage] | None = None
        self.locale: str | None = None
        self.locales: list[str] = []
        self.site_root: str | None = None

    @property
    def _locale(self) -> str:
        return self.locale or self.config.source_locale

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        locale = self._locale
        config.theme["language"] = locale
        config.theme["direction"] = ui.direction(locale)
        config.extra["alternate"] = alternates("", self.locales or [locale], self.site_root)
        config.extra["redline_locale"] = locale
        config.extra["redline_ui"] = interface_words(locale)
        if self.pages is None:
            self.pages = _standalone_pages(Path(config.config_file_path).parent, locale)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        docs = Path(config.docs_dir).resolve()
        kept = [f for f in files if Path(f.src_dir or "").resolve() != docs]
        generated = [_file(page, config) for page in self.pages or []]
        return Files(kept + generated)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Defence in depth: policy text comes from pull requests.
        return sanitize_html(html)

    def on_page_context(self, context: Any, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        # hreflang alternates name this page in every locale (templates render one page at a time).
        config.extra["alternate"] = alternates(page.url, self.locales or [self._locale], self.site_root)
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return finish_html(output, self._locale)


def _file(page: SitePage, config: MkDocsConfig) -> File:
    inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
    return File.generated(config, page.path, content=page.source(), inclusion=inclusion)


def _standalone_pages(root: Path, locale: str) -> list[SitePage]:
    from redline.publish.site import pages_for_worktree

    return pages_for_worktree(root, locale)


def plugin_of(config: MkDocsConfig) -> Any:
    """Return the Redline plugin instance of a loaded configuration."""
    return config.plugins["redline"]
