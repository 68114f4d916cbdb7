"""Diff two section trees: which sections were added, removed, modified or moved.

Sections pair by id. Plain Markdown has no explicit ids, so a renumbered heading
("7. Retention" → "8. Retention") changes its slug; sections left unpaired by id
then pair by title, numbering ignored.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from redline.blocks import Block
from redline.diff.align import BlockPair, align_blocks
from redline.diff.text import alignment_key, drop_numbering
from redline.sections import Section

SectionKind = Literal["added", "removed", "modified", "moved"]

#: Unpaired sections pair by title from this similarity on (numbering ignored).
TITLE_RATIO = 0.8


@dataclass(frozen=True)
class BlockChange:
    """One changed block, with the section it is in.

    Attributes:
        old: the block's text before, or None when the block was added.
        new: the block's text after, or None when it was removed.
        kind: the block's kind (heading, paragraph, item, row, html, code).
        section: id of the section (its new id, or its old one if removed).
        path: heading titles from the outermost section down to this one.
        moved: the block only changed place (within its section, or to another one).
        duplicate: a removed block whose exact words stay elsewhere in the new text.
        lang: the language of the texts (a locale code; rules read their word lists by it).
        references: (old, new) numbers of cross-references that changed and follow the
            document's own numbering (see :mod:`redline.diff.references`).
        lead: for a list item or table row, the last sentence of the paragraph that introduces
            its list or table in the old text ("We never share your data with:"), else "".
    """

    old: str | None
    new: str | None
    kind: str = "paragraph"
    section: str = ""
    path: tuple[str, ...] = ()
    moved: bool = False
    duplicate: bool = False
    lang: str = "en"
    references: tuple[tuple[str, str], ...] = ()
    lead: str = ""

    @property
    def title(self) -> str:
        """The title of the section the block is in."""
        return self.path[-1] if self.path else ""


@dataclass(frozen=True)
class SectionChange:
    """One changed section.

    Attributes:
        id: the section's id (new id, or old id when removed).
        title: the section's title (new title, or old title when removed).
        kind: added, removed, modified, or moved (same content, another place).
        blocks: the changed blocks; a heading change is a block of kind "heading".
        old_id: the old id, when the section was paired by title under another id.
    """

    id: str
    title: str
    kind: SectionKind
    blocks: tuple[BlockChange, ...] = ()
    old_id: str | None = None


Pair = tuple[Section | None, Section | None]


def diff_sections(old: Sequence[Section], new: Sequence[Section]) -> list[SectionChange]:
    """Return the changed sections, in new document order (removed ones where they were).

    >>> from redline.sections import parse_sections
    >>> a = parse_sections("## Retention\\n\\n- Logs: 12 months\\n")
    >>> b = parse_sections("## Retention\\n\\n- Logs: 24 months\\n")
    >>> [(c.id, c.kind, [(x.old, x.new) for x in c.blocks]) for c in diff_sections(a, b)]
    [('retention', 'modified', [('Logs: 12 months', 'Logs: 24 months')])]
    """
    pairs = _pair_sections(old, new)
    moved = _moved(pairs, old)
    paths = _Paths(old), _Paths(new)
    changes = [_change(pair, index in moved, paths) for index, pair in enumerate(pairs)]
    return [change for change in changes if change is not None]


def _pair_sections(old: Sequence[Section], new: Sequence[Section]) -> list[Pair]:
    new_ids = {section.id for section in new}
    old_by_id = {section.id: section for section in old}
    by_id = {s.id: (old_by_id[s.id], s) for s in new if s.id in old_by_id}
    loose_old = [s for s in old if s.id not in new_ids]
    loose_new = [s for s in new if s.id not in old_by_id]
    by_title = _pair_by_title(loose_old, loose_new)
    by_title.update(_pair_by_body(
        [s for s in loose_old if all(a is not s for a, _ in by_title.values())],
        [s for s in loose_new if id(s) not in by_title],
    ))
    paired_old = {id(a) for a, _ in [*by_id.values(), *by_title.values()]}
    ordered: list[Pair] = [by_id.get(s.id) or by_title.get(id(s)) or (None, s) for s in new]
    return _insert_removed(ordered, [s for s in old if id(s) not in paired_old], list(old))


def _pair_by_title(old: list[Section], new: list[Section]) -> dict[int, tuple[Section, Section]]:
    scored = sorted(
        ((_title_ratio(a, b), i, j) for i, a in enumerate(old) for j, b in enumerate(new)),
        key=lambda item: -item[0],
    )
    pairs: dict[int, tuple[Section, Section]] = {}
    used_old: set[int] = set()
    for ratio, i, j in scored:
        if ratio < TITLE_RATIO:
            break
        if i not in used_old and id(new[j]) not in pairs:
            used_old.add(i)
            pairs[id(new[j])] = (old[i], new[j])
    return pairs


def _pair_by_body(old: list[Section], new: list[Section]) -> dict[int, tuple[Section, Section]]:
    """Pair sections left unpaired whose bodies say the same: a heading renamed, nothing else."""
    by_body: dict[tuple[str, ...], list[Section]] = {}
    for section in old:
        if section.blocks:
            by_body.setdefault(_body_key(section), []).append(section)
    pairs: dict[int, tuple[Section, Section]] = {}
    for section in new:
        candidates = by_body.get(_body_key(section)) if section.blocks else None
        if candidates:
            pairs[id(section)] = (candidates.pop(0), section)
    return pairs


def _body_key(section: Section) -> tuple[str, ...]:
    return tuple(alignment_key(block.text) for block in section.blocks)


def _title_ratio(a: Section, b: Section) -> float:
    keys = alignment_key(drop_numbering(a.title)), alignment_key(drop_numbering(b.title))
    return difflib.SequenceMatcher(None, *keys, autojunk=False).ratio()


def _insert_removed(ordered: list[Pair], removed: list[Section], old: list[Section]) -> list[Pair]:
    """Place each removed section right after the new place of its nearest kept predecessor."""
    place = {id(pair[0]): index for index, pair in enumerate(ordered) if pair[0] is not None}
    keyed = [((index, 0, 0), pair) for index, pair in enumerate(ordered)]
    for section in removed:
        at = old.index(section)
        earlier = [place[id(s)] for s in old[:at] if id(s) in place]
        keyed.append(((max(earlier, default=-1), 1, at), (section, None)))
    return [pair for _, pair in sorted(keyed, key=lambda item: item[0])]


def _moved(pairs: list[Pair], old: Sequence[Section]) -> set[int]:
    """Positions (in ``pairs``) of the kept sections outside one longest run that kept its order."""
    place = {id(section): i for i, section in enumerate(old)}
    kept = [(k, place[id(a)]) for k, (a, b) in enumerate(pairs) if a is not None and b is not None]
    in_order = _longest_increasing([old_place for _, old_place in kept])
    return {k for position, (k, _) in enumerate(kept) if position not in in_order}


def _longest_increasing(values: list[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence of ``values``.

    >>> sorted(_longest_increasing([0, 2, 1, 3]))
    [0, 1, 3]
    """
    length = [1] * len(values)
    back = [-1] * len(values)
    for k, value in enumerate(values):
        for j in range(k):
            if values[j] < value and length[j] + 1 > length[k]:
                length[k], back[k] = length[j] + 1, j
    k = max(range(len(values)), key=length.__getitem__, default=-1)
    chain: set[int] = set()
    while k >= 0:
        chain.add(k)
        k = back[k]
    return chain


class _Paths:
    """Heading paths (outermost title first) of one version's sections."""

    def __init__(self, sections: Sequence[Section]) -> None:
        self._by_id = {section.id: section for section in sections}

    def of(self, section: Section) -> tuple[str, ...]:
        titles: list[str] = []
        current: Section | None = section
        while current is not None:
            titles.insert(0, current.title)
            current = self._by_id.get(current.parent) if current.parent else None
        return tuple(titles)


def _change(pair: Pair, moved: bool, paths: tuple[_Paths, _Paths]) -> SectionChange | None:
    old, new = pair
    if new is None:
        assert old is not None
        return SectionChange(old.id, old.title, "removed", _whole(old, paths[0].of(old), removed=True))
    if old is None:
        return SectionChange(new.id, new.title, "added", _whole(new, paths[1].of(new), removed=False))
    path = paths[1].of(new)
    pairs = align_blocks(old.blocks, new.blocks)
    blocks = _heading(old, new, path) + _blocks(pairs, new.id, path, old.blocks)
    old_id = old.id if old.id != new.id else None
    if blocks:
        return SectionChange(new.id, new.title, "modified", blocks, old_id)
    if moved:
        heading = BlockChange(old.title, new.title, "heading", new.id, path, moved=True)
        return SectionChange(new.id, new.title, "moved", (heading,), old_id)
    return None


def _whole(section: Section, path: tuple[str, ...], *, removed: bool) -> tuple[BlockChange, ...]:
    """Every block of an added or removed section, its heading first."""
    texts = [("heading", section.title)] if section.title else []
    texts += [(block.kind, block.text) for block in section.blocks]
    leads = [""] if section.title else []
    leads += [_lead(section.blocks, k) for k in range(len(section.blocks))]
    return tuple(
        BlockChange(text if removed else None, None if removed else text, kind, section.id, path, lead=lead)
        for (kind, text), lead in zip(texts, leads, strict=True)
    )


def _heading(old: Section, new: Section, path: tuple[str, ...]) -> tuple[BlockChange, ...]:
    if old.title == new.title:
        return ()
    return (BlockChange(old.title, new.title, "heading", new.id, path),)


def _blocks(
    pairs: list[BlockPair], section: str, path: tuple[str, ...], old: Sequence[Block]
) -> tuple[BlockChange, ...]:
    where = {id(block): index for index, block in enumerate(old)}
    return tuple(
        BlockChange(
            pair.old_text, pair.new_text, pair.kind, section, path, pair.moved,
            lead=_lead(old, where[id(pair.old)]) if pair.old is not None else "",
        )
        for pair in pairs
    )


#: Block kinds that belong to a list or table introduced by the paragraph before them.
LISTED = frozenset({"item", "row", "rule"})


def _lead(blocks: Sequence[Block], index: int) -> str:
    """The paragraph that introduces the list or table that ``blocks[index]`` belongs to, if any."""
    if blocks[index].kind not in LISTED:
        return ""
    k = index - 1
    while k >= 0 and blocks[k].kind in LISTED:
        k -= 1
    if k < 0 or blocks[k].kind != "paragraph":
        return ""
    return _SENTENCE_END_RE.split(blocks[k].text.strip())[-1]


#: The end of a sentence: the lead-in of a list is the last sentence of its paragraph.
_SENTENCE_END_RE = re.compile(r"(?<=[.!?。])\s+")
