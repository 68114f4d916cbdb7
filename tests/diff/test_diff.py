"""Diffing: words, durations, facts, sections and whole documents."""

from __future__ import annotations

import pytest

from redline.diff import BlockChange, SectionChange, diff_documents, diff_facts, diff_sections, word_diff
from redline.diff.durations import duration_direction, durations_in, parse_duration
from redline.diff.facts import FactChange
from redline.sections import parse_sections


def test_word_diff_marks_inserted_and_deleted_words() -> None:
    """Words and punctuation are the tokens; the whitespace between them is kept."""
    assert word_diff("We keep logs for 12 months.", "We keep server logs for 24 months!") == [
        ("equal", "We keep"),
        ("insert", " server"),
        ("equal", " logs for "),
        ("delete", "12"),
        ("insert", "24"),
        ("equal", " months"),
        ("delete", "."),
        ("insert", "!"),
    ]


def test_word_diff_of_rewrapped_text_is_equal() -> None:
    """Whitespace never decides the alignment: a re-wrapped sentence diffs as equal."""
    assert word_diff("one two\n  three", "one  two three") == [("equal", "one  two three")]


def test_word_diff_rebuilds_the_new_text() -> None:
    """Equal and inserted segments join back into the new text exactly."""
    new = "Data: kept for “24 months”, then deleted."
    segments = word_diff("data: kept for 12 months, then erased.", new)
    assert "".join(text for op, text in segments if op != "delete") == new


def test_word_diff_can_ignore_case() -> None:
    """With ignore_case, re-cased words are equal (shown as in the new text)."""
    assert word_diff("Log data", "log Data", ignore_case=True) == [("equal", "log Data")]


@pytest.mark.parametrize(
    ("value", "days"),
    [("P12M", 365.25), ("PT72H", 3.0), ("P7Y", 2556.75), ("P30D", 30.0), ("P2W", 14.0),
     ("P1Y6M", 547.875), ("P1DT12H", 1.5), ("PT30M", 30 / 1440)],
)
def test_parse_duration(value: str, days: float) -> None:
    """ISO 8601 durations parse to approximate days."""
    assert parse_duration(value) == pytest.approx(days)


@pytest.mark.parametrize("value", ["12 months", "P", "PT", "P12", "p12m", "P1H", ""])
def test_parse_duration_rejects_non_durations(value: str) -> None:
    """Anything but an ISO 8601 duration is a ValueError naming the value."""
    with pytest.raises(ValueError, match="not an ISO 8601 duration"):
        parse_duration(value)


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [("P12M", "P24M", "longer"), ("P24M", "P12M", "shorter"), ("P12M", "P1Y", "same"),
     ("PT72H", "P3D", "same"), ("P30D", "P1M", "longer"), ("P7Y", "P30D", "shorter")],
)
def test_duration_direction(old: str, new: str, direction: str) -> None:
    """Durations compare by length, never by spelling."""
    assert duration_direction(old, new) == direction


def test_durations_in_prose() -> None:
    """Periods written in words or digits are found with their length."""
    found = durations_in("Kept for twelve (12) months, 30 days, 2 business days, a year or 72 hours.")
    assert [(d.text, round(d.days, 3)) for d in found] == [
        ("twelve (12) months", 365.25),
        ("30 days", 30.0),
        ("2 business days", 2.8),
        ("a year", 365.25),
        ("72 hours", 3.0),
    ]


def test_diff_facts_nested_paths() -> None:
    """Changed, added and removed values are reported with dotted paths."""
    old = {"retention": {"logs": "P12M", "billing": "P7Y"}, "controller": {"name": "Acme Ltd"}}
    new = {"retention": {"logs": "P24M", "backups": "P30D"}, "controller": {"name": "Acme Ltd"}}
    assert diff_facts(old, new) == [
        FactChange("retention.logs", "changed", "P12M", "P24M"),
        FactChange("retention.billing", "removed", "P7Y", None),
        FactChange("retention.backups", "added", None, "P30D"),
    ]


def test_diff_facts_matches_records_by_key() -> None:
    """Records pair by name, so moving one is a reordering and editing one names it."""
    cloud, mailgun = {"name": "Cloud", "country": "US"}, {"name": "Mailgun", "country": "US"}
    zendesk = {"name": "Zendesk", "country": "IE"}
    old = {"subprocessors": [cloud, mailgun]}
    new = {"subprocessors": [{**mailgun, "country": "DE"}, cloud, zendesk]}
    assert diff_facts(old, new) == [
        FactChange("subprocessors", "reordered", ["Cloud", "Mailgun"], ["Mailgun", "Cloud"]),
        FactChange("subprocessors[name=Mailgun].country", "changed", "US", "DE"),
        FactChange("subprocessors[name=Zendesk]", "added", None, zendesk),
    ]


def test_diff_facts_prefers_id_then_code_then_name() -> None:
    """The key is the first of id, code, name that every record has, uniquely."""
    old = {"channels": [{"id": "a", "code": "x", "name": "Chat"}]}
    new = {"channels": [{"id": "a", "code": "y", "name": "Chat"}]}
    assert diff_facts(old, new) == [FactChange("channels[id=a].code", "changed", "x", "y")]


def test_diff_facts_scalar_lists_and_keyless_records() -> None:
    """Lists of scalars pair by value; records without a key pair by position."""
    old = {"countries": ["AE", "EU", "US"], "links": [{"url": "a"}, {"url": "b"}]}
    new = {"countries": ["US", "AE", "IN"], "links": [{"url": "a"}, {"url": "c"}]}
    assert diff_facts(old, new) == [
        FactChange("countries[EU]", "removed", "EU", None),
        FactChange("countries", "reordered", ["AE", "US"], ["US", "AE"]),
        FactChange("countries[IN]", "added", None, "IN"),
        FactChange("links[1].url", "changed", "b", "c"),
    ]


def test_diff_facts_of_equal_data_is_empty() -> None:
    """Same data (durations spelled differently included) yields no change."""
    data = {"retention": {"logs": "P12M"}, "subprocessors": [{"name": "A"}], "notice": 30}
    assert diff_facts(data, {**data, "retention": {"logs": "P1Y"}, "notice": 30.0}) == []


OLD_DOC = """# Policy

## 1. Sharing { #sharing }

We share data with:

- Hosting provider
- Email provider

## 2. Retention

Logs are kept for
12 months.
"""


def test_diff_sections_of_same_text_is_empty() -> None:
    """diff(x, x) has no changes."""
    sections = parse_sections(OLD_DOC)
    assert diff_sections(sections, sections) == []


def test_diff_sections_block_changes_carry_their_section() -> None:
    """A modified section lists (old, new) block texts with its id and heading path."""
    new = OLD_DOC.replace("- Email provider", "- Email provider\n- Analytics provider")
    assert diff_sections(parse_sections(OLD_DOC), parse_sections(new)) == [
        SectionChange(
            "sharing", "1. Sharing", "modified",
            (BlockChange(None, "Analytics provider", "item", "sharing", ("Policy", "1. Sharing")),),
        )
    ]


def test_diff_sections_pairs_renumbered_plain_headings_by_title() -> None:
    """A plain heading renumbered changes its slug; the section still pairs, by title."""
    new = OLD_DOC.replace("## 2. Retention", "## 3. Retention").replace("12 months", "24 months")
    changes = diff_sections(parse_sections(OLD_DOC), parse_sections(new))
    assert [(c.id, c.old_id, c.kind, [(b.old, b.new) for b in c.blocks]) for c in changes] == [
        ("3-retention", "2-retention", "modified", [
            ("2. Retention", "3. Retention"),
            ("Logs are kept for 12 months.", "Logs are kept for 24 months."),
        ]),
    ]


def test_diff_sections_added_removed_and_moved() -> None:
    """Whole sections added or removed list every block; a section that only moved is 'moved'."""
    old = "## A\n\nalpha\n\n## B\n\nbeta\n\n## C\n\ngamma\n"
    new = "## B\n\nbeta\n\n## A\n\nalpha\n\n## D\n\ndelta\n"
    changes = diff_sections(parse_sections(old), parse_sections(new))
    assert [(c.id, c.kind, [(b.kind, b.old, b.new, b.moved) for b in c.blocks]) for c in changes] == [
        ("a", "moved", [("heading", "A", "A", True)]),
        ("c", "removed", [("heading", "C", None, False), ("paragraph", "gamma", None, False)]),
        ("d", "added", [("heading", None, "D", False), ("paragraph", None, "delta", False)]),
    ]


def test_diff_sections_moved_item_is_one_change() -> None:
    """An item moved within its list is one moved block, not a removal and an addition."""
    new = OLD_DOC.replace("- Hosting provider\n- Email provider", "- Email provider\n- Hosting provider")
    changes = diff_sections(parse_sections(OLD_DOC), parse_sections(new))
    assert [[(b.old, b.new, b.moved) for b in c.blocks] for c in changes] == [
        [("Email provider", "Email provider", True)]
    ]


def _table(rows: list[tuple[str, str, str]], width: int) -> str:
    lines = ["| " + " | ".join(cell.ljust(width) for cell in row) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (width + 2) for _ in range(3)) + "|")
    return "\n".join(lines)


def test_realigned_table_with_one_row_added_is_one_change() -> None:
    """Re-padding every cell while adding a row, and re-wrapping a paragraph, yields one added row."""
    rows = [("Service", "Provider", "Country")] + [(f"Service {n}", f"Vendor {n}", "US") for n in range(20)]
    old = f"## Sub-processors\n\nWe use these\nproviders.\n\n{_table(rows, 12)}\n"
    grown = [*rows[:8], ("Email delivery", "Mailgun Technologies", "US"), *rows[8:]]
    new = f"## Sub-processors\n\nWe use these providers.\n\n{_table(grown, 22)}\n"
    changes = diff_sections(parse_sections(old), parse_sections(new))
    added = [(b.old, b.new) for c in changes for b in c.blocks]
    assert added == [(None, "Email delivery | Mailgun Technologies | US")]


def test_diff_documents_keeps_html_blocks_and_reports_layout() -> None:
    """HTML blocks are diffed with the prose; wrapping and list markers show as layout only."""
    old = "## Notes\n\n<p>We review yearly.</p>\n\n- a\n- b\n"
    html = diff_documents(old, old.replace("yearly", "monthly"))
    markers = diff_documents(old, old.replace("- ", "* "))
    assert (
        [(b.kind, b.old, b.new) for c in html.sections for b in c.blocks],
        (markers.sections, markers.layout),
        diff_documents(old, old.replace("We review", "We\nreview")).layout,
        diff_documents(old, old).layout,
    ) == (
        [("html", "<p>We review yearly.</p>", "<p>We review monthly.</p>")],
        ((), "markup"),
        "whitespace",
        "none",
    )
