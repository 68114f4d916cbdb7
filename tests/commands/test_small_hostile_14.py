"""Smaller hostile inputs of issue 14: the PR comment, staging folders, submodules, a full disk."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from redline.cli import main
from tests.conftest import GitProject, make_project
from tests.gitcases import PRIVACY, diff, edit, redline, start
from tests.paths import ROOT, TESTS

BASE = TESTS / "bad" / "_base"


def test_pr_comment_shows_markup_from_policy_text_as_text(tmp_path: Path) -> None:
    """A heading holding '<!--' cannot hide the gate table of the markdown comment: it is escaped."""
    project = make_project(tmp_path / "repo")
    start(project)
    heading = "## Notes <!-- { #notes }\n\nNothing new here.\n\n"
    edit(project, PRIVACY, "## 15. Changes", heading + "## 15. Changes")
    code, out, err = diff(project, "--format", "markdown")
    assert code in (0, 1), err
    assert "<!--" not in out
    assert "Notes &lt;!--" in out
    assert "| Policy | Verdict | Effective date | Earliest allowed | Notice gate |" in out


def test_build_staging_folders_are_ignored_by_git(tmp_path: Path) -> None:
    """A .site-* folder a killed build leaves beside site/ is ignored by git in a new project and here."""
    result = CliRunner().invoke(main, ["init", str(tmp_path / "new")])
    assert result.exit_code == 0, result.output
    ignored = subprocess.run(["git", "check-ignore", "-q", ".site-abc123/en/index.html"],
                             cwd=tmp_path / "new")
    assert ignored.returncode == 0
    # this repository is not always a git checkout (a source archive): its .gitignore says the same
    assert ".site-*/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def _with_submodule(tmp_path: Path) -> GitProject:
    """The small base project, committed, with a partial that is a git submodule."""
    inner = GitProject(tmp_path / "inner")
    inner.root.mkdir()
    inner.git("init", "-q", "-b", "main")
    inner.commit({"note.md": "Inner text.\n"}, "Inner", "2026-01-01")
    project = GitProject(tmp_path / "project")
    shutil.copytree(BASE, project.root)
    project.git("init", "-q", "-b", "main")
    project.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", str(inner.root),
                "policies/_partials/shared")
    policy = project.root / "policies" / "p.md"
    policy.write_text(policy.read_text(encoding="utf-8") + "\n{% include 'shared/note.md' %}\n",
                      encoding="utf-8")
    project.commit({}, "Base with a submodule partial", "2026-02-01")
    return project


def test_submodules_are_refused_by_render_and_build(tmp_path: Path) -> None:
    """render (working tree) and build (git history) both refuse a submodule, saying where, exit 2."""
    project = _with_submodule(tmp_path)
    message = ("Error: policies/_partials/shared: is a git submodule (or a nested repository)\n"
               "  fix: copy its files into this repository: a submodule's text is not part of a commit, "
               "so `redline render` and `redline build` would publish different versions of it\n")
    assert redline(project, "render", "p")[::2] == (2, message)
    code, _, err = redline(project, "build", "--allow-fallback", "--date", "2026-03-01")
    assert (code, err) == (2, message)
    assert not (project.root / "site").exists()


def _limit_file_size() -> None:
    """In the child: writes past 64 KB fail with EFBIG (as on a full disk) instead of killing it."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


def test_a_full_disk_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    """A build that cannot write (file size limit standing in for a full disk) exits 2 with one message."""
    shutil.copytree(BASE, tmp_path / "project")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "REDLINE_JOBS": "1", "REDLINE_CACHE_DIR": "off"}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "redline"), "build", "--no-history", "--allow-fallback",
         "--date", "2026-03-01", "--project", str(tmp_path / "project")],
        env=env, capture_output=True, text=True, preexec_fn=_limit_file_size, timeout=300,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("Error: ") and lines[0].endswith(": cannot write: File too large "
                                                                "(nothing was published)"), lines
    assert lines[1] == "  fix: free some disk space (or raise the file size limit) and run the command again"
    assert not (tmp_path / "project" / "site").exists()
    assert not list((tmp_path / "project").glob(".site-*"))
