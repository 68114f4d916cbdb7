"""Raw HTML that could run code is refused: policy text comes from pull requests.

Markdown allows raw HTML. A ``<script>``, an ``on…=`` event handler or a ``javascript:``
URL in a policy, a translation or a data string is an error naming where it is; the
publishing stage also sanitises every page (defence in depth, see ``sanitize_html``).
"""

from __future__ import annotations

import re

import nh3

from redline.errors import RedlineError

DANGEROUS = (
    (re.compile(r"<\s*(script|iframe|object|embed|style|form|meta|link|base|svg|math)\b", re.I),
     "raw <{0}> tag"),
    (re.compile(r"<[^>]*\s(on[a-z]+)\s*=", re.I), "event handler attribute '{0}'"),
    (re.compile(r"(?:\]\(|href\s*=\s*[\"']?|src\s*=\s*[\"']?)\s*(javascript|vbscript|data):", re.I),
     "'{0}:' URL"),
)

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
    """Raise when rendered Markdown holds HTML that could run code.

    >>> check_markup("A <b>bold</b> [link](https://x.test).", "p.md", "en")
    >>> check_markup('<a href="javascript:alert(1)">x</a>', "p.md", "en")
    Traceback (most recent call last):
    ...
    redline.errors.RedlineError: p.md: 'javascript:' URL in the en text (rendered line 1)
      fix: remove it: policies may not contain scripts, event handlers or script URLs
    """
    for number, line in enumerate(markdown.splitlines(), 1):
        for pattern, label in DANGEROUS:
            found = pattern.search(line)
            if found:
                raise RedlineError(
                    f"{label.format(found.group(1).lower())} in the {locale} text (rendered line {number})",
                    where=path,
                    fix="remove it: policies may not contain scripts, event handlers or script URLs",
                )


def sanitize_html(html: str) -> str:
    """Return ``html`` with anything that could run code removed (nh3 / ammonia)."""
    tags = set(nh3.ALLOWED_TAGS) | {"ins", "del", "span", "div", "section", "time", "mark", "details",
                                    "summary", "table", "thead", "tbody", "tr", "th", "td", "hr"}
    return nh3.clean(html, tags=tags, attributes=ALLOWED_ATTRIBUTES, link_rel=None,
                     url_schemes={"http", "https", "mailto"})
