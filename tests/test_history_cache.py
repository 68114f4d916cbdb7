"""A warm history walk: the facts recorded on disk replace loading and rendering, never the result."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import redline.history.walk as walk
from redline.config import load_project
from redline.history import History, read_history
from redline.render.cache import RenderCache
from tests.conftest import GitProject
from tests.test_history import MKDOCS, terms

D = dt.date


def scan(project: GitProject, cache_dir: Path) -> History:
    """Read the history through a render cache kept in ``cache_dir``."""
    return read_history(load_project(project.root), D(2026, 12, 1), cache=RenderCache(cache_dir))


def shape(history: History) -> list[Any]:
    """Everything a site is built from: each version's dates, text and changes."""
    return [(h.policy, h.locale, h.withdrawn, [(v.effective, v.updated, v.announced, v.rendered,
                                                [(r.label, r.digest, r.complete) for r in v.changes])
                                               for v in h.versions])
            for histories in history.locales.values() for h in histories]


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The snapshots whose sources the walk loads, in order."""
    seen: list[str] = []
    real = walk.load_sources

    def counted(snapshot: Any, project: Any) -> Any:
        seen.append(str(getattr(snapshot, "sha", "working tree")))
        return real(snapshot, project)

    monkeypatch.setattr(walk, "load_sources", counted)
    return seen


def three_commits(project: GitProject) -> str:
    """An initial policy, a commit that does not load, a material change; return the broken commit."""
    project.commit({"mkdocs.yml": MKDOCS, "policies/terms.md": terms("2026-01-01")}, "One", "2026-01-10")
    broken = project.commit({"policies/terms.md": "---\ntitle: Terms\n---\n\nNo date.\n"}, "Bad",
                            "2026-01-11")
    project.commit({"policies/terms.md": terms("2026-03-01", "Fixed.")}, "Fix", "2026-01-12")
    return broken


def test_warm_walk_loads_nothing_and_gives_the_same_history(
        empty_git_project: GitProject, tmp_path: Path, loads: list[str]) -> None:
    """The second scan loads no sources and renders nothing, and yields the same versions and warnings."""
    broken = three_commits(empty_git_project)
    cold = scan(empty_git_project, tmp_path / "cache")
    assert len(loads) >= 3 and cold.renders > 0
    loads.clear()
    warm = scan(empty_git_project, tmp_path / "cache")
    assert (loads, warm.renders) == ([], 0)
    assert shape(warm) == shape(cold)
    assert warm.warnings == cold.warnings and broken[:10] in warm.warnings[0]


def test_an_edit_reloads_only_what_changed(empty_git_project: GitProject, tmp_path: Path,
                                           loads: list[str]) -> None:
    """After a new commit, a warm scan loads that commit only, and sees its text."""
    three_commits(empty_git_project)
    scan(empty_git_project, tmp_path / "cache")
    head = empty_git_project.commit({"policies/terms.md": terms("2026-03-01", "Fixed again.")}, "Four",
                                    "2026-01-13")
    loads.clear()
    warm = scan(empty_git_project, tmp_path / "cache")
    assert set(loads) <= {head, "working tree"} and loads
    assert "Fixed again." in warm.locales["en"][0].versions[-1].rendered.markdown
    assert shape(warm) == shape(scan(empty_git_project, tmp_path / "fresh"))


def test_a_damaged_cache_is_ignored(empty_git_project: GitProject, tmp_path: Path) -> None:
    """Damaged entries, then a file that is no database at all: misses, never an error or a wrong text."""
    three_commits(empty_git_project)
    cold = scan(empty_git_project, tmp_path / "cache")
    [store] = (tmp_path / "cache").glob("cache-*.sqlite")
    with sqlite3.connect(store) as db:
        db.execute("UPDATE renderings SET value = x'00'")
        db.execute("UPDATE facts SET value = '{not json'")
    damaged = scan(empty_git_project, tmp_path / "cache")
    assert shape(damaged) == shape(cold) and damaged.renders == cold.renders
    store.write_bytes(b"not a database at all" * 100)
    again = scan(empty_git_project, tmp_path / "cache")
    assert shape(again) == shape(cold) and again.renders == cold.renders
    assert scan(empty_git_project, tmp_path / "cache").renders == 0  # the file was made afresh
