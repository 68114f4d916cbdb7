"""Merge YAML tables of interface words into Redline's gettext catalogs (redline/locale/).

    python scripts/ui_catalog.py words/de.yml                 # site words of one locale
    python scripts/ui_catalog.py --notices strings.yml        # notice words, per locale

A flat table (``key: text``, the locale from the file name) adds or replaces site words;
``--notices`` reads ``locale: {key: text}`` and prefixes keys with ``notices.``. The
English catalog gives every other catalog its msgids, so English words go in first.
Kept for words written in the former YAML tables; new words go straight into the .po files.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from redline.i18n.uiwords import PACKAGE_DIR, catalog_path, read_words, write_catalog


def merge(locale: str, table: dict[str, object]) -> None:
    """Add ``table`` (key → text in ``locale``; a list: plural forms) to the catalog of ``locale``."""
    path = catalog_path(PACKAGE_DIR, locale)
    current = read_words(path)
    words = {key: str(value) for key, value in table.items() if not isinstance(value, list)}
    forms = {key: tuple(str(v) for v in value) for key, value in table.items() if isinstance(value, list)}
    english = read_words(catalog_path(PACKAGE_DIR, "en")).english
    if locale == "en":
        english = {**english, **words}
    texts = {**current.texts, **words}
    entries = {key: (english.get(key, text), "" if locale == "en" else text) for key, text in texts.items()}
    if locale == "en":
        entries = {key: (text, "") for key, text in english.items()}
    plural_ids = {**_plural_ids(), **({k: (v[0], v[1]) for k, v in forms.items()} if locale == "en" else {})}
    merged = {**current.plurals, **forms}
    if locale == "en":
        merged = {key: ("", "") for key in plural_ids}
    plurals = {key: (plural_ids[key], value) for key, value in merged.items() if key in plural_ids}
    write_catalog(path, locale, entries, plurals)
    print(f"{path}: {len(entries)} words")


def _plural_ids() -> dict[str, tuple[str, str]]:
    from babel.messages.pofile import read_po

    path = catalog_path(PACKAGE_DIR, "en")
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {str(m.context): (str(m.id[0]), str(m.id[1])) for m in catalog
            if isinstance(m.id, tuple) and m.context}


def main(args: list[str]) -> int:
    """Merge each file named in ``args``."""
    notices = "--notices" in args
    for name in (a for a in args if a != "--notices"):
        data = yaml.safe_load(Path(name).read_text(encoding="utf-8")) or {}
        if notices:
            for locale, table in data.items():
                merge(str(locale), {f"notices.{k}": v for k, v in table.items() if k != "facts"})
        else:
            merge(Path(name).stem, {str(k): v for k, v in data.items()})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
