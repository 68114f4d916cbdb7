"""A policy whose every input is the same at two points is judged without a comparison, as
the comparison would judge it: another policy's edit (and its catalog entries) is not a change."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import redline.history.pending as pending
from redline import gitio
from redline.compare.pairing import pair_policies
from redline.config import load_project
from redline.load.sources import Sources, load_sources
from redline.render.cache import RenderCache
from tests.conftest import GitProject
from tests.history.test_parallel_judge import PO
from tests.history.test_review_prefill_shares import SETUP
from tests.history.test_versions import terms

COOKIES = 'msgid "Cookies last {days} days."\nmsgstr "Las cookies duran {days} días."\n'


def _commits(project: GitProject) -> dict[str, str]:
    """terms (01-01) at A; cookies and its Spanish entry change at B; terms' Spanish sentence at C;
    a data file terms does not read at D."""
    cookies = terms("2026-01-01", "Cookies last 10 days.", updated="2026-01-01", title="Cookies")
    base = {**SETUP, "policies/terms.md": terms("2026-01-01", "Logs are kept for 12 months.",
                                                updated="2026-01-01"), "policies/cookies.md": cookies}
    shas = {"A": project.commit({**base, "locales/es/LC_MESSAGES/messages.po": PO + "\n" +
                                 COOKIES.format(days=10)}, "A", "2026-01-10")}
    shas["B"] = project.commit({"policies/cookies.md": cookies.replace("10 days", "20 days"),
                                "locales/es/LC_MESSAGES/messages.po": PO + "\n" + COOKIES.format(days=20)},
                               "B", "2026-01-11")
    spanish = PO.replace("Los registros se guardan 12 meses.", "Los registros se guardan doce meses.")
    catalog = spanish + "\n" + COOKIES.format(days=20)
    shas["C"] = project.commit({"locales/es/LC_MESSAGES/messages.po": catalog}, "C", "2026-01-12")
    shas["D"] = project.commit({"policies/_data/brand.yml": "name: Mini\n"}, "D", "2026-01-13")
    return shas


def _judge(old: Sources, new: Sources, cache: Path) -> bool:
    return pending.judge(RenderCache(cache), pending.key_of(old.snapshot.sha, new.snapshot.sha, "terms"),
                         lambda: old, lambda: new, "terms")


def test_another_policys_edit_reads_alike_and_is_judged_as_the_comparison_judges(
        empty_git_project: GitProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """terms reads alike at A and B (cookies and its catalog entry changed), not at A and C (its
    own Spanish sentence) nor at A and D (the data); the verdicts equal the full comparison's."""
    shas = _commits(empty_git_project)
    project = load_project(empty_git_project.root)
    repo = gitio.open_repo(empty_git_project.root)
    loaded = {name: load_sources(repo.snapshot(sha), project) for name, sha in shas.items()}

    def alike(name: str) -> bool:
        old, new = loaded["A"], loaded[name]
        pair = next(p for p in pair_policies(old.policies, new.policies) if p.id == "terms")
        return pending.reads_alike(pending.dated(pair), old, new)

    assert [alike(name) for name in "BCD"] == [True, False, False]
    english = dataclasses.replace(project, locales=(project.source_locale,))
    old, new = (load_sources(repo.snapshot(shas[name]), english) for name in "AD")
    pair = next(p for p in pair_policies(old.policies, new.policies) if p.id == "terms")
    assert not pending.reads_alike(pending.dated(pair), old, new)  # the data differ, no locale to say so
    shortcut = [_judge(loaded["A"], loaded[n], tmp_path / f"s{n}") for n in "BCD"]
    monkeypatch.setattr(pending, "reads_alike", lambda pair, old, new: False)
    compared = [_judge(loaded["A"], loaded[n], tmp_path / f"c{n}") for n in "BCD"]
    assert shortcut == compared
    assert shortcut[0] is False
    assert shortcut[1] is True  # "12" became "doce" in Spanish: a number changed, material
    repo.close()
