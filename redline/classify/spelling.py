"""The spelling rule: a block whose only change is a mistyped word put right is editorial.

Editorial rules are equivalences, and this one stays as close to that as a spelling
fix allows: every changed word is replaced by one word of the same first letter,
at least four letters long, one keystroke away (a letter added, dropped, replaced
or two neighbours swapped: "neccessary" → "necessary", "recieve" → "receive").
Nothing else may change. Short words never count ("not" → "now"), nor do digits,
and the material rules run first, so "safe" → "sale" is still a sale of data.
"""

from __future__ import annotations

from redline.classify.context import quote
from redline.classify.findings import Finding
from redline.diff.sections import BlockChange
from redline.diff.words import Segment, word_diff

MIN_LENGTH = 4


def one_keystroke(a: str, b: str) -> bool:
    """True when ``b`` is ``a`` with one letter added, dropped, replaced, or two neighbours swapped.

    >>> one_keystroke("neccessary", "necessary"), one_keystroke("recieve", "receive")
    (True, True)
    >>> one_keystroke("accept", "except"), one_keystroke("same", "same")
    (False, False)
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    start = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    if len(a) == len(b):
        swapped = a[start + 2:] == b[start + 2:] and a[start:start + 2] == b[start:start + 2][::-1]
        return a[start + 1:] == b[start + 1:] or swapped
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[start + 1:] == shorter[start:]


def _fixes(segments: list[Segment]) -> list[tuple[str, str]] | None:
    """The (old word, new word) pairs of a diff made only of one-word replacements, else None."""
    pairs: list[tuple[str, str]] = []
    index = 0
    while index < len(segments):
        op, text = segments[index]
        if op == "equal":
            index += 1
            continue
        if op != "delete" or index + 1 >= len(segments) or segments[index + 1][0] != "insert":
            return None
        pairs.append((text, segments[index + 1][1]))
        index += 2
    return pairs


def _typo(old: str, new: str) -> bool:
    words = old.isalpha() and new.isalpha() and min(len(old), len(new)) >= MIN_LENGTH
    a, b = old.casefold(), new.casefold()
    return words and a[0] == b[0] and one_keystroke(a, b)


def spelling(change: BlockChange) -> Finding | None:
    """Editorial: the block's only changes are mistyped words corrected."""
    if change.old is None or change.new is None or change.moved or change.old == change.new:
        return None
    pairs = _fixes(word_diff(change.old, change.new))
    if not pairs or not all(_typo(old, new) for old, new in pairs):
        return None
    first = f"{quote(pairs[0][0])} → {quote(pairs[0][1])}"
    more = f" (and {len(pairs) - 1} more)" if len(pairs) > 1 else ""
    return Finding("spelling", False, f"spelling corrected: {first}{more}", section=change.section)
