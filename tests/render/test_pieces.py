"""A page rendered piece by piece reads exactly as the page rendered whole, errors included."""

from __future__ import annotations

from pathlib import Path

import pytest

import redline.render.render as render_module
from redline.config import load_project
from redline.errors import RedlineError
from redline.load.snapshot import WorkTree
from redline.load.sources import load_sources
from redline.render.env import TEMPLATE_CACHE
from redline.render.render import render_policy
from tests.render.test_cache import copy_example

HEAD = ("---\ntitle: Cookie Policy\neffective: 2026-02-01\nupdated: 2026-02-01\n---\n\n"
        "# Cookie Policy { #top }\n\n")

#: bodies whose pieces touch every rule of redline/render/pieces.py
BODIES = {
    "variables": "By {{ company.legal_name }}.\n\nPlain words.\n\n\nUpdated {{ policy.updated | date }}.",
    "loop-ends-a-piece": "{% for c in subprocessors.categories %}\n- {{ c.name }}\n{% endfor %}\n\nAfter.",
    "loop-then-three-lines": "{% for c in subprocessors.categories %}{{ c.id }} {% endfor %}\n\n\n\nAfter.",
    "blank-lines-in-a-loop": "{% for c in subprocessors.categories %}\n\n- {{ c.name }}\n\n"
                             "{% endfor %}\nEnd.",
    "if-else-across-pieces": "{% if company.brand %}\n\nYes {{ company.brand }}.\n\n{% else %}\n\nNo.\n\n"
                             "{% endif %}\n\nTail.",
    "comment-ends-a-piece": "Text {# a note #}\n\nNext {{ company.brand }}.",
    "comment-inside": "Text {# a note #} more.\n\nNext {{ company.brand }}.",
    "whitespace-control": "A {{ company.brand }}\n\n{%- if company.brand %} joined{% endif %}\n\nB.",
    "set-used-later": "{% set who = company.brand %}\n\nHello {{ who }}.\n\nBye {{ who }}.",
    "indented-tag": "Intro.\n\n  {% if company.brand %}shown{% endif %}\n\nEnd.",
    "braces-in-a-string": "Quote {{ \"}}\" ~ company.brand }}.\n\nNext.",
    "percent-brace-text": "Odd 100%}\n\nNext {{ company.brand }}.",
    "raw": "{% raw %}{{ not run }}\n\nstill raw{% endraw %}\n\nAfter {{ company.brand }}.",
}


def _sources(root: Path, body: str):  # type: ignore[no-untyped-def]
    (root / "policies/cookies.md").write_text(HEAD + body + "\n", encoding="utf-8")
    return load_sources(WorkTree(root), load_project(root))


@pytest.mark.parametrize("name", sorted(BODIES))
@pytest.mark.parametrize("locale", ["en", "es"])
def test_pieces_render_what_the_whole_template_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      name: str, locale: str) -> None:
    """Each body renders byte for byte as Jinja renders it compiled whole."""
    sources = _sources(copy_example(tmp_path), BODIES[name])
    policy = sources.policy("cookies")
    by_pieces = render_policy(sources, policy, locale, allow_fallback=True).markdown
    monkeypatch.setattr(render_module, "cut", lambda template: None)
    TEMPLATE_CACHE.environments.clear()
    whole = render_policy(sources, policy, locale, allow_fallback=True).markdown
    assert by_pieces == whole
    assert "{ #top }" in whole


def test_a_loop_ending_a_piece_keeps_the_line_jinja_keeps(tmp_path: Path) -> None:
    """``trim_blocks`` eats one line end after ``{% endfor %}``: of the blank line between two
    blocks (the page joins its blocks with one) one line end is left, as Jinja leaves it."""
    sources = _sources(copy_example(tmp_path), BODIES["loop-then-three-lines"])
    text = render_policy(sources, sources.policy("cookies"), "en").markdown
    assert "customer-support \nAfter." in text


def test_an_error_in_a_later_piece_names_its_own_line(tmp_path: Path) -> None:
    """An undefined name in the third piece is reported at its line of the policy file."""
    body = "One.\n\nTwo {{ company.brand }}.\n\nThree {{ compnay.brand }}."
    sources = _sources(copy_example(tmp_path), body)
    with pytest.raises(RedlineError) as caught:
        render_policy(sources, sources.policy("cookies"), "en")
    assert caught.value.where == "policies/cookies.md:13"
    assert "compnay" in caught.value.what and "company" in caught.value.what


def test_a_template_may_not_change_the_data_other_pages_read(tmp_path: Path) -> None:
    """``append`` on a data list is refused: every page of the run shares that list."""
    sources = _sources(copy_example(tmp_path), "{{ subprocessors.categories.append(1) }}")
    with pytest.raises(RedlineError) as caught:
        render_policy(sources, sources.policy("cookies"), "en")
    assert "unsafe template" in caught.value.what
    assert len(sources.data.values["subprocessors"]["categories"]) == 5


def test_a_page_of_thousands_of_jinja_pieces_is_compiled_whole() -> None:
    """Cut into more pieces with Jinja than MAX_PIECES, a page is one template (one compile)."""
    from redline.render.pieces import MAX_PIECES, pieces

    assert pieces("\n\n".join(["{{ x }}"] * MAX_PIECES)) is not None
    assert pieces("\n\n".join(["{{ x }}"] * (MAX_PIECES + 1))) is None
    assert pieces("\n\n".join(["plain"] * (MAX_PIECES + 1))) is not None


def test_compiled_templates_are_bounded_by_their_source_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """An environment keeps compiled templates of at most TEMPLATE_CHARS characters of source."""
    import redline.render.env as env

    monkeypatch.setattr(env, "TEMPLATE_CHARS", 1_000)
    kept = env._Compiled()
    for number in range(10):
        kept.keep(("p.md", f"{number}" * 300), object())
    assert kept.chars <= 1_000 and len(kept) == 3
    assert list(kept)[-1] == ("p.md", "9" * 300)  # the newest stays
