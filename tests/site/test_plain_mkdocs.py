"""A plain `mkdocs build --strict` (no redline driver) still builds the source locale cleanly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.paths import ROOT


def test_plain_mkdocs_build_is_strict_clean(tmp_path: Path) -> None:
    """`mkdocs build --strict` exits 0 with no warning and renders every policy in English."""
    for part in ("mkdocs.yml", "policies", "locales", "overrides", "templates"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, tmp_path / part)
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run(
        [str(mkdocs), "build", "--strict", "-d", str(tmp_path / "out")], cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    page = (tmp_path / "out/privacy/index.html").read_text(encoding="utf-8")
    assert '<html lang="en" dir="ltr"' in page
    assert "Log Data:</strong> Retained for up to 12 months" in page
