"""Compare two sides (two commits, or a commit and the working tree): every policy, every locale.

For each policy the verdict comes from the source locale and the facts only, so it
never depends on a translation:

- text findings come from the *template's* changes: the new template rendered with
  the old data, against the old rendering;
- fact findings come from the typed data, diffed directly, for every fact the policy
  renders (see :mod:`redline.trace`);
- a text change caused by data in a section the trace does not link to any changed
  fact is judged from its text, so an incomplete trace can never hide a change.

Front matter dates are pinned to the old side's while rendering, so a new effective
or last-updated date is not a text change; it is reported (and gated) on its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from redline.classify import classify
from redline.classify.findings import UNEXPLAINED, Finding, Verdict
from redline.classify.overrides import ChangeRecord, Judgement, judge
from redline.compare.formats import Report
from redline.compare.locales import (
    LocaleChange,
    Renderings,
    classify_locale,
    has_catalog,
    locale_change,
    locale_renderings,
    render_sides,
    titles,
)
from redline.compare.pairing import PolicyPair, pair_policies
from redline.diff import DocumentDiff, FactChange, SectionChange, diff_documents, diff_facts, section_changes
from redline.errors import RedlineError
from redline.load.policy import PolicySource
from redline.load.sources import Sources
from redline.render.cache import RenderCache
from redline.render.env import partials_ids
from redline.trace import Trace, trace_policy

#: Front matter keys judged as facts (``policy.<key>``); ``effective`` is gated on its own.
META_FACTS = ("title", "updated")
PINNED = ("effective", "updated")


@dataclass(frozen=True)
class TracedFact:
    """A fact change and the sections of one policy that render it."""

    change: FactChange
    sections: tuple[str, ...]


@dataclass(frozen=True)
class PolicyChange:
    """Everything that changed in one policy between the two sides.

    Attributes:
        pair: the policy at both sides.
        report: the rules' verdict, the source locale's changed sections, the policy's facts.
        traced: each fact of the report with the sections rendering it.
        judgement: the verdict after overrides.
        locales: what changed in each translated locale (none when compared without locale diffs).
        titles: locale → the policy's title.
        section_titles: locale → section id → title.
    """

    pair: PolicyPair
    report: Report
    traced: tuple[TracedFact, ...] = ()
    judgement: Judgement | None = None
    locales: tuple[LocaleChange, ...] = ()
    titles: dict[str, str] = field(default_factory=dict)
    section_titles: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """The policy id (new side's)."""
        return self.pair.id

    @property
    def material(self) -> bool:
        """Whether the change needs a notice, overrides applied, or a locale's own change does."""
        source = self.judgement.material if self.judgement else self.report.verdict.material
        return source or any(locale.material for locale in self.locales)

    @property
    def changed(self) -> bool:
        """Whether anything at all changed (text, facts, translations or dates)."""
        return bool(self.report.verdict.findings or self.report.sections or self.pair.status != "modified"
                    or self.pair.old_id
                    or any(loc.sections or loc.status in ("added", "removed") for loc in self.locales)
                    or self.old_effective != self.new_effective)

    @property
    def old_effective(self) -> dt.date | None:
        """The effective date at the old side."""
        return self.pair.old.effective if self.pair.old else None

    @property
    def new_effective(self) -> dt.date | None:
        """The effective date at the new side."""
        return self.pair.new.effective if self.pair.new else None

    def traced_map(self) -> dict[str, tuple[str, ...]]:
        """Fact path → sections rendering it."""
        return {fact.change.path: fact.sections for fact in self.traced}


@dataclass(frozen=True)
class ChangeSet:
    """The comparison of two sides.

    Attributes:
        policies: one entry per policy at either side.
        facts: every change of the typed data.
        unrendered: data changes no policy renders (reported, never a notice).
        records: the override records this change adds.
    """

    policies: tuple[PolicyChange, ...]
    facts: tuple[FactChange, ...] = ()
    unrendered: tuple[FactChange, ...] = ()
    records: tuple[ChangeRecord, ...] = ()

    @property
    def material(self) -> bool:
        """Whether any policy's change needs a notice."""
        return any(policy.material for policy in self.policies)


def compare_sides(base: Sources, head: Sources, cache: RenderCache,
                  records: Sequence[ChangeRecord] = ()) -> ChangeSet:
    """Compare every policy of ``base`` with its counterpart in ``head``."""
    facts = tuple(diff_facts(base.data.values, head.data.values))
    changes = tuple(
        compare_policy(pair, base, head, facts, cache, records)
        for pair in pair_policies(base.policies, head.policies)
    )
    rendered = {fact.change.path for change in changes for fact in change.traced}
    unrendered = tuple(fact for fact in facts if fact.path not in rendered)
    return ChangeSet(changes, facts, unrendered, tuple(records))


def pinned_meta(pair: PolicyPair) -> dict[str, Any]:
    """The old side's dates, used at both sides so a new date is not a text change."""
    if pair.old is None:
        return {}
    return {key: pair.old.meta[key] for key in PINNED if key in pair.old.meta}


def compare_policy(pair: PolicyPair, base: Sources, head: Sources, facts: Sequence[FactChange],
                   cache: RenderCache, records: Sequence[ChangeRecord] = (), *,
                   locale_diffs: bool = True, source_only: bool = False) -> PolicyChange:
    """Compare one policy at both sides: verdict from the source locale, sections in every locale.

    With ``locale_diffs`` False the translated locales are rendered for their titles only
    and not diffed (``locales`` stays empty): all a notice needs of them. With
    ``source_only`` they are not rendered at all (the history judges them from its own renders).
    """
    meta = pinned_meta(pair)
    source = head.project.source_locale
    traces = [trace_of(p, s) for p, s in ((pair.new, head), (pair.old, base)) if p is not None]
    traced = _traced(pair, traces, facts)
    same = _Locales(base, head, cache, locale_diffs, source_only)
    if _untouched(pair, base, head, traced, traces) and not _reordered(base, head, facts):
        return _text_unchanged(pair, traced, records, same)
    sides = render_sides(cache, pair, base, head, source, meta)
    if sides is None:
        return _text_unchanged(pair, traced, records, same)
    full = diff_documents(_markdown(sides.old), _markdown(sides.new))
    if pair.new is None:
        return _removed(pair, full, records, sides, source)
    text, by_data = _split(pair, base, head, full, sides, cache, meta, bool(facts))
    covered = {section for fact in traced for section in fact.sections}
    judged = [*text.sections, *(s for s in by_data if s.id not in covered)]
    fact_changes = tuple(fact.change for fact in traced)
    verdict = classify(judged, fact_changes, layout=text.layout)
    change = PolicyChange(pair, Report(verdict, full.sections, fact_changes), traced)
    judgement = judge(verdict, pair.id, records, change.traced_map())
    return same.added(dataclasses.replace(change, judgement=judgement), sides, records=records)


def _removed(pair: PolicyPair, full: DocumentDiff, records: Sequence[ChangeRecord],
             sides: Renderings, source: str) -> PolicyChange:
    """A deleted policy: one material finding (its text stops applying), its sections, no locales."""
    assert pair.old is not None
    finding = Finding(UNEXPLAINED, True, f"policy removed: {pair.old.path} no longer exists")
    verdict = Verdict(True, (finding,))
    title, section_titles = titles(sides)
    return PolicyChange(pair, Report(verdict, full.sections), (), judge(verdict, pair.id, records, {}),
                        titles={source: title or pair.old.title}, section_titles={source: section_titles})


def _markdown(rendered: Any) -> str:
    return str(rendered.markdown) if rendered is not None else ""


def _split(pair: PolicyPair, base: Sources, head: Sources, full: DocumentDiff, sides: Renderings,
           cache: RenderCache, meta: dict[str, Any], data_changed: bool
           ) -> tuple[DocumentDiff, tuple[SectionChange, ...]]:
    """Split the source locale's changes into (caused by the template, caused by the data)."""
    if not data_changed or pair.old is None or pair.new is None or sides.old is None or sides.new is None:
        return full, ()
    if _same_template(pair.old, pair.new, base, head):
        return DocumentDiff((), "none"), full.sections
    try:
        mixed = cache.render(dataclasses.replace(head, data=base.data), pair.new,
                             head.project.source_locale, meta=meta)
    except RedlineError:
        return full, ()  # the new template needs new data: judge all of its text
    by_data = section_changes(mixed.markdown, sides.new.markdown)
    return diff_documents(sides.old.markdown, mixed.markdown), by_data


def _same_template(old: PolicySource, new: PolicySource, base: Sources, head: Sources) -> bool:
    """True when everything but the data renders the same: body, partials, id, front matter (dates aside)."""
    before, after = ({k: v for k, v in p.meta.items() if k not in PINNED} for p in (old, new))
    if old.body != new.body or old.id != new.id or before != after:
        return False
    folder = f"{head.project.policies_dir}/_partials"
    paths = base.snapshot.list(folder)
    return paths == head.snapshot.list(folder) and all(
        base.snapshot.read(path) == head.snapshot.read(path) for path in paths
    )


def _traced(pair: PolicyPair, traces: Sequence[Trace], facts: Sequence[FactChange]
            ) -> tuple[TracedFact, ...]:
    """The policy's own front matter facts and the data facts it renders, with their sections."""
    complete = all(trace.complete for trace in traces)
    found = []
    for fact in meta_facts(pair):
        found.append(TracedFact(fact, _reading(traces, fact.path)))
    for fact in facts:
        sections = _reading(traces, fact.path)
        if sections or not complete:
            found.append(TracedFact(fact, sections))
    return tuple(found)


def _reading(traces: Sequence[Trace], path: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for trace in traces for s in trace.sections_reading(path)))


def _untouched(pair: PolicyPair, base: Sources, head: Sources, traced: Sequence[TracedFact],
               traces: Sequence[Trace]) -> bool:
    """True when no input the source locale's text depends on changed: nothing to render there."""
    if pair.old is None or pair.new is None or not all(trace.complete for trace in traces):
        return False
    data_read = any(not fact.change.path.startswith("policy.") for fact in traced)
    return not data_read and _same_template(pair.old, pair.new, base, head)


def _reordered(base: Sources, head: Sources, facts: Sequence[FactChange]) -> bool:
    """True when the data changed in a way no fact shows: a mapping's keys in another order (a
    loop prints them in that order), ``12`` become ``12.0``. The text must then be compared."""
    return not facts and repr(base.data.values) != repr(head.data.values)


def _text_unchanged(pair: PolicyPair, traced: tuple[TracedFact, ...], records: Sequence[ChangeRecord],
                    locales: _Locales) -> PolicyChange:
    """A policy whose source text is the same at both sides: only front matter facts to judge."""
    verdict = classify((), [fact.change for fact in traced])
    change = PolicyChange(pair, Report(verdict, (), tuple(f.change for f in traced)), traced)
    judgement = judge(verdict, pair.id, records, change.traced_map())
    return locales.added(dataclasses.replace(change, judgement=judgement), None, source_same=True,
                         records=records)


def trace_of(policy: PolicySource, sources: Sources) -> Trace:
    """The trace of ``policy``'s template, following includes of ``sources``' partials.

    Traced once per template and partials (a history compares the same text many times).
    """
    key = (policy.body, policy.body_line, *partials_ids(sources.snapshot, sources.project.policies_dir))
    found = _TRACES.get(key)
    if found is None:
        found = _trace(policy, sources)
        if len(_TRACES) >= 256:
            _TRACES.clear()
        _TRACES[key] = found
    return found


_TRACES: dict[tuple[object, ...], Trace] = {}


def _trace(policy: PolicySource, sources: Sources) -> Trace:
    folder = f"{sources.project.policies_dir}/_partials"

    def read(name: str) -> str | None:
        raw = sources.snapshot.read(f"{folder}/{name}")
        return raw.decode("utf-8", "replace") if raw is not None else None

    return trace_policy(policy, read)


def meta_facts(pair: PolicyPair) -> list[FactChange]:
    """Front matter changes judged as facts: ``policy.title``, ``policy.updated``."""
    if pair.old is None or pair.new is None:
        return []
    old, new = (_plain_meta(p.meta) for p in (pair.old, pair.new))
    return [dataclasses.replace(c, path=f"policy.{c.path}") for c in diff_facts(old, new)]


def _plain_meta(meta: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in meta.items() if k in META_FACTS}


@dataclass(frozen=True)
class _Locales:
    """How a comparison's translated locales are added: both sides, the cache, diffed or not."""

    base: Sources
    head: Sources
    cache: RenderCache
    diffs: bool = True
    skip: bool = False

    def added(self, change: PolicyChange, sides: Renderings | None, source_same: bool = False,
              records: Sequence[ChangeRecord] = ()) -> PolicyChange:
        """``change`` with what changed in each translated locale, and the titles in every locale."""
        if self.skip:
            return change
        base, head = self.base, self.head
        meta = pinned_meta(change.pair)
        source = head.project.source_locale
        title, section_titles = titles(sides)
        policy = change.pair.new or change.pair.old
        all_titles = {source: title or (policy.title if policy else change.pair.id)}
        all_sections = {source: section_titles}
        locales = []
        for locale in head.project.translated_locales:
            if source_same and _same_catalog(base, head, locale):
                result, rendered = LocaleChange(locale, "unchanged"), None
            elif self.diffs:
                result, rendered = locale_change(self.cache, change.pair, base, head, locale, meta)
            else:
                result, rendered = None, locale_renderings(self.cache, change.pair, base, head, locale, meta)
            if result is not None:
                result = classify_locale(result, {section.id for section in change.report.sections},
                                         change.id, records)
            locales += [result] if result and self.diffs else []
            title, section_titles = titles(rendered)
            catalog = head.catalogs.get(locale)
            all_titles[locale] = title or (catalog.lookup(all_titles[source]) if catalog else None) \
                or all_titles[source]
            all_sections[locale] = section_titles
        return dataclasses.replace(change, locales=tuple(locales), titles=all_titles,
                                   section_titles=all_sections)


def _same_catalog(base: Sources, head: Sources, locale: str) -> bool:
    old, new = base.catalogs.get(locale), head.catalogs.get(locale)
    same = (old.entries if old else None) == (new.entries if new else None)
    return same and has_catalog(base, locale) == has_catalog(head, locale)
