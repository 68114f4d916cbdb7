"""Each measurement of ``bench/run.py``: run a command (or a probe) in a fresh process, time it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.table import Row, Table

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
REDLINE = [sys.executable, "-c", "from redline.cli import main; main()"]
PROBE = [sys.executable, str(BENCH / "probe.py")]


class Failed(Exception):
    """A measured command failed; the row says why."""


@dataclass
class Bench:
    """One benchmark run: the repository measured, a scratch folder, the build date, the table."""

    repo: Path
    work: Path
    day: str
    table: Table

    def run(self, command: list[str], cwd: Path | None = None,
            ok: tuple[int, ...] = (0,)) -> tuple[float, str]:
        """Run ``command``; return (wall seconds, stdout). Exit codes outside ``ok`` fail."""
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
        start = time.perf_counter()
        done = subprocess.run(command, cwd=cwd or self.repo, env=env, capture_output=True, text=True,
                              check=False)
        seconds = time.perf_counter() - start
        if done.returncode not in ok:
            tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            raise Failed(f"exit {done.returncode}: {tail[0][:160]}")
        return seconds, done.stdout

    def probe(self, *args: str) -> tuple[float, dict[str, Any]]:
        """Run ``bench/probe.py``; return (wall seconds, its JSON)."""
        seconds, out = self.run([*PROBE, *args])
        return seconds, json.loads(out.strip().splitlines()[-1])

    def cold(self) -> None:
        """Empty the on-disk render cache."""
        shutil.rmtree(self.repo / ".redline-cache", ignore_errors=True)

    def scratch(self, name: str) -> Path:
        """A fresh folder under the scratch folder."""
        path = self.work / name
        shutil.rmtree(path, ignore_errors=True)
        return path


def measured(bench: Bench, name: str, goal: str = "", **row: Any) -> Any:
    """Decorator: the function returns (value, met, note); a failure becomes a row saying so."""
    def wrap(function: Any) -> Any:
        try:
            value, met, note = function()
        except (Failed, OSError, ValueError, KeyError) as error:
            return bench.table.add(Row(name, None, goal=goal, met=False if goal else None,
                                       note=f"failed: {error}", **row))
        return bench.table.add(Row(name, value, goal=goal, met=met, note=note, **row))
    return wrap


def startup(bench: Bench) -> None:
    """Reference: starting the CLI (Python, imports, click)."""
    @measured(bench, "CLI start (`redline --help`)")
    def _() -> tuple[float, None, str]:
        return min(bench.run([*REDLINE, "--help"])[0] for _ in range(3)), None, "best of 3"


def history(bench: Bench) -> None:
    """The history scan (``read_history`` with the on-disk render cache), cold then warm."""
    for label in ("cold", "warm"):
        if label == "cold":
            bench.cold()

        @measured(bench, f"history scan, {label}")
        def _() -> tuple[float, None, str]:
            seconds, out = bench.probe("history", str(bench.repo), "--date", bench.day)
            filled = (f"cache filled first by {out['workers']} worker processes, then " if out.get("workers")
                      else "")
            note = (f"{out['versions']} versions; {filled}renders {out['misses']}, cache hits {out['hits']}; "
                    f"{out['seconds']:.2f} s in process")
            return seconds, None, note


def changelog(bench: Bench) -> None:
    """``redline changelog --out``: every notice, feeds and emails, cold then warm."""
    for label in ("cold", "warm"):
        if label == "cold":
            bench.cold()

        @measured(bench, f"changelog (all notices), {label}")
        def _() -> tuple[float, None, str]:
            out = bench.scratch("notices")
            seconds, _ = bench.run([*REDLINE, "changelog", "--out", str(out)])
            count = len(json.loads((out / "notices.json").read_text(encoding="utf-8")).get("notices", []))
            return seconds, None, f"{count} notices, {sum(1 for p in out.rglob('*') if p.is_file())} files"


def history_goals(bench: Bench) -> None:
    """The goal rows: history scan + all notices, cold ≤ 5 s and warm ≤ 1 s."""
    for label, limit in (("cold", 5.0), ("warm", 1.0)):
        parts = [bench.table.value(f"history scan, {label}"),
                 bench.table.value(f"changelog (all notices), {label}")]
        total = None if None in parts else sum(p for p in parts if p is not None)
        bench.table.add(Row(f"history scan + all notices, {label}", total, goal=f"≤ {limit:g} s",
                            met=total is not None and total <= limit, note="sum of the two rows above"))


def diffs(bench: Bench) -> None:
    """``redline diff`` between two refs, on the synthetic repository and on the example."""
    @measured(bench, "`redline diff HEAD~1 HEAD` (synthetic)")
    def _() -> tuple[float, None, str]:
        args = [*REDLINE, "diff", "HEAD~1", "HEAD", "--format", "json", "--notice-date", bench.day]
        return min(bench.run(args, ok=(0, 1))[0] for _ in range(3)), None, "best of 3"

    @measured(bench, "`redline diff HEAD~1 HEAD` (example repository)", goal="≤ 0.5 s")
    def _() -> tuple[float, bool, str]:
        args = [*REDLINE, "diff", "HEAD~1", "HEAD", "--format", "json", "--project", str(ROOT)]
        seconds = min(bench.run(args, cwd=ROOT, ok=(0, 1))[0] for _ in range(3))
        start = bench.table.value("CLI start (`redline --help`)") or 0
        return seconds, seconds <= 0.5, f"best of 3; CLI start alone {start:.2f} s"


def build(bench: Bench) -> None:
    """``redline build`` of the whole site, cold then warm."""
    for label in ("cold", "warm"):
        if label == "cold":
            bench.cold()

        @measured(bench, f"full site build, {label}", goal="≤ 1.5 × plain mkdocs")
        def _() -> tuple[float, None, str]:
            site = bench.scratch("site")
            seconds, _ = bench.run([*REDLINE, "build", "--site-dir", str(site), "--date", bench.day])
            pages = sum(1 for _ in site.rglob("*.html"))
            return seconds, None, f"{pages} HTML files, {pages / seconds:.0f} pages/s"
