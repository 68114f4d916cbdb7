"""The render cache cannot be poisoned: entries someone else wrote never change what is published (#14)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from redline.cli import main
from redline.render.facts import Facts
from redline.render.store import Store, compress, decompress
from tests.paths import TESTS

BASE = TESTS / "bad" / "_base"


def render(project: Path, env: dict[str, str]) -> str:
    """Build the site with the default cache (``<project>/.redline-cache``); the English page's HTML."""
    result = CliRunner().invoke(main, ["build", "--no-history", "--allow-fallback", "--date", "2026-03-01",
                                       "--project", str(project)], env={"NO_MKDOCS_2_WARNING": "1", **env})
    assert result.exit_code == 0, result.output
    return (project / "site" / "en" / "p" / "index.html").read_text(encoding="utf-8")


def poison(folder: Path) -> int:
    """Rewrite every cached rendering as an attacker would (no key): '12 months' -> 'SOLD'; count them."""
    changed = 0
    for path in folder.glob("cache-*.sqlite"):
        with sqlite3.connect(path) as db:
            tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for table in (t for t in tables if "renderings" in t):
                for key, value in db.execute(f"SELECT key, value FROM {table}").fetchall():  # nosec B608
                    text = json.dumps(decompress(bytes(value))).replace("12 months", "SOLD")
                    poisoned = compress(json.loads(text))
                    db.execute(f"UPDATE {table} SET value = ? WHERE key = ?", (poisoned, key))  # nosec B608
                    changed += 1
    return changed


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the small bad-input base project."""
    shutil.copytree(BASE, tmp_path / "project")
    return tmp_path / "project"


def test_a_rewritten_cache_entry_is_rendered_again(project: Path, tmp_path: Path) -> None:
    """Rows of .redline-cache rewritten without the key: the site shows the true text, not theirs."""
    env = {"REDLINE_STATE_DIR": str(tmp_path / "state")}
    first = render(project, env)
    assert "12 months" in first
    assert poison(project / ".redline-cache") > 0
    assert render(project, env) == first


def test_a_cache_written_under_another_key_is_not_served(project: Path, tmp_path: Path) -> None:
    """A cache folder restored from elsewhere (another key: a fork's CI run) is a miss, then overwritten."""
    first = render(project, {"REDLINE_STATE_DIR": str(tmp_path / "theirs")})
    poison(project / ".redline-cache")
    assert render(project, {"REDLINE_STATE_DIR": str(tmp_path / "ours")}) == first


def test_the_key_file_is_private_and_kept_outside(project: Path, tmp_path: Path) -> None:
    """The key is created mode 0600 in the state folder; a state folder inside the repository is refused."""
    render(project, {"REDLINE_STATE_DIR": str(tmp_path / "state")})
    key = tmp_path / "state" / "cache-key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(key.read_bytes()) == 32
    shutil.rmtree(project / ".redline-cache")
    render(project, {"REDLINE_STATE_DIR": str(project / ".state")})
    assert not (project / ".state").exists()
    assert not (project / ".redline-cache").exists()


def test_rewritten_facts_are_ignored(tmp_path: Path) -> None:
    """A fact row changed without the key (a version's date) is not read back."""
    store = Store(tmp_path / "cache", b"k" * 32)
    store.flush({"effective:abc": "2026-02-01", "effective:def": "2026-03-01"})
    store.close()
    path = next((tmp_path / "cache").glob("cache-*.sqlite"))
    with sqlite3.connect(path) as db:
        db.execute("UPDATE signed_facts SET value = '\"2026-01-15\"' WHERE key = 'effective:abc'")
    again = Store(tmp_path / "cache", b"k" * 32)
    assert again.facts() == {"effective:def": "2026-03-01"}
    again.close()


def test_facts_read_on_demand_are_checked_as_when_read_at_once(tmp_path: Path) -> None:
    """Facts checked and parsed when asked for: a rewritten row and a damaged one are misses, the
    others read as written, and a later reload brings what another process stored."""
    store = Store(tmp_path / "cache", b"k" * 32)
    store.flush({"effective:abc": "2026-02-01", "effective:def": "2026-03-01", "n:1": [1, {"a": None}]})
    path = next((tmp_path / "cache").glob("cache-*.sqlite"))
    with sqlite3.connect(path) as db:
        db.execute("UPDATE signed_facts SET value = '\"2026-01-15\"' WHERE key = 'effective:abc'")
    facts = Facts(store)
    assert facts.get("effective:abc") is None
    assert facts.get("effective:def") == "2026-03-01"
    assert facts.get("n:1") == [1, {"a": None}]
    assert facts.get("missing") is None
    other = Store(tmp_path / "cache", b"k" * 32)
    other.flush({"later:1": True})
    other.close()
    assert facts.get("later:1") is None
    facts.reload()
    assert facts.get("later:1") is True
    store.close()


def test_entries_are_signed_with_keyed_blake2b() -> None:
    """The MAC is keyed BLAKE2b (32 bytes) of the entry's name, a NUL and its value; a key longer
    than 64 bytes is first hashed to 64."""
    import hashlib

    from redline.render.cachekey import sign

    for key in (b"k" * 32, b"other key of forty bytes, not thirty-two", b"x" * 100):
        short = key if len(key) <= 64 else hashlib.blake2b(key).digest()
        for name, value in (("fact:a", b"1"), ("rendering:b", b"x" * 5000)):
            expected = hashlib.blake2b(name.encode() + b"\0" + value, key=short, digest_size=32).digest()
            assert sign(key, name, value) == expected
    assert sign(b"k" * 32, "fact:a", b"1") != sign(b"j" * 32, "fact:a", b"1")
