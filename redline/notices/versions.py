"""Versions of each policy from main's first-parent history, grouped by (policy, effective date).

Kept small on purpose: it reads only front matter per commit (the full sources are
loaded for the commits a notice compares), so it can give way to
:mod:`redline.history` once notices and the site share one walk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from redline.config import Project
from redline.errors import GitError, RedlineError
from redline.gitio import Commit, Repository
from redline.load.policy import PolicySource, parse_policy
from redline.load.snapshot import Snapshot
from redline.load.sources import Sources, load_sources
from redline.notices.pairing import formerly
from redline.overrides import CHANGES_DIR

FULL_HISTORY_FIX = ("fetch the whole history: in CI, actions/checkout with `fetch-depth: 0`; "
                    "locally, `git fetch --unshallow`")
VersionKey = tuple[str, dt.date]


@dataclass(frozen=True)
class PolicyVersion:
    """One (policy, effective date) of the history.

    Attributes:
        policy: the policy's id while this version was current.
        effective: its effective date.
        first: the first commit carrying it (the day its notice was given).
        last: the last commit carrying it (the text the notice describes).
        previous: the version it replaced (same policy, or the one it was renamed from).
        before: for a policy's first version, the commit before it appeared (None when it was
            there from the start of the history): the new policy is compared with that.
    """

    policy: str
    effective: dt.date
    first: Commit
    last: Commit
    previous: PolicyVersion | None = None
    before: Commit | None = None

    @property
    def notice_date(self) -> dt.date:
        """The day the version landed on main (UTC)."""
        return self.first.committed.astimezone(dt.UTC).date()


def history_commits(repo: Repository, project: Project, ref: str = "HEAD") -> list[Commit]:
    """The commits of ``ref``'s first-parent history that touched the sources, oldest first."""
    if repo.is_shallow():
        raise GitError("cannot build the changelog from a shallow clone: earlier versions are missing",
                       fix=FULL_HISTORY_FIX)
    paths = (project.policies_dir, project.locales_dir, CHANGES_DIR)
    if project.history_start is None:
        return repo.first_parent_log(ref, paths)
    start = repo.commit_info(project.history_start)
    return [start, *repo.first_parent_log(ref, paths, since=start.sha)]


def policy_versions(repo: Repository, project: Project, commits: list[Commit]
                    ) -> tuple[list[PolicyVersion], list[str]]:
    """Group the commits' policies into versions, in the order they first appeared.

    Returns the versions and a warning per skipped commit: a commit whose policies do not
    load was never published (its build failed), so it is no version of anything.
    """
    walk = _Walk()
    skipped = []
    for commit in commits:
        try:
            policies = list(_policies(repo.snapshot(commit.sha), project))
        except GitError:
            raise  # a damaged repository, not a commit that was broken on main: never skip it
        except RedlineError as error:
            skipped.append(f"commit {commit.short}: skipped: {error.where + ': ' if error.where else ''}"
                           f"{error.what}")
            continue
        walk.step(commit, policies)
    return walk.versions(), skipped


@dataclass
class _Walk:
    lineage: dict[str, str] = field(default_factory=dict)
    current: dict[str, VersionKey] = field(default_factory=dict)
    first: dict[VersionKey, Commit] = field(default_factory=dict)
    last: dict[VersionKey, Commit] = field(default_factory=dict)
    previous: dict[VersionKey, VersionKey | None] = field(default_factory=dict)
    before: dict[VersionKey, Commit | None] = field(default_factory=dict)
    latest: Commit | None = None

    def step(self, commit: Commit, policies: list[PolicySource]) -> None:
        for policy in policies:
            line = self._line(policy)
            key = (policy.id, policy.effective)
            if key not in self.first:
                self.first[key] = commit
                self.previous[key] = self.current.get(line)
                self.before[key] = self.latest
            self.current[line] = key
            self.last[key] = commit
        self.latest = commit

    def _line(self, policy: PolicySource) -> str:
        if policy.id not in self.lineage:
            former = next((i for i in formerly(policy) if i in self.lineage), None)
            self.lineage[policy.id] = self.lineage[former] if former else policy.id
        return self.lineage[policy.id]

    def versions(self) -> list[PolicyVersion]:
        built: dict[VersionKey, PolicyVersion] = {}
        for key in self.first:
            before = self.previous[key]
            built[key] = PolicyVersion(key[0], key[1], self.first[key], self.last[key],
                                       built.get(before) if before else None, self.before[key])
        return list(built.values())


def _policies(snapshot: Snapshot, project: Project) -> Iterator[PolicySource]:
    folder = project.policies_dir
    for path in snapshot.list(folder):
        name = path[len(folder) + 1:]
        if name.endswith(".md") and "/" not in name and not name.startswith("_"):
            yield parse_policy(snapshot.read(path) or b"", path)


class SourcesAt:
    """Loads (once) the sources of the commits notices compare."""

    def __init__(self, repo: Repository, project: Project) -> None:
        self.repo = repo
        self.project = project
        self.loaded: dict[str, Sources] = {}

    def __call__(self, commit: Commit) -> Sources:
        if commit.sha not in self.loaded:
            try:
                self.loaded[commit.sha] = load_sources(self.repo.snapshot(commit.sha), self.project)
            except RedlineError as error:
                raise RedlineError(f"{error.what} (in commit {commit.short})", where=error.where,
                                   fix=error.fix) from None
        return self.loaded[commit.sha]
