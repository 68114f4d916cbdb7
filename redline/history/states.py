"""The points of history a site is built from: commits of main that touched the sources.

The IO edge of the history: asks :mod:`redline.gitio` (the one git module) for the
first-parent log and each commit's blob ids, and hashes the working tree the way git
does, so an unchanged file has the same id on disk and in every commit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from redline.config import CHANGES_DIR, Project
from redline.errors import GitError, RedlineError
from redline.gitio import Commit, DamagedRepository, Repository, blob_id
from redline.load.catalogs import catalog_path
from redline.load.policy import is_policy
from redline.load.snapshot import Snapshot, WorkTree

FULL_HISTORY_FIX = (
    "build from a clone with the whole history (in CI: actions/checkout with `fetch-depth: 0`; "
    "locally: `git fetch --unshallow`), or pass --no-history to publish only the current versions"
)


class HistoryUnavailable(RedlineError):
    """The build cannot see the history it must publish."""


@dataclass(frozen=True)
class State:
    """The sources as they stood at one point of history.

    Attributes:
        label: ``commit 1a2b3c4d5e`` or ``working tree``.
        day: the day it landed on main (UTC), or the build date for the working tree.
        snapshot: its files.
        blobs: path -> git blob id of every input file (policies folder and catalogs).
        baseline: the first published state (``history_start``, or the first commit).
        dated: its day says when its text appeared; False for ``history_start`` and for a
            working tree published without history (their texts are older than that day).
    """

    label: str
    day: dt.date
    snapshot: Snapshot
    blobs: dict[str, str] = field(default_factory=dict)
    baseline: bool = False
    dated: bool = True

    def policy_paths(self, project: Project) -> dict[str, str]:
        """Policy id -> source path of every policy in this state."""
        folder = project.policies_dir
        found = {path[len(folder) + 1:].removesuffix(".md"): path for path in self.blobs
                 if is_policy(path, folder)}
        return dict(sorted(found.items()))

    @functools.cached_property
    def fingerprint(self) -> str:
        """Hash of every input file's path and blob id: equal states have equal fingerprints."""
        return fingerprint_of(self.blobs)

    def input_keys(self, project: Project) -> dict[tuple[str, str], str]:
        """(policy id, locale) -> content hash of every file a render of it reads.

        A render of policy P in locale L reads P's file, every other file of the policies
        folder but the other policies (data, partials), and L's catalog. Computed once per
        project (the prefill and the walk both ask).
        """
        known = self.__dict__.get("_input_keys")
        if known is not None and known[0] == project:
            return known[1]  # type: ignore[no-any-return]
        keys = self._input_keys(project)
        self.__dict__["_input_keys"] = (project, keys)  # a cache, not state: the dataclass is frozen
        return keys

    def _input_keys(self, project: Project) -> dict[tuple[str, str], str]:
        policies = self.policy_paths(project)
        catalogs = {catalog_path(project.locales_dir, loc): loc for loc in project.locales}
        others = set(policies.values()) | set(catalogs)
        shared = _hash("\n".join(f"{p}={b}" for p, b in sorted(self.blobs.items()) if p not in others))
        catalog = {loc: self.blobs.get(path, "") for path, loc in catalogs.items()}
        return {(pid, locale): _hash(f"{locale}\n{path}={self.blobs[path]}\n{shared}\n{catalog[locale]}")
                for pid, path in policies.items() for locale in project.locales}


def fingerprint_of(blobs: Mapping[str, str]) -> str:
    """Hash of the paths and blob ids of a state's input files (see :func:`source_blobs`)."""
    return _hash("\n".join(f"{path}={blob}" for path, blob in sorted(blobs.items())))


def source_blobs(files: Mapping[str, str], project: Project) -> dict[str, str]:
    """The input files of a state among a commit's ``files``: the policies folder, the published
    catalogs, the change records (they judge the text)."""
    blobs = {p: b for p, b in files.items() if p.startswith((f"{project.policies_dir}/", f"{CHANGES_DIR}/"))}
    blobs.update(_catalogs_only(dict(files), project))
    return dict(sorted(blobs.items()))


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def open_history(root: Path) -> Repository:
    """Open the repository whose history the site publishes, or say why it cannot be read."""
    try:
        repo = Repository(root)
    except GitError:
        raise HistoryUnavailable(f"cannot read the version history: {root} is not a git repository",
                                 fix=FULL_HISTORY_FIX) from None
    if repo.is_shallow():
        repo.close()
        raise HistoryUnavailable(
            "cannot read the version history: this is a shallow clone, earlier versions are missing",
            fix=FULL_HISTORY_FIX)
    try:
        repo.resolve("HEAD")
    except DamagedRepository:
        repo.close()
        raise
    except GitError:
        repo.close()
        raise HistoryUnavailable("cannot read the version history: the repository has no commits yet",
                                 fix="commit the policies first, or pass --no-history") from None
    return repo


def git_states(repo: Repository, project: Project, build_day: dt.date) -> list[State]:
    """Every state to publish: the baseline, each later commit touching the sources, the working tree.

    One ``git log --raw`` pass lists every commit with its files' blob ids
    (:meth:`~redline.gitio.Repository.first_parent_blobs`): no tree is read per commit.
    """
    paths = source_paths(project)
    start = project.history_start
    if start is None:
        listed = repo.first_parent_blobs("HEAD", paths)
        states = [commit_state(repo, project, commit, files) for commit, files in listed]
    else:
        base = _start_commit(repo, start)
        listed = repo.first_parent_blobs("HEAD", paths, since=base.sha)
        states = [undated(commit_state(repo, project, base))]
        states += [commit_state(repo, project, commit, files) for commit, files in listed]
    states.append(worktree_state(project, build_day))
    states[0] = _as_baseline(states[0])
    return states


def _start_commit(repo: Repository, start: str) -> Commit:
    try:
        base = repo.commit_info(start)
    except GitError as error:
        raise RedlineError(f"history_start '{start}': {error.what}", where="mkdocs.yml",
                           fix=error.fix) from None
    if not repo.is_ancestor(base.sha):
        raise RedlineError(f"history_start '{start}' is not in the history of HEAD", where="mkdocs.yml",
                           fix="set history_start to a commit of main (`git log --first-parent`)")
    return base


def source_paths(project: Project) -> tuple[str, ...]:
    """The folders whose commits are the history: policies, catalogs, change records (a record
    added after a translation is what accepts it)."""
    return project.policies_dir, project.locales_dir, CHANGES_DIR


def commit_state(repo: Repository, project: Project, commit: Commit, files: dict[str, str] | None = None
                 ) -> State:
    """The state of one commit (``files``: path -> blob id under the sources, when already known)."""
    folders = source_paths(project)
    if files is None:
        files = {path: blob for folder in folders for path, blob in repo.blob_ids(commit.sha, folder).items()}
    day = commit.committed.astimezone(dt.UTC).date()
    # the files' folders are known: the snapshot reads no tree to list them
    return State(f"commit {commit.short}", day, repo.commit_snapshot(commit).know(files, folders),
                 source_blobs(files, project))


def worktree_state(project: Project, build_day: dt.date) -> State:
    """The state of the files on disk (the newest state, dated the build date)."""
    tree = WorkTree(project.root)
    paths = [path for folder in source_paths(project) for path in tree.list(folder)]
    blobs = {path: blob_id(tree.read(path) or b"") for path in paths}
    sources = (f"{project.policies_dir}/", f"{CHANGES_DIR}/")
    blobs = {p: b for p, b in blobs.items() if p.startswith(sources)} | _catalogs_only(blobs, project)
    return State("working tree", build_day, tree, blobs)


def _catalogs_only(blobs: dict[str, str], project: Project) -> dict[str, str]:
    catalogs = {catalog_path(project.locales_dir, loc) for loc in project.translated_locales}
    return {path: blob for path, blob in blobs.items() if posixpath.normpath(path) in catalogs}


def _as_baseline(state: State) -> State:
    return dataclasses.replace(state, baseline=True)


def undated(state: State) -> State:
    """The same state, its day marked as not saying when its texts appeared."""
    return dataclasses.replace(state, dated=False)
