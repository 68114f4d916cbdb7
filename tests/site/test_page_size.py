"""A policy page does not grow with its archive: the same chrome with one version or eight."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from bench.weight import ARTICLE_RE, TOC_RE
from redline.cli import main
from tests.conftest import make_project

SECURITY = "policies/security.md"


def build(root: Path, site: Path) -> None:
    """``redline build`` of ``root`` into ``site`` as on a day every version is in force."""
    result = CliRunner().invoke(main, ["build", "--project", str(root), "--site-dir", str(site),
                                       "--date", "2030-01-01"], env={"NO_MKDOCS_2_WARNING": "1"})
    assert result.exit_code == 0, result.output


def chrome(page: Path) -> str:
    """The page without its article and table of contents: navigation, header, footer, assets."""
    return TOC_RE.sub("", ARTICLE_RE.sub("", page.read_text(encoding="utf-8")))


def test_current_page_chrome_is_the_same_with_one_version_or_eight(tmp_path: Path) -> None:
    """Seven more versions of the security policy change nothing around its current text, in any locale."""
    project = make_project(tmp_path / "repo")
    project.commit({}, "Example policies", "2026-02-01")
    build(project.root, tmp_path / "one")
    source = project.read(SECURITY)
    for month in range(3, 10):
        source = re.sub(r"^effective: .*$", f"effective: 2026-{month:02d}-15", source, count=1, flags=re.M)
        project.commit({SECURITY: source}, f"Security policy, version {month}", f"2026-{month - 1:02d}-01")
    build(project.root, tmp_path / "eight")
    versions = sorted(p.name for p in (tmp_path / "eight/en/security/versions").iterdir() if p.is_dir())
    assert len(versions) == 8 and versions[-1] == "2026-09-15"
    for locale in ("en", "es", "ar", "ru"):
        few, many = (chrome(tmp_path / site / locale / "security/index.html") for site in ("one", "eight"))
        assert 'data-md-type="navigation"' in few and "search" in few  # the chrome is there to compare
        assert few == many, locale
