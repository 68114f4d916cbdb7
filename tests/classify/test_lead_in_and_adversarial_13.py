"""A list's lead-in paragraph decides its meaning; removals that widen scope stay material (issue 13)."""

from __future__ import annotations

import pytest

from redline.classify import classify
from redline.diff import diff_documents

LIST = "# Policy\n\n## {heading}\n\n{lead}\n\n- Alder Analytics\n- Birchwood Mail\n- Cedar Payments\n"


def _verdict(old: str, new: str, lang: str = "en") -> tuple[bool, tuple[str, ...]]:
    diff = diff_documents(old, new)
    verdict = classify(diff.sections, layout=diff.layout, lang=lang)
    return verdict.material, verdict.categories


LEADS = [
    # (language, heading, lead-in paragraph, material when an item is struck)
    ("en", "Recipients", "We share your personal data with:", False),
    ("en", "Recipients", "We never share your personal data with:", True),
    ("en", "Recipients", "We do not sell your data. We share it with these providers:", False),
    ("en", "Recipients", "We share your personal data with every partner except:", True),
    ("de", "Empfänger", "Wir geben Ihre Daten an folgende Empfänger weiter:", False),
    ("de", "Empfänger", "Wir geben Ihre Daten niemals an folgende Empfänger weiter:", True),
    ("fr", "Destinataires", "Nous ne partageons jamais vos données avec :", True),
    ("es", "Destinatarios", "Nunca compartimos sus datos con:", True),
]


@pytest.mark.parametrize(("lang", "heading", "lead", "material"), LEADS)
def test_item_struck_under_a_lead_in(lang: str, heading: str, lead: str, material: bool) -> None:
    """Striking a recipient narrows sharing, unless the list's lead-in says whom data is *not* shared with."""
    old = LIST.format(heading=heading, lead=lead)
    new = old.replace("- Birchwood Mail\n", "")
    is_material, categories = _verdict(old, new, lang)
    assert is_material is material
    if not material:
        assert categories == ("removed-recipient",)


DOC = "# Policy\n\n## {heading}\n\n{body}\n"

ADVERSARIAL = [
    # (heading, old body, new body): each removal widens what is done with data or cuts a right
    ("Sharing", "We share your data only with our payment processor.",
     "We share your data with our payment processor."),
    ("Sale of data", "We do not sell your personal data.", "We do sell your personal data."),
    ("Marketing", "We send newsletters.\n\nYou can opt out of newsletters at any time in your settings.",
     "We send newsletters."),
    ("Retention", "We keep server logs.\n\nServer logs are deleted after 30 days.", "We keep server logs."),
    ("Recipients", "We share data with:\n\n- Alder Analytics, only for fraud checks",
     "We share data with:\n\n- Alder Analytics"),
]


@pytest.mark.parametrize(("heading", "old", "new"), ADVERSARIAL)
def test_adversarial_removals_stay_material(heading: str, old: str, new: str) -> None:
    """A removed "only", "not", opt-out paragraph, retention limit or item qualifier is material."""
    material, _ = _verdict(DOC.format(heading=heading, body=old), DOC.format(heading=heading, body=new))
    assert material
