"""Gettext catalogs: ``locales/<lang>/LC_MESSAGES/messages.po``, one entry per Markdown block.

Catalogs are read from the ``.po`` files themselves (not compiled ``.mo``) so fuzzy
entries are seen as what they are: untranslated. Every translation must keep the
Jinja placeholders of its source, or it is an error naming the ``.po`` file and line.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field

from babel.core import Locale, UnknownLocaleError
from babel.messages.pofile import PoFileError, read_po

from redline.errors import RedlineError
from redline.load.data import Issue
from redline.load.snapshot import Snapshot

DOMAIN = "messages"
PLACEHOLDER_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


@dataclass(frozen=True)
class Entry:
    """One translation: the text, whether it is fuzzy, and its line in the ``.po`` file."""

    string: str
    fuzzy: bool
    line: int


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


def placeholders(text: str) -> Counter[str]:
    """Return the multiset of Jinja placeholders in ``text``, spacing normalised.

    >>> sorted(placeholders("a {{ x|duration }} b {{x | duration}}").elements())
    ['{{ x | duration }}', '{{ x | duration }}']
    """
    return Counter(_normal(p) for p in PLACEHOLDER_RE.findall(text))


def _normal(placeholder: str) -> str:
    inner = placeholder[2:-2].strip(" -")
    inner = re.sub(r"\s*\|\s*", " | ", re.sub(r"\s+", " ", inner))
    return f"{placeholder[:2]} {inner} {placeholder[-2:]}"


PO_STRING = r'"(?:[^"\\]|\\.)*"'
PO_KEYWORD_RE = re.compile(rf"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+{PO_STRING}\s*$")
PO_CONTINUATION_RE = re.compile(rf"^{PO_STRING}\s*$")


def check_po_syntax(text: str, path: str) -> None:
    """Raise on the first line that is not gettext syntax (Babel's reader is lenient).

    >>> check_po_syntax('msgid "a"\\nmsgstr "b"\\n', "x.po")
    >>> check_po_syntax('msgid "a"\\nmsgstr "b\\n', "x.po")
    Traceback (most recent call last):
    ...
    redline.errors.RedlineError: x.po:2: malformed catalog: unterminated or invalid string
      fix: open it in Poedit (it shows the error) or restore it with `git checkout`
    """
    expect_msgstr = 0
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        keyword = PO_KEYWORD_RE.match(stripped)
        if not keyword and not PO_CONTINUATION_RE.match(stripped):
            raise _po_error(path, number, _po_problem(stripped))
        if keyword and keyword.group(1) == "msgid":
            if expect_msgstr:
                raise _po_error(path, expect_msgstr, "msgid without msgstr")
            expect_msgstr = number
        elif keyword and keyword.group(1).startswith("msgstr"):
            expect_msgstr = 0
    if expect_msgstr:
        raise _po_error(path, expect_msgstr, "msgid without msgstr")


def _po_problem(line: str) -> str:
    if line.startswith(("<<<<<<<", "=======", ">>>>>>>")):
        return "unresolved merge conflict marker (resolve the conflict, keep one msgstr)"
    if line.startswith(("msg", '"')):
        return "unterminated or invalid string"
    return f"unexpected text {line.split()[0][:20]!r}"


def _po_error(path: str, line: int, problem: str) -> RedlineError:
    return RedlineError(f"malformed catalog: {problem}", where=f"{path}:{line}",
                        fix="open it in Poedit (it shows the error) or restore it with `git checkout`")


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
    from redline.load.pochunks import read_messages

    # Too large, not UTF-8, or not provably the same chunk by chunk: the whole-file path says why.
    messages = read_messages(raw, locale) if len(raw) <= MAX_SOURCE_BYTES else None
    if messages is None:
        check_po_syntax(decode(raw, path), path)
        messages = _read_whole(raw, path, locale)
    catalog = Catalog(locale, path)
    issues: list[Issue] = []
    for msgid, string, fuzzy, line, differs in messages:
        catalog.entries[msgid] = Entry(string, fuzzy, line)
        if differs:
            issues.append(_placeholder_issue(path, line, msgid, string))
    return catalog, issues


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


def translation_differs(msgid: str, msgstr: str) -> bool:
    """True when a translation drops or adds placeholders, or breaks its block's structure."""
    from redline.load.structure import structure_differs

    return placeholders(msgstr) != placeholders(msgid) or structure_differs(msgid, msgstr) is not None


def _placeholder_issue(path: str, line: int, msgid: str, msgstr: str) -> Issue:
    from redline.load.structure import structure_differs

    want, got = placeholders(msgid), placeholders(msgstr)
    if want == got:
        broken = structure_differs(msgid, msgstr)
        return Issue(f"{path}:{line}", f"translation {broken}",
                     "keep the source block's table cells (|) and links; style belongs in the theme")
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
