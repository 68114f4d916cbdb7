"""Which sections changed in each locale, and what a translation-only change means.

A pull request that changes English text cannot carry its translations yet, so
other locales render with English fallback allowed, and the report says how many
texts fell back. A locale whose inputs are the same at both sides is not rendered.

A section that changed in a locale but not in the source is a change of that locale's
policy (its readers read that text): it is classified in its own language
(:func:`classify_locale`) and the gate applies to it as to the source.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from redline.classify import classify
from redline.classify.findings import UNEXPLAINED, Finding, Verdict
from redline.classify.overrides import ChangeRecord, Judgement, judge
from redline.compare.pairing import PolicyPair
from redline.diff import SectionChange, diff_documents
from redline.fallback import FALLBACK_CLOSE, FALLBACK_OPEN
from redline.load.catalogs import catalog_path
from redline.load.sources import Sources
from redline.render.cache import RenderCache, input_key
from redline.render.render import Rendered

LocaleStatus = Literal["compared", "unchanged", "added", "removed"]


@dataclass(frozen=True)
class LocaleChange:
    """How one locale of one policy changed.

    Attributes:
        locale: the locale.
        status: compared; unchanged (same inputs, not rendered); added or removed (the
            locale's catalog exists at one side only, so there is nothing to compare).
        sections: the changed sections in that locale.
        fallbacks: texts shown in English at the new side (missing or fuzzy translations).
        verdict: the classification of the sections that changed in this locale only (a
            translation-only change), in the locale's language; None when there are none.
    """

    locale: str
    status: LocaleStatus
    sections: tuple[SectionChange, ...] = ()
    fallbacks: int = 0
    verdict: Verdict | None = None
    judgement: Judgement | None = None

    @property
    def material(self) -> bool:
        """Whether this locale's own change needs a notice (overrides for this locale applied)."""
        if self.judgement is not None:
            return self.judgement.material
        return self.verdict is not None and self.verdict.material

    @property
    def material_sections(self) -> tuple[str, ...]:
        """The sections whose translation-only change is material."""
        if self.verdict is None:
            return ()
        return tuple(dict.fromkeys(f.section for f in self.verdict.findings if f.material and f.section))

    @property
    def section_ids(self) -> tuple[str, ...]:
        """Ids of the changed sections."""
        return tuple(section.id for section in self.sections)


@dataclass(frozen=True)
class Renderings:
    """A policy rendered in one locale at both sides (None where it does not exist)."""

    old: Rendered | None
    new: Rendered | None


def has_catalog(sources: Sources, locale: str) -> bool:
    """True when the snapshot has a catalog file for ``locale``."""
    project = sources.project
    return catalog_path(project.locales_dir, locale) in sources.snapshot.list(project.locales_dir)


def render_sides(cache: RenderCache, pair: PolicyPair, base: Sources, head: Sources, locale: str,
                 meta: dict[str, Any]) -> Renderings | None:
    """Render both sides in ``locale``; None when their inputs are the same (nothing changed)."""
    fallback = locale != head.project.source_locale
    options = {"allow_fallback": fallback, "meta": meta}
    keys = [input_key(sources, side, locale, options) if side is not None else None
            for sources, side in ((base, pair.old), (head, pair.new))]
    if None not in keys and keys[0] == keys[1]:
        return None
    old, new = (cache.render(sources, side, locale, allow_fallback=fallback, meta=meta, key=key)
                if side is not None else None
                for sources, side, key in zip((base, head), (pair.old, pair.new), keys, strict=True))
    return Renderings(old, new)


def locale_change(cache: RenderCache, pair: PolicyPair, base: Sources, head: Sources, locale: str,
                  meta: dict[str, Any]) -> tuple[LocaleChange, Renderings | None]:
    """Compare one translated locale of one policy."""
    status = _catalog_status(base, head, locale)
    if status == "removed" and pair.new is not None:
        return LocaleChange(locale, "removed"), None
    sides = render_sides(cache, pair, base, head, locale, meta)
    return _compared(locale, status, pair, sides)


def locale_renderings(cache: RenderCache, pair: PolicyPair, base: Sources, head: Sources, locale: str,
                      meta: dict[str, Any]) -> Renderings | None:
    """What :func:`locale_change` renders, not diffed: for the titles alone (a notice needs no more)."""
    if _catalog_status(base, head, locale) == "removed" and pair.new is not None:
        return None
    return render_sides(cache, pair, base, head, locale, meta)


def _compared(locale: str, status: LocaleStatus, pair: PolicyPair, sides: Renderings | None
              ) -> tuple[LocaleChange, Renderings | None]:
    if sides is None:
        return LocaleChange(locale, "unchanged"), None
    fallbacks = len(sides.new.fallbacks) if sides.new else 0
    if status == "added" and pair.old is not None:
        return LocaleChange(locale, "added", (), fallbacks), sides
    old = sides.old.markdown if sides.old else ""
    new = sides.new.markdown if sides.new else ""
    return LocaleChange(locale, "compared", diff_documents(old, new).sections, fallbacks), sides


def _catalog_status(base: Sources, head: Sources, locale: str) -> LocaleStatus:
    before, after = has_catalog(base, locale), has_catalog(head, locale)
    if after and not before:
        return "added"
    if before and not after:
        return "removed"
    return "compared"


def plain_title(title: str) -> str:
    """A heading without the marks of English fallback (notices carry plain text).

    >>> plain_title('<span class="redline-fallback" lang="en" dir="ltr">AI Policy</span>')
    'AI Policy'
    """
    return title.replace(FALLBACK_OPEN, "").replace(FALLBACK_CLOSE, "")


def titles(sides: Renderings | None) -> tuple[str | None, dict[str, str]]:
    """The policy's title and its section titles in one locale, new side first."""
    if sides is None:
        return None, {}
    found: dict[str, str] = {}
    for rendered in (sides.old, sides.new):
        if rendered is not None:
            found.update({s.id: plain_title(s.title) for s in rendered.sections if s.title})
    shown = sides.new or sides.old
    return (shown.title if shown else None), found


def classify_locale(change: LocaleChange, source_changed: set[str], policy: str = "",
                    records: Sequence[ChangeRecord] = ()) -> LocaleChange:
    """``change`` with the verdict on the sections that changed in its locale only, and the
    judgement of the records that change adds for this locale."""
    if change.status != "compared":
        return change
    own = [_translated(section) for section in change.sections if section.id not in source_changed]
    own = [section for section in own if section.blocks]
    if not own:
        return change
    verdict = classify(own, lang=change.locale)
    findings = tuple(_reasoned(finding, change.locale) for finding in verdict.findings)
    verdict = dataclasses.replace(verdict, findings=findings)
    judgement = judge(verdict, policy, records, {}, change.locale)
    return dataclasses.replace(change, verdict=verdict, judgement=judgement)


def _translated(section: SectionChange) -> SectionChange:
    """The section's changes minus translations arriving where English was shown (not a new meaning)."""
    fell_back = [block for block in section.blocks if block.old and FALLBACK_OPEN in block.old]
    # a section that showed English is aligned block by block with its translation as removals
    # and additions: those additions are the translation too
    blocks = tuple(block for block in section.blocks
                   if block not in fell_back and not (fell_back and not block.old))
    return dataclasses.replace(section, blocks=blocks)


def _reasoned(finding: Finding, lang: str) -> Finding:
    """An unexplained change in another language, said in words a reviewer acts on."""
    if not finding.material or finding.category != UNEXPLAINED:
        return finding
    reason = f"{language_name(lang)} text changed meaning: needs legal review"
    return dataclasses.replace(finding, reason=reason)


def language_name(lang: str) -> str:
    """The language's English name (the reports are for the team), or its code when Babel has none.

    >>> language_name("es"), language_name("ar"), language_name("xx")
    ('Spanish', 'Arabic', 'xx')
    """
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(lang.replace("-", "_")).get_language_name("en")) or lang
    except (ValueError, UnknownLocaleError):
        return lang
