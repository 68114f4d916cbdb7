"""A catalog's entries, each version read from the version read before it.

A history walk reads every version of every catalog, and a project keeps every locale in
one catalog: a thousand entries, of which a commit changes a few. :mod:`redline.load.pochunks`
parses each chunk once; here a new version of a catalog also keeps the entries of the
chunks it shares with the version read before it at its start and its end, so only the
chunks in between are read (and, when those add or remove lines, the entries after them
move by that many lines).

The result is what reading the whole file chunk by chunk gives (:func:`read_messages`,
which reads every chunk): the same entries, lines and flags, None
in the same cases (a chunk not read on its own, comments left dangling before a later
chunk, a msgid twice). The chunks kept at the start are never the last one of either
version, so whether a chunk may end in comments does not change for any of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from redline.htmlscan import find_danger
from redline.load.pochunks import Message, read_chunk


@dataclass(frozen=True)
class Entry:
    """One translation: the text, whether it is fuzzy, and its line in the ``.po`` file."""

    string: str
    fuzzy: bool
    line: int


#: msgid -> (what in its translation could run code, or None; its placeholders differ)
Flags = dict[str, tuple[str | None, bool]]


@dataclass
class Entries:
    """One version of a catalog read chunk by chunk.

    Attributes:
        entries: msgid -> entry.
        flagged: the entries a check refuses (see :data:`Flags`).
        chunks: the file's chunks; ``starts`` the first line of each, ``ids`` the msgids of each.
    """

    entries: dict[str, Entry]
    flagged: Flags
    chunks: list[bytes]
    starts: list[int]
    ids: list[tuple[str, ...]]


#: (path, locale) -> the version read last (one per catalog: what the next version is read against)
_LAST: dict[tuple[str, str], Entries] = {}
_LAST_MAX = 256


def read_entries(raw: bytes, path: str, locale: str) -> Entries | None:
    """The entries of the catalog ``raw``, or None: it must be read whole (see the module)."""
    chunks = raw.split(b"\n\n")
    before = _LAST.get((path, locale))
    found = _from(before, chunks, locale) if before is not None else None
    if found is None:
        found = _read(chunks, locale)
    if found is not None:
        if len(_LAST) >= _LAST_MAX:
            _LAST.clear()
        _LAST[(path, locale)] = found
    return found


def read_messages(raw: bytes, locale: str) -> list[Message] | None:
    """The messages of a whole ``.po`` file in file order, every chunk read, or None to read it
    whole instead.

    Args:
        raw: the file's bytes (UTF-8; a chunk that is not is read whole, for the error).
        locale: the catalog's locale (Babel's reader needs its plural forms).

    >>> po = b'msgid ""\\nmsgstr ""\\n\\n#: a.md:1\\nmsgid "Hi {{ x }}"\\nmsgstr "Hola"\\n'
    >>> read_messages(po, "es")
    [('Hi {{ x }}', 'Hola', False, 5, True)]
    """
    found = _read(raw.split(b"\n\n"), locale)
    if found is None:
        return None
    return [(msgid, entry.string, entry.fuzzy, entry.line, found.flagged.get(msgid, (None, False))[1])
            for msgid, entry in found.entries.items()]


def flags(string: str, differs: bool) -> tuple[str | None, bool] | None:
    """What a check refuses in a translation (see :data:`Flags`), or None: nothing.

    A script is named before anything else the same entry breaks: it is the reason to refuse it.
    """
    danger = find_danger(string) if "<" in string or ":" in string else None
    return (danger.label if danger else None, differs) if danger is not None or differs else None


def _read(chunks: list[bytes], locale: str) -> Entries | None:
    """Every chunk read (each parsed once in a run: :func:`~redline.load.pochunks.read_chunk`)."""
    found = Entries({}, {}, chunks, [], [])
    return found if _add(found, chunks, 0, len(chunks), 1, locale) is not None else None


def _from(before: Entries, chunks: list[bytes], locale: str) -> Entries | None:
    """``chunks`` read from ``before``: its first and last chunks kept where they are the same."""
    old = before.chunks
    if old == chunks:
        return before
    n, m = len(old), len(chunks)
    start = 0
    while start < min(n, m) - 1 and old[start] == chunks[start]:
        start += 1
    end = 0
    while end < min(n, m) - start and old[n - 1 - end] == chunks[m - 1 - end]:
        end += 1
    found = Entries(dict(before.entries), dict(before.flagged), chunks, before.starts[:start],
                    before.ids[:start])
    for names in before.ids[start:n - end]:
        for msgid in names:
            del found.entries[msgid]
            found.flagged.pop(msgid, None)
    line = _add(found, chunks, start, m - end, before.starts[start], locale)
    if line is None:
        return None
    shift = line - before.starts[n - end] if end else 0
    found.starts.extend(first + shift for first in before.starts[n - end:])
    found.ids.extend(before.ids[n - end:])
    if shift:
        for names in before.ids[n - end:]:
            for msgid in names:
                entry = found.entries[msgid]
                found.entries[msgid] = Entry(entry.string, entry.fuzzy, entry.line + shift)
    return found


def _add(found: Entries, chunks: list[bytes], start: int, stop: int, line: int, locale: str) -> int | None:
    """Read ``chunks[start:stop]`` (the first at ``line``) into ``found``; the line after them,
    or None when the file must be read whole."""
    last = len(chunks) - 1
    for index in range(start, stop):
        parsed = read_chunk(chunks[index], locale)
        if parsed is None or (parsed.dangling and index < last):
            return None
        found.starts.append(line)
        names = []
        for msgid, string, fuzzy, offset, differs in parsed.messages:
            if msgid in found.entries:
                return None  # Babel merges repeated msgids: leave that to the whole-file reader
            found.entries[msgid] = Entry(string, fuzzy, line + offset - 1)
            names.append(msgid)
            flagged = flags(string, differs)
            if flagged is not None:
                found.flagged[msgid] = flagged
        found.ids.append(tuple(names))
        line += parsed.lines + 1
    return line
