"""Raw HTML that could run code is refused: policy text comes from pull requests.

Markdown allows raw HTML. A ``<script>``, an ``on…=`` event handler or a ``javascript:``
URL in a policy, a translation or a data string is an error naming where it is; the
publishing stage also sanitises every page (defence in depth, see ``sanitize_html``).
"""

from __future__ import annotations

import html
import re
from typing import Any

import nh3

from redline.errors import RedlineError
from redline.htmlscan import URL_NOISE, Danger, find_danger
from redline.load.budget import check_markdown_budget

#: tags and attributes a policy page may carry after sanitising
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "lang", "dir", "title", "aria-label", "aria-hidden", "role"},
    "a": {"href", "hreflang", "rel"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "time": {"datetime"},
    "ins": {"datetime"},
    "del": {"datetime"},
}


def check_markup(markdown: str, path: str, locale: str) -> None:
    """Raise when rendered Markdown holds HTML (raw or made by Markdown) that could run code.

    The raw text is tokenized as HTML, then converted to HTML by Python-Markdown and tokenized
    again: link targets (``[x](<javascript:…>)``, reference definitions, attribute lists) only
    become attributes in that second pass.

    >>> check_markup("A <b>bold</b> [link](https://x.test).", "p.md", "en")
    >>> check_markup('<a href="javascript:alert(1)">x</a>', "p.md", "en")
    Traceback (most recent call last):
    ...
    redline.errors.RedlineError: p.md: 'javascript:' URL in the en text (rendered line 1)
      fix: remove it: policies may not contain scripts, event handlers or script URLs
    """
    check_markdown_budget(markdown, path, locale)
    if _safe_by_blocks(markdown):
        return
    danger = find_danger(markdown)
    if danger is None:
        danger = find_danger(markdown_html(markdown))
        danger = danger and Danger(danger.label, _line_of(markdown, danger.label))
    if danger is not None:
        line = f" (rendered line {danger.line})" if danger.line else ""
        raise RedlineError(
            f"{danger.label} in the {locale} text{line}",
            where=path,
            fix="remove it: policies may not contain scripts, event handlers or script URLs",
        )


#: what makes a block's HTML depend on text outside it: raw HTML; indented lines (list and
#: definition continuations, code: their blocks are read inside another); definitions (``: …``
#: makes the block before a term, which takes an attribute list ``{: onclick=…}`` then); and
#: what Markdown applies page-wide (links by reference, abbreviations, footnotes), wherever it
#: stands (in a quote or a list item too). A definition line is a ``:`` after nothing but
#: spaces and ``>`` on its line. Each is searched on its own, lines by the ``\n`` that starts
#: them (an alternation of all, or ``^`` in multi-line mode, tried every character: 0.4 ms a page).
_PAGE_WIDE_TEXT = ("<", "*[", "[^")
_PAGE_WIDE = (re.compile(r"\]\s*:"), re.compile(r"\n[ \t]+[^ \t\n]"), re.compile(r"\n(?:[^\S\n]|>)*:"))


def _page_wide(text: str) -> bool:
    """True when ``text`` holds anything of :data:`_PAGE_WIDE_TEXT` or :data:`_PAGE_WIDE`.

    >>> _page_wide("A [link](https://x.test)."), _page_wide("Term\\n: definition"), _page_wide("  indented")
    (False, True, True)
    """
    lines = "\n" + text
    return any(part in lines for part in _PAGE_WIDE_TEXT) or any(p.search(lines) for p in _PAGE_WIDE)


#: blocks already converted and found safe, shared by every render of a run (policies repeat blocks),
#: bounded by a count and by the characters of the blocks kept (a block may be a whole 2 MB page)
_SAFE_BLOCKS: set[str] = set()
_SAFE_BLOCKS_MAX = 100_000
_SAFE_BLOCKS_CHARS = 32_000_000
_SAFE_BLOCKS_HELD = 0


def _safe_by_blocks(markdown: str) -> bool:
    """True when the page's blocks, each read on its own, hold nothing that could run code.

    A shortcut that can only say "safe" when the whole page is safe: in a text without raw
    HTML, indented lines, definition lists or page-wide definitions, Markdown reads each block
    (blank-line separated, lines as Markdown splits them) exactly as it does in the page, so
    its links are the page's links. The same holds for the blocks not seen before joined by
    blank lines, so they are converted together, in one call; a block with no ``[`` or ``{``
    makes no attribute from its words and is not converted (:data:`_MAKES_ATTRIBUTES`). Any
    finding falls back to converting the whole page (the exact check and its message).

    >>> _safe_by_blocks("A [link](https://x.test).\\n\\n    [x](javascript:alert(1))")
    False
    >>> _safe_by_blocks("A [link](https://x.test).\\n\\nMore *text*.")
    True
    >>> _safe_by_blocks("Plain *text*, no link.\\n\\n## Title {: onclick=alert(1) }")
    False
    """
    text = _as_markdown_reads(markdown)
    if _page_wide(text):
        return False
    blocks = re.split(r"\n[ \t]*\n", text)
    unseen = [block for block in dict.fromkeys(blocks) if block not in _SAFE_BLOCKS]
    linked = [block for block in unseen if _MAKES_ATTRIBUTES.search(block)]
    if linked and find_danger(markdown_html("\n\n".join(linked))) is not None:
        return False
    _remember(linked)
    return True


#: what, in a text without ``<`` (raw HTML, autolinks), makes Python-Markdown write a tag or an
#: attribute from the author's words: links, images, footnotes and abbreviations open with
#: ``[`` (or ``![``, ``*[``), attribute lists with ``{``. A block with neither becomes only
#: Markdown's own tags (paragraphs, emphasis, lists, headings, tables, code) with no attribute
#: but a table cell's alignment: nothing there can run code, so it is not converted.
_MAKES_ATTRIBUTES = re.compile(r"[\[{]")


def _remember(blocks: list[str]) -> None:
    """Keep ``blocks`` as safe, forgetting every block first when the memo is full."""
    global _SAFE_BLOCKS_HELD
    size = sum(map(len, blocks))
    if len(_SAFE_BLOCKS) + len(blocks) > _SAFE_BLOCKS_MAX or _SAFE_BLOCKS_HELD + size > _SAFE_BLOCKS_CHARS:
        _SAFE_BLOCKS.clear()
        _SAFE_BLOCKS_HELD = 0
    _SAFE_BLOCKS.update(blocks)
    _SAFE_BLOCKS_HELD += size


def _as_markdown_reads(markdown: str) -> str:
    """``markdown`` with the line ends and markers Python-Markdown normalises before reading it.

    Only ``\\n`` (``\\r\\n`` and ``\\r`` become one) ends a line for Markdown: form feeds or
    U+2028 do not, so a link may span them. STX and ETX are dropped (Markdown's placeholders).
    """
    return markdown.replace("\r\n", "\n").replace("\r", "\n").replace("\x02", "").replace("\x03", "")


def markdown_html(markdown: str) -> str:
    """``markdown`` as HTML, with the Markdown extensions a project may enable that make attributes."""
    global _CONVERTER
    if _CONVERTER is None:
        import markdown as python_markdown

        _CONVERTER = python_markdown.Markdown(extensions=CHECK_EXTENSIONS)
    return str(_CONVERTER.reset().convert(markdown))


#: one converter for the run (building one loads every extension: slower than converting a page)
_CONVERTER: Any = None


#: extensions of the allow-list (redline/load/mkdocs_policy.py) that turn text into tags or attributes
CHECK_EXTENSIONS = ["attr_list", "md_in_html", "tables", "footnotes", "def_list", "abbr"]


def _line_of(markdown: str, label: str) -> int:
    """The first line of ``markdown`` that spells what ``label`` names (0 when none does)."""
    needle = label.split("'")[1] if "'" in label else label
    for number, line in enumerate(markdown.splitlines(), 1):
        if needle in URL_NOISE.sub("", html.unescape(line)).lower():
            return number
    return 0


def sanitize_html(html: str) -> str:
    """Return ``html`` with anything that could run code removed (nh3 / ammonia)."""
    tags = set(nh3.ALLOWED_TAGS) | {"ins", "del", "span", "div", "section", "time", "mark", "details",
                                    "summary", "table", "thead", "tbody", "tr", "th", "td", "hr"}
    return nh3.clean(html, tags=tags, attributes=ALLOWED_ATTRIBUTES, link_rel=None,
                     url_schemes={"http", "https", "mailto"})
