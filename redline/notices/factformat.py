"""A fact change as readers of each locale see it: "Log data: 12 months → 24 months", "12 meses → 24 meses".

Values are formatted by the same filters the policies use (``duration``, ``date``,
``country``, ``number``), so a notice states a fact exactly as the policy does.
Labels come from ``strings.yml`` (``facts:``); in the source locale the data
schema's ``title`` or the first phrase of its ``description`` is used when no label
is written. A locale without a label shows the values alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from redline.diff import FactChange
from redline.load.catalogs import Catalog
from redline.load.formats import is_country, is_date, is_duration
from redline.load.sources import Sources
from redline.notices.wording import Wording
from redline.render import filters
from redline.trace import ITEM, fact_key

RECORD_FIELDS = ("name", "id", "code")
_SELECTOR_RE = re.compile(r"\[(?:[^=\]]*=)?([^\]]*)\]")
_PHRASE_RE = re.compile(r"^([^,.;(]+)")


@dataclass(frozen=True)
class FactText:
    """One fact change in one locale.

    Attributes:
        label: what the fact is ("Log data"), or None when none is written for the locale.
        before: the old value, formatted (None when added).
        after: the new value, formatted (None when removed).
        text: the whole line: "Log data: 12 months → 24 months".
    """

    label: str | None
    before: str | None
    after: str | None
    text: str


def fact_text(change: FactChange, locale: str, wording: Wording, sources: Sources) -> FactText:
    """Format ``change`` for readers of ``locale`` (``sources``: the new side, for catalogs and schema)."""
    catalog = sources.catalogs.get(locale)
    label = fact_label(change.path, locale, wording, sources)
    if change.kind == "reordered":
        before = after = None
        rest = wording.text(locale, "fact_reordered")
    else:
        before, after = (format_value(v, change.path, locale, catalog) for v in (change.old, change.new))
        rest = wording.text(locale, f"fact_{change.kind}", old=before, new=after)
    return FactText(label, before, after, f"{label}: {rest}" if label else rest)


def fact_label(path: str, locale: str, wording: Wording, sources: Sources) -> str | None:
    """The label of the fact at ``path`` in ``locale``, the record named when the path selects one."""
    names = [part for part in fact_key(path) if part != ITEM]
    records = _SELECTOR_RE.findall(path)
    for end in range(len(names), 0, -1):
        dotted = ".".join(names[:end])
        label = wording.fact_label(locale, dotted)
        if label is None and locale == sources.project.source_locale:
            label = _schema_label(sources.data.schema, names[:end])
        if label is not None:
            # a field of one record names the record; an added or removed record is its own value
            return f"{label} ({records[-1]})" if records and not path.endswith("]") else label
    return None


def _schema_label(schema: Mapping[str, Any], names: Sequence[str]) -> str | None:
    node: Any = schema
    for name in names:
        node = _child(node, name)
        if node is None:
            return None
    text = node.get("title") or node.get("description")
    match = _PHRASE_RE.match(str(text)) if text else None
    return match.group(1).strip() if match else None


def _child(node: Any, name: str) -> Any:
    if not isinstance(node, Mapping):
        return None
    if node.get("type") == "array" or "items" in node:
        node = node.get("items") or {}
    properties = node.get("properties") if isinstance(node, Mapping) else None
    return properties.get(name) if isinstance(properties, Mapping) else None


def format_value(value: Any, path: str, locale: str, catalog: Catalog | None) -> str | None:
    """Format one fact value as the policies would show it in ``locale``."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        key = next((f for f in RECORD_FIELDS if f in value), None)
        return format_value(value[key], path, locale, catalog) if key else _translated(str(value), catalog)
    if isinstance(value, list | tuple):
        parts = [format_value(item, path, locale, catalog) or "" for item in value]
        return filters.listing(parts, locale=locale)
    if isinstance(value, dt.date) or is_date(value):
        return filters.date(value, locale=locale)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return filters.number(value, locale=locale)
    if is_duration(value):
        return filters.duration(value, locale=locale)
    if is_country(value) and re.search(r"countr|destination|region|location", path, re.IGNORECASE):
        return filters.country(value, locale=locale)
    return _translated(str(value), catalog)


def _translated(text: str, catalog: Catalog | None) -> str:
    found = catalog.lookup(text) if catalog is not None else None
    return found or text
