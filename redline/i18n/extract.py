"""Babel extractors: one catalog entry per Markdown block, and per translatable data string.

Registered under the ``babel.extractors`` entry point as ``redline`` (policies) and
``redline_data`` (data files), so ``pybabel extract -F locales/babel.cfg`` finds them.
Editors never mark strings: every heading, paragraph, list item and table row is a unit.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from redline.blocks import needs_translation
from redline.load.data import dotted_path, translatable_paths
from redline.load.policy import parse_policy
from redline.load.posyntax import placeholders
from redline.load.yamlfile import parse_yaml

Extracted = tuple[int, str | None, str, list[str]]

KEEP_NOTE = "Keep every {{ … }} exactly as written; translate the words around it."


def extract_policy(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """Yield the title and every prose block of one policy file."""
    path = str(getattr(fileobj, "name", "policy.md"))
    policy = parse_policy(fileobj.read(), Path(path).name)
    yield 2, None, policy.title, [f"Title of the {policy.id} policy."]
    if "description" in policy.meta:
        yield 3, None, str(policy.meta["description"]), ["Short description for search engines."]
    section = ""
    for block in policy.blocks:
        if block.kind == "heading" and block.anchor:
            section = block.anchor
        if needs_translation(block):
            yield block.line, None, block.text, _comments(block.kind, block.text, section)


def _comments(kind: str, text: str, section: str = "") -> list[str]:
    # The section, not a line number, says where a block is: stable when a paragraph is added.
    notes = [f"Markdown {kind}, section #{section}." if section else f"Markdown {kind}."]
    if placeholders(text):
        notes.append(KEEP_NOTE)
    return notes


def extract_data(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """Yield the strings a data file's schema marks ``x-translatable``."""
    path = Path(str(getattr(fileobj, "name", "data.yml")))
    if path.name.startswith("schema."):
        return
    schema = _schema_for(path)
    document = parse_yaml(fileobj.read().decode("utf-8"), path.name)
    values = {path.stem: document.data}
    for at in translatable_paths(values, schema):
        value = values[str(at[0])]
        for key in at[1:]:
            value = value[key]
        yield document.line_of(at[1:]), None, str(value), [f"Data: {dotted_path(at)}."]


def _schema_for(path: Path) -> dict[str, Any]:
    schema_file = path.with_name("schema.yml")
    if not schema_file.is_file():
        return {}
    schema = parse_yaml(schema_file.read_text(encoding="utf-8"), str(schema_file)).data
    return schema if isinstance(schema, dict) else {}
