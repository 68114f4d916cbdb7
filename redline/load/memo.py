"""Parsed sources by content: each distinct policy, data set and catalog is parsed once.

A history walk loads the sources of hundreds of commits that differ in a file or two.
Results are keyed by each file's content id — git's blob id, which a git snapshot knows
from its tree without reading the file (``Snapshot.blob_id``); other snapshots hash the
bytes the same way — so an unchanged file is neither read nor parsed again. Errors are
never remembered: a bad file fails every time, with its own message.

Across runs, a file (or data folder) that passed its JSON Schema is remembered in the
render cache's signed facts (:class:`~redline.load.schemas.Facts`, keyed by content id;
the store is per engine id, so per version of Redline and jsonschema): a later run on the
same bytes skips the schema check, and ``redline diff`` does not import jsonschema at all
(200 M instructions, more than the rest of its loading). Every other check still runs.

Parsed values are shared between loads, so callers treat them as read-only (rendering
copies what it translates); the containers handed out (catalog entries, data sets,
issue lists) are fresh.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

from redline.load.catalogs import Catalog, catalog_path, parse_catalog
from redline.load.data import DataSet, Issue, load_data, parse_document, read_document
from redline.load.policy import PolicySource, parse_policy
from redline.load.schemas import Facts, passed_before, remember_pass
from redline.load.snapshot import Snapshot
from redline.load.yamlfile import YamlDocument

T = TypeVar("T")


class Lru(Generic[T]):
    """A small least-recently-used memo, bounded by a count and, optionally, by the bytes of
    the files it holds the parse of (a catalog version of a large project holds ~1 MB)."""

    def __init__(self, size: int, budget: int | None = None) -> None:
        self.size = size
        self.budget = budget
        self.items: OrderedDict[tuple[str, ...], tuple[T, int]] = OrderedDict()
        self.held = 0

    def clear(self) -> None:
        """Forget everything."""
        self.items.clear()
        self.held = 0

    def get(self, key: tuple[str, ...], make: Callable[[], T], weight: Callable[[], int] = lambda: 0) -> T:
        """The value for ``key``, made (and remembered, ``weight()`` bytes) on a miss."""
        if key in self.items:
            self.items.move_to_end(key)
            return self.items[key][0]
        value = make()
        cost = weight() if self.budget is not None else 0
        self.items[key] = (value, cost)
        self.held += cost
        while len(self.items) > self.size or (self.budget is not None and self.held > self.budget
                                               and len(self.items) > 1):
            self.held -= self.items.popitem(last=False)[1][1]
        return value


POLICIES: Lru[PolicySource] = Lru(2048)
#: a history walks the catalogs of every state in order, then again to judge and to lay out versions
CATALOGS: Lru[tuple[Catalog, list[Issue]]] = Lru(1024, budget=48_000_000)
DATA: Lru[tuple[DataSet, list[Issue]]] = Lru(512)
DOCUMENTS: Lru[YamlDocument] = Lru(4096)


def content_id(data: bytes) -> str:
    """Git's blob id of ``data``, so a file on disk and the same file in a commit share an id.

    >>> content_id(b"")
    'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391'
    """
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def file_id(snapshot: Snapshot, path: str) -> tuple[str | None, bytes | None]:
    """(content id, the bytes when they had to be read) of ``path``; None when it is absent."""
    known = getattr(snapshot, "blob_id", None)
    if callable(known):
        blob = known(path)
        return (str(blob) if blob is not None else None), None
    raw = snapshot.read(path)
    return (content_id(raw) if raw is not None else None), raw


def _read(snapshot: Snapshot, path: str, raw: bytes | None) -> bytes:
    return raw if raw is not None else snapshot.read(path) or b""


def policy(snapshot: Snapshot, path: str, checked: Facts | None = None) -> PolicySource:
    """:func:`~redline.load.policy.parse_policy` of ``path``, parsed once per content; with
    ``checked``, its front matter schema is checked once per content across runs too."""
    blob, raw = file_id(snapshot, path)
    if blob is None:
        return parse_policy(b"", path)

    def parse() -> PolicySource:
        passed = passed_before(checked, "front-matter", blob)
        parsed = parse_policy(_read(snapshot, path, raw), path, schema_checked=passed)
        if not passed:
            remember_pass(checked, "front-matter", blob)  # parse_policy raises on any problem
        return parsed

    return POLICIES.get((path, blob), parse)


def catalog(snapshot: Snapshot, locales_dir: str, locale: str) -> tuple[Catalog, list[Issue]]:
    """:func:`~redline.load.catalogs.load_catalog`, parsed once per content."""
    path = catalog_path(locales_dir, locale)
    blob, raw = file_id(snapshot, path)
    if blob is None:
        return Catalog(locale, path), []
    text: list[bytes] = []

    def parse() -> tuple[Catalog, list[Issue]]:
        text.append(_read(snapshot, path, raw))
        return parse_catalog(text[0], path, locale)

    found, issues = CATALOGS.get((path, locale, blob), parse, lambda: len(text[0]))
    return Catalog(found.locale, found.path, dict(found.entries)), list(issues)


def data(snapshot: Snapshot, folder: str, checked: Facts | None = None) -> tuple[DataSet, list[Issue]]:
    """:func:`~redline.load.data.load_data`, validated once per content of the whole folder
    (with ``checked``, across runs too)."""
    key = (folder, *(f"{path}={file_id(snapshot, path)[0]}" for path in snapshot.list(folder)))

    def load() -> tuple[DataSet, list[Issue]]:
        folder_id = content_id("\n".join(key).encode())
        passed = passed_before(checked, "data", folder_id)
        loaded = load_data(snapshot, folder, document, schema_checked=passed)
        if not passed and not loaded[1]:
            remember_pass(checked, "data", folder_id)
        return loaded

    found, issues = DATA.get(key, load)
    copy = DataSet(dict(found.values), dict(found.documents), found.schema, list(found.translatable))
    return copy, list(issues)


def document(snapshot: Snapshot, path: str) -> YamlDocument:
    """:func:`~redline.load.data.read_document`, parsed once per content (a data set that
    changed in one file re-parses that file only)."""
    blob, raw = file_id(snapshot, path)
    if blob is None:
        return read_document(snapshot, path)
    return DOCUMENTS.get((path, blob), lambda: parse_document(_read(snapshot, path, raw), path))
