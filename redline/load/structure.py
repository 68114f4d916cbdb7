"""What a translation must keep of its source block: table cells, links, and no hiding markup.

A catalog entry is one block. Its msgstr may reorder words but not the block's
structure: a table row with one cell less drops a column on the translated page (a
consent column, say), a link less drops a way to exercise a right. Inline HTML that
can hide or restyle words (``class``, ``style``, ``hidden``...) is refused in policy
text and in translations alike: what a reader sees must be what the words say.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from redline.blocks import PROSE_KINDS, Block

CODE_SPAN_RE = re.compile(r"(`+).+?\1")
PIPE_RE = re.compile(r"(?<!\\)\|")
LINK_RE = re.compile(r"\]\(|\]\[|<(?:https?|mailto):")
#: Attributes that can hide, show or restyle words; refused on any tag in policy text.
RESTYLING_ATTRIBUTES = ("class", "style", "hidden", "aria-hidden")
#: Tags (with these attributes only) policy text may use: the allow-list.
ALLOWED_TAGS: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "id", "name", "title"}),
    "abbr": frozenset({"title"}),
    **{tag: frozenset() for tag in ("b", "strong", "i", "em", "u", "sup", "sub", "br", "code", "small")},
}
TAG_RE = re.compile(r"<([A-Za-z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*/?>")
ATTRIBUTE_RE = re.compile(r"([^\s=>/]+)(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?")


@dataclass(frozen=True)
class Structure:
    """The countable structure of one block's text."""

    cells: int
    links: int


def structure(text: str) -> Structure:
    """Count a block's table-cell separators and links (code spans aside).

    >>> structure("Analytics | [Acme](https://acme.example) | `a|b` | opt-in")
    Structure(cells=3, links=1)
    """
    bare = CODE_SPAN_RE.sub("", text)
    return Structure(len(PIPE_RE.findall(bare)), len(LINK_RE.findall(bare)))


def structure_differs(msgid: str, msgstr: str) -> str | None:
    """Say how a translation breaks its block's structure, or None.

    >>> structure_differs("A | B | C", "A | B C")
    'has 2 table cells where the source has 3'
    >>> structure_differs("see [x](u)", "voir x") , structure_differs("a | b", "c | d")
    ('has 0 links where the source has 1', None)
    """
    want, got = structure(msgid), structure(msgstr)
    if want.cells != got.cells:
        return f"has {got.cells + 1} table cells where the source has {want.cells + 1}"
    if want.links != got.links:
        return f"has {got.links} links where the source has {want.links}"
    hiding = next(restyling_tags(msgstr), None)
    return f"uses {hiding} (it can hide or restyle words)" if hiding else None


def restyling_tags(text: str) -> Iterator[str]:
    """Inline HTML tags outside the allow-list, or with an attribute that can hide or restyle words.

    >>> list(restyling_tags('We do <span class="md-toggle">not</span> sell <b>your</b> data.'))
    ['<span class="md-toggle">']
    """
    for match in TAG_RE.finditer(CODE_SPAN_RE.sub("", text)):
        tag = match.group(1).lower()
        names = {m.group(1).lower() for m in ATTRIBUTE_RE.finditer(match.group(2))}
        allowed = ALLOWED_TAGS.get(tag)
        if allowed is None or names - allowed or names & set(RESTYLING_ATTRIBUTES):
            yield match.group(0)


def markup_problems(blocks: tuple[Block, ...], path: str) -> Iterator[tuple[str, str, str]]:
    """(where, what, fix) for each block whose inline HTML is not on the allow-list."""
    for block in blocks:
        if block.kind not in PROSE_KINDS:
            continue
        for tag in restyling_tags(block.text):
            yield (
                f"{path}:{block.line}",
                f"inline HTML {tag} is not allowed in policy text (it can hide or restyle words)",
                "write it as Markdown (**bold**, *italic*, [link](url)); allowed tags: "
                + ", ".join(sorted(ALLOWED_TAGS)) + ", without class, style or hidden",
            )


FENCE_LINE_RE = re.compile(r"^[ \t]*(```|~~~)")
CONTAINER_RE = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+|^(?:!!!|\?\?\?\+?)[ \t]|^[ \t]{4}|^\t")
FOOTNOTE_RE = re.compile(r"\[\^[^\]]+\]")


def construct_problems(body: str, first_line: int, path: str) -> Iterator[tuple[str, str, str]]:
    """(where, what, fix) for Markdown constructs the diff cannot read and the site would show
    differently: an indented code block, a footnote (the extension is not enabled)."""
    fenced, previous = False, ""
    for offset, line in enumerate(body.splitlines()):
        where = f"{path}:{first_line + offset}"
        if FENCE_LINE_RE.match(line):
            fenced = not fenced
        elif not fenced and line.strip() and not previous.strip() and line.expandtabs(4).startswith("    "):
            if not _inside_container(body.splitlines()[:offset]):
                yield (where, "an indented code block (four spaces) is not read as policy text",
                       "remove the indentation, or use a fenced code block (```)")
        elif not fenced and FOOTNOTE_RE.search(line):
            yield (where, "footnotes are not enabled: the page would show '[^…]' as written",
                   "write the note as a sentence, or link to a section")
        previous = line


def _inside_container(before: list[str]) -> bool:
    """True when the last non-blank line above opens or continues a list item or admonition."""
    for line in reversed(before):
        if line.strip():
            return bool(CONTAINER_RE.match(line))
    return False
