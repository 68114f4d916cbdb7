"""Gettext syntax and Jinja placeholders: the checks a catalog's whole text and each of its chunks share."""

from __future__ import annotations

import re
from collections import Counter

from redline.errors import RedlineError

PLACEHOLDER_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


def placeholders(text: str) -> Counter[str]:
    """Return the multiset of Jinja placeholders in ``text``, spacing normalised.

    >>> sorted(placeholders("a {{ x|duration }} b {{x | duration}}").elements())
    ['{{ x | duration }}', '{{ x | duration }}']
    """
    return Counter(_normal(p) for p in PLACEHOLDER_RE.findall(text))


def translation_differs(msgid: str, msgstr: str) -> bool:
    """True when a translation drops or adds placeholders, or breaks its block's structure
    (table cells, links, hiding markup: see :mod:`redline.load.structure`)."""
    from redline.load.structure import structure_differs

    # Without a "{" in either there are no placeholders to compare (most entries).
    if ("{" in msgid or "{" in msgstr) and placeholders(msgstr) != placeholders(msgid):
        return True
    return structure_differs(msgid, msgstr) is not None


#: A grammatical form a translation may ask of the duration filter: not a different placeholder.
FORM_ARGUMENT_RE = re.compile(r"""\bduration\s*\(\s*form\s*=\s*(["'])[a-z]{2,20}\1\s*\)""")


def _normal(placeholder: str) -> str:
    """The placeholder as compared between source and translation.

    >>> _normal('{{x|duration(form="dative")}}')
    '{{ x | duration }}'
    """
    inner = FORM_ARGUMENT_RE.sub("duration", placeholder[2:-2].strip(" -"))
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
