"""A whole section about one named recipient removed: editorial, when nothing else goes with it.

Under a sharing heading ("Who we share data with"), a sub-section that describes one
named company ("We use Alder Analytics." and a paragraph on what Alder does with the
data) is removed. The company no longer receives the data: that narrows what is done
with it. The rule holds only when the removed text takes no promise along — no
negation or exclusion, no limit ("only", "unless"), no right or opt-out, no period or
retention wording — so removing "We never share with X" or "You can opt out of X at
any time" stays material.
"""

from __future__ import annotations

import re

from redline.classify import lexicon
from redline.classify.context import found, names, quote
from redline.classify.editorial import EXCLUDING
from redline.classify.findings import Finding
from redline.classify.languages import words_of
from redline.classify.spelling import is_word
from redline.classify.topics import RECIPIENTS, topics
from redline.diff.canonical import canonical
from redline.diff.durations import durations_in
from redline.diff.sections import BlockChange, SectionChange
from redline.diff.text import plain

#: Words that give the user something (a right, a choice, a setting), in en/de/fr/es.
RIGHTS_RE = re.compile(
    r"\bopt(?:ing)?[- ]?out|\brights?\b|\bobject|\bwithdraw|\bconsent|\bdisable|\bsettings?\b|\bcontrol"
    r"|\bwiderspr|\brecht|\beinwillig|\bdroits?\b|\bopposer|\bconsentement|\bderechos?\b|\boponer"
    r"|\bconsentimiento",
    re.I,
)


def removed_recipient_section(section: SectionChange, changes: tuple[BlockChange, ...]) -> Finding | None:
    """Editorial: a section naming one company, under a recipients heading, removed whole, with no
    negation, limit, right, retention wording or period among its words."""
    if section.kind != "removed" or not changes:
        return None
    path = changes[0].path
    if RECIPIENTS not in topics(path) and RECIPIENTS not in topics(path[:-1]):
        return None  # the section's own heading ("We use Alder.") or the one above it is about sharing
    lang = changes[0].lang
    meaning = words_of(lang)
    if meaning is None:
        return None
    heading = plain(section.title)
    body = " ".join(plain(change.old or "") for change in changes if change.kind != "heading")
    named = [name for name in _company_names(heading, lang) if name in body]
    if not named or not body:
        return None
    text = f"{heading} {body}"
    if set(canonical(text, lang)) & (meaning.negations | EXCLUDING):
        return None
    if any(rx.search(text) for rx in (lexicon.NEGATION, lexicon.LIMITING, lexicon.RETAIN, lexicon.INDEFINITE,
                                      lexicon.WAIVER, lexicon.OBLIGATION, RIGHTS_RE)):
        return None
    if durations_in(text):
        return None
    return found("removed-recipient", False, f"removed recipient section: {quote(heading)}", changes[0])


#: Two or more capitalised words in a row ("Alder Analytics", "Oracle Marketing Cloud").
CAPITALISED_RUN_RE = re.compile(r"\b[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*)+")


def _company_names(heading: str, lang: str) -> list[str]:
    """Names in a heading that can only be a company: a run of capitalised words, or one
    capitalised word that is no word of the language ("Mailchimp", not "Advertising")."""
    runs = [word for run in CAPITALISED_RUN_RE.findall(heading) for word in run.split()]
    odd = [name for name in names(heading) if name[:1].isupper() and is_word(name, lang) is False]
    return runs + odd
