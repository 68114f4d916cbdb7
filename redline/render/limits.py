"""Budgets a template runs under: what it builds, how wide it pads, how many times it loops.

The sandbox stops attribute walks, not work. ``{% set ns.s = ns.s ~ ns.s %}`` forty times,
``'x'|center(2000000000)``, ``'%2000000000s'|format(x)``, ``lipsum(n=5e7)`` or two nested
loops that print nothing would each run until memory or patience ran out. So every
concatenation, ``+``, ``%``, filter and method result is measured, numbers that ask for
huge widths are refused before the work, and loops share one budget per render.

A value is measured as it would be printed, not by its top-level length:
``{% set ns.l = [ns.l, ns.l] %}`` forty times holds forty small lists that share their items,
yet prints 2**40 of them. So operands are measured before they are joined or printed, and a
measure walks each shared list once.
"""

from __future__ import annotations

import contextvars
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.visitor import NodeTransformer

#: the largest string or list a template may build (``*``, ``~``, ``+``, filters, methods)
MAX_BUILT = 100_000
#: loop iterations in one render (all loops together, nested ones multiplied)
MAX_ITERATIONS = 1_000_000
#: how deeply lists and mappings may nest in a value a template builds (printing a deeper one
#: overflows Python's stack)
MAX_NESTING = 100
#: a number in a format string (width or precision) above this asks for a huge string
_WIDE = re.compile(r"\d{7,}")
SIZED = "__redline_sized"
LOOP = "__redline_loop"

_REMAINING: contextvars.ContextVar[list[int]] = contextvars.ContextVar("redline_loop_budget")


def fresh_budget() -> None:
    """Give the render about to start its own loop budget."""
    _REMAINING.set([MAX_ITERATIONS])


def remaining() -> int:
    """The loop iterations the current render may still run."""
    budget = _REMAINING.get(None)
    return MAX_ITERATIONS if budget is None else budget[0]


def charge(loops: int) -> bool:
    """Take ``loops`` iterations from the current render's budget; False (taking none) when
    fewer are left: the caller then runs the loops, which stop where the budget runs out."""
    budget = _REMAINING.get(None)
    if budget is None:
        fresh_budget()
        budget = _REMAINING.get()
    if budget[0] < loops:
        return False
    budget[0] -= loops
    return True


def sized(value: Any) -> Any:
    """``value``, when it is not larger than :data:`MAX_BUILT` items as printed.

    >>> sized([1, [2, "abc"]])
    [1, [2, 'abc']]
    >>> shared = [1]
    >>> for _ in range(40):
    ...     shared = [shared, shared]
    >>> sized(shared)
    Traceback (most recent call last):
    ...
    jinja2.exceptions.SecurityError: template builds a value of more than 100000 items as printed
    """
    if isinstance(value, str | list | tuple | dict) and len(value) > MAX_BUILT:
        raise SecurityError(f"template builds a value of {len(value)} items (at most {MAX_BUILT})")
    if isinstance(value, _CONTAINERS):
        _weight(value, {}, 0)
    return value


_CONTAINERS = (list, tuple, dict, set, frozenset)


def _weight(value: Any, seen: dict[int, int], depth: int) -> int:
    """How many items ``value`` prints as, each shared container walked once (memo ``seen``)."""
    if isinstance(value, str):
        return len(value)
    if not isinstance(value, _CONTAINERS):
        return 1
    known = seen.get(id(value))
    if known is not None:
        return known
    if depth > MAX_NESTING:
        raise SecurityError(f"template builds a value nested more than {MAX_NESTING} deep")
    items = [part for pair in value.items() for part in pair] if isinstance(value, dict) else value
    total = 1
    for item in items:
        total += _weight(item, seen, depth + 1)
        if total > MAX_BUILT:
            raise SecurityError(f"template builds a value of more than {MAX_BUILT} items as printed")
    seen[id(value)] = total
    return total


def looped(iterable: Iterable[Any]) -> Iterable[Any]:
    """``iterable``, its items counted against the render's loop budget."""
    remaining = _REMAINING.get(None)
    if remaining is None:
        fresh_budget()
        remaining = _REMAINING.get()
    if hasattr(iterable, "__len__"):
        remaining[0] -= len(iterable)  # type: ignore[arg-type]
        if remaining[0] < 0:
            _exhausted()
        return iterable
    return _counted(iter(iterable), remaining)


def _counted(items: Iterator[Any], remaining: list[int]) -> Iterator[Any]:
    for item in items:
        remaining[0] -= 1
        if remaining[0] < 0:
            _exhausted()
        yield item


def _exhausted() -> None:
    raise SecurityError(f"template loops more than {MAX_ITERATIONS} times in one render")


def measured(values: Iterable[Any]) -> None:
    """Refuse any of ``values`` that would print larger than :data:`MAX_BUILT` (see :func:`sized`)."""
    for value in values:
        sized(value)


def check_format(text: Any) -> None:
    """Refuse a format string whose width or precision asks for a huge string.

    >>> check_format("%5s {:>10}")
    >>> check_format("%2000000000s")
    Traceback (most recent call last):
    ...
    jinja2.exceptions.SecurityError: format width 2000000000 is too large (at most 100000)
    """
    if isinstance(text, str):
        for number in _WIDE.findall(text):
            if int(number) > MAX_BUILT:
                raise SecurityError(f"format width {number} is too large (at most {MAX_BUILT})")


def check_numbers(args: Iterable[Any]) -> None:
    """Refuse a numeric argument (a width, a count) larger than :data:`MAX_BUILT`."""
    for value in args:
        if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) > MAX_BUILT:
            raise SecurityError(f"argument {int(value)} is too large (at most {MAX_BUILT})")


def bounded_filter(function: Callable[..., Any], name: str) -> Callable[..., Any]:
    """``function`` (a filter) with its numbers and format strings checked and its result measured."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        measured([*args, *kwargs.values()])
        check_numbers([*args[1:], *kwargs.values()])
        if name == "format":
            check_format(next((a for a in args if isinstance(a, str)), None))
        return sized(function(*args, **kwargs))

    return wrapper


def lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    """Jinja's ``lipsum`` with its counts bounded (``lipsum(n=5e7)`` ran for minutes)."""
    from jinja2.utils import generate_lorem_ipsum

    check_numbers([n * max])
    return str(generate_lorem_ipsum(n=int(n), html=html, min=int(min), max=int(max)))


class Limits(NodeTransformer):
    """Measure every ``~`` (its operands before the join, its result after), every printed value,
    and every ``for`` loop's iterable against the loop budget."""

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)  # rewrites the operands in place
        node.nodes = [_measured(part) for part in node.nodes]
        return _measured(node)

    def visit_Output(self, node: nodes.Output) -> nodes.Node:
        self.generic_visit(node)
        node.nodes = [part if isinstance(part, nodes.TemplateData) else _measured(part)
                      for part in node.nodes]
        return node

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Call(nodes.Name(LOOP, "load"), [node.iter], [], None, None, lineno=node.lineno)
        return node


def _measured(node: nodes.Expr) -> nodes.Call:
    return nodes.Call(nodes.Name(SIZED, "load"), [node], [], None, None, lineno=node.lineno)
