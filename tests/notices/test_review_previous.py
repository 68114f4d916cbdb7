"""Review of ``--previous DIR``: a damaged notices.json is a clear error, never a traceback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from redline.errors import RedlineError
from redline.notices.previous import load_previous
from tests.conftest import GitProject
from tests.gitcases import redline

#: JSON nested deeper than Python's recursion limit
DEEP = "[" * 100_000 + "]" * 100_000


def _previous(folder: Path, text: str) -> Path:
    """A previous publication whose notices/notices.json holds ``text``."""
    (folder / "notices").mkdir(parents=True)
    (folder / "notices" / "notices.json").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("text", [DEEP, '{"notices": ' + DEEP + "}"], ids=["nested arrays", "nested notices"])
def test_a_deeply_nested_notices_json_is_refused_with_its_path(tmp_path: Path, text: str) -> None:
    """JSON nested past Python's recursion limit says which file and how to fix it."""
    folder = _previous(tmp_path / "prev", text)
    with pytest.raises(RedlineError, match=r"not a notices\.json Redline published") as caught:
        load_previous(folder, dt.date(2026, 12, 1))
    assert caught.value.where == str(folder / "notices" / "notices.json")


def test_changelog_previous_with_a_damaged_file_exits_2(git_project: GitProject, tmp_path: Path) -> None:
    """``redline changelog --previous`` exits 2 with the message, no traceback, nothing written."""
    folder = _previous(tmp_path / "prev", DEEP)
    out = tmp_path / "out"
    code, _, err = redline(git_project, "changelog", "--previous", str(folder), "--out", str(out))
    assert code == 2 and "not a notices.json Redline published" in err and "Traceback" not in err
    assert not out.exists()
