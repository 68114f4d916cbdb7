"""Packaging metadata an index shows: licence, links, classifiers, a README that reads on PyPI."""

from __future__ import annotations

import re
import tomllib

from redline.commands.pin import DISTRIBUTION
from tests.paths import ROOT


def test_project_metadata_is_ready_for_an_index() -> None:
    """SPDX licence string with its file, project URLs, classifiers, and the distribution name."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert (project["name"], project["license"], project["license-files"], (ROOT / "LICENSE").is_file(),
            sorted(project["urls"]), "Typing :: Typed" in project["classifiers"]) == (
        DISTRIBUTION, "MIT", ["LICENSE"], True,
        ["Changelog", "Documentation", "Homepage", "Issues", "Source"], True)


def test_readme_links_work_on_the_index_page() -> None:
    """Every link of the README is absolute (relative ones break on PyPI's project page)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)]+)\)", text)
    assert [link for link in links if not link.startswith(("https://", "#"))] == []
