"""Overrides: records in changes/ overrule a verdict, with a justification, for the change adding them."""

from __future__ import annotations

import json

import pytest

from redline.classify.findings import Finding, Verdict
from redline.classify.overrides import ChangeRecord, judge
from redline.errors import RedlineError
from tests.compare.test_diff_command import masked
from tests.conftest import GitProject
from tests.gitcases import GOLDEN, NARROWER, PRIVACY, REWORD, diff, edit, start, typo
from tests.golden import check_golden

RECORD = "changes/2026-03-01-dnt-wording.yml"
WHY = "  The sentence says the same thing in other words: there is still no standard for DNT.\n"
JUSTIFIED = (
    "policy: privacy\n"
    "sections: [do-not-track]\n"
    "verdict: editorial\n"
    "justification: >\n"
    f"{WHY}"
    "author: Jane Roe <jane@example.com>\n"
)


def test_editorial_override_in_every_format(git_project: GitProject) -> None:
    """An unexplained rewording overruled as editorial passes the gate, and every format says why."""
    start(git_project)
    edit(git_project, PRIVACY, *REWORD)
    git_project.write({RECORD: JUSTIFIED})
    outputs = {fmt: diff(git_project, "--format", fmt) for fmt in ("text", "markdown", "json")}
    assert {fmt: (code, err) for fmt, (code, _, err) in outputs.items()} == {
        "text": (0, ""), "markdown": (0, ""), "json": (0, "")}
    check_golden(GOLDEN / "diff" / "override.txt", masked(outputs["text"][1], git_project))
    check_golden(GOLDEN / "diff" / "override.md", masked(outputs["markdown"][1], git_project))
    document = json.loads(outputs["json"][1])
    privacy = next(p for p in document["policies"] if p["id"] == "privacy")
    assert (document["material"], privacy["material"], privacy["rules_material"]) == (False, False, True)
    assert [f["overridden_by"] for f in document["findings"]] == [RECORD]
    assert privacy["overrides"] == [{
        "file": RECORD, "line": 3, "policy": "privacy", "verdict": "editorial",
        "justification": "The sentence says the same thing in other words: there is still no standard for "
                         "DNT.",
        "author": "Jane Roe <jane@example.com>", "scope": {"sections": ["do-not-track"]}, "findings": [0]}]


def test_override_applies_only_to_the_change_that_adds_it(git_project: GitProject) -> None:
    """Once committed, a record does not cover the next change of the same section."""
    start(git_project)
    edit(git_project, PRIVACY, *REWORD)
    git_project.commit({RECORD: JUSTIFIED}, "Reword DNT, judged editorial", "2026-02-25")
    edit(git_project, PRIVACY, "exists at present", "exists today")
    code, out, _ = diff(git_project, "--format", "json")
    document = json.loads(out)
    overridden = [f["overridden_by"] for f in document["findings"]]
    assert (code, document["material"], overridden) == (1, True, [None])


def test_material_override_asks_for_a_notice(git_project: GitProject) -> None:
    """An editor can ask for a notice the rules did not: the gate then wants a new date."""
    start(git_project)
    typo(git_project)
    git_project.write({"changes/2026-03-01-spelling.yml": JUSTIFIED.replace("[do-not-track]", "[retention]")
                       .replace("verdict: editorial", "verdict: material")})
    code, out, err = diff(git_project, "--format", "json")
    assert (code, json.loads(out)["material"]) == (1, True)
    assert err == ("Error: notice gate: privacy: material change (sections: retention), but the effective "
                   "date is still 2026-02-01: set `effective: 2026-03-31` or later in policies/privacy.md\n")


def test_scope_by_category_leaves_other_findings_material(git_project: GitProject) -> None:
    """A record for unexplained findings does not clear a narrowed right in the same change."""
    start(git_project)
    edit(git_project, PRIVACY, *REWORD)
    edit(git_project, PRIVACY, *NARROWER)
    git_project.write({RECORD: JUSTIFIED.replace("sections: [do-not-track]", "categories: [unexplained]")})
    document = json.loads(diff(git_project, "--format", "json")[1])
    assert [(f["category"], f["overridden_by"]) for f in document["findings"]] == [
        ("narrowed-rights", None), ("unexplained", RECORD)]
    assert document["material"] is True


BAD = [
    ("changes/2026-03-01-x.yml", JUSTIFIED.replace(f"justification: >\n{WHY}", ""),
     "changes/2026-03-01-x.yml:3: an override needs a written justification\n"
     "  fix: write why the rules' verdict is wrong here: `justification: …` (it stays in the repository)\n"),
    ("changes/2026-03-01-x.yml", JUSTIFIED.replace(WHY, "  \n"),
     "changes/2026-03-01-x.yml:4: an override needs a written justification\n"
     "  fix: write why the rules' verdict is wrong here: `justification: …` (it stays in the repository)\n"),
    ("changes/2026-03-01-x.yml", JUSTIFIED.replace("justification:", "justfication:"),
     "changes/2026-03-01-x.yml:4: unknown key 'justfication' — did you mean 'justification'?\n"
     "  fix: use one of: policy, sections, categories, facts, locales, verdict, justification, author\n"),
    ("changes/2026-03-01-x.yml", JUSTIFIED.replace("verdict: editorial", "verdict: minor"),
     "changes/2026-03-01-x.yml:3: verdict: 'minor' is not one of ['editorial', 'material']\n"
     "  fix: see docs/decisions/0006-overrides.md for the keys of a change record\n"),
    ("changes/2026-03-01-x.yml", JUSTIFIED.replace("author: Jane Roe <jane@example.com>\n", ""),
     "changes/2026-03-01-x.yml:3: change record: 'author' is a required property\n"
     "  fix: name policy, verdict (editorial or material), justification, author\n"),
    ("changes/2026-03-01-x.yml", JUSTIFIED.replace("sections: [do-not-track]", "categories: [unexplaned]"),
     "changes/2026-03-01-x.yml:2: unknown finding category 'unexplaned' — did you mean 'unexplained'?\n"
     "  fix: use a category of docs/materiality.md, as the report prints it\n"),
    ("changes/dnt.yml", JUSTIFIED,
     "changes/dnt.yml: change record 'dnt.yml' is not named YYYY-MM-DD-slug.yml\n"
     "  fix: rename it, e.g. changes/2026-03-01-log-retention.yml\n"),
    ("changes/2026-03-01-x.yml", JUSTIFIED.replace("policy: privacy", "policy: privcy"),
     "changes/2026-03-01-x.yml:3: override names no policy 'privcy' — did you mean 'privacy'?\n"
     "  fix: use one of: cookies, privacy, security\n"),
    ("changes/2026-03-01-x.yml", JUSTIFIED.replace("[do-not-track]", "[do-not-trak]"),
     "changes/2026-03-01-x.yml:3: privacy has no section 'do-not-trak' — did you mean 'do-not-track'?\n"
     "  fix: use the section id of the heading ({ #id }), as the report prints it\n"),
    ("changes/2026-03-01-x.yml", JUSTIFIED.replace("[do-not-track]", "[retention]"),
     "changes/2026-03-01-x.yml:3: override matches no finding of privacy in this change\n"
     "  fix: scope it to sections, categories, facts or locales the report lists, or delete it\n"),
]


@pytest.mark.parametrize(("path", "text", "message"), BAD, ids=[f"bad-{i}" for i in range(len(BAD))])
def test_bad_change_records(git_project: GitProject, path: str, text: str, message: str) -> None:
    """Each bad record exits 2 with file:line, what is wrong and the fix; nothing is printed on stdout."""
    start(git_project)
    edit(git_project, PRIVACY, *REWORD)
    git_project.write({path: text})
    assert diff(git_project) == (2, "", f"Error: {message}")


def test_judge_material_wins_and_scopes_combine() -> None:
    """Editorial records clear only what they match; a material record makes the change material."""
    verdict = Verdict(True, (Finding("unexplained", True, "x", section="a"),
                             Finding("new-recipient", True, "y", fact="subprocessors[id=z]")))
    clear_a = ChangeRecord("changes/2026-01-01-a.yml", 3, "p", "editorial", "why", "me", sections=("a",))
    clear_fact = ChangeRecord("changes/2026-01-01-b.yml", 3, "p", "editorial", "why", "me", sections=("s",))
    force = ChangeRecord("changes/2026-01-01-c.yml", 3, "p", "material", "why", "me",
                         categories=("unexplained",))
    traced = {"subprocessors[id=z]": ("s",)}
    assert judge(verdict, "p", [clear_a], traced).material is True
    assert judge(verdict, "p", [clear_a, clear_fact], traced).material is False
    assert judge(verdict, "p", [clear_a, clear_fact, force], traced).material is True
    assert judge(verdict, "other", [clear_a, clear_fact], traced).overrides == ()


def test_a_record_that_passed_its_schema_is_not_checked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The schema pass is remembered by the record's bytes; a broken record fails every time."""
    from redline.classify import overrides
    from redline.render.facts import Facts

    facts, checks = Facts(None), []
    real = overrides.validator
    monkeypatch.setattr(overrides, "validator", lambda name: checks.append(name) or real(name))
    good = (b"policy: privacy\nverdict: editorial\njustification: A comma moved.\n"
            b"author: Legal <legal@example.com>\n")
    for _ in range(2):
        assert overrides.parse_record(good, "changes/2026-03-01-comma.yml", facts).policy == "privacy"
    assert len(checks) == 1
    bad = good.replace(b"verdict: editorial", b"verdict: maybe")
    for _ in range(2):
        with pytest.raises(RedlineError, match="verdict"):
            overrides.parse_record(bad, "changes/2026-03-01-comma.yml", facts)
    assert len(checks) == 3 and len(facts.items) == 1
