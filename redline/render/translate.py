"""Put a locale's words into a policy: block texts and translatable data strings.

Translation happens on the *template*, before Jinja runs: a msgid keeps its
``{{ … }}`` placeholders, so the translated block is rendered with the same facts.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from redline.blocks import Block, needs_translation
from redline.errors import RedlineError
from redline.fallback import FALLBACK_CLOSE, FALLBACK_OPEN
from redline.load.catalogs import Catalog
from redline.load.yamlfile import Path_


@dataclass
class Translation:
    """The outcome of translating one policy (or the data) into one locale."""

    pairs: list[tuple[Block, str]] = field(default_factory=list)
    fallbacks: list[str] = field(default_factory=list)


def translate_blocks(
    blocks: tuple[Block, ...], catalog: Catalog | None, path: str, allow_fallback: bool
) -> Translation:
    """Replace every prose block's text with its translation.

    Args:
        blocks: the policy's blocks.
        catalog: the locale's catalog, or None for the source locale.
        path: the policy file, named in errors.
        allow_fallback: show English (marked) for missing or fuzzy entries instead of failing.
    """
    result = Translation()
    for block in blocks:
        if catalog is None or not needs_translation(block):
            result.pairs.append((block, block.text))
            continue
        text = _translated(block.text, catalog, f"{path}:{block.line}", allow_fallback)
        if text is None:
            result.fallbacks.append(block.text)
            text = f"{FALLBACK_OPEN}{block.text}{FALLBACK_CLOSE}"
        result.pairs.append((block, text))
    return result


def translate_text(msgid: str, catalog: Catalog | None, where: str, allow_fallback: bool) -> tuple[str, bool]:
    """Translate one string; return (text, fell back to English)."""
    if catalog is None:
        return msgid, False
    found = _translated(msgid, catalog, where, allow_fallback)
    return (msgid, True) if found is None else (found, False)


def _translated(msgid: str, catalog: Catalog, where: str, allow_fallback: bool) -> str | None:
    found = catalog.lookup(msgid)
    if found is not None or allow_fallback:
        return found
    entry = catalog.entries.get(msgid)
    if entry is not None and entry.fuzzy:
        problem = f"is fuzzy in {catalog.path}:{entry.line}"
    else:
        problem = f"has no translation in {catalog.path}"
    raise RedlineError(
        f"{_short(msgid)!r} {problem}",
        where=where,
        fix=(
            "translate it (e.g. with Poedit) and clear the fuzzy flag, "
            "or build with --allow-fallback to show English for it"
        ),
    )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def translate_data(
    values: dict[str, Any], paths: list[Path_], catalog: Catalog | None, allow_fallback: bool
) -> tuple[dict[str, Any], list[str]]:
    """Return a copy of the data with every translatable string translated."""
    if catalog is None:
        return values, []
    result = copy.deepcopy(values)
    fallbacks: list[str] = []
    for at in paths:
        parent = _walk(result, at[:-1])
        source = str(parent[at[-1]])
        text = _translated(source, catalog, _data_where(at), allow_fallback)
        if text is None:
            fallbacks.append(source)
        parent[at[-1]] = source if text is None else text
    return result, fallbacks


def _walk(value: Any, at: Path_) -> Any:
    for key in at:
        value = value[key]
    return value


def _data_where(at: Path_) -> str:
    from redline.load.data import dotted_path

    return f"data '{dotted_path(at)}'"
