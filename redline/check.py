"""``redline check`` as a pure function: every problem of a snapshot, collected, not raised."""

from __future__ import annotations

from collections.abc import Iterator

from redline.errors import RedlineError
from redline.i18n.units import translation_units
from redline.load.data import Issue
from redline.load.sources import Sources
from redline.render.render import render_policy


def find_problems(sources: Sources) -> list[Issue]:
    """Data, template and catalog problems, in a stable order (duplicate heading ids fail parsing)."""
    problems = list(sources.issues)
    if any(not i.where.endswith(".po") and ".po:" not in i.where for i in sources.issues):
        return problems  # invalid data: rendering would only repeat the same errors
    problems.extend(_untranslated(sources))
    problems.extend(_render_errors(sources))
    return problems


def _untranslated(sources: Sources) -> Iterator[Issue]:
    units = translation_units(sources)
    for locale, catalog in sources.catalogs.items():
        seen: set[str] = set()
        for unit in units:
            if unit.msgid in seen or catalog.lookup(unit.msgid) is not None:
                continue
            seen.add(unit.msgid)
            entry = catalog.entries.get(unit.msgid)
            where = f"{catalog.path}:{entry.line}" if entry else catalog.path
            state = "fuzzy" if entry and entry.fuzzy else "missing"
            yield Issue(where, f"{state} translation ({locale}) of {unit.where}: {_short(unit.msgid)!r}",
                        "translate it and clear the fuzzy flag (`redline i18n update` adds new ones)")


def _render_errors(sources: Sources) -> Iterator[Issue]:
    for locale in sources.project.locales:
        for policy in sources.policies.values():
            try:
                render_policy(sources, policy, locale, allow_fallback=True)
            except RedlineError as error:
                yield Issue(error.where or policy.id, f"[{locale}] {error.what}", error.fix or "")


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
