"""Security scan: bandit finds nothing of medium severity or higher in the engine."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from tests.paths import ROOT

BANDIT = Path(sys.executable).parent / "bandit"
NOSEC = re.compile(r"#\s*nosec\b(.*)$")


def test_bandit_finds_no_medium_or_high_issue() -> None:
    """``bandit -q -r redline -ll -f json`` reports zero findings and no file it could not scan."""
    run = subprocess.run([str(BANDIT), "-q", "-r", "redline", "-ll", "-f", "json"],
                         cwd=ROOT, capture_output=True, text=True, check=False)
    report = json.loads(run.stdout)
    found = [f"{r['filename']}:{r['line_number']}: {r['test_id']} {r['issue_text']}"
             for r in report["results"]]
    assert (found, report["errors"]) == ([], [])
    assert run.returncode == 0


def test_every_nosec_names_its_check_and_says_why() -> None:
    """Each ``# nosec`` silences one named check and has a comment above it giving the reason."""
    unjustified = []
    for path in sorted((ROOT / "redline").rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            match = NOSEC.search(line)
            if not match:
                continue
            named = re.fullmatch(r"\s*(B\d{3})\s*", match.group(1))
            above = lines[number - 2].strip() if number > 1 else ""
            if not named or not above.startswith(f"# {named.group(1)} does not apply: "):
                unjustified.append(f"{path.relative_to(ROOT)}:{number}")
    assert unjustified == []
