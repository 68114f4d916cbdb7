"""Gettext catalogs the way ``redline i18n update`` would leave them, fully translated.

The msgids come from Redline's own extractor, so a synthetic catalog always holds
exactly the units ``redline check`` expects; every msgstr is a pseudo-translation.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from babel.messages.catalog import Catalog
from babel.messages.pofile import escape

from bench.synth import pseudo
from redline.blocks import needs_translation, split_blocks
from redline.i18n.extract import _comments
from redline.load.data import translatable_paths
from redline.load.yamlfile import parse_yaml

#: (msgid, locations, extracted comments)
Entry = tuple[str, tuple[str, ...], tuple[str, ...]]
#: data files with ``x-translatable`` strings (the others need not be parsed)
TRANSLATED_FILES = ("subprocessors",)
HEADER = (
    "# {name} translations of the synthetic policies.\n"
    'msgid ""\nmsgstr ""\n'
    '"Project-Id-Version: Synthetic policies 1.0\\n"\n'
    '"Language: {locale}\\n"\n'
    '"Plural-Forms: {plural}\\n"\n'
    '"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=utf-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n'
)


def policy_entries(path: str, text: str) -> list[Entry]:
    """The units of one policy file, as ``pybabel extract`` (Redline's extractor) finds them.

    Same output as :func:`redline.i18n.extract.extract_policy`, without validating the
    front matter again on every commit (the generator writes it; ``redline check`` and
    the tests verify it).
    """
    head, body = text.split("\n---\n", 1)
    meta = dict(line.split(": ", 1) for line in head.splitlines()[1:])
    ident = path.rsplit("/", 1)[-1].removesuffix(".md")
    found: list[Entry] = [(meta["title"], (f"{path}:2",), (f"Title of the {ident} policy.",))]
    if "description" in meta:
        found.append((meta["description"], (f"{path}:3",), ("Short description for search engines.",)))
    shift = head.count("\n") + 2
    section = ""
    for block in split_blocks(body):
        if block.kind == "heading" and block.anchor:
            section = block.anchor
        if needs_translation(block):
            notes = tuple(_comments(block.kind, block.text, section))
            found.append((block.text, (f"{path}:{block.line + shift}",), notes))
    return found


def data_entries(files: dict[str, str], schema_text: str) -> list[Entry]:
    """The translatable strings of the data files."""
    schema = _schema(schema_text)
    entries: list[Entry] = []
    for path, text in sorted(files.items()):
        name = path.rsplit("/", 1)[-1].removesuffix(".yml")
        if name not in TRANSLATED_FILES:
            continue
        document = parse_yaml(text, path)
        for at in translatable_paths({name: document.data}, schema):
            value = _at({name: document.data}, at)
            dotted = name + "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in at[1:])
            entries.append((str(value), (f"{path}:{document.line_of(at[1:])}",), (f"Data: {dotted}.",)))
    return entries


@functools.cache
def _schema(text: str) -> object:
    return parse_yaml(text, "schema.yml").data


def _at(value: object, at: tuple[str | int, ...]) -> object:
    for key in at:
        value = value[key]  # type: ignore[index]
    return value


def merge(groups: Iterable[list[Entry]], interned: dict[Entry, Entry]) -> tuple[Entry, ...]:
    """One entry per msgid, locations and comments merged in order.

    Unique entries are the extractor's own objects and merged ones come from ``interned``,
    so an unchanged entry is the same object in every step (writers key on identity).
    """
    merged: dict[str, Entry] = {}
    for group in groups:
        for entry in group:
            seen = merged.get(entry[0])
            if seen is None:
                merged[entry[0]] = entry
            else:
                notes = seen[2] + tuple(c for c in entry[2] if c not in seen[2])
                both = (entry[0], seen[1] + entry[1], notes)
                merged[entry[0]] = interned.setdefault(both, both)
    return tuple(merged.values())


class Writer:
    """Formats a locale's catalog as bytes; each distinct entry is formatted once."""

    def __init__(self, locale: str) -> None:
        self.locale = locale
        plural = Catalog(locale=locale).plural_forms
        self.header = HEADER.format(name=locale, locale=locale, plural=plural).encode("utf-8")
        #: id(entry) -> formatted entry; entries live as long as the history being written
        self.done: dict[int, bytes] = {}

    def entry(self, entry: Entry, variant: int = 0) -> bytes:
        """One formatted entry; ``variant`` > 0 is a translator's later wording."""
        msgid, locations, comments = entry
        notes = "".join(f"#. {c}\n" for c in comments) + "".join(f"#: {loc}\n" for loc in locations)
        msgstr = pseudo.translate(msgid, self.locale, variant)
        return f"\n{notes}msgid {escape(msgid)}\nmsgstr {escape(msgstr)}\n".encode()

    def text(self, entries: tuple[Entry, ...], fixes: dict[str, int]) -> bytes:
        """The whole ``.po`` file for ``entries``; ``fixes`` maps msgids to their variant."""
        done = self.done
        parts = [done.get(id(entry)) or done.setdefault(id(entry), self.entry(entry)) for entry in entries]
        if fixes:
            where = {entry[0]: i for i, entry in enumerate(entries)}
            for msgid, variant in fixes.items():
                if msgid in where:
                    parts[where[msgid]] = self.entry(entries[where[msgid]], variant)
        return self.header + b"".join(parts)
