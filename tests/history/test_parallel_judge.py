"""Prefill workers answer the pending questions too: the serial run after them (site history or
changelog) compares nothing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import redline.compare.changeset as changeset
import redline.history.parallel as parallel
from redline.config import load_project
from redline.history import read_history
from redline.history.pendingwalk import questions
from redline.publish import parallel as notice_workers
from redline.render.cache import RenderCache
from tests.conftest import GitProject
from tests.gitcases import redline
from tests.history.test_versions import terms
from tests.history.test_warm_walk import shape
from tests.notices.test_warm_changelog import tree

D = dt.date
MKDOCS = ("site_name: Mini\nsite_url: https://mini.example/\ndocs_dir: policies\n"
          "plugins:\n  - redline:\n      locales: [en, es]\n")
PO = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
      'msgid "Terms"\nmsgstr "Términos"\n\nmsgid "Use"\nmsgstr "Uso"\n\n'
      'msgid "Logs are kept for 12 months."\nmsgstr "Los registros se guardan 12 meses."\n\n'
      'msgid "Logs are kept for 24 months."\nmsgstr "Los registros se guardan 24 meses."\n\n'
      'msgid "Logs are kept for 24 Months."\nmsgstr "Los registros se guardan 24 Meses."\n\n'
      'msgid "Updated {{ policy.updated | date }}."\nmsgstr "Actualizado {{ policy.updated | date }}."\n')


def pending_history(project: GitProject) -> None:
    """A version, a material change that keeps its date (pending), the new date, an editorial fix."""
    steps = [("2026-01-01", "12 months", "One"), ("2026-01-01", "24 months", "Two"),
             ("2026-03-01", "24 months", "Three"), ("2026-03-01", "24 Months", "Four")]
    for day, (effective, period, label) in enumerate(steps, start=10):
        files = {"policies/terms.md": terms(effective, f"Logs are kept for {period}.", updated=effective)}
        if label == "One":  # a second policy, unchanged: the workers share the policies
            files |= {"mkdocs.yml": MKDOCS, "locales/es/LC_MESSAGES/messages.po": PO,
                      "policies/_data/limits.yml": "change_notice: P30D\n",
                      "policies/cookies.md": files["policies/terms.md"]}
        project.commit(files, label, f"2026-01-{day}")


@pytest.fixture
def comparisons(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The policies this process compares (a worker's comparisons stay in the worker)."""
    seen: list[str] = []
    real = changeset.compare_policy

    def counted(pair: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(pair.id)
        return real(pair, *args, **kwargs)

    monkeypatch.setattr(changeset, "compare_policy", counted)
    return seen


def test_workers_judge_and_the_walk_agrees_with_one_process(
        empty_git_project: GitProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        comparisons: list[str]) -> None:
    """With two workers the serial walk compares nothing, and drops the same pending state as one process."""
    pending_history(empty_git_project)
    monkeypatch.setattr(parallel, "PREFILL_FROM", 1)
    monkeypatch.setenv("REDLINE_JOBS", "2")
    project = load_project(empty_git_project.root)
    prefilled = read_history(project, D(2026, 12, 1), cache=RenderCache(tmp_path / "parallel"))
    assert prefilled.workers == 2 and comparisons == []
    monkeypatch.setenv("REDLINE_JOBS", "1")
    serial = read_history(project, D(2026, 12, 1), cache=RenderCache(tmp_path / "serial"))
    assert comparisons  # one process asks the questions itself
    assert shape(prefilled) == shape(serial)
    changes = [len(version[4]) for version in next(h for h in shape(serial) if h[0] == "terms")[3]]
    assert changes == [1, 2]  # "Two" is pending: neither in force under 2026-01-01 nor a version of its own


def test_questions_are_one_per_distinct_text_after_each_announcement() -> None:
    """Points that read like their announcement, or like a point already asked about, are not asked again."""
    day, later = D(2026, 1, 1), D(2026, 3, 1)
    steps = [(0, day), (1, day), (2, day), (3, later), (4, later), (5, later)]
    texts = {0: "a", 1: "b", 2: "b", 3: "c", 4: "c", 5: "d"}
    assert questions(steps, texts) == [(0, 1), (3, 5)]


def test_changelog_workers_judge_and_the_files_are_those_of_one_process(
        empty_git_project: GitProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        comparisons: list[str]) -> None:
    """With two workers this process compares no policy; the files equal a one-process run's."""
    pending_history(empty_git_project)
    monkeypatch.setattr(notice_workers, "PREFILL_FROM", 1)
    monkeypatch.setenv("REDLINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("REDLINE_JOBS", "2")
    assert redline(empty_git_project, "changelog", "--out", str(tmp_path / "two"))[0] == 0
    assert comparisons == []
    monkeypatch.setenv("REDLINE_JOBS", "1")
    monkeypatch.setenv("REDLINE_CACHE_DIR", "off")
    assert redline(empty_git_project, "changelog", "--out", str(tmp_path / "one"))[0] == 0
    assert comparisons  # one process judges the pending commit itself
    files = tree(tmp_path / "two")
    assert files == tree(tmp_path / "one")
    notices = json.loads(files["notices.json"])["notices"]
    second = next(n for n in notices if n["id"].startswith("terms-2026-03"))
    # the pending commit ("24 months" under 2026-01-01) is not the first version's text
    assert second["material"] and "12 months → 24 Months" in second["reasons"][0]["reason"]

