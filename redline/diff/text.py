"""Text normalisers: each one forgets one kind of editorial difference.

Block alignment compares texts under all of them at once (so a block whose quotes
were straightened still pairs with its old self); the editorial rules apply them one
at a time to say *which* kind of difference a change is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from redline.fallback import FALLBACK_TAG_RE

Normaliser = Callable[[str], str]

WS_RE = re.compile(r"\s+")
TYPOGRAPHY = str.maketrans(
    {
        "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"',
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ", "…": "...",
    }
)
DASH_CHARS_RE = re.compile(r"[–—―‒−]")
DASH_RE = re.compile(r"\s*(?:[–—―‒−]|-{1,3})\s*")
SPACE_BEFORE_PUNCT_RE = re.compile(r"\s+([,.;:!?)])")
SERIAL_COMMA_RE = re.compile(r",(\s+(?:and|or)\b)")
TRAILING_PUNCT_RE = re.compile(r"[\s.,;:]+$")
EMPHASIS_RE = re.compile(r"(\*{1,3}|(?<![\w\\])_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)")
CODE_RE = re.compile(r"(`+)(.+?)\1")
#: Inline tags that only style text. A tag with attributes that can hide or restyle words
#: (``class``, ``style``, ``hidden``...) is kept: a change to it is never formatting only.
TAG_RE = re.compile(
    r"</?(?:strong|em|b|i|u|mark|small|span|sup|sub|code|br)\b"
    r"(?![^>]*\b(?:class|style|hidden|aria-hidden|id|title)\b)[^>]*>",
    re.I,
)
ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>])")
INLINE_LINK_RE = re.compile(r"(!?\[[^\]]*\])\(\s*(<[^>]*>|[^)\s]*)(?:\s+[\"'(][^)]*)?\)")
REF_LINK_RE = re.compile(r"(\[[^\]]+\])\[[^\]]*\]")
AUTOLINK_RE = re.compile(r"<((?:https?|ftp)://[^>\s]+)>")
BARE_URL_RE = re.compile(r"(?<![(<\w])(?:https?|ftp)://[^\s)<>\]\"]+[^\s)<>\].,;:!?'\"]")
#: An HTML comment (closed or left open to the end): a reader never sees it or its words.
COMMENT_RE = re.compile(r"<!--.*?(?:-->|$)", re.S)
#: An image, inline or by reference: a picture, not words of the sentence (its alt text is
#: not read as one), so it stands as one opaque token and adding or removing it changes wording.
IMAGE_RE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])?|<img\b[^>]*>", re.I)
IMAGE_TOKEN = " [image] "
NUMBERING_RE = re.compile(r"^(?:§\s*)?(?:\d+[A-Za-z]?(?:\.\d+[A-Za-z]?)*|[IVXLC]+|[A-Z])[.)]?\s+(?=\S)")


def unseen_dropped(text: str) -> str:
    """Drop HTML comments and make each image one opaque ``[image]`` token.

    >>> unseen_dropped("We do <!-- not --> sell ![not](x.png) data")
    'We do  sell  [image]  data'
    """
    return IMAGE_RE.sub(IMAGE_TOKEN, COMMENT_RE.sub("", text))


def collapse_whitespace(text: str) -> str:
    """Collapse runs of whitespace to one space and trim the ends.

    >>> collapse_whitespace("  one\\n two\\t three ")
    'one two three'
    """
    return WS_RE.sub(" ", text).strip()


def unify_typography(text: str) -> str:
    """Straighten quotes and make every dash a hyphen, spacing kept.

    >>> print(unify_typography("“Dexo” – the ‘Services’…"))
    "Dexo" - the 'Services'...
    """
    return DASH_CHARS_RE.sub("-", text.translate(TYPOGRAPHY))


def unify_punctuation(text: str) -> str:
    """Straighten quotes, unify dashes and drop punctuation that carries no meaning.

    >>> unify_punctuation("“Services” – our platform’s APIs, widgets, and SDKs.")
    '"Services"-our platform\\'s APIs, widgets and SDKs'
    """
    text = DASH_RE.sub("-", unify_typography(text))
    text = SERIAL_COMMA_RE.sub(r"\1", SPACE_BEFORE_PUNCT_RE.sub(r"\1", text))
    return TRAILING_PUNCT_RE.sub("", text)


def strip_markup(text: str) -> str:
    """Remove inline Markdown formatting (emphasis, code spans, inline HTML tags).

    Strikethrough stays: striking words out says they no longer apply.

    >>> strip_markup("**Log Data**: kept for `12` months, *not* longer<br>")
    'Log Data: kept for 12 months, not longer'
    >>> strip_markup("~~We sell data~~")
    '~~We sell data~~'
    """
    text = TAG_RE.sub("", FALLBACK_TAG_RE.sub("", text))
    text = CODE_RE.sub(lambda m: m.group(2).strip(), text)
    previous = None
    while previous != text:
        previous, text = text, EMPHASIS_RE.sub(r"\2", text)
    return ESCAPE_RE.sub(r"\1", text)


def strip_link_targets(text: str) -> str:
    """Forget links: keep their text, drop where they point (mail addresses excepted:
    they are contact details, and changing one is never a mere link change).

    >>> strip_link_targets("see [our list](https://a.example/x) or <https://b.example>")
    'see our list or <url>'
    >>> strip_link_targets("[write](mailto:dpo@example.com) [to us][1]")
    '[write](mailto:dpo@example.com) to us'
    """
    text = INLINE_LINK_RE.sub(_link_text, text)
    text = REF_LINK_RE.sub(lambda match: match.group(1)[1:-1], text)
    text = AUTOLINK_RE.sub("<url>", text)
    return BARE_URL_RE.sub("<url>", text)


def _link_text(match: re.Match[str]) -> str:
    if match.group(2).lower().lstrip("<").startswith("mailto:"):
        return match.group(0)
    return _visible(match)


def _visible(match: re.Match[str]) -> str:
    """The text of an inline link or image."""
    return match.group(1).lstrip("!")[1:-1]


def link_targets(text: str) -> list[str]:
    """Return the link targets in ``text``, in order.

    >>> link_targets("[a](https://x.example) and https://y.example/p.")
    ['https://x.example', 'https://y.example/p']
    """
    inline = [m.group(2).strip("<>") for m in INLINE_LINK_RE.finditer(text)]
    rest = INLINE_LINK_RE.sub("", text)
    return inline + AUTOLINK_RE.findall(rest) + BARE_URL_RE.findall(AUTOLINK_RE.sub("", rest))


def drop_numbering(text: str) -> str:
    """Remove a leading section number from a heading.

    >>> drop_numbering("7.2 Data Retention"), drop_numbering("IV. Rights"), drop_numbering("Rights")
    ('Data Retention', 'Rights', 'Rights')
    """
    return NUMBERING_RE.sub("", text)


def plain(text: str) -> str:
    """The words a reader sees: markup gone, links reduced to their text, typography unified.

    >>> plain("**We** share data with [Mailgun](https://mailgun.com) – see “Sub-processors”.")
    'We share data with Mailgun - see "Sub-processors".'
    """
    text = INLINE_LINK_RE.sub(_visible, strip_markup(unseen_dropped(text)))
    text = REF_LINK_RE.sub(lambda match: match.group(1)[1:-1], text)
    return unify_typography(collapse_whitespace(text))


@lru_cache(maxsize=1 << 16)
def alignment_key(text: str) -> str:
    """The key blocks are aligned on: every editorial difference forgotten.

    Memoized: the same blocks are keyed again in every comparison of a history.

    >>> alignment_key("**Log  Data**: Kept 12 months.") == alignment_key("Log Data: kept 12 months")
    True
    """
    text = strip_link_targets(strip_markup(text))
    return unify_punctuation(collapse_whitespace(text)).casefold()
