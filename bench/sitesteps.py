"""Measurements of the site: the floors for the same pages, parallel builds, page weight."""

from __future__ import annotations

import filecmp
import json
from pathlib import Path

from bench import variants
from bench.steps import Bench, measured
from bench.table import Row, ratio
from bench.weight import page_weight


def floors(bench: Bench) -> Path:
    """Dump the pages ``redline build`` makes, then build them with python-markdown and plain MkDocs."""
    docs = bench.scratch("docs")

    @measured(bench, "site pages rendered (build without MkDocs)")
    def _() -> tuple[float, None, str]:
        seconds, out = bench.probe("dump", str(bench.repo), str(docs), "--date", bench.day)
        return seconds, None, f"{out['pages']} pages handed to MkDocs (the build up to MkDocs)"

    @measured(bench, "floor: python-markdown, same pages, in process")
    def _() -> tuple[float, None, str]:
        _, out = bench.probe("markdown", str(docs))
        per = out["seconds"] / max(out["pages"], 1) * 1000
        return out["seconds"], None, f"{out['pages']} pages, {out['words']:,} words, {per:.1f} ms/page"

    for jobs in (1, 2):
        _floor(bench, docs, jobs)
    _identical(bench)
    return docs


def _floor(bench: Bench, docs: Path, jobs: int) -> None:
    name = "floor: plain mkdocs + Material, same pages" if jobs == 1 else \
        "plain mkdocs, 2 locales at a time (2 processes)"

    @measured(bench, name)
    def _() -> tuple[float, None, str]:
        site = bench.scratch(f"floor-{jobs}")
        seconds, _ = bench.probe("mkdocs", str(docs), str(site), "--jobs", str(jobs))
        pages = sum(1 for _ in site.rglob("*.html"))
        if jobs == 1:
            markdown = bench.table.value("floor: python-markdown, same pages, in process")
            return seconds, None, f"{pages} HTML files, {pages / seconds:.0f} pages/s, " \
                                  f"{ratio(seconds, markdown)} python-markdown"
        single = bench.table.value("floor: plain mkdocs + Material, same pages")
        return seconds, None, f"{ratio(single, seconds)} faster than one at a time"


def _identical(bench: Bench) -> None:
    one, two = bench.work / "floor-1", bench.work / "floor-2"
    same = one.is_dir() and two.is_dir() and _same_tree(one, two)
    for row in bench.table.rows:
        if row.name.startswith("plain mkdocs, 2 locales") and row.value is not None:
            row.note += "; output byte-identical" if same else "; output DIFFERS"


def _same_tree(a: Path, b: Path) -> bool:
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    if files != sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file()):
        return False
    return all(filecmp.cmp(a / f, b / f, shallow=False) for f in files)


def build_goal(bench: Bench) -> None:
    """Compare the full builds with the plain MkDocs floor: at most 1.5 times."""
    floor = bench.table.value("floor: plain mkdocs + Material, same pages")
    for row in bench.table.rows:
        if row.name.startswith("full site build") and row.value is not None and floor:
            row.met = row.value <= 1.5 * floor
            row.note += f"; {ratio(row.value, floor)} plain mkdocs"


def weights(bench: Bench, docs: Path) -> None:
    """Weigh the current page of the policy with the most versions, in every locale."""
    site = bench.work / "site"
    policy, count = most_versions(docs)

    @measured(bench, "policy page, first visit (gzip, all assets)", goal="≤ 150 KB", unit="KB")
    def _() -> tuple[float, bool, str]:
        found = {loc.name: page_weight(loc, loc / policy / "index.html")
                 for loc in sorted(site.iterdir()) if (loc / policy / "index.html").is_file()}
        if not found:
            raise ValueError(f"no {policy}/index.html in {site}")
        worst = max(found, key=lambda loc: found[loc].total_gz)
        w = found[worst]
        return w.total_gz, w.total_gz <= 150_000, \
            f"{policy} ({count} versions), worst locale {worst}: HTML {w.html / 1000:.0f} KB " \
            f"({w.html_gz / 1000:.1f} KB gz) + assets {w.assets_gz / 1000:.1f} KB gz"

    @measured(bench, "policy page HTML, 2 versions vs all versions", goal="same size", unit="B")
    def _() -> tuple[float, bool, str]:
        few = variants.two_commit_site(bench, policy)
        full = page_weight(site / "en", site / "en" / policy / "index.html")
        difference = abs(full.chrome - few.chrome)
        short = variants.versions_in(bench, policy)
        return difference, difference <= 64, \
            f"chrome (HTML minus article and TOC) {few.chrome:,} B with {short} versions, " \
            f"{full.chrome:,} B with {count}; whole HTML {few.html:,} vs {full.html:,} B"


def most_versions(docs: Path) -> tuple[str, int]:
    """The policy with the most version pages in the source locale, and how many."""
    manifest = json.loads((docs / "manifest.json").read_text(encoding="utf-8"))
    locale = next(iter(manifest["locales"]))
    counts: dict[str, int] = {}
    for path in manifest["locales"][locale]["not_in_nav"]:
        parts = path.split("/")
        if len(parts) == 4 and parts[1] == "versions":
            counts[parts[0]] = counts.get(parts[0], 0) + 1
    if not counts:
        raise ValueError("no version pages")
    best = max(sorted(counts), key=lambda p: counts[p])
    return best, counts[best]


def not_available(bench: Bench, name: str, why: str) -> None:
    """A row for a measurement whose module has not landed."""
    bench.table.add(Row(name, None, note=why))
