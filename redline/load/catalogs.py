"""Gettext catalogs: ``locales/<lang>/LC_MESSAGES/messages.po``, one entry per Markdown block.

Catalogs are read from the ``.po`` files themselves (not compiled ``.mo``) so fuzzy
entries are seen as what they are: untranslated. Every translation must keep the
Jinja placeholders of its source, or it is an error naming the ``.po`` file and line.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from babel.core import Locale, UnknownLocaleError
from babel.messages.pofile import PoFileError, read_po

from redline.errors import RedlineError
from redline.load.data import Issue
from redline.load.poentries import Entry, Flags, flags, read_entries
from redline.load.posyntax import check_po_syntax, placeholders, translation_differs
from redline.load.snapshot import Snapshot

DOMAIN = "messages"


@dataclass
class Catalog:
    """The translations of one locale, keyed by source text (msgid)."""

    locale: str
    path: str
    entries: dict[str, Entry] = field(default_factory=dict)

    def lookup(self, msgid: str) -> str | None:
        """Return the usable translation of ``msgid``, or None when missing or fuzzy."""
        entry = self.entries.get(msgid)
        if entry is None or entry.fuzzy or not entry.string:
            return None
        return entry.string


def catalog_path(locales_dir: str, locale: str) -> str:
    """Repository path of a locale's catalog."""
    return f"{locales_dir}/{locale}/LC_MESSAGES/{DOMAIN}.po"


def check_locale(locale: str, where: str) -> Locale:
    """Return Babel's locale for ``locale`` or fail saying it is unknown."""
    try:
        return Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise RedlineError(
            f"unknown locale '{locale}'", where=where,
            fix="use a CLDR locale code such as en, es, ar, ru or pt_BR",
        ) from None


def load_catalog(snapshot: Snapshot, locales_dir: str, locale: str) -> tuple[Catalog, list[Issue]]:
    """Read one locale's catalog; a missing file is an empty catalog."""
    path = catalog_path(locales_dir, locale)
    raw = snapshot.read(path)
    if raw is None:
        return Catalog(locale, path), []
    return parse_catalog(raw, path, locale)


def parse_catalog(raw: bytes, path: str, locale: str) -> tuple[Catalog, list[Issue]]:
    """Parse a catalog's bytes; entries seen in an earlier version are not parsed again."""
    from redline.load.data import MAX_SOURCE_BYTES, decode

    # Too large, not UTF-8, or not provably the same chunk by chunk: the whole-file path says why.
    read = read_entries(raw, path, locale) if len(raw) <= MAX_SOURCE_BYTES else None
    if read is not None:
        order = sorted(read.flagged, key=lambda msgid: read.entries[msgid].line)
        return Catalog(locale, path, dict(read.entries)), _issues(path, read.entries, read.flagged, order)
    check_po_syntax(decode(raw, path), path)
    entries: dict[str, Entry] = {}
    flagged: Flags = {}
    for msgid, string, fuzzy, line, differs in _read_whole(raw, path, locale):
        entries[msgid] = Entry(string, fuzzy, line)
        flag = flags(string, differs)
        if flag is not None:
            flagged[msgid] = flag
    return Catalog(locale, path, entries), _issues(path, entries, flagged, list(flagged))


def _issues(path: str, entries: dict[str, Entry], flagged: Flags, order: list[str]) -> list[Issue]:
    """The problems of the flagged entries, in ``order`` (the file's): a script before the placeholders."""
    issues: list[Issue] = []
    for msgid in order:
        label, differs = flagged[msgid]
        entry = entries[msgid]
        if label is not None:
            issues.append(Issue(f"{path}:{entry.line}", f"{label} in the translation",
                                "remove it: translations may not contain scripts, event handlers or "
                                "script URLs"))
        if differs:
            issues.append(_placeholder_issue(path, entry.line, msgid, entry.string))
    return issues


def _read_whole(raw: bytes, path: str, locale: str) -> list[tuple[str, str, bool, int, bool]]:
    """Babel's reading of the whole file: (msgid, msgstr, fuzzy, line, placeholders differ)."""
    try:
        parsed = read_po(io.BytesIO(raw), locale=locale.replace("-", "_"), abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as error:
        raise RedlineError(f"malformed catalog: {error}", where=path,
                           fix="open it in Poedit or run `pybabel update` to rewrite it") from None
    messages = []
    for message in parsed:
        if not message.id or not isinstance(message.id, str):
            continue
        line = int(getattr(message, "lineno", 0) or 0)
        string = message.string if isinstance(message.string, str) else ""
        differs = bool(string) and translation_differs(message.id, string)
        messages.append((message.id, string, message.fuzzy, line, differs))
    return messages


def _placeholder_issue(path: str, line: int, msgid: str, msgstr: str) -> Issue:
    from redline.load.structure import structure_differs, structure_fix

    want, got = placeholders(msgid), placeholders(msgstr)
    if want == got:
        broken = structure_differs(msgid, msgstr) or ""
        return Issue(f"{path}:{line}", f"translation {broken}", structure_fix(broken))
    missing = sorted((want - got).elements())
    extra = sorted((got - want).elements())
    parts = []
    if missing:
        parts.append(f"drops {', '.join(missing)}")
    if extra:
        parts.append(f"adds {', '.join(extra)}")
    return Issue(
        f"{path}:{line}",
        f"translation {' and '.join(parts)}",
        "keep every {{ … }} of the msgid in the msgstr, exactly as written",
    )
