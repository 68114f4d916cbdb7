"""The word diff of two blocks' styled tokens, and the HTML of a run of them.

A word that only became bold (or a link whose target changed) is a changed word: its
style is part of what is compared, so the comparison shows it deleted plain and
inserted bold rather than hiding the change. Whitespace never decides the alignment.
Every text is escaped; a link keeps its target only when :data:`Resolver` gives one
(a safe scheme, or a page of the site). Pure.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable, Sequence
from typing import Literal, NamedTuple

from redline.diff.words import opcodes
from redline.htmlscan import url_scheme_danger
from redline.publish.inline import PLAIN, Style, Token

Op = Literal["equal", "insert", "delete"]
Segment = tuple[Op, list[Token]]
#: a link target as written in the policy -> the href to show, or None to show the words unlinked
Resolver = Callable[[str], "str | None"]

SAFE_SCHEMES = ("http", "https", "mailto")


class Links(NamedTuple):
    """Where the links of the older and of the newer text go (an anchor names a section of that version)."""

    old: Resolver
    new: Resolver

    def of(self, op: Op) -> Resolver:
        """The resolver for a run: deleted words are the older text's, the rest the newer's."""
        return self.old if op == "delete" else self.new

SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def safe_href(target: str) -> str | None:
    """``target`` when it is an absolute URL of a safe scheme (http, https, mailto), else None.

    >>> safe_href("https://x.test/a"), safe_href("javascript:alert(1)"), safe_href("other.md")
    ('https://x.test/a', None, None)
    """
    scheme = SCHEME_RE.match(target.strip())
    if url_scheme_danger(target) or scheme is None or scheme.group(1).lower() not in SAFE_SCHEMES:
        return None
    return target.strip()


def token_diff(old: Sequence[Token], new: Sequence[Token]) -> list[Segment]:
    """Diff two blocks' tokens on their words and styles; equal runs are shown as in ``new``.

    Whitespace alone between two changes joins them, so a changed phrase reads as one
    deletion and one insertion.

    >>> bold = Style(bold=True)
    >>> [(op, "".join(t for t, _ in run)) for op, run in token_diff(
    ...     [("a", PLAIN), (" ", PLAIN), ("b", PLAIN)], [("a", PLAIN), (" ", PLAIN), ("b", bold)])]
    [('equal', 'a '), ('delete', 'b'), ('insert', 'b')]
    """
    codes = opcodes([_key(t) for t in old], [_key(t) for t in new])
    segments: list[Segment] = []
    deleted: list[Token] = []
    inserted: list[Token] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(codes):
        between = 0 < index < len(codes) - 1 and all(text.isspace() for text, _ in new[j1:j2])
        if tag == "equal" and not between:
            _flush(segments, deleted, inserted)
            segments.append(("equal", list(new[j1:j2])))
            continue
        deleted.extend(old[i1:i2])
        inserted.extend(new[j1:j2])
    _flush(segments, deleted, inserted)
    return segments


def _key(token: Token) -> Token:
    """What a token is compared on: whitespace is one space, whatever its style."""
    return (" ", PLAIN) if token[0].isspace() else token


def _flush(segments: list[Segment], deleted: list[Token], inserted: list[Token]) -> None:
    """Move the pending deletion and insertion (if any) to ``segments``."""
    if any(not text.isspace() for text, _ in deleted):
        segments.append(("delete", list(deleted)))
    if any(not text.isspace() for text, _ in inserted):
        segments.append(("insert", list(inserted)))
    deleted.clear()
    inserted.clear()


def styled(run: Sequence[Token], href: Resolver = safe_href) -> str:
    """HTML of a run of tokens: consecutive tokens of one style share their tags, text escaped.

    >>> styled([("<b>", Style(bold=True)), (" ", PLAIN), ("x", Style(href="javascript:x"))])
    '<strong>&lt;b&gt;</strong> x'
    """
    out = []
    for style, group in itertools.groupby(run, key=lambda token: token[1]):
        out.append(wrapped(html.escape("".join(text for text, _ in group), quote=False), style, href))
    return "".join(out)


def wrapped(text: str, style: Style, href: Resolver = safe_href) -> str:
    """Escaped ``text`` inside the tags of ``style`` (a link only where ``href`` resolves it).

    >>> wrapped("see", Style(italic=True, href="https://x.test/?a=1&b=2"))
    '<a href="https://x.test/?a=1&amp;b=2"><em>see</em></a>'
    """
    if style.code:
        text = f"<code>{text}</code>"
    if style.italic:
        text = f"<em>{text}</em>"
    if style.bold:
        text = f"<strong>{text}</strong>"
    target = href(style.href) if style.href is not None else None
    if target:
        text = f'<a href="{html.escape(target, quote=True)}">{text}</a>'
    return text


#: links with no page around them: absolute URLs of a safe scheme only
SAFE_LINKS = Links(safe_href, safe_href)
