"""The notice gate: a material change takes effect no earlier than the notice date + the notice period."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from redline.compare.gate import add_duration
from tests.conftest import GitProject
from tests.gitcases import (
    LIMITS,
    PRIVACY,
    REWORD,
    SECURITY,
    diff,
    edit,
    longer_logs,
    set_effective,
    start,
    typo,
)

D = dt.date


@pytest.mark.parametrize(
    ("day", "duration", "expected"),
    [(D(2026, 3, 1), "P30D", D(2026, 3, 31)), (D(2026, 1, 31), "P1M", D(2026, 2, 28)),
     (D(2024, 1, 31), "P1M", D(2024, 2, 29)), (D(2026, 3, 1), "P2W", D(2026, 3, 15)),
     (D(2026, 3, 1), "PT72H", D(2026, 3, 4)), (D(2026, 3, 1), "PT1H", D(2026, 3, 2)),
     (D(2025, 12, 15), "P1Y1M1D", D(2027, 1, 16)), (D(2026, 2, 28), "P12M", D(2027, 2, 28))],
)
def test_add_duration(day: dt.date, duration: str, expected: dt.date) -> None:
    """Months and years move by the calendar (clamped to the month's end); hours round up to a day."""
    assert add_duration(day, duration) == expected


def test_material_change_effective_too_early(git_project: GitProject) -> None:
    """An effective date before notice date + period exits 1 naming policy, sections and the date."""
    start(git_project)
    longer_logs(git_project)
    set_effective(git_project, PRIVACY, "2026-03-15")
    set_effective(git_project, SECURITY, "2026-03-31")
    code, _, err = diff(git_project)
    assert (code, err) == (1, "Error: notice gate: privacy: material change (sections: retention), "
                              "effective 2026-03-15, before the earliest allowed 2026-03-31 (notice "
                              "2026-03-01 + P30D): set `effective: 2026-03-31` or later in "
                              "policies/privacy.md\n")


def test_material_change_without_a_new_date(git_project: GitProject) -> None:
    """A material change whose effective date did not move at all exits 1 for every policy it touches."""
    start(git_project)
    longer_logs(git_project)
    code, out, err = diff(git_project, "--format", "json")
    assert code == 1
    assert json.loads(out)["gate"] == {"ok": False, "failures": err.removeprefix("Error: notice gate: ")
                                       .rstrip("\n").split("\n  ")}
    assert err == (
        "Error: notice gate: privacy: material change (sections: retention), but the effective date is still "
        "2026-02-01: set `effective: 2026-03-31` or later in policies/privacy.md\n"
        "  security: material change (sections: monitoring), but the effective date is still 2026-02-01: "
        "set `effective: 2026-03-31` or later in policies/security.md\n"
    )


def test_editorial_change_needs_no_new_date(git_project: GitProject) -> None:
    """A spelling fix passes with the effective date untouched."""
    start(git_project)
    typo(git_project)
    code, out, err = diff(git_project, "--format", "json")
    assert (code, err, json.loads(out)["gate"]) == (0, "", {"ok": True, "failures": []})


def test_notice_date_decides_the_earliest_date(git_project: GitProject) -> None:
    """The same change passes when noticed early enough and fails when noticed later."""
    start(git_project)
    edit(git_project, PRIVACY, *REWORD)
    set_effective(git_project, PRIVACY, "2026-04-01")
    assert diff(git_project, notice_date="2026-03-02")[0] == 0
    code, _, err = diff(git_project, notice_date="2026-03-03")
    assert (code, err) == (1, "Error: notice gate: privacy: material change (sections: do-not-track), "
                              "effective 2026-04-01, before the earliest allowed 2026-04-02 (notice "
                              "2026-03-03 + P30D): set `effective: 2026-04-02` or later in "
                              "policies/privacy.md\n")


def test_notice_period_is_read_from_data(git_project: GitProject) -> None:
    """The period is limits.change_notice; when a change lengthens it, the longer one counts."""
    start(git_project)
    edit(git_project, LIMITS, "change_notice: P30D", "change_notice: P60D")
    document = json.loads(diff(git_project, "--format", "json")[1])
    assert (document["notice_period"], document["earliest_effective"]) == ("P60D", "2026-04-30")


def test_shorter_notice_period_keeps_the_promised_one(git_project: GitProject) -> None:
    """Shortening the notice period is material, and gated with the period readers were promised."""
    start(git_project)
    edit(git_project, LIMITS, "change_notice: P30D", "change_notice: P14D")
    document = json.loads(diff(git_project, "--format", "json")[1])
    categories = {(f["policy"], f["category"]) for f in document["findings"]}
    assert categories == {(p, "shorter-notice-period") for p in ("cookies", "privacy", "security")}
    assert (document["notice_period"], document["earliest_effective"]) == ("P30D", "2026-03-31")


def test_bad_notice_date_is_a_usage_error(git_project: GitProject) -> None:
    """--notice-date takes YYYY-MM-DD; anything else exits 2."""
    start(git_project)
    code, _, err = diff(git_project, notice_date="01/03/2026")
    assert code == 2 and "Invalid value for '--notice-date': '01/03/2026' does not match the format" in err


def test_missing_notice_period_is_an_error(git_project: GitProject) -> None:
    """Without limits.change_notice the gate cannot decide: exit 2 naming the data file."""
    start(git_project)
    schema = git_project.read("policies/_data/schema.yml").replace(
        "required: [minimum_age, breach_notice, response_time, change_notice]",
        "required: [minimum_age, breach_notice, response_time]")
    git_project.write({"policies/_data/schema.yml": schema,
                       LIMITS: git_project.read(LIMITS).replace("change_notice: P30D", "")})
    stated = "at least {{ limits.change_notice | duration }} before"
    paths = (PRIVACY, SECURITY, "policies/cookies.md")
    policies = {path: git_project.read(path).replace(stated, "before") for path in paths}
    git_project.commit(policies, "No notice period", "2026-02-21")
    assert diff(git_project) == (
        2, "", "Error: policies/_data/limits.yml: no notice period: the data has no limits.change_notice\n"
        "  fix: state the notice period once, e.g. `change_notice: P30D`\n")
