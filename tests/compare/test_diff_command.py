"""``redline diff`` on real repositories: verdicts, traces, locales, whole reports, odd repositories."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jinja2 import Environment

from redline.classify.spelling import one_keystroke, spelling
from redline.cli import main
from redline.diff import BlockChange
from redline.load.policy import parse_policy
from redline.trace import ITEM, Reference, data_path, trace_policy
from tests.conftest import GitProject, make_project
from tests.gitcases import (
    COOKIES,
    GOLDEN,
    PRIVACY,
    REWORD,
    SECURITY,
    SPANISH,
    diff,
    edit,
    longer_logs,
    new_category,
    set_effective,
    start,
    typo,
)
from tests.golden import check_golden

SUFFIX = {"text": "txt", "markdown": "md", "json": "json"}


def masked(output: str, project: GitProject, *refs: str) -> str:
    """The output with the commit ids of ``refs`` (default HEAD) replaced by names."""
    for ref in refs or ("HEAD",):
        sha = project.git("rev-parse", ref).strip()
        output = output.replace(sha[:10], f"<{ref}>")
    return output


def diff_json(project: GitProject, *args: str) -> dict[str, Any]:
    """The JSON report of ``redline diff ARGS``."""
    _, out, _ = diff(project, *args, "--format", "json")
    document: dict[str, Any] = json.loads(out)
    return document


def policy_entry(document: dict[str, Any], policy: str) -> dict[str, Any]:
    """The entry of one policy in a JSON report."""
    return next(entry for entry in document["policies"] if entry["id"] == policy)


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
def test_longer_log_retention_report(git_project: GitProject, fmt: str) -> None:
    """P12M → P24M in data is material in privacy and security; with new dates the gate passes."""
    start(git_project)
    longer_logs(git_project)
    set_effective(git_project, PRIVACY, "2026-04-01")
    set_effective(git_project, SECURITY, "2026-04-01")
    code, out, err = diff(git_project, "--format", fmt)
    assert (code, err) == (0, "")
    check_golden(GOLDEN / "diff" / f"retention-longer.{SUFFIX[fmt]}", masked(out, git_project))


def test_a_fact_is_traced_to_every_policy_section_and_locale(git_project: GitProject) -> None:
    """The retention fact reaches privacy#retention and security#monitoring, in every locale."""
    start(git_project)
    longer_logs(git_project)
    document = diff_json(git_project)
    found = {entry["id"]: ([f["sections"] for f in entry["facts"]], [(loc["locale"], loc["sections"])
                                                                      for loc in entry["locales"]])
             for entry in document["policies"]}
    assert found == {
        "cookies": ([], [("es", []), ("ar", []), ("ru", [])]),
        "privacy": ([["retention"]], [("es", ["retention"]), ("ar", ["retention"]), ("ru", ["retention"])]),
        "security": ([["monitoring"]], [("es", ["monitoring"]), ("ar", ["monitoring"]),
                                        ("ru", ["monitoring"])]),
    }


def test_new_subprocessor_category(git_project: GitProject) -> None:
    """A sub-processor category added in data is a new recipient, in the sub-processors section."""
    start(git_project)
    new_category(git_project)
    set_effective(git_project, PRIVACY, "2026-04-01")
    code, out, err = diff(git_project)
    assert (code, err) == (0, "")
    check_golden(GOLDEN / "diff" / "subprocessor-added.txt", masked(out, git_project))


def test_typo_fix_is_editorial(git_project: GitProject) -> None:
    """Correcting a misspelt word needs no notice and no new effective date."""
    start(git_project)
    typo(git_project)
    code, out, err = diff(git_project)
    assert (code, err) == (0, "")
    check_golden(GOLDEN / "diff" / "typo.txt", masked(out, git_project))


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_unexplained_rewording_needs_a_new_date(git_project: GitProject, fmt: str) -> None:
    """Rewording the rules cannot explain is material: without a new effective date, exit 1."""
    start(git_project)
    edit(git_project, PRIVACY, *REWORD)
    code, out, err = diff(git_project, "--format", fmt)
    assert code == 1
    assert err == (
        "Error: notice gate: privacy: material change (sections: do-not-track), but the effective "
        "date is still 2026-02-01: set `effective: 2026-03-31` or later in policies/privacy.md\n"
    )
    check_golden(GOLDEN / "diff" / f"rewording.{SUFFIX[fmt]}", masked(out, git_project))


def test_english_change_renders_translations_with_fallback(git_project: GitProject) -> None:
    """A changed English sentence has no translation yet: other locales fall back and say so."""
    start(git_project)
    edit(git_project, PRIVACY, *REWORD)
    entry = policy_entry(diff_json(git_project), "privacy")
    assert entry["locales"] == [
        {"locale": locale, "status": "compared", "sections": ["do-not-track"], "fallbacks": 1,
         "material": False, "findings": [], "overrides": []}
        for locale in ("es", "ar", "ru")
    ]


def test_translation_only_change_leaves_the_verdict_alone(git_project: GitProject) -> None:
    """A Spanish case fix changes the Spanish section only, editorial in Spanish: nothing material."""
    start(git_project)
    edit(git_project, SPANISH, 'msgstr "7. Conservación de los datos"',
         'msgstr "7. Conservación de los Datos"')
    document = diff_json(git_project)
    entry = policy_entry(document, "privacy")
    assert (document["material"], document["findings"], entry["changed"]) == (False, [], True)
    assert [(loc["locale"], loc["sections"]) for loc in entry["locales"]] == [
        ("es", ["retention"]), ("ar", []), ("ru", [])]


def test_two_commits_can_be_compared(git_project: GitProject) -> None:
    """``redline diff A B`` compares two commits; the working tree is not read."""
    first = start(git_project)
    longer_logs(git_project)
    set_effective(git_project, PRIVACY, "2026-04-01")
    set_effective(git_project, SECURITY, "2026-04-01")
    second = git_project.commit({}, "Keep logs longer", "2026-03-01")
    edit(git_project, PRIVACY, *REWORD)  # not committed: must not show
    document = diff_json(git_project, first, second)
    assert (document["material"], document["gate"]) == (True, {"ok": True, "failures": []})
    assert [f["category"] for f in document["findings"]] == ["longer-retention", "longer-retention"]


def test_json_reports_are_one_object_with_material_on_top(git_project: GitProject) -> None:
    """diff and compare print one JSON object whose first key is a boolean ``material``."""
    start(git_project)
    typo(git_project)
    _, out, _ = diff(git_project, "--format", "json")
    old = git_project.root / "old.md"
    old.write_text("# A\n\nText.\n", encoding="utf-8")
    compared = CliRunner().invoke(main, ["compare", str(old), str(old), "--format", "json"]).stdout
    for document in (json.loads(out), json.loads(compared)):
        assert isinstance(document, dict) and next(iter(document)) == "material"
        assert document["material"] is False and isinstance(document["findings"], list)


def test_unknown_ref_is_an_error_with_a_fix(git_project: GitProject) -> None:
    """A ref git does not know exits 2 naming it and saying how to list commits."""
    start(git_project)
    assert diff(git_project, "no-such-branch") == (
        2, "", "Error: unknown git ref 'no-such-branch'\n"
        "  fix: check the branch, tag or commit name (`git log --oneline` lists commits)\n")


def test_repository_without_commits(git_project: GitProject) -> None:
    """With nothing committed there is no HEAD to compare with: exit 2 with the fix."""
    assert diff(git_project) == (
        2, "", "Error: the repository has no commits yet: there is nothing to compare with\n"
        "  fix: commit the policies first (`git add -A && git commit`)\n")


def test_shallow_clone_names_the_missing_history(git_project: GitProject, tmp_path: Path) -> None:
    """In a depth-1 clone an older base is unknown: the fix says to fetch the whole history."""
    first = start(git_project)
    git_project.commit({COOKIES: git_project.read(COOKIES) + "\nMore.\n"}, "More", "2026-02-21")
    clone = tmp_path / "shallow"
    source = f"file://{git_project.root}"
    subprocess.run(["git", "clone", "-q", "--depth", "1", source, str(clone)], check=True)
    assert diff(GitProject(clone), first) == (
        2, "", f"Error: unknown git ref '{first}'\n  fix: this is a shallow clone: fetch the whole history "
        "(`git fetch --unshallow`, or actions/checkout with fetch-depth: 0)\n")


def test_broken_base_names_its_side(git_project: GitProject) -> None:
    """An error in the old side's sources says which commit it is in."""
    good = git_project.read(COOKIES)
    broken = git_project.commit({COOKIES: good.replace("---\n", "", 1)}, "Broken", "2026-02-20")
    git_project.write({COOKIES: good})
    assert diff(git_project) == (
        2, "", f"Error: policies/cookies.md:1: missing front matter (in HEAD ({broken[:10]}))\n"
        "  fix: start the file with '---', then title: and effective: lines, then '---'\n")


def test_detached_head_compares_with_the_checked_out_commit(git_project: GitProject) -> None:
    """On a detached HEAD the base is the commit checked out."""
    first = start(git_project)
    git_project.commit({}, "Empty", "2026-02-21")
    git_project.git("checkout", "-q", "--detach", first)
    longer_logs(git_project)
    document = diff_json(git_project)
    assert (document["base"], document["material"]) == (f"HEAD ({first[:10]})", True)


def test_added_policy_is_material_and_gated(git_project: GitProject) -> None:
    """A new policy is all new text: material, and its effective date must respect the notice."""
    start(git_project)
    git_project.write({"policies/ai.md": "---\ntitle: AI Policy\neffective: 2026-03-15\n---\n\n"
                       "# AI Policy { #ai }\n\nWe use your messages to train our models.\n"})
    code, out, err = diff(git_project)
    assert (code, err) == (1, "Error: notice gate: ai: material change (sections: ai), effective 2026-03-15, "
                              "before the earliest allowed 2026-03-31 (notice 2026-03-01 + P30D): set "
                              "`effective: 2026-03-31` or later in policies/ai.md\n")
    assert "ai — AI Policy: material (added)\n" in out


def test_deleted_policy_is_material_with_a_fix(git_project: GitProject) -> None:
    """Deleting a policy takes it offline at once: exit 1 saying until when to keep it."""
    start(git_project)
    git_project.write({SECURITY: None})
    code, out, err = diff(git_project)
    assert (code, err) == (1, "Error: notice gate: security: removed, which takes effect at once: keep "
                              "policies/security.md until 2026-03-31 (notice 2026-03-01 + P30D), or record "
                              "an override in changes/ with a justification\n")
    assert "policy removed: policies/security.md no longer exists" in out


def test_renamed_policy_is_paired_by_formerly(git_project: GitProject) -> None:
    """``formerly: [cookies]`` pairs the renamed file with the old one: no text change."""
    start(git_project)
    text = git_project.read(COOKIES).replace("effective: 2026-02-01",
                                             "formerly: [cookies]\neffective: 2026-02-01")
    git_project.write({COOKIES: None, "policies/cookie-policy.md": text})
    document = diff_json(git_project)
    entry = policy_entry(document, "cookie-policy")
    assert (document["material"], entry["formerly"], entry["findings"], entry["sections"]) == (
        False, "cookies", [], [])
    assert [e["id"] for e in document["policies"]] == ["cookie-policy", "privacy", "security"]


def test_added_locale_is_reported_not_compared(git_project: GitProject) -> None:
    """A locale whose catalog exists only at the new side has nothing to compare."""
    start(git_project)
    mkdocs = git_project.read("mkdocs.yml").replace("locales: [en, es, ar, ru]",
                                                    "locales: [en, es, ar, ru, fr]")
    git_project.write({"mkdocs.yml": mkdocs, "locales/fr/LC_MESSAGES/messages.po": git_project.read(SPANISH)})
    entry = policy_entry(diff_json(git_project), "privacy")
    assert entry["locales"][-1] == {"locale": "fr", "status": "added", "sections": [], "fallbacks": 0,
                                    "material": False, "findings": [], "overrides": []}


def test_trace_follows_loops_filters_and_sets() -> None:
    """Loop variables, map(attribute=…), set and computed keys resolve to the data they read."""
    source = (
        "---\ntitle: T\neffective: 2026-02-01\n---\n\n# T { #t }\n\n{{ policy.updated | date }}\n\n"
        "## A { #a }\n\n{% for c in channels.messaging %}\n- {{ c.name }}\n{% endfor %}\n\n"
        "## B { #b }\n\n{{ channels.messaging | map(attribute='provider') | join(', ') }}\n\n"
        "## C { #c }\n\n{% set r = retention %}Kept {{ r[kind] | duration }}.\n"
    )
    trace = trace_policy(parse_policy(source.encode(), "policies/t.md"))
    found = {ident: sorted((".".join(ref.path), ref.kind) for ref in refs)
             for ident, refs in trace.sections.items()}
    assert found == {
        "t": [("policy.updated", "value")],
        "a": [("channels.messaging.[]", "records"), ("channels.messaging.[].name", "value")],
        "b": [("channels.messaging.[].provider", "value")],
        "c": [("kind", "value"), ("retention.[]", "value")],
    }
    assert [trace.sections_reading(path) for path in (
        "channels.messaging[name=Viber]", "channels.messaging[name=Telegram].provider", "channels.messaging",
        "retention.logs", "contacts.privacy")] == [("a", "b"), ("b",), ("a", "b"), ("c",), ()]


def test_data_path_of_expressions() -> None:
    """Expressions reduce to the data path they read, or None."""
    def path(expression: str) -> object:
        node = Environment().parse("{{ " + expression + " }}").body[0].nodes[0]  # type: ignore[attr-defined]
        return data_path(node, {"c": ("channels", "messaging", ITEM)})

    assert [path(e) for e in ("c.name", "x['y'].z | upper", "x | first", "1 + 2", "x.items()")] == [
        ("channels", "messaging", ITEM, "name"), ("x", "y", "z"), ("x", ITEM), None, ("x",)]
    assert Reference(("a", ITEM), "records").reads(("a",)) and not Reference(("a", "b")).reads(("a", "c"))


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [("as long as neccessary to", "as long as necessary to",
      "spelling corrected: 'neccessary' → 'necessary'"),
     ("we recieve it", "we receive it", "spelling corrected: 'recieve' → 'receive'"),
     ("our Servcies and Paltform", "our Services and Platform",
      "spelling corrected: 'Servcies' → 'Services' (and 1 more)"),
     ("we do not sell", "we do now sell", None),
     ("we accept it", "we except it", None),
     ("kept 12 months", "kept 13 months", None),
     ("is lawful", "is unlawful", None),
     ("we sell data", "we tell data", None),
     ("as necessary", "as necessary, always", None)],
)
def test_spelling_rule(old: str, new: str, reason: str | None) -> None:
    """Only one-keystroke fixes of words of four letters or more, first letter kept, are spelling."""
    finding = spelling(BlockChange(old, new, "paragraph", "s"))
    assert (finding.reason if finding else None) == reason
    assert one_keystroke("form", "from") and not one_keystroke("from", "from")


def test_example_repository_diffs_clean(tmp_path: Path) -> None:
    """The example project, committed and unchanged, has no change and passes the gate."""
    project = make_project(tmp_path / "p")
    start(project)
    code, out, _ = diff(project, "--format", "json")
    document = json.loads(out)
    assert (code, document["material"], document["findings"], document["gate"]["ok"]) == (0, False, [], True)
