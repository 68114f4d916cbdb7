"""Scripted changes to the example project, for the tests of diff, gate, overrides and changelog."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from redline.cli import main
from tests.conftest import GitProject
from tests.paths import ROOT

GOLDEN = ROOT / "tests" / "golden"
NOTICE_DATE = "2026-03-01"
PRIVACY = "policies/privacy.md"
SECURITY = "policies/security.md"
COOKIES = "policies/cookies.md"
RETENTION = "policies/_data/retention.yml"
SUBPROCESSORS = "policies/_data/subprocessors.yml"
LIMITS = "policies/_data/limits.yml"
SPANISH = "locales/es/LC_MESSAGES/messages.po"
TYPO = "We retain personal data only for as long as necessary"
REWORD = ("There is currently no industry standard for responding to DNT signals.",
          "No industry standard for responding to DNT signals exists at present.")
NARROWER = ("We may verify your identity before processing your request.",
            "We will verify your identity before processing your request.")
NEW_CATEGORY = (
    "  - id: customer-support\n"
    "    name: Customer Support\n"
    "    description: Help desk and ticketing tools.\n"
    "  - id: ai-services\n"
    "    name: AI Services\n"
    "    description: Machine learning models that draft replies.\n"
)


def start(project: GitProject, date: str = "2026-02-20") -> str:
    """Commit the example project as it is (the base of every scripted change)."""
    return project.commit({}, "Example policies", date)


def replaced(project: GitProject, path: str, old: str, new: str) -> str:
    """The file's text with ``old`` (which must be there) replaced by ``new``."""
    text = project.read(path)
    assert old in text, f"{old!r} is not in {path}"
    return text.replace(old, new)


def edit(project: GitProject, path: str, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in a file of the working tree."""
    project.write({path: replaced(project, path, old, new)})


def set_effective(project: GitProject, path: str, date: str) -> None:
    """Give a policy a new effective date in the working tree."""
    edit(project, path, "effective: 2026-02-01", f"effective: {date}")


def longer_logs(project: GitProject) -> None:
    """Keep log data 24 months instead of 12 (a fact that privacy and security state)."""
    edit(project, RETENTION, "logs: P12M", "logs: P24M")


def new_category(project: GitProject) -> None:
    """Add a sub-processor category (a new recipient) to the data."""
    edit(project, SUBPROCESSORS, NEW_CATEGORY.split("  - id: ai")[0], NEW_CATEGORY)


def typo(project: GitProject) -> str:
    """Commit a misspelling in privacy, then correct it in the working tree; return the commit."""
    sha = project.commit({PRIVACY: replaced(project, PRIVACY, TYPO, TYPO.replace("necessary", "neccessary"))},
                         "A typo slips in", "2026-02-25")
    edit(project, PRIVACY, "neccessary", "necessary")
    return sha


def with_templates(project: GitProject) -> None:
    """Copy the project's notice wording (fact labels per locale) into the repository."""
    shutil.copytree(ROOT / "templates", project.root / "templates", dirs_exist_ok=True)


def redline(project: GitProject, *args: str) -> tuple[int, str, str]:
    """Run ``redline ARGS --project ROOT``; return (exit code, stdout, stderr)."""
    result = CliRunner().invoke(main, [*args, "--project", str(project.root)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def diff(project: GitProject, *args: str, notice_date: str = NOTICE_DATE) -> tuple[int, str, str]:
    """Run ``redline diff ARGS --notice-date NOTICE_DATE``."""
    return redline(project, "diff", *args, "--notice-date", notice_date)


def scripted_history(project: GitProject) -> None:
    """The example, then three changes landing on main (see tests/notices/test_changelog.py)."""
    start(project)
    longer_logs(project)
    set_effective(project, PRIVACY, "2026-04-01")
    set_effective(project, SECURITY, "2026-04-01")
    project.commit({}, "Keep log data 24 months", "2026-03-01")
    edit(project, PRIVACY, *REWORD)
    project.commit({DNT_RECORD: DNT_OVERRIDE}, "Reword the DNT section (judged editorial)", "2026-03-05")
    new_category(project)
    edit(project, PRIVACY, "effective: 2026-04-01", "effective: 2026-05-15")
    renamed = replaced(project, COOKIES, "effective: 2026-02-01",
                       "formerly: [cookies]\neffective: 2026-05-15")
    project.commit({COOKIES: None, "policies/cookie-policy.md": renamed},
                   "AI sub-processors; cookie page renamed", "2026-04-10")


DNT_RECORD = "changes/2026-03-05-dnt-wording.yml"
DNT_OVERRIDE = (
    "policy: privacy\n"
    "sections: [do-not-track]\n"
    "verdict: editorial\n"
    "justification: The sentence says the same in other words & still promises nothing about DNT.\n"
    "author: Jane Roe <jane@example.com>\n"
)
