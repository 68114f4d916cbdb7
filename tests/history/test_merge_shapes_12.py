"""The version model does not depend on the shape of commits: five merge strategies, one site."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from redline.cli import main
from tests.conftest import make_project
from tests.mergeshapes import MERGED_ON, RETENTION, SHAPES, shaped


def build(root: Path, site: Path, day: str, *extra: str) -> tuple[int, str]:
    """``redline build --date DAY`` into ``site``; (exit code, output)."""
    result = CliRunner().invoke(main, ["build", "--project", str(root), "--site-dir", str(site),
                                       "--date", day, *extra])
    return result.exit_code, result.output


def digests(site: Path) -> dict[str, str]:
    """Every file of a site (but the sitemap's gzip), by path, as a hash of its bytes."""
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file() and p.suffix != ".gz"}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The publication before the change: the example as built on 2026-02-20."""
    root = tmp_path_factory.mktemp("published")
    project = make_project(root / "repo")
    project.commit({}, "Example policies", "2026-02-20")
    code, output = build(project.root, root / "site", "2026-02-20")
    assert code == 0, output
    return root / "site"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, published: Path) -> dict[str, Path]:
    """Each shape published on the merge day after the example (the change is upcoming)."""
    built = {}
    for shape in SHAPES:
        root = tmp_path_factory.mktemp(shape)
        project = shaped(root / "repo", shape)
        site = root / "site"
        code, output = build(project.root, site, MERGED_ON, "--previous", str(published))
        assert code == 0, output
        built[shape] = site
    return built


@pytest.mark.parametrize("shape", SHAPES[1:])
def test_every_merge_shape_gives_the_same_site(sites: dict[str, Path], shape: str) -> None:
    """Squash, rebase, fast-forward and a direct push publish byte for byte what a merge commit does."""
    assert digests(sites[shape]) == digests(sites["merge"])


@pytest.mark.parametrize("shape", SHAPES)
def test_the_undated_change_is_never_in_force(sites: dict[str, Path], shape: str) -> None:
    """The page in force keeps 12 months; the upcoming version says 24 months; its notice is material."""
    current = (sites[shape] / "en/privacy/index.html").read_text(encoding="utf-8")
    upcoming = (sites[shape] / "en/privacy/upcoming/index.html").read_text(encoding="utf-8")
    notices = json.loads((sites[shape] / "notices/notices.json").read_text(encoding="utf-8"))["notices"]
    assert "Retained for up to 12 months" in current and "24 months" not in current
    assert "Retained for up to 24 months" in upcoming
    assert [(n["policy"], n["material"]) for n in notices if n["effective"] == "2027-01-05"] == [
        ("privacy", True), ("security", True)]


def test_head_with_an_undated_material_change_does_not_build(tmp_path: Path) -> None:
    """Main ends with a material change and the old effective date: exit 1, the policy, the fix, file:line."""
    project = make_project(tmp_path / "repo")
    project.commit({}, "Example policies", "2026-02-20")
    text = project.read(RETENTION).replace("logs: P12M", "logs: P24M")
    project.commit({RETENTION: text}, "Keep log data 24 months", MERGED_ON)
    code, output = build(project.root, tmp_path / "site", MERGED_ON)
    assert (code, output) == (1, (
        "Error: cannot publish: a material change has no effective date that honours the notice period:\n"
        "  privacy: material change (sections: retention), but the effective date is still 2026-02-01: "
        "set `effective: 2027-01-05` or later in policies/privacy.md:3\n"
        "  security: material change (sections: monitoring), but the effective date is still 2026-02-01: "
        "set `effective: 2027-01-05` or later in policies/security.md:3\n"))
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("shape", ["merge", "fast-forward"])
def test_publishing_from_the_previous_site_dates_notices_by_publication(
        tmp_path: Path, published: Path, shape: str) -> None:
    """Built on the merge day with --previous, the fast-forward shape is the merge shape, byte for byte."""
    project = shaped(tmp_path / "repo", shape)
    code, output = build(project.root, tmp_path / "site", MERGED_ON, "--previous", str(published))
    assert code == 0, output
    notices = json.loads((tmp_path / "site/notices/notices.json").read_text(encoding="utf-8"))["notices"]
    assert [(n["policy"], n["notice_date"]) for n in notices if n["effective"] == "2027-01-05"] == [
        ("privacy", MERGED_ON), ("security", MERGED_ON)]


def test_rewrites_of_main_keep_or_refuse(tmp_path: Path, published: Path) -> None:
    """An amend keeps every published notice date; a squash of main that loses a version fails naming it."""
    project = shaped(tmp_path / "repo", "merge")
    first = tmp_path / "first"
    assert build(project.root, first, MERGED_ON, "--previous", str(published))[0] == 0
    project.git("commit", "-q", "--amend", "-m", "Merge the change (amended)", date="2026-12-09")
    again = tmp_path / "again"
    assert build(project.root, again, "2026-12-10", "--previous", str(first))[0] == 0
    before, after = (json.loads((site / "notices/notices.json").read_text(encoding="utf-8"))["notices"]
                     for site in (first, again))
    assert [(n["id"], n["notice_date"]) for n in after] == [(n["id"], n["notice_date"]) for n in before]
    root = project.git("rev-list", "--max-parents=0", "HEAD").strip()
    project.git("reset", "-q", "--soft", root)
    project.git("commit", "-q", "--amend", "-m", "Everything (squashed)", date="2026-12-10")
    code, output = build(project.root, tmp_path / "squashed", "2026-12-10", "--previous", str(first))
    assert code == 1
    assert "privacy version 2026-02-01 (notice privacy-2026-02-01-91f957cd, given 2026-02-01) was " \
           "published and this build would drop it" in output


def changelog(root: Path, out: Path, day: str, *extra: str) -> tuple[int, str, list[tuple[str, str]]]:
    """``redline changelog --out OUT --date DAY``; (exit code, output, (id, notice date) of each notice)."""
    result = CliRunner().invoke(main, ["changelog", "--project", str(root), "--out", str(out), "--date", day,
                                       *extra])
    found = out / "notices.json"
    notices = json.loads(found.read_text(encoding="utf-8"))["notices"] if found.is_file() else []
    return result.exit_code, result.output, [(n["id"], n["notice_date"]) for n in notices]


def test_changelog_keeps_published_notice_dates_through_rewrites(tmp_path: Path, published: Path) -> None:
    """`changelog --previous` keeps the dates an amend moves, and refuses a squash that drops a version."""
    project = shaped(tmp_path / "repo", "merge")
    code, _, first = changelog(project.root, tmp_path / "first", MERGED_ON, "--previous", str(published))
    assert code == 0 and (f"{MERGED_ON}" in {day for _, day in first})
    project.git("commit", "-q", "--amend", "-m", "Merge the change (amended)", date="2026-12-09")
    moved = changelog(project.root, tmp_path / "moved", "2026-12-10")[2]
    assert moved != first  # git alone dates the version by the amended commit
    previous = str(tmp_path / "first")
    code, _, kept = changelog(project.root, tmp_path / "kept", "2026-12-10", "--previous", previous)
    assert (code, kept) == (0, first)
    root = project.git("rev-list", "--max-parents=0", "HEAD").strip()
    project.git("reset", "-q", "--soft", root)
    project.git("commit", "-q", "--amend", "-m", "Everything (squashed)", date="2026-12-10")
    code, output, _ = changelog(project.root, tmp_path / "squashed", "2026-12-10", "--previous", previous)
    assert code == 1 and "was published and this build would drop it" in output
