"""A grammar fix between two confusable real words is editorial; any other word swap is not."""

from __future__ import annotations

import pytest

from tests.classify.onesection import judged

CASES = [
    # (language, old body, new body, material)
    ("en", "The supplier meets it duties.", "The supplier meets its duties.", False),
    ("en", "Customers keep there data in their region.", "Customers keep their data in their region.", False),
    ("en", "Your responsible for you're password.", "You're responsible for your password.", False),
    ("de", "Wir stellen sicher, das Ihre Daten verschlüsselt werden.",
     "Wir stellen sicher, dass Ihre Daten verschlüsselt werden.", False),
    ("fr", "Le client a accès a son compte.", "Le client a accès à son compte.", False),
    ("en", "We never sell your data.", "We never seal your data.", True),
    ("en", "The supplier meets its duties.", "The supplier meets no duties.", True),
    ("en", "We keep it for a month.", "We keep them for a year.", True),
    ("es", "Si usted acepta, compartimos sus datos.", "Sí usted acepta, compartimos sus datos.", True),
]


@pytest.mark.parametrize(("lang", "old", "new", "material"), CASES)
def test_confusable_words(lang: str, old: str, new: str, material: bool) -> None:
    """Only a swap within a listed confusable pair of the text's language is a grammar fix."""
    title = {"de": "Datenschutz", "fr": "Confidentialité", "es": "Privacidad"}.get(lang, "Policy")
    verdict = judged(lang, "Terms", old, new, title)
    assert verdict.material is material
    if not material:
        assert verdict.categories == ("grammar",)
