"""Golden files: expected outputs kept in the repository, rewritten with REDLINE_REGEN=1."""

from __future__ import annotations

import os
from pathlib import Path


def regenerating() -> bool:
    """True when the run should rewrite golden files instead of comparing."""
    return os.environ.get("REDLINE_REGEN") == "1"


def check_golden(path: Path, actual: str) -> None:
    """Compare ``actual`` with the golden file at ``path`` (write it when regenerating)."""
    if regenerating() or not path.exists():
        if not regenerating():
            raise AssertionError(f"golden file {path} is missing: run with REDLINE_REGEN=1 and review it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert actual == path.read_text(encoding="utf-8"), f"output differs from {path}"
