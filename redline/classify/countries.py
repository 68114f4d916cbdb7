"""Countries and regions named in prose: where personal data may travel.

Names come from Babel's territory names in English, German, French and Spanish (the
languages with word lists), each mapped to the English name, plus the aliases policies
actually use ("the EEA", "the U.S.", "UAE"). A name counts in new text only as written
(capitalised); in old text in any case, so re-casing a sentence never invents a
destination. Names that are also everyday words, first names or US states are left out
(in every language, by the territory's English name).
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale

ALIASES: dict[str, str] = {
    "EEA": "European Economic Area", "European Economic Area": "European Economic Area",
    "EU": "European Union", "USA": "United States", "U.S.": "United States",
    "U.S.A.": "United States", "US": "United States", "United States of America": "United States",
    "UK": "United Kingdom", "Great Britain": "United Kingdom", "Britain": "United Kingdom",
    "England": "United Kingdom", "UAE": "United Arab Emirates", "Russian Federation": "Russia",
    "Republic of Korea": "South Korea", "Korea": "South Korea", "Turkey": "Türkiye",
    "Czech Republic": "Czechia", "Hong Kong": "Hong Kong SAR China", "Macau": "Macao SAR China",
    "Holland": "Netherlands", "Ivory Coast": "Côte d’Ivoire", "Swiss": "Switzerland",
}
#: Territory names that are also everyday words or US states, left out of the lexicon
#: (by the English name, so in every language).
AMBIGUOUS = frozenset({"world", "Georgia", "Jersey", "Chad", "Jordan", "Guinea", "Niger"})
#: Names in the other languages that are also a word, a name or a city in English or their
#: own language: "Maurice" (French Mauritius), "Island" (German Iceland), "Granada" (Grenada).
FOREIGN_AMBIGUOUS = frozenset({"Maurice", "Island", "Granada"})
#: The languages whose territory names are read, besides English.
NAME_LANGUAGES = ("de", "fr", "es")
#: Alias codes that may stand alone in prose (other ISO codes only as whole table cells).
PROSE_CODES = frozenset({"EEA", "EU", "USA", "US", "UK", "UAE", "U.S.", "U.S.A."})


@lru_cache(maxsize=1)
def lexicon() -> dict[str, str]:
    """Map every name, alias and alpha-2 code to the territory's English name."""
    names: dict[str, str] = {}
    english = Locale("en").territories
    for code, name in english.items():
        if name in AMBIGUOUS:
            continue
        names[name] = name
        if code.isalpha():
            names[code] = name
    kept = set(names.values())
    for lang in NAME_LANGUAGES:
        for code, name in Locale(lang).territories.items():
            if english.get(code) in kept and name not in FOREIGN_AMBIGUOUS:
                names.setdefault(name, english[code])
    names.update(ALIASES)
    return names


@lru_cache(maxsize=4)
def _pattern(codes: bool, ignore_case: bool) -> re.Pattern[str]:
    words = [n for n in lexicon() if (n in PROSE_CODES if codes else not _is_code(n))]
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?!\w)", re.IGNORECASE if ignore_case else 0)


def _is_code(name: str) -> bool:
    bare = name.replace(".", "")
    return bare.isupper() and len(bare) <= 3


def countries_in(text: str, *, ignore_case: bool = False) -> set[str]:
    """Return the English names of the territories named in ``text``.

    Codes count only as written: ``US`` in prose (unless the text is shouting), any
    ISO code as a whole table cell.

    >>> sorted(countries_in("processed in the United Arab Emirates, the EU and the U.S."))
    ['European Union', 'United Arab Emirates', 'United States']
    >>> sorted(countries_in("Email Delivery | Mailgun | DE"))
    ['Germany']
    >>> countries_in("CONTACT US"), countries_in("turkey"), countries_in("tell us", ignore_case=True)
    (set(), set(), set())
    """
    folded = _folded()
    spelled = (m.group(0).casefold() for m in _pattern(False, ignore_case).finditer(text))
    found = {folded[word] for word in spelled if word in folded}
    if not _shouting(text):
        found |= {lexicon()[m.group(0)] for m in _pattern(True, False).finditer(text)}
    cells = [cell.strip() for cell in text.split("|")] if "|" in text else []
    return found | {lexicon()[cell] for cell in cells if _is_code(cell) and cell in lexicon()}


@lru_cache(maxsize=1)
def _folded() -> dict[str, str]:
    """Territory names by the case-folded spelling of each name and alias."""
    return {word.casefold(): name for word, name in lexicon().items() if not _is_code(word)}


def _shouting(text: str) -> bool:
    """Most letters upper case: ``US`` is then the pronoun, not a country."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > len(letters) / 2
