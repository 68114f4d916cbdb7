"""The pending step takes the points its early questions gathered: the same as gathering them again."""

from __future__ import annotations

import datetime as dt

from redline.config import load_project
from redline.history.model import canonical_ids
from redline.history.pendingwalk import points_of
from redline.history.states import git_states, open_history
from redline.history.walk import _Walk
from redline.render.cache import RenderCache
from tests.conftest import GitProject
from tests.history.test_review_returning_dates import returning_history


def test_early_points_are_the_points_of_the_revisions(empty_git_project: GitProject) -> None:
    """A history with pending states and a date that returns: per policy, each point's date, id and
    texts in every locale are those points_of finds from the walk's revisions."""
    returning_history(empty_git_project)
    project = load_project(empty_git_project.root)
    repo = open_history(project.root)
    states = git_states(repo, project, dt.date(2026, 12, 1))
    walk = _Walk(project, states, True, RenderCache())
    revisions = walk.revisions(asking=True)
    canonical = canonical_ids({r.policy: r.formerly for r in revisions})
    assert walk.early is not None
    found = walk.early.points(canonical)
    assert found is not None and found[0]
    assert found == points_of(canonical, revisions)
    renamed = {**canonical, next(iter(canonical)): "another-id"}
    assert walk.early.points(renamed) is None  # grouped by latest id there: gathered again
    repo.close()
