"""The Atom feed and the JSON Feed of each locale: valid, escaped, deterministic, one entry per notice."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest

from tests.conftest import GitProject, make_project
from tests.gitcases import GOLDEN, redline, scripted_history, with_templates
from tests.golden import check_golden

LOCALES = ("en", "es", "ar", "ru")
NEWEST_FIRST = [
    "privacy-2026-05-15-68e31ce4", "cookie-policy-2026-05-15-9ea6c726", "security-2026-04-01-d5060fd2",
    "privacy-2026-04-01-1657640c", "security-2026-02-01-0d581ff7", "privacy-2026-02-01-91f957cd",
    "cookies-2026-02-01-4762d8af",
]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The changelog files of the scripted history."""
    root = tmp_path_factory.mktemp("feeds")
    project = make_project(root / "repo")
    scripted_history(project)
    with_templates(project)
    code, _, err = redline(project, "changelog", "--out", str(root / "out"))
    assert (code, err.split(" files in ")[0]) == (0, "93")
    yield root / "out"


def read(out: Path, name: str) -> str:
    """A file of the changelog output."""
    return (out / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("locale", LOCALES)
def test_atom_feed_parses(out: Path, locale: str) -> None:
    """feedparser reads every Atom feed without complaint: ids, titles, links and dates."""
    feed = feedparser.parse(read(out, f"feeds/{locale}.atom.xml"))
    assert (feed.bozo, feed.version, feed.feed.language) == (0, "atom10", locale)
    effective = [re.search(r"\d{4}-\d{2}-\d{2}", ident).group(0) for ident in NEWEST_FIRST]  # type: ignore[union-attr]
    assert [e.id for e in feed.entries] == [
        f"tag:legal.dexo.chat,{day}:{locale}/{ident}"
        for day, ident in zip(effective, NEWEST_FIRST, strict=True)]
    assert feed.entries[0].link == f"https://legal.dexo.chat/{locale}/privacy/versions/2026-05-15/"
    assert [e.published for e in feed.entries][:2] == ["2026-04-10T00:00:00Z"] * 2


def test_entry_ids_are_tag_uris_of_the_notice(out: Path) -> None:
    """An entry id is made of the host, the effective date, the locale and the notice id only."""
    feed = feedparser.parse(read(out, "feeds/es.atom.xml"))
    assert [e.id for e in feed.entries][:3] == [
        "tag:legal.dexo.chat,2026-05-15:es/privacy-2026-05-15-68e31ce4",
        "tag:legal.dexo.chat,2026-05-15:es/cookie-policy-2026-05-15-9ea6c726",
        "tag:legal.dexo.chat,2026-04-01:es/security-2026-04-01-d5060fd2"]


def test_atom_content_is_escaped_html_with_the_overrides(out: Path) -> None:
    """Entry content is HTML carried as escaped text; feeds list the overrides (the audit trail)."""
    feed = feedparser.parse(read(out, "feeds/en.atom.xml"))
    entry = next(e for e in feed.entries if e.id.endswith("privacy-2026-04-01-1657640c"))
    assert entry.title == "Privacy Policy: new version effective April 1, 2026"
    assert "<li>Log data: 12 months → 24 months</li>" in entry.content[0].value
    assert ("<li>Judged editorial by Jane Roe &lt;jane@example.com&gt;: The sentence says the same in other "
            "words &amp; still promises nothing about DNT. "
            "<code>changes/2026-03-05-dnt-wording.yml</code></li>"
            ) in entry.content[0].value
    assert "&amp;lt;jane@example.com&amp;gt;" in read(out, "feeds/en.atom.xml")


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_atom_feed_golden(out: Path, locale: str) -> None:
    """The whole Atom feed of a left-to-right and a right-to-left locale."""
    check_golden(GOLDEN / "changelog" / f"feed.{locale}.atom.xml", read(out, f"feeds/{locale}.atom.xml"))


@pytest.mark.parametrize("locale", LOCALES)
def test_json_feed_is_version_1_1(out: Path, locale: str) -> None:
    """JSON Feed 1.1: the required keys, items newest first with the Atom entries' ids."""
    document = json.loads(read(out, f"feeds/{locale}.json"))
    atom = feedparser.parse(read(out, f"feeds/{locale}.atom.xml"))
    assert (document["version"], document["language"], document["feed_url"]) == (
        "https://jsonfeed.org/version/1.1", locale, f"https://legal.dexo.chat/notices/feeds/{locale}.json")
    assert [item["id"] for item in document["items"]] == [e.id for e in atom.entries]
    assert [item["_redline"]["notice"] for item in document["items"]] == NEWEST_FIRST
    assert all(item["content_html"] and item["content_text"] and item["date_published"]
               for item in document["items"])


def test_json_feed_golden(out: Path) -> None:
    """The whole JSON Feed of one locale."""
    check_golden(GOLDEN / "changelog" / "feed.es.json", read(out, "feeds/es.json"))


def test_feeds_are_deterministic(out: Path, tmp_path: Path) -> None:
    """Rebuilding the same history in another clone writes the same bytes (no build time anywhere)."""
    project = make_project(tmp_path / "again")
    scripted_history(project)
    with_templates(project)
    redline(project, "changelog", "--out", str(tmp_path / "out"))
    for locale in LOCALES:
        for name in (f"feeds/{locale}.atom.xml", f"feeds/{locale}.json"):
            assert read(tmp_path / "out", name) == read(out, name)


def test_feed_of_a_history_without_changes(git_project: GitProject, tmp_path: Path) -> None:
    """A single commit still gives valid feeds: one entry per policy's first version."""
    git_project.commit({}, "Example policies", "2026-02-20")
    redline(git_project, "changelog", "--out", str(tmp_path / "out"))
    feed = feedparser.parse(read(tmp_path / "out", "feeds/ru.atom.xml"))
    assert (feed.bozo, [e.title for e in feed.entries]) == (0, [
        "Политика безопасности: новая редакция вступает в силу 1 февраля 2026\u202fг.",
        "Политика конфиденциальности: новая редакция вступает в силу 1 февраля 2026\u202fг.",
        "Политика использования файлов cookie: новая редакция вступает в силу 1 февраля 2026\u202fг."])
