"""Put a policy page in reading order: the title first, then Redline's chrome, one date line.

Material renders the template's blocks around the page's content, so Redline's chrome
(status notices, dates, version links; ``redline/theme/partials/redline-header.html``) comes
out above the ``<h1>``. Here, on the finished HTML, it moves to just below the title; and
when the text's own first paragraph already states both dates (``Effective Date: … · Last
Updated: …`` in the policy), the chrome's date line is left out, so a reader sees one, and
the rest of the chrome follows that paragraph.
Pure: HTML in, HTML out; a page without the markers is returned as it is.
"""

from __future__ import annotations

import re

START, END = "<!--rl-chrome-->", "<!--/rl-chrome-->"
TITLE_END = "</h1>"
DATES_RE = re.compile(r'\s*<p class="rl-dates">.*?</p>', re.S)
TIME_RE = re.compile(r"<time datetime=\"[^\"]*\">([^<]*)</time>")
PARAGRAPH_RE = re.compile(r"\s*<p>(.*?)</p>", re.S)


def title_first(page: str) -> str:
    """The page with the chrome moved below the ``<h1>`` and no second date line.

    >>> title_first('<!--rl-chrome--><nav>v</nav><!--/rl-chrome--><h1>T</h1><p>x</p>')
    '<h1>T</h1><!--rl-chrome--><nav>v</nav><!--/rl-chrome--><p>x</p>'
    >>> chrome = '<p class="rl-dates"><time datetime="2026-02-01">Feb 1</time></p>'
    >>> title_first(f'<!--rl-chrome-->{chrome}<!--/rl-chrome--><h1>T</h1><p>Effective Feb 1</p>')
    '<h1>T</h1><p>Effective Feb 1</p><!--rl-chrome--><!--/rl-chrome-->'
    """
    start = page.find(START)
    end = page.find(END, start)
    if start < 0 or end < 0:
        return page
    end += len(END)
    chrome, rest = page[start:end], page[:start] + page[end:]
    title = rest.find(TITLE_END, start)
    if title < 0:
        return page
    title += len(TITLE_END)
    following = PARAGRAPH_RE.match(rest, title)
    dates = TIME_RE.findall(chrome)
    if following and dates and all(day in following.group(1) for day in dates):
        # the text's date line stays right under the title; notices and links follow it
        chrome, title = DATES_RE.sub("", chrome, count=1), following.end()
    return rest[:title] + chrome + rest[title:]
