"""Group Markdown blocks into sections keyed by stable heading ids.

Every heading opens a section; its blocks are those up to the next heading of any
level (subsections are sections of their own, linked by ``parent``). A heading's id
is its explicit ``{ #id }`` when it has one, otherwise a slug of its title — plain
Markdown from the wild has no ids, our templated sources always do.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from redline.blocks import PROSE_KINDS, Block, split_blocks

PREAMBLE_ID = "_preamble"


@dataclass(frozen=True)
class Section:
    """One heading and the prose blocks directly under it.

    Attributes:
        id: stable id (explicit anchor, or slug of the title).
        title: heading text (empty for the preamble before the first heading).
        level: heading level (0 for the preamble).
        blocks: prose blocks under the heading, in order (the heading excluded).
        parent: id of the enclosing section, if any.
        line: line of the heading in the source.
    """

    id: str
    title: str
    level: int
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    parent: str | None = None
    line: int = 0

    @property
    def texts(self) -> tuple[str, ...]:
        """The section's block texts, heading excluded."""
        return tuple(b.text for b in self.blocks)


def slugify(title: str) -> str:
    """Return an ASCII slug for a heading title.

    >>> slugify("2.1 Information You Provide Directly")
    '21-information-you-provide-directly'
    >>> slugify("Cookies & Tracking")
    'cookies-tracking'
    """
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text) or "section"


def parse_sections(markdown: str) -> list[Section]:
    """Split Markdown into sections, in document order, with unique ids.

    >>> [(s.id, s.texts) for s in parse_sections("intro\\n\\n## A { #a }\\n\\ntext\\n\\n### B\\n\\n- x")]
    [('_preamble', ('intro',)), ('a', ('text',)), ('b', ('x',))]
    """
    return sections_from_blocks(split_blocks(markdown))


def sections_from_blocks(blocks: list[Block]) -> list[Section]:
    """Group already split blocks into sections (see :func:`parse_sections`)."""
    sections: list[Section] = []
    stack: list[Section] = []
    current = Section(PREAMBLE_ID, "", 0)
    body: list[Block] = []
    seen: dict[str, int] = {}
    for block in blocks:
        if block.kind != "heading":
            if block.kind in PROSE_KINDS:
                body.append(block)
            continue
        _close(sections, current, body)
        body = []
        while stack and stack[-1].level >= block.level:
            stack.pop()
        ident = _unique(block.anchor or slugify(block.text), seen)
        parent = stack[-1].id if stack else None
        current = Section(ident, block.text, block.level, (), parent, block.line)
        stack.append(current)
    _close(sections, current, body)
    return sections


def _close(sections: list[Section], current: Section, body: list[Block]) -> None:
    if current.id == PREAMBLE_ID and not body:
        return
    sections.append(
        Section(current.id, current.title, current.level, tuple(body), current.parent, current.line)
    )


def _unique(ident: str, seen: dict[str, int]) -> str:
    count = seen.get(ident, 0)
    seen[ident] = count + 1
    return ident if count == 0 else f"{ident}-{count}"
