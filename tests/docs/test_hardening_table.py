"""docs/hardening.md lists every bad-input and git-fault case as the tests run them."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from tests.paths import ROOT

SCRIPT = ROOT / "scripts" / "bad_input_table.py"


def script() -> ModuleType:
    """scripts/bad_input_table.py as a module."""
    spec = importlib.util.spec_from_file_location("bad_input_table", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_tables_are_up_to_date() -> None:
    """The tables between the markers are exactly what the script makes of the cases."""
    document = (ROOT / "docs" / "hardening.md").read_text(encoding="utf-8")
    assert script().updated(document) == document, "run: python scripts/bad_input_table.py --write"


def test_every_case_has_a_row() -> None:
    """One row per case file, in both tables."""
    document = (ROOT / "docs" / "hardening.md").read_text(encoding="utf-8")
    cases = [*(ROOT / "tests/bad/cases").glob("*.yml"), *(ROOT / "tests/bad/git").glob("*.yml")]
    missing = [case.stem for case in cases if f"\n| {script().cell(case.stem)} |" not in document]
    assert (len(cases) > 80, missing) == (True, [])


def test_check_exits_1_when_stale(tmp_path: Path) -> None:
    """--check says what to run when the document is stale, and exits 1."""
    module = script()
    module.DOC = tmp_path / "hardening.md"
    module.DOC.write_text("<!-- bad-input:start -->\n<!-- bad-input:end -->\n"
                          "<!-- git-faults:start -->\nold\n<!-- git-faults:end -->\n", encoding="utf-8")
    module.ROOT = tmp_path
    assert module.main(["--check"]) == 1
    assert module.main(["--write"]) == 0
    assert module.main(["--check"]) == 0


def test_script_prints_both_tables() -> None:
    """Run as a program it prints the two tables (the header row twice)."""
    run = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, check=True)
    assert run.stdout.count("| case | what | command | expected output | result |\n") == 2
