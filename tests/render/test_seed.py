"""The English privacy policy says exactly what the seed text says."""

from __future__ import annotations

import re

from redline.config import load_project
from redline.load.snapshot import WorkTree
from redline.load.sources import load_sources
from redline.render.render import render_policy
from tests.paths import ROOT, TESTS

SEED = TESTS / "data" / "seed" / "privacy-policy.txt"
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
HIDDEN = "[email protected]"


def normalise_markdown(markdown: str) -> str:
    """Drop Markdown markup (headings, bullets, emphasis, links, ids) and fold whitespace."""
    text = re.sub(r"\{ ?:?#[\w-]+ ?\}", "", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*#{1,6}\s+", "", text, flags=re.M)
    text = re.sub(r"^\s*[-*+]\s+", "", text, flags=re.M)
    text = text.replace("**", "").replace("__", "")
    return " ".join(EMAIL_RE.sub(HIDDEN, text).split())


def seed_text() -> str:
    """The seed without its Spanish promotion, whitespace folded (bullets dropped)."""
    text = SEED.read_text(encoding="utf-8").split("¡Espera!")[0]
    text = text.replace("•", " ")
    return " ".join(text.split())


def test_english_privacy_policy_reproduces_the_seed() -> None:
    """Rendered English privacy policy equals the seed, markup and hidden emails aside."""
    project = load_project(ROOT)
    sources = load_sources(WorkTree(ROOT), project)
    rendered = render_policy(sources, sources.policy("privacy"), "en")
    assert normalise_markdown(rendered.markdown) == seed_text()


def test_every_hidden_address_is_a_real_contact() -> None:
    """Each '[email protected]' of the seed is rendered as one of the company's contacts."""
    project = load_project(ROOT)
    sources = load_sources(WorkTree(ROOT), project)
    rendered = render_policy(sources, sources.policy("privacy"), "en")
    found = EMAIL_RE.findall(rendered.markdown)
    assert len(found) == seed_text().count(HIDDEN)
    assert set(found) == set(sources.data.values["contacts"].values())
