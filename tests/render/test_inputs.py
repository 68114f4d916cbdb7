"""The render cache's key: it changes exactly when something the render reads changes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from redline.config import load_project
from redline.load.snapshot import WorkTree
from redline.load.sources import Sources, load_sources
from redline.render.cache import RenderCache
from redline.render.env import TEMPLATE_CACHE
from redline.render.inputs import data_paths, render_key
from redline.render.render import render_policy
from tests.render.test_cache import copy_example

POLICIES = ("privacy", "cookies", "security")


def keys(root: Path, locale: str) -> dict[str, str]:
    """Each policy's render key in ``locale`` for the files under ``root``."""
    sources = load_sources(WorkTree(root), load_project(root))
    return {pid: render_key(sources, sources.policy(pid), locale, {}) for pid in POLICIES}


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """The policies whose key changed."""
    return [pid for pid in POLICIES if before[pid] != after[pid]]


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) with ``new`` in a file."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_data_paths_follow_attributes_and_constant_indexes() -> None:
    """A template depends on the data paths it names; includes make it depend on everything."""
    found = data_paths("{{ retention.logs | duration }} {% for v in vendors.list %}{{ v.name }}{% endfor %}"
                       "{{ company['brand'] }} {{ x[0].y }} {{ policy.updated }} {{ a.items() }} b.c")
    assert found is not None
    assert {("retention", "logs"), ("vendors", "list"), ("company",), ("x",), ("a",)} <= found
    # a method call reads the value it belongs to: a.items() prints all of a, even if a has a key "items"
    assert not {("policy", "updated"), ("b", "c"), ("logs",), ("y",), ("a", "items")} & found
    assert data_paths('{%- include "notice.md" %}') is None
    assert data_paths('{% from "m.md" import x %}') is None


def test_a_data_value_changes_the_keys_of_the_policies_stating_it(tmp_path: Path) -> None:
    """retention.logs is stated in privacy and security only: cookies keeps its key."""
    root = copy_example(tmp_path)
    before = keys(root, "en")
    edit(root / "policies/_data/retention.yml", "logs: P12M", "logs: P18M")
    assert changed(before, keys(root, "en")) == ["privacy", "security"]


def test_a_catalog_entry_changes_the_key_of_its_policy_only(tmp_path: Path) -> None:
    """Retranslating a sentence of the cookie policy leaves the other policies' Spanish keys as they were."""
    root = copy_example(tmp_path)
    sources = load_sources(WorkTree(root), load_project(root))
    block = next(b for b in sources.policies["cookies"].blocks
                 if b.kind == "paragraph" and sources.catalogs["es"].lookup(b.text)
                 and all(b.text not in (c.text for c in sources.policies[p].blocks)
                         for p in ("privacy", "security")))
    translation = sources.catalogs["es"].lookup(block.text)
    assert translation is not None
    before, english = keys(root, "es"), keys(root, "en")
    edit(root / "locales/es/LC_MESSAGES/messages.po", translation.split("\n")[0][:40],
         "[revisado] " + translation.split("\n")[0][:40])
    assert changed(before, keys(root, "es")) == ["cookies"]
    assert keys(root, "en") == english


def test_an_included_partial_is_an_input(tmp_path: Path) -> None:
    """A template compiled once still reads the partial of the snapshot it renders."""
    root = copy_example(tmp_path)
    (root / "policies/_partials").mkdir()
    partial = root / "policies/_partials/contact.md"
    partial.write_text("Write to {{ contacts.privacy }}.\n", encoding="utf-8")
    edit(root / "policies/security.md", "\n## ", '\n{% include "contact.md" %}\n\n## ')
    project = load_project(root)
    before = load_sources(WorkTree(root), project)
    first = RenderCache().render(before, before.policy("security"), "en")
    partial.write_text("Mail {{ contacts.privacy }} today.\n", encoding="utf-8")
    sources: Sources = load_sources(WorkTree(root), project)
    second = RenderCache().render(sources, sources.policy("security"), "en")
    assert "Write to " in first.markdown and "Write to " not in second.markdown
    assert "today." in second.markdown
    assert len(TEMPLATE_CACHE.environments) >= 2


def test_front_matter_values_share_a_rendering_only_when_the_text_does_not_read_them(tmp_path: Path) -> None:
    """``updated`` changes no text that never names ``policy``: one render serves both dates, exactly."""
    root = copy_example(tmp_path)
    (root / "policies/mini.md").write_text(
        "---\ntitle: Mini\neffective: 2026-01-01\n---\n\n# Mini { #mini }\n\n"
        "Write to {{ contacts.privacy }}.\n", encoding="utf-8")
    sources = load_sources(WorkTree(root), load_project(root))
    cache = RenderCache()
    first, second = (cache.render(sources, sources.policy("mini"), "en", meta={"updated": day})
                     for day in (date(2026, 2, 1), date(2026, 3, 1)))
    assert (cache.hits, cache.misses) == (1, 1)
    assert second == render_policy(sources, sources.policy("mini"), "en", meta={"updated": date(2026, 3, 1)})
    assert first.meta["updated"] == date(2026, 2, 1) and first.markdown == second.markdown
    dated = [cache.render(sources, sources.policy("security"), "es", meta={"updated": day})
             for day in (date(2026, 2, 1), date(2026, 3, 1))]
    assert cache.misses == 3 and dated[0].markdown != dated[1].markdown
    security = sources.policy("security")
    assert dated[1] == render_policy(sources, security, "es", meta={"updated": date(2026, 3, 1)})
