"""Review of comparison pages that keep inline formatting: nothing changed is hidden, nothing runs."""

from __future__ import annotations

import pytest

from redline.diff import BlockChange
from redline.htmlscan import find_danger
from redline.publish.pages import version_links
from redline.publish.redline_html import block_html
from redline.publish.tokendiff import Links


def test_a_changed_line_inside_a_code_block_that_looks_like_a_fence_is_shown() -> None:
    """A ```` ``` ```` line inside a ``~~~~`` fence is code: its change is on the page, not dropped."""
    old = "~~~~text\n``` mode: strict\nkeep = 1\n~~~~"
    new = "~~~~text\n``` mode: lax\nkeep = 1\n~~~~"
    shown = block_html(BlockChange(old, new, "code"), "en")
    assert "strict</code></del>" in shown and "lax</code></ins>" in shown
    assert "~~~~" not in shown  # the block's own fences stay out


#: link targets and text a policy or a translation could hold to run code on the comparison page
HOSTILE = [
    "[x](javascript:alert(1))", "[x](jav&#x61;script:alert(1))", "[x](&#106;avascript:alert(1))",
    "[x](java&#9;script:alert(1))", "[x]( javascript:alert(1))", "[x](<javascript:alert(1)>)",
    "[x](data:text/html,hi)", "[x](vbscript:msgbox)", "[x](//evil.test/)", "<javascript:alert(1)>",
    '[x](#a" onmouseover="alert(1))', '[x](c.md#x"onmouseover=y)', '<https://x.test/"onmouseover=alert(1)>',
    '![a" onerror="alert(1)](https://x.test/i.png)', "**<img src=x onerror=alert(1)>**",
    "`<script>alert(1)</script>`", "[<b onclick=alert(1)>x</b>](https://x.test)",
    "[x](https://x.test){: onclick=alert(1) }", "*[y](javascript:1)*",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_policy_text_stays_inert_on_the_comparison_page(text: str) -> None:
    """Added or changed, the block's HTML has no handler, no script URL and only the redline's tags."""
    go = version_links("p/compare/a...b/index.md", "p/versions/b/index.md", ["c"])
    for change in (BlockChange(None, text), BlockChange("Plain words.", text)):
        shown = block_html(change, "en", (), Links(go, go))
        assert find_danger(shown) is None, shown
        assert "<img" not in shown and "<b " not in shown and "<script" not in shown
