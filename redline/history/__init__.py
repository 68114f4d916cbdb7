"""Every version of every policy, from main's first-parent history (see ``docs/versions.md``).

``states`` reads git (through :mod:`redline.gitio`), ``walk`` renders what each state
changed, ``model`` groups revisions into versions. :func:`read_history` ties them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from redline.config import Project
from redline.history.model import PolicyHistory, Revision, Version
from redline.history.parallel import prefill
from redline.history.states import (
    HistoryUnavailable,
    State,
    git_states,
    open_history,
    undated,
    worktree_state,
)
from redline.history.walk import Dated, History, load_history
from redline.render.cache import RenderCache

__all__ = [
    "History",
    "HistoryUnavailable",
    "PolicyHistory",
    "Revision",
    "State",
    "Version",
    "load_history",
    "read_history",
]


def read_history(
    project: Project, build_day: dt.date, *, allow_fallback: bool = False, history: bool = True,
    cache: RenderCache | None = None, dates: Dated | None = None,
) -> History:
    """Read and render the history of ``project``'s repository.

    Args:
        project: the project (its root is the repository).
        build_day: the build date (dates the working tree's uncommitted changes).
        allow_fallback: publish incomplete translations, marked.
        history: False publishes the working tree's current versions only (``--no-history``).
        cache: render cache to use.
        dates: each version's notice date, from the previous publication.
    """
    if not history:
        states = [undated(worktree_state(project, build_day))]
        return load_history(project, states, allow_fallback=allow_fallback, cache=cache, build_day=build_day,
                            dates=dates)
    repo = open_history(project.root)
    try:
        states = git_states(repo, project, build_day)
        workers = prefill(project, states, build_day, allow_fallback, cache) if cache is not None else 0
        found = load_history(project, states, allow_fallback=allow_fallback, cache=cache, build_day=build_day,
                            dates=dates)
        return dataclasses.replace(found, workers=workers)
    finally:
        repo.close()
