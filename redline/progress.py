"""Progress of long work on stderr: one line per finished stage, a bar while locales build.

Shown when stderr is a terminal (or when asked with ``--progress``), never when piped,
so logs and the tests' whole-output comparisons see only each command's last line;
``--quiet`` silences that line too. Elapsed times come from a monotonic clock.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TextIO

import click


@dataclass
class Stage:
    """One stage under way: the caller says what it did (``summary``) before it ends."""

    summary: str = ""


@dataclass
class Progress:
    """Where stage lines and the bar go, and whether they are shown at all.

    Attributes:
        enabled: show stage lines (and, on a terminal, a bar).
        stream: where they go (stderr).
        clock: seconds, monotonic (injectable for tests).
        quiet: ``--quiet`` was given: the command's closing line is left out too.
    """

    enabled: bool
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    clock: Callable[[], float] = time.monotonic
    quiet: bool = False

    @classmethod
    def auto(cls, quiet: bool, forced: bool | None) -> Progress:
        """On when stderr is a terminal, or as ``--progress/--no-progress`` says; off with ``quiet``."""
        if quiet:
            return cls(False, quiet=True)
        return cls(sys.stderr.isatty() if forced is None else forced)

    @contextmanager
    def stage(self, label: str) -> Iterator[Stage]:
        """Time the work in the block; print ``label: summary (1.2 s)`` when it ends well."""
        started, stage = self.clock(), Stage()
        yield stage
        if self.enabled:
            elapsed = self.clock() - started
            said = f": {stage.summary}" if stage.summary else ""
            click.echo(f"{label}{said} ({elapsed:.1f} s)", file=self.stream)

    @contextmanager
    def bar(self, length: int, label: str) -> Iterator[Callable[[str], None]]:
        """A bar of ``length`` steps on a terminal (click's own); yields the step callback."""
        if not (self.enabled and self.stream.isatty()):
            yield lambda _item: None
            return
        with click.progressbar(length=length, label=label, file=self.stream,
                               item_show_func=lambda item: item) as shown:
            yield lambda item: shown.update(1, item)


def counted(number: int, one: str, many: str | None = None) -> str:
    """``1 page``, ``2 pages``: stage lines are English, for the person running the command.

    >>> counted(1, "policy", "policies"), counted(3, "policy", "policies"), counted(0, "page")
    ('1 policy', '3 policies', '0 pages')
    """
    return f"{number} {one if number == 1 else many or one + 's'}"
