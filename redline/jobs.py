"""How many processes to run work in, and how to start them (env ``REDLINE_JOBS``)."""

from __future__ import annotations

import multiprocessing
import threading

from redline.errors import RedlineError

JOBS_ENV = "REDLINE_JOBS"


def worker_count(tasks: int, cpus: int | None, setting: str | None) -> int:
    """``REDLINE_JOBS`` if set, else one process per core, never more than ``tasks``.

    >>> worker_count(4, 2, None), worker_count(4, None, None), worker_count(4, 8, None)
    (2, 1, 4)
    >>> worker_count(4, 2, "1"), worker_count(4, 2, "3"), worker_count(2, 2, "8")
    (1, 3, 2)
    """
    wanted = cpus or 1
    if setting is not None and setting.strip():
        if not setting.strip().isdigit() or int(setting) < 1:
            raise RedlineError(f"environment variable {JOBS_ENV} is {setting!r}, not a number of processes",
                               fix=f"set {JOBS_ENV} to a whole number of at least 1 (1 does everything "
                                   "in one process), or unset it to use one process per core")
        wanted = int(setting)
    return max(1, min(tasks, wanted))


def start_method() -> str:
    """How worker processes start: the platform's default, but never a fork of a threaded process.

    A fork is the cheapest start (everything is already imported), and the ``redline``
    commands run one thread. A host that runs others (a test server, a progress bar) gets
    fresh interpreters instead: a fork copies locks that its other threads may hold.
    """
    default = multiprocessing.get_all_start_methods()[0]
    return "spawn" if default == "fork" and threading.active_count() > 1 else default
