"""Redline's own interface words (banner, version labels), per locale, English as fallback."""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources

import yaml
from babel.dates import format_date

from redline.punctuation import fill

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "sd", "yi", "dv", "ug", "ckb"})


@cache
def _table(language: str) -> dict[str, str]:
    path = resources.files("redline") / "ui" / f"{language}.yml"
    if not path.is_file():
        return {}
    loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in loaded.items()}


def text(locale: str, key: str, **values: str) -> str:
    """Return the interface text ``key`` in ``locale`` (English when not translated)."""
    language = locale.split("_")[0].split("-")[0]
    template = _table(language).get(key) or _table("en")[key]
    return fill(template, **values)


def long_date(value: dt.date, locale: str) -> str:
    """Format a date as the locale writes it in running text."""
    return format_date(value, format="long", locale=locale.replace("-", "_"))


def direction(locale: str) -> str:
    """``rtl`` for right-to-left languages, else ``ltr``."""
    return "rtl" if locale.split("_")[0] in RTL_LANGUAGES else "ltr"


def language_name(locale: str) -> str:
    """The language's own name for itself."""
    return text(locale, "language_name")
