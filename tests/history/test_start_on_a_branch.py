"""A ``history_start`` on a branch merged into main: each later commit lists its own files."""

from __future__ import annotations

import dataclasses
import datetime as dt

from redline import gitio
from redline.config import load_project
from redline.history.states import git_states, source_paths
from redline.notices.versions import history_commits
from tests.conftest import GitProject
from tests.history.test_parallel_judge import MKDOCS, PO
from tests.history.test_versions import terms


def _side_start(project: GitProject) -> str:
    """Main M0, a side branch S1 that adds the Spanish catalog, M1 on main, the merge, M2."""
    project.commit({"mkdocs.yml": MKDOCS, "policies/terms.md": terms("2026-01-01")}, "M0", "2026-01-10")
    project.git("checkout", "-q", "-b", "side")
    side = project.commit({"locales/es/LC_MESSAGES/messages.po": PO}, "S1", "2026-01-11")
    project.git("checkout", "-q", "main")
    project.commit({"policies/terms.md": terms("2026-02-01")}, "M1", "2026-01-12")
    project.git("merge", "-q", "--no-ff", "-m", "Merge", "side", date="2026-01-13T00:00:00+00:00")
    project.commit({"policies/terms.md": terms("2026-03-01")}, "M2", "2026-01-14")
    return side


def test_states_after_a_start_on_a_merged_branch_list_their_own_files(
        empty_git_project: GitProject) -> None:
    """M1 (before the merge) has no Spanish catalog: its state and its log entry say so, as its tree does."""
    side = _side_start(empty_git_project)
    project = dataclasses.replace(load_project(empty_git_project.root), history_start=side)
    repo = gitio.open_repo(empty_git_project.root)
    folders = source_paths(project)
    trees = {}
    for state in git_states(repo, project, dt.date(2026, 12, 1)):
        if isinstance(state.snapshot, gitio.GitSnapshot):
            sha = state.snapshot.sha
            trees[sha] = [state.snapshot.list(folder) for folder in folders]
            assert trees[sha] == [list(repo.blob_ids(sha, folder)) for folder in folders], state.label
    for commit, files in history_commits(repo, project):
        tree = {path: blob for folder in folders for path, blob in repo.blob_ids(commit.sha, folder).items()}
        assert files == tree, commit.message
    assert len(trees) == 4  # the start, M1, the merge, M2
    repo.close()
