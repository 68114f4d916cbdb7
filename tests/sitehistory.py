"""A policy repository with a history, built into sites once per test session.

The history (the example project, then three changes to its privacy policy):

- 2026-02-20 the example content: privacy effective 2026-02-01, last updated 2026-02-20.
- 2026-03-02 an editorial fix in English; Spanish follows, Arabic and Russian fall back.
- 2026-03-10 a material change taking effect 2026-04-15: longer account retention
  (30 → 90 days, in every locale), a new section, the Do Not Track section removed.
- 2026-05-05 a later version taking effect 2026-06-10 ("sell or rent").

Site ``before`` is built after the third commit as on 2026-03-20 (the change is
upcoming); site ``after`` after the fourth as on 2026-07-01, with the promotion on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from redline.cli import main
from tests.conftest import GitProject, make_project

PRIVACY = "policies/privacy.md"
SPANISH = "locales/es/LC_MESSAGES/messages.po"
RETENTION = "policies/_data/retention.yml"
NO_LONGER = "When data is no longer needed, it is securely deleted or anonymized."
NO_LONGER_FIXED = "When personal data is no longer needed, it is securely deleted or anonymized."
NEW_SECTION = (
    "## 7A. Automated Decisions { #automated-decisions }\n\n"
    "We do not make decisions based solely on automated processing that produce legal effects "
    "concerning you.\n\n"
)
DNT_START = "## 14. Do Not Track Signals"
DNT_END = "## 15. Changes"
#: the rules read a new word as new meaning: the editor records why it is editorial (else it is pending)
EDITORIAL_RECORD = "changes/2026-03-02-personal-data.yml"
EDITORIAL_OVERRIDE = (
    "policy: privacy\n"
    "sections: [retention]\n"
    "verdict: editorial\n"
    "justification: Only personal data was ever meant; the sentence names it.\n"
    "author: Jane Roe <jane@example.com>\n"
)
SELL = "We do not sell your personal data."
SELL_LATER = "We do not sell or rent your personal data."


@dataclass(frozen=True)
class Sites:
    """The repository and the two sites built from it."""

    project: GitProject
    before: Path
    after: Path
    output: dict[str, str]


def replace(project: GitProject, path: str, old: str, new: str) -> str:
    """The file's text with ``old`` replaced (which must be there)."""
    text = project.read(path)
    assert old in text, f"{old!r} not in {path}"
    return text.replace(old, new)


def first_commits(project: GitProject) -> None:
    """Commit the example, the editorial fix and the material change."""
    project.commit({}, "Example content", "2026-02-20")
    fixed_es = replace(project, SPANISH, f'msgid "{NO_LONGER}"', f'msgid "{NO_LONGER_FIXED}"')
    fixed_es = fixed_es.replace("Cuando los datos dejan", "Cuando los datos personales dejan")
    project.commit({PRIVACY: replace(project, PRIVACY, NO_LONGER, NO_LONGER_FIXED), SPANISH: fixed_es,
                    EDITORIAL_RECORD: EDITORIAL_OVERRIDE},
                   "Editorial: say personal data", "2026-03-02")
    privacy = replace(project, PRIVACY, "effective: 2026-02-01\nupdated: 2026-02-20",
                      "effective: 2026-04-15\nupdated: 2026-03-10")
    privacy = privacy.replace("## 8. Data Security", NEW_SECTION + "## 8. Data Security")
    start, end = privacy.index(DNT_START), privacy.index(DNT_END)
    privacy = privacy[:start] + privacy[end:]
    retention = replace(project, RETENTION, "account: P30D", "account: P90D")
    project.commit({PRIVACY: privacy, RETENTION: retention}, "Material: longer account retention",
                   "2026-03-10")


def last_commit(project: GitProject) -> None:
    """Commit the later version."""
    privacy = replace(project, PRIVACY, "effective: 2026-04-15\nupdated: 2026-03-10",
                      "effective: 2026-06-10\nupdated: 2026-05-05")
    project.commit({PRIVACY: privacy.replace(SELL, SELL_LATER)}, "Sell or rent", "2026-05-05")


def enable_promo(project: GitProject) -> None:
    """Switch the promotional call to action on (mkdocs.yml is not history: left uncommitted)."""
    project.write({"mkdocs.yml": replace(project, "mkdocs.yml", "enabled: false", "enabled: true")})


def build(project: GitProject, site: Path, date: str, *options: str) -> str:
    """Run ``redline build`` in-process; return what it printed."""
    result = CliRunner().invoke(
        main, ["build", "--project", str(project.root), "--site-dir", str(site), "--date", date,
               *options], env={"NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.exit_code == 0, result.output
    return result.output


_BUILT: dict[str, Sites] = {}


def sites(factory: pytest.TempPathFactory) -> Sites:
    """Build both sites once per session (site and browser tests share them)."""
    if "sites" not in _BUILT:
        root = factory.mktemp("history")
        project = make_project(root / "repo")
        first_commits(project)
        before = build(project, root / "before", "2026-03-20", "--allow-fallback")
        last_commit(project)
        enable_promo(project)
        after = build(project, root / "after", "2026-07-01", "--allow-fallback")
        _BUILT["sites"] = Sites(project, root / "before", root / "after", {"before": before, "after": after})
    return _BUILT["sites"]


def page(site: Path, url: str) -> str:
    """The HTML of the page at ``url`` (``en/privacy/``) of a built site."""
    return (site / url / "index.html").read_text(encoding="utf-8")

