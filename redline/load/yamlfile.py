"""YAML that remembers where each value came from, so errors can say ``file:line``.

Timestamps are *not* converted implicitly: ``2026-02-01`` stays a string until the
schema says it is a date, so a typo such as ``2026-02-30`` is reported, not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from redline.config import MAX_VALUES, too_many_values
from redline.errors import RedlineError
from redline.htmlscan import find_danger

Path_ = tuple[str | int, ...]
#: levels of nesting (PyYAML's own parser recurses once per level)
MAX_DEPTH = 100
#: flow collections opened more than MAX_DEPTH times in a row: refused before PyYAML's parser recurses
_DEEP_FLOW = re.compile(r"[\[{](?:\s*[\[{]){" + str(MAX_DEPTH) + "}")


class _Loader(yaml.SafeLoader):
    """SafeLoader without the implicit timestamp resolver."""


#: libyaml's parser when PyYAML has it (about ten times faster); the same resolver and nodes
_Fast: Any = type("_Fast", (getattr(yaml, "CSafeLoader", _Loader),), {})

for _cls in (_Loader, _Fast):
    _cls.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
#: constructs scalars (one instance: a loader per scalar cost more than the parse)
_SCALARS = _Loader("")


@dataclass
class YamlDocument:
    """A parsed YAML document and the line of every value in it (1-based)."""

    path: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    offset: int = 0

    def line_of(self, where: Path_) -> int:
        """Return the line of the value at ``where``, or of its nearest parent."""
        for end in range(len(where), -1, -1):
            if where[:end] in self.lines:
                return self.lines[where[:end]] + self.offset
        return 1 + self.offset

    def where(self, at: Path_) -> str:
        """Return ``path:line`` for the value at ``at``."""
        return f"{self.path}:{self.line_of(at)}"


def parse_yaml(text: str, path: str, offset: int = 0) -> YamlDocument:
    """Parse ``text`` (the contents of ``path``) into data plus a line map.

    Args:
        text: YAML source.
        path: file name used in error messages.
        offset: lines before ``text`` in its file (front matter starts at line 2).

    Raises:
        RedlineError: on malformed YAML, naming the file and line.
    """
    try:
        if _DEEP_FLOW.search(text):
            raise RecursionError
        node = _compose(text)
        document = YamlDocument(path, None, {}, offset)
        if node is not None:
            document.data = _construct(node, (), document.lines, path, offset)
        return document
    except RecursionError:
        raise RedlineError(f"YAML nested more than {MAX_DEPTH} levels deep", where=f"{path}:{1 + offset}",
                           fix="flatten the structure: data files need a few levels, not thousands") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 if mark else 1) + offset
        problem = error.problem or error.context or "syntax error"
        raise RedlineError(
            f"malformed YAML: {problem}",
            where=f"{path}:{line}",
            fix="check the indentation and quoting on that line and the one above it",
        ) from None


def _count(lines: dict[Path_, int], node: yaml.Node, path: str, offset: int) -> None:
    """Refuse a document that expands (through aliases) to more values than any data file needs."""
    if len(lines) > MAX_VALUES:
        raise too_many_values(f"{path}:{node.start_mark.line + 1 + offset}")


def _construct(node: yaml.Node, at: Path_, lines: dict[Path_, int], path: str, offset: int) -> Any:
    if len(at) > MAX_DEPTH:
        raise RecursionError
    lines[at] = node.start_mark.line + 1
    _count(lines, node, path, offset)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(_scalar(key_node))
            if key in result:
                raise RedlineError(
                    f"key '{key}' appears twice",
                    where=f"{path}:{key_node.start_mark.line + 1 + offset}",
                    fix="remove or rename one of them",
                )
            result[key] = _construct(value_node, (*at, key), lines, path, offset)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, (*at, i), lines, path, offset) for i, item in enumerate(node.value)]
    value = _scalar(node)
    if isinstance(value, str) and ("<" in value or ":" in value):
        _refuse_script(value, f"{path}:{node.start_mark.line + 1 + offset}")
    return value


def _refuse_script(value: str, where: str) -> None:
    danger = find_danger(value)
    if danger is not None:
        raise RedlineError(f"{danger.label} in a value", where=where, fix="remove it: front matter and "
                           "data may not hold scripts, event handlers or script URLs")


def _compose(text: str) -> yaml.Node | None:
    """The node tree of ``text``; an error is always PyYAML's own parser's, with its wording."""
    try:
        return yaml.compose(text, Loader=_Fast)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=_Loader)  # raises the error the Python parser words


def _scalar(node: yaml.Node) -> Any:
    value = _SCALARS.construct_object(node)
    _SCALARS.constructed_objects.clear()
    return value
