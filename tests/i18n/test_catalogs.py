"""Catalogs: block extraction, the pybabel cycle, placeholders, fuzzy entries, coverage."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner

from redline.cli import main
from tests.conftest import copy_example
from tests.paths import ROOT

PYBABEL = str(Path(sys.executable).with_name("pybabel"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the example project."""
    return copy_example(tmp_path / "project")


def run(project: Path, *args: str) -> tuple[int, str]:
    """Run the redline command in ``project``; return exit code and output."""
    result = CliRunner().invoke(main, [*args, "--project", str(project)])
    return result.exit_code, result.output


def edit_po(path: Path, msgid: str, *, string: str | None = None, fuzzy: bool | None = None) -> None:
    """Change one entry of a catalog the way a translator's editor would."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    message = catalog[msgid]
    assert message is not None, msgid
    if string is not None:
        message.string = string
    if fuzzy is not None:
        message.flags = {"fuzzy"} if fuzzy else set()
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0)


def source_line(path: Path, start: str) -> int:
    """The 1-based number of the first line of ``path`` starting with ``start``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if text.startswith(start))


def test_pybabel_extract_finds_every_block(project: Path) -> None:
    """`pybabel extract` with our babel.cfg yields headings, paragraphs, items, rows and data strings."""
    pot = project / "out.pot"
    subprocess.run(
        [PYBABEL, "-q", "extract", "-F", "locales/babel.cfg", "-o", str(pot), "--ignore-dirs",
         ".* site", "."], cwd=project, check=True,
    )
    with pot.open("rb") as handle:
        catalog = read_po(handle)
    ids = {m.id for m in catalog if m.id}
    assert "1. Data Controller" in ids  # heading, its { #id } kept out
    assert "Privacy Policy" in ids  # front matter title
    assert "Cloud Infrastructure" in ids  # x-translatable data string
    assert any(i.startswith("**Log Data:** Retained for up to {{ retention.logs | duration }}") for i in ids)
    assert not any("{ #" in i for i in ids)
    assert "{{ company.legal_name }}" not in ids  # nothing to translate in a bare placeholder
    rows = [m for m in catalog if m.id and " | " in str(m.id)]
    assert rows, "table rows are units too"


def test_extracted_entries_name_their_section_not_a_line(project: Path) -> None:
    """Each entry names its section (a stable id), with no ``#:`` line that shifts when text is added."""
    code, _ = run(project, "i18n", "extract")
    assert code == 0
    with (project / "locales/messages.pot").open("rb") as handle:
        catalog = read_po(handle)
    message = catalog["1. Data Controller"]
    assert message is not None
    assert (message.locations, message.auto_comments) == ([], ["Markdown heading, section #controller."])


def test_pybabel_update_and_compile_cycle(project: Path) -> None:
    """The standard extract → update → compile cycle works on our catalogs."""
    policy = project / "policies/privacy.md"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text.replace("Develop new features and services.",
                                   "Develop new features, products and services."), encoding="utf-8")
    assert run(project, "i18n", "update")[0] == 0
    with (project / "locales/es/LC_MESSAGES/messages.po").open("rb") as handle:
        catalog = read_po(handle)
    changed = catalog["- Develop new features, products and services."[2:]]
    assert changed is not None and changed.fuzzy
    subprocess.run([PYBABEL, "-q", "compile", "-d", "locales"], cwd=project, check=True)
    assert (project / "locales/es/LC_MESSAGES/messages.mo").is_file()


def test_update_check_reports_stale_catalogs(project: Path) -> None:
    """`redline i18n update --check` exits 1 after a policy changed and writes nothing."""
    assert run(project, "i18n", "update")[0] == 0
    assert run(project, "i18n", "update", "--check")[0] == 0
    po = project / "locales/ru/LC_MESSAGES/messages.po"
    before = po.read_bytes()
    policy = project / "policies/security.md"
    policy.write_text(policy.read_text(encoding="utf-8") + "\nA brand new paragraph.\n", encoding="utf-8")
    code, _ = run(project, "i18n", "update", "--check")
    assert code == 1
    assert po.read_bytes() == before


def test_fuzzy_entry_fails_render_naming_block_and_catalog(project: Path) -> None:
    """A fuzzy entry is untranslated: render fails naming the block and the catalog line."""
    po = project / "locales/es/LC_MESSAGES/messages.po"
    edit_po(po, "1. Data Controller", fuzzy=True)
    code, output = run(project, "render", "privacy", "--locale", "es")
    assert code == 2
    line = next(n for n, text in enumerate(po.read_text(encoding="utf-8").splitlines(), 1)
                if text == 'msgid "1. Data Controller"')
    heading = source_line(project / "policies/privacy.md", "## 1. Data Controller")
    assert output.splitlines()[0] == (
        f"Error: policies/privacy.md:{heading}: '1. Data Controller' is fuzzy in "
        f"locales/es/LC_MESSAGES/messages.po:{line}"
    )


def test_allow_fallback_shows_english_marked(project: Path) -> None:
    """With --allow-fallback a missing entry is shown in English, marked with lang="en"."""
    po = project / "locales/es/LC_MESSAGES/messages.po"
    edit_po(po, "1. Data Controller", string="")
    code, output = run(project, "render", "privacy", "--locale", "es", "--allow-fallback")
    assert code == 0
    assert ('## <span class="redline-fallback" lang="en" dir="ltr">1. Data Controller</span>'
            " { #controller }") in output.splitlines()


def test_placeholder_dropped_is_an_error_naming_the_po_line(project: Path) -> None:
    """A translation that drops a {{ … }} placeholder fails with the .po file and line."""
    po = project / "locales/ru/LC_MESSAGES/messages.po"
    msgid = next(m.id for m in read_po(po.open("rb")) if m.id and "{{ retention.logs | duration }}" in m.id)
    edit_po(po, msgid, string="Журналы хранятся 12 месяцев.")
    line = next(n for n, text in enumerate(po.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("msgid ") and "retention.logs" in text)
    code, output = run(project, "render", "privacy", "--locale", "ru")
    assert code == 2
    assert output.splitlines() == [
        f"Error: locales/ru/LC_MESSAGES/messages.po:{line}: translation drops "
        "{{ retention.logs | duration }}",
        "  fix: keep every {{ … }} of the msgid in the msgstr, exactly as written",
    ]


def test_placeholder_added_is_reported_by_check(project: Path) -> None:
    """`redline check` lists a translation that adds a placeholder, and exits 1."""
    po = project / "locales/ar/LC_MESSAGES/messages.po"
    edit_po(po, "1. Data Controller", string="1. مراقب البيانات {{ company.brand }}")
    code, output = run(project, "check")
    assert code == 1
    assert "translation adds {{ company.brand }}" in output.splitlines()[0]


def test_status_prints_coverage_per_locale_and_policy() -> None:
    """`redline i18n status` prints the whole coverage table of the example (all complete)."""
    from tests.golden import check_golden

    code, output = run(ROOT, "i18n", "status")
    assert code == 0
    check_golden(ROOT / "tests/golden/i18n/status.txt", output)
    assert all(line.endswith("100.0%") for line in output.splitlines()[1:])


def test_status_counts_fuzzy_as_untranslated(project: Path) -> None:
    """A fuzzy entry is counted as fuzzy, not translated, in that locale and policy only."""
    edit_po(project / "locales/es/LC_MESSAGES/messages.po", "1. Data Controller", fuzzy=True)
    code, output = run(project, "i18n", "status")
    assert code == 0
    rows = {tuple(line.split()[:2]): line.split()[2:] for line in output.splitlines()[1:]}
    translated, fuzzy, missing, done = rows[("es", "privacy")]
    assert (int(translated), fuzzy, missing) == (int(rows[("ru", "privacy")][0]) - 1, "1", "0")
    assert done != "100.0%"
    assert rows[("ru", "privacy")][1] == "0"


def test_check_passes_on_the_example() -> None:
    """`redline check` on the example project passes, listing the lint findings lint.yml silences."""
    from tests.golden import check_golden

    code, output = run(ROOT, "check")
    assert code == 0, output
    check_golden(ROOT / "tests/golden/check/example.txt", output)
