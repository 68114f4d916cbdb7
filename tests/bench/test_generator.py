"""The benchmark's synthetic repositories are valid policy repositories, reproducibly."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from click.testing import CliRunner

from bench.synth import Params, generate
from bench.synth.catalog import policy_entries
from bench.synth.repo import base_files
from bench.synth.timeline import steps
from redline.cli import main
from redline.i18n.extract import extract_policy

TINY = Params(policies=2, locales=2, commits=10)


def _head(repo: Path) -> str:
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True,
                          check=True).stdout.strip()


def test_redline_check_passes_at_head_of_a_tiny_generated_repo(tmp_path: Path) -> None:
    """2 policies × 2 locales × 10 commits: every catalog complete, every template renders."""
    generate(TINY, tmp_path / "repo")
    result = CliRunner().invoke(main, ["check", "--project", str(tmp_path / "repo")])
    count = subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=tmp_path / "repo",
                           capture_output=True, text=True, check=True).stdout.strip()
    assert (result.exit_code, result.output, count) == (0, "ok: 2 policies, 2 locales\n", "10")


def test_generation_is_deterministic(tmp_path: Path) -> None:
    """The same parameters give the same commits, ids included (fixed dates, authors, seed)."""
    generate(TINY, tmp_path / "a")
    generate(TINY, tmp_path / "b")
    assert _head(tmp_path / "a") == _head(tmp_path / "b")


def test_catalog_units_are_those_of_redlines_extractor() -> None:
    """The generator's fast extraction gives exactly what `pybabel extract` (our extractor) gives."""
    for step in steps(Params(policies=3, locales=2, commits=30), base_files(("en", "es"))):
        for path, text in step.files.items():
            if path.startswith("policies/") and path.endswith(".md"):
                stream = io.BytesIO(str(text).encode("utf-8"))
                stream.name = path
                expected = [(msgid, (f"{path}:{line}",), tuple(comments))
                            for line, _, msgid, comments in extract_policy(stream, {}, [], {})]
                assert policy_entries(path, str(text)) == expected
