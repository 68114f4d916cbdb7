"""A reused piece's output is what running it again gives: same values, same text, same errors."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest

import redline.render.render as render_module
from redline.load.sources import Sources
from redline.render.reuse import Outputs
from tests.render.test_cache import copy_example
from tests.render.test_review_pieces import _example
from tests.render.test_review_pieces import run as _run

#: fragments that read data, the page, loops, methods and the values' types
_FRAGMENTS = [
    "{% for c in subprocessors.categories %}", "{% endfor %}", "{% if company.brand %}", "{% else %}",
    "{% endif %}", "{{ company.brand }}", "{{ c.id }}", "{{ loop.index }}", "{{ policy.updated }}",
    "{{ policy.updated.year }}", "{{ policy.updated | date }}", "{% if policy.extra is defined %}",
    "{{ policy.extra | default('none') }}", "{{ table.items() | list }}", "{% for k, v in table.items() %}",
    "{{ k }}={{ v }}", "{{ table['items'] }}", "{{ lipsum(1) | length > 0 }}", "{{ [1, 2] | random > 0 }}",
    "{{ 1 / 0 }}", "{{ undefined_name }}", "\n\n", "\n\n", "\n", "text", " ", "{# note #}",
]


def _contexts(sources: Sources) -> list[dict[str, Any]]:
    """Contexts that differ in one value each: a brand, a list, a date that became a string,
    a mapping's order, a key named like a method."""
    data = sources.data.values
    categories = data["subprocessors"]["categories"]
    variants: list[dict[str, Any]] = []
    for brand in ("Acme", "Other"):
        for updated in (dt.date(2026, 2, 1), "2026-02-01", dt.date(2027, 1, 5)):
            for table in ({"items": 1, "b": 2}, {"b": 2, "items": 1}, {"items": 1, "b": 3}):
                for extra in ({}, {"extra": "yes"}):
                    page = {"id": "cookies", "updated": updated, **extra}
                    variants.append({**data, "company": {**data["company"], "brand": brand},
                                     "subprocessors": {"categories": categories[: 1 + len(variants) % 3]},
                                     "table": table, "policy": page})
    return variants


def test_reused_pieces_render_what_running_them_renders(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Generated templates rendered with contexts that differ in one value: with pieces reused
    across renders, each output equals a render that reuses nothing (random ones aside)."""
    sources = _example(copy_example(tmp_path), "x")
    contexts = _contexts(sources)
    rnd = random.Random(61206)
    cases = [("".join(rnd.choice(_FRAGMENTS) for _ in range(rnd.randint(1, 10))), rnd.choice(contexts))
             for _ in range(300)]
    cases = [case for _ in range(4) for case in cases]  # again: each template meets its pieces kept
    rnd.shuffle(cases)
    monkeypatch.setattr(render_module, "OUTPUTS", Outputs())
    reused = [_run(sources, template, context) for template, context in cases]
    assert render_module.OUTPUTS.kept, "nothing was reused: the test would prove nothing"
    monkeypatch.setattr(render_module, "OUTPUTS", Outputs(chars=0))  # keeps nothing
    for (template, context), found in zip(cases, reused, strict=True):
        if "lipsum" not in template and "random" not in template:
            assert found == _run(sources, template, context), repr(template)


def test_a_date_that_became_a_string_is_not_served_the_dates_text(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """``updated.year`` of a date prints the year; of the same text as a string it is an error."""
    sources = _example(copy_example(tmp_path), "x")
    monkeypatch.setattr(render_module, "OUTPUTS", Outputs())
    template = "Year {{ policy.updated.year }}.\n\nEnd."
    assert _run(sources, template, {"policy": {"updated": dt.date(2026, 2, 1)}}) == "Year 2026.\n\nEnd."
    assert _run(sources, template, {"policy": {"updated": "2026-02-01"}}).startswith("error ")


def test_a_method_call_depends_on_the_whole_mapping(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``table.items()`` prints every entry even when the mapping has a key named ``items``."""
    sources = _example(copy_example(tmp_path), "x")
    monkeypatch.setattr(render_module, "OUTPUTS", Outputs())
    template = "{% for k, v in table.items() %}{{ k }}={{ v }} {% endfor %}\n\nEnd."
    assert _run(sources, template, {"table": {"items": 1, "b": 2}}).startswith("items=1 b=2")
    assert _run(sources, template, {"table": {"items": 1, "b": 3}}).startswith("items=1 b=3")
    assert _run(sources, template, {"table": {"b": 3, "items": 1}}).startswith("b=3 items=1")


def test_a_reused_piece_charges_the_loops_it_ran(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page whose loops together exceed the budget fails, even when its first piece is reused."""
    sources = _example(copy_example(tmp_path), "x")
    monkeypatch.setattr(render_module, "OUTPUTS", Outputs())
    busy = "{% for i in range(1000) %}{% for j in range(600) %}{% endfor %}{% endfor %}A"
    assert _run(sources, busy, {}) == "A"
    assert render_module.OUTPUTS.kept  # the busy piece is kept, with its 601,000 iterations
    found = _run(sources, f"{busy}\n\n{busy.replace('A', 'B')}", {})
    assert found.startswith("error ") and "loops more than" in found


def test_random_output_is_never_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``lipsum`` and ``random`` give another text each run: such a piece is never kept."""
    sources = _example(copy_example(tmp_path), "x")
    monkeypatch.setattr(render_module, "OUTPUTS", Outputs())
    _run(sources, "{{ lipsum(1) }}\n\n{{ [1, 2, 3] | random }}", {})
    assert not render_module.OUTPUTS.kept
