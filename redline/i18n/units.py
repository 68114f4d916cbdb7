"""The translation units of a snapshot: what a catalog must hold, grouped by policy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from redline.blocks import needs_translation
from redline.load.data import dotted_path
from redline.load.sources import Sources

DATA_GROUP = "_data"


@dataclass(frozen=True)
class Unit:
    """One msgid and where it comes from."""

    msgid: str
    group: str
    where: str


def translation_units(sources: Sources) -> list[Unit]:
    """Every msgid the sources need, in source order (policies by id, then data)."""
    units: list[Unit] = []
    for policy in sources.policies.values():
        units.append(Unit(policy.title, policy.id, f"{policy.path}:2"))
        if "description" in policy.meta:
            units.append(Unit(str(policy.meta["description"]), policy.id, f"{policy.path}:3"))
        units.extend(
            Unit(b.text, policy.id, f"{policy.path}:{b.line}")
            for b in policy.blocks if needs_translation(b)
        )
    for at in sources.data.translatable:
        value: Any = sources.data.values
        for key in at:
            value = value[key]
        units.append(Unit(str(value), DATA_GROUP, f"data '{dotted_path(at)}'"))
    return units


@dataclass(frozen=True)
class Coverage:
    """Counts of one (locale, group)."""

    locale: str
    group: str
    translated: int
    fuzzy: int
    missing: int

    @property
    def total(self) -> int:
        """Number of units."""
        return self.translated + self.fuzzy + self.missing

    @property
    def percent(self) -> float:
        """Share translated, fuzzy counted as untranslated."""
        return 100.0 * self.translated / self.total if self.total else 100.0


def coverage(sources: Sources) -> list[Coverage]:
    """Translated / fuzzy / missing per translated locale and policy (fuzzy is untranslated)."""
    units = translation_units(sources)
    groups = list(dict.fromkeys(u.group for u in units))
    rows: list[Coverage] = []
    for locale, catalog in sources.catalogs.items():
        for group in groups:
            counts = {"translated": 0, "fuzzy": 0, "missing": 0}
            for msgid in dict.fromkeys(u.msgid for u in units if u.group == group):
                entry = catalog.entries.get(msgid)
                state = "missing" if entry is None or not entry.string else (
                    "fuzzy" if entry.fuzzy else "translated")
                counts[state] += 1
            rows.append(Coverage(locale, group, **counts))
    return rows
