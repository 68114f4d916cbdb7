"""Render once: a cache keyed by the content hashes of everything a render reads.

The key covers the policy source, the data, the locale's catalog, the partials, the
locale, the options and the engine version, so a hit is always the same text. Entries
live in memory for a run and, when a folder is given, on disk across runs (written to a
temporary file and renamed, so a crash never leaves a torn entry).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from redline import __version__
from redline.load.sources import Sources
from redline.render.render import Rendered, render_policy
from redline.sections import parse_sections


def _digest(*parts: str) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode("utf-8"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def input_key(sources: Sources, policy_id: str, locale: str, options: dict[str, Any]) -> str:
    """The content hash of every input of one render."""
    policy = sources.policy(policy_id)
    catalog = sources.catalogs.get(locale)
    entries = {k: [e.string, e.fuzzy] for k, e in catalog.entries.items()} if catalog else {}
    partials = [
        (path, hashlib.sha256(sources.snapshot.read(path) or b"").hexdigest())
        for path in sources.snapshot.list(f"{sources.project.policies_dir}/_partials")
    ]
    return _digest(
        __version__, policy.path, policy.body, _json(policy.meta), _json(sources.data.values),
        _json(sources.data.translatable), _json(entries), _json(partials), locale, _json(options),
    )


class RenderCache:
    """Rendered policies by input hash, in memory and optionally on disk."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory
        self.memory: dict[str, Rendered] = {}
        self.hits = 0
        self.misses = 0

    def render(self, sources: Sources, policy_id: str, locale: str, *,
               allow_fallback: bool = False, meta: dict[str, Any] | None = None) -> Rendered:
        """Return the rendering of ``policy_id`` in ``locale``, rendering only on a miss."""
        options = {"allow_fallback": allow_fallback, "meta": meta or {}}
        key = input_key(sources, policy_id, locale, options)
        found = self.memory.get(key) or self._load(key)
        if found is not None:
            self.hits += 1
            self.memory[key] = found
            return found
        self.misses += 1
        rendered = render_policy(sources, policy_id, locale, allow_fallback=allow_fallback, meta=meta)
        self.memory[key] = rendered
        self._store(key, rendered)
        return rendered

    def _path(self, key: str) -> Path | None:
        return self.directory / key[:2] / f"{key}.json" if self.directory else None

    def _load(self, key: str) -> Rendered | None:
        path = self._path(key)
        if path is None or not path.is_file():
            return None
        try:
            return _decode(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, KeyError, TypeError):
            return None  # a damaged entry is a miss, never an error

    def _store(self, key: str, rendered: Rendered) -> None:
        path = self._path(key)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(_json(_encode(rendered)))
        os.replace(temporary, path)


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
    return Rendered(raw["policy"], raw["locale"], raw["title"], raw["markdown"],
                    tuple(parse_sections(raw["markdown"])), meta, tuple(raw["fallbacks"]))
