"""Durations as numbers of days: ISO 8601 strings in data, "12 months" in prose.

Retention periods and notice periods are compared by length, never by spelling:
``P12M`` and ``P1Y`` are the same period, "24 months" is longer than "one year".
Lengths are approximate (a month is a twelfth of a Julian year) — good enough to
say which of two periods is longer, which is all materiality needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from redline.load.formats import Duration, is_duration

__all__ = [
    "Direction",
    "TextDuration",
    "direction",
    "duration_direction",
    "durations_in",
    "is_duration",
    "mask_durations",
    "parse_duration",
]

Direction = Literal["longer", "shorter", "same"]

DAYS_PER_YEAR = 365.25
DAYS_PER_MONTH = DAYS_PER_YEAR / 12

#: Approximate length of each ISO 8601 unit in days (a month is a twelfth of a year,
#: so P12M and P1Y are the same period).
ISO_UNIT_DAYS: dict[str, float] = {
    "years": DAYS_PER_YEAR, "months": DAYS_PER_MONTH, "weeks": 7.0, "days": 1.0,
    "hours": 1 / 24, "minutes": 1 / 1440, "seconds": 1 / 86400,
}

WORD_NUMBERS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fourteen": 14, "fifteen": 15, "eighteen": 18, "twenty": 20, "twenty-four": 24,
    "thirty": 30, "forty-five": 45, "sixty": 60, "seventy-two": 72, "ninety": 90,
}
UNIT_DAYS: dict[str, float] = {
    "hour": 1 / 24, "day": 1.0, "calendar day": 1.0, "business day": 7 / 5,
    "working day": 7 / 5, "week": 7.0, "month": DAYS_PER_MONTH, "year": DAYS_PER_YEAR,
}
#: The same units in German, French and Spanish, every form written out (a trailing "s"
#: is allowed anyway). German "Tag" is left out: "5 tags" is English for labels.
UNIT_DAYS.update({
    **dict.fromkeys(("stunde", "stunden", "heure", "hora"), 1 / 24),
    **dict.fromkeys(("tage", "tagen", "kalendertag", "kalendertage", "kalendertagen", "jour", "día", "dia"),
                    1.0),
    **dict.fromkeys(("werktag", "werktage", "werktagen", "arbeitstag", "arbeitstage", "arbeitstagen",
                     "jour ouvrable", "jours ouvrables", "jour ouvré", "jours ouvrés", "día hábil",
                     "días hábiles", "dia util", "dias uteis"), 7 / 5),
    **dict.fromkeys(("woche", "wochen", "semaine", "semana"), 7.0),
    **dict.fromkeys(("monat", "monate", "monaten", "mois", "mes", "meses"), DAYS_PER_MONTH),
    **dict.fromkeys(("jahr", "jahre", "jahren", "an", "année", "año"), DAYS_PER_YEAR),
})
_WORDS = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_UNITS = "|".join(sorted(UNIT_DAYS, key=len, reverse=True))
TEXT_RE = re.compile(
    rf"(?<![\w-])(?P<count>\d+(?:\.\d+)?|{_WORDS})(?:\s*\(\d+\))?[\s-]+(?P<unit>{_UNITS})s?\b"
    rf"|\b(?P<iso>P(?:\d+[YMWD])+(?:T(?:\d+[HMS])+)?|PT(?:\d+[HMS])+)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TextDuration:
    """A period named in prose.

    Attributes:
        text: the words as written ("12 months").
        days: its approximate length in days.
    """

    text: str
    days: float


def parse_duration(value: str) -> float:
    """Return the approximate length of an ISO 8601 duration, in days.

    The grammar is the one data files are validated with (:mod:`redline.load.formats`).

    >>> parse_duration("P12M"), parse_duration("P1Y"), parse_duration("P30D")
    (365.25, 365.25, 30.0)
    >>> parse_duration("PT72H"), parse_duration("P7Y")
    (3.0, 2556.75)

    Raises:
        ValueError: ``value`` is not an ISO 8601 duration.
    """
    try:
        parts = Duration.parse(value.strip()).parts
    except ValueError:
        raise ValueError(f"not an ISO 8601 duration: {value!r} (expected e.g. P30D, P12M, PT72H)") from None
    return sum(ISO_UNIT_DAYS[unit] * count for unit, count in parts)


def direction(old_days: float, new_days: float) -> Direction:
    """Compare two lengths in days.

    >>> direction(30, 365.25), direction(2, 1), direction(1.0, 1.0)
    ('longer', 'shorter', 'same')
    """
    if abs(new_days - old_days) < 1e-9:
        return "same"
    return "longer" if new_days > old_days else "shorter"


def duration_direction(old: str, new: str) -> Direction:
    """Say whether the ISO 8601 duration ``new`` is longer than ``old``.

    >>> duration_direction("P12M", "P24M"), duration_direction("P7Y", "P30D")
    ('longer', 'shorter')
    >>> duration_direction("P12M", "P1Y")
    'same'
    """
    return direction(parse_duration(old), parse_duration(new))


def durations_in(text: str) -> list[TextDuration]:
    """Find the periods named in prose, in order.

    >>> [(d.text, round(d.days, 2)) for d in durations_in("kept 12 months, then 30 days")]
    [('12 months', 365.25), ('30 days', 30.0)]
    >>> [d.text for d in durations_in("within seventy-two hours; one year; a 72-hour window")]
    ['seventy-two hours', 'one year', '72-hour']
    >>> [round(d.days) for d in durations_in("12 Monate; 3 ans; 30 días; 5 jours ouvrables; 5 tags")]
    [365, 1096, 30, 7]
    """
    return [_text_duration(match) for match in TEXT_RE.finditer(text)]


def mask_durations(text: str, mask: str = "<period>") -> str:
    """Replace the periods named in prose by ``mask``.

    >>> mask_durations("Retained for up to 12 months, then 30 days.")
    'Retained for up to <period>, then <period>.'
    """
    return TEXT_RE.sub(mask, text)


def _text_duration(match: re.Match[str]) -> TextDuration:
    if match.group("iso"):
        return TextDuration(match.group(0), parse_duration(match.group("iso").upper()))
    count = match.group("count").lower()
    number = WORD_NUMBERS.get(count)
    amount = float(count) if number is None else number
    unit = re.sub(r"\s+", " ", match.group("unit").lower())
    return TextDuration(match.group(0), amount * UNIT_DAYS[unit])
