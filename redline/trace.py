"""Which sections of a policy render which facts: static analysis of the template.

The template is parsed (never run) with Jinja's own parser, and every expression
is reduced to the data path it reads: ``{{ retention.logs | duration }}`` reads
``retention.logs``; ``{% for c in channels.messaging %}…{{ c.name }}`` reads the
list ``channels.messaging`` (which records it holds, in which order) and the field
``channels.messaging[].name``; ``map(attribute="name")`` reads the same field. A
reference belongs to the section whose heading comes before it in the source, so a
fact change is traced to every section that shows it.

A trace is a hint, never a hole: a change the trace does not explain (a macro, a
computed key) is still classified from its text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from jinja2 import Environment, TemplateSyntaxError, nodes

from redline.load.policy import PolicySource
from redline.sections import PREAMBLE_ID, Section, sections_from_blocks

#: The path segment standing for "any record of this list".
ITEM = "[]"
DataPath = tuple[str, ...]
RefKind = Literal["value", "records"]
ReadPartial = Callable[[str], str | None]

#: Filters whose result is one record of the list they are given.
RECORD_FILTERS = frozenset({"first", "last", "random"})
_SEGMENT_RE = re.compile(r"\[[^\]]*\]|[^.\[\]]+")


@dataclass(frozen=True)
class Reference:
    """One data path a section reads.

    Attributes:
        path: ``("retention", "logs")``; ``ITEM`` stands for any record of a list.
        kind: ``value`` when the text shows the value (or part of it); ``records`` when
            only which records a list holds, and their order, reach the text (a loop).
    """

    path: DataPath
    kind: RefKind = "value"

    def reads(self, fact: DataPath) -> bool:
        """True when a change of the fact at ``fact`` can change what this reference shows.

        ``ITEM`` matches any key, so ``retention[key]`` reads every retention period.

        >>> Reference(("retention",)).reads(("retention", "logs"))
        True
        >>> Reference(("c", "[]"), "records").reads(("c", "[]", "provider"))
        False
        >>> Reference(("retention", "[]")).reads(("retention", "logs"))
        True
        """
        pairs = zip(self.path, fact, strict=False)
        if not all(a == b or ITEM in (a, b) for a, b in pairs):
            return False
        return self.kind == "value" or len(fact) <= len(self.path)


@dataclass
class Trace:
    """The references of one policy, by section id (template order).

    Attributes:
        sections: section id → the data paths it reads.
        complete: False when the template reads data the analysis cannot follow (an include
            or import of a computed name, a syntax error): then any fact may reach any section.
    """

    sections: dict[str, set[Reference]] = field(default_factory=dict)
    complete: bool = True

    def sections_reading(self, fact_path: str) -> tuple[str, ...]:
        """Ids of the sections that render the fact at ``fact_path`` (a FactChange path)."""
        key = fact_key(fact_path)
        return tuple(ident for ident, refs in self.sections.items() if any(r.reads(key) for r in refs))


def fact_key(path: str) -> DataPath:
    """Turn a fact path into a data path, every list selector made ``ITEM``.

    >>> fact_key("subprocessors.categories[name=Email & SMS].description")
    ('subprocessors', 'categories', '[]', 'description')
    >>> fact_key("policy.updated")
    ('policy', 'updated')
    """
    return tuple(ITEM if part.startswith("[") else part for part in _SEGMENT_RE.findall(path))


def trace_policy(policy: PolicySource, read_partial: ReadPartial | None = None) -> Trace:
    """Find which data paths every section of ``policy`` reads.

    Args:
        policy: the policy source (its English template).
        read_partial: returns the source of ``policies/_partials/<name>``, to follow includes.
    """
    sections = sections_from_blocks(list(policy.blocks))
    walker = _Walker(_locator(sections, policy.body_line), read_partial or (lambda name: None))
    try:
        # B701 does not apply: the template is parsed for the names it reads, never rendered
        walker.walk_all(Environment().parse(policy.body).body, {}, None)  # nosec B701
    except TemplateSyntaxError:
        return Trace(complete=False)  # the render reports the error, with its line
    ordered = {s.id: walker.found.get(s.id, set()) for s in sections}
    if PREAMBLE_ID in walker.found:
        ordered = {PREAMBLE_ID: walker.found[PREAMBLE_ID], **ordered}
    return Trace(ordered, walker.complete)


def _locator(sections: list[Section], body_line: int) -> Callable[[int], str]:
    headings = [(s.line, s.id) for s in sections if s.level > 0]

    def section_at(lineno: int) -> str:
        line = lineno + body_line - 1
        found = [ident for start, ident in headings if start <= line]
        return found[-1] if found else PREAMBLE_ID

    return section_at


class _Walker:
    """Walks a template's syntax tree, resolving loop and ``set`` names to data paths."""

    def __init__(self, section_at: Callable[[int], str], read_partial: ReadPartial) -> None:
        self.section_at = section_at
        self.read_partial = read_partial
        self.found: dict[str, set[Reference]] = {}
        self.including: set[str] = set()
        self.complete = True

    def add(self, node: nodes.Node, at: str | None, ref: Reference) -> None:
        self.found.setdefault(at or self.section_at(node.lineno), set()).add(ref)

    def walk_all(self, body: Iterable[nodes.Node], scope: dict[str, DataPath], at: str | None) -> None:
        for node in body:
            self.walk(node, scope, at)

    def walk(self, node: nodes.Node, scope: dict[str, DataPath], at: str | None) -> None:
        if isinstance(node, nodes.For):
            self._loop(node, scope, at)
        elif isinstance(node, nodes.Assign) and isinstance(node.target, nodes.Name):
            path = data_path(node.node, scope)
            if path is not None:
                scope[node.target.name] = path
        elif isinstance(node, nodes.Include) and isinstance(node.template, nodes.Const):
            self._include(str(node.template.value), node, scope, at)
        elif isinstance(node, nodes.Include | nodes.Import | nodes.FromImport):
            self.complete = False
        elif isinstance(node, nodes.Name | nodes.Getattr | nodes.Getitem | nodes.Filter):
            path = data_path(node, scope)
            if path is not None:
                self.add(node, at, Reference(path))
            self.walk_all(_arguments(node), scope, at)
        else:
            self.walk_all(node.iter_child_nodes(), scope, at)

    def _loop(self, node: nodes.For, scope: dict[str, DataPath], at: str | None) -> None:
        path = data_path(node.iter, scope)
        inner = dict(scope)
        if path is not None:
            self.add(node, at, Reference((*path, ITEM), "records"))
            target = node.target
            names = [target] if isinstance(target, nodes.Name) else list(target.find_all(nodes.Name))
            inner.update({name.name: (*path, ITEM) for name in names})
        else:
            self.walk(node.iter, scope, at)
        parts = [*node.body, *node.else_, *([node.test] if node.test is not None else [])]
        self.walk_all(parts, inner, at)

    def _include(self, name: str, node: nodes.Node, scope: dict[str, DataPath], at: str | None) -> None:
        source = self.read_partial(name)
        if source is None or name in self.including:
            return
        try:
            # B701 does not apply: the partial is parsed for the names it reads, never rendered
            tree = Environment().parse(source)  # nosec B701
        except TemplateSyntaxError:
            self.complete = False
            return
        self.including.add(name)
        self.walk_all(tree.body, dict(scope), at or self.section_at(node.lineno))
        self.including.discard(name)


def _arguments(node: nodes.Node) -> list[nodes.Node]:
    """The sub-expressions of a path expression that may read data of their own."""
    if isinstance(node, nodes.Filter):
        inner = node.node
        nested = [] if inner is None else _arguments(inner) if data_path(inner, {}) else [inner]
        return [*nested, *node.args, *(kw.value for kw in node.kwargs)]
    if isinstance(node, nodes.Getitem):
        return [node.arg, *_arguments(node.node)]
    if isinstance(node, nodes.Getattr):
        return _arguments(node.node)
    return []


def data_path(node: nodes.Node, scope: Mapping[str, DataPath]) -> DataPath | None:
    """The data path an expression reads, or None when it is not one.

    >>> tree = Environment().parse("{{ x.list | map(attribute='name') | join(', ') }}")
    >>> data_path(tree.body[0].nodes[0], {})
    ('x', 'list', '[]', 'name')
    """
    if isinstance(node, nodes.Name):
        return scope.get(node.name, (node.name,))
    if isinstance(node, nodes.Getattr):
        base = data_path(node.node, scope)
        return None if base is None else (*base, node.attr)
    if isinstance(node, nodes.Getitem):
        base = data_path(node.node, scope)
        key = node.arg.value if isinstance(node.arg, nodes.Const) else None
        return None if base is None else (*base, key if isinstance(key, str) else ITEM)
    if isinstance(node, nodes.Filter) and node.node is not None:
        return _filtered(node, data_path(node.node, scope))
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr):
        return data_path(node.node.node, scope)  # x.items(), x.values()
    return None


def _filtered(node: nodes.Filter, base: DataPath | None) -> DataPath | None:
    if base is None:
        return None
    if node.name == "map":
        attribute = next((kw.value for kw in node.kwargs if kw.key == "attribute"), None)
        if isinstance(attribute, nodes.Const):
            return (*base, ITEM, *str(attribute.value).split("."))
        return (*base, ITEM)
    if node.name in RECORD_FILTERS:
        return (*base, ITEM)
    return base
