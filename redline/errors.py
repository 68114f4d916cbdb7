"""One exception hierarchy: users see a message that says where, what and how to fix it.

Free of click: the command line (``redline/cli.py``) turns these into click's message and exit status.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class Failure(Exception):
    """What a user is told instead of a traceback: ``message`` and the process's ``exit_code``."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class RedlineError(Failure):
    """Bad input or usage: exit status 2, never a traceback.

    Args:
        message: what is wrong.
        where: ``file`` or ``file:line`` the problem is in.
        fix: one sentence on how to fix it.
    """

    exit_code = 2

    def __init__(self, message: str, *, where: str | None = None, fix: str | None = None) -> None:
        self.where = where
        self.fix = fix
        self.what = message
        text = f"{where}: {message}" if where else message
        if fix:
            text = f"{text}\n  fix: {fix}"
        super().__init__(text)


class CheckFailed(Failure):
    """A check found problems (e.g. notice period too short): exit status 1."""

    exit_code = 1


class GitError(RedlineError):
    """A git operation failed; the message echoes git's own words."""


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """Return a `` — did you mean 'x'?`` suffix, or an empty string.

    >>> did_you_mean("retention.logz", ["retention.logs", "retention.billing"])
    " — did you mean 'retention.logs'?"
    >>> did_you_mean("zzz", ["retention.logs"])
    ''
    """
    match = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f" — did you mean '{match[0]}'?" if match else ""
