"""Markdown structure the way Python-Markdown (with mkdocs.yml's extensions) reads it (issue 13)."""

from __future__ import annotations

import markdown
import pytest

from redline.blocks import join_blocks, split_blocks
from redline.classify import classify
from redline.diff import diff_documents

EXTENSIONS = ["attr_list", "tables", "admonition"]

SOURCES = {
    "setext": "Privacy\n=======\n\nIntro.\n\nSharing\n-------\nWe share data.\nMore.\n---\n",
    "admonition": (
        '!!! note "Heads up"\n    We do not sell data.\n    Ever.\n\n    - not even to partners\n\nAfter.\n'
    ),
    "blockquote": "> We keep logs\n> for a year.\n>\n> - and delete them\n\nAfter.\n",
    "table-without-outer-pipes": "Data | Period\n--- | ---\nLogs | 1 year\nBills \\| invoices | 7 years\n",
}


def html(text: str) -> str:
    """Render Markdown as the site does (the project's extensions)."""
    return markdown.markdown(text, extensions=EXTENSIONS)


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_blocks_rejoin_to_the_same_page(name: str) -> None:
    """Splitting into blocks and joining them back renders the same HTML (words re-wrapped aside)."""
    source = SOURCES[name]
    rejoined = join_blocks([(block, block.text) for block in split_blocks(source)])
    assert " ".join(html(rejoined).split()) == " ".join(html(source).split())


def test_kinds_and_texts() -> None:
    """Setext headings, admonition titles and bodies, quotes and pipe-less rows are blocks of their own."""
    kinds = [(b.kind, b.text) for name in sorted(SOURCES) for b in split_blocks(SOURCES[name])]
    assert kinds == [
        ("admonition", "Heads up"),
        ("paragraph", "We do not sell data. Ever."),
        ("item", "not even to partners"),
        ("paragraph", "After."),
        ("paragraph", "We keep logs for a year."),
        ("item", "and delete them"),
        ("paragraph", "After."),
        ("heading", "Privacy"),
        ("paragraph", "Intro."),
        ("heading", "Sharing"),
        ("paragraph", "We share data. More."),
        ("rule", "---"),
        ("row", "Data | Period"),
        ("rule", "--- | ---"),
        ("row", "Logs | 1 year"),
        ("row", "Bills \\| invoices | 7 years"),
    ]


def test_realigned_pipeless_table_with_one_new_row() -> None:
    """A table without outer pipes, re-padded, with one new row: one added row, material."""
    old = "# P\n\n## Recipients\n\nName | Country\n--- | ---\nAcme | DE\nBeta | FR\n"
    new = (
        "# P\n\n## Recipients\n\nName    | Country\n------- | -------\n"
        "Acme    | DE\nBeta    | FR\nGamma   | US\n"
    )
    diff = diff_documents(old, new)
    changes = [(b.old, b.new) for s in diff.sections for b in s.blocks]
    assert changes == [(None, "Gamma | US")]
    assert classify(diff.sections, layout=diff.layout).material


def test_admonition_body_change_is_judged() -> None:
    """A word changed inside an admonition is read like any paragraph (a negation dropped: material)."""
    old = '# P\n\n!!! note\n    We do not sell data.\n'
    new = '# P\n\n!!! note\n    We do sell data.\n'
    diff = diff_documents(old, new)
    assert classify(diff.sections, layout=diff.layout).categories == ("new-recipient",)
