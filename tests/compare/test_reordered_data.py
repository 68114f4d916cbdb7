"""Data whose keys only changed order (no fact shows it) still changes a text that loops over it:
the comparison renders it, and the pending judge does not take the two points for alike."""

from __future__ import annotations

from pathlib import Path

from redline.compare.changeset import compare_policy
from redline.compare.pairing import pair_policies
from redline.diff import diff_facts
from redline.history import pending
from redline.load.sources import Sources
from redline.render.cache import RenderCache
from tests.render.test_cache import copy_example
from tests.render.test_key_order import BUILDING, PREMISES
from tests.render.test_review_pieces import _example

FIRST = "We write to {% for key in company.address %}{% if loop.first %}the {{ key }}{% endif %}{% endfor %}."


def _sides(tmp_path: Path) -> list[Sources]:
    sides = []
    for swapped in (False, True):
        root = copy_example(tmp_path / str(swapped))
        data = root / "policies/_data/company.yml"
        text = data.read_text(encoding="utf-8")
        data.write_text(text.replace(BUILDING + PREMISES, PREMISES + BUILDING) if swapped else text,
                        encoding="utf-8")
        sides.append(_example(root, FIRST))
    return sides


def test_a_reordered_mapping_a_text_loops_over_is_compared(tmp_path: Path) -> None:
    """"the building" became "the premises": a changed section, though no fact changed."""
    old, new = _sides(tmp_path)
    assert not diff_facts(old.data.values, new.data.values)  # the facts cannot tell
    pair = next(p for p in pair_policies(old.policies, new.policies) if p.id == "cookies")
    change = compare_policy(pair, old, new, (), RenderCache())
    assert change.report.sections, "the reordered mapping changed the text"
    assert not pending.reads_alike(pending.dated(pair), old, new)
