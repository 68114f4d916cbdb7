"""Long work tells its progress; check and i18n status speak JSON; quiet means quiet."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from redline.progress import Progress
from tests.conftest import GitProject, make_project
from tests.gitcases import redline

STAGE_RE = r"(history: 3 versions in 4 locales|notices: 45 files|site: 44 pages) \(\d+\.\d s\)"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> GitProject:
    """The example, committed once."""
    made = make_project(tmp_path_factory.mktemp("cli") / "repo")
    made.commit({}, "Example content", "2026-02-20")
    return made


def test_build_shows_each_stage_with_counts_and_time(project: GitProject, tmp_path: Path) -> None:
    """--progress prints history, notices and site stages, then the summary; nothing on stdout."""
    code, out, err = redline(project, "build", "--site-dir", str(tmp_path / "site"), "--date", "2026-03-01",
                             "--progress")
    lines = err.splitlines()
    assert (code, out, len(lines)) == (0, "", 4)
    assert all(re.fullmatch(STAGE_RE, line) for line in lines[:3]), lines
    assert lines[3].startswith("built 44 pages (3 versions of 3 policies) in 4 locales into ")


def test_build_quiet_prints_nothing(project: GitProject, tmp_path: Path) -> None:
    """--quiet: no stage, no summary, the site still built."""
    assert redline(project, "build", "--site-dir", str(tmp_path / "site"), "--date", "2026-03-01",
                   "--quiet", "--progress") == (0, "", "")
    assert (tmp_path / "site" / "en" / "privacy" / "index.html").is_file()


def test_stage_times_come_from_the_clock() -> None:
    """A stage line says what the stage did and how long it took, from the injected clock."""
    ticks = iter([10.0, 12.25])

    class Lines:
        def __init__(self) -> None:
            self.text = ""

        def write(self, text: str) -> None:
            self.text += text

        def flush(self) -> None:
            """Nothing buffered."""

        def isatty(self) -> bool:
            return False

    stream = Lines()
    progress = Progress(True, stream, lambda: next(ticks))  # type: ignore[arg-type]
    with progress.stage("site") as stage:
        stage.summary = "2 pages"
    assert stream.text == "site: 2 pages (2.2 s)\n"


def test_check_json_is_one_object(project: GitProject) -> None:
    """check --format json: ok, the policies and locales, and each problem with where and fix."""
    code, out, err = redline(project, "check", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {"ok": True, "policies": ["cookies", "privacy", "security"],
                               "locales": ["en", "es", "ar", "ru"], "problems": []}


def test_check_json_lists_problems_and_exits_1(tmp_path: Path) -> None:
    """A missing translation is a problem in the JSON, and the exit status is 1."""
    broken = make_project(tmp_path / "repo")
    catalog = broken.read("locales/es/LC_MESSAGES/messages.po")
    broken.write({"locales/es/LC_MESSAGES/messages.po": catalog.replace(
        'msgstr "Política de Privacidad"', 'msgstr ""', 1)})
    code, out, _ = redline(broken, "check", "--format", "json")
    found = json.loads(out)
    assert (code, found["ok"], [p["where"] for p in found["problems"]]) == (
        1, False, ["locales/es/LC_MESSAGES/messages.po:137"])
    assert found["problems"][0]["fix"].startswith("translate it")


def test_i18n_status_json(project: GitProject) -> None:
    """i18n status --format json: one record per locale and policy."""
    code, out, err = redline(project, "i18n", "status", "--format", "json")
    rows = json.loads(out)
    assert (code, err, len(rows)) == (0, "", 12)  # es, ar, ru × cookies, privacy, security, _data
    assert rows[0] == {"locale": "es", "policy": "cookies", "translated": 26, "fuzzy": 0, "missing": 0,
                       "percent": 100.0}
