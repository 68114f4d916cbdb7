"""Determinism: one commit, built anywhere, any time on the same build date, gives the same bytes.

Two clones of one throwaway repository (one of them at a path with spaces and non-ASCII
letters, cloned without hard links, on another file system when /dev/shm is there, so
folders list in another order) are built in subprocesses that differ in
``PYTHONHASHSEED``, ``TZ``, the locale of the C library and ``SOURCE_DATE_EPOCH``; the
site and the changelog files must be byte-identical, and so must a rebuild over an
existing site. Notice ids never change as the history grows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from redline.notices.model import notice_id
from tests.conftest import GitProject, make_project
from tests.gitcases import with_templates
from tests.sitehistory import first_commits, last_commit

OTHER_FS = "/dev/shm"
REDLINE = str(Path(sys.executable).parent / "redline")
BUILD_DATE = "2026-03-20"
TERMS = "---\ntitle: Terms\neffective: 2026-04-01\n---\n# Terms { #top }\n\nBe kind.\n"
RENAMED = ("---\ntitle: Terms\neffective: 2026-05-01\nformerly: [terms]\n---\n"
           "# Terms { #top }\n\nBe kind, always.\n")
ENVIRONMENTS = (
    {"PYTHONHASHSEED": "0", "TZ": "UTC", "LC_ALL": "C.UTF-8"},
    {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati", "LC_ALL": "C", "SOURCE_DATE_EPOCH": "1"},
)


def digest(root: Path) -> dict[str, str]:
    """Path -> SHA-256 of every file under ``root``."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def commands(clone: Path) -> list[list[str]]:
    """The build and the changelog of ``clone`` (the build twice: a rebuild over an existing site)."""
    build = [REDLINE, "build", "--project", str(clone), "--date", BUILD_DATE, "--allow-fallback"]
    return [build, build, [REDLINE, "changelog", "--project", str(clone), "--out", str(clone / "out")]]


def run_all(clone: Path, extra: dict[str, str]) -> subprocess.Popen[bytes]:
    """Start the commands of ``clone`` one after the other in a shell-free subprocess chain."""
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "REDLINE_BUILD_DATE")}
    env.update({"NO_MKDOCS_2_WARNING": "1", **extra})
    script = f"import subprocess\nfor c in {commands(clone)!r}:\n    subprocess.run(c, check=True)\n"
    return subprocess.Popen([sys.executable, "-c", script], env=env, cwd=clone.parent,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.fixture(scope="module")
def clones(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """Two clones of one history, each built and its changelog written (in parallel)."""
    root = tmp_path_factory.mktemp("determinism")
    project = make_project(root / "origin")
    first_commits(project)
    last_commit(project)
    with_templates(project)
    project.commit({}, "Notice wording", "2026-05-06")
    with tempfile.TemporaryDirectory(dir=OTHER_FS if os.access(OTHER_FS, os.W_OK) else root) as other:
        one, two = root / "one", Path(other) / "twö with spaces"
        subprocess.run(["git", "clone", "-q", str(project.root), str(one)], check=True)
        subprocess.run(["git", "clone", "-q", "--no-local", f"file://{project.root}", str(two)], check=True)
        running = [run_all(one, ENVIRONMENTS[0]), run_all(two, ENVIRONMENTS[1])]
        for process in running:
            _, err = process.communicate(timeout=600)
            assert process.returncode == 0, err.decode()
        yield one, two


def test_site_is_byte_identical(clones: tuple[Path, Path]) -> None:
    """Every file of the two sites has the same bytes (sitemaps and their gzip headers included)."""
    one, two = clones
    first = digest(one / "site")
    assert len(first) > 100 and "en/sitemap.xml.gz" in first
    assert digest(two / "site") == first


def test_changelog_is_byte_identical(clones: tuple[Path, Path]) -> None:
    """notices.json, every feed and every email body have the same bytes."""
    one, two = clones
    first = digest(one / "out")
    assert "feeds/en.atom.xml" in first and "notices.json" in first
    assert digest(two / "out") == first


def test_no_checkout_path_in_any_output(clones: tuple[Path, Path]) -> None:
    """No output names the folder it was built in."""
    for clone in clones:
        leaks = [p for p in [*(clone / "site").rglob("*"), *(clone / "out").rglob("*")]
                 if p.is_file() and str(clone).encode() in p.read_bytes()]
        assert leaks == []


def notices(project: GitProject) -> dict[str, dict[str, Any]]:
    """Notice id -> notice, as ``redline changelog`` prints them."""
    run = subprocess.run([REDLINE, "changelog", "--project", str(project.root)], check=True,
                         capture_output=True, text=True)
    return {n["id"]: n for n in json.loads(run.stdout)["notices"]}


def test_notice_ids_never_change_as_history_grows(tmp_path: Path) -> None:
    """Each later commit adds notices; every earlier notice keeps its id and its whole content."""
    project = make_project(tmp_path / "repo")
    with_templates(project)
    project.commit({}, "Example content", "2026-02-20")
    seen = notices(project)
    steps = [
        ({"README.md": "Unrelated.\n"}, "Unrelated commit", "2026-02-25"),
        ({"policies/terms.md": TERMS}, "A new policy", "2026-03-01"),
        ({"policies/terms.md": None, "policies/terms-of-use.md": RENAMED}, "Rename terms", "2026-03-20"),
        ({"docs/notes.md": "More unrelated work.\n"}, "Unrelated again", "2026-03-21"),
    ]
    for files, message, date in steps:
        project.commit(files, message, date)
        now = notices(project)
        assert {ident: now.get(ident) for ident in seen} == seen
        assert len(now) >= len(seen)
        seen = now
    assert sorted(seen) == ["cookies-2026-02-01-4762d8af", "privacy-2026-02-01-91f957cd",
                            "security-2026-02-01-0d581ff7", notice_id("terms", dt.date(2026, 4, 1)),
                            notice_id("terms-of-use", dt.date(2026, 5, 1))]
