"""Material text rules: each spots one way a change can affect the people a policy covers.

A rule looks at what the change adds (or removes) and at what the section is about,
read from its headings. It returns a finding or None; it never has to explain the
whole change — any change no rule explains is material anyway.
"""

from __future__ import annotations

from redline.classify import lexicon
from redline.classify.context import (
    delta,
    found,
    inserted_match,
    label,
    names,
    quote,
    sentence_with,
)
from redline.classify.countries import countries_in
from redline.classify.findings import Finding
from redline.classify.periods import changed_period
from redline.classify.topics import (
    COLLECTION,
    CONTROLLER,
    PURPOSES,
    RECIPIENTS,
    RIGHTS,
    TRANSFERS,
    topics,
)
from redline.diff.durations import durations_in
from redline.diff.sections import BlockChange


def new_purpose(change: BlockChange) -> Finding | None:
    """A new purpose of processing: an addition under a "use"/"purpose" heading, or ads, AI..."""
    if change.new is None:
        return None
    d = delta(change)
    if PURPOSES in topics(change.path):
        if change.old is None:
            return found("new-purpose", True, f"new purpose: {quote(d.new)}", change)
        if d.added_words:
            reason = f"purposes widened in {quote(change.title)}: {quote(d.inserted_text)}"
            return found("new-purpose", True, reason, change)
    sentence = inserted_match(change, lexicon.PURPOSE)
    return found("new-purpose", True, f"new purpose: {quote(sentence)}", change) if sentence else None


def new_data_category(change: BlockChange) -> Finding | None:
    """A new category of personal data: an addition under a "collect" heading, or sensitive data."""
    if change.new is None:
        return None
    d = delta(change)
    if COLLECTION in topics(change.path):
        if change.old is None:
            return found("new-data-category", True, f"new data category: {quote(d.new)}", change)
        if d.added_words:
            subject = quote(label(d.new, change.title))
            reason = f"new data in {subject}: {quote(d.inserted_text)}"
            return found("new-data-category", True, reason, change)
    sentence = inserted_match(change, lexicon.SENSITIVE)
    reason = f"new sensitive data: {quote(sentence or '')}"
    return found("new-data-category", True, reason, change) if sentence else None


def new_recipient(change: BlockChange) -> Finding | None:
    """A new recipient, sub-processor or third party, or a sale or sharing no longer excluded."""
    if change.new is None:
        return None
    d = delta(change)
    if RECIPIENTS in topics(change.path):
        if change.old is None:
            return found("new-recipient", True, f"new {_recipient_noun(change)}: {quote(d.new)}", change)
        added = names(" ".join(d.inserted))
        if added:
            reason = f"new recipient in {quote(change.title)}: {quote(', '.join(added))}"
            return found("new-recipient", True, reason, change)
    sentence = inserted_match(change, lexicon.RECIPIENT) or inserted_match(change, lexicon.SALE)
    if sentence:
        return found("new-recipient", True, f"new sharing: {quote(sentence)}", change)
    sale = lexicon.SALE.search(d.new) if any(lexicon.NEGATION.search(run) for run in d.deleted) else None
    if sale is not None:
        sentence = sentence_with(d.new, sale.group(0))
        if lexicon.NEGATION.search(sentence):
            return None  # still excluded ("don't sell" -> "never sell"): the meaning rules judge it
        reason = f"sale or sharing no longer excluded: {quote(sentence)}"
        return found("new-recipient", True, reason, change)
    return None


def _recipient_noun(change: BlockChange) -> str:
    noun = "sub-processor" if any(lexicon.SUBPROCESSOR.search(t) for t in change.path) else "recipient"
    suffix = {"row": " row", "heading": " section"}.get(change.kind, "")
    return noun + suffix


def new_transfer_destination(change: BlockChange) -> Finding | None:
    """A country or region named where data is transferred, stored or processed."""
    if change.new is None:
        return None
    # The topic first: the lexicon of territory names is one large pattern to compile.
    if not (TRANSFERS in topics(change.path) or lexicon.TRANSFER.search(change.new)):
        return None
    fresh = countries_in(change.new) - countries_in(change.old or "", ignore_case=True)
    if fresh:
        reason = f"new transfer destination: {', '.join(sorted(fresh))}"
        return found("new-transfer-destination", True, reason, change)
    return None


def narrowed_rights(change: BlockChange) -> Finding | None:
    """A new waiver (arbitration, class action), or a right removed or qualified."""
    sentence = inserted_match(change, lexicon.WAIVER)
    if sentence:
        return found("narrowed-rights", True, f"new waiver: {quote(sentence)}", change)
    if RIGHTS not in topics(change.path) or change.old is None:
        return None
    d = delta(change)
    if change.new is None:
        return found("narrowed-rights", True, f"right removed: {quote(d.old)}", change)
    if d.removed_words:
        reason = f"rights narrowed in {quote(change.title)}: {quote(' '.join(d.deleted))} removed"
        return found("narrowed-rights", True, reason, change)
    limit = inserted_match(change, lexicon.LIMITING)
    if limit:
        return found("narrowed-rights", True, f"rights qualified: {quote(limit)}", change)
    slower = changed_period(durations_in(d.old), durations_in(d.new), "longer")
    if slower is not None and slower[0] is not None:
        return found("narrowed-rights", True, f"response time longer: {slower[0]} → {slower[1]}", change)
    return None


def controller_identity(change: BlockChange) -> Finding | None:
    """Who the controller is, or how to reach them, changed; or a company is named in prose
    that belongs to no topic (the preamble: "how Acme Ltd collects ...")."""
    d = delta(change)
    about = topics(change.path)
    if CONTROLLER in about and _substantive(d.inserted + d.deleted):
        before, after = quote(d.old) if d.old else "nothing", quote(d.new) if d.new else "nothing"
        return found("controller-identity", True, f"controller details changed: {before} → {after}", change)
    # Elsewhere a company is a recipient or a partner, judged by the topic's own rules.
    sentence = None if about else inserted_match(change, lexicon.ENTITY)
    if sentence:
        return found("controller-identity", True, f"new legal entity named: {quote(sentence)}", change)
    return None


def _substantive(runs: tuple[str, ...]) -> bool:
    return any(any(char.isalnum() for char in run) for run in runs)


def new_obligation(change: BlockChange) -> Finding | None:
    """A new obligation on the user: fees, charges, things the user must do or agrees to."""
    sentence = inserted_match(change, lexicon.OBLIGATION)
    if sentence:
        return found("new-obligation", True, f"new obligation on the user: {quote(sentence)}", change)
    return None
