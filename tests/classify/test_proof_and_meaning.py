"""Editorial by proof and the meaning rules, in English and in other languages (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from redline.classify import classify
from redline.classify.languages import document_language
from redline.cli import main
from redline.diff import diff_documents
from tests.classify.onesection import judged

CASES = [
    # (language, heading, old body, new body, material, category)
    ("en", "Sharing", "We share data with Acme , and Beta.", "We share data with Acme, and Beta.",
     False, "punctuation"),
    ("en", "Sharing", "We never sell data.\u200d", "We never sell data.", False, "style"),
    ("en", "Identity & access", "Text.", "Text.", False, None),
    ("en", "Sharing", "We do not sell your data.", 'We do <span class="md-toggle">not</span> sell your data.',
     True, "restyling-markup"),
    ("en", "Notes", "We never sell data.", "We never seal data.", True, "unexplained"),
    # still excluded in other words: no "no longer excluded" reason that contradicts the text
    ("en", "Sharing", "We don't sell your data.", "We never sell your data.", True, "meaning-word"),
    ("en", "Sharing", "We do not sell your data.", "We sell your data.", True, "new-recipient"),
    ("en", "Retention", "We retain logs.", "We retrain logs.", True, "unexplained"),
    ("en", "Notes", "Data about demographical groups.", "Data about demographic groups.", False, "spelling"),
    ("en", "Notes", "Copies will be sent to you.", "Copies may be sent to you.", True, "meaning-word"),
    ("en", "DNS", "For some users in the United States, we route requests to a resolver.",
     "For some users, we route requests to a resolver.", True, "qualifier-removed"),
    ("en", "Hosting", "Our servers are in the US, UK and EU.", "Our servers are in the US and EU.",
     False, "removed-destination"),
    ("en", "Notes", "Terms last updated on July 10, 2024.", "Terms last updated on August 2, 2024.",
     False, "last-updated-date-only"),
    ("en", "Notes", "Effective as of 12 June 2026", "Effective as of 1 July 2026", False, "date-only"),
    ("en", "Notes", "Version 4.2.0", "Version 4.2.1", False, "date-only"),
    ("en", "Notes", "Last updated March 1, 2024. Logs are kept 30 days.",
     "Last updated May 2, 2024. Logs are kept 60 days.", True, "longer-retention"),
    ("en", "Notes", "The EU and and the UK.", "The EU and the UK.", False, "repeated-word"),
    ("es", "Datos", "No vendemos sus datos.", "Vendemos sus datos.", True, "meaning-word"),
    ("es", "Datos", "Los datos se envían solo en España.", "Los datos se envían.", True, "meaning-word"),
    ("es", "Datos", "Enviamos datos en España.", "Enviamos datos.", True, "qualifier-removed"),
    ("es", "Datos", "Los  datos “personales” se guardan.", 'Los datos "personales" se guardan.',
     False, "punctuation"),
    ("es", "Datos", "Última actualización: 3 de marzo de 2026", "Última actualización: 9 de abril de 2026",
     False, "date-only"),
    ("de", "Daten", "Wir können Daten teilen.", "Wir werden Daten teilen.", True, "meaning-word"),
    ("de", "Daten", "Zuletzt aktualisiert: 3. März 2026", "Zuletzt aktualisiert: 9. April 2026",
     False, "date-only"),
    ("de", "Daten", "Wir nutzen Google & Microsoft.", "Wir nutzen Google und Microsoft.", False, "style"),
    ("en", "Sub-processors", "We use these vendors.",
     "*Last updated: July 18, 2022*\n\nWe use these vendors.", False, "date-only"),
    ("es", "Encargados", "Usamos estos proveedores.",
     "*Última actualización: 18 de julio de 2022*\n\nUsamos estos proveedores.", False, "date-only"),
    ("fr", "Partage", "Nous ne vendons pas vos données.", "Nous vendons vos données.", True, "meaning-word"),
    ("fr", "Partage", "Dernière mise à jour : 3 mars 2026", "Dernière mise à jour : 9 avril 2026",
     False, "date-only"),
    ("fr", "Partage", "Nous partageons vos données uniquement en France.", "Nous partageons vos données.",
     True, "meaning-word"),
    ("ja", "データ", "データを販売しません。", "データを販売します。", True, "unexplained"),
]


@pytest.mark.parametrize(("lang", "heading", "old", "new", "material", "category"), CASES)
def test_rule(lang: str, heading: str, old: str, new: str, material: bool, category: str | None) -> None:
    """Each rule gives its verdict and category on a one-block change, in its language."""
    verdict = judged(lang, heading, old, new)
    assert (verdict.material, verdict.categories[:1]) == (material, (category,) if category else ())


def test_front_matter_dates_and_settings_are_editorial() -> None:
    """A date or a layout number in the front matter is a page setting, not policy text."""
    old = "---\ntitle: Privacy\nlastmod: 2024-01-02\ntop_graphic: 4\n---\n\nText.\n"
    new = "---\ntitle: Privacy\nlastmod: 2024-03-05\n---\n\nText.\n"
    diff = diff_documents(old, new)
    verdict = classify(diff.sections, layout=diff.layout)
    assert (verdict.material, verdict.categories) == (False, ("page-metadata",))


def test_front_matter_title_is_text() -> None:
    """A new title in the front matter is judged as wording: material unless explained."""
    diff = diff_documents("---\ntitle: Privacy\n---\n\nText.\n", "---\ntitle: Data sales\n---\n\nText.\n")
    assert classify(diff.sections, layout=diff.layout).material


def test_exact_duplicate_removed() -> None:
    """Removing one of two identical paragraphs is editorial; the words stay in the text."""
    para = "We transfer data only under standard contractual clauses."
    old = f"# P\n\n## A\n\n{para}\n\n## B\n\n{para}\n"
    new = f"# P\n\n## A\n\n{para}\n\n## B\n"
    diff = diff_documents(old, new)
    assert classify(diff.sections, layout=diff.layout).categories == ("duplicate-removed",)


def test_item_removed_from_a_negated_list_is_no_duplicate() -> None:
    """An item struck from a list under a negated heading ("Not shared") widens sharing, even
    when the same item stays in another list."""
    head = "# P\n\n## Shared\n\nWe share with:\n\n- Advertisers\n\n## Not shared\n\nWe never share with:\n"
    old, new = head + "\n- Advertisers\n", head
    diff = diff_documents(old, new)
    assert classify(diff.sections, layout=diff.layout).material


def test_paragraphs_joined_are_editorial() -> None:
    """Two paragraphs joined into one, same words, is one re-paragraphed finding."""
    old = "# P\n\n## A\n\nWe keep logs.\n\nWe delete them after a year.\n"
    new = "# P\n\n## A\n\nWe keep logs. We delete them after a year.\n"
    diff = diff_documents(old, new)
    assert classify(diff.sections, layout=diff.layout).categories == ("re-paragraphed",)


def test_language_from_front_matter_or_words() -> None:
    """The language comes from the front matter's lang, else from the text's common words."""
    assert document_language("---\nlang: fr\n---\nHello") == "fr"
    assert document_language("Wir verarbeiten Ihre Daten nur für den Vertrag und nicht für Werbung.") == "de"


def test_compare_lang_option(tmp_path: Path) -> None:
    """`redline compare --lang es` judges Spanish negation as material, in JSON."""
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text("# P\n\nNo vendemos sus datos.\n", encoding="utf-8")
    new.write_text("# P\n\nVendemos sus datos.\n", encoding="utf-8")
    args = ["compare", "--lang", "es", "--format", "json", str(old), str(new)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0
    assert '"material": true' in result.output and "meaning-word" in result.output


REFS = (
    "# T\n\n## 1. Use\n\nYou may be suspended under {ref}.\n\n"
    "## {a} Suspension\n\nText.\n\n## {b} Fees\n\nText.\n"
)


@pytest.mark.parametrize(
    ("old", "new", "material"),
    [
        # The clause was renumbered and the reference follows it.
        (REFS.format(ref="Article 2", a="2.", b="3."), REFS.format(ref="Article 3", a="3.", b="4."), False),
        # A reference to a clause that did not exist now names one that does.
        (REFS.format(ref="Article 9", a="2.", b="3."), REFS.format(ref="Article 2", a="2.", b="3."), False),
        # The reference now names another existing clause: other rules apply.
        (REFS.format(ref="Article 2", a="2.", b="3."), REFS.format(ref="Article 3", a="2.", b="3."), True),
        (REFS.format(ref="artículo 2", a="2.", b="3."), REFS.format(ref="artículo 3", a="3.", b="4."), False),
        (REFS.format(ref="artículo 2", a="2.", b="3."), REFS.format(ref="artículo 3", a="2.", b="3."), True),
    ],
)
def test_cross_reference_follows_numbering(old: str, new: str, material: bool) -> None:
    """A cross-reference that follows the document's numbering is editorial; one that
    points at another existing clause is not."""
    diff = diff_documents(old, new)
    assert classify(diff.sections, layout=diff.layout, lang="es").material is material


@pytest.mark.parametrize(
    ("lang", "old", "new", "material", "category"),
    [
        ("en", "Cookies", "Cookies and similar technologies", False, "heading-renamed"),
        ("en", "Sharing", "Sharing with Acme Analytics", True, "new-recipient"),
        ("es", "Cookies", "Cookies y tecnologías similares", False, "heading-renamed"),
        ("es", "Datos que no vendemos", "Datos que vendemos", True, "meaning-word"),
    ],
)
def test_heading_renamed(lang: str, old: str, new: str, material: bool, category: str) -> None:
    """A reworded heading over unchanged text is editorial, unless it names a recipient
    or drops a negation."""
    body = "# P\n\n## {}\n\nText under it.\n"
    diff = diff_documents(body.format(old), body.format(new))
    verdict = classify(diff.sections, layout=diff.layout, lang=lang)
    assert (verdict.material, verdict.categories[:1]) == (material, (category,))
