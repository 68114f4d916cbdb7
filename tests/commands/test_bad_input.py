"""Bad input as data: each case in tests/bad/cases/ asserts the exact message, exit 2, nothing written.

A case overlays files on the small project in tests/bad/_base/, runs one command and
compares the whole output with ``<case>.out`` (REDLINE_REGEN=1 rewrites them for review).

Case keys: ``what`` (one line), ``args``, ``exit``; files to overlay: ``files`` (text, or
null to delete), ``files_hex``, ``generate`` (prefix + repeat × times); ``outside`` (files
next to the project, outside the repository); ``symlinks`` (path -> link target);
``git: true`` commits the base project first (the overlay stays uncommitted).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from redline.cli import main
from tests.conftest import GitProject
from tests.golden import check_golden
from tests.paths import TESTS

HERE = TESTS / "bad"
CASES = sorted((HERE / "cases").glob("*.yml"))
#: a bad input is refused in bounded memory, whatever it asks for. The time bound is a hang
#: guard (an unbounded loop or a quadratic parser never returns), not a speed goal: a loaded CI
#: machine must not fail it; how fast refusals are is printed by bench/, never asserted here.
HANG_GUARD = 120.0
MEMORY_LIMIT = 256 * 1024 * 1024


def tree_digest(root: Path) -> dict[str, str]:
    """Content hash of every file, folder and link under ``root``: proves a failed command wrote nothing.

    The render cache (``.redline-cache/``) is left out: it holds renderings of inputs that
    did render (written in SQLite transactions, keyed by content), never part of an output.
    """
    return {p.relative_to(root).as_posix(): _entry_digest(p) for p in sorted(root.rglob("*"))
            if ".redline-cache" not in p.relative_to(root).parts}


def _entry_digest(path: Path) -> str:
    if path.is_symlink():
        return f"-> {os.readlink(path)}"
    if path.is_dir():
        return "folder"
    return hashlib.sha256(path.read_bytes()).hexdigest()


def prepare(case: dict[str, Any], target: Path) -> None:
    """Copy the base project (committed, when the case asks for git) and overlay the case's files."""
    shutil.copytree(HERE / "_base", target)
    if case.get("git"):
        commit_base(target)
    overlay(case, target)
    for path, content in (case.get("outside") or {}).items():
        (target.parent / path).write_text(content, encoding="utf-8")
    for path, link in (case.get("symlinks") or {}).items():
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).symlink_to(link)


def overlay(case: dict[str, Any], target: Path) -> None:
    """Write (or delete) the case's files in the project."""
    for path, content in (case.get("files") or {}).items():
        destination = target / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        if content is None:
            destination.unlink()
        else:
            destination.write_text(content, encoding="utf-8")
    for path, content in (case.get("files_hex") or {}).items():
        (target / path).write_bytes(bytes.fromhex(content))
    for path, spec in (case.get("generate") or {}).items():
        (target / path).write_text(spec["prefix"] + spec["repeat"] * spec["times"], encoding="utf-8")


def commit_base(target: Path) -> None:
    """Make the base project a git repository with one commit (fixed identity and date)."""
    project = GitProject(target)
    project.git("init", "-q", "-b", "main")
    project.commit({}, "Base project", "2026-02-01")


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_bad_input(case_file: Path, tmp_path: Path) -> None:
    """The command refuses the input with the expected message and exit code, writing nothing."""
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    project = tmp_path / "project"
    prepare(case, project)
    # the folder around the project too: nothing may be written next to it (../../x paths)
    before = tree_digest(tmp_path)
    tracemalloc.start()
    started = time.monotonic()
    result = CliRunner().invoke(main, [*case["args"], "--project", str(project)],
                                env={"NO_MKDOCS_2_WARNING": "1"})
    elapsed = time.monotonic() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == case["exit"], result.output
    check_golden(case_file.with_suffix(".out"), result.output.replace(str(project), "<project>"))
    assert tree_digest(tmp_path) == before
    assert elapsed < HANG_GUARD
    assert peak < MEMORY_LIMIT
