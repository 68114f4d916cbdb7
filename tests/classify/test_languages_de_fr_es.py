"""German, French and Spanish are judged with their own words; other languages conservatively."""

from __future__ import annotations

import pytest

from redline.classify.languages import SUPPORTED
from tests.classify.onesection import judged

CASES = [
    # (language, heading, old body, new body, material, first category)
    # a negation removed
    ("de", "Weitergabe", "Wir geben Ihre Kontaktdaten niemals an Werbefirmen.",
     "Wir geben Ihre Kontaktdaten an Werbefirmen.", True, "meaning-word"),
    ("fr", "Partage", "Nous ne louons jamais votre adresse électronique.",
     "Nous louons votre adresse électronique.", True, "meaning-word"),
    ("es", "Cesión", "Nunca cedemos su número de teléfono a anunciantes.",
     "Cedemos su número de teléfono a anunciantes.", True, "meaning-word"),
    # a modal verb changed: may -> must
    ("de", "Konto", "Sie können Ihr Konto jederzeit schließen.",
     "Sie müssen Ihr Konto jederzeit schließen.", True, "meaning-word"),
    ("fr", "Compte", "Vous pouvez fermer votre compte à tout moment.",
     "Vous devez fermer votre compte à tout moment.", True, "meaning-word"),
    ("es", "Cuenta", "Usted puede cerrar su cuenta en cualquier momento.",
     "Usted debe cerrar su cuenta en cualquier momento.", True, "meaning-word"),
    # a qualifier removed: the statement reaches further
    ("de", "Hinweise", "Wir senden Hinweise per Post, sofern Sie zustimmen.",
     "Wir senden Hinweise per Post.", True, "qualifier-removed"),
    ("fr", "Avis", "Nous envoyons des avis par courrier, sauf opposition de votre part.",
     "Nous envoyons des avis par courrier.", True, "qualifier-removed"),
    ("es", "Avisos", "Enviamos avisos por correo postal, salvo que usted se oponga.",
     "Enviamos avisos por correo postal.", True, "qualifier-removed"),
    # punctuation, quotes or whitespace only
    ("de", "Hinweise", 'Wir senden  "Hinweise" per Post.', "Wir senden „Hinweise“ per Post.",
     False, "punctuation"),
    ("fr", "Avis", "Nous envoyons des « avis » par courrier .", "Nous envoyons des « avis » par courrier.",
     False, "punctuation"),
    ("es", "Avisos", "Enviamos avisos  por correo.", "Enviamos avisos por correo.", False, "whitespace"),
    # a verified spelling fix: a non-word of the language made a word of it (pyspellchecker's
    # word lists; they hold some frequent misspellings, "coreo" say, which then stay material)
    ("de", "Hinweise", "Ohne Ihre Einwiligung senden wir nichts.",
     "Ohne Ihre Einwilligung senden wir nichts.", False, "spelling"),
    ("fr", "Avis", "Nous envoyons des avis par couriier.", "Nous envoyons des avis par courrier.",
     False, "spelling"),
    ("es", "Avisos", "Enviamos avisos a su direcion postal.", "Enviamos avisos a su dirección postal.",
     False, "spelling"),
    # a shorter retention period under the language's retention heading
    ("de", "Speicherdauer", "Protokolle werden 24 Monate gespeichert.",
     "Protokolle werden 12 Monate gespeichert.", False, "shorter-retention"),
    ("fr", "Durée de conservation", "Les journaux sont conservés 24 mois.",
     "Les journaux sont conservés 12 mois.", False, "shorter-retention"),
    ("es", "Plazo de conservación", "Los registros se conservan 24 meses.",
     "Los registros se conservan 12 meses.", False, "shorter-retention"),
    ("de", "Speicherdauer", "Protokolle werden 12 Monate gespeichert.",
     "Protokolle werden 24 Monate gespeichert.", True, "longer-retention"),
    # a recipient struck from a list; not when the list says whom data is not given to
    ("de", "Empfänger", "Wir geben Daten weiter an:\n\n- Acme GmbH\n- Beta AG",
     "Wir geben Daten weiter an:\n\n- Acme GmbH", False, "removed-recipient"),
    ("fr", "Destinataires", "Nous partageons vos données avec :\n\n- Acme SAS\n- Beta SARL",
     "Nous partageons vos données avec :\n\n- Acme SAS", False, "removed-recipient"),
    ("es", "Destinatarios", "Compartimos sus datos con:\n\n- Acme S.A.\n- Beta S.L.",
     "Compartimos sus datos con:\n\n- Acme S.A.", False, "removed-recipient"),
    ("de", "Empfänger", "Wir geben Ihre Daten nicht weiter an:\n\n- Acme GmbH\n- Beta AG",
     "Wir geben Ihre Daten nicht weiter an:\n\n- Acme GmbH", True, "unexplained"),
    ("es", "Destinatarios", "Nunca compartimos sus datos con:\n\n- Acme S.A.\n- Beta S.L.",
     "Nunca compartimos sus datos con:\n\n- Acme S.A.", True, "unexplained"),
    # a place struck from where data is stored (named in the language), or a new one added
    ("de", "Übermittlung in Drittländer", "Wir speichern Daten in Deutschland und Indien.",
     "Wir speichern Daten in Deutschland.", False, "removed-destination"),
    ("de", "Übermittlung in Drittländer", "Wir speichern Daten in Deutschland.",
     "Wir speichern Daten in Deutschland und Indien.", True, "new-transfer-destination"),
    # a word swapped for another real word is no spelling fix
    ("de", "Konten", "Wir löschen Konten nach einem Jahr.", "Wir lösen Konten nach einem Jahr.",
     True, "unexplained"),
    ("es", "Datos", "Conservamos los datos.", "Conversamos los datos.", True, "unexplained"),
]


@pytest.mark.parametrize(("lang", "heading", "old", "new", "material", "category"), CASES)
def test_each_language_reads_its_own_words(lang: str, heading: str, old: str, new: str, material: bool,
                                           category: str) -> None:
    """Negations, modals and qualifiers are material, form and verified spelling editorial, per language."""
    verdict = judged(lang, heading, old, new, title="P")
    assert (verdict.material, verdict.categories[:1]) == (material, (category,))


@pytest.mark.parametrize(("old", "new", "material", "category"), [
    ("Conserviamo i dati per sempre.", "Non conserviamo i dati.", True, "unexplained"),
    ("Conserviamo  i dati.", "Conserviamo i dati.", False, "whitespace"),
    ("Conserviamo i datti.", "Conserviamo i dati.", True, "unexplained"),
])
def test_a_language_without_word_lists_is_judged_conservatively(old: str, new: str, material: bool,
                                                                category: str) -> None:
    """Italian has no word lists: a change of words is material, only form changes are editorial."""
    assert "it" not in SUPPORTED
    verdict = judged("it", "Dati", old, new, title="P")
    assert (verdict.material, verdict.categories[:1]) == (material, (category,))
