"""What the rules read off a block change: plain texts, inserted and deleted words.

Material rules look only at what a change *adds* or *removes*, compared without
markup, typography or letter case — so re-casing "log data" never reads as a new
name, and a moved link never reads as a new recipient.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from redline.classify.findings import Finding
from redline.diff.sections import BlockChange
from redline.diff.text import plain
from redline.diff.words import changed_runs, word_diff

WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
NAME_RE = re.compile(r"\b[A-Z0-9][\w&.'’-]*[A-Za-z0-9]\b|\b[A-Z]\b")
SENTENCE_RE = re.compile(r"[^.!?]+(?:[.!?]+|$)")
STOPWORDS = frozenset(
    {
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "by", "at", "as",
        "is", "are", "be", "been", "this", "that", "these", "those", "it", "its", "we", "us",
        "our", "you", "your", "from", "such", "any", "all", "also", "including", "include",
        "includes", "e.g", "i.e", "etc",
    }
)
QUOTE_LIMIT = 90


@dataclass(frozen=True)
class Delta:
    """The words a change adds and removes.

    Attributes:
        old: the old text, plain ("" when the block was added).
        new: the new text, plain ("" when the block was removed).
        inserted: runs of inserted text (case preserved, as in ``new``).
        deleted: runs of deleted text (as in ``old``, case aside).
    """

    old: str
    new: str
    inserted: tuple[str, ...]
    deleted: tuple[str, ...]

    @property
    def inserted_text(self) -> str:
        """The inserted runs for a reason line, separated by " … ", edge punctuation trimmed."""
        return " … ".join(run.strip(" ,;:.") for run in self.inserted if run.strip(" ,;:."))

    @property
    def added_words(self) -> list[str]:
        """Inserted words that carry meaning (stop words left out)."""
        return content_words(" ".join(self.inserted))

    @property
    def removed_words(self) -> list[str]:
        """Deleted words that carry meaning (stop words left out)."""
        return content_words(" ".join(self.deleted))


@lru_cache(maxsize=4096)
def delta(change: BlockChange) -> Delta:
    """Compute the inserted and deleted runs of a change (cached: every rule asks)."""
    old, new = plain(change.old or ""), plain(change.new or "")
    segments = word_diff(old, new, ignore_case=True)
    return Delta(old, new, tuple(changed_runs(segments, "insert")), tuple(changed_runs(segments, "delete")))


def content_words(text: str) -> list[str]:
    """Return the words of ``text`` that are not stop words.

    >>> content_words("and the Mailgun email service, 2 times")
    ['Mailgun', 'email', 'service', 'times']
    """
    return [word for word in WORD_RE.findall(text) if word.casefold() not in STOPWORDS]


def names(text: str) -> list[str]:
    """Return the capitalised words and acronyms of ``text`` (candidate proper names);
    a number, amount or date ("90", "$1,200", "2026") is no name.

    >>> names("and Mailgun (email), via AWS S3 for $90 or 1,200 EUR")
    ['Mailgun', 'AWS', 'S3', 'EUR']
    """
    return [
        word for word in NAME_RE.findall(text)
        if word.casefold() not in STOPWORDS and any(char.isalpha() for char in word)
    ]


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """Quote text for a reason line, shortened to ``limit`` characters.

    >>> quote("Email Delivery | Mailgun | US")
    "'Email Delivery | Mailgun | US'"
    >>> quote("word " * 30, 20)
    "'word word word word…'"
    """
    text = " ".join(text.split())
    if len(text) > limit:
        cut = text[: limit - 1]
        text = (cut if text[limit - 1] == " " else cut.rsplit(" ", 1)[0]).rstrip() + "…"
    return f"'{text}'"


def label(text: str, fallback: str) -> str:
    """Name what a block is about: the term before a colon, or a row's first cell.

    >>> label("Log Data: Retained for up to 12 months.", "Retention")
    'Log Data'
    >>> label("Billing records | 7 years", "Retention"), label("We keep data.", "Retention")
    ('Billing records', 'Retention')
    """
    for separator in (" | ", ": "):
        head, found, _ = text.partition(separator)
        if found and 0 < len(head) <= 60:
            return head.strip()
    return fallback


def sentence_with(text: str, fragment: str) -> str:
    """Return the sentence of ``text`` that contains ``fragment`` (or ``fragment``).

    >>> sentence_with("We keep logs. You waive any class action. Thanks.", "waive")
    'You waive any class action.'
    """
    at = text.find(fragment)
    for match in SENTENCE_RE.finditer(text):
        if match.start() <= at < match.end():
            return match.group(0).strip()
    return fragment


def inserted_match(change: BlockChange, pattern: re.Pattern[str]) -> str | None:
    """Return the new sentence around the first inserted run ``pattern`` matches."""
    d = delta(change)
    for run in d.inserted:
        if pattern.search(run):
            return sentence_with(d.new, run)
    return None


def found(category: str, material: bool, reason: str, change: BlockChange) -> Finding:
    """Make a finding located in the change's section."""
    return Finding(category, material, reason, section=change.section or None)
