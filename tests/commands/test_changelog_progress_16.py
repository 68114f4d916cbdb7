"""`redline changelog` tells its stages on stderr; stdout stays notices.json, byte for byte."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import GitProject, make_project
from tests.gitcases import redline

TIME_RE = re.compile(r"\(\d+\.\d s\)")
STAGES = (
    "history: 3 versions of 3 policies (T)\n"
    "notices: 3 notices (T)\n"
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> GitProject:
    """The example, committed once."""
    made = make_project(tmp_path_factory.mktemp("changelog") / "repo")
    made.commit({}, "Example content", "2026-02-20")
    return made


def timeless(stderr: str) -> str:
    """``stderr`` with each stage's elapsed time replaced by ``(T)``."""
    return TIME_RE.sub("(T)", stderr)


def test_progress_prints_each_stage_with_counts_and_time(project: GitProject) -> None:
    """--progress: history walk, notices and rendering, each with counts and seconds, on stderr."""
    code, out, err = redline(project, "changelog", "--date", "2026-03-01", "--progress")
    assert code == 0
    assert timeless(err) == STAGES + "render: notices.json, 3 notices (T)\n"
    assert len(json.loads(out)["notices"]) == 3


def test_stdout_is_the_same_with_or_without_progress_and_quiet(project: GitProject) -> None:
    """notices.json on stdout is byte-identical whatever is said on stderr; quiet and piped say nothing."""
    runs = {flags: redline(project, "changelog", "--date", "2026-03-01", *flags)
            for flags in ((), ("--progress",), ("--quiet",), ("--quiet", "--progress"))}
    assert {out for _, out, _ in runs.values()} == {runs[()][1]}
    assert [code for code, _, _ in runs.values()] == [0, 0, 0, 0]
    assert runs[()][2] == runs[("--quiet",)][2] == runs[("--quiet", "--progress")][2] == ""
    assert runs[("--progress",)][2] != ""


def test_writing_to_a_folder_adds_render_and_write_stages(project: GitProject, tmp_path: Path) -> None:
    """--out: the files rendered and written are counted, then the usual closing line."""
    code, out, err = redline(project, "changelog", "--date", "2026-03-01", "--out", str(tmp_path / "n"),
                             "--progress")
    assert (code, out) == (0, "")
    assert timeless(err) == (STAGES + "render: 45 files in 4 locales (T)\n"
                             "write: 45 written, 0 unchanged (T)\n"
                             f"45 files in {tmp_path / 'n'} (45 written, 0 unchanged)\n")


def test_check_is_a_stage_too(project: GitProject, tmp_path: Path) -> None:
    """--check after a write: a check stage finding nothing stale, exit 0."""
    folder = str(tmp_path / "n")
    assert redline(project, "changelog", "--date", "2026-03-01", "--out", folder, "--quiet")[0] == 0
    code, out, err = redline(project, "changelog", "--date", "2026-03-01", "--out", folder, "--check",
                             "--progress")
    assert (code, out) == (0, "")
    assert timeless(err) == STAGES + "render: 45 files in 4 locales (T)\ncheck: 0 stale of 45 files (T)\n"


def test_quiet_writes_the_files_and_says_nothing(project: GitProject, tmp_path: Path) -> None:
    """--quiet with --out: no stage and no closing line, the files written."""
    folder = tmp_path / "n"
    assert redline(project, "changelog", "--date", "2026-03-01", "--out", str(folder), "--quiet",
                   "--progress") == (0, "", "")
    assert (folder / "notices.json").is_file()
