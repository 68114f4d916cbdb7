"""The one writer of files that others read: a temporary file beside the target, then a rename.

A reader (a web server, a feed reader, the next command) sees the old file or the new one,
never half of one; a failure removes the temporary file and leaves the old file as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

#: how a temporary file is created: new (never an existing file or a link), write only
EXCLUSIVE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def write_atomic(path: Path, data: str | bytes, *, mode: int = 0o600) -> None:
    """Write ``data`` (text as UTF-8, newlines as given) to ``path`` through a rename; ``mode`` is the file's.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> write_atomic(target, "one\\n"); write_atomic(target, b"two\\n")
    >>> target.read_bytes(), sorted(p.name for p in target.parent.iterdir())
    (b'two\\n', ['a.txt'])
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    # a name of this process's own, opened exclusively (mkstemp's random names cost more than the
    # write of a small file); one left by a crashed process of the same id falls back to mkstemp
    temporary = str(path.parent / f".{path.name}.{os.getpid()}.tmp")
    try:
        handle = os.open(temporary, EXCLUSIVE, 0o600)  # the mode mkstemp gives
    except FileExistsError:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(raw)
        if mode != 0o600:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` for another program to fill; it replaces ``path`` at the end.

    Delete it inside the block to keep ``path`` as it is; on an error it is removed and
    ``path`` is untouched.
    """
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        if temporary.exists():
            os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
