"""Build every notice from git: one per (policy, effective date), each compared with the version before.

A version is compared as it stands at its last commit with the version it replaces
as that stood at *its* last commit, by the same engine as ``redline diff``
(:func:`~redline.notices.changeset.compare_policy`), so a notice says exactly what
the pull request's report said. The first version of each policy in the published
history has nothing to compare with: its notice announces it, with no changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from redline.config import Project
from redline.diff import diff_facts
from redline.gitio import Repository
from redline.load.sources import Sources
from redline.notices.changeset import PolicyChange, TracedFact, compare_policy
from redline.notices.factformat import fact_text
from redline.notices.gate import add_duration, notice_period
from redline.notices.model import Notice, notice_id, urls
from redline.notices.pairing import PolicyPair
from redline.notices.serialize import override_json, plain, reason_json
from redline.notices.versions import PolicyVersion, SourcesAt, history_commits, policy_versions
from redline.notices.wording import Wording
from redline.overrides import new_records
from redline.render.cache import RenderCache


@dataclass(frozen=True)
class Setting:
    """What every notice needs besides its versions: the site's address, the wording, the cache."""

    site_url: str
    wording: Wording
    cache: RenderCache


def _setting(root: Path, name: str) -> str | None:
    """A top-level string of ``mkdocs.yml``, read without constructing tags."""
    node = yaml.compose((root / "mkdocs.yml").read_text(encoding="utf-8"))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == name and isinstance(value, yaml.ScalarNode) and value.value:
                return str(value.value)
    return None


def site_url(root: Path) -> str:
    """``site_url`` of ``mkdocs.yml`` with a final slash, or "/" when unset."""
    return (_setting(root, "site_url") or "").rstrip("/") + "/"


def site_name(root: Path) -> str:
    """``site_name`` of ``mkdocs.yml``."""
    return _setting(root, "site_name") or "Policies"


def build_notices(repo: Repository, project: Project, setting: Setting, ref: str = "HEAD"
                  ) -> tuple[list[Notice], list[str]]:
    """Every notice of ``ref``'s history, oldest first, and a warning per commit skipped."""
    versions, skipped = policy_versions(repo, project, history_commits(repo, project, ref))
    at = SourcesAt(repo, project)
    return [notice_for(version, at, setting) for version in versions], skipped


def notice_for(version: PolicyVersion, at: SourcesAt, setting: Setting) -> Notice:
    """The notice of one version."""
    head = at(version.last)
    if version.previous is None and version.before is None:
        return first_notice(version, head, setting)
    against = version.previous.last if version.previous else version.before
    assert against is not None
    base = at(against)
    old = base.policies[version.previous.policy] if version.previous else None
    pair = PolicyPair(old, head.policies[version.policy])
    records = new_records(base.snapshot, head.snapshot)
    facts = diff_facts(base.data.values, head.data.values)
    change = compare_policy(pair, base, head, facts, setting.cache, records)
    period = notice_period(head, base)
    earliest = add_duration(version.notice_date, period.duration)
    return _notice(version, change, head, setting, earliest)


def first_notice(version: PolicyVersion, head: Sources, setting: Setting) -> Notice:
    """The notice of a policy's first version: its title and dates, no changes."""
    policy = head.policies[version.policy]
    titles = {head.project.source_locale: policy.title}
    for locale, catalog in head.catalogs.items():
        titles[locale] = catalog.lookup(policy.title) or policy.title
    # A policy older than its repository was published on its effective date at the latest.
    given = min(version.notice_date, version.effective)
    earliest = add_duration(given, notice_period(head).duration)
    return Notice(
        id=notice_id(version.policy, version.effective), policy=version.policy,
        title={loc: titles.get(loc, policy.title) for loc in head.project.locales},
        notice_date=given, effective=version.effective, previous_effective=None,
        earliest_effective=earliest, material=False,
        urls={loc: urls(setting.site_url, loc, version.policy, version.effective, None)
              for loc in head.project.locales},
    )


def _notice(version: PolicyVersion, change: PolicyChange, head: Sources, setting: Setting,
            earliest: dt.date) -> Notice:
    locales = head.project.locales
    previous = version.previous.effective if version.previous else None
    judgement = change.judgement
    findings = change.report.verdict.findings
    return Notice(
        id=notice_id(version.policy, version.effective), policy=version.policy,
        formerly=change.pair.old_id, title={loc: change.titles.get(loc, version.policy) for loc in locales},
        notice_date=version.notice_date, effective=version.effective, previous_effective=previous,
        earliest_effective=earliest,
        material=change.material,
        sections=tuple(_section(change, s.id, s.kind, s.title, locales) for s in change.report.sections),
        facts=tuple(_fact(t, head, setting.wording) for t in change.traced
                    if not t.change.path.startswith("policy.")),
        reasons=tuple(reason_json(i, f, judgement) for i, f in enumerate(findings)),
        overrides=tuple(override_json(a) for a in judgement.overrides) if judgement else (),
        urls={loc: urls(setting.site_url, loc, version.policy, version.effective, previous)
              for loc in locales},
    )


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
