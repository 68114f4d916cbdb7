"""A change record with ``locales:`` judges a translation-only change, and says so in every report."""

from __future__ import annotations

import json

from tests.compare.test_locale_changes_12 import ES_SELL, SPANISH
from tests.conftest import GitProject
from tests.gitcases import diff, replaced, start

RECORD = "changes/2026-02-25-spanish-review.yml"


def record(locales: str | None) -> str:
    """A change record for privacy; ``locales`` is its `locales:` line value, or None for none."""
    scope = f"locales: {locales}\n" if locales else ""
    return (f"policy: privacy\n{scope}verdict: editorial\n"
            "justification: The Spanish sentence now says what the English text in force says.\n"
            "author: Ana Legal <ana@example.com>\n")


def test_record_for_the_locale_accepts_its_translation_change(git_project: GitProject) -> None:
    """`locales: [es]` turns the Spanish finding editorial: the gate passes, the record is listed."""
    start(git_project)
    git_project.write({SPANISH: replaced(git_project, SPANISH, *ES_SELL), RECORD: record("[es]")})
    code, out, _ = diff(git_project)
    assert code == 0
    assert "    es  sharing — editorial by override (the rules said material): negation removed" in out
    assert (f"    {RECORD}: editorial, by Ana Legal <ana@example.com> (findings 1 of the es translation)\n"
            in out)
    _, raw, _ = diff(git_project, "--format", "json")
    policy = next(p for p in json.loads(raw)["policies"] if p["id"] == "privacy")
    spanish = next(loc for loc in policy["locales"] if loc["locale"] == "es")
    assert (policy["material"], spanish["material"], [o["file"] for o in spanish["overrides"]]) == (
        False, False, [RECORD])


def test_record_without_locales_does_not_reach_a_translation(git_project: GitProject) -> None:
    """A record with no `locales:` judges the English text only: it matches nothing here and is refused."""
    start(git_project)
    git_project.write({SPANISH: replaced(git_project, SPANISH, *ES_SELL), RECORD: record(None)})
    code, _, err = diff(git_project)
    assert code == 2
    assert err == (f"Error: {RECORD}:2: override matches no finding of privacy in this change\n"
                   "  fix: scope it to sections, categories, facts or locales the report lists, "
                   "or delete it\n")


def test_record_for_another_locale_leaves_the_gate_closed(git_project: GitProject) -> None:
    """A record for Arabic does not accept a Spanish change: refused, as it matches no finding."""
    start(git_project)
    git_project.write({SPANISH: replaced(git_project, SPANISH, *ES_SELL), RECORD: record("[ar]")})
    code, _, err = diff(git_project)
    assert code == 2
    assert err.startswith(f"Error: {RECORD}:3: override matches no finding of privacy in this change\n")
