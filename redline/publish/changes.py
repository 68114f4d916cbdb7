"""The changes page of a locale: every notice, newest first, with links to the feeds.

Pure: notices in, a :class:`SitePage` out. Feed links are raw HTML because the feeds
are not MkDocs pages (MkDocs would report them as missing documentation files).
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Sequence
from dataclasses import replace

from redline.notices.model import Notice
from redline.publish import ui
from redline.publish.pages import SitePage
from redline.publish.paths import link, policy_path

CHANGES_PATH = "changes/index.md"
#: a list item starting like an ordered list item ("4. a. Monitoring") would become a nested list
NUMBERED_RE = re.compile(r"^(\d+)([.)])(?=\s)")


def changes_page(notices: Sequence[Notice], locale: str, pages: Collection[str]) -> SitePage:
    """The locale's list of notices (policy, dates, verdict, sections, links), left out of search.

    Args:
        notices: every notice of the history.
        locale: the page's locale.
        pages: source paths of the locale's pages: a link is made only to a page that exists.
    """
    title = ui.text(locale, "changes_title")
    lines = [f"# {title}", "", ui.text(locale, "changes_intro"), "", _feed_links(locale), ""]
    ordered = sorted(notices, key=lambda n: (n.notice_date, n.effective, n.id), reverse=True)
    for notice in ordered:
        lines.extend(_entry(notice, locale, pages))
    if not ordered:
        lines.append(ui.text(locale, "changes_none"))
    # In the navigation but not in the search index: its summaries repeat policy text, and it
    # grows with every notice, while every reader downloads the index on a first page view.
    return SitePage(CHANGES_PATH, title, "\n".join(lines) + "\n", {"kind": "changes"}, in_search=False)


def _feed_links(locale: str) -> str:
    atom = f"../../notices/feeds/{locale}.atom.xml"
    feed = f"../../notices/feeds/{locale}.json"
    atom_label = html.escape(ui.text(locale, "feed_atom"))
    feed_label = html.escape(ui.text(locale, "feed_json"))
    return (f'<p class="redline-feeds"><a href="{atom}" type="application/atom+xml">{atom_label}</a> · '
            f'<a href="{feed}" type="application/feed+json">{feed_label}</a></p>')


def _entry(notice: Notice, locale: str, pages: Collection[str]) -> list[str]:
    name = notice.title.get(locale) or next(iter(notice.title.values()), notice.policy)
    first = notice.previous_effective is None
    kind = "initial_publication" if first else "material" if notice.material else "editorial"
    effective = ui.long_date(notice.effective, locale)
    # a first version was published, not announced: no notice date
    facts = [f"**{ui.text(locale, kind)}**"]
    if not first:
        facts.append(ui.text(locale, "notice_date", date=ui.long_date(notice.notice_date, locale)))
    facts.append(ui.text(locale, "changes_effective", date=effective))
    day = notice.effective.isoformat()
    targets = [(ui.text(locale, "read_version"), policy_path(notice.policy, "versions", day))]
    if notice.previous_effective is not None:
        span = f"{notice.previous_effective.isoformat()}...{day}"
        targets.append((ui.text(locale, "compare"), policy_path(notice.policy, "compare", span)))
    links = " · ".join(f"[{label}]({link(CHANGES_PATH, path)})" for label, path in targets if path in pages)
    lines = [
        f"## {name} — {effective} {{ #{notice.id} }}", "",
        " · ".join(facts), "",
        *([links, ""] if links else []),
    ]
    titles = [s["title"].get(locale) or s["id"] for s in notice.sections]
    if titles:
        lines.extend([ui.text(locale, "changes_sections"), "", *(f"- {list_text(t)}" for t in titles), ""])
    return lines


def list_text(title: str) -> str:
    r"""A section title as the text of a Markdown list item: its number kept as text.

    >>> list_text("4. a. Monitoring"), list_text("7A. Automated Decisions")
    ('4\\. a. Monitoring', '7A. Automated Decisions')
    """
    return NUMBERED_RE.sub(r"\1\\\2", title)


def with_changes_link(home: SitePage, locale: str) -> SitePage:
    """The locale's home page with a link to its changes page."""
    line = f"\n[{ui.text(locale, 'changes_title')}]({link(home.path, CHANGES_PATH)})\n"
    return replace(home, body=home.body + line)
