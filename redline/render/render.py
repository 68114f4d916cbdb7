"""Render one policy in one locale: translate the template, then run it in the sandbox."""

from __future__ import annotations

import functools
import traceback
from dataclasses import dataclass, field
from typing import Any

from jinja2 import TemplateSyntaxError
from jinja2.exceptions import SecurityError, TemplateError, TemplateNotFound

from redline.blocks import join_blocks_mapped
from redline.errors import RedlineError, did_you_mean
from redline.htmlscan import check_plain
from redline.load.catalogs import Catalog
from redline.load.policy import PolicySource
from redline.load.sources import Sources
from redline.load.yamlfile import Path_
from redline.render import limits
from redline.render.env import TEMPLATE_CACHE, UndefinedName
from redline.render.filters import DateMissing
from redline.render.inputs import ui_words_id
from redline.render.pieces import plain
from redline.render.reuse import OUTPUTS, cut
from redline.render.safety import check_markup
from redline.render.translate import translate_blocks, translate_data, translate_text
from redline.sections import Section, parse_sections

#: a rendered policy may not be larger than this (a runaway loop is stopped here)
MAX_OUTPUT = 2_000_000


@dataclass(frozen=True)
class Rendered:
    """One policy in one locale, ready to publish or to compare.

    Attributes:
        policy: policy id.
        locale: locale code.
        title: the title in that locale.
        markdown: the rendered Markdown.
        meta: front matter (effective, updated, ...) as rendered.
        fallbacks: source texts shown in English because their translation is missing.
    """

    policy: str
    locale: str
    title: str
    markdown: str
    meta: dict[str, Any] = field(default_factory=dict)
    fallbacks: tuple[str, ...] = ()

    @functools.cached_property
    def sections(self) -> tuple[Section, ...]:
        """The section tree of ``markdown``, ids shared by every locale (parsed when first asked)."""
        return tuple(parse_sections(self.markdown))


def render_policy(
    sources: Sources,
    policy: PolicySource,
    locale: str,
    *,
    allow_fallback: bool = False,
    meta: dict[str, Any] | None = None,
) -> Rendered:
    """Render ``policy`` in ``locale``.

    Args:
        sources: everything loaded from one snapshot.
        policy: one of its policies (``sources.policy(id)``).
        locale: one of the project's locales.
        allow_fallback: show (marked) English where a translation is missing.
        meta: values that replace front matter keys (the history sets ``updated``).
    """
    catalog = _catalog(sources, locale)
    translation = translate_blocks(policy.blocks, catalog, policy.path, allow_fallback)
    data, data_fallbacks = translate_data(
        sources.data.values, sources.data.translatable, catalog, allow_fallback
    )
    page = {**policy.meta, **(meta or {}), "id": policy.id}
    meta_fallbacks = _translate_meta(page, policy, catalog, allow_fallback)
    title = str(page["title"])
    template, lines = join_blocks_mapped(translation.pairs)
    context = {**data, "policy": page}
    markdown = run_template(sources, locale, template, policy.path, lines, context)
    check_markup(markdown, policy.path, locale)
    return Rendered(
        policy=policy.id,
        locale=locale,
        title=title,
        markdown=markdown,
        meta=page,
        fallbacks=tuple(translation.fallbacks + data_fallbacks + meta_fallbacks),
    )


def _catalog(sources: Sources, locale: str) -> Catalog | None:
    if locale == sources.project.source_locale:
        return None
    if locale not in sources.catalogs:
        known = ", ".join(sources.project.locales)
        raise RedlineError(
            f"unknown locale '{locale}'{did_you_mean(locale, sources.project.locales)}",
            fix=f"use one of the project's locales: {known} (set in mkdocs.yml)",
        )
    return sources.catalogs[locale]


def _translate_meta(
    page: dict[str, Any], policy: PolicySource, catalog: Catalog | None, allow_fallback: bool
) -> list[str]:
    """Translate the title and description in ``page``; return the English ones kept."""
    fallbacks: list[str] = []
    for key, line in (("title", 2), ("description", 3)):
        if key in policy.meta:
            text, fell_back = translate_text(str(policy.meta[key]), catalog, f"{policy.path}:{line}",
                                             allow_fallback)
            if catalog is not None and not fell_back:
                entry = catalog.entries[str(policy.meta[key])]
                check_plain(text, f"{catalog.path}:{entry.line}", f"the {catalog.locale} {key}")
            page[key] = text
            fallbacks.extend([str(policy.meta[key])] if fell_back else [])
    return fallbacks


def run_template(
    sources: Sources, locale: str, template: str, path: str, lines: list[int], context: dict[str, Any]
) -> str:
    """Run ``template`` in the sandbox; map Jinja's errors back to ``path:line`` of the source.

    It runs piece by piece when that gives the same text (:mod:`redline.render.pieces`);
    anything a piece fails on is run again whole, for the error and its line.
    """
    try:
        limits.fresh_budget()
        found = _by_pieces(sources, locale, template, path, context)
        if found is not None:
            return found
    except Exception:  # the whole template below meets it too, and says where
        pass
    try:
        compiled = TEMPLATE_CACHE.template(sources.snapshot, sources.project.policies_dir, locale, template,
                                           path)
        limits.fresh_budget()
        return "".join(_limited(compiled.generate(context)))
    except TemplateSyntaxError as error:
        raise _error(f"template syntax error: {error.message}", path, lines, error.lineno) from None
    except UndefinedName as error:
        raise _undefined(error, path, lines, context) from None
    except SecurityError as error:
        raise _error(f"unsafe template: {error}", path, lines, _line(error, path),
                     fix="templates may only use data variables, filters and loops") from None
    except TemplateNotFound as error:
        raise _error(f"include '{error.name}' not found in policies/_partials/", path, lines,
                     _line(error, path), fix="include only files under policies/_partials/") from None
    except DateMissing as error:
        raise _date_missing(error, path, lines, context) from None
    except OverflowError as error:
        raise _error(f"unsafe template: {str(error).split('.')[0].lower()} (at most 100000 items)", path,
                     lines, _line(error, path), fix="loop over data, not over huge ranges") from None
    except (TemplateError, TypeError, ValueError, ArithmeticError) as error:
        raise _error(f"template error: {error}", path, lines, _line(error, path),
                     fix=getattr(error, "fix", None)) from None
    except RecursionError as error:
        raise _error("template recursion too deep", path, lines, _line(error, path),
                     fix="remove the macro that calls itself") from None


def _by_pieces(sources: Sources, locale: str, template: str, path: str, context: dict[str, Any]
               ) -> str | None:
    """``template`` run piece by piece, or None when it must run whole."""
    found = cut(template)
    if found is None:
        return None
    out: list[str] = []
    size = 0
    # the project's interface words reach the text (``duration(form=...)``): part of the key
    words = f"{locale}\0{ui_words_id()}"
    for index, text in enumerate(found):
        if not (index % 2 or plain(text)):
            text = _piece(sources, locale, words, text, path, context)
        size += len(text)
        if size > MAX_OUTPUT:
            raise SecurityError(f"rendered text exceeds {MAX_OUTPUT} characters")
        out.append(text)
    return "".join(out)


def _piece(sources: Sources, locale: str, words: str, text: str, path: str, context: dict[str, Any]) -> str:
    """One piece's output: reused when it read the same values before (:mod:`redline.render.reuse`),
    in ``words`` (the locale and the interface words it is rendered with)."""
    key = OUTPUTS.key(words, text, context)
    known = OUTPUTS.recall(key) if key is not None else None
    if known is not None:
        return known
    compiled = TEMPLATE_CACHE.template(sources.snapshot, sources.project.policies_dir, locale, text, path)
    before = limits.remaining()
    output = "".join(_limited(compiled.generate(context)))
    if key is not None:
        OUTPUTS.keep(key, output, before - limits.remaining())
    return output


def _limited(chunks: Any) -> Any:
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise SecurityError(f"rendered text exceeds {MAX_OUTPUT} characters")
        yield chunk


def _line(error: BaseException, path: str) -> int:
    found = 0
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == path and frame.lineno:
            found = frame.lineno
    return found


def _source_line(lines: list[int], line: int) -> int | None:
    if 1 <= line <= len(lines):
        return lines[line - 1]
    return None


def _error(message: str, path: str, lines: list[int], line: int | None, fix: str | None = None
           ) -> RedlineError:
    source = _source_line(lines, line or 0)
    return RedlineError(message, where=f"{path}:{source}" if source else path, fix=fix)


def _undefined(error: UndefinedName, path: str, lines: list[int], context: dict[str, Any]
               ) -> RedlineError:
    name = str(error.name)
    owner = error.owner if isinstance(error.owner, dict) else context
    prefix = _dotted_at(context, owner) if owner is not context else ""
    dotted = f"{prefix}.{name}" if prefix else name
    candidates = [f"{prefix}.{key}" if prefix else str(key) for key in owner]
    hint = did_you_mean(dotted, candidates)
    return _error(f"undefined variable '{dotted}'{hint}", path, lines, _line(error, path),
                  fix="use a name defined in policies/_data/ (see `redline check`)")


def _date_missing(error: DateMissing, path: str, lines: list[int], context: dict[str, Any]) -> RedlineError:
    """An unset date: a front matter date of the page as the filter said, a data value by its path."""
    owner = error.owner
    if owner is context.get("policy") or not isinstance(owner, dict):
        return _error(f"template error: {error}", path, lines, _line(error, path), fix=error.fix)
    prefix = _dotted_at(context, owner)
    dotted = f"{prefix}.{error.name}" if prefix else error.name
    return _error(f"template error: date filter needs a date, but '{dotted}' is not set", path, lines,
                  _line(error, path), fix=f"give '{dotted}' a date (YYYY-MM-DD) in policies/_data/, "
                                          "or remove the date filter")


def _dotted_at(context: dict[str, Any], owner: dict[str, Any]) -> str:
    for at, value in _walk_dicts(context, ()):
        if value is owner:
            return ".".join(map(str, at))
    return ""


def _walk_dicts(value: Any, at: Path_) -> Any:
    if isinstance(value, dict):
        yield at, value
        for key, item in value.items():
            yield from _walk_dicts(item, (*at, key))
