"""The canonical form of a text: what is left when every form-only difference is forgotten.

Two texts with the same canonical form say the same words in the same order; they
may differ in whitespace, line endings, invisible characters, quotes and dashes,
punctuation, letter case, "&" for "and", emphasis that changes no visible text,
where links point, or which mail address a contact link uses. This is the proof
behind "editorial": a change whose canonical forms are equal changed no words.

Markup that can hide, show or restyle words (inline HTML with ``class``, ``style``,
``hidden``...) is *not* forgotten: its attributes stay in the canonical form.
"""

from __future__ import annotations

import re
from functools import lru_cache

from redline.diff.text import (
    collapse_whitespace,
    strip_link_targets,
    strip_markup,
    unify_typography,
    unseen_dropped,
)

#: Characters a reader never sees: zero-width (non-)joiners and spaces, BOM, soft hyphen,
#: bidirectional marks, word joiner.
INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
EMAIL_RE = re.compile(r"(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
#: A mail address a web host replaced by a placeholder link (the page still shows an address).
EMAIL_PLACEHOLDER_RE = re.compile(
    r"\[\\?\[email(?:\s|\u00a0|&nbsp;)+protected\\?\]\]\([^)]*/cdn-cgi/l/email-protection[^)]*\)", re.I
)
#: A number keeps its inner separators ("1.5", "2,000", "14.4"): changing them changes it.
#: Currency, percent and comparison signs are words too: "$5" and "€5", "5" and "5%" differ.
TOKEN_RE = re.compile(r"\d+(?:[.,:/]\d+)*\+?|[^\W\d_]+(?:['’][^\W\d_]+)*|[%$€£¥₹≤≥]")
STRIKE_RE = re.compile(r"~~(.+?)~~")
AMPERSAND_RE = re.compile(r"(?<=\s)&(?=\s)|&amp;")
INNER_HYPHEN_RE = re.compile(r"(?<=[^\W\d_])[-‐‑](?=[^\W\d_])")

#: Per language, the word "&" stands for.
AND_WORDS = {"en": "and", "de": "und", "fr": "et", "es": "y", "pt": "e", "it": "e", "nl": "en", "ru": "и"}


def drop_invisible(text: str) -> str:
    """Remove characters a reader never sees.

    >>> drop_invisible("Medium\u200b’s\ufeff terms")
    'Medium’s terms'
    """
    return INVISIBLE_RE.sub("", text)


def mask_contacts(text: str) -> str:
    """Replace mail addresses (and host placeholders for one) by ``<email>``.

    >>> mask_contacts("write to [dpo@acme.example](mailto:dpo@acme.example)")
    'write to [<email>](<email>)'
    """
    return EMAIL_RE.sub("<email>", mask_placeholders(text))


def mask_placeholders(text: str) -> str:
    """Replace a web host's placeholder link for a mail address by ``<email>``."""
    return EMAIL_PLACEHOLDER_RE.sub("<email>", text)


def words(text: str, lang: str = "en", *, hyphen: str = " ") -> tuple[str, ...]:
    """The words and numbers of ``text``, case folded, "&" read as the language's "and".

    >>> words("Identity & Access: opt-out, 1.5 days!")
    ('identity', 'and', 'access', 'opt', 'out', '1.5', 'days')
    >>> words("opt-out", hyphen="")
    ('optout',)
    """
    text = AMPERSAND_RE.sub(f" {AND_WORDS.get(lang, '&')} ", text)
    text = INNER_HYPHEN_RE.sub(hyphen, text)
    return tuple(token.casefold().replace("’", "'") for token in TOKEN_RE.findall(text))


def visible(text: str) -> str:
    """The text a reader sees: comments, markup and link targets gone, images one token
    (mail addresses kept: a changed address is a changed contact, not a form).

    >>> visible("**We** share with [Acme](https://acme.example) – “now”\u200b.")
    'We share with Acme - "now".'
    >>> visible("We do <!-- not --> sell ![not](x.png) data")
    'We do sell [image] data'
    """
    text = unseen_dropped(text)
    # Striking words out says they no longer apply: the strike stays a word of its own.
    text = STRIKE_RE.sub(r" struck-out \1 struck-out ", mask_placeholders(drop_invisible(text)))
    text = strip_link_targets(strip_markup(text))
    return collapse_whitespace(unify_typography(text))


@lru_cache(maxsize=1 << 14)
def canonical(text: str, lang: str = "en") -> tuple[str, ...]:
    """The canonical form: the visible words, in order.

    >>> canonical("We do *not* sell  your data.") == canonical("we do not sell your data!")
    True
    >>> canonical('We do <span class="md-toggle">not</span> sell.') == canonical("We do not sell.")
    False
    """
    return words(visible(text), lang)


def same_words(old: str, new: str, lang: str = "en") -> bool:
    """True when two texts say the same words in the same order (hyphens aside).

    >>> same_words("an e-mail address", "an email address"), same_words("opt out", "opt-out")
    (True, True)
    >>> same_words("for 8 days", "for 80 days"), same_words("costs $5", "costs €5"), same_words("13+", "13")
    (False, False, False)
    """
    if EMAIL_PLACEHOLDER_RE.search(old) or EMAIL_PLACEHOLDER_RE.search(new):
        # The page showed a placeholder, not an address: any address may stand for it.
        old, new = mask_contacts(old), mask_contacts(new)
    if canonical(old, lang) == canonical(new, lang):
        return True
    return words(visible(old), lang, hyphen="") == words(visible(new), lang, hyphen="")
