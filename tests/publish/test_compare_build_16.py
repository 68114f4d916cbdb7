"""A real build: the comparison page shows bold text bold, and a word made bold as a change."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_project
from tests.gitcases import PRIVACY, redline, replaced, start
from tests.publish.test_redline_html import Marks
from tests.sitehistory import page

LOCALES = ("en", "es", "ar", "ru")
SELL = "We do not sell your personal data."
COMPARE = "privacy/compare/2026-02-01...2026-04-15/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example, then a version effective 2026-04-15 whose only change makes "not" bold, built."""
    root = tmp_path_factory.mktemp("bold")
    project = make_project(root / "repo")
    start(project)
    privacy = replaced(project, PRIVACY, SELL, SELL.replace(" not ", " **not** "))
    privacy = privacy.replace("effective: 2026-02-01\nupdated: 2026-02-20",
                              "effective: 2026-04-15\nupdated: 2026-03-10")
    project.commit({PRIVACY: privacy}, "Stress that we do not sell data", "2026-03-10")
    code, _, err = redline(project, "build", "--site-dir", str(root / "site"), "--date", "2026-05-01",
                           "--allow-fallback")
    assert code == 0, err
    return root / "site"


def test_the_built_comparison_shows_the_bold_of_the_policy_text(site: Path) -> None:
    """The word made bold is deleted plain and inserted inside <strong> on the English comparison page."""
    marks = Marks(page(site, f"en/{COMPARE}"))
    assert marks.text("ins", "strong") == "not"
    assert marks.text("del") == "not"
    assert marks.text("del", "strong") == ""


@pytest.mark.parametrize("locale", LOCALES)
def test_every_locale_shows_the_change_of_emphasis(site: Path, locale: str) -> None:
    """In each locale the inserted text holds a bold "not" (the English fallback where untranslated)."""
    marks = Marks(page(site, f"{locale}/{COMPARE}"))
    assert "not" in marks.text("ins", "strong").split()
