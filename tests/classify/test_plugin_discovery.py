"""Plugin rules are found from what is installed, with or without importlib.metadata."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from redline import installed
from redline.classify import rules

PLUGIN = '''
from redline.classify.findings import Finding

def shout(change):
    return Finding("shout", True, "shouting") if (change.new or "").isupper() else None
'''


@pytest.fixture
def fresh() -> Iterator[None]:
    """Forget what was found before and after the test (the path changes in between)."""
    for cached in (installed._folders, installed._versions, rules.default_rules):
        cached.cache_clear()
    yield
    for cached in (installed._folders, installed._versions, rules.default_rules):
        cached.cache_clear()


def _install(site: Path, entry_points: str) -> None:
    (site / "shout_plugin.py").write_text(PLUGIN)
    info = site / "shout_plugin-1.2.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: shout-plugin\nVersion: 1.2\n")
    (info / "entry_points.txt").write_text(entry_points)


def test_a_declared_plugin_rule_is_loaded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: None) -> None:
    """A distribution declaring redline.rules on the path adds its rule after the built-ins."""
    _install(tmp_path, "[redline.rules]\nshout = shout_plugin:shout\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert (installed.declares("redline.rules"), installed.version("Shout_Plugin")) == (True, "1.2")
    loaded = rules.default_rules().text
    assert [rule.__name__ for rule in loaded[len(rules.TEXT_RULES):]] == ["shout"]


def test_other_groups_declare_no_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: None) -> None:
    """Entry points of other groups are not rules, and importlib.metadata is not asked."""
    _install(tmp_path, "[console_scripts]\nshout = shout_plugin:shout\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert installed.declares("redline.rules") is False
    assert rules.default_rules().text == tuple(rules.TEXT_RULES)


def test_a_zip_on_the_path_leaves_the_answer_to_importlib_metadata(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: None) -> None:
    """A listing cannot see into a zip file: the registry asks importlib.metadata instead."""
    archive = tmp_path / "plugins.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    monkeypatch.syspath_prepend(str(archive))
    assert installed.declares("redline.rules") is None
    assert rules.default_rules().text == tuple(rules.TEXT_RULES)
