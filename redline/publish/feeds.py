"""An Atom feed and a JSON Feed 1.1 per locale: one entry per notice, newest first.

Deterministic: entry ids are tag URIs made of the site's host, the effective date,
the locale and the notice id (never a build time or a commit id), and every date is
the notice date, so a rebuild of the same history writes the same bytes. The XML is
built with ElementTree, which escapes text and attributes.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from redline.notices.model import Notice
from redline.publish.emails import NoticeTemplates, day_text

ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
EPOCH = "1970-01-01T00:00:00Z"
#: the folder of the site the changelog's files are published in (``redline build``)
NOTICES_DIR = "notices"


@dataclass(frozen=True)
class FeedSite:
    """The site the feeds belong to."""

    url: str
    name: str

    @property
    def host(self) -> str:
        """The host name of ``url`` (``legal.dexo.chat``), ``localhost`` when the URL has none."""
        return urlsplit(self.url).hostname or "localhost"

    def feed_url(self, locale: str, suffix: str) -> str:
        """Where a feed is published: ``notices/feeds/<locale>.atom.xml`` on the site.

        >>> FeedSite("https://legal.example/", "Legal").feed_url("ar", "json")
        'https://legal.example/notices/feeds/ar.json'
        """
        return f"{self.url.rstrip('/')}/{NOTICES_DIR}/feeds/{locale}.{suffix}"


def entry_id(site: FeedSite, notice: Notice, locale: str) -> str:
    """The feed entry id of ``notice`` in ``locale`` (a tag URI, RFC 4151)."""
    return f"tag:{site.host},{notice.effective.isoformat()}:{locale}/{notice.id}"


def timestamp(notice: Notice) -> str:
    """The notice date as an RFC 3339 timestamp (midnight UTC)."""
    return f"{notice.notice_date.isoformat()}T00:00:00Z"


def newest_first(notices: Sequence[Notice]) -> list[Notice]:
    """Notices by notice date, then effective date, then policy, newest first."""
    return sorted(notices, key=lambda n: (n.notice_date, n.effective, n.policy), reverse=True)


def atom_feed(notices: Sequence[Notice], locale: str, site: FeedSite, templates: NoticeTemplates) -> str:
    """The Atom feed of ``locale``."""
    ET.register_namespace("", ATOM_NS)
    ordered = newest_first(notices)
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": locale})
    _text(feed, "id", site.feed_url(locale, "atom.xml"))
    _text(feed, "title", templates.wording.text(locale, "feed_title", site=site.name))
    _text(feed, "subtitle", templates.wording.text(locale, "feed_subtitle"))
    _text(feed, "updated", timestamp(ordered[0]) if ordered else EPOCH)
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", {"rel": "self", "href": site.feed_url(locale, "atom.xml")})
    home = f"{site.url.rstrip('/')}/{locale}/"
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", {"rel": "alternate", "href": home})
    _text(ET.SubElement(feed, f"{{{ATOM_NS}}}author"), "name", site.name)
    for notice in ordered:
        _atom_entry(feed, notice, locale, site, templates)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attributes)
    element.text = text
    return element


def _atom_entry(feed: ET.Element, notice: Notice, locale: str, site: FeedSite,
                templates: NoticeTemplates) -> None:
    entry = ET.SubElement(feed, f"{{{ATOM_NS}}}entry")
    view = templates.wording
    title = notice.title.get(locale, notice.policy)
    _text(entry, "id", entry_id(site, notice, locale))
    _text(entry, "title", view.text(locale, "entry_title", policy=title, date=_date(notice, locale)))
    _text(entry, "published", timestamp(notice))
    _text(entry, "updated", timestamp(notice))
    ET.SubElement(entry, f"{{{ATOM_NS}}}link", {"rel": "alternate", "href": _link(notice, locale)})
    ET.SubElement(entry, f"{{{ATOM_NS}}}category", {"term": "material" if notice.material else "editorial"})
    _text(entry, "content", templates.entry(notice, locale), type="html")


def _date(notice: Notice, locale: str) -> str:
    return day_text(notice.effective, locale)


def _link(notice: Notice, locale: str) -> str:
    urls = notice.urls.get(locale, {})
    return urls.get("version") or urls.get("current") or ""


def json_feed(notices: Sequence[Notice], locale: str, site: FeedSite, templates: NoticeTemplates) -> str:
    """The JSON Feed 1.1 of ``locale``; ``_redline`` in each item carries the notice's keys."""
    document = {
        "version": JSON_FEED_VERSION,
        "title": templates.wording.text(locale, "feed_title", site=site.name),
        "description": templates.wording.text(locale, "feed_subtitle"),
        "home_page_url": f"{site.url.rstrip('/')}/{locale}/",
        "feed_url": site.feed_url(locale, "json"),
        "language": locale,
        "authors": [{"name": site.name}],
        "items": [_json_item(notice, locale, site, templates) for notice in newest_first(notices)],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _json_item(notice: Notice, locale: str, site: FeedSite, templates: NoticeTemplates) -> dict[str, object]:
    title = notice.title.get(locale, notice.policy)
    return {
        "id": entry_id(site, notice, locale),
        "url": _link(notice, locale),
        "title": templates.wording.text(locale, "entry_title", policy=title, date=_date(notice, locale)),
        "content_html": templates.entry(notice, locale),
        "content_text": templates.feed_text(notice, locale),
        "date_published": timestamp(notice),
        "date_modified": timestamp(notice),
        "language": locale,
        "tags": ["material" if notice.material else "editorial"],
        "_redline": {"notice": notice.id, "policy": notice.policy, "effective": notice.effective.isoformat(),
                     "material": notice.material},
    }
