"""Deterministic pseudo-translation that keeps every ``{{ … }}`` and link target intact.

Each locale gets its own script (Latin with accents, Cyrillic, Arabic, Hebrew, Greek,
kana, Hangul, Devanagari, Han), so pages look like their language and right-to-left
locales really are right-to-left, while a translation always has the placeholders of
its msgid (``redline check`` verifies that).
"""

from __future__ import annotations

import functools
import re
import string

#: every locale the generator can publish, source first (CLDR codes Material and lunr know)
LOCALES = ("en", "es", "ar", "ru", "de", "fr", "ja", "pt", "it", "tr",
           "he", "el", "ko", "hi", "nl", "sv", "zh", "pl", "uk", "fi")

_LOWER = string.ascii_lowercase
_SCRIPTS = {
    "cyrillic": "абцдефгхийклмнопярстувшхыз",
    "arabic": "ابتدثفغهيجكلمنوقرسطعوشخيز",
    "hebrew": "אבצדעפגהיזכלמנוקרסטושכחיז",
    "greek": "αβψδεφγηιξκλμνοπθρστυωςχυζ",
    "kana": "アブツドエフグハイジカルマナオプクラサタウヴワクヤズ",
    "hangul": "가바차다에파가하이자카라마나오파쿠라사타우바와카야자",
    "devanagari": "अबचदेफगहिजकलमनओपकरसतउवववयज",
    "han": "安部茶大恵富岳花井寺加良真奈尾葉久楽佐田宇部和加也座",
}
_SCRIPT_OF = {"ar": "arabic", "ru": "cyrillic", "uk": "cyrillic", "he": "hebrew", "el": "greek",
              "ja": "kana", "ko": "hangul", "hi": "devanagari", "zh": "han"}
_ACCENTS = str.maketrans("aeiouAEIOU", "áéíóúÁÉÍÓÚ")
#: placeholders, statements and ``](target)`` link targets pass through untouched
_PROTECTED = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\]\([^)]*\))", re.DOTALL)
_WORD = re.compile(r"[A-Za-z]+")
#: a translator's later fix is form only (punctuation): a change of wording would be material
_FIXES = (" .", ";", ":")


@functools.cache
def _table(locale: str) -> dict[int, str] | None:
    script = _SCRIPT_OF.get(locale.split("_")[0])
    if script is None:
        return None
    letters = _SCRIPTS[script]
    table = {ord(c): letters[i % len(letters)] for i, c in enumerate(_LOWER)}
    return table | {ord(c.upper()): letters[i % len(letters)] for i, c in enumerate(_LOWER)}


def _word(word: str, table: dict[int, str] | None) -> str:
    if table is not None:
        return word.translate(table)
    # Latin-script locales: reverse longer words and accent their vowels (same length).
    return word[::-1].translate(_ACCENTS) if len(word) > 3 else word.translate(_ACCENTS)


@functools.lru_cache(maxsize=1 << 16)
def translate(msgid: str, locale: str, variant: int = 0) -> str:
    """Pseudo-translate ``msgid`` into ``locale``; ``variant`` > 0 is a translator's later fix.

    >>> translate('Keep {{ retention.r01 | duration }} of [logs](cookies.md).', 'ru')
    'кееп {{ retention.r01 | duration }} оф [логс](cookies.md).'
    """
    table = _table(locale)
    parts = _PROTECTED.split(msgid)
    out = [part if i % 2 else _WORD.sub(lambda m: _word(m.group(0), table), part)
           for i, part in enumerate(parts)]
    text = "".join(out)
    return f"{text}{_FIXES[(variant - 1) % len(_FIXES)]}" if variant else text
