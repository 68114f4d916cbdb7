"""A list's lead-in reworded from one "not an exhaustive list" phrase to another.

"Prohibited content includes but is not limited to:" and "A few examples of prohibited
content:" both introduce examples, not a closed list. The "not" in "not limited to"
negates nothing a user relies on: it says the list is open. The rule holds only when the
old and the new text each carry one of these phrases, both end by introducing a list
(":"), and once the phrases are taken out the same content words remain.
"""

from __future__ import annotations

import re
from collections import Counter

from redline.classify.context import STOPWORDS, found, quote
from redline.classify.findings import Finding
from redline.diff.canonical import canonical
from redline.diff.sections import BlockChange
from redline.diff.text import plain

#: Phrases that say a list is open, per language (lower case).
OPEN_LIST = {
    "en": (r"includ(?:es|e|ing) but (?:is |are )?not limited to", r"including without limitation",
           r"(?:a few |some )?examples of", r"for example", r"for instance", r"such as"),
    "de": (r"unter anderem", r"zum beispiel", r"beispielsweise", r"insbesondere", r"beispiele für"),
    "fr": (r"notamment", r"par exemple", r"y compris,? sans s'y limiter", r"(?:quelques )?exemples de"),
    "es": (r"entre otros", r"por ejemplo", r"incluyendo,? sin limitación", r"(?:algunos )?ejemplos de"),
}


def _open_list_re(lang: str) -> re.Pattern[str] | None:
    phrases = OPEN_LIST.get(lang.split("-")[0].split("_")[0])
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b", re.I) if phrases else None


def _lead_in(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+", plain(text).strip())[-1]


def open_list_reworded(change: BlockChange) -> Finding | None:
    """Editorial: a list's lead-in swapped one "open list" phrase for another, same content words."""
    if change.old is None or change.new is None or change.moved or change.kind != "paragraph":
        return None
    pattern = _open_list_re(change.lang)
    old, new = plain(change.old), plain(change.new)
    if pattern is None or not (old.endswith(":") and new.endswith(":")) or old == new:
        return None
    before, after = _lead_in(old), _lead_in(new)
    if not (pattern.search(before) and pattern.search(after)):
        return None
    if old[: len(old) - len(before)] != new[: len(new) - len(after)]:
        return None  # only the lead-in sentence may change
    if _content(pattern.sub(" ", before), change.lang) != _content(pattern.sub(" ", after), change.lang):
        return None
    reason = f"open-list lead-in reworded: {quote(before)} → {quote(after)}"
    return found("open-list-reworded", False, reason, change)


def _content(text: str, lang: str) -> Counter[str]:
    return Counter(word for word in canonical(text, lang) if word not in STOPWORDS | FILLERS)


#: Words that only size the list of examples ("a few examples of").
FILLERS = frozenset({"few", "some", "quelques", "algunos", "einige"})
