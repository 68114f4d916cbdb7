"""Review of the cached ``date`` filter: a bad format is an error with its line, never text or a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.config import load_project
from redline.errors import RedlineError
from redline.load.snapshot import WorkTree
from redline.load.sources import load_sources
from redline.render.render import render_policy
from tests.render.test_cache import copy_example
from tests.render.test_pieces import HEAD


@pytest.mark.parametrize(("call", "said"), [
    ("date(none)", "date format None is no text"),
    ("date(5)", "date format 5 is no text"),
    ('date("zzzz")', "date format 'zzzz' asks for a time or a time zone"),
    ('date("HH:mm")', "date format 'HH:mm' asks for a time or a time zone"),
])
def test_a_bad_date_format_is_a_template_error(tmp_path: Path, call: str, said: str) -> None:
    """``date(none)`` printed "Non7" (the format taken as text), ``date("zzzz")`` raised a traceback."""
    root = copy_example(tmp_path)
    (root / "policies/cookies.md").write_text(HEAD + f"Updated {{{{ policy.updated | {call} }}}}.\n",
                                              encoding="utf-8")
    sources = load_sources(WorkTree(root), load_project(root))
    with pytest.raises(RedlineError) as caught:
        render_policy(sources, sources.policy("cookies"), "en")
    assert caught.value.where == "policies/cookies.md:9"
    assert caught.value.what.startswith(f"template error: {said}")


def test_the_usual_formats_still_read_as_before(tmp_path: Path) -> None:
    """``long`` (the default), ``short`` and a CLDR pattern of date fields format the date."""
    root = copy_example(tmp_path)
    body = ('A {{ policy.updated | date }}, {{ policy.updated | date("short") }}, '
            '{{ policy.updated | date("y") }}.')
    (root / "policies/cookies.md").write_text(HEAD + body + "\n", encoding="utf-8")
    sources = load_sources(WorkTree(root), load_project(root))
    text = render_policy(sources, sources.policy("cookies"), "en").markdown
    assert "A February 1, 2026, 2/1/26, 2026." in text
