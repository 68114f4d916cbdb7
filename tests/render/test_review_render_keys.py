"""Review of the render key: a data value named after a string holding ``}}`` is still an input."""

from __future__ import annotations

import re
from pathlib import Path

from redline.config import load_project
from redline.load.snapshot import WorkTree
from redline.load.sources import load_sources
from redline.render.cache import RenderCache
from redline.render.inputs import code_paths
from tests.render.test_cache import copy_example
from tests.render.test_pieces import HEAD


def test_a_delimiter_inside_a_string_makes_the_template_depend_on_all_data() -> None:
    """The regex stops at the ``}}`` (``%}``) in a string: the names after it must not be lost."""
    assert code_paths('Brand: {{ "}}" ~ company.brand }}.') is None
    assert code_paths('{% if "%}" and company.brand %}y{% endif %}') is None
    assert code_paths("{{ '\"' ~ \"}}\" ~ company.brand }}") is None
    assert code_paths('{{ "a" ~ company.brand }} it\'s') == frozenset({("a",), ("company", "brand")})


def test_a_data_change_read_after_such_a_string_renders_again(tmp_path: Path) -> None:
    """A cache never serves the text of the old data value (the key covers the value read)."""
    root = copy_example(tmp_path)
    (root / "policies/cookies.md").write_text(HEAD + 'Brand: {{ "}}" ~ company.brand }}.\n', encoding="utf-8")
    cache = RenderCache()
    before = load_sources(WorkTree(root), load_project(root))
    assert "}}Dexo.chat." in cache.render(before, before.policy("cookies"), "en").markdown
    company = root / "policies/_data/company.yml"
    company.write_text(re.sub(r"brand: .*", "brand: NewBrand", company.read_text(encoding="utf-8"), count=1),
                       encoding="utf-8")
    after = load_sources(WorkTree(root), load_project(root))
    assert "}}NewBrand." in cache.render(after, after.policy("cookies"), "en").markdown
