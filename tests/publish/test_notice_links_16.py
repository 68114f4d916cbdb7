"""The notices a built site publishes: every link resolves on that site, no doubled punctuation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.sitehistory import Sites, page, sites

SITE_URL = "https://legal.dexo.chat/"
LOCALES = ("en", "es", "ar", "ru")
URL_RE = re.compile(r"""https?://[^\s"'<>)\]\\]+""")
#: URLs in the files that are names of formats, not links to follow
FORMAT_NAMES = {"http://www.w3.org/2005/Atom", "https://jsonfeed.org/version/1.1"}
UNSUBSCRIBE = "https://unsubscribe.invalid/%%UNSUBSCRIBE%%"
DOUBLED_RE = re.compile(r"(?<!\.)\.\.(?!\.)|[,;:]\s*[,;:.]|\s[.,;:](?=\s|$)")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    """Both sites of the history in tests/sitehistory.py."""
    return sites(tmp_path_factory)


def notice_files(site: Path) -> list[Path]:
    """notices.json, every feed and every email of a built site."""
    folder = site / "notices"
    return [folder / "notices.json", *sorted((folder / "feeds").iterdir()),
            *sorted((folder / "emails").iterdir())]


def target(site: Path, url: str) -> Path | None:
    """The file of ``site`` that serves ``url``, or None when there is none."""
    path = url.removeprefix(SITE_URL).split("#")[0]
    found = site / path
    if url.endswith("/"):
        found = found / "index.html"
    return found if found.is_file() else None


def test_every_url_in_the_notices_resolves_on_the_built_site(built: Sites) -> None:
    """Each URL in notices.json, the Atom and JSON feeds and the emails is a file of the site."""
    followed, broken = 0, []
    for site in (built.before, built.after):
        for path in notice_files(site):
            for url in URL_RE.findall(path.read_text(encoding="utf-8").replace("&amp;", "&")):
                if url in FORMAT_NAMES or url == UNSUBSCRIBE:
                    continue
                followed += 1
                if not url.startswith(SITE_URL) or target(site, url) is None:
                    broken.append(f"{site.name}/{path.relative_to(site)}: {url}")
    assert broken == []
    assert followed > 500


def test_feeds_name_their_own_address(built: Sites) -> None:
    """Atom rel=self and JSON Feed feed_url are the addresses the feeds are published at."""
    for locale in LOCALES:
        atom = (built.after / "notices" / "feeds" / f"{locale}.atom.xml").read_text(encoding="utf-8")
        assert f'<link rel="self" href="{SITE_URL}notices/feeds/{locale}.atom.xml" />' in atom
        feed = json.loads((built.after / "notices" / "feeds" / f"{locale}.json").read_text(encoding="utf-8"))
        assert feed["feed_url"] == f"{SITE_URL}notices/feeds/{locale}.json"


def test_upcoming_links_only_while_the_upcoming_page_exists(built: Sites) -> None:
    """Before 15 April the new privacy version links its upcoming page; after, no notice does."""
    def upcoming(site: Path) -> dict[str, str | None]:
        document = json.loads((site / "notices" / "notices.json").read_text(encoding="utf-8"))
        return {n["id"]: n["urls"]["en"]["upcoming"] for n in document["notices"]}

    before = {ident: url for ident, url in upcoming(built.before).items() if url}
    assert before == {"privacy-2026-04-15-e6c6ef4b": f"{SITE_URL}en/privacy/upcoming/"}
    assert not any(upcoming(built.after).values())


def test_pages_announce_the_feeds_of_their_locale(built: Sites) -> None:
    """Every page links its locale's feeds in <head> (feed autodiscovery), relative to the page."""
    html = page(built.after, "ar/privacy/versions/2026-02-01")
    assert ('<link rel="alternate" type="application/atom+xml" title="موجز Atom" '
            'href="../../../../notices/feeds/ar.atom.xml">') in html
    assert 'type="application/feed+json"' in html and 'href="../../../../notices/feeds/ar.json"' in html


@pytest.mark.parametrize("locale", LOCALES)
def test_notices_have_no_doubled_punctuation(built: Sites, locale: str) -> None:
    """No '..', ', ,' or space before a stop in any notice text of the locale (Russian dates end in 'г.')."""
    found = []
    for site in (built.before, built.after):
        feed = json.loads((site / "notices" / "feeds" / f"{locale}.json").read_text(encoding="utf-8"))
        texts = [text for item in feed["items"] for text in (item["title"], item["content_text"])]
        emails = (site / "notices" / "emails").glob(f"*.{locale}.txt")
        texts += [path.read_text(encoding="utf-8") for path in emails]
        for text in texts:
            prose = URL_RE.sub("URL", text)  # compare/a...b/ in links is not punctuation
            found += [f"{site.name}: …{prose[max(0, m.start() - 30):m.end() + 10]}…"
                      for m in DOUBLED_RE.finditer(prose)]
    assert found == []
