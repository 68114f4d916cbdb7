"""Small facts about past renders, kept in one file so a warm run need not load any sources.

A history walk asks, for each commit, "what did this policy render to in this locale?".
The answer (the text's digest, whether it was complete, the dates its front matter
declared) is a pure function of the commit's input files, so it is recorded under the hash
of their blob ids and the engine's id. A warm walk then reads git's trees and this file,
and loads the sources of no commit at all.

The file is read once, written once at the end of a run (temporary file + rename, so a
crash leaves the previous file), and a damaged or foreign file counts as empty.
"""

from __future__ import annotations

import json
import os
import tempfile
import zlib
from pathlib import Path
from typing import Any

from redline.render.inputs import engine_id


class Facts:
    """Key -> small JSON object, in memory and (with a folder) in ``facts-<engine>.json.z``."""

    def __init__(self, directory: Path | None) -> None:
        self.path = directory / f"facts-{engine_id()}.json.z" if directory else None
        self.items: dict[str, Any] = self._read()
        self.changed = False

    def get(self, key: str) -> Any:
        """The fact recorded under ``key``, or None."""
        return self.items.get(key)

    def put(self, key: str, value: Any) -> None:
        """Record ``value`` (JSON-serializable) under ``key``."""
        if self.items.get(key) != value:
            self.items[key] = value
            self.changed = True

    def save(self) -> None:
        """Write the facts to disk if any changed."""
        if self.path is None or not self.changed:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = zlib.compress(json.dumps(self.items, sort_keys=True, separators=(",", ":")).encode(), 1)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.replace(temporary, self.path)
        self.changed = False

    def _read(self) -> dict[str, Any]:
        if self.path is None or not self.path.is_file():
            return {}
        try:
            loaded = json.loads(zlib.decompress(self.path.read_bytes()))
        except (ValueError, zlib.error):
            return {}
        return loaded if isinstance(loaded, dict) else {}
