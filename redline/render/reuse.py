"""A piece's output, reused while everything the piece reads is the same.

A history renders each page in every state, locale and date it is shown with, and between
two such renders most pieces of the page (:mod:`redline.render.pieces`) are the same text
reading the same values: the piece of the page that prints ``Last updated`` differs, the
thirty others do not. Their output is a pure function of:

- the piece's text (already translated: translation happens on the template);
- the locale (the filters, :func:`~redline.render.filters.filters_for`, are its only
  difference between environments), and the project's interface-word catalogs (the
  ``duration`` filter's ``form`` reads its unit phrases there: a catalog edited while
  ``mkdocs serve`` runs changes the text);
- the values the piece reads from its context: the names and ``.attribute`` chains in its
  code (:func:`~redline.render.inputs.code_paths`, the same reading the render cache's key
  relies on), each resolved to its longest prefix present in the context, or noted absent.

So a piece is reused only under a key made of exactly those. What can make a piece depend on
anything else is never reused: an ``include`` or ``import`` (the partials: ``code_paths``
says None), ``lipsum`` or ``random`` (their output is random), and ``self`` (it prints the
page's path). Values are keyed by their ``repr``, which tells a date from the string that
prints alike and keeps a mapping's order (a loop over ``items()`` prints in that order). The
sandbox forbids changing data (:class:`~jinja2.sandbox.ImmutableSandboxedEnvironment`), so a
piece cannot leave anything behind for the next one. Errors are never kept: a piece that
fails fails again, and the renderer runs the whole template for its error and line.

The loop budget (:mod:`redline.render.limits`) is shared by a render's pieces: a reused
piece charges what it used when it ran, and one that would exhaust the budget runs again,
so the budget runs out where it did.
"""

from __future__ import annotations

import functools
import re
from collections import OrderedDict
from typing import Any

from redline.render import limits
from redline.render.inputs import code_paths, resolve
from redline.render.pieces import pieces

#: characters of piece text, key and output kept together (the oldest go first)
KEPT_CHARS = 8_000_000
#: what makes a piece's output depend on more than its text, words and values
_UNKEPT = re.compile(r"\b(?:lipsum|random)\b")
#: names that print more than the values the piece reads: ``self`` prints the page's path
_UNKEPT_NAMES = frozenset({"self"})

#: (the locale and its interface words, piece text, the values it reads as text)
Key = tuple[str, str, str]


@functools.lru_cache(maxsize=256)
def cut(template: str) -> tuple[str, ...] | None:
    """:func:`~redline.render.pieces.pieces`, once per template text (a page is rendered many times)."""
    found = pieces(template)
    return None if found is None else tuple(found)


class Outputs:
    """Rendered pieces by :data:`Key`, with the loop budget each used; bounded by size."""

    def __init__(self, chars: int = KEPT_CHARS) -> None:
        self.limit = chars
        self.chars = 0
        self.kept: OrderedDict[Key, tuple[str, int]] = OrderedDict()

    def key(self, words: str, text: str, context: dict[str, Any]) -> Key | None:
        """The key of ``text`` rendered in ``words`` (the locale and the interface words' digest)
        with ``context``; None when it is never kept."""
        paths = _paths(text)
        if paths is None:
            return None
        read = [(path, resolve(context, path)) for path in paths]
        return words, text, repr(read)

    def recall(self, key: Key) -> str | None:
        """The output kept under ``key``, its loops charged to the render's budget; None when
        there is none, or when the budget would run out in it (the piece then runs, and says so)."""
        found = self.kept.get(key)
        if found is None or not limits.charge(found[1]):
            return None
        self.kept.move_to_end(key)
        return found[0]

    def keep(self, key: Key, output: str, loops: int) -> None:
        """Keep ``output`` (which used ``loops`` of the budget) under ``key``."""
        size = len(key[1]) + len(key[2]) + len(output)
        if key in self.kept or size > self.limit:
            return
        self.kept[key] = (output, loops)
        self.chars += size
        while self.chars > self.limit:
            old, (text, _) = self.kept.popitem(last=False)
            self.chars -= len(old[1]) + len(old[2]) + len(text)


@functools.lru_cache(maxsize=4096)
def _paths(text: str) -> tuple[tuple[str | int, ...], ...] | None:
    """The paths ``text`` reads, sorted; None when its output may depend on more than its values."""
    if _UNKEPT.search(text):
        return None
    found = code_paths(text)
    if found is None or any(path[0] in _UNKEPT_NAMES for path in found):
        return None
    return tuple(sorted(found, key=repr))


#: the outputs of this process's renders
OUTPUTS = Outputs()
