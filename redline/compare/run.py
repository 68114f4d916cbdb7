"""``redline diff`` end to end: read both sides through git, compare, apply overrides, gate.

The one place that turns refs into sources; everything after it is pure.
"""

from __future__ import annotations

import datetime as dt

from redline.classify.overrides import check_applied, new_records
from redline.compare.changeset import ChangeSet, compare_sides
from redline.compare.gate import evaluate, notice_period
from redline.compare.report import DiffReport
from redline.config import Project
from redline.errors import GitError, RedlineError
from redline.gitio import Repository
from redline.load.snapshot import Snapshot, WorkTree
from redline.load.sources import Sources, load_sources
from redline.render.cache import RenderCache
from redline.sections import sections_from_blocks


def side(repo: Repository, project: Project, ref: str | None) -> tuple[Snapshot, str]:
    """The snapshot a ref names (None: the working tree) and how to call it in reports."""
    if ref is None:
        return WorkTree(project.root), "working tree"
    if ref == "HEAD" and not repo.has_commits():
        raise GitError("the repository has no commits yet: there is nothing to compare with",
                       fix="commit the policies first (`git add -A && git commit`)")
    snapshot = repo.snapshot(ref)
    return snapshot, f"{ref} ({snapshot.sha[:10]})"


def diff_refs(repo: Repository, project: Project, base_ref: str, head_ref: str | None,
              notice_date: dt.date, cache: RenderCache | None = None, base_label: str | None = None
              ) -> DiffReport:
    """Compare ``base_ref`` with ``head_ref`` (None: the working tree) and gate the result.

    ``base_label`` names the base side in the report (default: the ref and its commit).
    """
    cache = cache or RenderCache()
    base_snapshot, named = side(repo, project, base_ref)
    base_label = base_label or named
    head_snapshot, head_label = side(repo, project, head_ref)
    base = _load(base_snapshot, project, base_label, cache)
    head = _load(head_snapshot, project, head_label, cache)
    records = new_records(base_snapshot, head_snapshot, checked=cache.facts)
    changes = compare_sides(base, head, cache, records)
    check_overrides(changes, base, head)
    gate = evaluate(changes, notice_date, notice_period(head, base))
    return DiffReport(changes, gate, base_label, head_label)


def _load(snapshot: Snapshot, project: Project, label: str, cache: RenderCache) -> Sources:
    """Load one side; an error names the side it is in (the old side may be long gone from disk).

    Files that passed their schema in an earlier run are not checked again (the cache's facts).
    """
    try:
        return load_sources(snapshot, project, checked=cache.facts)
    except GitError:
        raise
    except RedlineError as error:
        if label == "working tree":
            raise
        raise RedlineError(f"{error.what} (in {label})", where=error.where, fix=error.fix) from None


def check_overrides(changes: ChangeSet, base: Sources, head: Sources) -> None:
    """Every record this change adds must name a policy and sections that exist, and match a finding."""
    known: dict[str, list[str]] = {}
    for sources in (head, base):
        for ident, policy in sources.policies.items():
            ids = [section.id for section in sections_from_blocks(list(policy.blocks))]
            known.setdefault(ident, []).extend(i for i in ids if i not in known.get(ident, []))
    judgements = {p.id: p.judgement for p in changes.policies if p.judgement is not None}
    by_locale = {(p.id, loc.locale): loc.judgement for p in changes.policies for loc in p.locales
                 if loc.judgement is not None}
    check_applied(changes.records, judgements, known, by_locale)
