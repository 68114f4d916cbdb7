"""The walked commits' files, as the history's log lists them, are what reading each commit's trees gives."""

from __future__ import annotations

from redline import gitio
from redline.config import load_project
from redline.history.states import source_paths
from redline.notices.versions import history_commits
from tests.conftest import GitProject
from tests.history.test_review_prefill_shares import SETUP
from tests.history.test_versions import terms

FOLDERS = ["policies", "policies/_partials", "policies/_partials/deep", "locales", "locales/es/LC_MESSAGES",
           "changes", "policies/missing", "policies/_partials/", ""]


def test_known_folders_list_what_the_trees_list(empty_git_project: GitProject) -> None:
    """Additions, a deletion, a rename and nested partials: every folder and file id a snapshot
    given the log's files reports equals the one that reads the commit's trees."""
    project = empty_git_project
    project.commit({**SETUP, "policies/terms.md": terms("2026-01-01"),
                    "policies/_partials/deep/a.md": "A\n", "README.md": "x\n"}, "One", "2026-01-10")
    project.commit({"policies/_partials/b.md": "B\n", "changes/2026-01-11-x.yml": "policy: terms\n"},
                   "Two", "2026-01-11")
    project.commit({"policies/_partials/deep/a.md": None, "policies/rules.md": terms("2026-02-01"),
                    "policies/terms.md": None}, "Three", "2026-01-12")
    config = load_project(project.root)
    repo = gitio.open_repo(project.root)
    history = history_commits(repo, config)
    assert len(history) == 3
    for commit, files in history:
        known = repo.snapshot(commit.sha).know(files, source_paths(config))
        for folder in FOLDERS:  # each against its own tree read
            assert known.list(folder) == list(repo.blob_ids(commit.sha, folder)), (commit.message, folder)
        for path in [*files, "policies/terms.md", "policies/_partials/deep/a.md", "README.md"]:
            tree = repo.blob_ids(commit.sha, path.rpartition("/")[0])
            assert known.blob_id(path) == tree.get(path), (commit.message, path)
    repo.close()
