"""Print (or write into docs/hardening.md) the tables of hostile and broken inputs, from the test cases.

    python scripts/bad_input_table.py            # print both tables
    python scripts/bad_input_table.py --write    # replace them in docs/hardening.md
    python scripts/bad_input_table.py --check    # exit 1 when docs/hardening.md is stale

Each row comes from a case of tests/bad/cases/ (bad input) or tests/bad/git/ (git faults):
its ``what``, the command it runs, the whole expected output (``<case>.out``) and the result.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "hardening.md"
TABLES = {"bad-input": ROOT / "tests" / "bad" / "cases", "git-faults": ROOT / "tests" / "bad" / "git"}
HEADER = "| case | what | command | expected output | result |\n|---|---|---|---|---|\n"


def cell(text: str) -> str:
    """Text safe in a Markdown table cell: pipes escaped, markup shown as written, one line.

    >>> cell("a | <b> *c*")
    'a \\\\| &lt;b&gt; \\\\*c\\\\*'
    """
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")
    text = text.replace("`", "\\`").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(text.split())


def output_cell(output: str, code: int) -> str:
    """The expected output: every line of an error; the first line of a correct answer."""
    lines = [line.strip() for line in output.strip().splitlines() if line.strip()]
    if code == 0 and output.startswith("{"):
        ids = [str(notice["id"]) for notice in json.loads(output)["notices"]]
        return cell(f"notices.json: {', '.join(ids)}")
    if code == 0:
        return cell(lines[0] if lines else "(no output)") + (" …" if len(lines) > 1 else "")
    return "<br>".join(cell(line.removeprefix("Error: ")) for line in lines)


def result(case: dict[str, Any], table: str) -> str:
    """What the test asserts besides the output."""
    code = int(case["exit"])
    if code != 0:
        return f"exit {code}, nothing written" if table == "bad-input" else f"exit {code}, no site"
    same = f", same output and files as {case['same_as']}" if case.get("same_as") else ""
    return f"exit 0, correct answer{same}"


def row(path: Path, table: str) -> str:
    """One case as a table row."""
    case: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    output = path.with_suffix(".out").read_text(encoding="utf-8")
    command = "redline " + " ".join(str(arg) for arg in case["args"])
    fault = f" ({cell(case['fault'])})" if case.get("fault", "none") != "none" else ""
    return (f"| {cell(path.stem)} | {cell(str(case['what']))}{fault} | {cell(command)} | "
            f"{output_cell(output, int(case['exit']))} | {result(case, table)} |\n")


def table(name: str) -> str:
    """The Markdown table of one folder of cases."""
    return HEADER + "".join(row(path, name) for path in sorted(TABLES[name].glob("*.yml")))


def updated(document: str) -> str:
    """``document`` with each table replaced between its ``<!-- NAME:start -->`` / ``:end`` markers."""
    for name in TABLES:
        start, end = f"<!-- {name}:start -->\n", f"<!-- {name}:end -->"
        head, found, rest = document.partition(start)
        if not found or end not in rest:
            raise SystemExit(f"{DOC}: markers {start.strip()} … {end} not found")
        document = head + start + table(name) + end + rest.split(end, 1)[1]
    return document


def main(argv: list[str] | None = None) -> int:
    """Print, write or check the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update docs/hardening.md in place")
    parser.add_argument("--check", action="store_true", help="exit 1 when docs/hardening.md is stale")
    options = parser.parse_args(argv)
    if not (options.write or options.check):
        sys.stdout.write("\n".join(table(name) for name in TABLES))
        return 0
    current = DOC.read_text(encoding="utf-8")
    fresh = updated(current)
    if options.check:
        if fresh != current:
            print(f"{DOC.relative_to(ROOT)} is stale: run python scripts/bad_input_table.py --write")
            return 1
        return 0
    DOC.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
