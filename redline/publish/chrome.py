"""Metadata of the page chrome: dates, links, notices and banner, in the page's locale.

Pure. The ``redline`` front matter key of every generated page carries this; the
theme in ``redline/theme/`` shows it. Links are URLs inside the locale's site,
for the templates' ``url`` filter.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from redline.history.model import PolicyHistory, Version
from redline.i18n import ui
from redline.publish.paths import compare_path, upcoming_path, url_of, versions_path

HTML_TAG_RE = re.compile(r"<html lang=\"[^\"]*\"")
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'

#: interface words the templates read from ``config.extra.redline_ui``
TEMPLATE_WORDS = ("dismiss", "promo_label", "promo_title", "promo_lead", "promo_point_1", "promo_point_2",
                  "promo_point_3", "promo_note", "promo_action", "feed_atom", "feed_json",
                  "not_found_title", "not_found_text", "not_found_home")


def status(history: PolicyHistory, version: Version, today: dt.date) -> str:
    """``current``, ``upcoming`` or ``archived``: where ``version`` stands on ``today``."""
    if version.effective > today:
        return "upcoming"
    return "current" if history.in_force(today) == version else "archived"


def dates_meta(version: Version, locale: str) -> dict[str, Any]:
    """The version's dates, as ISO values and as the locale writes them."""
    return {
        "effective": version.effective.isoformat(),
        "effective_text": ui.long_date(version.effective, locale),
        "updated": version.updated.isoformat(),
        "updated_text": ui.long_date(version.updated, locale),
    }


def labels(locale: str) -> dict[str, str]:
    """Interface words the page header shows."""
    keys = ("effective", "last_updated", "all_versions", "compare", "versions", "current_version")
    return {key: ui.text(locale, key) for key in keys}


def banner_meta(history: PolicyHistory, today: dt.date) -> dict[str, Any] | None:
    """The notice of an upcoming version: its date, and links to its text and to what changes."""
    upcoming = history.upcoming(today)
    if upcoming is None:
        return None
    locale, current = history.locale, history.in_force(today)
    banner: dict[str, Any] = {
        "text": ui.text(locale, "banner", date=ui.long_date(upcoming.effective, locale)),
        "effective": upcoming.effective.isoformat(),
        "read": {"label": ui.text(locale, "banner_read"), "url": url_of(upcoming_path(history.policy))},
    }
    if current is not None:
        banner["compare"] = {"label": ui.text(locale, "banner_compare"),
                             "url": url_of(compare_path(history.policy, current, upcoming))}
    return banner


def page_meta(history: PolicyHistory, kind: str, today: dt.date, version: Version | None = None
              ) -> dict[str, Any]:
    """Chrome metadata of one page of a policy: kind, dates, links, notices, banner."""
    locale, policy = history.locale, history.policy
    meta: dict[str, Any] = {"policy": policy, "kind": kind, "labels": labels(locale),
                            "links": {"versions": url_of(versions_path(policy)), "current": f"{policy}/"}}
    if version is not None:
        meta.update(dates_meta(version, locale))
        meta["status"] = status(history, version, today)
        meta["notice"] = _notice(history, version, today)
        previous = history.previous(version)
        if previous is not None:
            meta["links"]["changes"] = url_of(compare_path(policy, previous, version))
        # English stands in for untranslated text, or for interface words the locale lacks.
        if version.rendered.fallbacks or ui.missing(locale):
            meta["fallback"] = True
            meta["fallback_text"] = ui.text(locale, "fallback_notice")
    banner = banner_meta(history, today)
    if banner is not None:
        meta["banner"] = banner
    return meta


def _notice(history: PolicyHistory, version: Version, today: dt.date) -> str:
    locale, where = history.locale, status(history, version, today)
    if where == "upcoming":
        # what changes is one link away ("What changed"); here: when, and what applies until then
        day, current = ui.long_date(version.effective, locale), history.in_force(today)
        if current is None:
            return ui.text(locale, "upcoming_first", date=day)
        return ui.text(locale, "upcoming_when", date=day, since=ui.long_date(current.effective, locale))
    if where == "current":
        return ui.text(locale, "in_force_since", date=ui.long_date(version.effective, locale))
    start = ui.long_date(version.effective, locale)
    end = ui.long_date(history.replaced_on(version) or today, locale)
    span = ui.text(locale, "date_range", start=start, end=end)
    # No full stop after the span: some locales end a date with one ("2026 г.").
    return f"{ui.text(locale, 'archived_notice')} {ui.text(locale, 'col_in_force')}: {span}"


def interface_words(locale: str) -> dict[str, str]:
    """The words the templates show on every page (the promotion, buttons), in ``locale``."""
    return {key: ui.text(locale, key) for key in TEMPLATE_WORDS}


def alternates(page_url: str, locales: Sequence[str], site_root: str | None) -> list[dict[str, str]]:
    """The same page in every locale, for ``hreflang`` links and the language switcher.

    >>> alternates("privacy/", ["en", "es"], "https://legal.example/")[1]
    {'name': 'Español', 'lang': 'es', 'link': 'https://legal.example/es/privacy/'}
    """
    root = site_root.rstrip("/") + "/" if site_root else "/"
    return [{"name": ui.language_name(loc), "lang": bcp47(loc), "link": f"{root}{loc}/{page_url}"}
            for loc in locales]


def bcp47(locale: str) -> str:
    """The locale as HTML and hreflang spell it.

    >>> bcp47("pt_BR"), bcp47("zh_Hant"), bcp47("es")
    ('pt-BR', 'zh-Hant', 'es')
    """
    return locale.replace("_", "-")


def material_language(locale: str) -> str | None:
    """The language of Material's own interface words for ``locale`` (its search box, its buttons):
    the locale itself, else its language; None when Material has neither (English is shown).

    >>> material_language("pt_BR"), material_language("zh_Hant"), material_language("de_AT")
    ('pt-BR', 'zh-Hant', 'de')
    >>> material_language("sw") is None
    True
    """
    folder = Path(str(resources.files("material"))) / "templates" / "partials" / "languages"
    for candidate in dict.fromkeys((bcp47(locale), bcp47(locale).split("-")[0])):
        if (folder / f"{candidate}.html").is_file():
            return candidate
    return None


def finish_html(output: str, locale: str) -> str:
    """Last touches to a page Material wrote: the page's ``lang`` and ``dir`` on ``<html>``, a name
    for the search dialog.

    >>> finish_html('<html lang="ar" class="no-js">', "ar")
    '<html lang="ar" dir="rtl" class="no-js">'
    >>> finish_html('<html lang="en" class="no-js">', "sw")
    '<html lang="sw" dir="ltr" class="no-js">'
    """
    # Material puts dir= on <body> only, and its own language on <html> (English where it has none).
    direction = ui.direction(locale)
    output = HTML_TAG_RE.sub(f'<html lang="{bcp47(locale)}" dir="{direction}"', output, count=1)
    # Material's search dialog has no accessible name (axe: aria-dialog-name).
    label = html.escape(ui.text(locale, "search"), quote=True)
    return output.replace(SEARCH_DIALOG, f'{SEARCH_DIALOG[:-1]} aria-label="{label}">', 1)
