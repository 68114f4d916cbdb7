"""``redline changelog`` through the on-disk cache: a warm run is a cold one, byte for byte.

What a notice says is recalled by the content of the files it compares (policy, data,
catalogs, change records), its texts by the notice and the templates; editing any of
them between runs must be seen, and a damaged cache must only cost time.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from redline.errors import RedlineError
from redline.load.schemas import check_notices
from redline.notices import content, store
from redline.notices.wording import package_dir
from redline.publish import emails, parallel
from redline.render.cache import RenderCache
from tests.conftest import GitProject, make_project
from tests.gitcases import DNT_RECORD, PRIVACY, REWORD, edit, redline, scripted_history, with_templates

LOCALES = ("en", "es", "ar", "ru")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitProject:
    """The scripted history with the project's wording, its cache in ``tmp_path/cache``."""
    monkeypatch.setenv("REDLINE_CACHE_DIR", str(tmp_path / "cache"))
    made = make_project(tmp_path / "repo")
    scripted_history(made)
    with_templates(made)
    return made


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, as bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def changelog(project: GitProject, out: Path) -> dict[str, bytes]:
    """Run ``redline changelog --out OUT`` (it must succeed quietly); return the files written."""
    code, stdout, err = redline(project, "changelog", "--out", str(out))
    assert (code, stdout) == (0, "") and err.startswith(f"{len(tree(out))} files in {out}"), err
    return tree(out)


def uncached(project: GitProject, out: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The files of a run that keeps nothing (``REDLINE_CACHE_DIR=off``): the reference."""
    with monkeypatch.context() as patch:
        patch.setenv("REDLINE_CACHE_DIR", "off")
        return changelog(project, out)


class Counted:
    """Counts the notices compared and the notice texts rendered during a run."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.compared: list[str] = []
        self.rendered = 0
        compare, render = content.notice_content, emails.NoticeTemplates.render

        def counting_compare(version: Any, *args: Any) -> dict[str, Any]:
            self.compared.append(f"{version.policy}-{version.effective}")
            return compare(version, *args)

        def counting_render(templates: Any, *args: Any, **kwargs: Any) -> str:
            self.rendered += 1
            return render(templates, *args, **kwargs)

        monkeypatch.setattr(content, "notice_content", counting_compare)
        monkeypatch.setattr(emails.NoticeTemplates, "render", counting_render)


def test_warm_run_equals_cold_run(project: GitProject, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A second run compares and renders nothing, and writes what the first and an uncached run wrote."""
    cold = changelog(project, tmp_path / "cold")
    counted = Counted(monkeypatch)
    warm = changelog(project, tmp_path / "warm")
    assert (counted.compared, counted.rendered) == ([], 0)
    assert warm == cold == uncached(project, tmp_path / "reference", monkeypatch)
    assert len(cold) == 1 + 2 * len(LOCALES) + 3 * len(LOCALES) * 7  # bodies and the .eml


def test_printed_notices_are_the_same_warm(project: GitProject) -> None:
    """Without --out, the notices.json printed from the cache is the one printed cold."""
    first, again = redline(project, "changelog"), redline(project, "changelog")
    assert first == again and first[0] == 0 and json.loads(first[1])["notices"]


def test_new_commit_compares_only_the_notices_it_changes(project: GitProject, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A commit editing one policy recompares that policy's notice only; the others are recalled."""
    changelog(project, tmp_path / "before")
    edit(project, PRIVACY, "effective: 2026-05-15", "effective: 2026-06-20")
    edit(project, PRIVACY, "We may verify your identity", "We will verify your identity")
    project.commit({}, "Narrower verification", "2026-05-10")
    counted = Counted(monkeypatch)
    after = changelog(project, tmp_path / "after")
    assert counted.compared == ["privacy-2026-06-20"]
    assert after == uncached(project, tmp_path / "reference", monkeypatch)


def test_amended_change_record_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rewriting a change record (policies untouched) changes the notice it applies to, warm or not."""
    monkeypatch.setenv("REDLINE_CACHE_DIR", str(tmp_path / "cache"))
    project = make_project(tmp_path / "repo")
    project.commit({}, "Example policies", "2026-02-20")
    edit(project, PRIVACY, *REWORD)
    edit(project, PRIVACY, "effective: 2026-02-01", "effective: 2026-04-01")
    override = ("policy: privacy\nsections: [do-not-track]\nverdict: editorial\n"
                "justification: {why}\nauthor: Jane Roe <jane@example.com>\n")
    project.commit({DNT_RECORD: override.format(why="Same promise, other words.")}, "Reword", "2026-03-05")
    before = changelog(project, tmp_path / "before")
    project.write({DNT_RECORD: override.format(why="The same promise in other words.")})
    project.git("commit", "-q", "-a", "--amend", "--no-edit", date="2026-03-05")
    after = changelog(project, tmp_path / "after")
    name = "notices.json"
    justifications = [o["justification"] for n in json.loads(after[name])["notices"] for o in n["overrides"]]
    assert justifications == ["The same promise in other words."] and before[name] != after[name]
    assert after == uncached(project, tmp_path / "reference", monkeypatch)


def test_amended_policy_is_read_again(project: GitProject, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Rewriting a policy in the last commit changes its notice's sections, warm or not."""
    changelog(project, tmp_path / "before")
    edit(project, PRIVACY, "We may verify your identity", "We will verify your identity")
    project.git("commit", "-q", "-a", "--amend", "--no-edit", date="2026-04-10")
    after = changelog(project, tmp_path / "after")
    assert after == uncached(project, tmp_path / "reference", monkeypatch)
    notices = json.loads(after["notices.json"])["notices"]
    privacy = next(n for n in notices if n["id"].startswith("privacy-2026-05"))
    assert "exercising-rights" in [s["id"] for s in privacy["sections"]]


def test_edited_templates_and_wording_are_read_again(project: GitProject, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A project email template or notice string (read from the working tree, not git) is used at once."""
    changelog(project, tmp_path / "before")
    default = (package_dir() / "email.txt.j2").read_text(encoding="utf-8")
    project.write({"templates/notices/email.txt.j2": default + "-- \nThe policy team\n"})
    strings = project.root / "templates" / "notices" / "strings.yml"
    strings.write_text(strings.read_text(encoding="utf-8").replace("Log data", "Logs"), encoding="utf-8")
    after = changelog(project, tmp_path / "after")
    assert after == uncached(project, tmp_path / "reference", monkeypatch)
    email = after["emails/privacy-2026-04-01-1657640c.en.txt"].decode()
    assert email.endswith("-- \nThe policy team\n") and "- Logs: 12 months → 24 months" in email


def test_workers_fill_the_cache_for_the_serial_run(project: GitProject, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """With two worker processes, the serial run that follows compares and renders nothing; same files."""
    monkeypatch.setattr(parallel, "PREFILL_FROM", 1)
    monkeypatch.setenv("REDLINE_JOBS", "2")
    counted = Counted(monkeypatch)
    files = changelog(project, tmp_path / "out")
    assert (counted.compared, counted.rendered) == ([], 0)
    monkeypatch.setenv("REDLINE_JOBS", "1")
    assert files == uncached(project, tmp_path / "reference", monkeypatch)


def test_one_job_fills_nothing(project: GitProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """REDLINE_JOBS=1 keeps everything in one process: the serial run compares every notice itself."""
    monkeypatch.setattr(parallel, "PREFILL_FROM", 1)
    monkeypatch.setenv("REDLINE_JOBS", "1")
    counted = Counted(monkeypatch)
    changelog(project, tmp_path / "out")
    assert len(counted.compared) == 7


def test_damaged_cache_file_is_ignored(project: GitProject, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache file that is not a database is set aside: the run is cold, and right."""
    cold = changelog(project, tmp_path / "cold")
    for path in (tmp_path / "cache").glob("cache-*.sqlite"):
        path.write_bytes(b"not a database" * 100)
    assert changelog(project, tmp_path / "again") == cold


def test_damaged_cache_entries_are_misses(project: GitProject, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Entries that do not decode (notice contents, front matter, texts, files) are computed again."""
    cold = changelog(project, tmp_path / "cold")
    (database,) = (tmp_path / "cache").glob("cache-*.sqlite")
    with sqlite3.connect(database) as db:
        db.execute("UPDATE signed_facts SET value = '\"{broken\"' WHERE key LIKE 'notice:%'")
        db.execute("UPDATE signed_facts SET value = '[1, 2]' WHERE key LIKE 'notice-front:%'")
        db.execute("UPDATE signed_renderings SET value = X'00ff' WHERE key LIKE 'notice-texts:%' "
                   "OR key LIKE 'changelog-files:%'")
    db.close()
    counted = Counted(monkeypatch)
    assert changelog(project, tmp_path / "again") == cold
    assert len(counted.compared) == 7 and counted.rendered == 4 * 7 * len(LOCALES)


def test_decode_refuses_what_is_not_a_content() -> None:
    """A stored content must be the JSON text of exactly the fields, in order."""
    fields = dict.fromkeys(store.FIELDS, None)
    assert store.decode(store.encode(fields)) == fields
    reordered = json.dumps(dict(reversed(list(fields.items()))))
    damaged = (None, 3, "{", "[]", reordered, json.dumps({"title": {}}))
    assert [store.decode(raw) for raw in damaged] == [None] * len(damaged)


def test_context_key_follows_wording_and_locales(tmp_path: Path) -> None:
    """The key every notice shares changes with the wording and the project's locales."""
    from redline.config import Project
    from redline.notices.wording import Wording

    project = Project(tmp_path, locales=("en", "es"))
    keys = {store.context_key(project, Wording({"en": {"a": "b"}})),
            store.context_key(project, Wording({"en": {"a": "c"}})),
            store.context_key(Project(tmp_path, locales=("en", "fr")), Wording({"en": {"a": "b"}}))}
    assert len(keys) == 3
    assert store.context_key(Project(tmp_path / "elsewhere", locales=("en", "es")),
                             Wording({"en": {"a": "b"}})) in keys


def test_schema_errors_name_the_notice(tmp_path: Path) -> None:
    """Notices are validated one by one, yet an error names its place in the whole file."""
    cache = RenderCache()
    notice = {"id": "x"}
    document = {"version": 1, "site_url": "https://x.test/", "locales": ["en"], "notices": [notice]}
    with pytest.raises(RedlineError) as raised:
        check_notices(document, cache.facts)
    assert raised.value.what.startswith("notices do not match notices.schema.json at notices/0: ")
    assert cache.facts.changed == {}
