"""Rendering the example: golden Markdown per policy and locale, shared section ids, CLI output."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from redline.cli import main
from redline.config import load_project
from redline.load.snapshot import WorkTree
from redline.load.sources import Sources, load_sources
from redline.render.render import render_policy
from tests.golden import check_golden
from tests.paths import ROOT, TESTS

GOLDEN = TESTS / "golden" / "render"
POLICIES = ("cookies", "privacy", "security")
LOCALES = ("en", "es", "ar", "ru")


@pytest.fixture(scope="module")
def sources() -> Sources:
    """The example project's working tree."""
    return load_sources(WorkTree(ROOT), load_project(ROOT))


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("policy", POLICIES)
def test_golden_rendering(sources: Sources, policy: str, locale: str) -> None:
    """Each policy renders in each locale exactly as its reviewed golden file."""
    rendered = render_policy(sources, sources.policy(policy), locale)
    assert rendered.fallbacks == ()
    check_golden(GOLDEN / f"{policy}.{locale}.md", rendered.markdown)


@pytest.mark.parametrize("policy", POLICIES)
def test_section_ids_are_shared_by_all_locales(sources: Sources, policy: str) -> None:
    """A section has the same id in every locale, in the same order."""
    source = sources.policy(policy)
    ids = {loc: [s.id for s in render_policy(sources, source, loc).sections] for loc in LOCALES}
    assert ids["es"] == ids["en"] and ids["ar"] == ids["en"] and ids["ru"] == ids["en"]
    assert len(set(ids["en"])) == len(ids["en"])


@pytest.mark.parametrize(
    ("locale", "date", "months"),
    [("en", "February 1, 2026", "12 months"), ("es", "1 de febrero de 2026", "12 meses"),
     ("ar", "1 فبراير 2026", "12 شهرًا"), ("ru", "1 февраля 2026\u202fг.", "12 месяцев")],
)
def test_render_command_localizes_dates_and_durations(locale: str, date: str, months: str) -> None:
    """`redline render privacy --locale L` writes the date and the log retention the locale's way."""
    result = CliRunner().invoke(main, ["render", "privacy", "--locale", locale, "--project", str(ROOT)])
    assert result.exit_code == 0, result.output
    assert date in result.output
    assert months in result.output
    assert "1 year" not in result.output


def test_a_fact_changed_once_changes_every_policy_and_locale(tmp_path: Path) -> None:
    """Changing the privacy contact in data changes it in all policies that state it, in all locales."""
    import shutil

    for part in ("mkdocs.yml", "policies", "locales"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, tmp_path / part)
    contacts = tmp_path / "policies/_data/contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace("privacy@dexo.chat", "dpo@dexo.chat"),
                        encoding="utf-8")
    changed = load_sources(WorkTree(tmp_path), load_project(tmp_path))
    for locale in LOCALES:
        texts = [render_policy(changed, changed.policy(p), locale).markdown for p in POLICIES]
        assert all("privacy@dexo.chat" not in t for t in texts)
        assert "dpo@dexo.chat" in texts[POLICIES.index("privacy")]
