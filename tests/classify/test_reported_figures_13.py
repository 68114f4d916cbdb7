"""Numbers in a statistics table are reports of the past; numbers in terms stay material."""

from __future__ import annotations

import pytest

from redline.classify import classify
from redline.diff import diff_documents

TABLE = ("# {title}\n\n## {heading}\n\n{lead}\n\n| {kind} | {count} |\n| --- | --- |\n"
         "| {row} | {a} |\n| {other} | 7 |\n")

EN = {"title": "Policy", "heading": "Request statistics", "lead": "Requests we received in 2030:",
      "kind": "Request", "count": "Received", "row": "Access", "other": "Deletion"}
ES = {"title": "Privacidad", "heading": "Estadísticas de solicitudes",
      "lead": "Solicitudes recibidas en 2030:",
      "kind": "Solicitud", "count": "Recibidas", "row": "Acceso", "other": "Supresión"}


def _verdict(fields: dict[str, str], old: str, new: str, lang: str) -> tuple[bool, tuple[str, ...]]:
    diff = diff_documents(TABLE.format(**fields, a=old), TABLE.format(**fields, a=new))
    verdict = classify(diff.sections, layout=diff.layout, lang=lang)
    return verdict.material, verdict.categories


@pytest.mark.parametrize(("fields", "lang"), [(EN, "en"), (ES, "es")])
def test_statistics_row_updated_is_editorial(fields: dict[str, str], lang: str) -> None:
    """A count in a table introduced as statistics changed alone: the report, not a term."""
    assert _verdict(fields, "1,204", "1,876", lang) == (False, ("reported-figures",))


def test_statistics_row_with_a_new_word_stays_material() -> None:
    """A word added next to the number is not a figure updated."""
    assert _verdict(EN, "1,204", "1,876 only", "en")[0]


def test_numbers_outside_statistics_stay_material() -> None:
    """The same change in a fees table is a new price."""
    fields = {**EN, "heading": "Plans", "lead": "Prices per year:"}
    assert _verdict(fields, "1,204", "1,876", "en")[0]


def test_retention_period_under_statistics_heading_stays_material() -> None:
    """A retention period is a term wherever it stands."""
    old = "# P\n\n## Usage statistics\n\nWe keep usage statistics for 12 months.\n"
    diff = diff_documents(old, old.replace("12 months", "24 months"))
    assert classify(diff.sections, layout=diff.layout).material


@pytest.mark.parametrize(("lead", "head", "old", "new"), [
    ("Our statistics are kept as follows:", "Kept for", "12 months", "24 months"),
    ("We received these requests:", "Fee", "5 EUR", "50 EUR"),
])
def test_terms_in_a_statistics_table_stay_material(lead: str, head: str, old: str, new: str) -> None:
    """A retention period or a fee in a table under a statistics heading is a term, not a report."""
    doc = f"# P\n\n## Request statistics\n\n{lead}\n\n| Type | {head} |\n| --- | --- |\n| Access | {{}} |\n"
    diff = diff_documents(doc.format(old), doc.format(new))
    assert classify(diff.sections, layout=diff.layout).material
