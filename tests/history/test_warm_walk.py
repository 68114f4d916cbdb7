"""A warm history walk: the facts recorded on disk replace loading and rendering, never the result."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import redline.history.parallel as parallel
import redline.history.walk as walk
from redline.config import load_project
from redline.history import History, read_history
from redline.history.states import git_states, open_history
from redline.render.cache import RenderCache
from tests.conftest import GitProject
from tests.history.test_versions import MKDOCS, terms

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
        db.execute("UPDATE signed_renderings SET value = x'00'")
        db.execute("UPDATE signed_facts SET value = '{not json'")
    damaged = scan(empty_git_project, tmp_path / "cache")
    assert shape(damaged) == shape(cold) and damaged.renders == cold.renders
    store.write_bytes(b"not a database at all" * 100)
    again = scan(empty_git_project, tmp_path / "cache")
    assert shape(again) == shape(cold) and again.renders == cold.renders
    assert scan(empty_git_project, tmp_path / "cache").renders == 0  # the file was made afresh


def test_prefill_in_processes_gives_the_serial_history(empty_git_project: GitProject, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Two worker processes fill the cache; the walk after them renders nothing and agrees with one."""
    project = empty_git_project
    locales = "site_name: Mini\ndocs_dir: policies\nplugins:\n  - redline:\n      locales: [en, es]\n"
    po = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
          'msgid "Terms"\nmsgstr "Términos"\n\nmsgid "Use"\nmsgstr "Uso"\n\n'
          'msgid "Be nice."\nmsgstr "Sé amable."\n\n'
          'msgid "Updated {{ policy.updated | date }}."\nmsgstr "Actualizado {{ policy.updated | date }}."\n')
    project.commit({"mkdocs.yml": locales, "policies/terms.md": terms("2026-01-01"),
                    "locales/es/LC_MESSAGES/messages.po": po}, "One", "2026-01-10")
    project.commit({"policies/terms.md": terms("2026-03-01")}, "Two", "2026-01-11")
    monkeypatch.setattr(parallel, "PREFILL_FROM", 1)
    monkeypatch.setenv("REDLINE_JOBS", "2")
    cache = RenderCache(tmp_path / "parallel")
    repo = open_history(project.root)
    states = git_states(repo, load_project(project.root), D(2026, 12, 1))
    repo.close()
    # two commits × two locales (the working tree is the second commit's)
    assert parallel.missing_renders(load_project(project.root), states, cache) == 2 * 2
    prefilled = read_history(load_project(project.root), D(2026, 12, 1), cache=cache)
    assert prefilled.renders == 0  # the workers rendered everything
    monkeypatch.setenv("REDLINE_JOBS", "1")
    serial = scan(project, tmp_path / "serial")
    assert serial.renders > 0 and shape(prefilled) == shape(serial)
