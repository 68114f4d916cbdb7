"""Value formats of typed data: ISO 8601 durations and dates, ISO 3166 countries, emails."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from babel import Locale

DURATION_RE = re.compile(
    r"^P(?!$)(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?=\d)(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?$"
)
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
UNITS = ("years", "months", "weeks", "days", "hours", "minutes", "seconds")
#: approximate length of each unit in days, only for comparing durations
UNIT_DAYS = {
    "years": 365.25, "months": 30.44, "weeks": 7.0, "days": 1.0,
    "hours": 1 / 24, "minutes": 1 / 1440, "seconds": 1 / 86400,
}


@dataclass(frozen=True, order=True)
class Duration:
    """An ISO 8601 duration kept in its own units (``P12M`` is 12 months, not a year).

    >>> Duration.parse("P12M").parts
    (('months', 12),)
    >>> Duration.parse("P1Y6M") > Duration.parse("P12M")
    True
    """

    days_approx: float
    parts: tuple[tuple[str, int], ...]
    text: str

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Parse an ISO 8601 duration; raise ValueError when it is not one."""
        match = DURATION_RE.match(text)
        if not match:
            raise ValueError(f"'{text}' is not an ISO 8601 duration")
        parts = tuple((unit, int(v)) for unit in UNITS if (v := match.group(unit)) is not None)
        days = sum(UNIT_DAYS[unit] * n for unit, n in parts)
        return cls(days, parts, text)

    def __str__(self) -> str:
        return self.text


def is_duration(value: object) -> bool:
    """True for a string that is an ISO 8601 duration."""
    return isinstance(value, str) and DURATION_RE.match(value) is not None


def is_date(value: object) -> bool:
    """True for a ``YYYY-MM-DD`` string naming a real day."""
    if not isinstance(value, str) or not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_country(value: object) -> bool:
    """True for an ISO 3166-1 alpha-2 code CLDR names (``EU`` included)."""
    return isinstance(value, str) and value.isupper() and value in Locale("en").territories


def is_email(value: object) -> bool:
    """True for something shaped like an email address."""
    return isinstance(value, str) and EMAIL_RE.match(value) is not None


FORMAT_HINTS = {
    "duration": "an ISO 8601 duration such as P30D, P12M, P7Y or PT72H",
    "date": "a date written YYYY-MM-DD",
    "country": "an ISO 3166-1 alpha-2 country code such as AE, US or EU",
    "email": "an email address",
}
