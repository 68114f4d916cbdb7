"""Review of the workers' judging by part: a date that returns to an earlier one, with pending states,
gives the one-process history and changelog."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import redline.history.parallel as parallel
from redline.config import load_project
from redline.history import read_history
from redline.render.cache import RenderCache
from tests.conftest import GitProject
from tests.history.test_review_prefill_shares import SETUP, changelogs
from tests.history.test_versions import terms
from tests.history.test_warm_walk import shape
from tests.notices.test_warm_changelog import tree


def returning_history(project: GitProject) -> None:
    """terms: 01-01, pending 24, 03-01, back to 01-01, pending 36 there; cookies and privacy change too."""
    steps = [("2026-01-01", "12"), ("2026-01-01", "24"), ("2026-03-01", "24"), ("2026-01-01", "12"),
             ("2026-01-01", "36"), ("2026-05-01", "36")]
    for day, (effective, period) in enumerate(steps, start=10):
        text = terms(effective, f"Logs are kept for {period} months.", updated=effective)
        files = {**SETUP, "policies/terms.md": text}
        if day % 2:
            files["policies/cookies.md"] = terms(effective, f"Cookies last {day} days.", updated=effective)
        if day > 12:  # a version, then a new one
            privacy = "2026-02-01" if day < 15 else "2026-06-01"
            files["policies/privacy.md"] = terms(privacy, f"Privacy {day // 15}.", updated=privacy)
        project.commit(files, f"Step {day}", f"2026-01-{day}")


def test_two_workers_give_the_one_process_changelog_when_a_date_returns(
        empty_git_project: GitProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The changelog's files are byte-identical with two workers and with one process."""
    returning_history(empty_git_project)
    two, one = changelogs(empty_git_project, tmp_path, monkeypatch)
    assert two[0] == one[0] == 0, (two, one)
    files = tree(tmp_path / "two")
    assert files == tree(tmp_path / "one")
    assert b"terms-2026-05-01" in files["notices.json"]


def test_two_workers_give_the_one_process_history_when_a_date_returns(
        empty_git_project: GitProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each version's dates, texts and changes are those of a one-process walk."""
    returning_history(empty_git_project)
    monkeypatch.setattr(parallel, "PREFILL_FROM", 1)
    project = load_project(empty_git_project.root)
    monkeypatch.setenv("REDLINE_JOBS", "2")
    prefilled = read_history(project, dt.date(2026, 12, 1), cache=RenderCache(tmp_path / "two"),
                             allow_fallback=True)
    monkeypatch.setenv("REDLINE_JOBS", "1")
    serial = read_history(project, dt.date(2026, 12, 1), cache=RenderCache(tmp_path / "one"),
                          allow_fallback=True)
    assert prefilled.workers == 2
    assert shape(prefilled) == shape(serial)
    assert prefilled.warnings == serial.warnings
