"""``redline changelog``: a notice per (policy, effective date) from git, stable ids, atomic files.

The history (tests/gitcases.py ``scripted_history``):

- 2026-02-20 the example: every policy effective 2026-02-01 (their first versions).
- 2026-03-01 log data kept 24 months; privacy and security effective 2026-04-01.
- 2026-03-05 the Do Not Track section reworded, with an editorial override; same date.
- 2026-04-10 an "AI Services" sub-processor category; privacy effective 2026-05-15;
  the cookie policy renamed cookie-policy (``formerly: [cookies]``), effective 2026-05-15.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from redline.load.schemas import NOTICES_SCHEMA, load_schema
from tests.conftest import GitProject, make_project
from tests.gitcases import GOLDEN, SUBPROCESSORS, edit, redline, scripted_history, with_templates
from tests.golden import check_golden

IDS = [
    "cookies-2026-02-01-4762d8af", "privacy-2026-02-01-91f957cd", "security-2026-02-01-0d581ff7",
    "privacy-2026-04-01-1657640c", "security-2026-04-01-d5060fd2", "cookie-policy-2026-05-15-9ea6c726",
    "privacy-2026-05-15-68e31ce4",
]
LOCALES = ("en", "es", "ar", "ru")


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GitProject]:
    """The scripted history, with the project's notice wording."""
    project = make_project(tmp_path_factory.mktemp("changelog") / "repo")
    scripted_history(project)
    with_templates(project)
    yield project


def notices(project: GitProject, *args: str) -> dict[str, Any]:
    """The notices JSON ``redline changelog`` prints."""
    code, out, err = redline(project, "changelog", *args)
    assert (code, err) == (0, "")
    document: dict[str, Any] = json.loads(out)
    return document


def notice(document: dict[str, Any], ident: str) -> dict[str, Any]:
    """One notice by id."""
    return next(n for n in document["notices"] if n["id"] == ident)


def test_notices_json_matches_golden_and_schema(history: GitProject) -> None:
    """The whole notices.json, validated by schemas/notices.schema.json."""
    code, out, err = redline(history, "changelog")
    assert (code, err) == (0, "")
    jsonschema.Draft202012Validator(load_schema(NOTICES_SCHEMA),
                                    format_checker=jsonschema.FormatChecker()).validate(json.loads(out))
    check_golden(GOLDEN / "changelog" / "notices.json", out)


def test_one_notice_per_policy_and_effective_date(history: GitProject) -> None:
    """Every (policy, effective date) once, oldest first, dated the day it landed on main.

    A first version older than the repository (committed after its effective date) is dated
    by its effective date: it was public by then at the latest.
    """
    document = notices(history)
    assert [(n["id"], n["notice_date"], n["previous_effective"], n["material"], n["formerly"])
            for n in document["notices"]] == [
        (IDS[0], "2026-02-01", None, False, None), (IDS[1], "2026-02-01", None, False, None),
        (IDS[2], "2026-02-01", None, False, None), (IDS[3], "2026-03-01", "2026-02-01", True, None),
        (IDS[4], "2026-03-01", "2026-02-01", True, None),
        (IDS[5], "2026-04-10", "2026-02-01", False, "cookies"),
        (IDS[6], "2026-04-10", "2026-04-01", True, None)]


def test_fact_change_in_every_locale(history: GitProject) -> None:
    """A fact change reads as each locale writes it, labels from templates/notices/strings.yml."""
    facts = notice(notices(history), IDS[3])["facts"]
    found = [(f["path"], f["sections"], {loc: v["text"] for loc, v in f["formatted"].items()}) for f in facts]
    assert found == [
        ("retention.logs", ["retention"], {
            "en": "Log data: 12 months → 24 months", "es": "Datos de registro: 12 meses → 24 meses",
            "ar": "بيانات السجلات: 12 شهرًا ← 24 شهرًا", "ru": "Данные журналов: 12 месяцев → 24 месяца"})]


def test_without_labels_other_locales_show_values(tmp_path: Path) -> None:
    """Without a project label the source locale names the fact from the schema; others show the values."""
    project = make_project(tmp_path / "repo")
    scripted_history(project)
    facts = notice(notices(project), IDS[3])["facts"]
    assert {loc: v["text"] for loc, v in facts[0]["formatted"].items()} == {
        "en": "Log data: 12 months → 24 months", "es": "12 meses → 24 meses",
        "ar": "12 شهرًا ← 24 شهرًا", "ru": "12 месяцев → 24 месяца"}


def test_overrides_are_part_of_the_notice(history: GitProject) -> None:
    """The override that judged the DNT rewording editorial is in the notice, beside the finding."""
    privacy = notice(notices(history), IDS[3])
    assert [(r["category"], r["material"], r["overridden_by"]) for r in privacy["reasons"]] == [
        ("unexplained", True, "changes/2026-03-05-dnt-wording.yml"), ("longer-retention", True, None)]
    assert [(o["file"], o["verdict"], o["author"], o["findings"]) for o in privacy["overrides"]] == [
        ("changes/2026-03-05-dnt-wording.yml", "editorial", "Jane Roe <jane@example.com>", [0])]


def test_ids_never_change(history: GitProject, tmp_path: Path) -> None:
    """Two rebuilds give the same notices; new commits add notices and leave the old ones as they were."""
    first, again = notices(history), notices(history)
    assert first == again and [n["id"] for n in first["notices"]] == IDS
    clone = GitProject(tmp_path / "clone")
    subprocess.run(["git", "clone", "-q", str(history.root), str(clone.root)], check=True)
    with_templates(clone)
    edit(clone, SUBPROCESSORS, "  - id: ai-services", "  - id: chat-assistant")
    edit(clone, "policies/privacy.md", "effective: 2026-05-15", "effective: 2026-06-20")
    clone.commit({}, "Rename a category", "2026-05-10")
    later = notices(clone)
    assert later["notices"][:-1] == first["notices"]
    assert later["notices"][-1]["id"] == "privacy-2026-06-20-b395b81f"


def test_out_writes_every_file_once(history: GitProject, tmp_path: Path) -> None:
    """--out writes notices.json, two feeds per locale, two bodies and a message per notice and locale."""
    out = tmp_path / "out"
    code, stdout, err = redline(history, "changelog", "--out", str(out))
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    expected = sorted(["notices.json", *(f"feeds/{loc}.{ext}" for loc in ("en", "es", "ar", "ru")
                                         for ext in ("atom.xml", "json")),
                       *(f"emails/{i}.{loc}.{ext}" for i in IDS for loc in ("en", "es", "ar", "ru")
                         for ext in ("txt", "html", "eml"))])
    assert (code, stdout, err, names) == (0, "", f"93 files in {out} (93 written, 0 unchanged)\n", expected)
    assert (out / "notices.json").read_text(encoding="utf-8") == redline(history, "changelog")[1]
    again = redline(history, "changelog", "--out", str(out))
    assert again[2] == f"93 files in {out} (0 written, 93 unchanged)\n"


def test_check_says_when_outputs_are_stale(history: GitProject, tmp_path: Path) -> None:
    """--check exits 0 on fresh files, 1 on stale ones, and writes nothing."""
    out = tmp_path / "out"
    redline(history, "changelog", "--out", str(out))
    assert redline(history, "changelog", "--out", str(out), "--check") == (0, "", "")
    (out / "feeds" / "es.json").write_text("{}", encoding="utf-8")
    assert redline(history, "changelog", "--out", str(out), "--check") == (
        1, "", f"Error: 1 changelog files in {out} are stale: feeds/es.json\n")
    assert (out / "feeds" / "es.json").read_text(encoding="utf-8") == "{}"


def test_broken_template_writes_nothing(history: GitProject, tmp_path: Path) -> None:
    """A template error stops the build before any file is written, naming the template and line."""
    bad = history.root / "templates" / "notices" / "email.txt.j2"
    bad.write_text("{{ notice.intro }}\n{% for x in %}\n", encoding="utf-8")
    try:
        code, _, err = redline(history, "changelog", "--out", str(tmp_path / "out"))
    finally:
        bad.unlink()
    assert (code, err, (tmp_path / "out").exists()) == (
        2, "Error: templates/notices/email.txt.j2:2: template syntax error: Expected an expression, got "
        "'end of statement block'\n"
        "  fix: fix the template, or delete it to use Redline's default\n", False)


@pytest.mark.parametrize(("ident", "locale", "ext"), [
    (IDS[3], "en", "txt"), (IDS[3], "en", "html"), (IDS[3], "ar", "html"), (IDS[6], "es", "txt")])
def test_email_bodies(history: GitProject, tmp_path: Path, ident: str, locale: str, ext: str) -> None:
    """Email bodies per locale from the sandboxed templates (right to left for Arabic)."""
    out = tmp_path / "out"
    redline(history, "changelog", "--out", str(out))
    check_golden(GOLDEN / "changelog" / f"{ident}.{locale}.{ext}",
                 (out / "emails" / f"{ident}.{locale}.{ext}").read_text(encoding="utf-8"))


def test_html_is_escaped_and_text_is_not(tmp_path: Path) -> None:
    """A fact written "Chat & SMS" is escaped in HTML and shown as written in plain text."""
    project = make_project(tmp_path / "repo")
    scripted_history(project)
    edit(project, SUBPROCESSORS, "name: AI Services", "name: Chat & SMS")
    edit(project, "policies/privacy.md", "effective: 2026-05-15", "effective: 2026-06-20")
    project.commit({}, "Rename", "2026-05-10")
    out = tmp_path / "out"
    assert redline(project, "changelog", "--out", str(out))[0] == 0
    html = (out / "emails" / "privacy-2026-06-20-b395b81f.en.html").read_text(encoding="utf-8")
    text = (out / "emails" / "privacy-2026-06-20-b395b81f.en.txt").read_text(encoding="utf-8")
    assert "<li>Category name (ai-services): AI Services → Chat &amp; SMS</li>" in html
    assert "- Category name (ai-services): AI Services → Chat & SMS\n" in text


def test_shallow_clone_cannot_build_the_changelog(history: GitProject, tmp_path: Path) -> None:
    """A depth-1 clone lacks the history: exit 2 with the fix."""
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{history.root}", str(clone)], check=True)
    assert redline(GitProject(clone), "changelog") == (
        2, "", "Error: cannot build the changelog from a shallow clone: earlier versions are missing\n"
        "  fix: fetch the whole history: in CI, actions/checkout with `fetch-depth: 0`; locally, "
        "`git fetch --unshallow`\n")


def test_unknown_ref(history: GitProject) -> None:
    """--ref must name a commit."""
    assert redline(history, "changelog", "--ref", "nope") == (
        2, "", "Error: unknown git ref 'nope'\n"
        "  fix: check the branch, tag or commit name (`git log --oneline` lists commits)\n")


def test_broken_commit_is_skipped_with_a_warning(tmp_path: Path) -> None:
    """A commit whose policy did not load was never published: skipped, and said so."""
    project = make_project(tmp_path / "repo")
    project.commit({}, "Example policies", "2026-02-20")
    good = project.read("policies/cookies.md")
    broken = project.commit({"policies/cookies.md": good.replace("---\n", "", 1)}, "Broken", "2026-02-21")
    project.commit({"policies/cookies.md": good}, "Fixed", "2026-02-22")
    code, out, err = redline(project, "changelog")
    assert (code, err) == (0, f"warning: commit {broken[:10]}: skipped: policies/cookies.md:1: missing front "
                              "matter\n")
    assert [n["id"] for n in json.loads(out)["notices"]] == IDS[:3]


def test_policy_added_later_is_a_material_notice(tmp_path: Path) -> None:
    """A policy added after the first commit is new text for readers: judged like in a pull request."""
    project = make_project(tmp_path / "repo")
    project.commit({}, "Example policies", "2026-02-20")
    ai_policy = ("---\ntitle: AI Policy\neffective: 2026-04-15\n---\n\n"
                 "# AI Policy { #ai }\n\nWe use your messages to train our models.\n")
    project.commit({"policies/ai.md": ai_policy}, "AI policy", "2026-03-10")
    added = notice(notices(project), "ai-2026-04-15-3d15d927")
    assert (added["notice_date"], added["previous_effective"], added["material"], added["sections"]) == (
        "2026-03-10", None, True,
        [{"id": "ai", "kind": "added", "title": dict.fromkeys(LOCALES, "AI Policy")}])
    assert [r["category"] for r in added["reasons"]] == ["new-purpose", "new-purpose"]
