"""Diff two renderings of a policy: sections and blocks, words, and typed facts."""

from __future__ import annotations

from redline.diff.documents import DocumentDiff, Layout, diff_documents, section_changes
from redline.diff.facts import FactChange, diff_facts
from redline.diff.sections import BlockChange, SectionChange, diff_sections
from redline.diff.words import word_diff

__all__ = [
    "BlockChange",
    "DocumentDiff",
    "FactChange",
    "Layout",
    "SectionChange",
    "diff_documents",
    "diff_facts",
    "diff_sections",
    "section_changes",
    "word_diff",
]
