"""The report of ``redline diff``: text (terminal), Markdown (pull-request comment), JSON.

Pure functions from a :class:`DiffReport` to a string. Each format gives the verdict
first, then per policy the findings (overrides marked), the effective dates and the
gate's answer, the sections changed in other locales, and the changed text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from redline.classify.facts import spoken
from redline.classify.findings import Finding, Verdict
from redline.classify.overrides import Applied
from redline.compare.changeset import ChangeSet, PolicyChange
from redline.compare.formats import Format, cell, headline, html_block, section_json, show, text_block
from redline.compare.gate import Gate, GateCheck
from redline.compare.serialize import override_json, plain, reason_json
from redline.diff.durations import is_duration


@dataclass(frozen=True)
class DiffReport:
    """What ``redline diff`` found.

    Attributes:
        changes: the comparison of the two sides.
        gate: the notice gate's answers.
        base: the old side, as the user named it (``HEAD (1a2b3c4d5e)``).
        head: the new side (``working tree``).
    """

    changes: ChangeSet
    gate: Gate
    base: str
    head: str

    @property
    def verdict(self) -> Verdict:
        """The overall verdict: material iff any policy's change is (overrides applied, every locale)."""
        policies = self.changes.policies
        findings = tuple(f for p in policies for f in p.report.verdict.findings) + tuple(
            f for p in policies for loc in p.locales if loc.verdict for f in loc.verdict.findings)
        return Verdict(self.changes.material, findings)

    def changed(self) -> list[PolicyChange]:
        """The policies that changed."""
        return [policy for policy in self.changes.policies if policy.changed]


def render(report: DiffReport, fmt: Format) -> str:
    """Render the report in ``fmt``."""
    renderers: dict[str, Callable[[DiffReport], str]] = {
        "text": render_text, "markdown": render_markdown, "json": render_json,
    }
    return renderers[fmt](report)


def _title(policy: PolicyChange) -> str:
    return next(iter(policy.titles.values()), policy.id)


def _status(policy: PolicyChange) -> str:
    if policy.pair.old_id:
        return f"renamed from {policy.pair.old_id}"
    return {"added": "added", "removed": "removed"}.get(policy.pair.status, "modified")


def _weight(policy: PolicyChange) -> str:
    if any(locale.verdict for locale in policy.locales) and not policy.report.verdict.findings:
        return "material (a translation)" if policy.material else "editorial (a translation)"
    if not policy.report.verdict.findings and not policy.material:
        return "no change in the source text" if policy.changed else "no change"
    return "material" if policy.material else "editorial"


def _dates(check: GateCheck | None, policy: PolicyChange) -> str:
    old, new = policy.old_effective, policy.new_effective
    dates = f"{old or '—'} → {new or '—'}" if old != new else f"{old} (unchanged)"
    if check is None or not check.material:
        return dates
    verdict = "ok" if check.problem == "ok" else "FAILS"
    return f"{dates}; earliest allowed {check.earliest}: {verdict}"


def _finding_where(finding: Finding, policy: PolicyChange) -> str:
    titles = policy.section_titles.get(next(iter(policy.section_titles), ""), {})
    if finding.fact:
        shown = [titles.get(s, s) for s in policy.traced_map().get(finding.fact, ())]
        return f"fact {finding.fact}" + (f" → {', '.join(shown)}" if shown else "")
    if finding.section:
        return titles.get(finding.section, finding.section)
    return "(whole document)"


def _section_titles(finding: Finding, policy: PolicyChange) -> str:
    """Where a finding is, for a table cell: its section, or the sections rendering its fact."""
    titles = policy.section_titles.get(next(iter(policy.section_titles), ""), {})
    if finding.fact:
        return ", ".join(titles.get(s, s) for s in policy.traced_map().get(finding.fact, ())) or "—"
    if finding.section:
        return titles.get(finding.section, finding.section)
    return "(whole document)"


def _mark(index: int, finding: Finding, policy: PolicyChange) -> tuple[str, str]:
    record = policy.judgement.overridden_by(index) if policy.judgement else None
    if record is None:
        return ("material " if finding.material else "editorial"), ""
    said = "material" if finding.material else "editorial"
    weight = "editorial" if finding.material else "material "
    return weight, f"  (overridden by {record.path}; the rules said {said})"


def render_text(report: DiffReport) -> str:
    """Render the report for a terminal."""
    gate = report.gate
    name, meaning = headline(report.verdict)
    lines = [f"Comparing {report.base} → {report.head}",
             f"Notice date {gate.notice_date} · notice period {gate.period.duration} ({gate.period.where})"
             f" · earliest effective date of a material change {gate.earliest}",
             "", f"{name} — {meaning}."]
    for policy in report.changes.policies:
        lines += ["", *_text_policy(policy, gate.check(policy.id))]
    lines += _text_unrendered(report.changes)
    lines += ["", *_text_gate(report)]
    return "\n".join(lines) + "\n"


def _text_policy(policy: PolicyChange, check: GateCheck | None) -> list[str]:
    head = f"{policy.id} — {_title(policy)}: {_weight(policy)}"
    if not policy.changed:
        return [head]
    lines = [f"{head} ({_status(policy)})", f"  Effective date: {_dates(check, policy)}"]
    findings = policy.report.verdict.findings
    if findings:
        lines.append(f"  Findings ({len(findings)}):")
        for index, finding in enumerate(findings):
            weight, note = _mark(index, finding, policy)
            where = _finding_where(finding, policy)
            lines.append(f"    {weight}  {finding.category:<24}  [{where}] {finding.reason}{note}")
    lines += _text_sections(policy) + _text_facts(policy) + _text_locales(policy) + _text_overrides(policy)
    return lines


def _text_sections(policy: PolicyChange) -> list[str]:
    sections = policy.report.sections
    if not sections:
        return []
    whole = policy.pair.status != "modified"  # a whole policy added or removed: headings only
    lines = [f"  Sections ({len(sections)}):"]
    for section in sections:
        lines.append(f"    {section.kind:<8}  {section.id}  {section.title}".rstrip())
        lines += [] if whole else [f"      {text_block(block)}" for block in section.blocks]
    return lines


def _text_facts(policy: PolicyChange) -> list[str]:
    if not policy.traced:
        return []
    lines = [f"  Facts ({len(policy.traced)}):"]
    for fact in policy.traced:
        change = fact.change
        shown = f"  (rendered in: {', '.join(fact.sections)})" if fact.sections else ""
        lines.append(f"    {change.kind:<9} {change.path}: {_spoken(change.old)} → "
                     f"{_spoken(change.new)}{shown}")
    return lines


def _spoken(value: Any) -> str:
    """A fact's value for a reader: a duration in words with its code (``12 months (P12M)``)."""
    if is_duration(value):
        return f"{spoken(value)} ({value})"
    return show(plain(value))


def _text_locales(policy: PolicyChange) -> list[str]:
    if not policy.locales:
        return []
    lines = ["  Other locales (rendered with English where a translation is missing):"]
    for locale in policy.locales:
        lines.append(f"    {locale.locale:<4}{_locale_summary(locale)}")
    return lines


def _locale_summary(locale: Any) -> str:
    if locale.status == "unchanged":
        return "no change"
    if locale.status == "added":
        return "new locale (no catalog at the old side): nothing to compare"
    if locale.status == "removed":
        return "catalog removed at the new side: nothing to compare"
    changed = ", ".join(locale.section_ids) or "no change"
    plural = "s" if locale.fallbacks != 1 else ""
    fallback = f"  ({locale.fallbacks} text{plural} shown in English)" if locale.fallbacks else ""
    return changed + fallback + _locale_verdict(locale)


def _locale_verdict(locale: Any) -> str:
    """`` — material: Spanish text changed meaning: needs legal review [sharing]`` (translations only)."""
    if locale.verdict is None:
        return ""
    weight = "material" if locale.verdict.material else "editorial"
    if locale.verdict.material and not locale.material:
        weight = "editorial by override (the rules said material)"
    shown = [f for f in locale.verdict.findings if f.material == locale.verdict.material]
    reasons = "; ".join(dict.fromkeys(f"{f.reason} [{f.section}]" if f.section else f.reason for f in shown))
    return f" — {weight}: {reasons}"


def _applied(policy: PolicyChange) -> list[tuple[str, Applied]]:
    """Every override that applied to ``policy``: to its source text ("") and to each locale's own change."""
    found = [("", a) for a in (policy.judgement.overrides if policy.judgement else ())]
    return found + [(loc.locale, a) for loc in policy.locales
                    for a in (loc.judgement.overrides if loc.judgement else ())]


def _text_overrides(policy: PolicyChange) -> list[str]:
    applied = _applied(policy)
    if not applied:
        return []
    lines = [f"  Overrides ({len(applied)}):"]
    for locale, item in applied:
        record = item.record
        numbers = ", ".join(str(i + 1) for i in item.findings)
        where = f" of the {locale} translation" if locale else ""
        lines += [f"    {record.path}: {record.verdict}, by {record.author} (findings {numbers}{where})",
                  f"      {record.justification}"]
    return lines


def _text_unrendered(changes: ChangeSet) -> list[str]:
    if not changes.unrendered:
        return []
    lines = ["", "Facts no policy renders (no notice needed):"]
    lines += [f"  {fact.kind:<9} {fact.path}: {show(plain(fact.old))} → {show(plain(fact.new))}"
              for fact in changes.unrendered]
    return lines


def _text_gate(report: DiffReport) -> list[str]:
    failures = report.gate.failures
    if not failures:
        return ["Notice gate: ok"]
    lines = [f"Notice gate: {len(failures)} problem{'s' if len(failures) > 1 else ''}"]
    return lines + [f"  {check.message(report.gate.notice_date, report.gate.period)}" for check in failures]


def render_markdown(report: DiffReport) -> str:
    """Render a pull-request comment: the verdict first, then the findings, dates and gate."""
    gate = report.gate
    name, meaning = headline(report.verdict)
    lines = [f"**{name}** — {meaning}.", "",
             f"Comparing {report.base} → {report.head}. Notice date {gate.notice_date}, notice period "
             f"{gate.period.duration}: **earliest effective date {gate.earliest}**."]
    changed = report.changed()
    rows = [row for policy in changed for row in _markdown_findings(policy)]
    if rows:
        lines += ["", "| Policy | Section | Change | Finding | Reason |",
                  "| --- | --- | --- | --- | --- |", *rows]
    if changed:
        lines += ["", "| Policy | Verdict | Effective date | Earliest allowed | Notice gate |",
                  "| --- | --- | --- | --- | --- |", *(_markdown_gate(p, gate.check(p.id)) for p in changed)]
    lines += _markdown_failures(report) + _markdown_locales(changed) + _markdown_overrides(changed)
    lines += _markdown_text(changed)
    return "\n".join(lines) + "\n"


def _markdown_findings(policy: PolicyChange) -> list[str]:
    kinds = {section.id: section.kind for section in policy.report.sections}
    rows = []
    for index, finding in enumerate(policy.report.verdict.findings):
        weight, note = _mark(index, finding, policy)
        change = f"fact `{finding.fact}`" if finding.fact else kinds.get(finding.section or "", "layout")
        reason = cell(finding.reason) + (f" *{cell(note.strip())}*" if note else "")
        rows.append(f"| {cell(_title(policy))} | {cell(_section_titles(finding, policy))} | {change} | "
                    f"**{finding.category}** ({weight.strip()}) | {reason} |")
    return rows


def _markdown_gate(policy: PolicyChange, check: GateCheck | None) -> str:
    old, new = policy.old_effective, policy.new_effective
    dates = f"{old or '—'} → {new or '—'}" if old != new else f"{old} (unchanged)"
    earliest = str(check.earliest) if check and check.material else "—"
    verdict = "no notice needed"
    if check and check.material:
        verdict = "✅ ok" if check.problem == "ok" else f"❌ {check.problem}"
    return f"| {cell(_title(policy))} | {_weight(policy)} | {dates} | {earliest} | {verdict} |"


def _markdown_failures(report: DiffReport) -> list[str]:
    failures = report.gate.failures
    if not failures:
        return []
    lines = ["", "**The notice gate fails:**", ""]
    return lines + [f"- {cell(c.message(report.gate.notice_date, report.gate.period))}" for c in failures]


def _markdown_locales(changed: list[PolicyChange]) -> list[str]:
    items = [f"- {cell(_title(p))} — " + " · ".join(
        f"{loc.locale}: {cell(_locale_summary(loc))}" for loc in p.locales) for p in changed if p.locales]
    if not items:
        return []
    return ["", "**Other locales** (rendered with English where a translation is missing):", "", *items]


def _markdown_overrides(changed: list[PolicyChange]) -> list[str]:
    items = [f"- `{a.record.path}` — {cell(_title(p))}, judged **{a.record.verdict}** by "
             f"{cell(a.record.author)}: {cell(a.record.justification)}"
             for p in changed for _, a in _applied(p)]
    return ["", "**Overrides** (recorded in the repository):", "", *items] if items else []


def _markdown_text(changed: list[PolicyChange]) -> list[str]:
    blocks = [(p, s) for p in changed for s in p.report.sections if s.blocks and p.pair.status == "modified"]
    if not blocks:
        return []
    lines = ["", "<details>", "<summary>Changed text</summary>", ""]
    for policy, section in blocks:
        lines += [f"#### {cell(_title(policy))} — {cell(section.title or section.id)}", ""]
        lines += [f"- {html_block(block)}" for block in section.blocks] + [""]
    return [*lines, "</details>"]


def render_json(report: DiffReport) -> str:
    """Render one JSON object: top-level ``material``, every finding, the gate, then each policy."""
    gate = report.gate
    document = {
        "material": report.changes.material,
        "findings": [{"policy": p.id, **_finding_json(i, f, p)}
                     for p in report.changes.policies for i, f in enumerate(p.report.verdict.findings)],
        "base": report.base,
        "head": report.head,
        "notice_date": gate.notice_date.isoformat(),
        "notice_period": gate.period.duration,
        "earliest_effective": gate.earliest.isoformat(),
        "gate": {"ok": not gate.failures,
                 "failures": [c.message(gate.notice_date, gate.period) for c in gate.failures]},
        "policies": [_policy_json(p, gate.check(p.id)) for p in report.changes.policies],
        "unrendered_facts": [_fact_json(fact, ()) for fact in report.changes.unrendered],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _policy_json(policy: PolicyChange, check: GateCheck | None) -> dict[str, Any]:
    judgement = policy.judgement
    return {
        "id": policy.id, "title": policy.titles,
        "status": policy.pair.status if policy.changed else "unchanged", "formerly": policy.pair.old_id,
        "changed": policy.changed, "material": policy.material,
        "rules_material": policy.report.verdict.material,
        "effective": {"old": plain(policy.old_effective), "new": plain(policy.new_effective),
                      "earliest": check.earliest.isoformat() if check and check.material else None},
        "gate": check.problem if check else "ok",
        "findings": [_finding_json(i, f, policy) for i, f in enumerate(policy.report.verdict.findings)],
        "sections": [section_json(section) for section in policy.report.sections],
        "facts": [_fact_json(t.change, t.sections) for t in policy.traced],
        "locales": [{"locale": loc.locale, "status": loc.status, "sections": list(loc.section_ids),
                     "fallbacks": loc.fallbacks, "material": loc.material,
                     "findings": [reason_json(i, f, None) for i, f in
                                  enumerate(loc.verdict.findings if loc.verdict else ())],
                     "overrides": [override_json(a)
                                   for a in (loc.judgement.overrides if loc.judgement else ())]}
                    for loc in policy.locales],
        "overrides": [override_json(a) for a in judgement.overrides] if judgement else [],
    }


def _finding_json(index: int, finding: Finding, policy: PolicyChange) -> dict[str, Any]:
    """A finding with ``sections``: its own, or those rendering its fact (what the text report names)."""
    sections = [finding.section] if finding.section else list(policy.traced_map().get(finding.fact or "", ()))
    return {**reason_json(index, finding, policy.judgement), "sections": sections}


def _fact_json(fact: Any, sections: tuple[str, ...]) -> dict[str, Any]:
    return {"path": fact.path, "kind": fact.kind, "old": plain(fact.old), "new": plain(fact.new),
            "sections": list(sections)}
