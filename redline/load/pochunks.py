"""Read a ``.po`` file entry by entry, parsing only the entries not seen before.

A project keeps every locale in one catalog, so each English edit changes a few entries
of every catalog, and a history walk reads every version. Here each blank-line-separated
chunk of the file is parsed once and remembered by its text, and a new version of a
catalog re-parses only its new chunks.

A chunk of the common shape (comments, an optional ``msgctxt``, one ``msgid`` and one
``msgstr``, their continuation lines) is read by :func:`_plain`, which follows Babel's
reader step by step and uses Babel's own ``unescape``: a Babel catalog per chunk costs
about 35 µs, ten times the reading, and ``redline diff`` reads every locale cold.
Anything else (the header, plurals, obsolete entries) goes to Babel itself.

The result is exactly what reading the whole file gives. A file for which that cannot be
shown chunk by chunk — an entry split by a blank line, comments left between entries,
a msgid twice, a charset other than UTF-8, any syntax error — is not read here
(:func:`read_chunk` returns None) and the caller reads the file whole, so errors keep
their messages and line numbers.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from babel.messages.pofile import PoFileError, read_po, unescape

from redline.errors import RedlineError
from redline.load.posyntax import check_po_syntax, translation_differs

#: (msgid, msgstr, fuzzy, line of the msgid, placeholders differ from the msgid's)
Message = tuple[str, str, bool, int, bool]
#: chunks remembered at most (about 0.5 KB each); the memo is emptied when it is full
MAX_CHUNKS = 200_000
#: first lines that start a new entry (anything else would continue the previous one)
STARTS = ("#", "msgid ", "msgctxt ")
CONTINUES = ("#~ msgstr", "#~ msgid_plural", '#~ "')


@dataclass(frozen=True)
class Chunk:
    """One chunk parsed: its messages (lines counted from the chunk's first line).

    Attributes:
        messages: the chunk's messages.
        dangling: it ends in comments, which would belong to the next chunk's entry.
    """

    messages: tuple[Message, ...]
    lines: int
    dangling: bool = False


_MEMO: dict[tuple[str, bytes], Chunk | None] = {}


def read_chunk(chunk: bytes, locale: str) -> Chunk | None:
    """One blank-line-separated chunk's messages (remembered by its text), or None: not provably
    read the same on its own."""
    key = (locale, chunk)
    if key in _MEMO:
        return _MEMO[key]
    if len(_MEMO) >= MAX_CHUNKS:
        _MEMO.clear()
    parsed = _parse(chunk, locale)
    _MEMO[key] = parsed
    return parsed


def _parse(raw: bytes, locale: str) -> Chunk | None:
    try:
        chunk = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    lines = [stripped for line in chunk.split("\n") if (stripped := line.strip())]
    if not lines:
        return Chunk((), chunk.count("\n") + 1)
    if not lines[0].startswith(STARTS) or lines[0].startswith(CONTINUES):
        return None  # it would continue the entry before the blank line
    dangling = lines[-1].startswith("#") and not lines[-1].startswith("#~")
    try:
        check_po_syntax(chunk, "chunk")
    except RedlineError:
        return None
    plain = _plain(chunk)
    if plain is not None:
        return Chunk(plain, chunk.count("\n") + 1, dangling)
    return _babel(chunk, locale, dangling)


#: Comment lines :func:`_plain` reads as Babel does (``#~`` obsolete and ``#-`` are Babel's).
PLAIN_COMMENTS = ("#:", "#,", "#.", "# ", "#|")


def _plain(chunk: str) -> tuple[Message, ...] | None:
    r"""The messages of a chunk of plain entries, as Babel reads them; None for anything else.

    >>> _plain('#, fuzzy\nmsgid "a"\n  "b"\nmsgstr "c\\"d"\n')
    (('ab', 'c"d', True, 2, False),)
    >>> _plain('msgid ""\nmsgstr ""'), _plain('msgid "a"\nmsgid_plural "b"'), _plain('# only')
    (None, None, ())
    """
    reader = _PlainReader()
    for number, line in enumerate(chunk.split("\n"), 1):
        text = line.strip()
        if text and not reader.feed(number, text):
            return None
    return reader.finish()


class _PlainReader:
    """Babel's reading of plain entries, line by line; ``feed`` says False where Babel would
    do something else (or fail)."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self._reset()

    def _reset(self) -> None:
        self.flags: list[str] = []
        self.msgid: list[str] | None = None
        self.string: list[str] | None = None
        self.current: list[str] | None = None
        self.context = False
        self.line = 0

    def feed(self, number: int, text: str) -> bool:
        keyword, _, arg = text.partition(" ")
        if text.startswith("#"):
            return self._comment(text)
        if text.startswith('"'):
            if self.current is None:
                return False
            self.current.append(text)
        elif keyword == "msgctxt" and self.msgid is None and not self.context:
            self.current, self.context = [arg.strip()], True
        elif keyword == "msgid" and self.msgid is None:
            self.msgid = self.current = [arg.strip()]
            self.line, self.context = number, False
        elif keyword == "msgstr" and self.msgid is not None and self.string is None:
            self.string = self.current = [arg.strip()]
        else:
            return False  # a second entry with no comment between, plurals, anything unusual
        return True

    def _comment(self, text: str) -> bool:
        if not (text == "#" or text.startswith(PLAIN_COMMENTS)):
            return False
        if (self.msgid is not None and self.string is None) or (self.context and self.msgid is None):
            return False  # Babel would end the entry before its msgstr
        if self.string is not None:
            self._add()
        if text.startswith("#,"):
            self.flags.extend(flag.strip() for flag in text[2:].lstrip().split(","))
        return True

    def _add(self) -> None:
        assert self.msgid is not None and self.string is not None
        ident = "".join(map(unescape, self.msgid))
        text = "".join(map(unescape, self.string))
        differs = bool(text) and translation_differs(ident, text)
        self.messages.append((ident, text, "fuzzy" in self.flags, self.line, differs))
        self._reset()

    def finish(self) -> tuple[Message, ...] | None:
        if self.string is not None:
            self._add()
        if self.msgid is not None or self.context or not all(m[0] for m in self.messages):
            return None  # an unfinished entry, or the header (its charset is Babel's to read)
        return tuple(self.messages)


def _babel(chunk: str, locale: str, dangling: bool) -> Chunk | None:
    try:
        catalog = read_po(io.StringIO(chunk), locale=locale.replace("-", "_"), abort_invalid=True)
    except (RedlineError, PoFileError, ValueError):
        return None
    if catalog.charset.lower().replace("-", "") != "utf8":
        return None
    messages = []
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        string = message.string if isinstance(message.string, str) else ""
        differs = bool(string) and translation_differs(message.id, string)
        messages.append((message.id, string, message.fuzzy, int(message.lineno or 0), differs))
    return Chunk(tuple(messages), chunk.count("\n") + 1, dangling)
