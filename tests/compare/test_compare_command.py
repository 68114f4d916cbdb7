"""``redline compare``: the whole output of every case, in every format, against golden files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from redline.classify import classify
from redline.cli import main
from redline.compare.formats import Report, render
from redline.diff import diff_facts
from tests.golden import check_golden
from tests.paths import TESTS

CASES = TESTS / "compare" / "cases"
GOLDEN = TESTS / "golden" / "compare"
CASE_NAMES = sorted(path.name for path in CASES.iterdir() if path.is_dir())
SUFFIX = {"text": "txt", "markdown": "md", "json": "json"}


def compare(*args: str) -> tuple[int, str]:
    """Run ``redline compare`` and return its exit code and output."""
    result = CliRunner().invoke(main, ["compare", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
@pytest.mark.parametrize("case", CASE_NAMES)
def test_compare_output_matches_golden(case: str, fmt: str) -> None:
    """Every case prints its golden report in every format and exits 0."""
    code, output = compare(str(CASES / case / "old.md"), str(CASES / case / "new.md"), "--format", fmt)
    assert code == 0
    check_golden(GOLDEN / f"{case}.{SUFFIX[fmt]}", output)


def test_default_format_is_text() -> None:
    """Without --format the report is the text one."""
    case = CASES / "retention-longer"
    assert compare(str(case / "old.md"), str(case / "new.md")) == compare(
        str(case / "old.md"), str(case / "new.md"), "--format", "text"
    )


def test_text_report_of_a_material_change() -> None:
    """The text report says the verdict first, then findings, then each changed block."""
    case = CASES / "retention-longer"
    assert compare(str(case / "old.md"), str(case / "new.md")) == (
        0,
        "Material change — users must be notified before it takes effect (effective date at least "
        "the notice period after the notice date).\n"
        "\n"
        "Findings (1):\n"
        "  material   longer-retention          [6. Data Retention] retention 'Log data' longer: "
        "12 months → 24 months\n"
        "\n"
        "Sections (1):\n"
        "  modified  6-data-retention  6. Data Retention\n"
        "    ~ Log data: kept for [-12-]{+24+} months for security and debugging.\n",
    )


def test_identical_files_report_no_change() -> None:
    """Comparing a file with itself reports no change and no findings."""
    same = str(CASES / "identical" / "old.md")
    assert compare(same, same, "--format", "json") == (
        0,
        '{\n  "material": false,\n  "findings": [],\n  "sections": []\n}\n',
    )


def test_json_is_one_object_with_three_keys() -> None:
    """The JSON report is a single object: material, findings, sections."""
    case = CASES / "table-realigned-row-added"
    _, output = compare(str(case / "old.md"), str(case / "new.md"), "--format", "json")
    report = json.loads(output)
    assert (sorted(report), report["material"], [f["category"] for f in report["findings"]]) == (
        ["findings", "material", "sections"],
        True,
        ["new-recipient"],
    )


def test_markdown_comment_starts_with_the_verdict() -> None:
    """The pull-request comment opens with the verdict in bold."""
    case = CASES / "curly-quotes"
    _, output = compare(str(case / "old.md"), str(case / "new.md"), "--format", "markdown")
    assert output.splitlines()[0] == "**Editorial change** — no notice needed; update the last-updated date."


def test_missing_file_exits_2_naming_it(tmp_path: Path) -> None:
    """A missing file is bad input: exit 2, the path, and a fix."""
    present = tmp_path / "new.md"
    present.write_text("# Policy\n", encoding="utf-8")
    missing = tmp_path / "old.md"
    assert compare(str(missing), str(present)) == (
        2,
        f"Error: {missing}: no such file\n  fix: check the path: compare takes OLD.md NEW.md\n",
    )


def test_non_utf8_file_exits_2_with_line(tmp_path: Path) -> None:
    """A file that is not UTF-8 is named with the line of the first bad byte."""
    good, bad = tmp_path / "old.md", tmp_path / "new.md"
    good.write_text("# Policy\n", encoding="utf-8")
    bad.write_bytes("# Policy\n\nCaf\u00e9 data\n".encode("latin-1"))
    assert compare(str(good), str(bad)) == (
        2,
        f"Error: {bad}:3: not UTF-8 text (byte 0xe9)\n"
        "  fix: re-save the file as UTF-8, e.g. iconv -f latin1 -t utf-8 FILE\n",
    )


def test_directory_exits_2(tmp_path: Path) -> None:
    """A folder in place of a file is bad input."""
    good = tmp_path / "old.md"
    good.write_text("# Policy\n", encoding="utf-8")
    assert compare(str(good), str(tmp_path)) == (
        2,
        f"Error: {tmp_path}: is a directory\n  fix: pass a Markdown file, not a folder\n",
    )


def test_unknown_format_is_a_usage_error() -> None:
    """An unknown --format is refused by the option itself (exit 2)."""
    same = str(CASES / "identical" / "old.md")
    code, output = compare(same, same, "--format", "html")
    assert (code, output.splitlines()[-1]) == (
        2,
        "Error: Invalid value for '--format': 'html' is not one of 'text', 'markdown', 'json'.",
    )


def test_reports_list_fact_changes() -> None:
    """Given fact changes, the text report lists them and the JSON report adds a facts key."""
    facts = tuple(diff_facts({"retention": {"logs": "P12M"}}, {"retention": {"logs": "P24M"}}))
    report = Report(classify([], facts), (), facts)
    assert render(report, "text") == (
        "Material change — users must be notified before it takes effect (effective date at least "
        "the notice period after the notice date).\n"
        "\n"
        "Findings (1):\n"
        "  material   longer-retention          [fact retention.logs] retention 'retention.logs' longer: "
        "P12M → P24M\n"
        "\n"
        "Facts (1):\n"
        '  changed   retention.logs: "P12M" → "P24M"\n'
    )
    assert json.loads(render(report, "json"))["facts"] == [
        {"path": "retention.logs", "kind": "changed", "old": "P12M", "new": "P24M"}
    ]
