"""The one module that talks to git (through GitPython).

Everything that needs history asks for a :class:`GitSnapshot` (the files of one
commit) or for the first-parent log. File contents come from one long-lived
``git cat-file --batch`` process (GitPython's persistent object reader), never a
process per commit or per file. Git's failures become :class:`GitError` with git's
own words and a fix.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import git
from git.exc import GitCommandError, InvalidGitRepositoryError, NoSuchPathError

from redline.errors import GitError

FIELD = "\x1f"
RECORD = "\x1e"
LOG_FORMAT = f"{RECORD}%H{FIELD}%P{FIELD}%cI{FIELD}%aI{FIELD}%B{FIELD}"


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

    @property
    def label(self) -> str:
        return f"commit {self.sha[:10]}"

    def read(self, path: str) -> bytes | None:
        return self.repo.read_blob(self.sha, path)

    def list(self, folder: str) -> list[str]:
        if folder not in self._listing:
            self._listing[folder] = self.repo.list_tree(self.sha, folder)
        return self._listing[folder]


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

    def is_shallow(self) -> bool:
        """True when the clone cannot see the whole history."""
        return self._git("rev-parse", "--is-shallow-repository").strip() == "true"

    def resolve(self, ref: str) -> str:
        """Return the commit id ``ref`` names, or fail saying how to get it."""
        try:
            return str(self.repo.git.rev_parse("--verify", "--quiet", f"{ref}^{{commit}}")).strip()
        except GitCommandError:
            hint = self._ref_hint(ref)
            raise GitError(f"unknown git ref '{ref}'", fix=hint) from None

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

    def read_blob(self, sha: str, path: str) -> bytes | None:
        """Contents of ``path`` at commit ``sha``, or None if it does not exist there."""
        try:
            _, kind, _, data = self.repo.git.get_object_data(f"{sha}:{path}")
        except ValueError:
            return None
        except GitCommandError as error:
            raise self._wrap(error, f"reading {path} at {sha[:10]}") from None
        return bytes(data) if kind in (b"blob", "blob") else None

    def list_tree(self, sha: str, folder: str) -> list[str]:
        """Every file path under ``folder`` at commit ``sha`` (through the object reader)."""
        try:
            tree = self.repo.commit(sha).tree
            sub = tree / folder if folder else tree
        except KeyError:
            return []
        except (ValueError, GitCommandError) as error:
            raise GitError(f"cannot read the tree of {sha[:10]}: {error}",
                           fix="the repository may be corrupt: run `git fsck`") from None
        blobs = (getattr(item, "path", "") for item in sub.traverse() if getattr(item, "type", "") == "blob")
        return sorted(str(p) for p in blobs)

    def first_parent_log(self, ref: str = "HEAD", paths: tuple[str, ...] = ()) -> list[Commit]:
        """Commits of ``ref``'s first-parent history, oldest first, with the paths each changed."""
        sha = self.resolve(ref)
        out = self._git("log", "--first-parent", "--reverse", "--name-only", "-m",
                        "--no-renames", f"--format={LOG_FORMAT}", sha, "--", *paths)
        return [_parse_commit(record) for record in out.split(RECORD) if record.strip()]

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


def open_repo(root: Path) -> Repository:
    """Open the repository at ``root``."""
    return Repository(root)
