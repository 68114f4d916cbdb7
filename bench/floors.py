"""The floors: what the same pages cost in python-markdown alone and in plain MkDocs + Material.

``write_pages`` stores the pages ``redline build`` hands MkDocs (front matter included, so
archive pages keep ``search: exclude``) with a manifest of which are out of the navigation;
``mkdocs_floor`` builds them with the project's theme settings and Markdown extensions but
no Redline plugin and no overrides, one build per locale as Redline does.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

MANIFEST = "manifest.json"
FRONT_RE = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
#: the day every floor build is dated (sitemaps), so outputs can be compared byte for byte
EPOCH = "1600000000"


def write_pages(pages: dict[str, list[Any]], out: Path, config: Path | None = None) -> int:
    """Write every locale's pages under ``out/<locale>/``; return how many."""
    manifest: dict[str, Any] = {"config": str(config) if config else None, "locales": {}}
    for locale, items in pages.items():
        hidden = []
        for page in items:
            target = out / locale / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.source(), encoding="utf-8")
            if not page.in_nav:
                hidden.append(page.path)
        manifest["locales"][locale] = {"pages": len(items), "not_in_nav": hidden}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return sum(len(items) for items in pages.values())


def _markdown_setup(config: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    names: list[str] = []
    settings: dict[str, Any] = {}
    for item in config.get("markdown_extensions") or []:
        name = next(iter(item)) if isinstance(item, dict) else str(item)
        names.append(name)
        if isinstance(item, dict) and item[name]:
            settings[name] = item[name]
    return names, settings


def markdown_floor(docs: Path) -> dict[str, Any]:
    """Convert every page with python-markdown (same extensions), in this process."""
    import markdown

    names, settings = _markdown_setup(project_config(docs))
    converter = markdown.Markdown(extensions=names, extension_configs=settings)
    bodies = [FRONT_RE.sub("", p.read_text(encoding="utf-8")) for p in sorted(docs.glob("*/**/*.md"))]
    start = time.perf_counter()
    for body in bodies:
        converter.reset()
        converter.convert(body)
    seconds = time.perf_counter() - start
    words = sum(len(body.split()) for body in bodies)
    return {"seconds": seconds, "pages": len(bodies), "words": words}


class _Tolerant(yaml.SafeLoader):
    """Reads tags such as ``!!python/name`` as plain values."""


_Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)


def project_config(docs: Path) -> dict[str, Any]:
    """The project's ``mkdocs.yml`` the pages came from."""
    manifest = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
    found = yaml.load(Path(manifest["config"]).read_text(encoding="utf-8"), Loader=_Tolerant)
    return found if isinstance(found, dict) else {}


def plain_config(docs: Path, site: Path, locale: str) -> dict[str, Any]:
    """A plain MkDocs configuration for one locale's pre-rendered pages."""
    raw = project_config(docs)
    hidden = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))["locales"][locale]["not_in_nav"]
    theme = {k: v for k, v in (raw.get("theme") or {}).items() if k != "custom_dir"}
    plugins = [p for p in raw.get("plugins") or [] if not (isinstance(p, dict) and "redline" in p)]
    return {
        "site_name": raw.get("site_name", "floor"), "site_url": f"{raw.get('site_url') or ''}{locale}/",
        "use_directory_urls": raw.get("use_directory_urls", True),
        "docs_dir": str(docs / locale), "site_dir": str(site / locale),
        "theme": {**theme, "language": locale}, "plugins": plugins,
        "markdown_extensions": raw.get("markdown_extensions") or [],
        "not_in_nav": "\n".join(f"/{path}" for path in hidden),
    }


def build_locale(docs: Path, site: Path, locale: str) -> float:
    """One plain ``mkdocs build`` of a locale; return its seconds."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    with tempfile.NamedTemporaryFile("w", suffix=".yml", dir=docs, delete=False) as stream:
        yaml.safe_dump(plain_config(docs, site, locale), stream, allow_unicode=True)
    start = time.perf_counter()
    build(load_config(stream.name))
    os.unlink(stream.name)
    return time.perf_counter() - start


def mkdocs_floor(docs: Path, site: Path, jobs: int = 1) -> dict[str, Any]:
    """Build every locale with plain MkDocs, ``jobs`` locales at a time."""
    locales = list(json.loads((docs / MANIFEST).read_text(encoding="utf-8"))["locales"])
    start = time.perf_counter()
    if jobs <= 1:
        each = [build_locale(docs, site, locale) for locale in locales]
    else:
        with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
            each = list(pool.map(build_locale, [docs] * len(locales), [site] * len(locales), locales))
    return {"seconds": time.perf_counter() - start, "locales": dict(zip(locales, each, strict=True))}
