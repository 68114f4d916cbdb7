"""Word-level diff for redline pages: what was struck, what was inserted.

Tokens are words and single punctuation marks; whitespace travels with the output
but never decides the alignment, so a re-wrapped sentence diffs as equal.
"""

from __future__ import annotations

import difflib
import re
from typing import Literal

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
    matcher = difflib.SequenceMatcher(
        None, _keys(old_tokens, ignore_case), _keys(new_tokens, ignore_case), autojunk=False
    )
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _append(segments, "equal", "".join(new_tokens[j1:j2]))
            continue
        _append(segments, "delete", "".join(old_tokens[i1:i2]))
        _append(segments, "insert", "".join(new_tokens[j1:j2]))
    return segments


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
