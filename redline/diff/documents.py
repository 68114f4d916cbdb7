"""Diff two Markdown documents: section changes, plus what only the layout shows.

Sections hold prose blocks only; a policy's HTML and code blocks can carry words a
reader sees too, so they are put back into their sections here and diffed like
prose. What no block shows — re-wrapped lines, re-padded tables, another list
marker — is reported as the document's ``layout`` change.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from redline.blocks import Block, split_blocks
from redline.diff.canonical import canonical, drop_invisible
from redline.diff.frontmatter import FRONT_MATTER_ID, front_matter_changes, split_front_matter
from redline.diff.references import clause_titles, follows_numbering, reference_changes
from redline.diff.sections import BlockChange, SectionChange, diff_sections
from redline.sections import PREAMBLE_ID, Section, sections_from_blocks

Layout = Literal["none", "whitespace", "markup"]

#: Non-prose blocks whose text a reader may see: diffed with the prose.
VISIBLE_KINDS = frozenset({"code", "html", "stmt"})

#: A removed block counts as an exact duplicate of one still there from this many words on.
DUPLICATE_MIN_WORDS = 8

_PIPE_RE = re.compile(r"\s*\|\s*")
_DASHES_RE = re.compile(r"-{3,}")


@dataclass(frozen=True)
class DocumentDiff:
    """How two Markdown documents differ.

    Attributes:
        sections: the changed sections.
        layout: how the sources differ beyond their blocks' text: "none", "whitespace"
            (wrapping, padding, blank lines) or "markup" (list markers, heading levels,
            table alignment rows).
    """

    sections: tuple[SectionChange, ...]
    layout: Layout


def diff_documents(old: str, new: str) -> DocumentDiff:
    """Diff two Markdown documents.

    >>> diff_documents("One\\ntwo.\\n", "One two.\\n")
    DocumentDiff(sections=(), layout='whitespace')
    >>> diff_documents("- a\\n", "* a\\n").layout
    'markup'
    """
    if old == new:
        return DocumentDiff((), "none")
    return DocumentDiff(section_changes(old, new),
                        layout_change(split_front_matter(old)[1], split_front_matter(new)[1]))


def section_changes(old: str, new: str) -> tuple[SectionChange, ...]:
    """The changed sections of two Markdown documents: :func:`diff_documents` without the layout.

    >>> [(s.id, s.kind) for s in section_changes("# A\\n\\nOne.\\n", "# A\\n\\nTwo.\\n")]
    [('a', 'modified')]
    """
    if old == new:
        return ()
    (old_meta, old_body), (new_meta, new_body) = split_front_matter(old), split_front_matter(new)
    old_sections, new_sections = document_sections(old_body), document_sections(new_body)
    changes = diff_sections(old_sections, new_sections)
    changes = _mark_moves_and_duplicates(changes, old_sections, new_sections)
    changes = _mark_references(changes, old_sections, new_sections)
    meta = front_matter_changes(old_meta, new_meta)
    if meta:
        changes.insert(0, SectionChange(FRONT_MATTER_ID, "front matter", "modified", meta))
    return tuple(changes)


def changed_only_in(old: str, new: str, ids: set[str]) -> bool:
    """True when :func:`section_changes` cannot report a section outside ``ids``: a proof that
    skips the diff, not the diff (False says nothing).

    It holds when both documents have the same front matter and the same unique section ids in
    the same order (every section pairs with its own, none moved), and every section outside
    ``ids`` keeps its title and its blocks' texts (the aligner finds nothing there).

    >>> changed_only_in("# A\\n\\nOne.\\n\\n# B\\n\\nSame.\\n", "# A\\n\\nTwo.\\n\\n# B\\n\\nSame.\\n", {"a"})
    True
    >>> changed_only_in("# A\\n\\nOne.\\n\\n# B\\n\\nSame.\\n", "# B\\n\\nSame.\\n\\n# A\\n\\nTwo.\\n", {"a"})
    False
    """
    (old_meta, old_body), (new_meta, new_body) = split_front_matter(old), split_front_matter(new)
    if old_meta != new_meta:
        return False
    before, after = document_sections(old_body), document_sections(new_body)
    order = [section.id for section in after]
    if [section.id for section in before] != order or len(set(order)) != len(order):
        return False
    return all(
        a.id in ids or (a.title == b.title and [x.text for x in a.blocks] == [y.text for y in b.blocks])
        for a, b in zip(before, after, strict=True))


def _mark_references(
    changes: list[SectionChange], old: list[Section], new: list[Section]
) -> list[SectionChange]:
    """Note, on each edited block, the cross-references that changed only to follow the numbering."""
    candidates = {
        id(block): pairs
        for section in changes
        for block in section.blocks
        if block.old is not None and block.new is not None
        and (pairs := reference_changes(block.old, block.new))
    }
    if not candidates:
        return changes
    titles = [clause_titles([t for s in sections for t in (s.title, *s.texts)]) for sections in (old, new)]
    return [
        dataclasses.replace(section, blocks=tuple(
            dataclasses.replace(block, references=tuple(candidates[id(block)]))
            if id(block) in candidates and follows_numbering(candidates[id(block)], *titles) else block
            for block in section.blocks
        ))
        for section in changes
    ]


def _mark_moves_and_duplicates(
    changes: list[SectionChange], old: list[Section], new: list[Section]
) -> list[SectionChange]:
    """Mark blocks that left one section for another as moved, and removed exact duplicates.

    A block removed here and added there with the same words is a move, not a removal
    and an addition; a block removed while the same words stay in the new text (more
    copies before than after) is an exact duplicate removed.
    """
    def counts(sections: list[Section]) -> dict[tuple[str, ...], int]:
        tally: dict[tuple[str, ...], int] = {}
        for section in sections:
            for block in section.blocks:
                key = canonical(block.text)
                tally[key] = tally.get(key, 0) + 1
        return tally

    removed: dict[tuple[str, ...], list[BlockChange]] = {}
    added: dict[tuple[str, ...], list[BlockChange]] = {}
    for section in changes:
        for block in section.blocks:
            if block.kind == "heading" or (block.old is None) == (block.new is None):
                continue
            side = removed if block.new is None else added
            side.setdefault(canonical(block.old or block.new or ""), []).append(block)
    marked: dict[int, BlockChange] = {}
    tallies: list[dict[tuple[str, ...], int]] = []  # counted once, and only when a duplicate may be
    for key, gone in removed.items():
        if not key:
            continue
        arrivals = added.get(key, [])
        for left, arrived in zip(gone, arrivals, strict=False):
            # A list item or table row takes its meaning from the list it is in: moving
            # one to another section ("we share with" → "we do not share with") is no move.
            if left.section != arrived.section and left.kind not in ("item", "row"):
                marked[id(left)] = dataclasses.replace(left, moved=True)
                marked[id(arrived)] = dataclasses.replace(arrived, moved=True)
        for left in gone[len(arrivals):]:
            # Only a statement that stands on its own: a list item or row ("Advertisers") takes
            # its meaning from its list, and the copy left may sit in the opposite list.
            standalone = left.kind not in ("item", "row") and len(key) >= DUPLICATE_MIN_WORDS
            if standalone and not tallies:
                tallies += [counts(old), counts(new)]
            if standalone and tallies[1].get(key, 0) >= 1 and tallies[0].get(key, 0) > tallies[1].get(key, 0):
                marked[id(left)] = dataclasses.replace(left, duplicate=True)
    if not marked:
        return changes
    return [
        dataclasses.replace(section, blocks=tuple(marked.get(id(b), b) for b in section.blocks))
        for section in changes
    ]


def document_sections(markdown: str) -> list[Section]:
    """Parse sections, keeping HTML, code and statement blocks in the section they are in."""
    return list(_sections(markdown))


@lru_cache(maxsize=256)
def _sections(markdown: str) -> tuple[Section, ...]:
    # A comparison diffs each rendering against two others (old, mixed, new): parse each once.
    return tuple(_parse_sections(markdown))


def _parse_sections(markdown: str) -> list[Section]:
    blocks = split_blocks(markdown)
    sections = sections_from_blocks(blocks)
    extra = [block for block in blocks if block.kind in VISIBLE_KINDS]
    if not extra:
        return sections
    if not sections or (sections[0].id != PREAMBLE_ID and extra[0].line < sections[0].line):
        sections.insert(0, Section(PREAMBLE_ID, "", 0))
    return [_with(section, _owned(section, sections, extra)) for section in sections]


def _owned(section: Section, sections: list[Section], extra: list[Block]) -> list[Block]:
    following = [s.line for s in sections if s.line > section.line]
    end = min(following, default=float("inf"))
    return [block for block in extra if section.line <= block.line < end]


def _with(section: Section, extra: list[Block]) -> Section:
    if not extra:
        return section
    blocks = sorted([*section.blocks, *extra], key=lambda block: block.line)
    return dataclasses.replace(section, blocks=tuple(blocks))


def layout_change(old: str, new: str) -> Layout:
    """Say how two sources differ when their blocks are set aside.

    >>> layout_change("| a  | b |\\n|----|---|", "| a | b |\\n|---|---|")
    'whitespace'
    >>> layout_change("## A", "### A"), layout_change("x", "x")
    ('markup', 'none')
    """
    if old == new:
        return "none"
    old, new = drop_invisible(old), drop_invisible(new)
    return "whitespace" if _squash(old) == _squash(new) else "markup"


@lru_cache(maxsize=64)
def _squash(text: str) -> str:
    lines = (_DASHES_RE.sub("---", _PIPE_RE.sub("|", line.strip())) for line in text.splitlines())
    return " ".join(" ".join(line.split()) for line in lines if line)
