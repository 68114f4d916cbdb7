"""A grammar fix between two real words that readers confuse: a closed list per language.

"Except for it obligations" → "Except for its obligations" turns one real word into
another, so the dictionary rule (:mod:`redline.classify.spelling`) cannot call it a
spelling fix, and edit distance alone would also accept "sell" → "seal". A pair here is
one that writers mix up because the two words sound alike or differ only by an
apostrophe or an accent, where either reading names the same thing. Every pair is
written out; nothing outside the list counts, and nothing else in the block may change.
"""

from __future__ import annotations

from redline.classify.context import quote
from redline.classify.findings import Finding
from redline.classify.languages import base
from redline.classify.spelling import fix_pairs
from redline.diff.sections import BlockChange
from redline.diff.words import word_diff


def _pairs(*groups: str) -> frozenset[frozenset[str]]:
    """Each group "a|b|c" gives every two-word pair in it."""
    found: set[frozenset[str]] = set()
    for group in groups:
        words = group.split("|")
        found.update(frozenset((a, b)) for a in words for b in words if a != b)
    return frozenset(found)


#: Confusable words, per language. Pairs where one reading adds a condition, a negation or
#: another quantity ("si" if / "sí" yes, "ou" or / "où" where) are left out on purpose.
CONFUSABLE: dict[str, frozenset[frozenset[str]]] = {
    "en": _pairs("it|its|it's", "their|there|they're", "your|you're", "whose|who's"),
    "de": _pairs("das|dass", "seid|seit"),
    "fr": _pairs("a|à", "ce|se", "son|sont", "ces|ses"),
    "es": _pairs("el|él", "tu|tú", "mas|más", "aun|aún"),
}


def confusable_word(change: BlockChange) -> Finding | None:
    """Editorial: the block's only changes swap a word for its look- or sound-alike from a closed list."""
    if change.old is None or change.new is None or change.moved or change.old == change.new:
        return None
    pairs = fix_pairs(word_diff(change.old, change.new))
    known = CONFUSABLE.get(base(change.lang), frozenset())
    if not pairs or not known:
        return None
    if any(frozenset((old.strip().casefold(), new.strip().casefold())) not in known for old, new in pairs):
        return None
    first = f"{quote(pairs[0][0].strip())} → {quote(pairs[0][1].strip())}"
    more = f" (and {len(pairs) - 1} more)" if len(pairs) > 1 else ""
    reason = f"grammar fix between confusable words: {first}{more}"
    return Finding("grammar", False, reason, section=change.section)
