"""Align the blocks of two versions of a section and keep what changed.

Blocks are compared on :func:`~redline.diff.text.alignment_key`, so re-aligned table
cells, re-wrapped lines and straightened quotes never break an alignment: a table
that gains one row while every other row is re-padded yields one added row.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from redline.blocks import Block
from redline.diff.text import alignment_key
from redline.diff.words import similarity

#: Two blocks in a replaced span pair up as "modified" from this similarity on.
PAIR_RATIO = 0.5
#: Past this many candidate pairs a replaced span pairs blocks by position.
MAX_CANDIDATES = 2500


@dataclass(frozen=True)
class BlockPair:
    """One changed block: removed (``new`` is None), added (``old`` is None) or modified.

    ``moved`` marks a block that only changed place (its key is the same).
    """

    old: Block | None
    new: Block | None
    moved: bool = False

    @property
    def old_text(self) -> str | None:
        """The old block's text, if any."""
        return self.old.text if self.old else None

    @property
    def new_text(self) -> str | None:
        """The new block's text, if any."""
        return self.new.text if self.new else None

    @property
    def kind(self) -> str:
        """The block's kind (the new block's, if both exist)."""
        block = self.new or self.old
        return block.kind if block else "paragraph"


Span = tuple[int, int, int, int]
Placed = tuple[tuple[int, int], BlockPair]


def align_blocks(old: Sequence[Block], new: Sequence[Block]) -> list[BlockPair]:
    """Return the changed blocks, in new document order (removed ones where they were).

    A block whose key left one place and arrived at another is a move, matched before
    any pairing by similarity, so moving a table row never reads as editing its neighbour.

    >>> from redline.blocks import split_blocks
    >>> a = split_blocks("| A  | 1 |\\n| B  | 2 |")
    >>> b = split_blocks("| A | 1 |\\n| B | 2 |\\n| C | 3 |")
    >>> [(p.old, p.new.text if p.new else None) for p in align_blocks(a, b)]
    [(None, 'C | 3')]
    """
    if len(old) == len(new) and all(a.text == b.text for a, b in zip(old, new, strict=True)):
        return []  # the same texts in the same order: nothing to align (most sections of a change)
    return _Alignment(old, new).changes()


class _Alignment:
    """The two block lists, their keys, and the moves between them."""

    def __init__(self, old: Sequence[Block], new: Sequence[Block]) -> None:
        self.old, self.new = old, new
        self.old_keys = [alignment_key(block.text) for block in old]
        self.new_keys = [alignment_key(block.text) for block in new]
        matcher = difflib.SequenceMatcher(None, self.old_keys, self.new_keys, autojunk=False)
        self.opcodes = matcher.get_opcodes()
        self.spans: list[Span] = [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in self.opcodes if tag != "equal"]
        self.moves = self._moves()

    def changes(self) -> list[BlockPair]:
        placed = self._edited_in_place()
        for span in self.spans:
            placed += self._span(span)
        return [pair for _, pair in sorted(placed, key=lambda item: item[0])]

    def _moves(self) -> dict[int, int]:
        """Map each arriving block (new index) to a departed block with its key (old index)."""
        departed: dict[str, list[int]] = {}
        for i1, i2, _, _ in self.spans:
            for i in range(i1, i2):
                departed.setdefault(self.old_keys[i], []).append(i)
        moves: dict[int, int] = {}
        for _, _, j1, j2 in self.spans:
            for j in range(j1, j2):
                if departed.get(self.new_keys[j]):
                    moves[j] = departed[self.new_keys[j]].pop(0)
        return moves

    def _edited_in_place(self) -> list[Placed]:
        """Aligned blocks whose keys match but whose texts differ (quotes, case, spacing)."""
        return [
            ((j1 + k, 1), BlockPair(self.old[i1 + k], self.new[j1 + k]))
            for tag, i1, i2, j1, _ in self.opcodes
            if tag == "equal"
            for k in range(i2 - i1)
            if self.old[i1 + k].text != self.new[j1 + k].text
        ]

    def _span(self, span: Span) -> list[Placed]:
        """A replaced span: its moves, then the rest paired by similarity, in order."""
        i1, i2, j1, j2 = span
        moved_old = set(self.moves.values())
        olds = [i for i in range(i1, i2) if i not in moved_old]
        news = [j for j in range(j1, j2) if j not in self.moves]
        placed = [
            ((j, 1), BlockPair(self.old[self.moves[j]], self.new[j], moved=True))
            for j in range(j1, j2)
            if j in self.moves
        ]
        similar = _matches([self.old_keys[i] for i in olds], [self.new_keys[j] for j in news])
        pairs = {olds[a]: news[b] for a, b in similar}
        placed += [((j, 1), BlockPair(self.old[i], self.new[j])) for i, j in pairs.items()]
        placed += [((j1, 0), BlockPair(self.old[i], None)) for i in olds if i not in pairs]
        taken = set(pairs.values())
        return placed + [((j, 1), BlockPair(None, self.new[j])) for j in news if j not in taken]


def _matches(old_keys: list[str], new_keys: list[str]) -> list[tuple[int, int]]:
    if len(old_keys) * len(new_keys) > MAX_CANDIDATES:
        pairs = zip(range(len(old_keys)), range(len(new_keys)), strict=False)
        return [(i, j) for i, j in pairs if _ratio(old_keys[i], new_keys[j]) >= PAIR_RATIO]
    scored = sorted(
        ((_ratio(a, b), i, j) for i, a in enumerate(old_keys) for j, b in enumerate(new_keys)),
        reverse=True,
    )
    chosen: list[tuple[int, int]] = []
    for ratio, i, j in scored:
        if ratio < PAIR_RATIO:
            break
        if all((i - ci) * (j - cj) > 0 for ci, cj in chosen):
            chosen.append((i, j))
    return sorted(chosen)


def _ratio(a: str, b: str) -> float:
    if difflib.SequenceMatcher(None, a, b, autojunk=False).quick_ratio() < PAIR_RATIO:
        return 0.0
    return similarity(a, b)
