"""A translation-only change is a change of that locale's policy: compared, classified, gated."""

from __future__ import annotations

import json

from tests.conftest import GitProject
from tests.gitcases import diff, replaced, start

SPANISH = "locales/es/LC_MESSAGES/messages.po"
ARABIC = "locales/ar/LC_MESSAGES/messages.po"
ES_SELL = ('msgstr "No vendemos sus datos personales.', 'msgstr "Vendemos sus datos personales.')
AR_SELL = ('msgstr "لا نبيع بياناتك الشخصية.', 'msgstr "نبيع بياناتك الشخصية.')
AR_STOP = ("في الحالات التالية:\"", "في الحالات التالية.\"")
GATE = ("privacy: material change (sections: sharing ({})), but the effective date is still 2026-02-01: "
        "set `effective: 2026-03-31` or later in policies/privacy.md")


def privacy_locales(project: GitProject) -> list[dict[str, object]]:
    """The JSON report's locales of privacy."""
    _, out, _ = diff(project, "--format", "json")
    policy = next(p for p in json.loads(out)["policies"] if p["id"] == "privacy")
    return [{k: loc[k] for k in ("locale", "sections", "material")} | {
        "reasons": [f["reason"] for f in loc["findings"]]} for loc in policy["locales"]]


def test_spanish_meaning_change_is_material_and_gated(git_project: GitProject) -> None:
    """Dropping "No" from a Spanish msgstr: material in Spanish, the gate fails naming the section."""
    start(git_project)
    git_project.write({SPANISH: replaced(git_project, SPANISH, *ES_SELL)})
    code, out, err = diff(git_project)
    assert code == 1
    # the classifier reads Spanish: it names the negation that went
    assert "    es  sharing — material: negation removed in '5. Cómo compartimos su información': " \
           "'no' [sharing]\n" in out
    assert err == "Error: notice gate: " + GATE.format("es") + "\n"


def test_arabic_meaning_change_is_material(git_project: GitProject) -> None:
    """The same change in Arabic (right to left) is material, with the reason in the report's JSON."""
    start(git_project)
    git_project.write({ARABIC: replaced(git_project, ARABIC, *AR_SELL)})
    assert privacy_locales(git_project) == [
        {"locale": "es", "sections": [], "material": False, "reasons": []},
        {"locale": "ar", "sections": ["sharing"], "material": True,
         "reasons": ["Arabic text changed meaning: needs legal review"]},
        {"locale": "ru", "sections": [], "material": False, "reasons": []},
    ]


def test_arabic_punctuation_fix_is_editorial(git_project: GitProject) -> None:
    """A punctuation fix in an Arabic msgstr is editorial: the gate passes."""
    start(git_project)
    git_project.write({ARABIC: replaced(git_project, ARABIC, *AR_STOP)})
    code, out, _ = diff(git_project)
    assert code == 0
    said = "punctuation or quote style only: 'التالية:' → 'التالية.'"
    assert f"    ar  sharing — editorial: {said} [sharing]\n" in out


def test_diff_without_arguments_compares_what_the_pull_request_shows(git_project: GitProject) -> None:
    """On a branch with a commit, `redline diff` compares with the merge-base, not with HEAD."""
    base = start(git_project)
    git_project.git("checkout", "-q", "-b", "translation")
    git_project.commit({SPANISH: replaced(git_project, SPANISH, *ES_SELL)}, "Spanish", "2026-02-25")
    code, out, _ = diff(git_project)
    assert code == 1
    assert out.splitlines()[0] == f"Comparing merge-base of main and HEAD ({base[:10]}) → working tree"


def test_diff_json_follows_its_schema(git_project: GitProject) -> None:
    """The JSON report of a translation-only change validates against redline/schemas/diff.schema.json."""
    from redline.load.schemas import validator

    start(git_project)
    git_project.write({ARABIC: replaced(git_project, ARABIC, *AR_SELL)})
    _, out, _ = diff(git_project, "--format", "json")
    document = json.loads(out)
    assert list(validator("diff.schema.json").iter_errors(document)) == []
    cookies = next(p for p in document["policies"] if p["id"] == "cookies")
    assert (cookies["status"], cookies["changed"], cookies["gate"]) == ("unchanged", False, "ok")



def test_a_translation_arriving_where_english_was_shown_is_no_new_meaning(git_project: GitProject) -> None:
    """A Spanish msgstr left empty (English shown, marked), then translated: compared, not material."""
    start(git_project)
    translated = git_project.read(SPANISH)
    sentence = 'msgstr "No vendemos sus datos personales. Solo compartimos información en las siguientes ' \
               'circunstancias:"'
    git_project.commit({SPANISH: replaced(git_project, SPANISH, sentence, 'msgstr ""')}, "Untranslated",
                       "2026-02-25")
    git_project.write({SPANISH: translated})
    code, out, _ = diff(git_project)
    assert code == 0
    assert "    es  sharing\n" in out
