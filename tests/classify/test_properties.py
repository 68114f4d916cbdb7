"""Properties of the classifier, checked on generated documents (Hypothesis).

- a document compared with itself has no change and no finding;
- a change of whitespace alone (re-wrapped lines, re-padded cells, blank lines) is editorial;
- the verdict on a policy change comes from the source locale and the facts: no translation,
  and no choice of published locales, changes it.

The history properties (no version ever lost) are in ``tests/history/test_no_lost_versions.py``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from redline.classify import classify
from redline.classify.findings import Verdict
from redline.compare.changeset import compare_sides
from redline.config import Project
from redline.diff import DocumentDiff, diff_documents
from redline.load.snapshot import MemorySnapshot
from redline.load.sources import load_sources
from redline.render.cache import RenderCache
from tests.paths import TESTS

FAST = settings(max_examples=40, deadline=None)

WORD = st.one_of(
    st.sampled_from(["we", "keep", "your", "data", "logs", "for", "days", "share", "with", "partners",
                     "rights", "delete", "request", "email", "cookies", "security", "may", "never"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzäéñжя", min_size=1, max_size=8),
)
WORDS = st.lists(WORD, min_size=1, max_size=12)


@dataclass(frozen=True)
class Block:
    """One generated block: its kind and its words (cells for a table row)."""

    kind: str
    words: tuple[tuple[str, ...], ...]


def _block(kind: str, parts: list[list[str]]) -> Block:
    return Block(kind, tuple(tuple(p) for p in parts))


BLOCK = st.one_of(
    st.builds(lambda w: _block("heading", [w]), st.lists(WORD, min_size=1, max_size=5)),
    st.builds(lambda w: _block("paragraph", [w]), WORDS),
    st.builds(lambda items: _block("list", items), st.lists(WORDS, min_size=1, max_size=4)),
    st.builds(lambda cells: _block("table", cells), st.lists(st.lists(WORD, min_size=1, max_size=3),
                                                             min_size=2, max_size=3)),
)
DOCUMENT = st.lists(BLOCK, min_size=1, max_size=8)


def gaps(words: tuple[str, ...], rng: random.Random | None, wrap: str = "\n") -> str:
    """Words joined by one space, or (with ``rng``) by random runs of spaces, tabs and line breaks."""
    if rng is None:
        return " ".join(words)
    return words[0] + "".join(rng.choice([" ", "  ", "\t", f"{wrap}", f" {wrap}"]) + w for w in words[1:])


def pad(text: str, rng: random.Random | None) -> str:
    """A table cell with one space either side, or random padding."""
    if rng is None:
        return f" {text} "
    return " " * rng.randint(0, 3) + text + " " * rng.randint(0, 3)


def row(cells: tuple[str, ...], rng: random.Random | None) -> str:
    """One table row."""
    return "|" + "|".join(pad(cell, rng) for cell in cells) + "|"


def lay_out(block: Block, rng: random.Random | None) -> str:
    """The Markdown of one block, laid out plainly (``rng`` None) or with random whitespace."""
    space = (lambda: " ") if rng is None else (lambda: " " * rng.randint(1, 3))
    if block.kind == "heading":
        return f"##{space()}{' '.join(block.words[0])}"
    if block.kind == "paragraph":
        return gaps(block.words[0], rng)
    if block.kind == "list":
        between = "\n" if rng is None else rng.choice(["\n", "\n\n"])
        return between.join(f"-{space()}{gaps(item, rng, wrap=chr(10) + '  ')}" for item in block.words)
    width = max(len(cells) for cells in block.words)
    rows = [tuple(cells) + ("x",) * (width - len(cells)) for cells in block.words]
    return "\n".join([row(rows[0], rng), row(("---",) * width, rng), *(row(r, rng) for r in rows[1:])])


def document(blocks: list[Block], rng: random.Random | None = None) -> str:
    """A whole document: a title, then the blocks separated by blank lines."""
    between = (lambda: "\n\n") if rng is None else (lambda: "\n" * rng.randint(2, 4))
    text = "# Title"
    for block in blocks:
        text += between() + lay_out(block, rng)
    return text + "\n"


def verdict_of(old: str, new: str) -> tuple[DocumentDiff, Verdict]:
    """The diff of two documents and the classifier's verdict on it."""
    diff = diff_documents(old, new)
    return diff, classify(diff.sections, layout=diff.layout)


@FAST
@given(DOCUMENT, st.randoms(use_true_random=False))
def test_a_document_compared_with_itself_has_no_change(blocks: list[Block], rng: random.Random) -> None:
    """diff(x, x) is empty and its verdict has no finding, however x is laid out."""
    text = document(blocks, rng)
    assert verdict_of(text, text) == (DocumentDiff((), "none"), Verdict(False, ()))


@FAST
@given(DOCUMENT, st.randoms(use_true_random=False))
def test_whitespace_only_changes_are_editorial(blocks: list[Block], rng: random.Random) -> None:
    """Re-wrapping lines, re-padding cells and adding blank lines is never material."""
    plain, spaced = document(blocks), document(blocks, rng)
    _, verdict = verdict_of(plain, spaced)
    assert [f for f in verdict.findings if f.material] == []
    assert not verdict.material


SCHEMA = (TESTS / "bad" / "_base" / "policies" / "_data" / "schema.yml").read_text()
POLICY = """---
title: Test Policy
effective: 2026-02-01
updated: 2026-02-01
---
# Test Policy { #top }

## Retention { #retention }

Logs are kept for {{ retention.logs | duration }}.

## Sharing { #sharing }

We share data with partners who host our servers.

## Your Rights { #rights }

You may ask us to delete your data.
"""
SPANISH = {
    "Test Policy": "Política de prueba",
    "Retention": "Conservación",
    "Logs are kept for {{ retention.logs | duration }}.":
        "Los registros se conservan durante {{ retention.logs | duration }}.",
    "Sharing": "Comunicación",
    "We share data with partners who host our servers.":
        "Compartimos datos con los socios que alojan nuestros servidores.",
    "Your Rights": "Sus derechos",
    "You may ask us to delete your data.": "Puede pedirnos que borremos sus datos.",
}
#: changes to the English source and the data: (path, old, new); "" for old appends
EDITS: dict[str, tuple[str, str, str]] = {
    "longer-retention": ("policies/_data/retention.yml", "logs: P12M", "logs: P24M"),
    "shorter-retention": ("policies/_data/retention.yml", "logs: P12M", "logs: P6M"),
    "new-recipient": ("policies/p.md", "with partners who", "with partners and advertisers who"),
    "letter-case": ("policies/p.md", "You may ask", "You May Ask"),
    "rewrap": ("policies/p.md", "partners who host", "partners\nwho   host"),
    "new-section": ("policies/p.md", "", "\n## Sale { #sale }\n\nWe sell your data to brokers.\n"),
    "removed-section": ("policies/p.md",
                        "## Your Rights { #rights }\n\nYou may ask us to delete your data.\n", ""),
    "new-title": ("policies/p.md", "title: Test Policy", "title: Test Policy (2026)"),
}
#: changes to translations only, at the new side
TRANSLATIONS = ("es-reworded", "es-fuzzy", "es-removed", "ru-added")
LOCALE_SETS = (("en",), ("en", "es"), ("en", "es", "ru"), ("en", "ru"))


def catalog(locale: str, entries: dict[str, str], fuzzy: frozenset[str] = frozenset()) -> bytes:
    """A .po catalog translating ``entries``."""
    head = f'msgid ""\nmsgstr ""\n"Language: {locale}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    body = "".join(f"\n{'#, fuzzy' + chr(10) if msgid in fuzzy else ''}msgid \"{msgid}\"\nmsgstr \"{text}\"\n"
                   for msgid, text in entries.items())
    return (head + body).encode()


def base_files() -> dict[str, bytes]:
    """The small project at the old side: one policy, its data and a Spanish catalog."""
    return {"policies/p.md": POLICY.encode(), "policies/_data/schema.yml": SCHEMA.encode(),
            "policies/_data/retention.yml": b"logs: P12M\nbilling: P7Y\n",
            "locales/es/LC_MESSAGES/messages.po": catalog("es", SPANISH)}


def edited(files: dict[str, bytes], edits: frozenset[str]) -> dict[str, bytes]:
    """``files`` with the English and data ``edits`` applied."""
    out = dict(files)
    for name in sorted(edits):
        path, old, new = EDITS[name]
        text = out[path].decode()
        out[path] = (text + new if not old else text.replace(old, new, 1)).encode()
    return out


def translated(files: dict[str, bytes], changes: frozenset[str]) -> dict[str, bytes]:
    """``files`` with translation-only ``changes`` applied."""
    out = dict(files)
    spanish = dict(SPANISH)
    if "es-reworded" in changes:
        spanish["You may ask us to delete your data."] = "Usted puede solicitar el borrado de sus datos."
    fuzzy = frozenset({"Sharing"}) if "es-fuzzy" in changes else frozenset()
    out["locales/es/LC_MESSAGES/messages.po"] = catalog("es", spanish, fuzzy)
    if "es-removed" in changes:
        del out["locales/es/LC_MESSAGES/messages.po"]
    if "ru-added" in changes:
        out["locales/ru/LC_MESSAGES/messages.po"] = catalog("ru", {"Sharing": "Передача данных"})
    return out


def verdicts(old: dict[str, bytes], new: dict[str, bytes], locales: tuple[str, ...]) -> list[object]:
    """Each policy's id and verdict, comparing ``old`` with ``new`` in a project publishing ``locales``."""
    project = Project(root=Path("/nonexistent"), locales=locales)
    base = load_sources(MemorySnapshot(old, "old"), project)
    head = load_sources(MemorySnapshot(new, "new"), project)
    return [(p.id, p.report.verdict) for p in compare_sides(base, head, RenderCache()).policies]


@settings(max_examples=30, deadline=None)
@given(st.frozensets(st.sampled_from(sorted(EDITS))), st.frozensets(st.sampled_from(TRANSLATIONS)),
       st.sampled_from(LOCALE_SETS))
def test_verdict_does_not_depend_on_locales(edits: frozenset[str], changes: frozenset[str],
                                            locales: tuple[str, ...]) -> None:
    """The same English change gets the same verdict whatever the translations and published locales."""
    if {"longer-retention", "shorter-retention"} <= edits:
        edits = edits - {"shorter-retention"}
    old = base_files()
    new = edited(old, edits)
    reference = verdicts(old, new, ("en",))
    assert verdicts(old, translated(new, changes), locales) == reference
    assert verdicts(translated(old, changes), new, locales) == reference
