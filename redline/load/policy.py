"""A policy source: ``policies/<id>.md`` = YAML front matter + Markdown/Jinja body."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from redline.blocks import Block, split_blocks
from redline.errors import RedlineError, did_you_mean
from redline.htmlscan import check_plain
from redline.load.budget import check_source_nesting
from redline.load.data import Issue, decode
from redline.load.formats import is_date
from redline.load.yamlfile import parse_yaml

if TYPE_CHECKING:
    import jsonschema

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")

FRONT_MATTER_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["title", "effective"],
    "properties": {
        "title": {"type": "string", "minLength": 1},
        "description": {"type": "string"},
        "effective": {"type": "string", "format": "date"},
        "updated": {"type": "string", "format": "date"},
        # formerly ids become folders of the site (redirects): never a path such as ../../x
        "formerly": {"type": "array", "items": {"type": "string", "pattern": ID_RE.pattern}},
    },
}
DATE_KEYS = ("effective", "updated")


def is_policy(path: str, folder: str) -> bool:
    """True when ``path`` is a policy file of ``folder`` (not data, partials or a subfolder).

    >>> is_policy("policies/privacy.md", "policies"), is_policy("policies/_partials/a.md", "policies")
    (True, False)
    """
    name = path[len(folder) + 1:] if path.startswith(f"{folder}/") else ""
    return name.endswith(".md") and "/" not in name and not name.startswith("_")


@dataclass(frozen=True)
class PolicySource:
    """One policy template as read from a snapshot.

    Attributes:
        id: file stem, the policy's id in URLs and outputs.
        path: repository path of the file.
        meta: validated front matter, dates as ``datetime.date``.
        body: the Markdown/Jinja text after the front matter.
        body_line: line number of the body's first line in the file.
        blocks: the body split into blocks (lines relative to the file).
    """

    id: str
    path: str
    meta: dict[str, Any]
    body: str
    body_line: int
    blocks: tuple[Block, ...]

    @property
    def title(self) -> str:
        """The English title from front matter."""
        return str(self.meta["title"])

    @property
    def effective(self) -> dt.date:
        """The effective date declared in front matter."""
        value: dt.date = self.meta["effective"]
        return value


def parse_policy(raw: bytes, path: str, schema_checked: bool = False) -> PolicySource:
    """Parse one policy file; raise :class:`RedlineError` naming ``path:line`` on bad input.

    ``schema_checked``: these very bytes passed the front matter schema before (the render
    cache remembers it, :mod:`redline.load.memo`), so jsonschema need not be imported.
    """
    text = decode(raw, path)
    ident = path.rsplit("/", 1)[-1].removesuffix(".md")
    if not ID_RE.match(ident):
        raise RedlineError(
            f"policy id '{ident}' must be lower-case letters, digits and hyphens",
            where=path,
            fix="rename the file, e.g. privacy-policy.md",
        )
    meta_text, body, body_line = _split_front_matter(text, path)
    meta = _validate_meta(meta_text, path, schema_checked)
    if not body.strip():
        raise RedlineError("the policy has no text", where=f"{path}:{body_line}",
                           fix="write the policy below the front matter")
    check_source_nesting(body, path, body_line - 1)
    blocks = tuple(_shift(b, body_line - 1) for b in split_blocks(body))
    _unique_anchors(blocks, path)
    return PolicySource(ident, path, meta, body, body_line, blocks)


def _unique_anchors(blocks: tuple[Block, ...], path: str) -> None:
    first: dict[str, int] = {}
    for block in blocks:
        if block.kind != "heading" or not block.anchor:
            continue
        if block.anchor in first:
            raise RedlineError(
                f"heading id '{block.anchor}' is already used at line {first[block.anchor]}",
                where=f"{path}:{block.line}",
                fix="give each heading its own { #id }: ids are the stable names of sections",
            )
        first[block.anchor] = block.line


def _split_front_matter(text: str, path: str) -> tuple[str, str, int]:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise RedlineError(
            "missing front matter", where=f"{path}:1",
            fix="start the file with '---', then title: and effective: lines, then '---'",
        )
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    raise RedlineError("front matter is not closed", where=f"{path}:1",
                       fix="add a line '---' after the front matter")


def _validate_meta(meta_text: str, path: str, schema_checked: bool) -> dict[str, Any]:
    document = parse_yaml(meta_text, path, offset=1)
    meta = document.data if document.data is not None else {}
    if not isinstance(meta, dict):
        raise RedlineError("front matter must be a mapping of keys to values", where=f"{path}:2")
    for error in [] if schema_checked else _schema_errors(meta):
        at = tuple(error.path)
        if error.validator == "additionalProperties":
            at = (sorted(set(meta) - set(FRONT_MATTER_SCHEMA["properties"]))[0],)
        raise _meta_issue(error, meta, document.where(at)).error()
    for key in ("title", "description"):
        if key in meta:
            check_plain(meta[key], document.where((key,)), f"front matter '{key}'")
    for key in DATE_KEYS:
        if key in meta and not is_date(meta[key]):
            raise RedlineError(
                f"front matter '{key}': {meta[key]!r} is not a date written YYYY-MM-DD",
                where=document.where((key,)), fix="write a real date, e.g. 2026-02-01",
            )
    return {k: dt.date.fromisoformat(v) if k in DATE_KEYS else v for k, v in meta.items()}


def _schema_errors(meta: dict[str, Any]) -> list[jsonschema.ValidationError]:
    return sorted(_validator().iter_errors(meta), key=lambda e: str(e.path))


@functools.cache
def _validator() -> jsonschema.Draft202012Validator:
    """The front matter validator, built once (building it costs more than a validation)."""
    import jsonschema  # 30 ms to import: not when these bytes passed before

    return jsonschema.Draft202012Validator(FRONT_MATTER_SCHEMA)


def _meta_issue(error: jsonschema.ValidationError, meta: dict[str, Any], where: str) -> Issue:
    allowed = list(FRONT_MATTER_SCHEMA["properties"])
    if error.validator == "additionalProperties":
        unknown = sorted(set(meta) - set(allowed))[0]
        return Issue(where, f"unknown front matter key '{unknown}'{did_you_mean(unknown, allowed)}",
                     f"use one of: {', '.join(allowed)}")
    key = ".".join(map(str, error.path)) or "front matter"
    if error.validator == "pattern" and error.path and error.path[0] == "formerly":
        return Issue(where, f"formerly: {error.instance!r} is not a policy id "
                     "(lower-case letters, digits and hyphens)",
                     "list earlier file names without .md, e.g. formerly: [cookies]")
    return Issue(where, f"{key}: {error.message}", "see the front matter keys in docs/editing.md")


def _shift(block: Block, lines: int) -> Block:
    return Block(block.kind, block.text, block.line + lines, block.prefix, block.suffix,
                 block.level, block.anchor)
