"""Render a verdict and its section changes as text, Markdown (a pull-request comment) or JSON.

Pure functions from data to a string: ``redline compare`` and ``redline diff`` print
them, the notice pipeline can embed them.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from redline.classify.findings import Finding, Verdict
from redline.diff.facts import FactChange
from redline.diff.sections import BlockChange, SectionChange
from redline.diff.words import word_diff

Format = Literal["text", "markdown", "json"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "json")

MATERIAL_HEADLINE = (
    "users must be notified before it takes effect (effective date at least "
    "the notice period after the notice date)"
)
EDITORIAL_HEADLINE = "no notice needed; update the last-updated date"
NO_CHANGE_HEADLINE = "the two versions read the same"


@dataclass(frozen=True)
class Report:
    """What a comparison found: the verdict, the changed sections, the changed facts."""

    verdict: Verdict
    sections: tuple[SectionChange, ...]
    facts: tuple[FactChange, ...] = ()


def render(report: Report, fmt: Format) -> str:
    """Render a report in one of :data:`FORMATS`."""
    renderers: dict[str, Callable[[Report], str]] = {
        "text": render_text,
        "markdown": render_markdown,
        "json": render_json,
    }
    return renderers[fmt](report)


def headline(verdict: Verdict) -> tuple[str, str]:
    """Return the verdict's name and what it means for the editor.

    >>> headline(Verdict(False, ()))
    ('No change', 'the two versions read the same')
    """
    if verdict.material:
        return "Material change", MATERIAL_HEADLINE
    if verdict.findings:
        return "Editorial change", EDITORIAL_HEADLINE
    return "No change", NO_CHANGE_HEADLINE


def _where(finding: Finding, titles: Mapping[str, str]) -> str:
    if finding.fact:
        return f"fact {finding.fact}"
    if finding.section:
        return titles.get(finding.section, finding.section)
    return "(whole document)"


def _titles(sections: Sequence[SectionChange]) -> dict[str, str]:
    return {section.id: section.title or "(before the first heading)" for section in sections}


def render_text(report: Report) -> str:
    """Render a report for a terminal."""
    verdict, sections = report.verdict, report.sections
    name, meaning = headline(verdict)
    lines = [f"{name} — {meaning}."]
    titles = _titles(sections)
    if verdict.findings:
        lines += ["", f"Findings ({len(verdict.findings)}):"]
        for finding in verdict.findings:
            kind = "material " if finding.material else "editorial"
            lines.append(f"  {kind}  {finding.category:<24}  [{_where(finding, titles)}] {finding.reason}")
    if sections:
        lines += ["", f"Sections ({len(sections)}):"]
        for section in sections:
            lines.append(f"  {section.kind:<8}  {section.id}  {section.title}".rstrip())
            lines += [f"    {text_block(block)}" for block in section.blocks]
    lines += _text_facts(report.facts)
    return "\n".join(lines) + "\n"


def text_block(block: BlockChange) -> str:
    """One changed block for a terminal: ``+`` added, ``-`` removed, ``↕`` moved, ``~`` word diff."""
    if block.old is None:
        return f"+ {block.new}"
    if block.new is None:
        return f"- {block.old}"
    if block.moved:
        return f"↕ {block.new}"
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return "~ " + "".join(marks[op].format(text) for op, text in word_diff(block.old, block.new))


def _text_facts(facts: Sequence[FactChange]) -> list[str]:
    if not facts:
        return []
    return ["", f"Facts ({len(facts)}):"] + [
        f"  {fact.kind:<9} {fact.path}: {show(fact.old)} → {show(fact.new)}" for fact in facts
    ]


def show(value: Any) -> str:
    """A fact value as JSON, or an em dash for none."""
    return "—" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def render_markdown(report: Report) -> str:
    """Render a pull-request comment: the verdict first, then a table of changed sections."""
    verdict, sections = report.verdict, report.sections
    name, meaning = headline(verdict)
    lines = [f"**{name}** — {meaning}."]
    titles = _titles(sections)
    if verdict.findings:
        kinds = {section.id: section.kind for section in sections}
        lines += ["", "| Section | Change | Finding | Reason |", "| --- | --- | --- | --- |"]
        lines += [_markdown_row(finding, kinds, titles) for finding in verdict.findings]
    blocks = [section for section in sections if section.blocks]
    if blocks:
        lines += ["", "<details>", "<summary>Changed text</summary>", ""]
        for section in blocks:
            lines += [f"#### {cell(titles[section.id])}", ""]
            lines += [f"- {html_block(block)}" for block in section.blocks] + [""]
        lines.append("</details>")
    return "\n".join(lines) + "\n"


def _markdown_row(finding: Finding, kinds: Mapping[str, str], titles: Mapping[str, str]) -> str:
    change = "fact" if finding.fact else kinds.get(finding.section or "", "layout")
    weight = "material" if finding.material else "editorial"
    where = cell(_where(finding, titles))
    return f"| {where} | {change} | **{finding.category}** ({weight}) | {cell(finding.reason)} |"


def cell(text: str) -> str:
    """Make text safe inside a Markdown table cell (or list item): one line, no HTML, no column break.

    Policy text comes from the pull request: a raw ``<!--`` in a title would hide the rest of
    the comment (the gate table) on GitHub, so markup is shown as written.

    >>> print(cell("Notes <!-- | hidden"))
    Notes &lt;!-- \\| hidden
    """
    return html.escape(" ".join(text.split()), quote=False).replace("|", "\\|")


def inert(text: str) -> str:
    """Policy text as it may stand in a pull-request comment: no HTML, no link, image or mention.

    HTML is escaped; brackets become entities, so ``[x](url)`` and ``![x](url)`` stay text;
    a zero-width space after ``@`` keeps ``@team`` from notifying anyone.

    >>> print(inert("See [x](https://e.test) @acme/legal <b>"))
    See &#91;x&#93;(https://e.test) @​acme/legal &lt;b&gt;
    """
    escaped = html.escape(text, quote=False)
    return escaped.replace("[", "&#91;").replace("]", "&#93;").replace("@", "@\u200b")


def html_block(block: BlockChange) -> str:
    """One changed block as HTML with ``<ins>`` and ``<del>`` (its text made inert)."""
    if block.old is None:
        return f"added: <ins>{inert(block.new or '')}</ins>"
    if block.new is None:
        return f"removed: <del>{inert(block.old)}</del>"
    if block.moved:
        return f"moved: {inert(block.new)}"
    tags = {"equal": "{}", "delete": "<del>{}</del>", "insert": "<ins>{}</ins>"}
    return "".join(tags[op].format(inert(text)) for op, text in word_diff(block.old, block.new))


def render_json(report: Report) -> str:
    """Render one JSON object: ``material``, ``findings``, ``sections`` (and ``facts`` if any)."""
    document: dict[str, Any] = {
        "material": report.verdict.material,
        "findings": [finding_json(finding) for finding in report.verdict.findings],
        "sections": [section_json(section) for section in report.sections],
    }
    if report.facts:
        document["facts"] = [
            {"path": fact.path, "kind": fact.kind, "old": fact.old, "new": fact.new} for fact in report.facts
        ]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def finding_json(finding: Finding) -> dict[str, Any]:
    """A finding as a JSON object."""
    return {
        "category": finding.category,
        "material": finding.material,
        "reason": finding.reason,
        "section": finding.section,
        "fact": finding.fact,
    }


def section_json(section: SectionChange) -> dict[str, Any]:
    """A section change, with its blocks, as a JSON object."""
    return {
        "id": section.id,
        "title": section.title,
        "kind": section.kind,
        "old_id": section.old_id,
        "blocks": [
            {"kind": block.kind, "old": block.old, "new": block.new, "moved": block.moved}
            for block in section.blocks
        ],
    }
