"""Git faults as data: each case in tests/bad/git/ breaks a small repository one way and runs a command.

Shallow clones, refs that are not there, a detached HEAD, corrupt or deleted objects, a
lost pack file, thousands of commits that touch no policy: each gives either a clear
error (the whole output in ``<case>.out``, exit 2) or the correct answer (exit 0; with
``same_as``, exactly the output and files of an intact repository). Commit and object ids
in the output are replaced by names (``<commit-1>``), the project folder by ``<project>``.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from redline.cli import main
from tests.conftest import GitProject, make_project
from tests.golden import check_golden
from tests.paths import TESTS

HERE = TESTS / "bad" / "git"
CASES = sorted(HERE.glob("*.yml"))
#: a hang guard (git waiting on a lock or a pipe never returns), not a speed goal
HANG_GUARD = 120.0
NOISE = 3000
NOISE_START = 1768953600  # 2026-01-21, the day after the last commit
MKDOCS = ("site_name: Mini\nsite_url: https://legal.example/\ndocs_dir: policies\ntheme:\n  name: material\n"
          "plugins:\n  - redline:\n      locales: [en]\n")
LIMITS = "change_notice: P30D\n"
SCHEMA = ("type: object\nproperties:\n  limits:\n    type: object\n    properties:\n"
          "      change_notice: {type: string, format: duration}\n")


def terms(effective: str, body: str) -> str:
    """The one policy of the repository."""
    return (f"---\ntitle: Terms\neffective: {effective}\n---\n\n# Terms {{ #terms }}\n\n"
            f"## Sharing {{ #sharing }}\n\n{body}\n")


def origin(root: Path) -> GitProject:
    """Two commits: the first version, then a material change (fixed dates: fixed commit ids)."""
    project = make_project(root, example=False)
    project.commit({"mkdocs.yml": MKDOCS, "policies/terms.md": terms("2026-01-01", "We keep your data."),
                    "policies/_data/schema.yml": SCHEMA, "policies/_data/limits.yml": LIMITS},
                   "First version", "2026-01-10")
    project.commit({"policies/terms.md": terms("2026-03-01", "We share your data with advertisers.")},
                   "Share data", "2026-01-20")
    return project


def names(project: GitProject) -> dict[str, str]:
    """Object id -> the name shown in place of it in outputs."""
    ids = {project.git("rev-parse", "HEAD~1").strip(): "<commit-1>",
           project.git("rev-parse", "HEAD").strip(): "<commit-2>",
           project.git("rev-parse", "HEAD~1:policies/terms.md").strip(): "<terms-1>",
           project.git("rev-parse", "HEAD:policies/terms.md").strip(): "<terms-2>",
           project.git("rev-parse", "HEAD:policies/_data").strip(): "<data-tree>"}
    return {**ids, **{sha[:10]: name for sha, name in ids.items()}}


def loose(project: GitProject, spec: str) -> Path:
    """The file of the loose object ``spec`` names."""
    sha = project.git("rev-parse", spec).strip()
    return project.root / ".git" / "objects" / sha[:2] / sha[2:]


def corrupt(path: Path) -> None:
    """Overwrite an object file with bytes that do not inflate."""
    path.chmod(0o644)
    path.write_bytes(b"not a zlib stream\n")


def noise(project: GitProject) -> None:
    """Add NOISE commits that touch no policy, in one ``git fast-import`` run."""
    head = project.git("rev-parse", "HEAD").strip()
    stream = []
    for n in range(NOISE):
        message = f"Unrelated work {n}\n"
        start = f"from {head}\n" if n == 0 else ""
        when = NOISE_START + n * 60
        stream.append(f"commit refs/heads/main\ncommitter Redline Test <test@example.com> {when} +0000\n"
                      f"data {len(message)}\n{message}{start}M 100644 inline notes.txt\n"
                      f"data {len(str(n)) + 1}\n{n}\n\n")
    subprocess.run(["git", "fast-import", "--quiet"], input="".join(stream).encode(), cwd=project.root,
                   check=True)
    project.git("reset", "-q", "--hard", "main")


def clone(source: GitProject, target: Path, *options: str) -> GitProject:
    """A clone of ``source`` at ``target``."""
    subprocess.run(["git", "clone", "-q", *options, f"file://{source.root}", str(target)], check=True)
    return GitProject(target)


FAULTS: dict[str, Callable[[GitProject, Path], GitProject]] = {
    "none": lambda p, t: p,
    "shallow": lambda p, t: clone(p, t.with_name("shallow"), "--depth", "1"),
    "detached": lambda p, t: (p.git("checkout", "-q", "--detach", "HEAD~1"), p)[1],
    "corrupt-head-blob": lambda p, t: (corrupt(loose(p, "HEAD:policies/terms.md")), p)[1],
    "corrupt-old-blob": lambda p, t: (corrupt(loose(p, "HEAD~1:policies/terms.md")), p)[1],
    "missing-commit": lambda p, t: (loose(p, "HEAD~1").unlink(), p)[1],
    "missing-subtree": lambda p, t: (loose(p, "HEAD:policies/_data").unlink(), p)[1],
    "missing-old-tree": lambda p, t: (loose(p, "HEAD~1:policies").unlink(), p)[1],
    "noise": lambda p, t: (noise(p), p)[1],
}


def missing_pack(project: GitProject, target: Path) -> GitProject:
    """A clone whose objects are all in one pack file, then the pack file deleted."""
    packed = clone(project, target.with_name("packed"), "--no-local")
    for pack in (packed.root / ".git" / "objects" / "pack").glob("*.pack"):
        pack.unlink()
    return packed


FAULTS["missing-pack"] = missing_pack


def digest(root: Path) -> dict[str, str]:
    """Content hash of every file under ``root`` (empty when it does not exist)."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def run_case(case: dict[str, Any], folder: Path) -> tuple[int, str, dict[str, str], float]:
    """Break a fresh copy of the repository as the case says, run its command.

    Returns the exit code, the output (ids named), the site's files and the seconds taken.
    """
    intact = origin(folder / "origin")
    ids = names(intact)
    shutil.copytree(intact.root, folder / "project", symlinks=True)
    project = FAULTS[case["fault"]](GitProject(folder / "project"), folder / "project")
    ids.setdefault(project.git("rev-parse", "HEAD").strip()[:10], "<head>")
    started = time.monotonic()
    result = CliRunner().invoke(main, [*case["args"], "--project", str(project.root)],
                                env={"NO_MKDOCS_2_WARNING": "1"})
    elapsed = time.monotonic() - started
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    output = result.output.replace(str(project.root), "<project>")
    for sha, name in ids.items():
        output = output.replace(sha, name)
    return result.exit_code, output, digest(project.root / "site"), elapsed


def load(path: Path) -> dict[str, Any]:
    """One case."""
    case: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return case


@pytest.fixture(autouse=True)
def nothing_parsed_yet() -> None:
    """Each case starts with no parsed sources in memory: a damaged object must be read to be found.

    (Within one run, sources are parsed once per blob id, so an object parsed before it was
    damaged would be served intact: a correct answer, but not the case under test.)
    """
    from redline.load import memo

    for cache in (memo.POLICIES, memo.CATALOGS, memo.DATA):
        cache.clear()


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_git_fault(case_file: Path, tmp_path: Path) -> None:
    """The command gives the expected whole output and exit code, quickly (or the intact repo's answer)."""
    case = load(case_file)
    code, output, site, elapsed = run_case(case, tmp_path / "case")
    assert code == case["exit"], output
    check_golden(case_file.with_suffix(".out"), output)
    assert elapsed < HANG_GUARD
    if case["exit"] != 0:
        assert site == {}
    if "same_as" in case:
        reference = run_case(load(HERE / f"{case['same_as']}.yml"), tmp_path / "reference")
        assert (code, output, site) == reference[:3]
