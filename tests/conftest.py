"""Shared fixtures: throwaway git repositories with fixed authors and dates."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.paths import ROOT

EXAMPLE_PARTS = ("mkdocs.yml", "lint.yml", "policies", "locales", "overrides")


@dataclass
class GitProject:
    """A policy repository in ``tmp_path`` whose history a test writes commit by commit."""

    root: Path

    def git(self, *args: str, date: str | None = None) -> str:
        """Run git in the repository with a fixed identity (and dates, when given)."""
        env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
        if date:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T12:00:00+00:00"
        result = subprocess.run(
            ["git", "-c", "user.name=Redline Test", "-c", "user.email=test@example.com",
             "-c", "commit.gpgsign=false", *args],
            cwd=self.root, env=env, check=True, capture_output=True, text=True,
        )
        return result.stdout

    def write(self, files: Mapping[str, str | bytes | None]) -> None:
        """Write (or, for None, delete) files in the working tree."""
        for path, content in files.items():
            target = self.root / path
            if content is None:
                target.unlink(missing_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")

    def commit(self, files: Mapping[str, str | bytes | None], message: str, date: str) -> str:
        """Write ``files`` and commit them all on ``date`` (YYYY-MM-DD); return the commit id."""
        self.write(files)
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, date=date)
        return self.git("rev-parse", "HEAD").strip()

    def read(self, path: str) -> str:
        """Read a file of the working tree."""
        return (self.root / path).read_text(encoding="utf-8")


def copy_example(path: Path) -> Path:
    """Copy the example's sources (working tree only, no git) into ``path``; return it."""
    path.mkdir(parents=True, exist_ok=True)
    for part in EXAMPLE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, path / part, ignore=shutil.ignore_patterns("*.mo"))
        elif source.is_file():
            shutil.copy2(source, path / part)
    return path


def make_project(path: Path, example: bool = True) -> GitProject:
    """Create an empty repository on branch main; copy the example sources when asked."""
    path.mkdir(parents=True, exist_ok=True)
    project = GitProject(path)
    project.git("init", "-q", "-b", "main")
    if example:
        copy_example(path)
        _forget_history_start(path / "mkdocs.yml")
    return project


def _forget_history_start(config: Path) -> None:
    """A new repository has none of the example's commits: drop its ``history_start``."""
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(line for line in lines if "history_start:" not in line), encoding="utf-8")


@pytest.fixture
def git_project(tmp_path: Path) -> Iterator[GitProject]:
    """A repository holding a copy of the example project, nothing committed yet."""
    yield make_project(tmp_path / "repo")


@pytest.fixture
def empty_git_project(tmp_path: Path) -> Iterator[GitProject]:
    """An empty repository on branch main."""
    yield make_project(tmp_path / "repo", example=False)


#: modules whose tests build sites with MkDocs, run git histories through the build or drive a
#: browser: marked ``slow`` (``pytest -m "not slow"`` leaves them out)
SLOW_MODULES = frozenset({
    "test_determinism.py", "test_init.py", "test_page_size.py", "test_parallel_build.py",
    "test_plain_mkdocs.py", "test_pages.py", "test_search_browser.py", "test_site_browser.py",
    "test_generator.py", "test_git_faults.py", "test_versions.py", "test_workflows.py",
    "test_merge_shapes_12.py",
    "test_mail_16.py", "test_notice_links_16.py", "test_seo_16.py", "test_progress_json_16.py",
    "test_pages_16.py", "test_compare_build_16.py", "test_changelog_progress_16.py",
    "test_footer_16.py",
})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests of :data:`SLOW_MODULES` ``slow``."""
    for item in items:
        if item.path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


def pytest_configure(config: pytest.Config) -> None:
    """Keep the render cache's signing key (redline/render/cachekey.py) in a folder of this run, not in ~."""
    import tempfile

    os.environ.setdefault("REDLINE_STATE_DIR", tempfile.mkdtemp(prefix="redline-state-"))
