"""Replaced contact details and page labels (crawler furniture) are editorial; names stay material."""

from __future__ import annotations

import pytest

from tests.classify.onesection import judged

CASES = [
    # (language, heading, old body, new body, material, first category)
    ("en", "Your rights", "To delete your data, write to help@oldmail.example.",
     "To delete your data, write to privacy@newmail.example.", False, "contact-details"),
    ("en", "Contact", "Call our data team on +44 20 7946 0000 or write to dpo@alder.example.",
     "Call our data team on +44 20 7946 1111 or write to dpo@alder.example.", False, "contact-details"),
    ("de", "Ihre Rechte", "Schreiben Sie uns an alt@beispiel.example, wir antworten innerhalb eines Monats.",
     "Schreiben Sie uns an datenschutz@beispiel.example, wir antworten innerhalb eines Monats.",
     False, "contact-details"),
    ("en", "Your rights", "Write to help@oldmail.example within 30 days.",
     "Write to privacy@newmail.example within 60 days.", True, None),
    ("en", "Who we are", "Alder Ltd (dpo@alder.example) is the controller.",
     "Birch Ltd (dpo@birch.example) is the controller.", True, None),
    ("en", "Contact", "Alder Ltd  \n8 Harbour Street  \nDublin D02 X285",
     "Alder Ltd  \n88 Harbour Street  \nDublin D02 X285", False, "contact-details"),
    ("de", "Kontakt", "Alder GmbH  \nBeispielstraße 4  \n10115 Berlin",
     "Alder GmbH  \nBeispielstraße 14  \n10117 Berlin", False, "contact-details"),
    ("en", "Contact", "Alder Ltd  \n8 Harbour Street", "Birch Ltd  \n8 Harbour Street", True, None),
    ("en", "Contact", "Alder Ltd  \n8 Harbour Street  \nDublin", "Alder Ltd  \n8 Harbour Street  \nSingapore",
     True, None),
    ("en", "Contact", "Write to 8 Harbour Street; we answer within 30 days.",
     "Write to 8 Harbour Street; we answer within 60 days.", True, None),
    ("en", "Tracking", "We use cookies.", "We use cookies.\n\n_close_", False, "page-label"),
    ("en", "Tracking", "We use cookies.\n\nENTER A SUMMARY", "We use cookies.", False, "page-label"),
    ("fr", "Témoins", "Nous utilisons des témoins sur ce site.",
     "Nous utilisons des témoins sur ce site.\n\nfermer", False, "page-label"),
    ("fr", "Témoins", "Nous utilisons des témoins sur ce site.",
     "Nous utilisons des témoins sur ce site.\n\nFacebook Pixel", True, None),
    ("en", "Tracking", "We use cookies.", "We use cookies.\n\nFacebook Pixel", True, None),
    ("en", "Tracking", "We use cookies.", "We use cookies.\n\nGoogle", True, None),
    ("en", "Tracking", "We use cookies.\n\n[opt out](https://example.com/optout)", "We use cookies.",
     True, None),
    ("en", "Tracking", "We use cookies.\n\nnot applicable", "We use cookies.", True, None),
    ("en", "Tracking", "We use cookies.\n\nshared with partners", "We use cookies.", True, None),
    ("en", "Tracking", "We use cookies.\n\nthirty days", "We use cookies.", True, None),
]


@pytest.mark.parametrize(("lang", "heading", "old", "new", "material", "category"), CASES)
def test_rule(lang: str, heading: str, old: str, new: str, material: bool, category: str | None) -> None:
    """Only a replaced address or a page label is editorial; a name, a link, a number stays material."""
    title = {"de": "Datenschutz", "fr": "Confidentialité"}.get(lang, "Policy")
    verdict = judged(lang, heading, old, new, title)
    assert verdict.material is material
    if category:
        assert verdict.categories[0] == category
