"""Small facts about past renders, so a warm run need not load any sources.

A history walk asks, for each commit, "what did this policy render to in this locale?".
The answer (the text's digest, whether it was complete, the dates its front matter
declared) is a pure function of the commit's input files, so it is recorded under the hash
of their blob ids (the store's file is per engine id). A warm walk then reads git's
trees and these facts, and loads the sources of no commit at all.

Facts are read all at once when the cache opens and written once, at the end of a run,
with the renderings still pending (:meth:`redline.render.cache.RenderCache.save`).
"""

from __future__ import annotations

from typing import Any

from redline.render.store import Store


class Facts:
    """Key -> small JSON value, kept in memory and in the store when there is one."""

    def __init__(self, store: Store | None) -> None:
        self.store = store
        self.items: dict[str, Any] = store.facts() if store else {}
        self.changed: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        """The fact recorded under ``key``, or None."""
        return self.items.get(key)

    def put(self, key: str, value: Any) -> None:
        """Record ``value`` (JSON-serializable) under ``key``."""
        if self.items.get(key) != value:
            self.items[key] = value
            self.changed[key] = value

    def reload(self) -> None:
        """Take the facts other processes stored since (they never change one this run knows)."""
        if self.store is not None:
            self.items.update({**self.store.facts(), **self.items})
