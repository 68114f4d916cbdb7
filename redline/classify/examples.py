"""Examples added to a catch-all: "in any manner (automated, via bots, or otherwise)".

A parenthesis inserted right after "any <word>" that lists examples and closes with "or
otherwise" names cases the catch-all already covered: "any manner" includes automated
manners. It neither narrows nor widens the sentence. The parenthesis must be the only
change, hold no negation or limit, and close with the language's "or otherwise".
"""

from __future__ import annotations

import re

from redline.classify import lexicon
from redline.classify.context import delta, found, quote
from redline.classify.findings import Finding
from redline.classify.languages import words_of
from redline.diff.canonical import canonical
from redline.diff.sections import BlockChange

#: "any <word> (..., or otherwise)", per language.
CATCH_ALL_RE = {
    "en": re.compile(r"\b(?:any|all)\s+\w+\s+\(([^()]+?),?\s+or\s+otherwise\)", re.I),
    "de": re.compile(r"\b(?:jede[nmrs]?|alle[nmrs]?)\s+\w+\s+\(([^()]+?),?\s+oder\s+"
                     r"(?:anderweitig|auf\s+andere\s+Weise)\)", re.I),
    "fr": re.compile(r"\b(?:tout|toute|tous|toutes)\s+\w+\s+\(([^()]+?),?\s+ou\s+autrement\)", re.I),
    "es": re.compile(r"\b(?:cualquier|todo|toda|todos|todas)\s+\w+\s+\(([^()]+?),?\s+o\s+de\s+"
                     r"otr[oa]\s+(?:modo|manera|forma)\)", re.I),
}


def catch_all_examples(change: BlockChange) -> Finding | None:
    """Editorial: the only change is a parenthesis of examples closed by "or otherwise" after "any <word>"."""
    if change.old is None or change.new is None or change.moved:
        return None
    pattern = CATCH_ALL_RE.get(change.lang.split("-")[0].split("_")[0])
    meaning = words_of(change.lang)
    d = delta(change)
    if pattern is None or meaning is None or d.deleted or len(d.inserted) != 1:
        return None
    match = pattern.search(d.new)
    if match is None:
        return None
    inner = match.group(0)
    without = d.new.replace(inner[inner.index("("):], "").replace("  ", " ")
    if canonical(without, change.lang) != canonical(d.old, change.lang):
        return None
    if set(canonical(match.group(1), change.lang)) & (meaning.negations | meaning.qualifiers - {"in"}):
        return None
    if lexicon.LIMITING.search(match.group(1)) or lexicon.NEGATION.search(match.group(1)):
        return None
    reason = f"examples added to a catch-all: {quote(inner)}"
    return found("catch-all-examples", False, reason, change)
