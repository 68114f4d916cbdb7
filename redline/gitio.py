"""The one module that talks to git (through GitPython).

Everything that needs history asks for a :class:`GitSnapshot` (the files of one
commit) or for the first-parent log. File contents come from one long-lived
``git cat-file --batch`` process (GitPython's persistent object reader), never a
process per commit or per file. Git's failures become :class:`GitError` with git's
own words and a fix.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import git
from git.exc import GitCommandError, InvalidGitRepositoryError, NoSuchPathError

from redline.errors import GitError
from redline.load.snapshot import submodule_error

FIELD = "\x1f"
RECORD = "\x1e"
LOG_FORMAT = f"{RECORD}%H{FIELD}%P{FIELD}%cI{FIELD}%aI{FIELD}%B{FIELD}"
FULL_ID_RE = re.compile(r"[0-9a-fA-F]{40}|[0-9a-fA-F]{64}")
DAMAGED_FIX = ("the repository is damaged: `git fsck` lists what is missing; fetch it again "
               "(`git fetch --refetch`) or make a fresh clone")


class DamagedRepository(GitError):
    """Git cannot read an object the history needs (deleted or corrupt object, lost pack file)."""


@dataclass(frozen=True)
class Commit:
    """One commit of the first-parent history.

    Attributes:
        sha: full commit id.
        parents: parent ids.
        committed: committer date (the day a change landed on main).
        authored: author date.
        message: full message (trailers included).
        paths: files this commit changed relative to its first parent.
    """

    sha: str
    parents: tuple[str, ...]
    committed: dt.datetime
    authored: dt.datetime
    message: str
    paths: tuple[str, ...] = ()

    @property
    def short(self) -> str:
        """Abbreviated id for messages."""
        return self.sha[:10]


@dataclass
class GitSnapshot:
    """The files of one commit, read through the repository's object reader."""

    repo: Repository
    sha: str
    _listing: dict[str, list[str]] = field(default_factory=dict)
    #: folder -> (path -> blob id) of every file under it, read once from the folder's tree
    _ids: dict[str, dict[str, str]] = field(default_factory=dict)
    #: every file under some folders, known already (:meth:`know`): their listings need no tree
    _known: tuple[Mapping[str, str], tuple[str, ...]] | None = None

    @property
    def label(self) -> str:
        return f"commit {self.sha[:10]}"

    def read(self, path: str) -> bytes | None:
        return self.repo.read_blob(self.sha, path)

    def list(self, folder: str) -> list[str]:
        if folder not in self._listing:
            self._listing[folder] = list(self._folder_ids(folder))
        return self._listing[folder]

    def blob_id(self, path: str) -> str | None:
        """Git's id of ``path`` here (a hash of its contents), or None when it does not exist.

        Comes from the folder's tree, so callers can tell an unchanged file without reading it.
        """
        for folder, ids in self._ids.items():
            if not folder or path.startswith(f"{folder}/"):
                return ids.get(path)
        return self._folder_ids(path.rsplit("/", 1)[0] if "/" in path else "").get(path)

    def know(self, files: Mapping[str, str], folders: Iterable[str]) -> GitSnapshot:
        """Take ``files`` (path -> blob id) as every file here under each of ``folders``, what
        :meth:`Repository.blob_ids` reads from the trees: the history's log lists each commit's
        files, so the commits it walks need no tree read. Returns this snapshot.

        Kept as given and filtered when a folder is first listed: a walk that recalls every
        text from the cache lists nothing."""
        self._known = (files, tuple(f.strip("/") for f in folders))
        return self

    def _folder_ids(self, folder: str) -> dict[str, str]:
        if folder not in self._ids:
            # every file under a folder is known with its parent's: filtered, not read again
            plain = folder.strip("/")
            known: Mapping[str, str] | None = next(
                (ids for parent, ids in self._ids.items()
                 if plain and (not parent or plain.startswith(f"{parent.strip('/')}/"))), None)
            if known is None and self._known is not None and any(
                    plain == given or plain.startswith(f"{given}/") for given in self._known[1]):
                known = self._known[0]
            self._ids[folder] = self.repo.blob_ids(self.sha, folder) if known is None else \
                dict(sorted((path, blob) for path, blob in known.items() if path.startswith(f"{plain}/")))
        return self._ids[folder]


class Repository:
    """A git repository opened once; every git call of Redline goes through here."""

    def __init__(self, root: Path) -> None:
        try:
            self.repo = git.Repo(root, search_parent_directories=False)
        except (InvalidGitRepositoryError, NoSuchPathError):
            raise GitError(f"{root} is not a git repository",
                           fix="run redline inside a clone of the policy repository") from None
        self.root = root

    def close(self) -> None:
        """Stop the long-lived git processes."""
        self.repo.close()

    def has_commits(self) -> bool:
        """False in a repository where nothing was committed yet (HEAD names no commit)."""
        if self.repo.head.is_valid():
            return True
        self._check_readable("HEAD")
        return False

    def is_shallow(self) -> bool:
        """True when the clone cannot see the whole history."""
        return self._git("rev-parse", "--is-shallow-repository").strip() == "true"

    def resolve(self, ref: str) -> str:
        """Return the commit id ``ref`` names, or fail saying how to get it.

        The long-lived object reader answers (no process per call, so a snapshot per commit
        stays cheap); a name it cannot resolve goes to ``git rev-parse`` for git's verdict.
        """
        if ref and not any(c.isspace() for c in ref):
            try:
                sha, kind, _ = self.repo.git.get_object_header(f"{ref}^{{commit}}")
                if _text(kind) == "commit":
                    return _text(sha)
            except (ValueError, GitCommandError):
                pass
        try:
            return str(self.repo.git.rev_parse("--verify", "--quiet", f"{ref}^{{commit}}")).strip()
        except GitCommandError:
            self._check_readable(ref)
            hint = self._ref_hint(ref)
            raise GitError(f"unknown git ref '{ref}'", fix=hint) from None

    def _check_readable(self, ref: str) -> None:
        """Fail when ``ref`` (or HEAD) names a commit whose object git cannot read: a damaged repository."""
        for name in dict.fromkeys((ref, "HEAD")):
            if FULL_ID_RE.fullmatch(name):
                continue  # a full id "resolves" to itself whether or not git has it: unknown, not damaged
            try:
                sha = str(self.repo.git.rev_parse("--verify", "--quiet", name)).strip()
            except GitCommandError:
                continue
            try:
                self.repo.git.cat_file("-e", sha)
            except GitCommandError:
                raise DamagedRepository(f"cannot read {name} (commit {sha[:10]}): its git object is missing "
                                        "or corrupt", fix=DAMAGED_FIX) from None

    def _ref_hint(self, ref: str) -> str:
        if self.is_shallow():
            return "this is a shallow clone: fetch the whole history (`git fetch --unshallow`, " \
                   "or actions/checkout with fetch-depth: 0)"
        if "/" in ref:
            remote, _, branch = ref.partition("/")
            return f"fetch it first: `git fetch {remote} {branch}`"
        return "check the branch, tag or commit name (`git log --oneline` lists commits)"

    def snapshot(self, ref: str) -> GitSnapshot:
        """The files of the commit ``ref`` names."""
        return GitSnapshot(self, self.resolve(ref))

    def commit_snapshot(self, commit: Commit) -> GitSnapshot:
        """The files of ``commit``, one this repository's log listed (its id needs no resolving)."""
        return GitSnapshot(self, commit.sha)

    def read_blob(self, sha: str, path: str) -> bytes | None:
        """Contents of ``path`` at commit ``sha``, or None if it does not exist there."""
        try:
            _, kind, _, data = self.repo.git.get_object_data(f"{sha}:{path}")
        except ValueError:
            self._check_absent(sha, path)
            return None
        except GitCommandError as error:
            raise self._wrap(error, f"reading {path} at {sha[:10]}") from None
        return bytes(data) if kind in (b"blob", "blob") else None

    def _check_absent(self, sha: str, path: str) -> None:
        """Git says "missing" both for a path not in the tree and for a damaged object: tell them apart."""
        try:
            entry = self.repo.commit(sha).tree / path
        except KeyError:
            return
        except (ValueError, GitCommandError):
            raise DamagedRepository(f"cannot read the tree of {sha[:10]}: a git object is missing or corrupt",
                                    fix=DAMAGED_FIX) from None
        raise DamagedRepository(f"cannot read {path} at {sha[:10]}: git object {entry.hexsha[:10]} is "
                                "missing or corrupt", fix=DAMAGED_FIX)

    def list_tree(self, sha: str, folder: str) -> list[str]:
        """Every file path under ``folder`` at commit ``sha`` (through the object reader)."""
        return list(self.blob_ids(sha, folder))

    def first_parent_log(
        self, ref: str = "HEAD", paths: tuple[str, ...] = (), since: str | None = None
    ) -> list[Commit]:
        """Commits of ``ref``'s first-parent history, oldest first, with the paths each changed.

        Args:
            ref: the tip of the history.
            paths: only commits that changed these paths (all commits when empty).
            since: only commits after this one (it is excluded, like ``git log since..ref``).
        """
        sha = self.resolve(ref)
        span = f"{self.resolve(since)}..{sha}" if since else sha
        out = self._git("log", "--first-parent", "--reverse", "--name-only", "-m",
                        "--no-renames", f"--format={LOG_FORMAT}", span, "--", *paths)
        return [_parse_commit(record) for record in out.split(RECORD) if record.strip()]

    def commit_info(self, ref: str) -> Commit:
        """The commit ``ref`` names (its dates and message; ``paths`` left empty)."""
        out = self._git("log", "-1", f"--format={LOG_FORMAT}", self.resolve(ref))
        return _parse_commit(out.split(RECORD, 1)[1] + FIELD)

    def is_ancestor(self, ancestor: str, ref: str = "HEAD") -> bool:
        """True when commit ``ancestor`` is in the history of ``ref``."""
        try:
            self.repo.git.merge_base("--is-ancestor", self.resolve(ancestor), self.resolve(ref))
        except GitCommandError as error:
            if error.status == 1:
                return False
            raise self._wrap(error, "git merge-base") from None
        return True

    def default_branch(self) -> str | None:
        """The branch a pull request merges into: ``origin/HEAD``'s target, else ``main``, else ``master``."""
        try:
            remote = self._git("symbolic-ref", "--quiet", "refs/remotes/origin/HEAD").strip()
        except GitError:
            remote = ""
        candidates = [remote.removeprefix("refs/remotes/")] if remote else []
        for name in (*candidates, "main", "master", "origin/main", "origin/master"):
            try:
                self.resolve(name)
            except GitError:
                continue
            return name
        return None

    def merge_base(self, one: str, other: str = "HEAD") -> str:
        """The commit ``one`` and ``other`` last had in common (what a pull request compares with)."""
        return self._git("merge-base", self.resolve(one), self.resolve(other)).strip()

    def blob_ids(self, sha: str, folder: str) -> dict[str, str]:
        """Path -> git blob id of every file under ``folder`` at ``sha``, sorted, without reading contents.

        Tree objects come raw from the long-lived object reader, one request per folder.
        """
        folder = folder.strip("/")
        root = self._tree(f"{sha}:{folder}" if folder else f"{sha}^{{tree}}")
        if root is None:
            self._absent_folder(sha, folder)
            return {}
        found: dict[str, str] = {}
        pending = [(root, folder)]
        while pending:
            data, prefix = pending.pop()
            for mode, name, oid in _tree_entries(data, len(sha) // 2):
                path = f"{prefix}/{name}" if prefix else name
                if mode == b"40000":
                    pending.append((self._subtree(oid, sha), path))
                elif mode == b"160000":
                    raise submodule_error(path)
                else:
                    found[path] = oid
        return dict(sorted(found.items()))

    def _subtree(self, oid: str, sha: str) -> bytes:
        data = self._tree(oid)
        if data is None:
            raise _damaged_tree(sha)
        return data

    def _absent_folder(self, sha: str, folder: str) -> None:
        """Git says "missing" for a folder not in the tree and for a damaged one: tell them apart."""
        self._require_commit(sha)
        parent, _, name = folder.rpartition("/")
        data = self._tree(f"{sha}:{parent}" if parent else f"{sha}^{{tree}}")
        if data is None:
            if not folder:
                raise _damaged_tree(sha)
            self._absent_folder(sha, parent)
            return
        if any(mode == b"40000" and entry == name for mode, entry, _ in _tree_entries(data, len(sha) // 2)):
            raise _damaged_tree(sha)

    def first_parent_blobs(
        self, ref: str = "HEAD", paths: tuple[str, ...] = (), since: str | None = None
    ) -> list[tuple[Commit, dict[str, str]]]:
        """Like :meth:`first_parent_log`, each commit with path -> blob id of every file under ``paths``.

        One ``git log --raw`` pass gives what each commit changed; the files of every commit
        follow by applying those changes in order (plus one tree read of ``since``), never a
        process or a tree read per commit.
        """
        sha = self.resolve(ref)
        base = self.resolve(since) if since else None
        out = self._git("log", "--first-parent", "--reverse", "-m", "--root", "--raw", "-z", "--no-abbrev",
                        "--no-renames", "--no-color", f"--format={LOG_FORMAT}",
                        f"{base}..{sha}" if base else sha, "--", *paths)
        listed = [_parse_raw_commit(record) for record in out.split(RECORD) if record.strip("\0\n")]
        files: dict[str, str] = {}
        # each change is against the commit's first parent: start from the first one's parent,
        # which is ``since`` only when ``since`` is on the first-parent line (it may be on a
        # branch merged into it, whose files the commits before the merge do not have)
        start = listed[0][0].parents[:1] if base is not None and listed else ()
        for parent in start:
            for folder in paths or ("",):
                files.update(self.blob_ids(parent, folder))
        found = []
        for commit, changes in listed:
            _apply(files, changes)
            found.append((commit, dict(files)))
        return found

    def _tree(self, spec: str) -> bytes | None:
        try:
            _, kind, _, data = self.repo.git.get_object_data(spec)
        except ValueError:
            return None
        except GitCommandError as error:
            raise self._wrap(error, f"reading the tree {spec[:50]}") from None
        return bytes(data) if _text(kind) == "tree" else None

    def _require_commit(self, sha: str) -> None:
        try:
            self.repo.git.get_object_header(f"{sha}^{{commit}}")
        except (ValueError, GitCommandError):
            raise GitError(f"cannot read the tree of {sha[:10]}: no such commit",
                           fix="the repository may be corrupt: run `git fsck`") from None

    def _git(self, *args: str) -> str:
        try:
            return str(self.repo.git.execute(["git", *args], strip_newline_in_stdout=False))
        except GitCommandError as error:
            raise self._wrap(error, f"git {args[0]}") from None

    @staticmethod
    def _wrap(error: GitCommandError, doing: str) -> GitError:
        said = (error.stderr or str(error)).strip().removeprefix("stderr:").strip(" '\n")
        return GitError(f"{doing} failed: {said}",
                        fix="check the repository with `git status` and `git fsck`")


def _parse_commit(record: str) -> Commit:
    sha, parents, committed, authored, message, names = record.split(FIELD, 5)
    paths = tuple(dict.fromkeys(line for line in names.splitlines() if line.strip()))
    return Commit(
        sha=sha.strip(),
        parents=tuple(parents.split()),
        committed=dt.datetime.fromisoformat(committed),
        authored=dt.datetime.fromisoformat(authored),
        message=message.strip(),
        paths=paths,
    )


def _damaged_tree(sha: str) -> DamagedRepository:
    return DamagedRepository(f"cannot read the tree of {sha[:10]}: a git object is missing or corrupt",
                             fix=DAMAGED_FIX)


def _text(value: str | bytes) -> str:
    return value.decode("ascii") if isinstance(value, bytes) else str(value)


def _tree_entries(data: bytes, size: int) -> list[tuple[bytes, str, str]]:
    """(mode, name, id) of each entry of a raw tree object (``size``: bytes of an object id)."""
    entries, i = [], 0
    while i < len(data):
        space = data.index(b" ", i)
        nul = data.index(b"\0", space)
        name = data[space + 1:nul].decode("utf-8", "surrogateescape")
        entries.append((data[i:space], name, data[nul + 1:nul + 1 + size].hex()))
        i = nul + 1 + size
    return entries


def _parse_raw_commit(record: str) -> tuple[Commit, list[tuple[str, str | None]]]:
    """A ``--raw -z`` log record: the commit, and (path, new blob id or None if gone) per change."""
    head, _, raw = record.rpartition(FIELD)
    fields = raw.lstrip("\0\n").split("\0")
    changes: list[tuple[str, str | None]] = []
    for meta, path in zip(fields[0::2], fields[1::2], strict=False):
        _, new_mode, _, new_id, status = meta.lstrip(":").split(" ")
        if new_mode == "160000":
            raise submodule_error(path)
        gone = status.startswith("D")
        changes.append((path, None if gone else new_id))
    commit = _parse_commit(head + FIELD + "\n".join(dict.fromkeys(path for path, _ in changes)))
    return commit, changes


def _apply(files: dict[str, str], changes: list[tuple[str, str | None]]) -> None:
    for path, blob in changes:
        if blob is None:
            files.pop(path, None)
        else:
            files[path] = blob


def blob_id(data: bytes) -> str:
    """The id git gives a file with these contents (so working-tree files compare with commits).

    >>> blob_id(b"")
    'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391'
    """
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def open_repo(root: Path) -> Repository:
    """Open the repository at ``root``."""
    return Repository(root)

