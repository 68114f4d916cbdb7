"""Review of the unset-date error: it names the value as the template spells it and the right fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.config import load_project
from redline.errors import RedlineError
from redline.load.snapshot import WorkTree
from redline.load.sources import load_sources
from redline.render.render import render_policy
from tests.render.test_cache import copy_example


def _render_error(root: Path, line: str) -> RedlineError:
    """The error of rendering the example's cookie policy with ``line`` as its text, no ``updated:``."""
    policy = root / "policies/cookies.md"
    text = policy.read_text(encoding="utf-8").replace("updated: 2026-02-01\n", "")
    head = text.split("\nEffective Date")[0]
    policy.write_text(f"{head}\n\n{line}\n", encoding="utf-8")
    sources = load_sources(WorkTree(root), load_project(root))
    with pytest.raises(RedlineError) as caught:
        render_policy(sources, sources.policy("cookies"), "en")
    return caught.value


def test_an_unset_data_date_named_updated_is_not_sent_to_the_front_matter(tmp_path: Path) -> None:
    """``company.updated`` is data: the fix names the data value, not the policy's front matter."""
    error = _render_error(copy_example(tmp_path), "Reviewed {{ company.updated | date }}.")
    assert "'company.updated' is not set" in error.what
    assert error.fix is not None and "front matter" not in error.fix and "company.updated" in error.fix


def test_an_unset_front_matter_date_keeps_its_message(tmp_path: Path) -> None:
    """``policy.updated`` still says to set ``updated:`` in the front matter (the bad-input case)."""
    error = _render_error(copy_example(tmp_path), "Updated {{ policy.updated | date }}.")
    assert "'updated' is not set" in error.what
    assert error.fix == "set `updated: YYYY-MM-DD` in the policy's front matter"
