"""Materiality: every fixture pair's verdict and categories, the rules one by one, plugins."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from redline.classify import Finding, RuleSet, Verdict, classify, default_rules
from redline.classify import rules as rules_module
from redline.classify.findings import UNEXPLAINED_REASON
from redline.classify.languages import document_language
from redline.classify.proof import PROOF_RULES
from redline.classify.rules import FACT_RULES, MEANING_RULES, TEXT_RULES, builtin_rules
from redline.diff import BlockChange, FactChange, SectionChange, diff_documents, diff_facts
from redline.errors import RedlineError
from tests.paths import ROOT, TESTS

CASES = TESTS / "compare" / "cases"

#: case -> (material?, categories in order of first appearance)
EXPECTED: dict[str, tuple[bool, tuple[str, ...]]] = {
    "identical": (False, ()),
    "rewrapped-paragraph": (False, ("whitespace",)),
    "table-realigned-row-added": (True, ("new-recipient",)),
    "reordered-items": (False, ("reordering",)),
    "curly-quotes": (False, ("punctuation",)),
    "link-target": (False, ("link-target",)),
    "case-change": (False, ("case",)),
    "markdown-formatting": (False, ("formatting",)),
    "mixed-style": (False, ("style",)),
    "list-markers": (False, ("formatting",)),
    "last-updated-date": (False, ("last-updated-date-only",)),
    "retention-longer": (True, ("longer-retention",)),
    "retention-shorter": (False, ("shorter-retention",)),
    "recipient-removed": (False, ("removed-recipient",)),
    "arbitration-waiver": (True, ("narrowed-rights",)),
    "transfer-new-country": (True, ("new-transfer-destination",)),
    "unexplained-rewording": (True, ("unexplained",)),
    "new-purpose": (True, ("new-purpose",)),
    "new-data-category": (True, ("new-data-category",)),
    "controller-identity": (True, ("controller-identity",)),
    "notice-period-shorter": (True, ("shorter-notice-period",)),
    "new-fee": (True, ("new-obligation",)),
    "right-removed": (True, ("narrowed-rights",)),
    "sale-of-data": (True, ("new-recipient",)),
    "section-moved": (False, ("reordering",)),
    "sections-renumbered": (False, ("reordering",)),
    "html-block": (True, ("meaning-word",)),
    "hidden-markup": (True, ("restyling-markup",)),
    "front-matter-date": (False, ("page-metadata",)),
    "ampersand-heading": (False, ("style",)),
    "es-negation-removed": (True, ("meaning-word",)),
    "es-date-and-quotes": (False, ("date-only", "style")),
    "de-qualifier-removed": (True, ("qualifier-removed",)),
    "de-date-only": (False, ("date-only",)),
    "hidden-comment-words": (True, ("meaning-word", "unexplained")),
    "de-hidden-comment-words": (True, ("meaning-word", "formatting")),
    "link-other-host": (True, ("link-host", "link-target")),
    "es-link-other-host": (True, ("link-host", "link-target")),
    "link-named-site": (False, ("link-target",)),
    "es-link-named-site": (False, ("link-target",)),
    "sharing-amount-changed": (True, ("unexplained",)),
    "es-sharing-amount-changed": (True, ("unexplained",)),
}


def verdict_of(case: str) -> Verdict:
    """Classify one fixture pair, as ``redline compare`` does."""
    old = (CASES / case / "old.md").read_text(encoding="utf-8")
    new = (CASES / case / "new.md").read_text(encoding="utf-8")
    diff = diff_documents(old, new)
    lang = document_language(old, new)
    return classify(diff.sections, layout=diff.layout, rules=builtin_rules(), lang=lang)


def test_every_fixture_has_an_expectation() -> None:
    """The table below names exactly the fixture pairs on disk."""
    assert sorted(EXPECTED) == sorted(path.name for path in CASES.iterdir() if path.is_dir())


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_case_verdict_and_categories(case: str) -> None:
    """Each fixture pair gets its expected verdict and categories."""
    verdict = verdict_of(case)
    assert (verdict.material, verdict.categories) == EXPECTED[case]


def test_long_table_realigned_with_one_row_is_one_finding() -> None:
    """A re-padded 16-row table plus one row, with a re-wrapped paragraph: one new-recipient finding."""
    assert verdict_of("table-realigned-row-added").findings == (
        Finding(
            "new-recipient",
            True,
            "new sub-processor row: 'Transactional email delivery | Mailgun Technologies, Inc. (Sinch) "
            "| United States'",
            section="41-sub-processors",
        ),
    )


def test_unexplained_change_has_the_fixed_reason() -> None:
    """A rewording no rule explains is material with the reason 'unexplained wording change'."""
    assert verdict_of("unexplained-rewording").findings == (
        Finding("unexplained", True, UNEXPLAINED_REASON, section="7-security"),
    )
    assert UNEXPLAINED_REASON == "unexplained wording change"


def test_identical_documents_are_not_material() -> None:
    """diff(x, x) classifies as no findings, not material."""
    assert verdict_of("identical") == Verdict(False, ())


def test_classify_nothing_is_not_material() -> None:
    """No changes at all is an empty, editorial verdict."""
    assert classify([], []) == Verdict(False, ())


@pytest.mark.parametrize(
    ("reason_case", "reason"),
    [
        ("retention-longer", "retention 'Log data' longer: 12 months → 24 months"),
        ("retention-shorter", "retention 'Log data' shorter: 24 months → 12 months"),
        ("transfer-new-country", "new transfer destination: India"),
        ("notice-period-shorter", "notice period shorter: 30 days → 7 days"),
        ("recipient-removed", "removed recipient row: 'Live chat | Intercom | Ireland'"),
        ("sale-of-data", "sale or sharing no longer excluded: 'We may sell your personal data.'"),
        ("last-updated-date", "last-updated date only: February 20, 2026 → March 3, 2026"),
        ("section-moved", "section moved: '7. Security'"),
        ("link-target", "link target changed: https://northwind.example/cookies → https://northwind.example/legal/cookies"),
    ],
)
def test_reasons_are_one_line_a_person_can_check(reason_case: str, reason: str) -> None:
    """Findings say what changed, before → after."""
    assert [finding.reason for finding in verdict_of(reason_case).findings] == [reason]


def change(old: str | None, new: str | None, *path: str, kind: str = "paragraph") -> list[SectionChange]:
    """One section change holding one block change, under the headings ``path``."""
    block = BlockChange(old, new, kind, "s", path or ("Section",))
    return [SectionChange("s", path[-1] if path else "Section", "modified", (block,))]


#: (old block, new block, its heading, expected category, expected material)
PLAIN_CASES = [
    ("Kept for one year.", "Kept for 18 months.", "Data Retention", "longer-retention", True),
    ("Deleted within 30 days.", "Deleted within 90 days.", "Account", "longer-retention", True),
    ("Logs: kept for 2 years.", "Logs: kept for 1 year.", "How long we keep it", "shorter-retention", False),
    ("Logs: kept 12 months.", "Logs: kept indefinitely.", "Retention", "longer-retention", True),
    ("We answer within 30 days.", "We answer within 45 days.", "Your Rights", "narrowed-rights", True),
    ("You may delete data.", "You may delete data only by post.", "Your Rights", "narrowed-rights", True),
    ("We notify you 30 days before changes take effect.", "We notify you when changes take effect.",
     "Updates", "unexplained", True),
    ("We may change this.", "We may change it without notice.", "Changes", "shorter-notice-period", True),
    ("We use Stripe and Zendesk.", "We use Stripe.", "Third Parties", "removed-recipient", False),
    ("We do not share it with Acme.", "We share it with Acme.", "Sharing", "new-recipient", True),
    ("We host data in Ireland.", "We host data in Ireland and Singapore.", "Security",
     "new-transfer-destination", True),
    ("Hello.", "Hello. Acme Holdings GmbH runs this site.", "", "controller-identity", True),
    ("We collect names.", "We collect names and precise location.", "Cookies", "new-data-category", True),
    ("~~We sell data.~~", "We sell data.", "Notes", "unexplained", True),
    ("Contact: privacy@acme.example", "Contact: legal@acme.example", "Contact", "contact-details", False),
    ("Contact: Acme Ltd, privacy@acme.example", "Contact: Brio Ltd, legal@acme.example", "Contact",
     "controller-identity", True),
    ("[Write](mailto:a@acme.example)", "[Write](mailto:b@acme.example)", "Help", "unexplained", True),
    ("log data", "Log Data", "Sub-processors", "case", False),
]


@pytest.mark.parametrize(("old", "new", "heading", "category", "material"), PLAIN_CASES)
def test_rules_on_plain_markdown(old: str, new: str, heading: str, category: str, material: bool) -> None:
    """Rules read meaning from heading words and durations in prose, with no ids or schema."""
    verdict = classify(change(old, new, heading), rules=builtin_rules())
    assert [(f.category, f.material) for f in verdict.findings] == [(category, material)]


def test_added_section_counts_its_heading() -> None:
    """An added section, even an empty one, is a change to judge."""
    heading = BlockChange(None, "Other Matters", "heading", "x", ("Other Matters",))
    added = SectionChange("x", "Other Matters", "added", (heading,))
    assert classify([added], rules=builtin_rules()).findings == (
        Finding("unexplained", True, UNEXPLAINED_REASON, section="x"),
    )


def editorial_rule(change: BlockChange) -> Finding:
    """A test rule that calls every change a case change."""
    return Finding("case", False, "first")


def other_editorial_rule(change: BlockChange) -> Finding:
    """A test rule that calls every change a whitespace change."""
    return Finding("whitespace", False, "second")


def material_rule(change: BlockChange) -> Finding:
    """A test rule that calls every change a new purpose."""
    return Finding("new-purpose", True, "new purpose")


def test_material_findings_win_over_editorial_ones() -> None:
    """If any rule finds a change material, its editorial explanations are dropped."""
    rules = RuleSet((editorial_rule, material_rule, other_editorial_rule), ())
    verdict = classify(change("a", "b"), rules=rules)
    assert verdict == Verdict(True, (Finding("new-purpose", True, "new purpose", section="s"),))


def test_first_editorial_finding_explains_a_change() -> None:
    """Of several editorial explanations, the first in the registry is kept."""
    verdict = classify(change("a", "A"), rules=RuleSet((editorial_rule, other_editorial_rule), ()))
    assert verdict == Verdict(False, (Finding("case", False, "first", section="s"),))


def test_no_rule_means_unexplained_and_material() -> None:
    """With no rule to explain it, any change is material."""
    assert classify(change("a", "b"), rules=RuleSet((), ())) == Verdict(
        True, (Finding("unexplained", True, UNEXPLAINED_REASON, section="s"),)
    )


FACTS_OLD: dict[str, Any] = {
    "retention": {"logs": "P12M", "billing": "P7Y"},
    "notice_period": "P30D",
    "subprocessors": [{"name": "Cloud", "country": "US"}, {"name": "Mailgun", "country": "US"}],
    "countries": ["AE", "US"],
    "controller": {"name": "Acme Ltd"},
    "company": {"address": {"country": "IE"}},
    "limits": {"response_time": "P30D"},
    "vendor_kinds": {"categories": [{"id": "hosting"}]},
    "last_updated": "2026-02-20",
    "support_hours": "9-17",
}


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ({"retention": {"logs": "P24M", "billing": "P7Y"}}, [("longer-retention", True)]),
        ({"retention": {"logs": "P6M", "billing": "P7Y"}}, [("shorter-retention", False)]),
        ({"retention": {"logs": "P1Y", "billing": "P7Y"}}, [("same-period", False)]),
        ({"notice_period": "P14D"}, [("shorter-notice-period", True)]),
        ({"subprocessors": [*FACTS_OLD["subprocessors"], {"name": "Zendesk", "country": "US"}]},
         [("new-recipient", True)]),
        ({"subprocessors": FACTS_OLD["subprocessors"][:1]}, [("removed-recipient", False)]),
        ({"subprocessors": FACTS_OLD["subprocessors"][::-1]}, [("reordering", False)]),
        ({"subprocessors": [{"name": "Cloud", "country": "IN"}, FACTS_OLD["subprocessors"][1]]},
         [("new-transfer-destination", True)]),
        ({"countries": ["AE", "US", "IN"]}, [("new-transfer-destination", True)]),
        ({"controller": {"name": "Acme Holdings GmbH"}}, [("controller-identity", True)]),
        ({"company": {"address": {"country": "GB"}}}, [("controller-identity", True)]),
        ({"limits": {"response_time": "P45D"}}, [("narrowed-rights", True)]),
        ({"limits": {"response_time": "P15D"}}, [("unexplained", True)]),
        ({"vendor_kinds": {"categories": [{"id": "hosting"}, {"id": "ai"}]}}, [("new-recipient", True)]),
        ({"last_updated": "2026-03-03"}, [("last-updated-date-only", False)]),
        ({"support_hours": "8-18"}, [("unexplained", True)]),
    ],
)
def test_fact_rules(edit: dict[str, Any], expected: list[tuple[str, bool]]) -> None:
    """Fact changes are judged by their path: durations compare by length."""
    verdict = classify([], diff_facts(FACTS_OLD, {**FACTS_OLD, **edit}), rules=builtin_rules())
    assert [(f.category, f.material) for f in verdict.findings] == expected


def test_fact_findings_name_the_fact() -> None:
    """A fact finding says which fact and how it changed."""
    new = {**FACTS_OLD, "retention": {"logs": "P24M", "billing": "P7Y"}}
    assert classify([], diff_facts(FACTS_OLD, new), rules=builtin_rules()).findings == (
        Finding(
            "longer-retention", True, "retention 'retention.logs' longer: 12 months → 24 months",
            fact="retention.logs"
        ),
    )


class FakeEntryPoint:
    """Stands in for an importlib.metadata.EntryPoint."""

    def __init__(self, name: str, value: object) -> None:
        self.name, self.value, self._loaded = name, f"plugin:{name}", value

    def load(self) -> object:
        if isinstance(self._loaded, Exception):
            raise self._loaded
        return self._loaded


@pytest.fixture
def plugins(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[FakeEntryPoint]]:
    """Entry points the next default_rules() call sees."""
    points: list[FakeEntryPoint] = []

    monkeypatch.setattr(rules_module, "_plugin_points", lambda: sorted(points, key=lambda p: p.name))
    default_rules.cache_clear()
    yield points
    default_rules.cache_clear()


def brand_rule(change: BlockChange) -> Finding | None:
    """A plugin's text rule: naming Acme is material."""
    return Finding("brand", True, "brand renamed") if "Acme" in (change.new or "") else None


def fee_rule(fact: FactChange) -> Finding | None:
    """A plugin's fact rule that never fires."""
    return None


def test_entry_point_rules_are_added_after_the_builtins(plugins: list[FakeEntryPoint]) -> None:
    """Plugins under redline.rules join the registry; names starting 'fact.' are fact rules."""
    plugins += [FakeEntryPoint("brand", brand_rule), FakeEntryPoint("fact.fee", fee_rule)]
    rules = default_rules()
    assert (rules.text, rules.fact) == ((*TEXT_RULES, brand_rule), (*FACT_RULES, fee_rule))
    verdict = classify(change("Hello.", "Hello Acme."), rules=rules)
    assert Finding("brand", True, "brand renamed", section="s") in verdict.findings


def test_broken_entry_point_is_a_redline_error(plugins: list[FakeEntryPoint]) -> None:
    """A plugin that fails to load is named, with a fix."""
    plugins.append(FakeEntryPoint("broken", ImportError("No module named 'acme'")))
    with pytest.raises(RedlineError) as error:
        default_rules()
    assert error.value.message == (
        "entry point 'broken' = 'plugin:broken' (group redline.rules): cannot load materiality rule: "
        "No module named 'acme'\n  fix: install the package that provides it, or remove the entry point"
    )


def test_every_builtin_rule_is_documented() -> None:
    """Each registered rule has a one-line docstring and appears in docs/materiality.md."""
    docs = (ROOT / "docs" / "materiality.md").read_text(encoding="utf-8")
    names = [rule.__name__ for rule in [*TEXT_RULES, *FACT_RULES, *PROOF_RULES, *MEANING_RULES]]
    assert [name for name in names if f"`{name}`" not in docs] == []
    assert all(rule.__doc__ for rule in [*TEXT_RULES, *FACT_RULES, *PROOF_RULES, *MEANING_RULES])
