"""Meaning rules that read the words of the text's language: negations, modal verbs,
quantifiers and scope qualifiers changed, and markup that can hide or restyle words.

Each compares the old and new block word for word (canonical forms, so quotes and
case do not count) and names what changed; every one of these changes is material.
They also keep the softer editorial rules (a spelling fix, a recipient struck from a
list) from explaining a change that, say, also deleted "in the United States".
"""

from __future__ import annotations

import re
from collections import Counter

from redline.classify.context import found, quote
from redline.classify.findings import Finding
from redline.classify.languages import words_of
from redline.diff.canonical import canonical
from redline.diff.sections import BlockChange
from redline.diff.words import opcodes
from redline.fallback import FALLBACK_TAG_RE

#: Inline HTML whose attributes can hide, show or restyle words.
RESTYLING_TAG_RE = re.compile(r"<[A-Za-z][\w-]*\b[^>]*\b(?:class|style|hidden|aria-hidden)\b[^>]*>", re.I)


def restyling_markup(change: BlockChange) -> Finding | None:
    """Material: inline HTML that can hide or restyle words was added, removed or changed."""
    old = Counter(RESTYLING_TAG_RE.findall(FALLBACK_TAG_RE.sub("", change.old or "")))
    new = Counter(RESTYLING_TAG_RE.findall(FALLBACK_TAG_RE.sub("", change.new or "")))
    if old == new:
        return None
    tag = next(iter((new - old) or (old - new)))
    return found("restyling-markup", True, f"markup that can hide or restyle text: {quote(tag)}", change)


def _edited_words(change: BlockChange) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    if change.old is None or change.new is None or change.moved:
        return None
    old, new = canonical(change.old, change.lang), canonical(change.new, change.lang)
    return None if old == new else (old, new)


def meaning_words(change: BlockChange) -> Finding | None:
    """Material: a negation, modal verb or quantifier was added, removed or swapped."""
    edited, words = _edited_words(change), words_of(change.lang)
    if edited is None or words is None:
        return None
    for what, lexicon in (("negation", words.negations), ("modal verb", words.modals),
                          ("quantifier", words.quantifiers)):
        before = Counter(w for w in edited[0] if w in lexicon)
        after = Counter(w for w in edited[1] if w in lexicon)
        if before != after:
            gone, came = " ".join((before - after).elements()), " ".join((after - before).elements())
            done = "removed" if not came else "added" if not gone else "changed"
            change_text = quote(gone or came) if done != "changed" else f"{quote(gone)} → {quote(came)}"
            reason = f"{what} {done} in {quote(change.title)}: {change_text}"
            return found("meaning-word", True, reason, change)
    return None


def qualifier_removed(change: BlockChange) -> Finding | None:
    """Material: words that limited the scope were deleted ("only", "in the United States",
    "for some users", "unless ...", "except ..."): the statement now reaches further."""
    edited, words = _edited_words(change), words_of(change.lang)
    if edited is None or words is None:
        return None
    for tag, i1, i2, j1, j2 in opcodes(list(edited[0]), list(edited[1])):
        deleted = edited[0][i1:i2]
        if tag == "equal" or not set(deleted) & words.qualifiers:
            continue
        if set(edited[1][j1:j2]) & words.qualifiers:
            continue  # one limit replaced by another: judged by the other rules
        reason = f"qualifier removed in {quote(change.title)}: {quote(' '.join(deleted))}"
        return found("qualifier-removed", True, reason, change)
    return None
