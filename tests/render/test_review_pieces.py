"""Review of the piece-by-piece render: templates whose pieces once read otherwise than the whole."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

import redline.render.render as render_module
from redline.config import load_project
from redline.errors import RedlineError
from redline.load.snapshot import WorkTree
from redline.load.sources import Sources, load_sources
from redline.render.env import TEMPLATE_CACHE
from redline.render.pieces import pieces
from redline.render.render import render_policy, run_template
from tests.render.test_cache import copy_example
from tests.render.test_pieces import HEAD

#: an author comments out a section with a Jinja comment that spans its paragraphs
COMMENTED_OUT = "Intro.\n\n{#\n\n## Old section\n\nWe sell your data to {{ company.brand }}.\n\n#}"


def _example(root: Path, body: str) -> Sources:
    (root / "policies/_partials").mkdir(parents=True, exist_ok=True)
    (root / "policies/_partials/p.md").write_text("Part {{ company.brand }}\n", encoding="utf-8")
    (root / "policies/_partials/q.md").write_text("{% for c in subprocessors.categories %}\n- {{ c.id }}\n"
                                                  "{% endfor %}\n", encoding="utf-8")
    (root / "policies/cookies.md").write_text(HEAD + body + "\n", encoding="utf-8")
    return load_sources(WorkTree(root), load_project(root))


def test_a_comment_across_blank_lines_hides_its_paragraphs(tmp_path: Path) -> None:
    """Text inside ``{# … #}`` that spans blank lines is not published (Jinja drops the whole comment)."""
    sources = _example(copy_example(tmp_path), COMMENTED_OUT)
    text = render_policy(sources, sources.policy("cookies"), "en").markdown
    assert "sell your data" not in text
    assert "Old section" not in text
    assert text.endswith("Intro.\n\n")


def test_a_piece_ending_with_a_comment_opener_is_not_cut() -> None:
    """Alone, a text ending ``{#`` is an empty comment; the page must then be compiled whole."""
    assert pieces("A {#\n\nhidden\n\n#}") is None
    assert pieces("{#\n\nhidden {{ x }}\n\n#}\nshown") is None


def test_an_unclosed_comment_is_still_an_error(tmp_path: Path) -> None:
    """``{#`` never closed is a syntax error, as Jinja says for the whole template."""
    sources = _example(copy_example(tmp_path), "Intro.\n\n{#\n\nNever closed {{ company.brand }}.")
    with pytest.raises(RedlineError, match="Missing end of comment tag"):
        render_policy(sources, sources.policy("cookies"), "en")


#: fragments of templates: tags, comments, blank lines, whitespace, text that looks like Jinja
_FRAGMENTS = [
    "{% for c in subprocessors.categories %}", "{% endfor %}", "{% if company.brand %}",
    "{% if policy.x is defined %}", "{% else %}", "{% elif company.name %}", "{% endif %}",
    "{{ company.brand }}", "{{ c.id }}", "{{ loop.index }}", "{# c #}", "{#", "#}", "{{", "}}", "{%", "%}",
    "\n", "\n\n", "\n\n\n", "  ", "\t", "text", " - ", "{% include 'p.md' %}", "{% include 'q.md' %}",
    "\x0c", "\u2028", "\x0b", "\u0085", "{{ '\n\n' }}", '{{ "}}" }}', "{{ '{%' }}", "{{ '{% if' }}",
    "{{ '%}' }}", "{% for c in subprocessors.categories if c.id %}",
    "{% for c in subprocessors.categories %}{% else %}", "{{ loop.last }}",
    "{{ company.brand if company else 1 }}",
    "{% if company.brand %}y{% endif %}", "{{ self }}", "\n  ", "\n\t", "\n\n  {% if company.brand %}", "```",
    "{{ undefined_name }}", "{{ 1 / 0 }}",
]


def run(sources: Sources, template: str, context: dict[str, Any] | None = None) -> str:
    """``template`` run as the cookies policy (the example's data by default): its text, or its error."""
    lines = list(range(1, template.count("\n") + 2))
    if context is None:
        context = {**sources.data.values, "policy": {"id": "cookies"}}
    try:
        return run_template(sources, "en", template, "policies/cookies.md", lines, context)
    except RedlineError as error:
        return f"error {error.where}: {error.what}"


def test_random_templates_render_as_the_whole_template(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Over generated templates, the render (pieces, or whole on a failure) equals the whole
    template's render, errors and their lines included."""
    sources = _example(copy_example(tmp_path), "x")
    rnd = random.Random(20261206)
    templates = ["".join(rnd.choice(_FRAGMENTS) for _ in range(rnd.randint(1, 12))) for _ in range(3000)]
    by_pieces = [run(sources, template) for template in templates]
    monkeypatch.setattr(render_module, "cut", lambda template: None)
    TEMPLATE_CACHE.environments.clear()
    for template, found in zip(templates, by_pieces, strict=True):
        assert found == run(sources, template), repr(template)
