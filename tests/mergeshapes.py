"""One change reaching main in five shapes: merge commit, squash, rebase, fast-forward, direct push.

The change is two commits on a branch: (1) keep log data 24 months instead of 12 (a
material change, with the old effective date still in place), (2) give privacy and
security a new effective date that honours the 30 days' notice. Main gets nothing
else, so every shape ends with the same files: only the commits differ.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import GitProject, make_project

SHAPES = ("merge", "squash", "rebase", "fast-forward", "push")
PRIVACY = "policies/privacy.md"
SECURITY = "policies/security.md"
RETENTION = "policies/_data/retention.yml"
NEW_EFFECTIVE = "2027-01-05"
MERGED_ON = "2026-12-06"


def _replaced(project: GitProject, path: str, old: str, new: str) -> str:
    text = project.read(path)
    assert old in text, f"{old!r} not in {path}"
    return text.replace(old, new)


def _branch_commits(project: GitProject, days: tuple[str, str]) -> None:
    """The two commits of the change, on the current branch."""
    project.commit({RETENTION: _replaced(project, RETENTION, "logs: P12M", "logs: P24M")},
                   "Keep log data 24 months", days[0])
    dated = {path: _replaced(project, path, "effective: 2026-02-01", f"effective: {NEW_EFFECTIVE}")
             for path in (PRIVACY, SECURITY)}
    project.commit(dated, "Take effect 2027-01-05", days[1])


def shaped(root: Path, shape: str) -> GitProject:
    """The example on main (2026-02-20), then the change merged in ``shape`` on 2026-12-06."""
    project = make_project(root)
    project.commit({}, "Example policies", "2026-02-20")
    if shape == "push":
        _branch_commits(project, (MERGED_ON, MERGED_ON))
        return project
    project.git("checkout", "-q", "-b", "change")
    _branch_commits(project, ("2026-12-01", "2026-12-02"))
    project.git("checkout", "-q", "main")
    if shape == "merge":
        project.git("merge", "-q", "--no-ff", "-m", "Merge the change", "change", date=MERGED_ON)
    elif shape == "squash":
        project.git("merge", "-q", "--squash", "change")
        project.git("commit", "-q", "-m", "The change (squashed)", date=MERGED_ON)
    elif shape == "rebase":
        project.git("checkout", "-q", "change")
        project.git("rebase", "-q", "--force-rebase", "main", date=MERGED_ON)
        project.git("checkout", "-q", "main")
        project.git("merge", "-q", "--ff-only", "change", date=MERGED_ON)
    else:
        project.git("merge", "-q", "--ff-only", "change", date=MERGED_ON)
    return project
