"""Versions of each policy from main's first-parent history, grouped by (policy, effective date).

Kept small on purpose: it reads only front matter per commit (the full sources are
loaded for the commits a notice compares), so it can give way to
:mod:`redline.history` once notices and the site share one walk.

One ``git log --raw`` pass gives every commit's files as blob ids; the front matter of
each distinct policy file is parsed once, and what the walk needs of it (id, effective
date, former ids) is kept in the on-disk facts, so a warm walk parses nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from redline.compare.pairing import formerly
from redline.config import Project
from redline.errors import GitError, RedlineError
from redline.gitio import Commit, GitSnapshot, Repository
from redline.history.pending import judge, key_of, known_verdict
from redline.history.states import fingerprint_of, source_blobs, source_paths
from redline.load import memo
from redline.load.policy import is_policy
from redline.load.sources import Sources, load_sources
from redline.render.cache import RenderCache
from redline.render.facts import Facts

FULL_HISTORY_FIX = ("fetch the whole history: in CI, actions/checkout with `fetch-depth: 0`; "
                    "locally, `git fetch --unshallow`")
VersionKey = tuple[str, dt.date]
#: which versions to judge, by policy id and first commit (the others are peeked)
Asks = Callable[[str, "Commit"], bool]
#: path -> git blob id of every source file of one commit (policies, locales, change records)
Files = Mapping[str, str]


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


@dataclass(frozen=True)
class Front:
    """What the walk reads of one policy file: its id, effective date and former ids."""

    id: str
    effective: dt.date
    formerly: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The fact kept on disk for this file's content."""
        return {"id": self.id, "effective": self.effective.isoformat(), "formerly": list(self.formerly)}

    @classmethod
    def from_json(cls, raw: Any) -> Front | None:
        """The front matter a fact recorded, or None when the fact is not one (a damaged cache)."""
        try:
            return cls(str(raw["id"]), dt.date.fromisoformat(raw["effective"]),
                       tuple(str(i) for i in raw["formerly"]))
        except (KeyError, TypeError, ValueError):
            return None


@dataclass(frozen=True)
class Point:
    """One commit of the history: its files (blob ids) and the front matter of its policies."""

    commit: Commit
    files: Files
    fronts: tuple[Front, ...] = ()


@dataclass(frozen=True)
class Versions:
    """The versions of a history, the commits they were read from, and the commits skipped."""

    versions: list[PolicyVersion]
    points: dict[str, Point]
    skipped: list[str]
    unjudged: int = 0
    history: list[tuple[Commit, Files]] = field(default_factory=list)


def history_commits(repo: Repository, project: Project, ref: str = "HEAD") -> list[tuple[Commit, Files]]:
    """The commits of ``ref``'s history that touched the sources, oldest first, with their files.

    Main's first-parent history: one ``git log --raw`` pass, whatever the number of commits.
    """
    if repo.is_shallow():
        raise GitError("cannot build the changelog from a shallow clone: earlier versions are missing",
                       fix=FULL_HISTORY_FIX)
    paths = source_paths(project)
    history: list[tuple[Commit, Files]] = []
    since = None
    if project.history_start is not None:
        start = repo.commit_info(project.history_start)
        since = start.sha
        history.append((start, {path: blob for folder in paths
                                for path, blob in repo.blob_ids(start.sha, folder).items()}))
    return history + list(repo.first_parent_blobs(ref, paths, since=since))


def policy_paths(files: Files, folder: str) -> list[str]:
    """The policy files among ``files`` (``<folder>/<id>.md``), sorted.

    >>> policy_paths({"p/b.md": "1", "p/_data/x.yml": "2", "p/a.md": "3", "p/_p.md": "4"}, "p")
    ['p/a.md', 'p/b.md']
    """
    return sorted(path for path in files if is_policy(path, folder))




def policy_versions(repo: Repository, project: Project, history: list[tuple[Commit, Files]],
                    facts: Facts | None = None, cache: RenderCache | None = None, *, peek: bool = False,
                    asks: Asks | None = None, at: SourcesAt | None = None) -> Versions:
    """Group the commits' policies into versions, in the order they first appeared.

    Returns the versions and a warning per skipped commit: a commit whose policies do not
    load was never published (its build failed), so it is no version of anything.
    ``facts`` keeps the front matter of each policy file's content across runs. With a
    ``cache``, a commit that changes a policy materially under the same effective date is
    pending (:mod:`redline.history.pending`): it is not the version's text. With ``peek``,
    only the verdicts the cache knows are used (a question it cannot answer counts in
    ``unjudged`` and is taken as not pending): what to ask prefill workers to judge. With
    ``asks``, only the versions it names (by policy and first commit) are judged, the others
    peeked: what one prefill worker needs for its part of the notices. ``at`` loads the
    sources the judge compares (shared with the notices that compare them too).
    """
    unjudged: list[str] | None = [] if peek or asks is not None else None
    points: dict[str, Point] = {}
    if at is not None:
        at.points = points
    walk = _Walk(pending=None if cache is None else
                 _pending_check(at or SourcesAt(repo, project, points), points, cache, unjudged, asks))
    skipped = []
    for commit, files in history:
        try:
            fronts = tuple(_fronts(repo, commit, files, project.policies_dir, facts or Facts(None)))
        except GitError:
            raise  # a damaged repository, not a commit that was broken on main: never skip it
        except RedlineError as error:
            skipped.append(f"commit {commit.short}: skipped: {error.where + ': ' if error.where else ''}"
                           f"{error.what}")
            continue
        points[commit.sha] = Point(commit, files, fronts)
        walk.step(commit, fronts)
    return Versions(walk.versions(), points, skipped, len(unjudged or ()), history)


def _fronts(repo: Repository, commit: Commit, files: Files, folder: str, facts: Facts) -> Iterator[Front]:
    snapshot: GitSnapshot | None = None
    for path in policy_paths(files, folder):
        key = f"notice-front:{path}:{files[path]}"
        front = Front.from_json(facts.get(key))
        if front is None:
            snapshot = snapshot or repo.commit_snapshot(commit).know(files, [folder])
            policy = memo.policy(snapshot, path)  # errors are never kept: a bad file fails every time
            front = Front(policy.id, policy.effective, formerly(policy))
            facts.put(key, front.to_json())
        yield front


def _pending_check(at: SourcesAt, points: dict[str, Point], cache: RenderCache,
                   unjudged: list[str] | None = None, asks: Asks | None = None
                   ) -> Callable[[str, Commit, Commit], bool]:
    """Is ``policy`` at ``commit`` a material change of its text at ``accepted``?

    With ``unjudged``, only the cache answers: a question it cannot answer is noted there
    (unless ``asks`` says to judge it: the version of ``policy`` announced at ``accepted``).
    """
    project = at.project

    def pending(policy: str, announced: Commit, commit: Commit) -> bool:
        # the site's walk judges the same pairs under the same keys: a build asks git nothing twice
        old, new = (fingerprint_of(source_blobs(points[c.sha].files, project)) for c in (announced, commit))
        if old == new:
            return False
        key = key_of(old, new, policy)
        if unjudged is not None and (asks is None or not asks(policy, announced)):
            known = known_verdict(cache, key)
            unjudged.extend([key] if known is None else [])
            return bool(known)
        return judge(cache, key, lambda: at(announced), lambda: at(commit), policy)

    return pending


@dataclass
class _Walk:
    pending: Callable[[str, Commit, Commit], bool] | None = None
    commits: dict[VersionKey, list[Commit]] = field(default_factory=dict)
    lineage: dict[str, str] = field(default_factory=dict)
    current: dict[str, VersionKey] = field(default_factory=dict)
    first: dict[VersionKey, Commit] = field(default_factory=dict)
    last: dict[VersionKey, Commit] = field(default_factory=dict)
    previous: dict[VersionKey, VersionKey | None] = field(default_factory=dict)
    before: dict[VersionKey, Commit | None] = field(default_factory=dict)
    latest: Commit | None = None

    def step(self, commit: Commit, policies: tuple[Front, ...]) -> None:
        for policy in policies:
            line = self._line(policy)
            key = (policy.id, policy.effective)
            self.commits.setdefault(key, []).append(commit)
            if key not in self.first:
                self.first[key] = commit
                self.previous[key] = self.current.get(line)
                self.before[key] = self.latest
            self.current[line] = key
            self.last[key] = commit
        self.latest = commit

    def _last(self, key: VersionKey) -> Commit:
        """The version's last commit whose text is not pending (see :mod:`redline.history.pending`).

        Searched from the newest: usually the first judgement says the last commit is fine.
        """
        first = self.first[key]
        if self.pending is None:
            return self.last[key]
        for commit in reversed(self.commits[key]):
            if commit is first or not self.pending(key[0], first, commit):
                return commit
        return first

    def _line(self, policy: Front) -> str:
        if policy.id not in self.lineage:
            former = next((i for i in policy.formerly if i in self.lineage), None)
            self.lineage[policy.id] = self.lineage[former] if former else policy.id
        return self.lineage[policy.id]

    def versions(self) -> list[PolicyVersion]:
        built: dict[VersionKey, PolicyVersion] = {}
        for key in self.first:
            before = self.previous[key]
            built[key] = PolicyVersion(key[0], key[1], self.first[key], self._last(key),
                                       built.get(before) if before else None, self.before[key])
        return list(built.values())


class SourcesAt:
    """Loads (once) the sources of the commits notices compare."""

    def __init__(self, repo: Repository, project: Project, points: dict[str, Point] | None = None) -> None:
        self.repo = repo
        self.project = project
        self.loaded: dict[str, Sources] = {}
        #: the walked commits' files (:class:`Point`): their folders need no tree read
        self.points = points if points is not None else {}

    def preload(self, commits: Iterable[Commit]) -> None:
        """Load ``commits`` now, in the order given (history order: each catalog is then read
        from the version before it, :mod:`redline.load.poentries`); one that fails is left for
        the caller that needs it, which reports it."""
        for commit in commits:
            with contextlib.suppress(RedlineError):
                self(commit)

    def __call__(self, commit: Commit) -> Sources:
        if commit.sha not in self.loaded:
            try:
                self.loaded[commit.sha] = load_sources(self._snapshot(commit), self.project)
            except RedlineError as error:
                raise RedlineError(f"{error.what} (in commit {commit.short})", where=error.where,
                                   fix=error.fix) from None
        return self.loaded[commit.sha]

    def _snapshot(self, commit: Commit) -> GitSnapshot:
        """The commit's files, those of the history's folders as the walk listed them."""
        point = self.points.get(commit.sha)
        if point is None:
            return self.repo.snapshot(commit.sha)
        return self.repo.commit_snapshot(commit).know(point.files, source_paths(self.project))
