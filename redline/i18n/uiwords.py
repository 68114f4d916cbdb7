"""Redline's interface words as gettext catalogs: the ``redline`` domain, one ``.po`` per locale.

Every word of the site chrome (``msgctxt "banner"``) and of notices, feeds and emails
(``msgctxt "notices.subject"``) is one entry: the context is the stable key code looks
words up by, the msgid the English text a translator reads, the msgstr the translation.
Fields in braces (``{date}``) are Python format fields, flagged ``python-brace-format``
so Poedit and Weblate check them. Unit phrases in a grammatical case are plural entries
(``msgctxt "unit.days.dative"``: "{0} Tag" / "{0} Tagen"), for the ``duration`` filter's
``form`` argument.

The package ships ``redline/locale/<lang>/LC_MESSAGES/redline.po``; a project overrides any
entry, or adds a language, in ``locales/<lang>/LC_MESSAGES/redline.po``. Catalogs are read
with Babel at run time (no compiled ``.mo`` to keep in step).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import stat
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from redline import __version__
from redline.errors import RedlineError

DOMAIN = "redline"
PACKAGE_DIR = Path(__file__).resolve().parent.parent / "locale"
FIXED_DATE = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
#: Keys whose entries are optional: a language without them uses CLDR's default forms.
OPTIONAL_PREFIX = "unit."


@dataclass(frozen=True)
class Words:
    """One catalog's words: key → text, and key → plural forms (unit phrases)."""

    texts: dict[str, str] = field(default_factory=dict)
    plurals: dict[str, tuple[str, ...]] = field(default_factory=dict)
    english: dict[str, str] = field(default_factory=dict)


#: The project whose catalogs override the package's (see :func:`redline.i18n.ui.use_project`).
#: An environment variable, not a global, so worker processes (forked or spawned) see it too.
PROJECT_VARIABLE = "REDLINE_UI_LOCALES"


def project_fingerprint() -> str:
    """A digest of the project's ``redline.po`` catalogs ("" without any): part of cache keys."""
    folder = os.environ.get(PROJECT_VARIABLE)
    if not folder:
        return ""
    try:
        names = sorted(name for name in os.listdir(folder) if not name.startswith("."))
    except OSError:
        return ""
    # a listing and a stat per locale (every render key asks: no glob); read and hashed
    # again only when a catalog changed
    found = [(path, stamp) for path in (os.path.join(folder, name, "LC_MESSAGES", f"{DOMAIN}.po")
                                        for name in names) if (stamp := _file_stamp(path)) is not None]
    return _fingerprint(tuple(path for path, _ in found), tuple(stamp for _, stamp in found)) if found else ""


def _file_stamp(path: str) -> tuple[int, int] | None:
    """When the file ``path`` last changed, and its size (an edited file is read again); None
    when there is no such file."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_mtime_ns, found.st_size) if stat.S_ISREG(found.st_mode) else None


@cache
def _fingerprint(paths: tuple[str, ...], stamps: tuple[tuple[int, int], ...]) -> str:
    hasher = hashlib.sha256()
    for path in map(Path, paths):
        hasher.update(path.parent.parent.name.encode() + b"\0" + path.read_bytes())
    return hasher.hexdigest()[:16]


def catalog_path(folder: Path, locale: str) -> Path:
    """Where the ``redline`` catalog of ``locale`` lives under a locales folder."""
    return folder / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_words(path: Path, shown: str | None = None) -> Words:
    """The translated entries of one catalog (fuzzy and empty ones are left out)."""
    if not path.is_file():
        return Words()
    try:
        catalog = read_po(io.BytesIO(path.read_bytes()))
    except Exception as error:  # Babel raises several types for broken files
        raise RedlineError(f"malformed catalog: {error}", where=shown or str(path),
                           fix="open it in Poedit (it shows the error) or restore it with `git checkout`",
                           ) from None
    texts: dict[str, str] = {}
    plurals: dict[str, tuple[str, ...]] = {}
    english: dict[str, str] = {}
    for message in catalog:
        if not message.id or not message.context:
            continue
        key = str(message.context)
        if isinstance(message.id, tuple):
            if isinstance(message.string, tuple) and all(message.string) and not message.fuzzy:
                plurals[key] = tuple(str(s) for s in message.string)
            continue
        english[key] = str(message.id)
        if isinstance(message.string, str) and message.string and not message.fuzzy:
            texts[key] = message.string
    return Words(texts, plurals, english)


def write_catalog(path: Path, locale: str, entries: dict[str, tuple[str, str]],
                  plurals: dict[str, tuple[tuple[str, str], tuple[str, ...]]] | None = None) -> None:
    """Write a ``redline`` catalog: ``entries`` maps key → (English, translation), sorted by key."""
    # A fixed date: rewriting a catalog changes only the entries that changed.
    catalog = Catalog(locale=locale, domain=DOMAIN, project="Redline", fuzzy=False, version=__version__,
                      creation_date=FIXED_DATE, revision_date=FIXED_DATE,
                      header_comment=f"# Redline's interface words ({locale}).\n"
                                     "# msgctxt is the key Redline looks a word up by;\n"
                                     "# fields in braces are filled in.")
    for key in sorted(entries):
        source, text = entries[key]
        flags = ["python-brace-format"] if "{" in source else []
        catalog.add(source, text, context=key, flags=flags)
    for key, (ids, strings) in sorted((plurals or {}).items()):
        forms = strings if any(strings) else ("",) * catalog.num_plurals
        catalog.add(ids, forms, context=key, flags=["python-brace-format"])
    out = io.BytesIO()
    write_po(out, catalog, width=76, omit_header=False, sort_output=False, no_location=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


def use_project(locales_dir: Path | None) -> None:
    """Read the project's ``<locales_dir>/<lang>/LC_MESSAGES/redline.po`` over the package's."""
    if locales_dir is None:
        os.environ.pop(PROJECT_VARIABLE, None)
    else:
        os.environ[PROJECT_VARIABLE] = str(locales_dir.resolve())


@cache
def package_words(locale: str) -> Words:
    return read_words(catalog_path(PACKAGE_DIR, locale))


@cache
def _project(folder: str, locale: str, stamp: tuple[int, int]) -> Words:
    path = catalog_path(Path(folder), locale)
    return read_words(path, shown=f"locales/{locale}/LC_MESSAGES/redline.po")


def _project_words(locale: str) -> Words:
    folder = os.environ.get(PROJECT_VARIABLE)
    if not folder:
        return Words()
    # The file's stamp in the key: an edited catalog is read again (``mkdocs serve``, tests).
    # One stat per lookup, no more: a site asks for words tens of thousands of times.
    return _project(folder, locale, _file_stamp(_catalog_file(folder, locale)) or (0, 0))


@cache
def _catalog_file(folder: str, locale: str) -> str:
    return str(catalog_path(Path(folder), locale))


def _codes(locale: str) -> list[str]:
    normal = locale.replace("-", "_")
    return list(dict.fromkeys((normal, normal.split("_")[0])))


def _tables(locale: str) -> list[Words]:
    """The catalogs of ``locale`` and its language, the project's before the package's."""
    return [table for code in _codes(locale) for table in (_project_words(code), package_words(code))]


def lookup(locale: str, key: str) -> str | None:
    """The word ``key`` as written for ``locale`` (None: not translated there)."""
    if locale.split("_")[0].split("-")[0] == "en":
        tables = _tables(locale)
        for table in tables:
            if key in table.texts:
                return table.texts[key]
        return next((table.english[key] for table in tables if key in table.english), None)
    return next((table.texts[key] for table in _tables(locale) if key in table.texts), None)


def written(locale: str) -> frozenset[str]:
    """The keys ``locale`` has a word for (its catalogs and its language's, the project's too)."""
    return frozenset(key for table in _tables(locale) for key in table.texts)


def unit_forms(locale: str, key: str) -> tuple[str, ...] | None:
    """The plural forms of the unit phrase ``key`` (``unit.days.dative``) in ``locale``, if written."""
    return next((table.plurals[key] for table in _tables(locale) if key in table.plurals), None)


def english_plural_ids() -> dict[str, tuple[str, str]]:
    """The English singular and plural of every unit phrase (``unit.days.dative``)."""
    with catalog_path(PACKAGE_DIR, "en").open("rb") as handle:
        catalog = read_po(handle)
    return {str(m.context): (str(m.id[0]), str(m.id[1])) for m in catalog
            if isinstance(m.id, tuple) and m.context}


def write_project_catalog(folder: Path, locale: str) -> tuple[Path, int, int]:
    """Write the project's ``redline.po`` of ``locale``: every word, translated where known.

    Returns the path, the number of words, and how many of them are still to translate.
    """
    english = package_words("en").english
    entries = {key: (text, lookup(locale, key) or "") for key, text in english.items()}
    plurals = {key: (ids, unit_forms(locale, key) or ()) for key, ids in english_plural_ids().items()}
    path = catalog_path(folder, locale)
    write_catalog(path, locale, entries, plurals)
    return path, len(entries), sum(1 for _, text in entries.values() if not text)
