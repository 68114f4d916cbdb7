"""Budgets for Markdown: input that would make a Markdown parser crawl or recurse is refused first.

Python-Markdown (used by MkDocs) is quadratic in unclosed brackets and emphasis markers
(20,000 ``[`` took minutes) and recursive in nesting (a 600-deep list raised
``RecursionError``). Both stay far below what any policy needs.
"""

from __future__ import annotations

import re

from redline.errors import RedlineError

#: characters that open inline constructs Python-Markdown matches by backtracking
MAX_INLINE_MARKERS = 1000
#: the same characters in one page: each paragraph's cost is bounded above, this bounds their
#: sum (1,900 paragraphs of 990 ``[`` each took minutes per locale; the example's longest
#: policy has about 220)
MAX_PAGE_MARKERS = 20_000
#: columns of indentation, list markers and quote markers before a line's text
MAX_NESTING_COLUMNS = 100
_MARKERS = re.compile(r"[\[\]<(*_`]")
_PREFIX = re.compile(r"(?:[ \t>]|[*+-][ \t]|\d{1,9}[.)][ \t])*")


def check_markdown_budget(markdown: str, path: str, locale: str) -> None:
    """Raise when one paragraph holds too many inline markers or a line is nested too deeply.

    >>> check_markdown_budget("A [link](https://x.test) and *emphasis*.", "p.md", "en")
    >>> check_markdown_budget("[" * 1001, "p.md", "en")
    Traceback (most recent call last):
    ...
    redline.errors.RedlineError: p.md: Markdown budget exceeded in the en text (rendered line 1): \
more than 1000 of the characters [ ] < ( * _ ` in one paragraph
      fix: split the paragraph, or write the characters as HTML entities (&#91; …)
    """
    if len(_MARKERS.findall(markdown)) <= MAX_INLINE_MARKERS:
        # no paragraph, and no page, can hold too many markers: only the nesting is left to check
        deep = _too_deep(markdown)
        if deep is not None:
            _refuse_nesting(path, locale, *deep)
        return
    markers, start, page = 0, 1, 0
    for number, line in enumerate(markdown.splitlines(), 1):
        if not line.strip():
            markers, start = 0, number + 1
            continue
        found = len(_MARKERS.findall(line))
        markers, page = markers + found, page + found
        if page > MAX_PAGE_MARKERS:
            _refuse(path, locale, number,
                    f"more than {MAX_PAGE_MARKERS} of the characters [ ] < ( * _ ` in one page",
                    "split the policy, or write the characters as HTML entities (&#91; …)")
        if markers > MAX_INLINE_MARKERS:
            _refuse(path, locale, start,
                    f"more than {MAX_INLINE_MARKERS} of the characters [ ] < ( * _ ` in one paragraph",
                    "split the paragraph, or write the characters as HTML entities (&#91; …)")
        width = _nesting(line)
        if width > MAX_NESTING_COLUMNS:
            _refuse_nesting(path, locale, number, width)


def _nesting(line: str) -> int:
    """The columns of indentation, list and quote markers before ``line``'s text (tabs as four);
    0 for a blank line or one too short to pass the limit (a tab widens it four times at most)."""
    if len(line) * 4 <= MAX_NESTING_COLUMNS or len(line.expandtabs(4)) <= MAX_NESTING_COLUMNS \
            or not line.strip():
        return 0
    return len(_PREFIX.match(line.expandtabs(4)).group(0))  # type: ignore[union-attr]


def _too_deep(markdown: str) -> tuple[int, int] | None:
    """The first line nested deeper than :data:`MAX_NESTING_COLUMNS`, and its width; None when none is."""
    for number, line in enumerate(markdown.splitlines(), 1):
        width = _nesting(line)
        if width > MAX_NESTING_COLUMNS:
            return number, width
    return None


def _refuse_nesting(path: str, locale: str, line: int, width: int) -> None:
    _refuse(path, locale, line, f"nested {width} columns deep (at most {MAX_NESTING_COLUMNS})",
            "flatten the list or quote: policies need a few levels, not hundreds")


def _refuse(path: str, locale: str, line: int, what: str, fix: str) -> None:
    raise RedlineError(f"Markdown budget exceeded in the {locale} text (rendered line {line}): {what}",
                       where=path, fix=fix)


def check_source_nesting(markdown: str, path: str, offset: int = 0) -> None:
    """Refuse a source line nested deeper than any policy needs, before the block reader recurses.

    A cheap scan of each line's prefix (indentation, ``>`` and list markers): 5,000 ``>`` made
    the block reader recurse past Python's limit and a 1,500-level list kept it busy for minutes.

    >>> check_source_nesting("- a\\n  - b\\n> > quoted\\n" + " " * 200, "p.md")
    >>> check_source_nesting("text\\n" + ">" * 5000, "p.md", 4)
    Traceback (most recent call last):
    ...
    redline.errors.RedlineError: p.md:6: a line nested 5000 columns deep (quotes, lists, indentation; \
at most 100)
      fix: flatten the list or quote: policies need a few levels, not hundreds
    """
    deep = _too_deep(markdown)
    if deep is not None:
        number, width = deep
        raise RedlineError(
            f"a line nested {width} columns deep (quotes, lists, indentation; at most "
            f"{MAX_NESTING_COLUMNS})", where=f"{path}:{number + offset}",
            fix="flatten the list or quote: policies need a few levels, not hundreds")
