"""Write a history into a repository with one ``git fast-import`` process.

Catalog blobs go first, locale by locale, so fast-import stores each version as a small
delta of the previous version of the same catalog; then the commits, which name those
blobs by mark and carry the (small) policy and data files inline.
"""

from __future__ import annotations

import datetime as dt
import os
import queue
import subprocess
import threading
from pathlib import Path
from typing import BinaryIO

from bench.synth.catalog import Writer
from bench.synth.timeline import Step

IDENTITY = "Redline Bench <bench@example.com>"


def catalog_path(locale: str) -> str:
    """Repository path of a locale's catalog."""
    return f"locales/{locale}/LC_MESSAGES/messages.po"


def _data(out: BinaryIO, payload: bytes) -> None:
    out.write(b"data %d\n" % len(payload))
    out.write(payload)
    out.write(b"\n")


def write_blobs(out: BinaryIO, steps: list[Step], locales: list[str]) -> dict[tuple[int, str], int]:
    """Emit every version of every catalog; return (step, locale) -> mark."""
    marks: dict[tuple[int, str], int] = {}
    for locale in locales:
        writer, entries, fixes = Writer(locale), (), {}
        for i, step in enumerate(steps):
            if step.entries is None and locale not in step.fixes:
                continue
            entries = step.entries if step.entries is not None else entries
            fixes = step.fixes.get(locale, fixes)
            marks[(i, locale)] = len(marks) + 1
            out.write(b"blob\nmark :%d\n" % marks[(i, locale)])
            _data(out, writer.text(entries, fixes))
    return marks


def write_commits(out: BinaryIO, steps: list[Step], locales: list[str],
                  marks: dict[tuple[int, str], int]) -> None:
    """Emit one commit per step on ``refs/heads/main``, at noon UTC of its date."""
    for i, step in enumerate(steps):
        stamp = int(dt.datetime.combine(step.date, dt.time(12), dt.UTC).timestamp())
        out.write(b"commit refs/heads/main\n")
        for role in (b"author", b"committer"):
            out.write(b"%s %s %d +0000\n" % (role, IDENTITY.encode(), stamp))
        _data(out, step.message.encode("utf-8") + b"\n")
        for path, content in sorted(step.files.items()):
            out.write(f"M 100644 inline {path}\n".encode())
            _data(out, content.encode("utf-8") if isinstance(content, str) else content)
        for locale in locales:
            if (i, locale) in marks:
                out.write(f"M 100644 :{marks[(i, locale)]} {catalog_path(locale)}\n".encode())
    out.write(b"done\n")


class _Pipe:
    """Writes to fast-import from a thread, so formatting the next blob overlaps git's work."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.queue: queue.Queue[bytes | None] = queue.Queue(maxsize=64)
        self.thread = threading.Thread(target=self._drain, daemon=True)
        self.thread.start()

    def write(self, payload: bytes) -> None:
        self.queue.put(payload)

    def _drain(self) -> None:
        while (payload := self.queue.get()) is not None:
            self.stream.write(payload)

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()
        self.stream.close()


def import_history(root: Path, steps: list[Step], locales: list[str]) -> None:
    """Create the repository at ``root`` holding ``steps``, with its working tree checked out."""
    env = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
           "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, env=env, check=True)
    process = subprocess.Popen(["git", "fast-import", "--quiet", "--done"], stdin=subprocess.PIPE,
                               cwd=root, env=env)
    assert process.stdin is not None
    pipe = _Pipe(process.stdin)
    try:
        write_commits(pipe, steps, locales, write_blobs(pipe, steps, locales))  # type: ignore[arg-type]
    finally:
        pipe.close()
    if process.wait() != 0:
        raise SystemExit(f"git fast-import failed in {root}")
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=root, env=env, check=True)
