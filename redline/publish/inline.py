"""One block's inline Markdown as word tokens that carry their formatting, for the redline.

A comparison page shows text the way the policy page does: bold, italic, inline code and
links stay. Python-Markdown (the engine MkDocs renders the page with) reads the inline
syntax, with raw HTML turned off: a tag written in the policy text is text here, shown
escaped, never a tag of the comparison page, and nothing it hides or restyles is hidden
on the comparison (the tags that only style text are dropped, as the diff reads them).
Each word, mark and run of whitespace becomes a :data:`Token`: its text and its
:class:`Style`. Pure.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from html.parser import HTMLParser
from typing import Any, NamedTuple

from redline.diff.text import CODE_RE, COMMENT_RE
from redline.diff.words import TOKEN_RE
from redline.fallback import FALLBACK_CLOSE, FALLBACK_START_RE, FALLBACK_TAG_RE

#: what would start a block (heading, quote, list item, rule) at the front of a one-line text
BLOCK_START_RE = re.compile(r"^(?:(#{1,6}|>|[-*+])(?=\s|$)|(\d{1,9})([.)])(?=\s|$))")
RULE_RE = re.compile(r"^([-*_])(?:\s*\1){2,}\s*$")
#: the opening or closing line of a fenced code block
FENCE_LINE_RE = re.compile(r"[ \t]*(?:`{3,}|~{3,})")
#: raw tags without attributes that only style text (dropped, their words kept); with any
#: attribute a tag could hide or restyle words, so it stays, shown as written
STYLE_ONLY_RE = re.compile(r"</?(?:b|strong|i|em|u|mark|small|sup|sub|code|br)\s*/?>", re.I)


class Style(NamedTuple):
    """How a token is shown (a tuple: compared and hashed fast, token by token, in the diff).

    Attributes:
        bold: strong emphasis.
        italic: emphasis.
        code: inline code.
        href: the link target as written in the policy (``None``: not a link).
    """

    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None


PLAIN = Style()
CODE = Style(code=True)
Token = tuple[str, Style]


def tokens(markdown: str, days: Sequence[str] = (), verbatim: bool = False) -> list[Token]:
    """The tokens of one block: words, marks and whitespace with their style.

    Each of ``days`` (dates as the locale writes them) is one token. A ``verbatim`` block
    (a code block) is its text as code, fences left out.

    >>> [(text, style.bold) for text, style in tokens("A **big** deal")]
    [('A', False), (' ', False), ('big', True), (' ', False), ('deal', False)]
    >>> tokens("```\\n<b>x</b>\\n```", verbatim=True)[0]
    ('<', Style(bold=False, italic=False, code=True, href=None))
    """
    if verbatim:
        return split(code_text(markdown), CODE, days)
    reader = _Reader(days)
    reader.feed(inline_html(unwrapped(markdown)))
    reader.close()
    return reader.found


def code_text(markdown: str) -> str:
    """A code block's text without its opening and closing fence lines (lines inside stay).

    >>> code_text("~~~~\\n``` not a fence here\\nx = 1\\n~~~~")
    '``` not a fence here\\nx = 1'
    """
    lines = markdown.rstrip("\n").split("\n")
    if lines and FENCE_LINE_RE.match(lines[0]):
        lines = lines[1:]
        if lines and FENCE_LINE_RE.match(lines[-1]):
            lines = lines[:-1]
    return "\n".join(lines)


def split(text: str, style: Style, days: Sequence[str] = ()) -> list[Token]:
    """``text`` cut into words, marks and whitespace, each of ``days`` whole, all in ``style``.

    >>> [t for t, _ in split("On May 5, 2026.", PLAIN, ["May 5, 2026"])]
    ['On', ' ', 'May 5, 2026', '.']
    """
    found: list[Token] = []
    rest = text
    while rest:
        day = next((d for d in days if rest.startswith(d)), None)
        piece = day or (match.group(0) if (match := TOKEN_RE.match(rest)) else rest[0])
        found.append((piece, style))
        rest = rest[len(piece):]
    return found


def unwrapped(markdown: str) -> str:
    """A block without the untranslated-block marker around it (it names a language, no style).

    >>> unwrapped('<span class="redline-fallback" lang="en" dir="ltr">Hi **you**</span>')
    'Hi **you**'
    """
    if not FALLBACK_START_RE.match(markdown):
        return markdown
    inner = FALLBACK_TAG_RE.sub("", markdown, count=1).rstrip()
    return inner.removesuffix(FALLBACK_CLOSE)


def inline_html(markdown: str) -> str:
    """One block's inline Markdown as HTML; raw HTML comes out escaped, as text.

    >>> inline_html("1. **<script>** <i>x</i> [y](https://x.test)")
    '<p>1. <strong>&lt;script&gt;</strong> x <a href="https://x.test">y</a></p>'
    """
    return str(_converter().reset().convert(_one_paragraph(markdown)))


@functools.cache
def _converter() -> Any:
    """One Python-Markdown converter per process, raw HTML off (building one costs more than a block)."""
    import markdown as python_markdown

    converter = python_markdown.Markdown()
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


def _one_paragraph(markdown: str) -> str:
    """The block's text, read as one paragraph: a leading ``#``, ``>``, ``-`` or ``1.`` escaped."""
    text = " ".join(_unseen_dropped(markdown).split())
    if RULE_RE.match(text):
        return "\\" + text
    return BLOCK_START_RE.sub(_escaped_start, text)


def _escaped_start(start: re.Match[str]) -> str:
    """A block marker made text: ``# `` -> ``\\# ``, ``1. `` -> ``1\\. ``."""
    marker, number, dot = start.groups()
    return f"\\{marker}" if marker else f"{number}\\{dot}"


def _unseen_dropped(markdown: str) -> str:
    """Comments and style-only tags dropped outside code spans (a ``<br>`` is a space).

    >>> _unseen_dropped("a<br>b <b>c</b><!-- d --> `<b>`")
    'a b c `<b>`'
    """
    parts, start = [], 0
    for code in CODE_RE.finditer(markdown):
        parts += [_dropped(markdown[start:code.start()]), code.group(0)]
        start = code.end()
    return "".join([*parts, _dropped(markdown[start:])])


def _dropped(text: str) -> str:
    text = COMMENT_RE.sub("", text)
    return STYLE_ONLY_RE.sub(lambda tag: " " if tag.group(0).lower().startswith("<br") else "", text)


#: the tags of Python-Markdown's inline output and the style each one sets
STYLE_TAGS = {"strong": "bold", "em": "italic", "code": "code"}


def _with(style: Style, mark: str) -> Style:
    """``style`` with one more of bold, italic or code."""
    if mark == "bold":
        return style._replace(bold=True)
    return style._replace(italic=True) if mark == "italic" else style._replace(code=True)


class _Reader(HTMLParser):
    """Collects the tokens of Python-Markdown's inline HTML, each with the styles open around it."""

    def __init__(self, days: Sequence[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.days = days
        self.found: list[Token] = []
        self.styles: list[Style] = [PLAIN]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in STYLE_TAGS:
            self.styles.append(_with(self.styles[-1], STYLE_TAGS[tag]))
        elif tag == "a":
            self.styles.append(self.styles[-1]._replace(href=values.get("href") or ""))
        elif tag == "img":
            self.handle_data(values.get("alt") or "")

    def handle_endtag(self, tag: str) -> None:
        if (tag in STYLE_TAGS or tag == "a") and len(self.styles) > 1:
            self.styles.pop()

    def handle_data(self, data: str) -> None:
        self.found.extend(split(data, self.styles[-1], self.days))
