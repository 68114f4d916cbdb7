"""The same sources with a short history: does a policy page's size depend on its archive?

The variant repository has two commits — the first and the last tree of the synthetic
history, with their dates — so each policy has at most two versions while its current
text is the same as in the full history.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from bench.steps import REDLINE, Bench
from bench.weight import Weight, page_weight


def _git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    full = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", **(env or {})}
    return subprocess.run(["git", *args], cwd=repo, env=full, check=True, capture_output=True,
                          text=True).stdout.strip()


def two_commit_repo(source: Path, target: Path) -> Path:
    """A repository whose history is the first and the last commit of ``source``."""
    _git(source.parent, "clone", "-q", "--no-checkout", str(source), str(target))
    first = _git(target, "rev-list", "--max-parents=0", "HEAD").splitlines()[0]
    parent = ""
    for commit in (first, "HEAD"):
        date = _git(target, "log", "-1", "--format=%cI", commit)
        env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "Bench",
               "GIT_AUTHOR_EMAIL": "bench@example.com", "GIT_COMMITTER_NAME": "Bench",
               "GIT_COMMITTER_EMAIL": "bench@example.com"}
        link = ["-p", parent] if parent else []
        parent = _git(target, "commit-tree", f"{commit}^{{tree}}", *link, "-m", "variant", env=env)
    _git(target, "update-ref", "refs/heads/main", parent)
    _git(target, "checkout", "-q", "-f", "main")
    return target


def two_commit_site(bench: Bench, policy: str) -> Weight:
    """Build the two-commit variant; weigh ``policy``'s current page in the source locale."""
    repo = two_commit_repo(bench.repo, bench.scratch("two-commits"))
    site = bench.scratch("two-commits-site")
    bench.run([*REDLINE, "build", "--site-dir", str(site), "--date", bench.day], cwd=repo)
    return page_weight(site / "en", site / "en" / policy / "index.html")


def versions_in(bench: Bench, policy: str) -> int:
    """How many version pages ``policy`` has in the variant's site."""
    return len(list((bench.work / "two-commits-site" / "en" / policy / "versions").glob("*/index.html")))
