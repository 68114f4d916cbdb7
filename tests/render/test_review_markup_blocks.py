"""Review of the block-wise markup shortcut: pages it once called safe that the whole page is not."""

from __future__ import annotations

import random

import pytest

import redline.render.safety as safety
from redline.errors import RedlineError
from redline.render.safety import _safe_by_blocks, check_markup, find_danger, markdown_html

#: each page hides a script URL or an event handler that only the whole page shows
BROKE_THE_SHORTCUT = {
    "text after a fence marker": "Intro.\n\n~~~ [x](javascript:alert(1))\n",
    "definition term takes the block before": "Term {: onclick=alert(1) }\n\n:   Definition.\n",
    "quoted definition term takes the quote before": "> Term {: onclick=alert(1) }\n\n> : Definition.\n",
    "reference defined in a quote": "> [evil]: javascript:alert(1)\n\n[click][evil]\n",
    "reference defined in a list item": "- [evil]: javascript:alert(1)\n\n[click][evil]\n",
    "abbreviation defined in a quote": "> *[HTML]: javascript:alert(1)\n\nSome HTML here.\n",
    "U+2028 is no line end for Markdown": "[x\u2028# y](javascript:alert(1))\n",
    "form feed is no line end for Markdown": "[x\x0c# y](javascript:alert(1))\n",
    "indented continuation is no heading": "[x\n    # y](javascript:alert(1))\n",
    "indented continuation is no rule": "[x\n    ***\n](javascript:alert(1))\n",
}


def _whole_page_danger(page: str) -> bool:
    return find_danger(page) is not None or find_danger(markdown_html(page)) is not None


@pytest.mark.parametrize("page", BROKE_THE_SHORTCUT.values(), ids=BROKE_THE_SHORTCUT.keys())
def test_the_shortcut_does_not_call_these_pages_safe(page: str) -> None:
    """The whole page runs code, so the block-wise shortcut must not answer "safe"."""
    assert _whole_page_danger(page)
    assert not _safe_by_blocks(page)


@pytest.mark.parametrize("page", BROKE_THE_SHORTCUT.values(), ids=BROKE_THE_SHORTCUT.keys())
def test_these_pages_are_refused(page: str) -> None:
    """check_markup refuses each of them with its message."""
    with pytest.raises(RedlineError, match=r"URL|handler"):
        check_markup(page, "policies/p.md", "en")


#: pieces of Markdown that change how the text around them reads
_PIECES = ["[x", "](javascript:alert(1))", "[x](javascript:alert(1))", "![j](javascript:1)", "# ", "> ",
           "- ", "1. ", ": ", "```", "`", "~~~", "***", "---", "===", "|", "a | b", "--|--", "\\", "*", "(",
           ")", '"', "[", "]", "&#106;avascript:1", "\x0c", "\u2028", "\r", "\x02", "  ", "\t", "text",
           '[t](https://x.test "', '")', "[r]", "[r][x]", "![", ":", "{: onclick=alert(1) }",
           "{ #id }", "Term"]


def test_random_pages_never_break_the_shortcut() -> None:
    """On pages built from pieces that change context, "safe" block-wise implies safe as a whole."""
    rnd = random.Random(20261206)
    for _ in range(3000):
        joins = ["", "\n", "\n\n", " "]
        page = "".join(rnd.choice(_PIECES) + rnd.choice(joins) for _ in range(rnd.randint(2, 7)))
        assert not _safe_by_blocks(page) or not _whole_page_danger(page), repr(page)


def test_plain_pages_still_take_the_shortcut() -> None:
    """Headings, lists, quotes, tables and links without page-wide context are answered block-wise."""
    page = ("# Terms { #terms }\n\nWe keep [logs](https://x.test) 12 months.\r\n\r\n"
            "- One\n- Two\n\n> Quoted.\n\na | b\n--|--\n1 | 2\n\n```\ncode\n```\n")
    assert _safe_by_blocks(page)


def test_the_verdicts_kept_are_bounded_by_their_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    """Long distinct blocks never make the memo hold more characters than its budget."""
    monkeypatch.setattr(safety, "_SAFE_BLOCKS_CHARS", 10_000)
    for number in range(40):
        assert _safe_by_blocks(f"Block {number}: " + "words " * 500)
        assert sum(map(len, safety._SAFE_BLOCKS)) <= 10_000
