"""Examples added to a catch-all ("any manner (…, or otherwise)") are editorial; a limit is not."""

from __future__ import annotations

import pytest

from tests.classify.onesection import judged

CASES = [
    # (language, old body, new body, material)
    ("en", "Do not access the service in any way that harms others.",
     "Do not access the service in any way (by hand, with scripts, or otherwise) that harms others.", False),
    ("fr", "Vous ne devez pas utiliser le service de toute manière qui nuit aux autres.",
     "Vous ne devez pas utiliser le service de toute manière (à la main, par des scripts ou autrement) "
     "qui nuit aux autres.", False),
    ("en", "Do not access the service in any way that harms others.",
     "Do not access the service in any way (by hand, with scripts) that harms others.", True),
    ("en", "Do not access the service in any way that harms others.",
     "Do not access the service in any way (except with scripts, or otherwise) that harms others.", True),
    ("en", "Do not access the service in any way that harms others.",
     "Do not access the service in any way (only by hand, or otherwise) that harms others.", True),
    ("en", "Do not access the service in any way that harms others.",
     "Do not access the service in any way (by hand, or otherwise) that harms others or us.", True),
]


@pytest.mark.parametrize(("lang", "old", "new", "material"), CASES)
def test_catch_all_examples(lang: str, old: str, new: str, material: bool) -> None:
    """Only a parenthesis of examples closed by "or otherwise" after "any <word>", alone, is editorial."""
    title = "Conditions" if lang == "fr" else "Terms"
    verdict = judged(lang, "Conduct", old, new, title)
    assert verdict.material is material
    if not material:
        assert verdict.categories == ("catch-all-examples",)
