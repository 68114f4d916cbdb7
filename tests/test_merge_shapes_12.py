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
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each shape built as on 2026-12-20 (the change is upcoming, effective 2027-01-05)."""
    built = {}
    for shape in SHAPES:
        root = tmp_path_factory.mktemp(shape)
        project = shaped(root / "repo", shape)
        site = root / "site"
        code, output = build(project.root, site, "2026-12-20")
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
