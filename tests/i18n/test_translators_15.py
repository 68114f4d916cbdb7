"""Translators' tools and any locale: re-wrapped catalogs, stable entries, interface words per locale."""

from __future__ import annotations

import difflib
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from redline.cli import main
from redline.i18n import ui
from redline.render.filters import duration
from tests.conftest import copy_example
from tests.paths import ROOT

ES = "locales/es/LC_MESSAGES/messages.po"
MSGCAT = shutil.which("msgcat")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the example project (working tree only)."""
    return copy_example(tmp_path / "project")


def run(project: Path, *args: str) -> tuple[int, str]:
    """Run the redline command in ``project``; return exit code and output."""
    result = CliRunner().invoke(main, [*args, "--project", str(project)])
    return result.exit_code, result.output


@pytest.mark.skipif(MSGCAT is None, reason="needs GNU gettext's msgcat (Debian package gettext)")
def test_catalog_rewrapped_by_msgcat_is_up_to_date_and_left_alone(project: Path) -> None:
    """After ``msgcat -w 79`` (what Poedit and Weblate do) --check passes and update keeps the file."""
    original = (project / ES).read_bytes()
    subprocess.run([str(MSGCAT), "-w", "79", ES, "-o", ES], cwd=project, check=True)
    rewrapped = (project / ES).read_bytes()
    assert (run(project, "i18n", "update", "--check"), run(project, "i18n", "update"),
            (project / ES).read_bytes() == rewrapped,
            rewrapped.count(b"\n") > original.count(b"\n") + 100) == (
        (0, ""),
        (0, "locales/es/LC_MESSAGES/messages.po: up to date\nlocales/ar/LC_MESSAGES/messages.po: up to date\n"
            "locales/ru/LC_MESSAGES/messages.po: up to date\n"), True, True)


def test_new_paragraph_adds_one_entry_and_moves_no_other(project: Path) -> None:
    """Adding a paragraph changes each catalog by that one entry; --check names every stale catalog."""
    before = (project / ES).read_text(encoding="utf-8").splitlines()
    policy = project / "policies/privacy.md"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text.replace("\n## ", "\nWe added this paragraph.\n\n## ", 1), encoding="utf-8")
    check = run(project, "i18n", "update", "--check")
    update = run(project, "i18n", "update")
    after = (project / ES).read_text(encoding="utf-8").splitlines()
    changes = [line for line in difflib.unified_diff(before, after, lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert (check, update, [line[:21] for line in changes[:2]], changes[2:]) == (
        (1, "locales/es/LC_MESSAGES/messages.po: out of date (1 new)\n"
            "locales/ar/LC_MESSAGES/messages.po: out of date (1 new)\n"
            "locales/ru/LC_MESSAGES/messages.po: out of date (1 new)\n"
            "Error: 3 catalogs out of date; run `redline i18n update`\n"),
        (0, "locales/messages.pot: written (204 entries)\n"
            "locales/es/LC_MESSAGES/messages.po: 1 new\nlocales/ar/LC_MESSAGES/messages.po: 1 new\n"
            "locales/ru/LC_MESSAGES/messages.po: 1 new\n"),
        ['-"POT-Creation-Date: ', '+"POT-Creation-Date: '],
        ["+#. Markdown paragraph, section #privacy-policy.", '+msgid "We added this paragraph."',
         '+msgstr ""', "+"])


def test_language_names_come_from_cldr() -> None:
    """A language is named in its own words, whichever locales Redline ships words for."""
    assert [ui.language_name(code) for code in ("de", "fr", "it", "ja", "ar")] == [
        "Deutsch", "Français", "Italiano", "日本語", "العربية"]


def test_german_unit_phrase_takes_the_case_the_translation_asks_for() -> None:
    """``duration(form="dative")`` gives "30 Tagen"; without a form, or without one in a locale, CLDR's."""
    assert [duration("P30D", locale="de"), duration("P30D", form="dative", locale="de"),
            duration("P1D", form="dative", locale="de"), duration("P12M", form="dative", locale="de"),
            duration("P30D", form="dative", locale="fr")] == [
        "30 Tage", "30 Tagen", "1 Tag", "12 Monaten", "30\u00a0jours"]


def test_locale_without_interface_words_is_a_finding_and_stops_the_build(project: Path) -> None:
    """Italian (no shipped words) is reported by check, refused by build, and ``i18n ui`` starts it."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("[en, es, ar, ru]", "[en, es, it]"),
                      encoding="utf-8")
    italian = project / "locales/it/LC_MESSAGES"
    italian.mkdir(parents=True)
    shutil.copy2(project / ES, italian / "messages.po")
    code, output = run(project, "check")
    build = run(project, "build", "--no-history", "--site-dir", str(project / "site"))
    written = run(project, "i18n", "ui", "it")
    assert (code, output.splitlines()[-3:], build[0], build[1].splitlines()[0][:76], written) == (
        1, ["locales/it/LC_MESSAGES/redline.po: 94 of Redline's interface words missing in it "
            "(added, all_versions, archived_notice, …)",
            "  fix: `redline i18n ui it` writes the catalog to translate", "Error: 1 problem found"],
        2, "Error: locales/it/LC_MESSAGES/redline.po: 94 interface words missing in it (",
        (0, "locales/it/LC_MESSAGES/redline.po: 94 words, 94 to translate\n"))


def test_project_catalog_overrides_a_shipped_word(project: Path) -> None:
    """A word in the project's ``redline.po`` replaces Redline's, in that locale only."""
    assert run(project, "i18n", "ui", "es")[0] == 0
    catalog = project / "locales/es/LC_MESSAGES/redline.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgstr "Todas las versiones"', 'msgstr "Versiones anteriores"'),
                       encoding="utf-8")
    assert (ui.text("es", "all_versions"), ui.text("ar", "all_versions") != "Versiones anteriores") == (
        "Versiones anteriores", True)


def test_every_shipped_language_has_every_interface_word() -> None:
    """A word added in English is translated in every language Redline ships, or this fails."""
    assert {code: ui.missing(code) for code in ("es", "ar", "ru", "de", "fr")} == {
        "es": [], "ar": [], "ru": [], "de": [], "fr": []}


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext's msgfmt (Debian: gettext)")
@pytest.mark.parametrize("code", ["en", "es", "ar", "ru", "de", "fr"])
def test_shipped_catalogs_pass_msgfmt_format_checks(code: str) -> None:
    """``msgfmt -c`` accepts each shipped catalog: every ``{field}`` of the English is kept."""
    path = ROOT / "redline" / "locale" / code / "LC_MESSAGES" / "redline.po"
    result = subprocess.run([str(shutil.which("msgfmt")), "-c", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True, check=False)
    complaints = [line for line in result.stderr.splitlines() if "Last-Translator" not in line]
    assert (result.returncode, complaints) == (0, [])
