"""Locale-aware Jinja filters, backed by Babel and CLDR.

Templates never write "{{ n }} days": the plural rules of Arabic (six forms) and
Russian (three) belong to CLDR, so ``duration`` forms the whole phrase.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from functools import partial
from gettext import c2py
from typing import Any, Literal, cast

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.messages.plurals import get_plural
from babel.numbers import format_decimal
from babel.units import format_unit
from jinja2 import Undefined, pass_context

from redline.i18n.uiwords import unit_forms
from redline.load.formats import Duration

FORM_NAME = re.compile(r"^[a-z]{2,20}$")
UNIT_NAMES = {
    "years": "duration-year", "months": "duration-month", "weeks": "duration-week",
    "days": "duration-day", "hours": "duration-hour", "minutes": "duration-minute",
    "seconds": "duration-second",
}
#: Territories whose English name takes "the" inside a sentence.
ENGLISH_THE = frozenset({
    "AE", "BS", "CD", "CF", "CZ", "DO", "EU", "FK", "FO", "GB", "GM", "IM", "KM", "KY",
    "MH", "MV", "NL", "PH", "SB", "SC", "TC", "UN", "US", "VA", "VG", "VI",
})
#: Spanish articles for the territories that take one in running text.
SPANISH_ARTICLES = {
    "AE": "los", "US": "los", "EU": "la", "GB": "el", "NL": "los", "PH": "las",
    "IN": "la", "CN": "la", "AR": "la", "BR": "el", "CA": "el", "JP": "el", "PE": "el",
    "UY": "el", "PY": "el", "EC": "el",
}


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    name = getattr(value, "_undefined_name", None)
    if isinstance(value, Undefined) and name:
        raise DateMissing(f"date filter needs a date, but '{name}' is not set", name,
                          getattr(value, "_undefined_obj", None))
    raise TypeError(f"date filter needs a date, got {value!r}")


class DateMissing(TypeError):
    """A date the template formats is not set (``policy.updated`` in a policy that declares none).

    ``owner`` is the mapping the name was looked up in (the page, or a data set), when known:
    the render names the value by its full path and sends the fix to the front matter only
    when the owner is the page.
    """

    def __init__(self, message: str, name: str, owner: Any = None) -> None:
        super().__init__(message)
        self.name = name
        self.owner = owner
        front = name in ("updated", "effective")
        self.fix = (f"set `{name}: YYYY-MM-DD` in the policy's front matter" if front
                    else f"give '{name}' a date (YYYY-MM-DD) in the data, or remove the date filter")


def date(value: Any, fmt: str = "long", *, locale: str) -> str:
    """Format a date in the locale's long form ("February 1, 2026", "1 de febrero de 2026")."""
    if not isinstance(fmt, str):  # str(none) would be a pattern: "Non7"
        raise TypeError(f"date format {fmt!r} is no text (use long, medium, short or a CLDR pattern)")
    return _formatted_date(_as_date(value), fmt, locale)


@functools.lru_cache(maxsize=4096)
def _formatted_date(day: dt.date, fmt: str, locale: str) -> str:
    # CLDR's answer for one date in one locale: every version of every page asks it again
    try:
        return str(format_date(day, format=fmt, locale=locale))
    except AttributeError:  # Babel reads a time field (zone, hour) of the date
        raise ValueError(f"date format {fmt!r} asks for a time or a time zone, and a date has none") from None


def duration(value: Any, length: str = "long", form: str | None = None, *, locale: str) -> str:
    """Format an ISO 8601 duration in its own units: ``P12M`` is "12 months", never "1 year".

    ``form`` names a grammatical form a translation needs in its sentence (German
    "innerhalb von {{ x | duration(form="dative") }}" reads "30 Tagen"): the phrase comes
    from the interface-word catalogs (``msgctxt "unit.days.dative"``, plural forms), and
    from CLDR's default form where the locale has none.
    """
    parsed = value if isinstance(value, Duration) else Duration.parse(str(value))
    size = cast(Literal["short", "long", "narrow"], length)
    phrases = [_unit_phrase(n, unit, size, form, locale) for unit, n in parsed.parts]
    return format_list(phrases, style="standard", locale=locale) if len(phrases) > 1 else phrases[0]


def _unit_phrase(count: int, unit: str, size: Literal["short", "long", "narrow"], form: str | None,
                 locale: str) -> str:
    if form is not None:
        if not FORM_NAME.match(form):
            raise ValueError(f"unknown grammatical form {form!r} (use a word such as dative)")
        forms = unit_forms(locale, f"unit.{unit}.{form}")
        if forms:
            index = min(c2py(get_plural(locale).plural_expr)(count), len(forms) - 1)
            return forms[index].format(format_decimal(count, locale=locale))
    return _unit(count, unit, size, locale)


@functools.lru_cache(maxsize=4096)
def _unit(count: int, unit: str, size: Literal["short", "long", "narrow"], locale: str) -> str:
    # CLDR's phrase ("12 months", "12 meses"): every version of every page asks it again
    return str(format_unit(count, UNIT_NAMES[unit], length=size, locale=locale))


#: the enumeration comma of languages whose comma is not ", "
COMMAS = {"ar": "، ", "fa": "، ", "ur": "، ", "zh": "、", "ja": "、"}


def listing(values: Iterable[Any], style: str = "standard", *, locale: str) -> str:
    """Join items the way the locale does ("A, B, and C", "A, B y C").

    ``style`` is a CLDR list style (standard, or, unit, …) or ``comma``: items joined
    with the language's own comma and no conjunction, for lists that end in "etc.".
    """
    items = [str(v) for v in values]
    if not items:
        return ""
    if style == "comma":
        return COMMAS.get(locale.split("_")[0], ", ").join(items)
    try:
        return format_list(items, style=style, locale=locale)  # type: ignore[arg-type]
    except KeyError:
        # CLDR lacks some styles for some locales; the standard list is always there.
        return format_list(items, style="standard", locale=locale)


def country(code: Any, article: bool = False, *, locale: str) -> str:
    """Name a territory from its ISO 3166 code in the locale's language."""
    key = str(code).upper()
    name: str | None = Locale.parse(locale).territories.get(key)
    if name is None:
        raise ValueError(f"unknown country code {code!r}")
    if not article:
        return name
    return _with_article(key, name, locale)


def _with_article(code: str, name: str, locale: str) -> str:
    language = locale.split("_")[0]
    if language == "en" and code in ENGLISH_THE:
        return f"the {name}"
    if language == "es" and code in SPANISH_ARTICLES:
        return f"{SPANISH_ARTICLES[code]} {name}"
    return name


def _unfolded(function: Callable[..., str]) -> Callable[..., str]:
    """``function`` as a filter Jinja never runs at compile time: a constant argument
    (``"P30D" | duration(form="dative")``) would bake into a kept compiled template the
    project's unit phrase of that moment, and an edited catalog would not reach the text."""

    @pass_context
    def filter_(context: Any, *args: Any, **kwargs: Any) -> str:
        return function(*args, **kwargs)

    return filter_


def number(value: Any, *, locale: str) -> str:
    """Format a number with the locale's separators."""
    return format_decimal(value, locale=locale)


def filters_for(locale: str) -> dict[str, Callable[..., str]]:
    """Return the filter table bound to ``locale``."""
    return {
        "date": partial(date, locale=locale),
        "duration": _unfolded(partial(duration, locale=locale)),
        "list": partial(listing, locale=locale),
        "country": partial(country, locale=locale),
        "number": partial(number, locale=locale),
    }
