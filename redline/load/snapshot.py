"""A snapshot is the set of files of one side of a comparison: a commit, or the working tree.

Every stage reads sources through this interface; only :mod:`redline.gitio` knows git.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

from redline.errors import RedlineError


class Snapshot(Protocol):
    """Read-only view of a repository's files at one point in time."""

    @property
    def label(self) -> str:
        """Human name of the snapshot (``working tree``, a short commit id)."""
        ...

    def read(self, path: str) -> bytes | None:
        """Return the bytes of ``path`` (POSIX, relative to the root), or None if absent."""
        ...

    def list(self, folder: str) -> list[str]:
        """Return every file path under ``folder``, sorted, relative to the root."""
        ...


class WorkTree:
    """The files on disk under ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    @property
    def label(self) -> str:
        return "working tree"

    def read(self, path: str) -> bytes | None:
        # A symlink could point anywhere (/etc/passwd): sources are plain files, a link is an error.
        refuse_links(self.root, path)
        target = (self.root / path).resolve()
        if not target.is_relative_to(self.root) or not target.is_file():
            return None
        return target.read_bytes()

    def list(self, folder: str) -> list[str]:
        refuse_links(self.root, folder)
        base = self.root / folder
        if not base.is_dir():
            return []
        found: list[Path] = []
        # Links are listed (so reading them fails loudly), never followed: a linked folder is not entered.
        for top, folders, files in os.walk(base):
            here = Path(top)
            if ".git" in files or ".git" in folders:
                raise submodule_error(here.relative_to(self.root).as_posix())
            found += [here / name for name in files if (here / name).is_file() or (here / name).is_symlink()]
            found += [here / name for name in folders if (here / name).is_symlink()]
        return sorted(p.relative_to(self.root).as_posix() for p in found)


def refuse_links(root: Path, path: str) -> None:
    """Fail if ``path`` or a folder on the way to it is a symbolic link."""
    current = root
    for part in Path(path).parts:
        current = current / part
        if current.is_symlink():
            raise RedlineError(
                f"is a symbolic link (to {os.readlink(current)})",
                where=current.relative_to(root).as_posix(),
                fix="replace the link with a copy of the file: sources are read from plain files only, "
                    "so that no file outside the repository is ever published",
            )


class MemorySnapshot:
    """Files held in a dict: used by tests and by callers that already read the files."""

    def __init__(self, files: dict[str, bytes], label: str = "memory") -> None:
        self.files = dict(files)
        self._label = label

    @property
    def label(self) -> str:
        return self._label

    def read(self, path: str) -> bytes | None:
        return self.files.get(path)

    def list(self, folder: str) -> list[str]:
        prefix = folder.rstrip("/") + "/"
        return sorted(p for p in self.files if p.startswith(prefix))


def submodule_error(path: str) -> RedlineError:
    """A submodule among the sources: its files are in no commit of this repository, so it is refused."""
    return RedlineError(
        "is a git submodule (or a nested repository)", where=path,
        fix="copy its files into this repository: a submodule's text is not part of a commit, "
            "so `redline render` and `redline build` would publish different versions of it",
    )
