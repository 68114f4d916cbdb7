"""A reused piece is what running it gives, also where its text reads more than the data:
the project's interface words (``duration(form=...)``) and the page's own path (``self``)."""

from __future__ import annotations

from pathlib import Path

import pytest

import redline.render.render as render_module
from redline.i18n import uiwords
from redline.load.sources import Sources
from redline.render.render import run_template
from redline.render.reuse import Outputs
from tests.render.test_cache import copy_example
from tests.render.test_review_pieces import _example


def _run(sources: Sources, template: str, path: str = "policies/cookies.md") -> str:
    return run_template(sources, "en", template, path, list(range(1, template.count("\n") + 2)),
                        {"keep": "P30D"})


def _dative(folder: Path, word: str) -> None:
    """The project's English catalog, its dative day phrase ending in ``word``."""
    uiwords.write_catalog(uiwords.catalog_path(folder, "en"), "en", {},
                          {"unit.days.dative": (("{0} day", "{0} days"),
                                                (f"{{0}} {word}", f"{{0}} {word}s"))})


def test_a_piece_that_prints_self_prints_its_own_page(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """``{{ self }}`` names the template: another page with the same piece prints its own name."""
    sources = _example(copy_example(tmp_path), "x")
    monkeypatch.setattr(render_module, "OUTPUTS", Outputs())
    template = "{{ self }}\n\nEnd."
    paths = ("policies/cookies.md", "policies/terms.md")
    assert [_run(sources, template, path) for path in paths] == [
        f"<TemplateReference '{path}'>\n\nEnd." for path in paths]


@pytest.mark.parametrize(("template", "kept"), [
    # the piece that forms the phrase is kept: its key holds the interface words
    ('Kept {{ keep | duration(form="dative") }}.\n\nEnd.', Outputs()),
    # a literal period: not formed once at compile time and kept in the compiled code (nothing reused)
    ('Kept {{ "P30D" | duration(form="dative") }}.\n\nEnd.', Outputs(chars=0)),
])
def test_an_edited_interface_word_reaches_the_text(template: str, kept: Outputs, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The project's unit phrase edited (``mkdocs serve``): the render prints the new one."""
    sources = _example(copy_example(tmp_path / "project"), "x")
    monkeypatch.setattr(render_module, "OUTPUTS", kept)
    monkeypatch.setenv(uiwords.PROJECT_VARIABLE, str(tmp_path / "words"))
    _dative(tmp_path / "words", "day")
    first = _run(sources, template)
    _dative(tmp_path / "words", "dayes")
    assert (first, _run(sources, template)) == ("Kept 30 days.\n\nEnd.", "Kept 30 dayess.\n\nEnd.")
