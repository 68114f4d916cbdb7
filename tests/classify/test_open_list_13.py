"""A list's lead-in swapping one "open list" phrase for another is editorial; a closed list is not."""

from __future__ import annotations

import pytest

from redline.classify import classify
from redline.diff import diff_documents

DOC = "# {title}\n\n## {heading}\n\nWe may remove content. {lead}\n\n- spam\n- malware\n"

CASES = [
    # (language, old lead-in, new lead-in, material)
    ("en", "Forbidden content includes but is not limited to:", "Some examples of forbidden content:", False),
    ("de", "Verbotene Inhalte sind unter anderem:", "Verbotene Inhalte sind zum Beispiel:", False),
    ("en", "Forbidden content includes but is not limited to:", "Forbidden content is limited to:", True),
    ("en", "Forbidden content includes:", "Forbidden content includes but is not limited to:", True),
    ("en", "Some examples of forbidden content:", "Some examples of permitted content:", True),
    ("en", "Forbidden content includes but is not limited to:",
     "Forbidden content never includes, for example:", True),
]


@pytest.mark.parametrize(("lang", "old", "new", "material"), CASES)
def test_open_list_lead_in(lang: str, old: str, new: str, material: bool) -> None:
    """Only a swap between open-list phrases, with the same content words, is editorial."""
    title, heading = ("Regeln", "Inhalte") if lang == "de" else ("Terms", "Content")
    diff = diff_documents(DOC.format(title=title, heading=heading, lead=old),
                          DOC.format(title=title, heading=heading, lead=new))
    verdict = classify(diff.sections, layout=diff.layout, lang=lang)
    assert verdict.material is material
    if not material:
        assert verdict.categories == ("open-list-reworded",)
