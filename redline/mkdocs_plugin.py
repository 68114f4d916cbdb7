"""The MkDocs plugin: a thin adapter that hands Redline's pages to MkDocs.

``redline build`` sets :attr:`RedlinePlugin.pages`, :attr:`RedlinePlugin.locale` and
:attr:`RedlinePlugin.locales` before each locale's build. A plain ``mkdocs build`` /
``mkdocs serve`` (no driver) renders the source locale of the working tree itself, so
both stay usable.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import BaseConfigOption, Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from redline.cli import as_click_errors
from redline.config import PLUGIN_OPTIONS
from redline.i18n import ui
from redline.publish.arrange import title_first
from redline.publish.atomic import write_atomic
from redline.publish.chrome import alternates, finish_html, interface_words, material_language
from redline.publish.pages import SitePage
from redline.render.safety import sanitize_html

#: Redline's page chrome, shipped in the package: Material blocks, partials and assets.
THEME_DIR = str(Path(__file__).resolve().parent / "theme")


def _option(default: str | list[str] | None) -> BaseConfigOption[Any]:
    """The MkDocs declaration of one option of :data:`redline.config.PLUGIN_OPTIONS`."""
    if default is None:
        return opt.Optional(opt.Type(str))
    if isinstance(default, list):
        return opt.ListOfItems(opt.Type(str), default=default)
    return opt.Type(str, default=default)


#: options of the ``redline`` plugin entry in ``mkdocs.yml``, as :mod:`redline.config` declares them
RedlineConfig: type[Config] = type("RedlineConfig", (Config,), {
    name: _option(default) for name, default in PLUGIN_OPTIONS.items()})


class RedlinePlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Generate every page of one locale from Redline's renderings."""

    config_class = RedlineConfig

    def __init__(self) -> None:
        self.pages: list[SitePage] | None = None
        self.locale: str | None = None
        self.locales: list[str] = []
        self.site_root: str | None = None
        self.feeds = False

    @property
    def _locale(self) -> str:
        return self.locale or str(self.config["source_locale"])

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        locale = self._locale
        add_chrome(config)
        ui.use_project(Path(config.config_file_path).parent / self.config.locales_dir)
        config.theme["language"] = material_language(locale) or "en"  # reported by build (Material's words)
        config.theme["direction"] = ui.direction(locale)
        config.extra["alternate"] = alternates("", self.locales or [locale], self.site_root)
        config.extra["redline_locale"] = locale
        config.extra["redline_ui"] = interface_words(locale)
        config.extra["redline_feeds"] = self.feeds
        config.extra["redline_root"] = self.site_root  # the language chooser: hreflang x-default
        if self.pages is None:
            with as_click_errors():
                self.pages = _standalone_pages(Path(config.config_file_path).parent, locale)
        _search_language(config, locale)
        # The pages' own titles, in the locale: without a nav, Material names sections by folder (English).
        config.nav = [{page.title: page.path} for page in self.pages if page.in_nav]
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        docs = Path(config.docs_dir).resolve()
        kept = [f for f in files if Path(f.src_dir or "").resolve() != docs]
        generated = [_file(page, config) for page in self.pages or []]
        return Files(kept + generated)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # The sitemap's lastmod: the day the version's text last changed, not the build date
        # (an archived version never changes again; a search engine need not fetch it again).
        chrome = page.meta.get("redline")
        if isinstance(chrome, dict) and isinstance(chrome.get("updated"), str):
            page.update_date = chrome["updated"]
        return markdown

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        # MkDocs names a folder's section after the folder ("Changes", "Privacy"): use the
        # title of the folder's own page instead, which is in the page's language.
        titles = {page.path: page.title for page in self.pages or []}
        for section in _sections(nav.items):
            own = [titles[c.file.src_uri] for c in section.children if isinstance(c, Page)
                   and c.file.src_uri in titles and c.file.src_uri.endswith("index.md")]
            if own:
                section.title = own[0]
        return nav

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Defence in depth: policy text comes from pull requests.
        return sanitize_html(html)

    def on_page_context(self, context: Any, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        # hreflang alternates name this page in every locale (templates render one page at a time).
        config.extra["alternate"] = alternates(page.url, self.locales or [self._locale], self.site_root)
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return finish_html(title_first(output), self._locale)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        # 404.html is a template, not a page: it needs the same dir= and search dialog name.
        return finish_html(output_content, self._locale) if template_name == "404.html" else output_content

    # Last: Material's search plugin writes the index in its own on_post_build.
    @event_priority(-100)
    def on_post_build(self, config: MkDocsConfig) -> None:
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.is_file():
            write_atomic(index, utf8_index(index.read_bytes()), mode=index.stat().st_mode & 0o777)


def _search_language(config: MkDocsConfig, locale: str) -> None:
    """Search in the locale's language when Material ships lunr support for it (``lunr.ar``).

    Material takes the language from its own interface words, which name English for some
    languages it has support for (Arabic); an explicit ``lang`` in mkdocs.yml is kept.
    """
    search = config.plugins.get("material/search") or config.plugins.get("search")
    options = getattr(search, "config", None)
    if options is None or options.get("lang"):
        return
    language = locale.replace("-", "_").split("_")[0]
    lunr = Path(str(resources.files("material"))) / "templates/assets/javascripts/lunr/min"
    if language == "en" or (lunr / f"lunr.{language}.min.js").is_file():
        options["lang"] = [language]


def _sections(items: list[Any]) -> list[Section]:
    """Every section of a navigation tree, outer ones first."""
    found: list[Section] = []
    for item in items:
        if isinstance(item, Section):
            found.extend([item, *_sections(item.children)])
    return found


def add_chrome(config: MkDocsConfig) -> None:
    """Put Redline's theme folder (banner, versions, language switcher, styles) under the project's.

    The search path becomes: the project's ``custom_dir`` (customising only), Redline's
    chrome, then Material: every site gets the chrome without copying files, and a project
    still overrides any template or partial by putting one of the same name in its folder.
    """
    dirs: list[str] = config.theme.dirs
    if THEME_DIR in dirs:
        return
    dirs.insert(1 if config.theme.custom_dir else 0, THEME_DIR)


def _file(page: SitePage, config: MkDocsConfig) -> File:
    inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
    return File.generated(config, page.path, content=page.source(), inclusion=inclusion)


def _standalone_pages(root: Path, locale: str) -> list[SitePage]:
    from redline.publish.site import pages_for_worktree

    return pages_for_worktree(root, locale)


def utf8_index(data: bytes) -> bytes:
    """The search index as UTF-8 JSON: the same data, letters as themselves instead of ``\\uXXXX``.

    Material writes it ASCII-escaped, so each Cyrillic or Arabic letter costs six bytes, and
    every reader downloads the index on a first page view. Separators stay Material's.

    >>> utf8_index(b'{"docs":[{"title":"\\\\u041f\\\\u0440\\\\u0430\\\\u0432\\\\u0430"}]}').decode()
    '{"docs":[{"title":"Права"}]}'
    """
    text = json.dumps(json.loads(data), ensure_ascii=False, separators=(",", ":"))
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (an escaped half of a pair) has no UTF-8 form: keep the escaped index.
        return data


def plugin_of(config: MkDocsConfig) -> Any:
    """Return the Redline plugin instance of a loaded configuration."""
    return config.plugins["redline"]
