"""Cross-references ("Article 15.4", "section 7", "§ 3") and the numbered clauses they name.

A reference that changes its number is editorial when it follows the document's own
numbering: in the new text the new number names a clause, and in the old text the old
number named the same clause (same title, renumbered) or named none at all (a broken
reference repaired). Anything else — a reference to another existing clause — is a
change of which rules apply, and stays material.
"""

from __future__ import annotations

import re

from redline.diff.canonical import visible, words

REFERENCE_RE = re.compile(
    r"\b(?:articles?|art\.|sections?|sec\.|clauses?|paragraphs?|para\.|items?|artikel|abschnitt|ziffer"
    r"|absatz|abs\.|art[íi]culos?|cl[áa]usulas?|secci[óo]n|apartados?|paragraphes?|alin[ée]as?)"
    r"\s*(\d+(?:\.\d+)*)|§+\s*(\d+(?:\.\d+)*)",
    re.I,
)
CLAUSE_RE = re.compile(r"^\W*(?:[^\W\d_]+\.?\s+)?(\d+(?:\.\d+)*)\.?\s+(\S.*)$")
NUMBER_TOKEN = "<ref>"


def clause_titles(texts: list[str]) -> dict[str, tuple[str, ...]]:
    """Number → first words of each numbered clause title (headings, bold lead-ins).

    >>> clause_titles(["14.4 Suspension of the Account", "Article 3. Fees apply"])
    {'14.4': ('suspension', 'of', 'the', 'account'), '3': ('fees', 'apply')}
    """
    titles: dict[str, tuple[str, ...]] = {}
    for text in texts:
        match = CLAUSE_RE.match(visible(text))
        if match:
            titles.setdefault(match.group(1), words(match.group(2))[:8])
    return titles


def reference_changes(old: str, new: str) -> list[tuple[str, str]] | None:
    """The (old number, new number) of each changed reference, when nothing else changed.

    >>> reference_changes("under Article 15.4 herein.", "under Article 14.4 herein.")
    [('15.4', '14.4')]
    >>> reference_changes("under Article 15.4 now.", "under Article 14.4 herein.") is None
    True
    """
    masked = [REFERENCE_RE.sub(lambda m: m.group(0).replace(_number(m), NUMBER_TOKEN), t) for t in (old, new)]
    if words(visible(masked[0])) != words(visible(masked[1])):
        return None
    numbers = [[_number(m) for m in REFERENCE_RE.finditer(text)] for text in (old, new)]
    if len(numbers[0]) != len(numbers[1]):
        return None
    pairs = [(a, b) for a, b in zip(numbers[0], numbers[1], strict=True) if a != b]
    return pairs or None


def _number(match: re.Match[str]) -> str:
    return match.group(1) or match.group(2)


def follows_numbering(
    pairs: list[tuple[str, str]], old: dict[str, tuple[str, ...]], new: dict[str, tuple[str, ...]]
) -> bool:
    """True when every changed reference names, in the new text, the clause it named
    before (renumbered), or names an existing clause where it used to name none.

    >>> follows_numbering([("15.4", "14.4")], {"14.4": ("a",)}, {"14.4": ("a",)})
    True
    >>> follows_numbering([("3", "4")], {"3": ("a",), "4": ("b",)}, {"3": ("a",), "4": ("b",)})
    False
    """
    return all(b in new and (a not in old or old[a] == new[b]) for a, b in pairs)
