"""The Markdown budget refuses what it always refused, with the same first message, by a shorter way."""

from __future__ import annotations

import random
import re

import pytest

from redline.errors import RedlineError
from redline.load import budget
from redline.load.budget import (
    MAX_INLINE_MARKERS,
    MAX_NESTING_COLUMNS,
    MAX_PAGE_MARKERS,
    check_markdown_budget,
)


def _one_pass(markdown: str) -> str | None:
    """The budget as one pass over the lines (every check on every line), the first refusal's text."""
    markers, start, page = 0, 1, 0
    for number, line in enumerate(markdown.splitlines(), 1):
        if not line.strip():
            markers, start = 0, number + 1
            continue
        found = len(re.findall(r"[\[\]<(*_`]", line))
        markers, page = markers + found, page + found
        if page > MAX_PAGE_MARKERS:
            return f"page {number}"
        if markers > MAX_INLINE_MARKERS:
            return f"paragraph {start}"
        width = len(budget._PREFIX.match(line.expandtabs(4)).group(0))  # type: ignore[union-attr]
        if width > MAX_NESTING_COLUMNS:
            return f"nested {width} {number}"
    return None


def _checked(markdown: str) -> str | None:
    try:
        check_markdown_budget(markdown, "p.md", "es")
    except RedlineError as error:
        line = re.search(r"rendered line (\d+)", error.what)
        assert line is not None
        kind = "page" if "one page" in error.what else "paragraph" if "paragraph" in error.what else \
            "nested " + re.search(r"nested (\d+)", error.what).group(1)  # type: ignore[union-attr]
        return f"{kind} {line.group(1)}"
    return None


_PARTS = ["text", "[", "](", "*", "_", "`", "<", " " * 30, "\t" * 9, "> " * 20, "- " * 20, "1. " * 12, "\n",
          "\n\n", "   \n", " " * 120 + "\n", "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\tx\n"]


@pytest.mark.parametrize("seed", range(4))
def test_the_budget_refuses_as_one_pass_over_the_lines_does(seed: int) -> None:
    """Generated pages (markers in bulk, deep prefixes, tabs, blank lines of spaces): the same
    verdict and the same first refusal, line included."""
    rnd = random.Random(seed)
    for _ in range(300):
        parts = [rnd.choice(_PARTS) for _ in range(rnd.randint(1, 40))]
        if rnd.random() < 0.3:
            parts.insert(rnd.randrange(len(parts) + 1), rnd.choice(["[", "*", "<"]) * rnd.randint(900, 1100))
        markdown = "".join(parts)
        assert _checked(markdown) == _one_pass(markdown), repr(markdown[:200])
