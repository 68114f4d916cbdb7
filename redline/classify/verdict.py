"""Run the rules over every change and add the findings up to a verdict.

Each change gets exactly one kind of answer: the material findings of every rule
that has one; else the first editorial finding; else "unexplained", which is
material — missing a material change is the worst failure, so doubt counts as one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from redline.classify.findings import UNEXPLAINED, UNEXPLAINED_REASON, Finding, Verdict
from redline.classify.languages import DEFAULT
from redline.classify.proof import section_form_only
from redline.classify.removals import removed_recipient_section
from redline.classify.rules import RuleSet, default_rules
from redline.diff.documents import Layout
from redline.diff.facts import FactChange
from redline.diff.sections import BlockChange, SectionChange

Change = TypeVar("Change", BlockChange, FactChange)

LAYOUT_FINDINGS: dict[str, Finding] = {
    "whitespace": Finding("whitespace", False, "whitespace only: lines re-wrapped or table cells re-padded"),
    "markup": Finding("formatting", False, "Markdown layout only: list markers, heading levels, table rules"),
}


def classify(
    section_changes: Iterable[SectionChange],
    fact_changes: Iterable[FactChange] = (),
    *,
    layout: Layout = "none",
    rules: RuleSet | None = None,
    lang: str = DEFAULT,
) -> Verdict:
    """Judge a set of changes: material iff any finding is.

    Args:
        section_changes: changed sections, from :func:`redline.diff.diff_sections`.
        fact_changes: changed facts, from :func:`redline.diff.diff_facts`.
        layout: how the sources differ beyond their blocks (see ``DocumentDiff``);
            reported only when nothing else changed.
        rules: the rules to run; the built-in ones and entry-point plugins by default.
        lang: the language of the texts ("en", "de", "es-MX"...): the meaning rules read
            that language's words; a language they do not know is judged conservatively
            (only form-only differences are editorial).
    """
    rules = rules or default_rules()
    findings: list[Finding] = []
    for section in section_changes:
        changes = tuple(dataclasses.replace(change, lang=lang) for change in section.blocks)
        proofs = [_proof(change, rules.proof) for change in changes]
        whole = None if all(proofs) or not rules.proof else section_form_only(changes)
        if whole is not None:
            findings.append(_locate(whole, section=section.id))
            continue
        judged = [
            proof or _judge(change, rules.text, rules.meaning)
            for change, proof in zip(changes, proofs, strict=True)
        ]
        removal = removed_recipient_section(section, changes) if rules.proof else None
        if removal is not None and all(_unexplained_or_editorial(found) for found in judged):
            findings.append(_locate(removal, section=section.id))
            continue
        for change, found_here in zip(changes, judged, strict=True):
            findings += [_locate(f, section=change.section or section.id) for f in found_here]
    for fact in fact_changes:
        findings += [_locate(f, fact=fact.path) for f in _judge(fact, rules.fact)]
    if not findings and layout in LAYOUT_FINDINGS:
        findings.append(LAYOUT_FINDINGS[layout])
    return Verdict(any(finding.material for finding in findings), tuple(findings))


def _unexplained_or_editorial(findings: list[Finding]) -> bool:
    """No rule found a named material change (a right removed, a new recipient...) here."""
    return all(f.category == UNEXPLAINED or not f.material for f in findings)


def _proof(change: BlockChange, proofs: Sequence[Callable[[BlockChange], Finding | None]]) -> list[Finding]:
    """The first editorial proof that holds for a change (nothing else needs to run)."""
    for rule in proofs:
        finding = rule(change)
        if finding is not None:
            return [finding]
    return []


def _judge(
    change: Change,
    rules: Sequence[Callable[[Change], Finding | None]],
    meaning: Sequence[Callable[[Change], Finding | None]] = (),
) -> list[Finding]:
    results = [finding for rule in rules if (finding := rule(change)) is not None]
    material = [finding for finding in results if finding.material]
    if material:
        return material
    for rule in meaning:
        finding = rule(change)
        if finding is not None:
            return [finding]
    if results:
        return results[:1]
    return [Finding(UNEXPLAINED, True, UNEXPLAINED_REASON)]


def _locate(finding: Finding, *, section: str | None = None, fact: str | None = None) -> Finding:
    """Fill in where a finding is, for rules (plugins) that leave it out."""
    if finding.section or finding.fact:
        return finding
    return dataclasses.replace(finding, section=section, fact=fact)
