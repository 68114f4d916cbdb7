"""Which sections changed in each locale: reported, never classified (the verdict is the source's).

A pull request that changes English text cannot carry its translations yet, so
other locales render with English fallback allowed, and the report says how many
texts fell back. A locale whose inputs are the same at both sides is not rendered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from redline.compare.pairing import PolicyPair
from redline.diff import SectionChange, diff_documents
from redline.load.catalogs import catalog_path
from redline.load.sources import Sources
from redline.render.cache import RenderCache, input_key
from redline.render.render import Rendered
from redline.render.translate import FALLBACK_CLOSE, FALLBACK_OPEN

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
    """

    locale: str
    status: LocaleStatus
    sections: tuple[SectionChange, ...] = ()
    fallbacks: int = 0

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
    if pair.old is not None and pair.new is not None and (
        input_key(base, pair.old, locale, options) == input_key(head, pair.new, locale, options)
    ):
        return None
    old = cache.render(base, pair.old, locale, allow_fallback=fallback, meta=meta) if pair.old else None
    new = cache.render(head, pair.new, locale, allow_fallback=fallback, meta=meta) if pair.new else None
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
