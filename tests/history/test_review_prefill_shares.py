"""Review of the prefill workers' shares of the policies: renames, deletions and one policy give
the one-process result, for the site history and for the changelog."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

import redline.history.parallel as parallel
from redline.config import load_project
from redline.history import read_history
from redline.publish import parallel as notice_workers
from redline.render.cache import RenderCache
from tests.conftest import GitProject
from tests.gitcases import redline
from tests.history.test_parallel_judge import MKDOCS, PO
from tests.history.test_versions import terms
from tests.history.test_warm_walk import shape
from tests.notices.test_warm_changelog import tree

D = dt.date
SETUP = {"mkdocs.yml": MKDOCS, "locales/es/LC_MESSAGES/messages.po": PO,
         "policies/_data/limits.yml": "change_notice: P30D\n"}


def renamed_history(project: GitProject) -> None:
    """A pending question that crosses a rename (terms → rules, same date), then a deleted policy."""
    twelve, twenty_four = "Logs are kept for 12 months.", "Logs are kept for 24 months."
    first = terms("2026-01-01", twelve, updated="2026-01-01")
    project.commit({**SETUP, "policies/terms.md": first, "policies/cookies.md": first,
                    "policies/privacy.md": first}, "One", "2026-01-10")
    project.commit({"policies/terms.md": None,
                    "policies/rules.md": terms("2026-01-01", twenty_four, updated="2026-01-01",
                                               formerly=["terms"])}, "Renamed, pending", "2026-01-11")
    project.commit({"policies/rules.md": terms("2026-03-01", twenty_four, updated="2026-03-01",
                                               formerly=["terms"])}, "Dated", "2026-01-12")
    project.commit({"policies/cookies.md": None}, "Cookies gone", "2026-01-13")


def one_policy_history(project: GitProject) -> None:
    """One policy (the workers share the locales), with a pending state."""
    steps = [("2026-01-01", "12"), ("2026-01-01", "24"), ("2026-03-01", "24")]
    for day, (effective, period) in enumerate(steps, start=10):
        text = terms(effective, f"Logs are kept for {period} months.", updated=effective)
        project.commit({**SETUP, "policies/terms.md": text}, f"Step {day}", f"2026-01-{day}")


@pytest.mark.parametrize("make", [renamed_history, one_policy_history], ids=["rename+delete", "one policy"])
def test_two_workers_give_the_one_process_history(make: object, empty_git_project: GitProject, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Each version's dates, texts and changes are those of a one-process walk."""
    assert callable(make)
    make(empty_git_project)
    monkeypatch.setattr(parallel, "PREFILL_FROM", 1)
    project = load_project(empty_git_project.root)
    monkeypatch.setenv("REDLINE_JOBS", "2")
    prefilled = read_history(project, D(2026, 12, 1), cache=RenderCache(tmp_path / "two"))
    monkeypatch.setenv("REDLINE_JOBS", "1")
    serial = read_history(project, D(2026, 12, 1), cache=RenderCache(tmp_path / "one"))
    assert prefilled.workers == 2
    assert shape(prefilled) == shape(serial)
    assert prefilled.warnings == serial.warnings


@pytest.mark.parametrize("make", [renamed_history, one_policy_history], ids=["rename+delete", "one policy"])
def test_two_workers_give_the_one_process_changelog(make: object, empty_git_project: GitProject,
                                                    tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The changelog's files are byte-identical with two workers and with one process."""
    assert callable(make)
    make(empty_git_project)
    two, one = changelogs(empty_git_project, tmp_path, monkeypatch)
    assert two[0] == one[0] == 0, (two, one)
    assert tree(tmp_path / "two") == tree(tmp_path / "one")


def _dies(task: object) -> None:
    """A worker killed mid-way (out of memory, a signal): its process ends without a word."""
    os._exit(9)


def test_a_worker_that_dies_leaves_the_one_process_history(empty_git_project: GitProject, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk goes on in this process, as documented ("a worker that fails is ignored")."""
    renamed_history(empty_git_project)
    monkeypatch.setattr(parallel, "PREFILL_FROM", 1)
    monkeypatch.setattr(parallel, "fill", _dies)
    project = load_project(empty_git_project.root)
    monkeypatch.setenv("REDLINE_JOBS", "2")
    prefilled = read_history(project, D(2026, 12, 1), cache=RenderCache(tmp_path / "two"))
    monkeypatch.setenv("REDLINE_JOBS", "1")
    serial = read_history(project, D(2026, 12, 1), cache=RenderCache(tmp_path / "one"))
    assert shape(prefilled) == shape(serial)


def test_a_changelog_worker_that_dies_leaves_the_one_process_files(
        empty_git_project: GitProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The changelog goes on in this process and writes the files of a one-process run."""
    renamed_history(empty_git_project)
    monkeypatch.setattr(notice_workers, "fill", _dies)
    two, one = changelogs(empty_git_project, tmp_path, monkeypatch)
    assert two[0] == one[0] == 0, two
    assert tree(tmp_path / "two") == tree(tmp_path / "one")


def changelogs(project: GitProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
               ) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """``redline changelog`` into ``tmp_path/two`` with two workers, then into ``tmp_path/one``
    in one process without a cache; (exit code, stdout, stderr) of each."""
    monkeypatch.setattr(notice_workers, "PREFILL_FROM", 1)
    monkeypatch.setenv("REDLINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("REDLINE_JOBS", "2")
    two = redline(project, "changelog", "--out", str(tmp_path / "two"))
    monkeypatch.setenv("REDLINE_JOBS", "1")
    monkeypatch.setenv("REDLINE_CACHE_DIR", "off")
    return two, redline(project, "changelog", "--out", str(tmp_path / "one"))
