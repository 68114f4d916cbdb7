"""Figures that report the past: a statistics table's numbers updated for a new year.

Under a heading, or after a lead-in, that says the text holds statistics ("Privacy
request metrics", "The following chart contains statistics about requests we received
in 2025:"), a row or a sentence whose words are all unchanged and whose numbers alone
changed reports what happened (requests received, complied with, denied): it promises
nothing and binds no one. Numbers anywhere else stay material.
"""

from __future__ import annotations

import re

from redline.classify import lexicon
from redline.classify.context import found, quote
from redline.classify.findings import Finding
from redline.diff.sections import BlockChange
from redline.diff.text import collapse_whitespace, plain

#: Words saying a text holds statistics, in en/de/fr/es.
STATISTICS_RE = re.compile(
    r"\bstatistic|\bmetrics?\b|\btransparency report|\bstatisti[kq]|\bkennzahlen\b|\bestad[ií]stic"
    r"|\bcifras\b|\bchiffres\b",
    re.I,
)
MONEY_RE = re.compile(r"[$€£¥₹]|\b(?:EUR|USD|GBP|CHF|fees?|prices?|charges?|cost|geb[üu]hr\w*|frais|prix"
                      r"|tarifas?|precios?)\b", re.I)
NUMBER_RE = re.compile(r"\d(?:[\d,.' ]*\d)?")


def _masked(text: str) -> str:
    return collapse_whitespace(NUMBER_RE.sub("#", plain(text)))


def reported_figures(change: BlockChange) -> Finding | None:
    """Editorial: only numbers changed, in a row or sentence that reports statistics."""
    if change.old is None or change.new is None or change.moved or change.kind not in ("row", "paragraph"):
        return None
    if not STATISTICS_RE.search(f"{change.title} {change.lead}"):
        return None  # the heading or the table's lead-in says so, not the changed text itself
    context = f"{change.title} {change.lead}"
    if lexicon.RETAIN.search(context) or lexicon.INDEFINITE.search(context):
        return None  # "statistics are kept for:" — the figures are retention periods, terms
    if any(rx.search(change.old) for rx in (lexicon.NOTICE_PERIOD, lexicon.OBLIGATION, MONEY_RE)):
        return None  # a notice, a fee or a price: a term, even under a statistics heading
    if plain(change.old) == plain(change.new) or _masked(change.old) != _masked(change.new):
        return None
    return found("reported-figures", False, f"reported figures updated in {quote(change.title)}", change)
