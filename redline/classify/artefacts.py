"""Two editorial rules for what is not policy wording: contact details and page furniture.

- ``contact_details`` (a proof rule): the only difference is that an e-mail address or an
  international phone number was replaced by another one. How to reach the same controller
  changed; who the controller is, and what it does, did not.
- ``ui_label`` (an editorial text rule, after every material and meaning rule): a paragraph
  added or removed that is no sentence at all: at most three dictionary words, all in
  lower case or all in capitals (a capital may start a name), no sentence mark, no digit,
  no period, no negation or qualifier, no link, no word that names a data practice. Such
  as a "close" button, an "ENTER A SUMMARY" placeholder or a widget caption captured by
  a crawler. It states nothing, so it cannot change a promise.
"""

from __future__ import annotations

import re

from redline.classify.context import found, quote
from redline.classify.findings import Finding
from redline.classify.languages import words_of
from redline.classify.spelling import is_word
from redline.classify.topics import title_topics
from redline.diff.canonical import canonical
from redline.diff.durations import durations_in
from redline.diff.sections import BlockChange
from redline.diff.text import collapse_whitespace, plain

EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
#: A phone number in international form ("+44 20 7946 0000"): a bare run of digits may be
#: a date, an amount or a period, so it is never taken for a phone number.
PHONE_RE = re.compile(r"\+\d[\d ()./-]{5,}\d")
#: Longest paragraph, in words, that can be a page label rather than a statement.
LABEL_WORDS = 3
SENTENCE_MARK_RE = re.compile(r"[.!?:;。]")
LINK_RE = re.compile(r"\]\(|\]\[|<a\s|https?://", re.I)


#: A street in a postal address: a house number before or after a street word.
STREET_RE = re.compile(
    r"\b(?:St|Street|Road|Rd|Ave|Avenue|Blvd|Boulevard|Lane|Drive|Square|Place|Straße|Strasse|Str"
    r"|rue|avenue|boulevard|place|calle|avenida|plaza|paseo)\b\.?"
    r"|\w*(?:straße|strasse|str\.|platz|allee|weg)(?=\W|$)",  # German compounds: "Beispielstraße"
    re.I,
)
HOUSE_NUMBER_RE = re.compile(r"\b\d+[A-Za-z]?\b")


def _masked(text: str) -> str:
    text = PHONE_RE.sub("\x00phone", EMAIL_RE.sub("\x00email", plain(text)))
    if STREET_RE.search(text) and not durations_in(text) and not SENTENCE_VERB_RE.search(text):
        # a postal address block: its house number and postcode are contact details
        text = HOUSE_NUMBER_RE.sub("\x00number", text)
    return collapse_whitespace(text)


#: An address block is no sentence: these words make it one ("we keep", "you must").
SENTENCE_VERB_RE = re.compile(r"\b(?:we|you|will|must|shall|may|is|are|keep|kept|delete|share)\b", re.I)


def contact_details(change: BlockChange) -> Finding | None:
    """Editorial: only an e-mail address or a phone number was replaced by another one."""
    if change.old is None or change.new is None or change.moved:
        return None
    old, new = plain(change.old), plain(change.new)
    if old == new or _masked(old) != _masked(new):
        return None
    before = EMAIL_RE.findall(old) + PHONE_RE.findall(old) or [_address(old)]
    after = EMAIL_RE.findall(new) + PHONE_RE.findall(new) or [_address(new)]
    if before == after:
        before, after = [_address(old)], [_address(new)]
    reason = f"contact details changed: {', '.join(before)} → {', '.join(after)}"
    return found("contact-details", False, reason, change)


def ui_label(change: BlockChange) -> Finding | None:
    """Editorial: a paragraph of at most three words, with no sentence, added or removed."""
    if change.kind != "paragraph" or (change.old is None) == (change.new is None):
        return None
    text = plain(change.old or change.new or "")
    tokens = canonical(text, change.lang)
    meaning = words_of(change.lang)
    if meaning is None or not tokens or len(tokens) > LABEL_WORDS:
        return None
    if SENTENCE_MARK_RE.search(text) or any(char.isdigit() for char in text):
        return None
    if LINK_RE.search(change.old or change.new or "") or title_topics(text):
        return None  # a link ("Opt out") or a label that names a data practice is not furniture
    if text not in (text.lower(), text.upper()):
        return None  # "Facebook Pixel", "Google": a capital may be a name (a tracker, a recipient)
    if durations_in(text):
        return None  # "thirty days": a period, even without a sentence
    if not all(is_word(word, change.lang) for word in re.findall(r"\w+", text)):
        return None  # a word outside the language's dictionary may be a product name
    if set(tokens) & (meaning.negations | meaning.qualifiers | meaning.quantifiers | meaning.modals):
        return None
    what = "removed" if change.new is None else "added"
    return found("page-label", False, f"page label {what} (no sentence): {quote(text)}", change)



def _address(text: str) -> str:
    """The address block, for the reason line."""
    return quote(text)
