"""Site pages of one locale, as data: path, title, Markdown body and chrome metadata.

Pure: takes a policy's versions, returns :class:`SitePage` values. The MkDocs adapter
turns them into files; nothing here knows MkDocs. URLs (inside a locale's site):
``<policy>/`` current · ``<policy>/upcoming/`` · ``<policy>/versions/`` ·
``<policy>/versions/<YYYY-MM-DD>/`` · ``<policy>/compare/<from>...<to>/``.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from redline.history.model import PolicyHistory, Version
from redline.i18n import ui
from redline.publish.chrome import page_meta, status
from redline.publish.paths import (
    compare_path,
    href,
    link,
    policy_path,
    version_path,
    versions_path,
)
from redline.publish.redline_html import redline_markdown
from redline.publish.tokendiff import Links, Resolver, safe_href

#: a link to another policy's source, ``cookies.md#a``
POLICY_TARGET = r"(?P<target>[a-z0-9][a-z0-9-]*)\.md(?P<anchor>#[\w-]+)?"
LINK_RE = re.compile(rf"\]\({POLICY_TARGET}\)")
POLICY_TARGET_RE = re.compile(POLICY_TARGET)


@dataclass(frozen=True)
class SitePage:
    """One page of a locale's site.

    Attributes:
        path: source path inside the locale (``privacy/index.md``); URL is its folder.
            A path ending in ``.html`` is a finished file (a redirect), copied as is.
        title: page title in the locale.
        body: Markdown body (or the whole HTML of an ``.html`` page).
        meta: data for the page chrome (``redline`` front matter key).
        in_nav: listed in the site navigation (archive pages are not).
        in_search: in the search index; ``None`` follows ``in_nav``.
        description: the page's description in the locale (search engines, link previews).
    """

    path: str
    title: str
    body: str
    meta: dict[str, Any] = field(default_factory=dict)
    in_nav: bool = True
    in_search: bool | None = None
    description: str | None = None

    def source(self) -> str:
        """The page as a Markdown file with front matter, deterministic."""
        if self.path.endswith(".html"):
            return self.body
        front: dict[str, Any] = {"title": self.title, "redline": self.meta}
        if self.description:
            front["description"] = self.description
        if not (self.in_nav if self.in_search is None else self.in_search):
            front["search"] = {"exclude": True}
        header = yaml.dump(front, Dumper=_DUMPER, sort_keys=True, allow_unicode=True)
        return f"---\n{header}---\n\n{self.body}"


#: libyaml's emitter when PyYAML has it: the same text as SafeDumper's (checked on every page of
#: the synthetic and example sites), five times faster — a large site writes thousands of pages
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def rewrite_links(markdown: str, page_path: str, policies: Iterable[str]) -> str:
    """Point ``[x](cookies.md#a)`` links at the cookie policy's page, relative to ``page_path``.

    >>> rewrite_links("[C](cookies.md#a) [X](other.md)", "privacy/index.md", ["cookies"])
    '[C](../cookies/index.md#a) [X](other.md)'
    """
    known = set(policies)

    def replace(match: re.Match[str]) -> str:
        target = match.group("target")
        if target not in known:
            return match.group(0)
        return f"]({link(page_path, policy_path(target))}{match.group('anchor') or ''})"

    return LINK_RE.sub(replace, markdown)


def text_page(history: PolicyHistory, version: Version, path: str, kind: str, today: dt.date,
              policies: Iterable[str]) -> SitePage:
    """A page showing one version's text (current, upcoming or archived)."""
    rendered = version.rendered
    body = rewrite_links(rendered.markdown, path, policies)
    title = rendered.title
    if kind == "version":
        title = ui.text(history.locale, "version_title", title=title,
                        date=ui.long_date(version.effective, history.locale))
    description = rendered.meta.get("description")
    return SitePage(path, title, body, page_meta(history, kind, today, version), in_nav=kind == "current",
                    description=str(description) if description else None)


def withdrawn_page(history: PolicyHistory, today: dt.date) -> SitePage:
    """The page at a deleted policy's address: when it was withdrawn, and its versions."""
    locale, last = history.locale, history.versions[-1]
    path = policy_path(history.policy)
    notice = ui.text(locale, "withdrawn_notice", date=ui.long_date(history.withdrawn or today, locale))
    body = f"# {last.rendered.title}\n\n{notice}\n\n{versions_table(history, path, today)}"
    meta = page_meta(history, "withdrawn", today)
    return SitePage(path, last.rendered.title, body, meta, in_nav=False)


def versions_table(history: PolicyHistory, path: str, today: dt.date) -> str:
    """A Markdown table of every version: dates in force, last update, link to what changed."""
    locale = history.locale
    heads = [ui.text(locale, key) for key in ("col_version", "col_in_force", "last_updated", "changes")]
    rows = [f"| {' | '.join(heads)} |", f"|{'---|' * len(heads)}"]
    for version in reversed(history.versions):
        rows.append(_version_row(history, version, path, today))
    return "\n".join(rows) + "\n"


def _version_row(history: PolicyHistory, version: Version, path: str, today: dt.date) -> str:
    locale = history.locale
    name = f"[{ui.long_date(version.effective, locale)}]({link(path, version_path(history.policy, version))})"
    end = history.replaced_on(version)
    where = status(history, version, today)
    if where == "upcoming":
        span = ui.text(locale, "takes_effect", date=ui.long_date(version.effective, locale))
    elif end is None or where == "current":
        span = ui.text(locale, "in_force_since", date=ui.long_date(version.effective, locale))
    else:
        span = ui.text(locale, "date_range", start=ui.long_date(version.effective, locale),
                       end=ui.long_date(end, locale))
    previous = history.previous(version)
    changes = ""
    if previous is not None:
        target = link(path, compare_path(history.policy, previous, version))
        changes = f"[{ui.text(locale, 'compare')}]({target})"
    return f"| {name} | {span} | {ui.long_date(version.updated, locale)} | {changes} |"


def versions_page(history: PolicyHistory, today: dt.date) -> SitePage:
    """The list of a policy's versions."""
    path = versions_path(history.policy)
    title = ui.text(history.locale, "versions_title", title=history.versions[-1].rendered.title)
    body = f"# {title}\n\n{versions_table(history, path, today)}"
    return SitePage(path, title, body, page_meta(history, "versions", today), in_nav=False)


def version_links(path: str, version_page: str, policies: Iterable[str]) -> Resolver:
    """Where a link of one version's text goes from the comparison page at ``path``.

    An anchor goes to that version's page, a link to another policy to its page, an
    absolute URL of a safe scheme stays; anything else shows as its words, unlinked.

    >>> go = version_links("p/compare/a...b/index.md", "p/versions/b/index.md", ["c"])
    >>> go("#rights"), go("c.md#x"), go("https://x.test"), go("notes.md"), go("javascript:x")
    ('../../versions/b/#rights', '../../../c/#x', 'https://x.test', None, None)
    """
    known = set(policies)

    def resolve(target: str) -> str | None:
        if target.startswith("#"):
            return href(path, version_page) + target
        found = POLICY_TARGET_RE.fullmatch(target)
        if found and found.group("target") in known:
            return href(path, policy_path(found.group("target"))) + (found.group("anchor") or "")
        return safe_href(target)

    return resolve


def compare_page(history: PolicyHistory, old: Version, new: Version, today: dt.date,
                 policies: Iterable[str] = ()) -> SitePage:
    """The redline between two consecutive versions, in the locale (``policies``: links kept)."""
    locale, path = history.locale, compare_path(history.policy, old, new)
    title = ui.text(locale, "compare_title", old=ui.long_date(old.effective, locale),
                    new=ui.long_date(new.effective, locale))
    ends = [(ui.text(locale, "compare_from"), old), (ui.text(locale, "compare_to"), new)]
    links = " · ".join(f"{label}: [{ui.long_date(v.effective, locale)}]"
                       f"({link(path, version_path(history.policy, v))})" for label, v in ends)
    targets = Links(*(version_links(path, version_path(history.policy, v), policies) for v in (old, new)))
    body = f"# {title}\n\n{links}\n\n{redline_markdown(old.rendered, new.rendered, locale, targets)}"
    meta = page_meta(history, "compare", today)
    return SitePage(path, title, body, meta, in_nav=False)


def home_page(histories: Iterable[PolicyHistory], locale: str, today: dt.date) -> SitePage:
    """The locale's index: every policy in force (or announced) with its effective date."""
    lines = [f"# {ui.text(locale, 'policies')}", ""]
    for history in histories:
        shown = history.in_force(today) or history.upcoming(today)
        if shown is None:
            continue
        date = ui.long_date(shown.effective, locale)
        target = policy_path(history.policy)
        lines.append(f"- [{shown.rendered.title}]({target}) — {ui.text(locale, 'effective')}: {date}")
    return SitePage("index.md", ui.text(locale, "policies"), "\n".join(lines) + "\n", {"kind": "home"})


def redirect_page(path: str, target: str, locale: str) -> SitePage:
    """A finished HTML page at an old address (a renamed policy) sending the reader to the new one."""
    url = html.escape(href(path, target), quote=True)
    notice = html.escape(ui.text(locale, "redirect_notice"))
    body = (f'<!doctype html>\n<html lang="{locale}" dir="{ui.direction(locale)}">\n<head>\n'
            f'<meta charset="utf-8">\n<title>{notice}</title>\n<meta name="robots" content="noindex">\n'
            f'<link rel="canonical" href="{url}">\n<meta http-equiv="refresh" content="0; url={url}">\n'
            f'</head>\n<body>\n<p><a href="{url}">{notice}</a></p>\n</body>\n</html>\n')
    return SitePage(path.removesuffix(".md") + ".html", notice, body, {"kind": "redirect"}, in_nav=False)
