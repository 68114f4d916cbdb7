"""Align the blocks of two versions of a section and keep what changed.

Blocks are compared on :func:`~redline.diff.text.alignment_key`, so re-aligned table
cells, re-wrapped lines and straightened quotes never break an alignment: a table
that gains one row while every other row is re-padded yields one added row.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from redline.blocks import Block
from redline.diff.text import alignment_key

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


def align_blocks(old: Sequence[Block], new: Sequence[Block]) -> list[BlockPair]:
    """Return the changed blocks, in document order.

    >>> from redline.blocks import split_blocks
    >>> a = split_blocks("| A  | 1 |\\n| B  | 2 |")
    >>> b = split_blocks("| A | 1 |\\n| B | 2 |\\n| C | 3 |")
    >>> [(p.old, p.new.text if p.new else None) for p in align_blocks(a, b)]
    [(None, 'C | 3')]
    """
    old_keys = [alignment_key(block.text) for block in old]
    new_keys = [alignment_key(block.text) for block in new]
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    pairs: list[BlockPair] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend(
                BlockPair(a, b) for a, b in zip(old[i1:i2], new[j1:j2], strict=True) if a.text != b.text
            )
        else:
            pairs.extend(_pair_span(old[i1:i2], new[j1:j2], old_keys[i1:i2], new_keys[j1:j2]))
    return _join_moves(pairs)


def _pair_span(
    old: Sequence[Block], new: Sequence[Block], old_keys: list[str], new_keys: list[str]
) -> Iterator[BlockPair]:
    """Pair the blocks of a replaced span by similarity, keeping their order."""
    matches = _matches(old_keys, new_keys)
    i = j = 0
    for mi, mj in [*matches, (len(old), len(new))]:
        yield from (BlockPair(block, None) for block in old[i:mi])
        yield from (BlockPair(None, block) for block in new[j:mj])
        if mi < len(old):
            yield BlockPair(old[mi], new[mj])
        i, j = mi + 1, mj + 1


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
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.ratio() if matcher.quick_ratio() >= PAIR_RATIO else 0.0


def _join_moves(pairs: list[BlockPair]) -> list[BlockPair]:
    """Turn a removal and an addition of the same block into one move."""
    removed: dict[str, list[int]] = {}
    for index, pair in enumerate(pairs):
        if pair.new is None and pair.old is not None:
            removed.setdefault(alignment_key(pair.old.text), []).append(index)
    dropped: set[int] = set()
    result = list(pairs)
    for index, pair in enumerate(pairs):
        if pair.old is None and pair.new is not None:
            candidates = removed.get(alignment_key(pair.new.text))
            if candidates:
                source = candidates.pop(0)
                dropped.add(source)
                result[index] = BlockPair(pairs[source].old, pair.new, moved=True)
    return [pair for index, pair in enumerate(result) if index not in dropped]
