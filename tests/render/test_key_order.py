"""The render cache's key tells a data mapping from the same mapping in another order:
a loop over it prints in its order, so reordering it is an edit of the text."""

from __future__ import annotations

from pathlib import Path

from redline.render.cache import RenderCache
from redline.render.render import render_policy
from tests.render.test_cache import copy_example
from tests.render.test_review_pieces import _example

BUILDING, PREMISES = "  building: IFZA Dubai Building A3\n", "  premises: Premises No A3 L3 310 C\n"


def test_a_reordered_mapping_is_rendered_again(tmp_path: Path) -> None:
    """A loop over ``company.address`` after two of its keys swapped: the cache serves the new order."""
    texts = []
    cache = RenderCache()
    for swapped in (False, True):
        root = copy_example(tmp_path / str(swapped))
        data = root / "policies/_data/company.yml"
        text = data.read_text(encoding="utf-8")
        assert BUILDING + PREMISES in text
        data.write_text(text.replace(BUILDING + PREMISES, PREMISES + BUILDING) if swapped else text,
                        encoding="utf-8")
        sources = _example(root, "First: {% for key in company.address %}{{ key }} {% endfor %}")
        policy = sources.policy("cookies")
        cached = cache.render(sources, policy, "en").markdown
        texts.append((cached, render_policy(sources, policy, "en").markdown))
    assert [cached == fresh for cached, fresh in texts] == [True, True]
    assert "First: premises building" in texts[1][1]
