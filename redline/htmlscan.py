"""Find HTML that could run code, with a real tokenizer (the standard library's HTML parser).

A regular expression over lines misses what a browser still reads as markup: attributes
glued to a quote or a slash (``"/onerror=``), tags split over lines, character references
in a URL (``jav&#x61;script:``). The parser here splits tags and attributes the way a
browser does and decodes attribute values, so each finding is what a browser would run.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

#: elements that run code, load other documents or restyle the whole page
FORBIDDEN_TAGS = frozenset({
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "form", "meta",
    "link", "base", "svg", "math", "template", "portal", "noscript", "xmp", "plaintext",
})
#: elements that run code: what a whole HTML document (an email, with its <meta> and <style>) may not hold
SCRIPT_TAGS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form",
                         "svg", "math", "template", "portal"})
#: URL schemes a browser runs (or renders as a document) instead of navigating
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
#: browsers drop ASCII tab, newline and control characters anywhere in a URL (WHATWG URL parser)
URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True)
class Danger:
    """One thing in a text that could run code.

    Attributes:
        label: what it is, e.g. ``event handler attribute 'onerror'``.
        line: 1-based line of the text where the tag starts.
    """

    label: str
    line: int


def url_scheme_danger(value: str) -> str | None:
    """The scheme (``javascript:`` …) of a URL that runs code, as a browser reads it, or None.

    >>> url_scheme_danger(" jav\\tascript:alert(1)"), url_scheme_danger("https://x.test/javascript:")
    ('javascript:', None)
    >>> url_scheme_danger(" jav&#x61;script:alert(1)"), url_scheme_danger("javascript&colon;alert(1)")
    ('javascript:', 'javascript:')
    """
    cleaned = _decoded(value)
    return next((scheme for scheme in SCRIPT_SCHEMES if cleaned.startswith(scheme)), None)


def _decoded(value: str) -> str:
    """``value`` with character references decoded until nothing changes, noise dropped, lower case.

    A value printed unescaped into an attribute (MkDocs templates do not autoescape) is
    decoded by the browser: ``jav&#x61;script&colon;`` is ``javascript:`` there.
    """
    cleaned = URL_NOISE.sub("", value)
    for _ in range(8):
        decoded = URL_NOISE.sub("", html.unescape(cleaned))
        if decoded == cleaned:
            break
        cleaned = decoded
    return cleaned.lower()


class _Scanner(HTMLParser):
    """Collects every :class:`Danger` of the fed text (character references decoded)."""

    def __init__(self, forbidden: frozenset[str] = FORBIDDEN_TAGS) -> None:
        super().__init__(convert_charrefs=True)
        self.forbidden = forbidden
        self.found: list[Danger] = []
        self.tags: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        self.tags.append((tag, line))
        if tag in self.forbidden:
            self.found.append(Danger(f"raw <{tag}> tag", line))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(Danger(f"event handler attribute '{name}'", line))
            scheme = url_scheme_danger(value or "")
            if scheme:
                self.found.append(Danger(f"'{scheme}' URL", line))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.tags.append((f"/{tag}", self.getpos()[0]))
        if tag in self.forbidden:
            self.found.append(Danger(f"raw </{tag}> tag", self.getpos()[0]))

    def handle_comment(self, data: str) -> None:
        self.tags.append(("!--", self.getpos()[0]))

    def handle_decl(self, decl: str) -> None:
        self.tags.append(("!", self.getpos()[0]))

    def unknown_decl(self, data: str) -> None:
        self.tags.append(("![", self.getpos()[0]))

    def handle_pi(self, data: str) -> None:
        self.tags.append(("?", self.getpos()[0]))


def _scan(text: str, forbidden: frozenset[str] = FORBIDDEN_TAGS) -> _Scanner:
    scanner = _Scanner(forbidden)
    scanner.feed(text)
    scanner.close()
    return scanner


def find_danger(text: str, forbidden: frozenset[str] = FORBIDDEN_TAGS) -> Danger | None:
    """The first thing in HTML (or Markdown with raw HTML) that could run code, or None.

    >>> find_danger('<p>A <b>bold</b> <a href="https://x.test">link</a>.</p>') is None
    True
    >>> find_danger('ok\\n<img src="x"/onerror="alert(1)">')
    Danger(label="event handler attribute 'onerror'", line=2)
    >>> find_danger('<a href="jav&#x61;script:alert(1)">x</a>')
    Danger(label="'javascript:' URL", line=1)
    """
    found = _scan(text, forbidden).found
    return found[0] if found else None


def first_markup(text: str) -> tuple[str, int] | None:
    """The first tag, comment or declaration in ``text`` (a title must be plain text), or None.

    >>> first_markup("Terms & Conditions <3"), first_markup("Security</title><script>")
    (None, ('/title', 1))
    """
    tags = _scan(text).tags
    return tags[0] if tags else None


def check_plain(text: str, where: str, what: str) -> None:
    """Refuse markup in a field printed into page chrome (title, navigation, description).

    MkDocs and Material print titles and descriptions without escaping them, so a tag there
    is markup on every page: such a field must be plain text.

    >>> check_plain("Terms & Conditions", "p.md:2", "title")
    >>> check_plain('Hi<img src=x onerror=alert(1)>', "p.md:2", "title")
    Traceback (most recent call last):
    ...
    redline.errors.RedlineError: p.md:2: title holds markup ('<img'): it must be plain text
      fix: remove the tag: titles and descriptions are printed as plain text
    """
    from redline.errors import RedlineError

    found = first_markup(text)
    if found is not None:
        raise RedlineError(f"{what} holds markup ('<{found[0]}'): it must be plain text", where=where,
                           fix="remove the tag: titles and descriptions are printed as plain text")
