"""Locales built in parallel processes: the same bytes, the same errors, nothing half-written."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from redline import jobs, mkdocs_build
from redline.cli import main
from tests.conftest import GitProject, make_project
from tests.sitehistory import first_commits, last_commit

RU_CATALOG = "locales/ru/LC_MESSAGES/messages.po"
AR_CATALOG = "locales/ar/LC_MESSAGES/messages.po"
PRIVACY_LINK = "](privacy.md)"
# The Arabic pages whose translated text links the privacy policy twice: one warning per link.
WARNED_PAGES = [page for page in ("cookies/", "cookies/versions/2026-02-01/", "security/",
                                  "security/versions/2026-02-01/") for _ in range(2)]


def digest(root: Path) -> dict[str, str]:
    """Path -> SHA-256 of every file under ``root``."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def build(project: GitProject, site: Path, jobs: str, *options: str) -> Result:
    """Run ``redline build`` in-process with ``REDLINE_JOBS=jobs``."""
    return CliRunner().invoke(
        main, ["build", "--project", str(project.root), "--site-dir", str(site), "--date", "2026-07-01",
               *options], env={"NO_MKDOCS_2_WARNING": "1", "REDLINE_JOBS": jobs},
    )


def break_link(project: GitProject, catalog: str) -> None:
    """Point a translated link at a page that does not exist (a strict-mode MkDocs warning)."""
    lines = project.read(catalog).splitlines(keepends=True)
    broken = [line.replace(PRIVACY_LINK, "](gone.md)") if line.startswith("msgstr ") else line
              for line in lines]
    assert broken != lines
    project.write({catalog: "".join(broken)})


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> GitProject:
    """The example project with the history of tests/sitehistory.py."""
    project = make_project(tmp_path_factory.mktemp("parallel") / "repo")
    first_commits(project)
    last_commit(project)
    return project


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_parallel_build_is_byte_identical_to_the_serial_one(
        history: GitProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str) -> None:
    """REDLINE_JOBS=1 and REDLINE_JOBS=2 (forked or fresh workers) write the same bytes and say the same."""
    monkeypatch.setattr(mkdocs_build, "start_method", lambda: method)
    serial = build(history, tmp_path / "serial", "1", "--allow-fallback")
    parallel = build(history, tmp_path / "parallel", "2", "--allow-fallback")
    assert (serial.exit_code, parallel.exit_code) == (0, 0), serial.output + parallel.output
    assert serial.output.replace(str(tmp_path / "serial"), "SITE") == \
        parallel.output.replace(str(tmp_path / "parallel"), "SITE")
    files = digest(tmp_path / "serial")
    assert len(files) > 100 and "ru/search/search_index.json" in files and "index.html" in files
    assert digest(tmp_path / "parallel") == files


def test_failing_locale_fails_as_in_a_serial_build(tmp_path: Path) -> None:
    """The first failing locale's error, word for word and exit 2, in both modes; the old site stays."""
    project = make_project(tmp_path / "repo")
    project.commit({}, "Example content", "2026-02-20")
    site = tmp_path / "site"
    assert build(project, site, "2").exit_code == 0
    before = digest(site)
    break_link(project, RU_CATALOG)
    break_link(project, AR_CATALOG)
    project.commit({}, "Broken links", "2026-03-01")
    serial, parallel = build(project, site, "1"), build(project, site, "2")
    assert serial.output == parallel.output
    assert (serial.exit_code, parallel.exit_code) == (2, 2)
    warned = [f"Doc file '{page}index.md' contains a link 'gone.md', but the target '{page}gone.md' "
              "is not found among documentation files." for page in WARNED_PAGES]
    assert parallel.output == (
        "Error: mkdocs build of locale 'ar' failed: Aborted with 8 warnings in strict mode!\n"
        + "".join(f"  {line}\n" for line in warned)
        + "  fix: fix each warning listed (mkdocs.yml sets strict: true)\n")
    assert digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo", "site"]


def die(job: object) -> None:
    """A worker that is killed mid-build (module level: the pool pickles it by name)."""
    os._exit(9)


def test_a_dying_worker_stops_the_build_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker process that dies is an error with exit 2, not a traceback; the old site stays."""
    project = make_project(tmp_path / "repo")
    site = tmp_path / "site"
    assert build(project, site, "2", "--no-history").exit_code == 0
    before = digest(site)
    monkeypatch.setattr(mkdocs_build, "start_method", lambda: "fork")
    monkeypatch.setattr(mkdocs_build, "build_locale", die)
    result = build(project, site, "2", "--no-history")
    assert (result.exit_code, result.output) == (2, (
        "Error: a build process stopped unexpectedly (killed, or out of memory?) before locale 'en' "
        "was built\n"
        "  fix: run again with REDLINE_JOBS=1 to build one locale at a time in this process and see "
        "what stops it\n"))
    assert digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo", "site"]


def test_one_job_builds_in_this_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """REDLINE_JOBS=1 starts no process pool."""
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(mkdocs_build, "ProcessPoolExecutor", no_pool)
    project = make_project(tmp_path / "repo")
    result = build(project, tmp_path / "site", "1", "--no-history")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site/ru/index.html").is_file()


@pytest.mark.parametrize("setting", ["abc", "0", "-2", "1.5"])
def test_bad_jobs_setting_is_refused(tmp_path: Path, setting: str) -> None:
    """A REDLINE_JOBS that is not a whole number of at least 1 stops the build with exit 2."""
    project = make_project(tmp_path / "repo")
    result = build(project, tmp_path / "site", setting, "--no-history")
    assert (result.exit_code, result.output) == (2, (
        f"Error: environment variable REDLINE_JOBS is {setting!r}, not a number of processes\n"
        "  fix: set REDLINE_JOBS to a whole number of at least 1 (1 does everything in one process), "
        "or unset it to use one process per core\n"))
    assert not (tmp_path / "site").exists()


def test_workers_are_never_forked_from_a_threaded_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork (Linux's default) while redline runs alone; fresh interpreters beside other threads."""
    monkeypatch.setattr(jobs.multiprocessing, "get_all_start_methods", lambda: ["fork", "spawn"])
    monkeypatch.setattr(jobs.threading, "active_count", lambda: 1)
    alone = jobs.start_method()
    monkeypatch.setattr(jobs.threading, "active_count", lambda: 3)
    threaded = jobs.start_method()
    monkeypatch.setattr(jobs.multiprocessing, "get_all_start_methods", lambda: ["spawn", "fork"])
    assert (alone, threaded, jobs.start_method()) == ("fork", "spawn", "spawn")
