"""Redline's own interface words (banner, version labels, notices), per locale.

One table per locale: the ``redline`` gettext domain shipped in the package
(``redline/locale/<lang>/LC_MESSAGES/redline.po``), under the project's own catalog of the
same name in its locales folder, which overrides any word or adds a language (see
:mod:`redline.i18n.uiwords`). A word missing in a locale comes from its language, then
from English; :func:`missing` lists what a locale lacks, for ``redline check``.
"""

from __future__ import annotations

import datetime as dt

from babel import Locale, UnknownLocaleError
from babel.dates import format_date

from redline.i18n.uiwords import OPTIONAL_PREFIX, lookup, package_words, unit_forms, use_project, written
from redline.punctuation import fill

__all__ = ["direction", "keys", "language_name", "long_date", "lookup", "missing", "text", "unit_forms",
           "use_project"]

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "sd", "yi", "dv", "ug", "ckb"})


def text(locale: str, key: str, **values: str) -> str:
    """Return the interface text ``key`` in ``locale`` (English when not translated)."""
    template = lookup(locale, key) or lookup("en", key)
    if template is None:
        raise KeyError(f"no interface word {key!r} in redline/locale/en/LC_MESSAGES/redline.po")
    return fill(template, **values)


def keys() -> list[str]:
    """Every interface word's key (the English catalog's)."""
    return sorted(package_words("en").english)


def missing(locale: str) -> list[str]:
    """The keys ``locale`` has no word for (English fallback), optional forms left out."""
    if locale.replace("-", "_").split("_")[0] == "en":
        return []  # English is the source of every word (``en-GB`` as ``en_GB``: :func:`lookup` says so too)
    found = written(locale)  # the catalogs' stamps checked once, not once a key
    return [key for key in keys() if not key.startswith(OPTIONAL_PREFIX) and key not in found]


def long_date(value: dt.date, locale: str) -> str:
    """Format a date as the locale writes it in running text."""
    return format_date(value, format="long", locale=locale.replace("-", "_"))


def direction(locale: str) -> str:
    """``rtl`` for right-to-left languages, else ``ltr``."""
    return "rtl" if locale.split("_")[0] in RTL_LANGUAGES else "ltr"


def language_name(locale: str) -> str:
    """The language's own name for itself, from CLDR, capitalised as a menu item.

    >>> [language_name(code) for code in ("de", "es", "ar", "pt_BR")]
    ['Deutsch', 'Español', 'العربية', 'Português (Brasil)']
    """
    try:
        name = Locale.parse(locale.replace("-", "_")).get_display_name() or locale
    except (UnknownLocaleError, ValueError):
        return locale
    return name[:1].upper() + name[1:]
