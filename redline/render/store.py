"""The render cache on disk: one SQLite file per engine id, under ``.redline-cache/``.

One file instead of one file per rendering: a history of thousands of renderings is
written in a few transactions (an ``open`` + rename per entry cost more than the render
on a network file system), read back by key, and a crash mid-write leaves the last
committed state (SQLite's journal). The file is a cache: one that is damaged, locked for
too long or not writable is set aside, and the run goes on in memory.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import zlib
from pathlib import Path
from typing import Any

from redline.render.cachekey import sign, verified
from redline.render.inputs import engine_id

#: renderings written per transaction while a run goes on
BATCH = 500
#: files of other engine ids kept (another checkout or version may still use them); older go
KEEP_OTHERS = 3
#: every row carries a MAC under a key kept outside the repository and the cache (render/cachekey.py)
SCHEMA = ("CREATE TABLE IF NOT EXISTS signed_renderings "
          "(key TEXT PRIMARY KEY, value BLOB NOT NULL, mac BLOB NOT NULL);"
          "CREATE TABLE IF NOT EXISTS signed_facts "
          "(key TEXT PRIMARY KEY, value TEXT NOT NULL, mac BLOB NOT NULL);")


class Store:
    """Renderings (key -> bytes) and facts (key -> JSON value) in ``<folder>/cache-<engine>.sqlite``."""

    def __init__(self, folder: Path, key: bytes | None) -> None:
        self.path = folder / f"cache-{engine_id()}.sqlite"
        self.pending: dict[str, bytes] = {}
        # no key to sign with: nothing read from the folder could be trusted, so it is not opened
        self.key = key or b""
        self.db: sqlite3.Connection | None = self._open() if key else None

    def rendering(self, key: str) -> bytes | None:
        """The bytes stored under ``key``, or None."""
        if key in self.pending:
            return self.pending[key]
        row = self._query("SELECT value, mac FROM signed_renderings WHERE key = ?", (key,))
        return self._checked(key, row[0][0], row[0][1]) if row else None

    def renderings(self, keys: list[str]) -> dict[str, bytes]:
        """The bytes stored under each of ``keys`` that has some, in a few queries."""
        found = {key: self.pending[key] for key in keys if key in self.pending}
        rest = [key for key in keys if key not in found]
        for start in range(0, len(rest), 500):
            chunk = rest[start:start + 500]
            marks = ",".join("?" * len(chunk))
            # B608 does not apply: only "?" placeholders go into the text, the keys are bound parameters.
            sql = f"SELECT key, value, mac FROM signed_renderings WHERE key IN ({marks})"  # nosec B608
            for key, value, mac in self._query(sql, tuple(chunk)):
                checked = self._checked(key, value, mac)
                if checked is not None:
                    found[key] = checked
        return found

    def _checked(self, key: str, value: Any, mac: Any) -> bytes | None:
        """``value`` when its MAC is right; an entry someone else wrote is a miss."""
        data = bytes(value)
        return data if verified(self.key, f"rendering:{key}", data, bytes(mac)) else None

    def put_rendering(self, key: str, value: bytes) -> None:
        """Store ``value`` under ``key`` (written with the next batch)."""
        self.pending[key] = value
        if len(self.pending) >= BATCH:
            self.flush({})

    def facts(self) -> dict[str, Any]:
        """Every fact stored (parsed as one JSON text; row by row only when one is damaged)."""
        signed = self._query("SELECT key, value, mac FROM signed_facts", ())
        rows = [(key, text) for key, value, mac in signed
                if verified(self.key, "fact:" + key, (text := str(value)).encode("utf-8"), bytes(mac))]
        try:  # each value is a whole JSON text we wrote (its MAC says so): one array of them
            values = json.loads("[" + ",".join(text for _, text in rows) + "]")
            if isinstance(values, list) and len(values) == len(rows):
                return {key: value for (key, _), value in zip(rows, values, strict=True)}
        except ValueError:
            pass
        found = {}
        for key, value in rows:
            with contextlib.suppress(ValueError):
                found[key] = json.loads(value)
        return found

    def flush(self, facts: dict[str, Any]) -> None:
        """Write the pending renderings and ``facts`` in one transaction."""
        if self.db is None:
            return
        try:
            with self.db:
                renderings = [(k, v, sign(self.key, f"rendering:{k}", v)) for k, v in self.pending.items()]
                self.db.executemany("INSERT OR REPLACE INTO signed_renderings VALUES (?, ?, ?)", renderings)
                texts = [(k, json.dumps(v, sort_keys=True)) for k, v in facts.items()]
                signed = [(k, v, sign(self.key, f"fact:{k}", v.encode("utf-8"))) for k, v in texts]
                self.db.executemany("INSERT OR REPLACE INTO signed_facts VALUES (?, ?, ?)", signed)
        except sqlite3.Error:
            self.db = None  # a cache that cannot be written is no cache; the run's results stand
        self.pending.clear()

    def close(self) -> None:
        """Close the file (pending entries not flushed are dropped)."""
        if self.db is not None:
            self.db.close()
            self.db = None

    def _query(self, sql: str, args: tuple[Any, ...]) -> list[Any]:
        if self.db is None:
            return []
        try:
            return self.db.execute(sql, args).fetchall()
        except sqlite3.Error:
            self.db = None
            return []

    def _open(self) -> sqlite3.Connection | None:
        if self.path.is_symlink() or (self.path.exists() and not self.path.is_file()):
            return None  # not a cache file (project_cache refuses it first): no cache
        for attempt in range(2):
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=30)
                db.executescript(SCHEMA)
                prune(self.path.parent, self.path.name)
                return db
            except sqlite3.DatabaseError:
                if attempt == 0:
                    self.path.unlink(missing_ok=True)  # not a database: a damaged cache, start afresh
            except (sqlite3.Error, OSError):
                return None
        return None


def prune(folder: Path, current: str) -> list[Path]:
    """Delete the cache files of all but the :data:`KEEP_OTHERS` newest other engine ids; return them."""
    dated = []
    for path in folder.glob("cache-*.sqlite"):
        with contextlib.suppress(OSError):  # another process may have pruned it already
            if path.name != current:
                dated.append((path.stat().st_mtime, path.name, path))
    gone = [path for _, _, path in sorted(dated, reverse=True)[KEEP_OTHERS:]]
    for path in gone:
        for stale in (path, path.with_name(path.name + "-journal")):
            with contextlib.suppress(OSError):
                stale.unlink()
    return gone


def compress(value: Any) -> bytes:
    """JSON, zlib-compressed (level 1: fast, and renderings shrink about five times)."""
    return zlib.compress(json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8"), 1)


def decompress(raw: bytes) -> Any:
    """The value :func:`compress` stored; raises ValueError when damaged."""
    try:
        return json.loads(zlib.decompress(raw))
    except zlib.error as error:
        raise ValueError(str(error)) from None
