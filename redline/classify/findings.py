"""What classification says: findings with reasons, and the verdict they add up to."""

from __future__ import annotations

from dataclasses import dataclass

#: The category of a change no rule explains: material, to be safe.
UNEXPLAINED = "unexplained"
UNEXPLAINED_REASON = "unexplained wording change"

#: Categories that need a notice before the change takes effect.
MATERIAL_CATEGORIES = (
    "new-purpose",
    "new-data-category",
    "new-recipient",
    "new-transfer-destination",
    "longer-retention",
    "narrowed-rights",
    "controller-identity",
    "shorter-notice-period",
    "new-obligation",
    "restyling-markup",
    "meaning-word",
    "qualifier-removed",
    "link-host",
    UNEXPLAINED,
)
#: Categories that need no notice.
EDITORIAL_CATEGORIES = (
    "whitespace",
    "formatting",
    "punctuation",
    "case",
    "spelling",
    "link-target",
    "style",
    "reordering",
    "last-updated-date-only",
    "shorter-retention",
    "removed-recipient",
    "removed-destination",
    "duplicate-removed",
    "no-words",
    "contact-address",
    "contact-details",
    "grammar",
    "reported-figures",
    "catch-all-examples",
    "open-list-reworded",
    "page-label",
    "date-only",
    "page-metadata",
    "repeated-word",
    "re-paragraphed",
    "cross-reference",
    "heading-renamed",
)


@dataclass(frozen=True)
class Finding:
    """One rule's judgement of one change.

    Attributes:
        category: what kind of change it is (``new-recipient``, ``whitespace`` ...).
        material: whether readers must be notified before it takes effect.
        reason: one line a person can check, e.g. ``retention 'Log Data' longer: 12 months → 24 months``.
        section: id of the section the change is in, for text changes.
        fact: path of the fact, for fact changes.
    """

    category: str
    material: bool
    reason: str
    section: str | None = None
    fact: str | None = None


@dataclass(frozen=True)
class Verdict:
    """The findings for one change of a policy; material iff any finding is.

    Attributes:
        material: whether any finding is material.
        findings: every finding, in document order (text changes, then facts).
    """

    material: bool
    findings: tuple[Finding, ...]

    @property
    def categories(self) -> tuple[str, ...]:
        """The distinct categories of the findings, in order of first appearance."""
        return tuple(dict.fromkeys(finding.category for finding in self.findings))
