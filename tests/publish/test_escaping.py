"""Hostile text in data, headings and overrides reaches notices escaped for each format.

A sub-processor named ``AI <b>&"' Services``, a heading and an override justification
holding the same characters: Atom (XML, parsed), JSON Feed, HTML email and text email
must each carry the characters as text — never as markup, never double-decoded.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import feedparser
import pytest

from tests.conftest import make_project
from tests.gitcases import PRIVACY, SUBPROCESSORS, edit, redline, start

HOSTILE = "<b>&\"'"
NAME = f"AI {HOSTILE} Services"
HEADING = f"Notes {HOSTILE}"
JUSTIFICATION = f"A heading {HOSTILE} that says nothing new."
ATOM = "{http://www.w3.org/2005/Atom}"
OVERRIDE = (
    "policy: privacy\nsections: [notes]\nverdict: editorial\n"
    f"justification: '{JUSTIFICATION.replace(chr(39), chr(39) * 2)}'\nauthor: Eve <eve@example.com>\n"
)


class Markup(HTMLParser):
    """The tags and the text of an HTML document."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The changelog of a history whose last change brings the hostile strings."""
    root = tmp_path_factory.mktemp("hostile")
    project = make_project(root / "repo")
    start(project)
    edit(project, SUBPROCESSORS, "name: Customer Support", "name: \"AI <b>&\\\"' Services\"")
    edit(project, PRIVACY, "effective: 2026-02-01", "effective: 2026-04-15")
    section = f"## {HEADING} {{ #notes }}\n\nNothing new here.\n\n"
    edit(project, PRIVACY, "## 15. Changes", section + "## 15. Changes")
    project.commit({"changes/2026-03-01-notes.yml": OVERRIDE}, "Hostile names", "2026-03-01")
    code, _, err = redline(project, "changelog", "--out", str(root / "out"))
    assert code == 0, err
    yield root / "out"


def notice_id(out: Path) -> str:
    """The id of the privacy notice effective 2026-04-15."""
    document = json.loads((out / "notices.json").read_text(encoding="utf-8"))
    return next(str(n["id"]) for n in document["notices"] if n["effective"] == "2026-04-15")


def check_html(html: str) -> None:
    """The hostile strings are text in ``html``: no tag they could open, every character kept."""
    parsed = Markup(html)
    assert "b" not in parsed.tags
    text = "".join(parsed.text)
    assert NAME in text and HEADING in text
    assert "&amp;" not in text and "&lt;" not in text


def test_notices_json_keeps_the_characters(out: Path) -> None:
    """notices.json holds the strings exactly as written (JSON escapes what it must)."""
    document: dict[str, Any] = json.loads((out / "notices.json").read_text(encoding="utf-8"))
    notice = next(n for n in document["notices"] if n["effective"] == "2026-04-15")
    assert [f["new"] for f in notice["facts"] if f["path"].endswith(".name")] == [NAME]
    assert [s["title"]["en"] for s in notice["sections"] if s["id"] == "notes"] == [HEADING]
    assert [o["justification"] for o in notice["overrides"]] == [JUSTIFICATION]


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_atom_feed_escapes_the_html_it_carries(out: Path, locale: str) -> None:
    """The Atom feed is well-formed XML; its entry content is HTML in which the strings are text."""
    raw = (out / "feeds" / f"{locale}.atom.xml").read_text(encoding="utf-8")
    assert "<b>" not in raw
    entry = next(e for e in ET.fromstring(raw).iter(f"{ATOM}entry")
                 if (e.findtext(f"{ATOM}id") or "").endswith(notice_id(out)))
    content = entry.find(f"{ATOM}content")
    assert content is not None and content.get("type") == "html"
    check_html(content.text or "")
    assert JUSTIFICATION in "".join(Markup(content.text or "").text)
    feed = feedparser.parse(raw)
    assert feed.bozo == 0
    assert "<b>" not in feed.entries[0].content[0].value


@pytest.mark.parametrize("locale", ["en", "es"])
def test_json_feed_carries_escaped_html_and_plain_text(out: Path, locale: str) -> None:
    """content_html has the strings as text; content_text has them as written."""
    feed = json.loads((out / "feeds" / f"{locale}.json").read_text(encoding="utf-8"))
    item = next(i for i in feed["items"] if i["_redline"]["notice"] == notice_id(out))
    check_html(item["content_html"])
    assert NAME in item["content_text"] and "&amp;" not in item["content_text"]


@pytest.mark.parametrize("locale", ["en", "ru"])
def test_emails_escape_html_and_keep_text(out: Path, locale: str) -> None:
    """The HTML email shows the strings as text; the text email shows them as written."""
    ident = notice_id(out)
    html = (out / "emails" / f"{ident}.{locale}.html").read_text(encoding="utf-8")
    text = (out / "emails" / f"{ident}.{locale}.txt").read_text(encoding="utf-8")
    check_html(html)
    assert JUSTIFICATION not in html  # overrides are the feeds' audit trail, not the readers' email
    assert NAME in text and HEADING in text
    assert "&amp;" not in text and "&lt;" not in text and "&#" not in text
