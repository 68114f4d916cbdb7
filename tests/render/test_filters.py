"""Every template filter, in every locale of the example, written as that language writes it."""

from __future__ import annotations

import datetime as dt

import pytest

from redline.render.filters import country, date, duration, listing, number

LOCALES = ("en", "es", "ar", "ru")


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("en", "February 1, 2026"), ("es", "1 de febrero de 2026"), ("ar", "1 فبراير 2026"),
     ("ru", "1 февраля 2026\u202fг.")],
)
def test_date_long_format(locale: str, expected: str) -> None:
    """`date` writes the long form of the locale."""
    assert date(dt.date(2026, 2, 1), locale=locale) == expected


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", ["12 months", "30 days", "72 hours", "7 years", "1 year and 6 months"]),
        ("es", ["12 meses", "30 días", "72 horas", "7 años", "1 año y 6 meses"]),
        ("ar", ["12 شهرًا", "30 يومًا", "72 ساعة", "7 سنوات", "سنة و6 أشهر"]),
        ("ru", ["12 месяцев", "30 дней", "72 часа", "7 лет", "1 год и 6 месяцев"]),
    ],
)
def test_duration_keeps_its_unit(locale: str, expected: list[str]) -> None:
    """`duration` keeps the ISO 8601 unit: P12M is 12 months, never a year."""
    values = ["P12M", "P30D", "PT72H", "P7Y", "P1Y6M"]
    assert [duration(v, locale=locale) for v in values] == expected


@pytest.mark.parametrize(
    ("locale", "one", "two", "few"),
    [("en", "1 month", "2 months", "3 months"), ("es", "1 mes", "2 meses", "3 meses"),
     ("ar", "شهر", "شهران", "3 أشهر"), ("ru", "1 месяц", "2 месяца", "3 месяца")],
)
def test_duration_plural_forms(locale: str, one: str, two: str, few: str) -> None:
    """CLDR forms the plural: Arabic drops the number for one and two, Russian has three forms."""
    assert [duration(f"P{n}M", locale=locale) for n in (1, 2, 3)] == [one, two, few]


def test_duration_rejects_what_is_not_iso_8601() -> None:
    """A malformed duration is an error, not a guess."""
    with pytest.raises(ValueError, match="'12 months' is not an ISO 8601 duration"):
        duration("12 months", locale="en")


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("en", "A, B, and C"), ("es", "A, B y C"), ("ar", "A وB وC"), ("ru", "A, B и C")],
)
def test_list(locale: str, expected: str) -> None:
    """`list` joins items with the locale's conjunction."""
    assert listing(["A", "B", "C"], locale=locale) == expected


def test_list_of_nothing_is_empty() -> None:
    """An empty list renders as nothing rather than failing."""
    assert listing([], locale="en") == ""


@pytest.mark.parametrize(
    ("locale", "plain", "with_article"),
    [
        ("en", "United Arab Emirates", "the United Arab Emirates"),
        ("es", "Emiratos Árabes Unidos", "los Emiratos Árabes Unidos"),
        ("ar", "الإمارات العربية المتحدة", "الإمارات العربية المتحدة"),
        ("ru", "ОАЭ", "ОАЭ"),
    ],
)
def test_country(locale: str, plain: str, with_article: str) -> None:
    """`country` names a territory from its ISO code, with an article where the language has one."""
    assert country("AE", locale=locale) == plain
    assert country("AE", article=True, locale=locale) == with_article


def test_country_unknown_code() -> None:
    """An unknown code is an error naming it."""
    with pytest.raises(ValueError, match="unknown country code 'XX'"):
        country("XX", locale="en")


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("en", "1,234,567.5"), ("es", "1.234.567,5"), ("ar", "1,234,567.5"), ("ru", "1\xa0234\xa0567,5")],
)
def test_number(locale: str, expected: str) -> None:
    """`number` uses the locale's separators."""
    assert number(1234567.5, locale=locale) == expected


@pytest.mark.parametrize(("locale", "expected"), [("en", "A, B, C"), ("ar", "A، B، C"), ("ru", "A, B, C")])
def test_list_comma_style(locale: str, expected: str) -> None:
    """`list("comma")` joins with the language's own comma and no conjunction (lists ending "etc.")."""
    assert listing(["A", "B", "C"], "comma", locale=locale) == expected
