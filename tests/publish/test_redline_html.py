"""The comparison page's redline keeps inline formatting, marks formatting changes, stays inert."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest

from redline.htmlscan import find_danger
from redline.publish.pages import version_links
from redline.publish.redline_html import redline_markdown
from redline.publish.tokendiff import Links
from redline.render.render import Rendered

#: every tag the redline itself writes; anything else would have come from the policy text
OWN_TAGS = {"ul", "li", "div", "p", "strong", "del", "ins", "span", "em", "code", "a"}


class Marks(HTMLParser):
    """Each piece of text of an HTML fragment with the tags (and their attributes) open around it."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, dict[str, str | None]]] = []
        self.pieces: list[tuple[str, tuple[tuple[str, dict[str, str | None]], ...]]] = []
        self.tags: set[str] = set()
        self.links: list[tuple[str | None, tuple[str, ...]]] = []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "a":
            self.links.append((dict(attrs).get("href"), tuple(name for name, _ in self.open)))
        self.open.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        self.pieces.append((data, tuple(self.open)))

    def text(self, *inside: str, outside: tuple[str, ...] = ()) -> str:
        """The changed blocks' text inside all tags of ``inside``, none of ``outside``; no hidden labels."""
        found = []
        for data, stack in self.pieces:
            names = [tag for tag, _ in stack]
            classes = [attrs.get("class") or "" for _, attrs in stack]
            if "rl-sr" in classes or not any(c.startswith("rl-block") for c in classes):
                continue
            if all(tag in names for tag in inside) and not any(tag in names for tag in outside):
                found.append(data)
        return "".join(found)

    def hrefs(self, *inside: str) -> list[str | None]:
        """The targets of the links inside every tag of ``inside``."""
        return [href for href, names in self.links if all(tag in names for tag in inside)]


def compared(old_body: str, new_body: str, locale: str = "en", links: Links | None = None,
             dates: tuple[dt.date, dt.date] = (dt.date(2026, 2, 1), dt.date(2026, 4, 15))) -> Marks:
    """The redline of a one-section policy whose body changes from ``old_body`` to ``new_body``."""
    def rendered(body: str, effective: dt.date) -> Rendered:
        markdown = f"# Policy\n\n## 1. Terms {{ #terms }}\n\n{body}\n"
        return Rendered("p", locale, "Policy", markdown, {"effective": effective})

    old, new = rendered(old_body, dates[0]), rendered(new_body, dates[1])
    body = redline_markdown(old, new, locale, links) if links else redline_markdown(old, new, locale)
    return Marks(body.split("\n", 3)[-1])


def test_bold_italic_code_and_links_are_kept_around_a_changed_word() -> None:
    """Unchanged formatted words keep their tags; only the changed number is struck and inserted."""
    marks = compared("**Logs:** kept *only* `12` months, see [the list](https://x.test/l).",
                     "**Logs:** kept *only* `24` months, see [the list](https://x.test/l).")
    assert marks.text("strong", outside=("del", "ins")) == "Logs:"
    assert marks.text("em", outside=("del", "ins")) == "only"
    assert (marks.text("del", "code"), marks.text("ins", "code")) == ("12", "24")
    assert marks.text("a") == "the list"
    assert marks.hrefs() == ["https://x.test/l"]


def test_a_word_that_only_becomes_bold_is_shown_as_changed() -> None:
    """Plain "not" is deleted and bold "not" inserted: a change of emphasis is never hidden."""
    marks = compared("We do not sell your data.", "We do **not** sell your data.")
    assert marks.text("del") == "not"
    assert marks.text("del", "strong") == ""
    assert marks.text("ins", "strong") == "not"
    assert marks.text(outside=("del", "ins")) == "We do  sell your data."
    assert marks.text(outside=("ins",)) == "We do not sell your data."


def test_a_changed_link_target_shows_both_targets() -> None:
    """Same words, new target: the old link is deleted and the new one inserted, each with its href."""
    marks = compared("See [our list](https://a.test/x).", "See [our list](https://b.test/x).")
    assert marks.hrefs("del") == ["https://a.test/x"]
    assert marks.hrefs("ins") == ["https://b.test/x"]


def test_policy_text_cannot_inject_html_into_the_comparison() -> None:
    """Raw tags, script URLs and event handlers in either version stay text or are dropped, never markup."""
    marks = compared("Hello **<script>alert(1)</script>** [x](javascript:alert(1)) [y](<jav&#x61;script:y>)",
                     'Bye **<script>alert(2)</script>** <img src=x onerror="alert(3)"> [z](data:text/html,z)')
    html = "".join(data for data, _ in marks.pieces)
    assert marks.tags <= OWN_TAGS
    assert marks.hrefs() == []
    assert marks.text("strong", outside=("ins",)) == "<script>alert(1)</script>"
    assert marks.text("strong", outside=("del",)) == "<script>alert(2)</script>"
    assert '<img src=x onerror="alert(3)">' in marks.text(outside=("del",))
    assert find_danger(html) is not None  # the text holds the hostile words, as words


def test_the_fragment_holds_nothing_a_browser_would_run() -> None:
    """The produced HTML itself, scanned as a browser reads it, has no script, handler or script URL."""
    old = "**<script>x</script>** [x](javascript:alert(1)) <a href=\"javascript:y\" onclick=\"z\">a</a>"
    new = old.replace("x", "w") + " `<iframe src=q>` <!-- <script>c</script> -->"
    locale_old = Rendered("p", "en", "P", f"# P\n\n## T {{ #t }}\n\n{old}\n")
    locale_new = Rendered("p", "en", "P", f"# P\n\n## T {{ #t }}\n\n{new}\n")
    assert find_danger(redline_markdown(locale_old, locale_new, "en")) is None


def test_links_point_at_the_version_whose_text_they_are_in() -> None:
    """An anchor in deleted text goes to the older version's page, in inserted text to the newer's."""
    path = "p/compare/2026-02-01...2026-04-15/index.md"
    links = Links(version_links(path, "p/versions/2026-02-01/index.md", ["cookies"]),
                  version_links(path, "p/versions/2026-04-15/index.md", ["cookies"]))
    marks = compared("See [rights](#rights) and [cookies](cookies.md#use).",
                     "See [rights](#your-rights) and [cookies](cookies.md#use).", links=links)
    assert marks.hrefs("del") == ["../../versions/2026-02-01/#rights"]
    assert marks.hrefs("ins") == ["../../versions/2026-04-15/#your-rights"]
    assert marks.hrefs()[-1] == "../../../cookies/#use"


@pytest.mark.parametrize(("locale", "label"), [("ar", "نص مُضاف: "), ("es", "Texto añadido: "),
                                               ("ru", "Добавленный текст: ")])
def test_formatting_is_kept_in_every_locale(locale: str, label: str) -> None:
    """Arabic (right to left), Spanish and Russian redlines keep bold and label insertions in their words."""
    marks = compared("**البيانات:** 30 يومًا", "**البيانات:** 90 يومًا", locale=locale)
    assert marks.text("strong", outside=("del", "ins")) == "البيانات:"
    assert (marks.text("del"), marks.text("ins")) == ("30", "90")
    labels = [data for data, stack in marks.pieces if stack and stack[-1][1].get("class") == "rl-sr"]
    assert labels[-1] == label


def test_untranslated_blocks_keep_their_language_and_formatting() -> None:
    """A block shown in English on the Arabic page keeps lang="en" on its insertion, and its bold."""
    fallback = '<span class="redline-fallback" lang="en" dir="ltr">We do **not** sell data.</span>'
    marks = compared("لا نبيع البيانات.", fallback, locale="ar")
    inserted = next(stack for data, stack in marks.pieces if data == "not")
    assert ("ins", {"lang": "en", "dir": "ltr"}) in inserted
    assert "strong" in [tag for tag, _ in inserted]
    assert marks.text("del") == "لا نبيع البيانات."


def test_dates_still_change_whole() -> None:
    """A stated date is one deleted and one inserted token, also when it is bold."""
    marks = compared("Applies from **February 1, 2026** to all users.",
                     "Applies from **April 15, 2026** to some users.")
    dates = (marks.text("del", "strong"), marks.text("ins", "strong"))
    assert dates == ("February 1, 2026", "April 15, 2026")
    assert (marks.text("del", outside=("strong",)), marks.text("ins", outside=("strong",))) == ("all", "some")


def test_a_section_whose_only_change_is_its_date_is_left_out() -> None:
    """The date line changes alone: no section is listed."""
    body = redline_markdown(
        Rendered("p", "en", "P", "# P\n\n## T { #t }\n\nEffective: **February 1, 2026**\n",
                 {"effective": dt.date(2026, 2, 1)}),
        Rendered("p", "en", "P", "# P\n\n## T { #t }\n\nEffective: **April 15, 2026**\n",
                 {"effective": dt.date(2026, 4, 15)}), "en")
    assert body == "No changes.\n"


def test_block_markers_in_a_heading_stay_text() -> None:
    """A heading "1. Terms" renamed keeps its number as text (not a list) and marks the new word."""
    old = Rendered("p", "en", "P", "# P\n\n## 1. Terms { #t }\n\nSame.\n")
    new = Rendered("p", "en", "P", "# P\n\n## 1. Terms of use { #t }\n\nSame.\n")
    marks = Marks(redline_markdown(old, new, "en").split("\n", 3)[-1])
    assert "ol" not in marks.tags
    assert marks.text(outside=("ins",)) == "1. Terms"
    assert marks.text("ins") == " of use"


def test_code_blocks_are_compared_as_code() -> None:
    """A fenced block's changed word is shown as code, its fences and any tags in it as text."""
    marks = compared("```\nretain <b>12</b> months\n```", "```\nretain <b>24</b> months\n```")
    assert (marks.text("del", "code"), marks.text("ins", "code")) == ("12", "24")
    assert marks.text("code", outside=("ins",)) == "retain <b>12</b> months"
    assert marks.tags <= OWN_TAGS
