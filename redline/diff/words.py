"""Word-level diff for redline pages: what was struck, what was inserted.

Tokens are words and single punctuation marks; whitespace travels with the output
but never decides the alignment, so a re-wrapped sentence diffs as equal.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Hashable, Sequence
from typing import Literal, TypeVar

Op = Literal["equal", "insert", "delete"]
Segment = tuple[Op, str]

TOKEN_RE = re.compile(r"\s+|\w+(?:['’]\w+)*|[^\w\s]")


def tokenize(text: str) -> list[str]:
    """Split text into words, punctuation marks and runs of whitespace.

    >>> tokenize("We don’t sell data.")
    ['We', ' ', 'don’t', ' ', 'sell', ' ', 'data', '.']
    """
    return TOKEN_RE.findall(text)


def word_diff(old: str, new: str, *, ignore_case: bool = False) -> list[Segment]:
    """Diff two texts word by word.

    Joining the ``equal`` and ``insert`` segments gives ``new`` exactly; joining the
    ``equal`` and ``delete`` segments gives ``old`` up to whitespace (and, with
    ``ignore_case``, letter case), because equal runs are shown as in ``new``.

    >>> word_diff("kept for 12 months", "kept for 24 months")
    [('equal', 'kept for '), ('delete', '12'), ('insert', '24'), ('equal', ' months')]
    >>> word_diff("a\\n b", "a b")
    [('equal', 'a b')]
    """
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in opcodes(_keys(old_tokens, ignore_case), _keys(new_tokens, ignore_case)):
        if tag == "equal":
            _append(segments, "equal", "".join(new_tokens[j1:j2]))
            continue
        _append(segments, "delete", "".join(old_tokens[i1:i2]))
        _append(segments, "insert", "".join(new_tokens[j1:j2]))
    return segments


Opcode = tuple[str, int, int, int, int]
H = TypeVar("H", bound=Hashable)
#: sequences whose lengths multiply to at most this are matched whole (a few hundred tokens each)
WHOLE_UP_TO = 250_000


def opcodes(a: Sequence[H], b: Sequence[H]) -> list[Opcode]:
    """``difflib``'s opcodes for turning ``a`` into ``b``, the common head and tail set aside first.

    The matcher is quadratic in what it is given: one word changed in a paragraph of
    12,000 characters took seconds. Given only the changed middle, it takes microseconds.
    Short sequences (most blocks) go to the matcher whole, as they always did: where two
    alignments are equally good it may choose another than the trimmed one.

    >>> opcodes(list("abcxef"), list("abcyef"))
    [('equal', 0, 3, 0, 3), ('replace', 3, 4, 3, 4), ('equal', 4, 6, 4, 6)]
    >>> opcodes(list("ab" * 300 + "x"), list("ab" * 300 + "y"))[-1]
    ('replace', 600, 601, 600, 601)
    """
    if len(a) * len(b) <= WHOLE_UP_TO:
        return list(difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes())
    head, most = 0, min(len(a), len(b))
    while head < most and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < most - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    middle = difflib.SequenceMatcher(None, a[head:len(a) - tail], b[head:len(b) - tail], autojunk=False)
    found: list[Opcode] = [("equal", 0, head, 0, head)] if head else []
    found += [(tag, i1 + head, i2 + head, j1 + head, j2 + head)
              for tag, i1, i2, j1, j2 in middle.get_opcodes() if i1 != i2 or j1 != j2]
    found += [("equal", len(a) - tail, len(a), len(b) - tail, len(b))] if tail else []
    return found


def similarity(a: Sequence[H], b: Sequence[H]) -> float:
    """``difflib``'s similarity of ``a`` and ``b`` (0 to 1), long ones with :func:`opcodes`.

    >>> similarity("abcd", "abxd"), similarity("ab" * 300 + "x", "ab" * 300 + "y")
    (0.75, 0.9983361064891847)
    """
    if len(a) * len(b) <= WHOLE_UP_TO:
        return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    same = sum(i2 - i1 for tag, i1, i2, _, _ in opcodes(a, b) if tag == "equal")
    return 2.0 * same / (len(a) + len(b))


def _keys(tokens: list[str], ignore_case: bool) -> list[str]:
    return [" " if token.isspace() else token.casefold() if ignore_case else token for token in tokens]


def _append(segments: list[Segment], op: Op, text: str) -> None:
    if not text:
        return
    if segments and segments[-1][0] == op:
        segments[-1] = (op, segments[-1][1] + text)
    else:
        segments.append((op, text))


def changed_runs(segments: list[Segment], op: Op) -> list[str]:
    """Return the trimmed texts of the segments of one kind that contain a word or mark.

    >>> changed_runs(word_diff("a b c", "a x c d"), "insert")
    ['x', 'd']
    """
    return [text.strip() for kind, text in segments if kind == op and text.strip()]
