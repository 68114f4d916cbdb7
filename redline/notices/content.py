"""What one notice says, from the sources of the two commits it compares.

A version is compared as it stands at its last commit with the version it replaces
as that stood at *its* last commit, by the same engine as ``redline diff``
(:func:`~redline.compare.changeset.compare_policy`), so a notice says exactly what
the pull request's report said — translated locales are rendered for their titles
only, since a notice carries no per-locale diff. The first version of each policy in
the published history has nothing to compare with: its notice announces it, with no changes.

The result is plain JSON data (:data:`redline.notices.store.FIELDS`), the part of a
notice the cache keeps; :func:`redline.notices.store.assemble` makes the notice of it.
"""

from __future__ import annotations

from typing import Any

from redline.classify.overrides import new_records
from redline.compare.changeset import PolicyChange, TracedFact, compare_policy
from redline.compare.gate import notice_period
from redline.compare.pairing import PolicyPair
from redline.compare.serialize import override_json, plain, reason_json
from redline.diff import diff_facts
from redline.load.sources import Sources
from redline.notices.factformat import fact_text
from redline.notices.versions import PolicyVersion, SourcesAt
from redline.notices.wording import Wording
from redline.render.cache import RenderCache


def notice_content(version: PolicyVersion, at: SourcesAt, cache: RenderCache, wording: Wording
                   ) -> dict[str, Any]:
    """What the notice of one version says (:data:`redline.notices.store.FIELDS`), from the sources."""
    head = at(version.last)
    if version.previous is None and version.before is None:
        return first_content(version, head)
    against = version.previous.last if version.previous else version.before
    assert against is not None
    base = at(against)
    old = base.policies[version.previous.policy] if version.previous else None
    pair = PolicyPair(old, head.policies[version.policy])
    records = new_records(base.snapshot, head.snapshot)
    facts = diff_facts(base.data.values, head.data.values)
    change = compare_policy(pair, base, head, facts, cache, records, locale_diffs=False)
    return _content(version, change, head, wording, notice_period(head, base).duration)


def first_content(version: PolicyVersion, head: Sources) -> dict[str, Any]:
    """The content of a policy's first version's notice: its title in every locale, no changes."""
    policy = head.policies[version.policy]
    titles = {head.project.source_locale: policy.title}
    for locale, catalog in head.catalogs.items():
        titles[locale] = catalog.lookup(policy.title) or policy.title
    return {"formerly": None, "title": {loc: titles.get(loc, policy.title) for loc in head.project.locales},
            "material": False, "sections": [], "facts": [], "reasons": [], "overrides": [],
            "period": notice_period(head).duration}


def _content(version: PolicyVersion, change: PolicyChange, head: Sources, wording: Wording,
             period: str) -> dict[str, Any]:
    locales = head.project.locales
    judgement = change.judgement
    findings = change.report.verdict.findings
    return {
        "formerly": change.pair.old_id,
        "title": {loc: change.titles.get(loc, version.policy) for loc in locales},
        "material": change.material,
        "sections": [_section(change, s.id, s.kind, s.title, locales) for s in change.report.sections],
        "facts": [_fact(t, head, wording) for t in change.traced
                  if not t.change.path.startswith("policy.")],
        "reasons": [reason_json(i, f, judgement) for i, f in enumerate(findings)],
        "overrides": [override_json(a) for a in judgement.overrides] if judgement else [],
        "period": period,
    }


def _section(change: PolicyChange, ident: str, kind: str, title: str,
             locales: tuple[str, ...]) -> dict[str, object]:
    titles = {loc: change.section_titles.get(loc, {}).get(ident, title) for loc in locales}
    return {"id": ident, "kind": kind, "title": titles}


def _fact(traced: TracedFact, head: Sources, wording: Wording) -> dict[str, object]:
    fact = traced.change
    formatted = {}
    for locale in head.project.locales:
        text = fact_text(fact, locale, wording, head)
        formatted[locale] = {"label": text.label, "before": text.before, "after": text.after,
                             "text": text.text}
    return {"path": fact.path, "kind": fact.kind, "old": plain(fact.old), "new": plain(fact.new),
            "sections": list(traced.sections), "formatted": formatted}
