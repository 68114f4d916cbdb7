"""The version history: revisions from git grouped into versions, renames, deletions, shallow clones."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from redline.cli import main
from redline.config import load_project
from redline.history import History, read_history
from redline.history.model import Revision, canonical_ids, plan_versions
from redline.publish.site import site_pages
from tests.conftest import GitProject

D = dt.date
MKDOCS = "site_name: Mini\ndocs_dir: policies\nplugins:\n  - redline:\n      locales: [en]\n"


def terms(effective: str, body: str = "Be nice.", *, updated: str | None = None,
          formerly: list[str] | None = None, title: str = "Terms") -> str:
    """A small policy source."""
    front = [f"title: {title}", f"effective: {effective}"]
    front += [f"updated: {updated}"] if updated else []
    front += [f"formerly: [{', '.join(formerly)}]"] if formerly else []
    return "---\n" + "\n".join(front) + "\n---\n\n# Terms { #terms }\n\n" \
        "Updated {{ policy.updated | date }}.\n\n## Use { #use }\n\n" + body + "\n"


def history_of(project: GitProject, today: str = "2026-12-01", **options: Any) -> History:
    """Read the history of ``project`` as on ``today``."""
    return read_history(load_project(project.root), D.fromisoformat(today), **options)


def summary(history: History) -> list[tuple[Any, ...]]:
    """Each policy's versions as (policy, [(effective, updated, [commit of each text change])], ...)."""
    return [
        (h.policy, [(v.slug, v.updated.isoformat(), [r.label.split()[-1][:4] for r in v.changes])
                    for v in h.versions], h.formerly, h.withdrawn)
        for h in history.locales["en"]
    ]


def revision(effective: str, day: str, digest: str, **fields: Any) -> Revision:
    """A revision of policy ``p`` in English."""
    return Revision("p", "en", D.fromisoformat(effective), D.fromisoformat(day), 0, digest, **fields)


def test_versions_group_revisions_by_effective_date() -> None:
    """Revisions with the same effective date are one version, last updated on its last text change."""
    revisions = [revision("2026-01-01", "2026-01-02", "a"), revision("2026-01-01", "2026-01-09", "b"),
                 revision("2026-01-01", "2026-01-20", "b"), revision("2026-03-01", "2026-02-01", "c")]
    plans = plan_versions(revisions, allow_fallback=False)
    assert [(p.effective, p.updated, p.announced, [r.digest for r in p.changes]) for p in plans] == [
        (D(2026, 1, 1), D(2026, 1, 9), D(2026, 1, 2), ["a", "b"]),
        (D(2026, 3, 1), D(2026, 2, 1), D(2026, 2, 1), ["c"]),
    ]


def test_first_revision_is_dated_by_its_front_matter() -> None:
    """A policy older than its repository keeps the last-updated date it declares."""
    revisions = [revision("2026-02-01", "2026-12-01", "a", declared=D(2026, 2, 20)),
                 revision("2026-02-01", "2026-12-05", "a", declared=D(2026, 2, 20))]
    assert [p.updated for p in plan_versions(revisions, allow_fallback=False)] == [D(2026, 2, 20)]


def test_incomplete_translations_publish_only_when_allowed() -> None:
    """A revision with English fallback is skipped in a strict build, but a version is never dropped."""
    revisions = [revision("2026-01-01", "2026-01-02", "a"),
                 revision("2026-01-01", "2026-01-05", "b", complete=False),
                 revision("2026-04-01", "2026-03-01", "c", complete=False)]
    strict = plan_versions(revisions, allow_fallback=False)
    allowed = plan_versions(revisions, allow_fallback=True)
    assert [(p.updated, p.source.digest) for p in strict] == [(D(2026, 1, 2), "a"), (D(2026, 3, 1), "c")]
    assert [(p.updated, p.source.digest) for p in allowed] == [(D(2026, 1, 5), "b"), (D(2026, 3, 1), "c")]


def test_canonical_ids_survive_cycles() -> None:
    """A rename back and forth does not loop."""
    assert canonical_ids({"a": ["b"], "b": ["a"]}) == {"a": "b", "b": "a"}


def test_history_of_a_repository(empty_git_project: GitProject) -> None:
    """Initial version, editorial fix, unrelated commit, material change: two versions with their dates."""
    project = empty_git_project
    project.commit({"mkdocs.yml": MKDOCS, "policies/terms.md": terms("2026-01-01", updated="2026-01-05")},
                   "Initial", "2026-01-10")
    fix = project.commit({"policies/terms.md": terms("2026-01-01", "Be kind.", updated="2026-01-05")},
                         "Editorial", "2026-01-20")
    project.commit({"README.md": "Not a policy.\n"}, "Readme", "2026-01-25")
    change = project.commit({"policies/terms.md": terms("2026-03-05", "Be kind, always.")},
                            "Material", "2026-02-01")
    history = history_of(project)
    first = project.git("rev-list", "--max-parents=0", "HEAD").strip()
    assert summary(history) == [("terms", [
        ("2026-01-01", "2026-01-20", [first[:4], fix[:4]]),
        ("2026-03-05", "2026-02-01", [change[:4]]),
    ], (), None)]
    assert "Updated January 20, 2026." in history.locales["en"][0].versions[0].rendered.markdown
    assert history.renders == 3 + 2  # one per distinct input, plus each version with its dates


def test_each_distinct_input_renders_once(empty_git_project: GitProject) -> None:
    """Reverting a text renders nothing new, and the revert is no change to the text."""
    project = empty_git_project
    project.commit({"mkdocs.yml": MKDOCS, "policies/terms.md": terms("2026-01-01")}, "One", "2026-01-10")
    project.commit({"policies/terms.md": terms("2026-01-01", "Oops.")}, "Two", "2026-01-11")
    project.commit({"policies/terms.md": terms("2026-01-01")}, "Revert", "2026-01-12")
    history = history_of(project)
    assert [v.updated for v in history.locales["en"][0].versions] == [D(2026, 1, 12)]
    assert history.renders == 2 + 1


def test_renamed_policy_keeps_its_versions_and_old_addresses(empty_git_project: GitProject) -> None:
    """A policy renamed with ``formerly`` keeps every version; its old URLs redirect to the new ones."""
    project = empty_git_project
    project.commit({"mkdocs.yml": MKDOCS, "policies/terms.md": terms("2026-01-01")}, "One", "2026-01-10")
    project.commit({"policies/terms.md": None,
                    "policies/rules.md": terms("2026-02-01", "Be fair.", formerly=["terms"], title="Rules")},
                   "Rename", "2026-01-15")
    history = history_of(project)
    assert [(p, [v[0] for v in vs], f, w) for p, vs, f, w in summary(history)] == [
        ("rules", ["2026-01-01", "2026-02-01"], ("terms",), None)]
    paths = [page.path for page in site_pages(history, D(2026, 3, 1))["en"]]
    assert paths == [
        "index.md", "rules/index.md", "rules/versions/index.md", "rules/versions/2026-01-01/index.md",
        "rules/versions/2026-02-01/index.md", "rules/compare/2026-01-01...2026-02-01/index.md",
        "terms/index.html", "terms/versions/index.html", "terms/versions/2026-01-01/index.html",
        "terms/versions/2026-02-01/index.html", "terms/compare/2026-01-01...2026-02-01/index.html",
    ]
    redirect = next(p for p in site_pages(history, D(2026, 3, 1))["en"] if p.path == "terms/index.html")
    assert '<meta http-equiv="refresh" content="0; url=../rules/">' in redirect.body


def test_deleted_policy_keeps_its_archive(empty_git_project: GitProject) -> None:
    """A deleted policy is withdrawn, not forgotten: its versions stay published."""
    project = empty_git_project
    project.commit({"mkdocs.yml": MKDOCS, "policies/terms.md": terms("2026-01-01"),
                    "policies/other.md": terms("2026-01-01", title="Other")}, "One", "2026-01-10")
    project.commit({"policies/terms.md": None}, "Delete", "2026-02-10")
    history = history_of(project)
    assert [(p, w) for p, _, _, w in summary(history)] == [("other", None), ("terms", D(2026, 2, 10))]
    pages = {p.path: p for p in site_pages(history, D(2026, 3, 1))["en"]}
    assert pages["terms/index.md"].meta["kind"] == "withdrawn"
    assert "This policy was withdrawn on February 10, 2026." in pages["terms/index.md"].body
    assert "terms/versions/2026-01-01/index.md" in pages
    assert pages["index.md"].body == "# Policies\n\n- [Other](other/index.md) — Effective: January 1, 2026\n"


def test_history_start_hides_earlier_commits(empty_git_project: GitProject) -> None:
    """Commits before history_start are not revisions; the start is dated by the front matter."""
    project = empty_git_project
    project.commit({"mkdocs.yml": MKDOCS, "policies/terms.md": terms("2025-06-01", "Draft.")},
                   "Draft", "2026-01-02")
    start = project.commit({"policies/terms.md": terms("2026-02-01", updated="2026-02-20")},
                           "Complete", "2026-11-30")
    project.commit({"mkdocs.yml": MKDOCS + f"      history_start: {start[:12]}\n"}, "Start", "2026-12-01")
    assert summary(history_of(project)) == [("terms", [("2026-02-01", "2026-02-20", [start[:4]])], (), None)]


def test_unknown_history_start_is_an_error(empty_git_project: GitProject) -> None:
    """history_start must name a commit of main."""
    project = empty_git_project
    project.commit({"mkdocs.yml": MKDOCS + "      history_start: nosuchref\n",
                    "policies/terms.md": terms("2026-01-01")}, "One", "2026-01-10")
    result = CliRunner().invoke(main, ["build", "--project", str(project.root)])
    assert (result.exit_code, result.output) == (2, (
        "Error: mkdocs.yml: history_start 'nosuchref': unknown git ref 'nosuchref'\n"
        "  fix: check the branch, tag or commit name (`git log --oneline` lists commits)\n"))


def test_shallow_clone_fails_with_the_fix(empty_git_project: GitProject, tmp_path: Path) -> None:
    """A shallow clone cannot publish the archive: the build says so and how to fix it."""
    project = empty_git_project
    project.commit({"mkdocs.yml": MKDOCS, "policies/terms.md": terms("2026-01-01")}, "One", "2026-01-10")
    project.commit({"policies/terms.md": terms("2026-02-01", "Two.")}, "Two", "2026-01-11")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{project.root}", str(clone)], check=True)
    result = CliRunner().invoke(main, ["build", "--project", str(clone)])
    assert (result.exit_code, result.output) == (2, (
        "Error: cannot read the version history: this is a shallow clone, earlier versions are missing\n"
        "  fix: build from a clone with the whole history (in CI: actions/checkout with `fetch-depth: 0`; "
        "locally: `git fetch --unshallow`), or pass --no-history to publish only the current versions\n"))


def test_not_a_repository_fails_the_same_way(tmp_path: Path) -> None:
    """Outside git: the same message family; --no-history builds (dated by REDLINE_BUILD_DATE)."""
    (tmp_path / "policies").mkdir()
    (tmp_path / "mkdocs.yml").write_text(MKDOCS + "theme:\n  name: material\n", encoding="utf-8")
    (tmp_path / "policies" / "terms.md").write_text(terms("2026-01-01"), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["build", "--project", str(tmp_path)])
    assert (result.exit_code, result.output) == (2, (
        f"Error: cannot read the version history: {tmp_path} is not a git repository\n"
        "  fix: build from a clone with the whole history (in CI: actions/checkout with `fetch-depth: 0`; "
        "locally: `git fetch --unshallow`), or pass --no-history to publish only the current versions\n"))
    result = runner.invoke(main, ["build", "--project", str(tmp_path), "--no-history"],
                           env={"NO_MKDOCS_2_WARNING": "1", "REDLINE_BUILD_DATE": "2026-03-01"})
    assert (result.exit_code, result.output) == (0, (
        f"built 4 pages (1 version of 1 policy) in 1 locale into {tmp_path / 'site'} as on 2026-03-01\n"))
    assert "Updated January 1, 2026." in (tmp_path / "site/en/terms/index.html").read_text(encoding="utf-8")


def test_broken_old_commit_is_skipped_with_a_warning(empty_git_project: GitProject) -> None:
    """A commit whose policy did not load is reported and skipped; today's sources must load."""
    project = empty_git_project
    project.commit({"mkdocs.yml": MKDOCS, "policies/terms.md": terms("2026-01-01")}, "One", "2026-01-10")
    broken = project.commit({"policies/terms.md": "---\ntitle: Terms\n---\n\nNo date.\n"}, "Bad",
                            "2026-01-11")
    project.commit({"policies/terms.md": terms("2026-01-01", "Fixed.")}, "Fix", "2026-01-12")
    history = history_of(project)
    assert history.warnings == (
        f"commit {broken[:10]}: skipped terms (en): policies/terms.md:2: "
        "front matter: 'effective' is a required property",)
    assert [v.updated for v in history.locales["en"][0].versions] == [D(2026, 1, 12)]


def test_uncommitted_changes_are_dated_the_build_day(empty_git_project: GitProject) -> None:
    """The working tree is the newest state: an edit not yet committed is dated the build date."""
    project = empty_git_project
    project.commit({"mkdocs.yml": MKDOCS, "policies/terms.md": terms("2026-01-01")}, "One", "2026-01-10")
    project.write({"policies/terms.md": terms("2026-01-01", "Edited.")})
    history = history_of(project, "2026-01-30")
    assert [(v.updated, v.changes[-1].label) for v in history.locales["en"][0].versions] == [
        (D(2026, 1, 30), "working tree")]


def test_policy_announced_before_it_takes_effect(empty_git_project: GitProject) -> None:
    """A new policy not yet in force: its address shows it as upcoming, with the banner but no comparison."""
    project = empty_git_project
    project.commit({"mkdocs.yml": MKDOCS, "policies/terms.md": terms("2026-05-01")}, "New", "2026-03-01")
    pages = {p.path: p for p in site_pages(history_of(project), D(2026, 3, 15))["en"]}
    assert sorted(pages) == ["index.md", "terms/index.md", "terms/upcoming/index.md",
                             "terms/versions/2026-05-01/index.md", "terms/versions/index.md"]
    meta = pages["terms/index.md"].meta
    banner = {"text": "A new version of this policy takes effect on May 1, 2026.", "effective": "2026-05-01",
              "read": {"label": "Read the new version", "url": "terms/upcoming/"}}
    assert (meta["status"], meta["notice"], meta["banner"]) == (
        "upcoming", "This policy is not yet in force: it takes effect on May 1, 2026.", banner)
