"""Render once: a cache keyed by the content hashes of everything a render reads.

The key (:func:`redline.render.inputs.render_key`) covers the policy source, the data it
names, the catalog entries it uses, the partials, the locale, the options and the engine
version, so a hit is always the same text. The newest entries live in memory for a run
and, when a folder is given, on disk across runs (:mod:`redline.render.store`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections import OrderedDict
from pathlib import Path
from typing import Any, Literal

from redline.errors import RedlineError
from redline.load.policy import PolicySource
from redline.load.sources import Sources
from redline.render.cachekey import cache_key
from redline.render.facts import Facts
from redline.render.inputs import page_unread, render_key
from redline.render.render import Rendered, render_policy
from redline.render.store import Store, compress, decompress


def input_key(sources: Sources, policy: PolicySource, locale: str, options: dict[str, Any]) -> str:
    """The content hash of every input of one render (see :mod:`redline.render.inputs`)."""
    return render_key(sources, policy, locale, options)


#: renderings a cache keeps in memory (the disk keeps the rest): about 30 KB each
MEMORY_ENTRIES = 4096


class RenderCache:
    """Rendered policies by input hash, in memory and optionally on disk."""

    def __init__(self, directory: Path | None = None, key: bytes | Literal["state"] | None = "state") -> None:
        self.directory = directory
        # the signing key (render/cachekey.py), by default the user's; without one the store opens nothing
        signing = cache_key(directory) if directory and key == "state" else key
        self.store = Store(directory, signing if isinstance(signing, bytes) else None) if directory else None
        self.memory: OrderedDict[str, Rendered] = OrderedDict()
        self.facts = Facts(self.store)
        self.hits = 0
        self.misses = 0

    def render(self, sources: Sources, policy: PolicySource, locale: str, *,
               allow_fallback: bool = False, meta: dict[str, Any] | None = None, key: str | None = None
               ) -> Rendered:
        """Return the rendering of ``policy`` (one of ``sources``) in ``locale``, rendering only on a miss.

        ``key``: the :func:`input_key` of these arguments, when the caller has it already.
        """
        return self.render_keyed(sources, policy, locale, allow_fallback=allow_fallback, meta=meta,
                                 key=key)[1]

    def render_keyed(self, sources: Sources, policy: PolicySource, locale: str, *,
                     allow_fallback: bool = False, meta: dict[str, Any] | None = None, key: str | None = None
                     ) -> tuple[str, Rendered]:
        """:meth:`render`, and the key the rendering is kept under (for :meth:`recall`)."""
        if key is None:
            key = input_key(sources, policy, locale, {"allow_fallback": allow_fallback, "meta": meta or {}})
        found = self._recall(key)
        if found is not None:
            self.hits += 1
            return key, _with_meta(found, sources, policy, meta or {})
        self.misses += 1
        rendered = render_policy(sources, policy, locale, allow_fallback=allow_fallback, meta=meta)
        self._remember(key, rendered)
        self._store(key, rendered)
        return key, rendered

    def save(self) -> None:
        """Write what must outlive the run: the renderings not written yet, and the new facts."""
        if self.store is not None:
            self.store.flush(self.facts.changed)
        self.facts.changed = {}

    def reload(self) -> None:
        """Read the facts again: other processes may have added some (they never change one)."""
        self.facts.reload()

    def prefetch(self, keys: list[str]) -> None:
        """Read the renderings kept under ``keys`` from disk in a few queries, into memory (as it holds)."""
        if self.store is None:
            return
        wanted = [key for key in dict.fromkeys(keys) if key not in self.memory][:MEMORY_ENTRIES]
        for key, raw in self.store.renderings(wanted).items():
            try:
                self._remember(key, _decode(decompress(raw)))
            except (ValueError, KeyError, TypeError):
                continue  # a damaged entry stays a miss

    def recall(self, key: str) -> Rendered | None:
        """The rendering kept under ``key`` (in memory or on disk), or None."""
        found = self._recall(key)
        self.hits += found is not None
        return found

    def _recall(self, key: str) -> Rendered | None:
        found = self.memory.get(key)
        if found is not None:
            self.memory.move_to_end(key)
            return found
        found = self._load(key)
        if found is not None:
            self._remember(key, found)
        return found

    def _remember(self, key: str, rendered: Rendered) -> None:
        self.memory[key] = rendered
        if len(self.memory) > MEMORY_ENTRIES:
            self.memory.popitem(last=False)

    def _load(self, key: str) -> Rendered | None:
        raw = self.store.rendering(key) if self.store else None
        if raw is None:
            return None
        try:
            return _decode(decompress(raw))
        except (ValueError, KeyError, TypeError):
            return None  # a damaged entry is a miss, never an error

    def _store(self, key: str, rendered: Rendered) -> None:
        if self.store is not None:
            self.store.put_rendering(key, compress(_encode(rendered)))


def _with_meta(rendered: Rendered, sources: Sources, policy: PolicySource, meta: dict[str, Any]
               ) -> Rendered:
    """A kept rendering with this render's front matter values (the same text: see ``page_unread``)."""
    if not page_unread(sources, policy, meta):
        return rendered
    page = {**{key: rendered.meta[key] for key in policy.meta}, **meta, "id": policy.id}
    return rendered if page == rendered.meta and list(page) == list(rendered.meta) else \
        dataclasses.replace(rendered, meta=page)


def _encode(rendered: Rendered) -> dict[str, Any]:
    meta = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in rendered.meta.items()}
    dates = [k for k, v in rendered.meta.items() if isinstance(v, dt.date)]
    return {"policy": rendered.policy, "locale": rendered.locale, "title": rendered.title,
            "markdown": rendered.markdown, "meta": meta, "dates": dates,
            "fallbacks": list(rendered.fallbacks)}


def _decode(raw: dict[str, Any]) -> Rendered:
    meta = dict(raw["meta"])
    for key in raw["dates"]:
        meta[key] = dt.date.fromisoformat(meta[key])
    return Rendered(raw["policy"], raw["locale"], raw["title"], raw["markdown"], meta,
                    tuple(raw["fallbacks"]))


#: set to a folder to keep the render cache there, or to ``off`` to keep it in memory only
CACHE_ENV = "REDLINE_CACHE_DIR"


def project_cache(project_root: Path) -> RenderCache:
    """The cache commands use: ``<project>/.redline-cache/`` (gitignored) or ``$REDLINE_CACHE_DIR``.

    It only ever saves work: entries are keyed by the content of every input and the
    engine's code, so a stale entry cannot be served, and signed with a key kept outside the
    repository and the folder, so an entry someone else wrote is never served either (see
    :mod:`redline.render.cachekey`); deleting the folder is always safe.
    """
    chosen = os.environ.get(CACHE_ENV, "")
    if chosen.lower() == "off":
        return RenderCache()
    folder = Path(chosen) if chosen else project_root / ".redline-cache"
    if not chosen:
        check_cache_folder(project_root, folder)
    return RenderCache(folder, cache_key(project_root, folder))


def check_cache_folder(project_root: Path, folder: Path) -> None:
    """Refuse a ``.redline-cache`` that is a symlink (the cache would be written outside the
    repository) or that holds something other than files where the cache files go."""
    shown = folder.name
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()) or \
            not folder.resolve().is_relative_to(project_root.resolve()):
        raise RedlineError("the render cache is not a folder of the repository (a symlink?): it would be "
                           "written elsewhere", where=str(folder),
                           fix=f"delete {shown} (it only ever saves work), or set {CACHE_ENV} to a folder "
                               "for the cache")
    for path in sorted(folder.glob("cache-*.sqlite*")) if folder.is_dir() else ():
        if path.is_symlink() or not path.is_file():
            raise RedlineError("not a render cache file (a folder or a symlink)",
                               where=str(path), fix=f"delete {shown} (it only ever saves work)")
