"""What a first visit to one page transfers, gzip-compressed: the HTML and every asset it loads.

Assets are the stylesheets, scripts and icons the HTML links, and — because Material's
search worker fetches them on page load — the worker, the search index and the lunr
language files. Source maps are not counted (only developer tools fetch them).
"""

from __future__ import annotations

import gzip
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

LINK_RE = re.compile(r'<(?:link|script|img)\b[^>]*?\b(?:href|src)="([^"#?]+)[^"]*"', re.IGNORECASE)
#: ``<link rel="alternate">`` (other languages, feeds) and the like name documents a browser does
#: not fetch with the page: only a reader or a feed reader that follows them does
NOT_FETCHED_RE = re.compile(r'<link\b[^>]*\brel="(?:alternate|canonical|sitemap|author|license)"[^>]*>',
                            re.IGNORECASE)
CONFIG_RE = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.DOTALL)
ARTICLE_RE = re.compile(r"<article\b.*?</article>", re.DOTALL)
TOC_RE = re.compile(r'<nav class="md-nav md-nav--secondary".*?</nav>\s*</div>', re.DOTALL)


@dataclass(frozen=True)
class Weight:
    """Bytes of one page: its HTML raw and compressed, the assets compressed, and the chrome."""

    html: int
    html_gz: int
    assets_gz: int
    chrome: int

    @property
    def total_gz(self) -> int:
        """Everything a first visit transfers."""
        return self.html_gz + self.assets_gz


def gz(data: bytes) -> int:
    """Size gzip -6 (a typical web server) gives ``data``."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_weight(site: Path, page: Path) -> Weight:
    """Weigh ``page`` (an HTML file of the locale site rooted at ``site``)."""
    text = page.read_text(encoding="utf-8")
    fetched = NOT_FETCHED_RE.sub("", text)
    assets = {_local(site, page, url) for url in LINK_RE.findall(fetched)} | _search_files(site, page, text)
    found = [path for path in assets if path is not None and path.is_file() and path.suffix != ".map"]
    chrome = len(TOC_RE.sub("", ARTICLE_RE.sub("", text)).encode("utf-8"))
    return Weight(len(text.encode("utf-8")), gz(text.encode("utf-8")),
                  sum(gz(path.read_bytes()) for path in found), chrome)


def _local(site: Path, page: Path, url: str) -> Path | None:
    if "://" in url or url.startswith(("data:", "//", "mailto:")):
        return None
    if url.startswith("/"):
        return site / url.lstrip("/")
    return Path(posixpath.normpath((page.parent / url).as_posix()))


def _search_files(site: Path, page: Path, text: str) -> set[Path | None]:
    match = CONFIG_RE.search(text)
    if not match:
        return set()
    config = json.loads(match.group(1))
    worker = config.get("search")
    index = site / "search" / "search_index.json"
    if not worker or not index.is_file():
        return set()
    languages = json.loads(index.read_text(encoding="utf-8")).get("config", {}).get("lang", [])
    lunr = site / "assets" / "javascripts" / "lunr"
    files: set[Path | None] = {_local(site, page, worker), index}
    others = [lang for lang in languages if lang != "en"]
    if others:
        files |= {lunr / "min" / "lunr.stemmer.support.min.js", lunr / "min" / "lunr.multi.min.js"}
        files |= {lunr / "min" / f"lunr.{lang}.min.js" for lang in others}
    return files
