"""The spelling rule: a block whose only change is a mistyped word put right is editorial.

A spelling fix turns a *non-word* into a word of the text's language, as a maintained
dictionary (pyspellchecker's word lists: en, de, fr, es, pt, it, ru, ar, nl...) knows
them, and the two spellings are close (one keystroke apart, or most letters shared:
"neccessary" → "necessary", "demographical" → "demographic"). A word that is already a
word never counts: "sell" → "seal", "retain" → "retrain", "eight" → "eighty" change
meaning. The other direction — a word turned into a non-word — is "typo introduced",
editorial too unless the word carried meaning a reader relies on (a negation, a modal
verb, a quantifier) or was a name. Digits never count; a language without a dictionary
gets no spelling findings (its changes stay material).
"""

from __future__ import annotations

import difflib
from functools import cache
from typing import Protocol

from redline.classify.context import quote
from redline.classify.findings import Finding
from redline.classify.languages import base, words_of
from redline.diff.sections import BlockChange
from redline.diff.words import Segment, word_diff

MIN_LENGTH = 4
#: Two spellings this similar (difflib ratio) are one word mistyped, when one is not a word.
CLOSE_RATIO = 0.8


class Dictionary(Protocol):
    """What the spelling rule asks a dictionary."""

    def known(self, words: list[str]) -> set[str]: ...


@cache
def dictionary(lang: str) -> Dictionary | None:
    """The word list of a language, or None when pyspellchecker has none (loaded once)."""
    from spellchecker import SpellChecker

    try:
        checker: Dictionary = SpellChecker(language=base(lang), distance=1)
    except ValueError:
        return None
    return checker


def is_word(word: str, lang: str) -> bool | None:
    """Whether ``word`` is a word of ``lang`` (None: no dictionary for that language).

    >>> is_word("necessary", "en"), is_word("neccessary", "en"), is_word("palabra", "es")
    (True, False, True)
    """
    checker = dictionary(lang)
    return None if checker is None else bool(checker.known([word.casefold()]))


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


def fix_pairs(segments: list[Segment]) -> list[tuple[str, str]] | None:
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


def _close(old: str, new: str) -> bool:
    words = old.isalpha() and new.isalpha() and min(len(old), len(new)) >= MIN_LENGTH
    a, b = old.casefold(), new.casefold()
    similar = one_keystroke(a, b) or difflib.SequenceMatcher(None, a, b).ratio() >= CLOSE_RATIO
    return words and a[0] == b[0] and similar


def _direction(old: str, new: str, lang: str) -> str | None:
    """"corrected" (a non-word became a word), "introduced" (the reverse), else None."""
    if not _close(old, new):
        return None
    known = is_word(old, lang), is_word(new, lang)
    if known == (False, True):
        return "corrected"
    meaning = words_of(lang)
    loaded = meaning.negations | meaning.modals | meaning.quantifiers if meaning else frozenset()
    if known == (True, False) and old.islower() and old.casefold() not in loaded:
        return "introduced"
    return None


def spelling(change: BlockChange) -> Finding | None:
    """Editorial: the block's only changes are non-words corrected to words (or the reverse)."""
    if change.old is None or change.new is None or change.moved or change.old == change.new:
        return None
    pairs = fix_pairs(word_diff(change.old, change.new))
    if not pairs:
        return None
    directions = {_direction(old.strip(), new.strip(), change.lang) for old, new in pairs}
    if None in directions:
        return None
    first = f"{quote(pairs[0][0])} → {quote(pairs[0][1])}"
    more = f" (and {len(pairs) - 1} more)" if len(pairs) > 1 else ""
    what = "spelling corrected" if directions == {"corrected"} else "typo introduced"
    return Finding("spelling", False, f"{what}: {first}{more}", section=change.section)
