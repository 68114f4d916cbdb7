"""Bring a locale's catalog in step with the template, judged by content, never by layout.

Poedit, Weblate and ``msgcat`` re-wrap lines (at 77–79 characters) and may drop
``#:`` references; none of that changes a catalog. Two catalogs are the same when every
entry has the same context, msgid, translation, fuzzy state and extracted comments, in the
same order, so ``redline i18n update --check`` passes on a re-wrapped file and
``redline i18n update`` leaves such a file untouched (the translator's layout stays).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

#: One entry as compared: (context, msgid, msgstr, fuzzy, extracted comments).
Entry = tuple[Any, ...]


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    """Read a ``.po`` or ``.pot`` file with Babel."""
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def content(catalog: Catalog) -> list[Entry]:
    """The entries that matter to a reader of the catalog, in order (the header left out)."""
    return [(m.context, m.id, m.string, m.fuzzy, tuple(m.auto_comments)) for m in catalog if m.id]


@dataclass(frozen=True)
class Change:
    """What merging the template did to one catalog."""

    added: int
    fuzzy: int
    removed: int
    other: int

    @property
    def changed(self) -> bool:
        """True when the catalog's content differs from before."""
        return bool(self.added or self.fuzzy or self.removed or self.other)

    def summary(self) -> str:
        """``2 new, 1 now fuzzy, 1 removed`` (only the counts that are not zero).

        >>> Change(2, 1, 0, 0).summary(), Change(0, 0, 0, 3).summary()
        ('2 new, 1 now fuzzy', '3 comments or places updated')
        """
        parts = [f"{self.added} new" if self.added else "", f"{self.fuzzy} now fuzzy" if self.fuzzy else "",
                 f"{self.removed} removed" if self.removed else ""]
        shown = [part for part in parts if part]
        if not shown and self.other:
            return f"{self.other} comments or places updated"
        return ", ".join(shown) if shown else "up to date"


def merge(catalog: Catalog, template: Catalog) -> Change:
    """Merge ``template`` into ``catalog`` (changed source blocks become fuzzy); say what changed."""
    before = content(catalog)
    catalog.update(template, update_header_comment=False)
    catalog.obsolete.clear()
    after = content(catalog)
    old = {(e[0], e[1]): e for e in before}
    new = {(e[0], e[1]): e for e in after}
    added = sum(1 for key, e in new.items() if key not in old and not e[3])
    fuzzy = sum(1 for key, e in new.items() if e[3] and (key not in old or not old[key][3]))
    # A changed source block is its old entry, carried over as fuzzy: not also "removed".
    carried = sum(1 for key, e in new.items() if key not in old and e[3])
    removed = max(0, sum(1 for key in old if key not in new) - carried)
    other = sum(1 for key, e in new.items() if key in old and old[key][:4] == e[:4] and old[key] != e)
    if before != after and not (added or fuzzy or removed or other):
        other = 1  # the same entries in another order
    return Change(added, fuzzy, removed, other)


def catalog_bytes(catalog: Catalog) -> bytes:
    """The catalog as Redline writes it: one line per string, no ``#:`` references."""
    out = io.BytesIO()
    write_po(out, catalog, width=0, no_location=True, ignore_obsolete=True, omit_header=False)
    return out.getvalue()
