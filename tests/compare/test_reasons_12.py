"""Reasons and gate messages in the reader's words, and the JSON contract they keep."""

from __future__ import annotations

import datetime as dt

from redline.classify.facts import spoken
from redline.compare.gate import GateCheck, NoticePeriod
from tests.conftest import GitProject
from tests.gitcases import RETENTION, diff, edit, start


def test_equivalent_durations_are_a_change_of_wording(git_project: GitProject) -> None:
    """P12M → P1Y changes every locale's text: an editorial change in words, never "No change"."""
    start(git_project)
    edit(git_project, RETENTION, "logs: P12M", "logs: P1Y")
    code, out, _ = diff(git_project)
    assert code == 0
    assert out.splitlines()[3] == "Editorial change — no notice needed; update the last-updated date."
    assert ("    editorial  same-period               [fact retention.logs → 7. Data Retention] "
            "'retention.logs': the same period in other words: 12 months → 1 year") in out.splitlines()
    assert '    changed   retention.logs: 12 months (P12M) → 1 year (P1Y)  (rendered in: retention)' \
        in out.splitlines()


def test_durations_are_spoken_as_the_policy_states_them() -> None:
    """Codes become the words the policy renders."""
    assert [spoken(v) for v in ("P24M", "P30D", "PT72H", "P7Y")] == ["24 months", "30 days", "72 hours",
                                                                      "7 years"]


def test_gate_message_for_a_version_already_announced_asks_for_another_date() -> None:
    """A material change to an upcoming version never suggests the date it already has."""
    check = GateCheck("privacy", "policies/privacy.md", True, dt.date(2027, 1, 5), dt.date(2027, 1, 5),
                      dt.date(2027, 1, 5), "same-effective-date", ("retention",))
    assert check.message(dt.date(2026, 12, 6), NoticePeriod("P30D", "limits.yml:5")) == (
        "privacy: material change (sections: retention) to the version already announced for 2027-01-05: "
        "its readers were given that text, so the change needs a new effective date: "
        "set `effective: 2027-01-06` or later in policies/privacy.md")
