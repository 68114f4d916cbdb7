"""The markup check's block-by-block shortcut: it may only say "safe" when the whole page is safe."""

from __future__ import annotations

import pytest

from redline.errors import RedlineError
from redline.render.safety import _safe_by_blocks, check_markup, find_danger, markdown_html

#: pages that run code only when read as a whole: the block just before or after gives the context
HIDDEN_IN_CONTEXT = {
    "list item continuation": "- Item\n\n    [Help](javascript:alert(1))\n",
    "reference defined in another block": "See [help][h].\n\n[h]: javascript:alert(1)\n",
    "fence closed in another block": "```\ncode\n\n```\n[Help](javascript:alert(1))\n",
    "attribute list": "A paragraph.\n{: onclick=\"alert(1)\" }\n",
    "raw HTML spanning blocks": "<a\n\nhref=\"javascript:alert(1)\">help</a>\n",
    "entity-encoded scheme": "[Help](jav&#x61;script:alert(1))\n\nMore.\n",
}

SAFE = {
    "plain page": "# Terms\n\nWe keep logs for 12 months.\n\n- One\n- Two\n",
    "links": "Write to [us](mailto:dpo@example.com) or see [the site](https://example.com).\n",
    "code that mentions a script URL": "```\n[x](javascript:alert(1))\n```\n",
}


@pytest.mark.parametrize("page", HIDDEN_IN_CONTEXT.values(), ids=HIDDEN_IN_CONTEXT.keys())
def test_a_danger_that_needs_its_context_is_still_refused(page: str) -> None:
    """The page is refused, whatever the blocks say on their own."""
    with pytest.raises(RedlineError, match=r"URL|handler|tag"):
        check_markup(page, "policies/p.md", "en")


@pytest.mark.parametrize("page", [*HIDDEN_IN_CONTEXT.values(), *SAFE.values()],
                         ids=[*HIDDEN_IN_CONTEXT.keys(), *SAFE.keys()])
def test_the_shortcut_never_calls_safe_what_the_whole_page_check_refuses(page: str) -> None:
    """``_safe_by_blocks`` True implies that converting the whole page finds nothing."""
    whole_page_safe = find_danger(page) is None and find_danger(markdown_html(page)) is None
    assert not _safe_by_blocks(page) or whole_page_safe


@pytest.mark.parametrize("page", SAFE.values(), ids=SAFE.keys())
def test_safe_pages_pass(page: str) -> None:
    """Pages without anything that runs pass the check."""
    check_markup(page, "policies/p.md", "en")


def test_the_shortcut_answers_plain_pages_without_the_whole_page() -> None:
    """A page of plain blocks is answered block by block (what makes a long history fast)."""
    assert _safe_by_blocks(SAFE["plain page"]) and _safe_by_blocks(SAFE["links"])
