"""A snapshot is the set of files of one side of a comparison: a commit, or the working tree.

Every stage reads sources through this interface; only :mod:`redline.gitio` knows git.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol


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
        # A symlink could point anywhere (/etc/passwd): policy sources are plain files only.
        candidate = self.root / path
        target = candidate.resolve()
        if candidate.is_symlink() or not target.is_relative_to(self.root) or not target.is_file():
            return None
        return target.read_bytes()

    def list(self, folder: str) -> list[str]:
        base = self.root / folder
        if not base.is_dir():
            return []
        found = (p for p in base.rglob("*") if p.is_file() and not p.is_symlink())
        return sorted(p.relative_to(self.root).as_posix() for p in found)


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
