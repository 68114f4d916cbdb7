"""The project's interface catalogs are part of every render key: an edit, a new locale, changes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.i18n.uiwords import PROJECT_VARIABLE, project_fingerprint


def _catalog(root: Path, locale: str, text: str) -> None:
    path = root / locale / "LC_MESSAGES" / "redline.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_fingerprint_follows_the_project_catalogs(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Empty without catalogs; changed by an edit and by a new locale; folders that are no catalog
    (a hidden folder, a directory named redline.po) count for nothing."""
    monkeypatch.setenv(PROJECT_VARIABLE, str(tmp_path / "missing"))
    assert project_fingerprint() == ""
    monkeypatch.setenv(PROJECT_VARIABLE, str(tmp_path))
    assert project_fingerprint() == ""
    _catalog(tmp_path, "es", 'msgid "a"\nmsgstr "b"\n')
    first = project_fingerprint()
    assert first
    _catalog(tmp_path, "es", 'msgid "a"\nmsgstr "bb"\n')
    edited = project_fingerprint()
    assert edited not in ("", first)
    (tmp_path / "fr" / "LC_MESSAGES" / "redline.po").mkdir(parents=True)
    _catalog(tmp_path, ".hidden", 'msgid "a"\nmsgstr "c"\n')
    assert project_fingerprint() == edited
    _catalog(tmp_path, "ar", 'msgid "a"\nmsgstr "d"\n')
    assert project_fingerprint() not in ("", first, edited)
