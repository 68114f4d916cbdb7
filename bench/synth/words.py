"""Deterministic English-looking legal prose for synthetic policies."""

from __future__ import annotations

import random

_VOCABULARY = (
    "access account activity address agreement analysis applicable appropriate authority "
    "automated backup billing browser business categories communication compliance confidential "
    "consent contract controller cookies customer data database deletion delivery device "
    "disclosure documentation email encryption environment event features feedback identifier "
    "incident information infrastructure integration interest jurisdiction language legitimate "
    "limited location maintenance marketing measures message metadata monitoring necessary "
    "network notification obligation operations partner payment performance period personal "
    "platform preference processing profile protection provider purpose reasonable record "
    "regulation request required retention review rights safeguards security service session "
    "settings storage subscription support system technical terms third transfer transaction "
    "update usage user verification website workflow"
)
WORDS = tuple(_VOCABULARY.split())
GLUE = ("the", "of", "and", "to", "for", "with", "in", "by", "on", "our", "your", "any", "such", "where")
SECTION_TITLES = (
    "Scope", "Information We Collect", "How We Use Information", "Legal Bases", "Retention",
    "Sharing and Disclosure", "Security Measures", "Your Rights", "International Transfers",
    "Cookies and Similar Technologies", "Children", "Automated Decisions", "Contact",
)
POLICY_TITLES = (
    "Privacy Policy", "Cookie Policy", "Security Policy", "Acceptable Use Policy",
    "Terms of Service", "Data Processing Addendum", "Subprocessor Policy", "Retention Policy",
    "Vulnerability Disclosure Policy", "Accessibility Statement", "Community Guidelines",
    "Refund Policy", "Partner Terms", "API Terms", "Marketing Policy", "Employee Privacy Notice",
    "Candidate Privacy Notice", "Children's Privacy Notice", "Copyright Policy", "Law Enforcement Guidelines",
)
RECORDS = ("Account records", "Billing records", "Support tickets", "Server logs", "Consent records",
           "Backups", "Analytics events", "Marketing lists")
VENDOR_NAMES = ("Cloudline", "Paystream", "Mailhouse", "Helpdeskly", "Metricsy", "Storebox",
                "Signalry", "Translato", "Searchwell", "Backupia", "Voicenet", "Fraudguard")
COUNTRIES = ("US", "DE", "IE", "GB", "AE", "JP", "SG", "CA", "FR", "NL")


def words(rng: random.Random, count: int) -> list[str]:
    """``count`` words, mostly vocabulary with some glue words between them."""
    return [rng.choice(GLUE) if rng.random() < 0.3 else rng.choice(WORDS) for _ in range(count)]


def sentence(rng: random.Random, low: int = 8, high: int = 18) -> str:
    """One capitalised sentence ending with a full stop."""
    parts = words(rng, rng.randint(low, high))
    if len(parts) > 6 and rng.random() < 0.5:
        parts[rng.randint(2, len(parts) - 3)] += ","
    return " ".join(parts).capitalize() + "."


def paragraph(rng: random.Random, sentences: int = 3) -> str:
    """A few sentences joined by spaces."""
    return " ".join(sentence(rng) for _ in range(sentences))


def slug(text: str) -> str:
    """Lower-case, hyphenated ascii id.

    >>> slug("Children's Privacy Notice")
    'childrens-privacy-notice'
    """
    kept = "".join(c if c.isalnum() or c == " " else "" for c in text.lower())
    return "-".join(kept.split())
