"""The render cache: a hit is the same text, any input change is a miss, disk entries survive runs."""

from __future__ import annotations

import shutil
from pathlib import Path

from redline.config import load_project
from redline.load.snapshot import WorkTree
from redline.load.sources import load_sources
from redline.render.cache import RenderCache
from redline.render.render import render_policy
from tests.paths import ROOT


def copy_example(target: Path) -> Path:
    """A copy of the example project's sources."""
    target.mkdir(parents=True, exist_ok=True)
    for part in ("mkdocs.yml", "policies", "locales"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / part)
    return target


def test_hit_returns_the_same_rendering(tmp_path: Path) -> None:
    """A second render of unchanged inputs is a hit and equals a fresh render."""
    root = copy_example(tmp_path)
    sources = load_sources(WorkTree(root), load_project(root))
    cache = RenderCache()
    first = cache.render(sources, sources.policy("privacy"), "es")
    second = cache.render(sources, sources.policy("privacy"), "es")
    assert (cache.hits, cache.misses) == (1, 1)
    direct = render_policy(sources, sources.policy("privacy"), "es")
    assert second.markdown == first.markdown == direct.markdown


def test_a_data_change_is_a_miss_only_where_it_matters(tmp_path: Path) -> None:
    """Editing data re-renders; editing the catalog of one locale leaves the others cached."""
    root = copy_example(tmp_path)
    project = load_project(root)
    cache = RenderCache()
    for locale in ("en", "ru"):
        loaded = load_sources(WorkTree(root), project)
        cache.render(loaded, loaded.policy("cookies"), locale)
    po = root / "locales/ru/LC_MESSAGES/messages.po"
    po.write_text(po.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    retention = root / "policies/_data/retention.yml"
    sources = load_sources(WorkTree(root), project)
    cache.render(sources, sources.policy("cookies"), "en")
    assert cache.hits == 1  # a catalog of another locale is not an input of en
    retention.write_text(retention.read_text(encoding="utf-8").replace("P3Y", "P4Y"), encoding="utf-8")
    changed = load_sources(WorkTree(root), project)
    assert "4 years" in cache.render(changed, changed.policy("cookies"), "en").markdown
    assert cache.misses == 3


def test_disk_cache_survives_a_new_run(tmp_path: Path) -> None:
    """Entries saved to disk by one cache are hits for a new cache on the same folder."""
    root = copy_example(tmp_path / "p")
    sources = load_sources(WorkTree(root), load_project(root))
    first = RenderCache(tmp_path / "cache")
    first.render(sources, sources.policy("security"), "en")
    first.save()
    again = RenderCache(tmp_path / "cache")
    rendered = again.render(sources, sources.policy("security"), "en")
    assert (again.hits, again.misses) == (1, 0)
    assert rendered.sections == render_policy(sources, sources.policy("security"), "en").sections
    assert rendered.meta == render_policy(sources, sources.policy("security"), "en").meta


def test_cache_files_of_old_engines_are_pruned(tmp_path: Path) -> None:
    """Opening the cache keeps the three newest files of other engine ids and deletes the rest."""
    import os

    from redline.render.store import Store

    folder = tmp_path / "cache"
    folder.mkdir()
    for age in range(5):
        old = folder / f"cache-old{age}.sqlite"
        old.write_bytes(b"")
        os.utime(old, (1_000_000 - age, 1_000_000 - age))
    store = Store(folder, b"k" * 32)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["cache-old0.sqlite", "cache-old1.sqlite", "cache-old2.sqlite", store.path.name])
    store.close()
