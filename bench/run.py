"""Benchmark Redline on a synthetic policy repository and print one table.

    python bench/run.py [--policies P --locales L --commits C]

Generates (or reuses, from ``bench/.cache/``) a repository of P policies × L locales × C
commits, then times, each in a fresh process: the history scan and the changelog (cold:
empty render cache; warm: again, with the cache on disk), ``redline diff`` between two
refs, the full site build, and — for the same pages — the floors: python-markdown in
process and a plain ``mkdocs build`` with Material. See ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))


def _reexec_in_venv() -> None:
    """Run under the project's virtualenv when started with another Python (``python bench/run.py``)."""
    venv = ROOT / ".venv" / "bin" / "python"
    try:
        import mkdocs  # noqa: F401

        import redline  # noqa: F401
    except ImportError:
        # Not resolve(): a virtualenv's python is a symlink to the very interpreter it runs.
        if venv.is_file() and Path(sys.prefix).resolve() != venv.parent.parent.resolve():
            os.execv(str(venv), [str(venv), *sys.argv])
        raise SystemExit("Redline is not installed: run `make build` (it creates .venv) first") from None


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--policies", type=int, default=20, metavar="P")
    parser.add_argument("--locales", type=int, default=4, metavar="L")
    parser.add_argument("--commits", type=int, default=1000, metavar="C")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, default=None, metavar="FILE",
                        help="Also write the rows as JSON.")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR",
                        help="Keep the outputs (site, pages, floors, notices) in DIR.")
    return parser.parse_args()


def main() -> None:
    _reexec_in_venv()
    from bench import machine, sitesteps, steps
    from bench.synth import Params, cached_repo
    from bench.table import Row, Table

    args = arguments()
    params = Params(args.policies, args.locales, args.commits, seed=args.seed)
    table = Table()
    start = time.perf_counter()
    repo, generated = cached_repo(params)
    made = json.loads((repo / ".git" / "redline-bench.json").read_text(encoding="utf-8"))
    table.add(Row(f"generate {params.policies} × {params.locales} × {params.commits} repository",
                  made.get("seconds"), note=("generated now" if generated else "cached in bench/.cache/") +
                  f", {made.get('packed_mb', 0):.1f} MB packed"))
    with _scratch(args.keep) as work:
        bench = steps.Bench(repo, work, _head_day(repo), table)
        _measure(bench, steps, sitesteps)
    took = time.perf_counter() - start
    print(f"Redline benchmark — {repo.name}, build date {bench.day}, {took:.0f} s in all\n")
    print(machine.describe(), end="\n\n")
    print(table.markdown())
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in table.rows], indent=1), encoding="utf-8")


def _measure(bench: object, steps: object, sitesteps: object) -> None:
    for step in (steps.startup, steps.history, steps.changelog, steps.history_goals,  # type: ignore[attr-defined]
                 steps.diffs, steps.build):  # type: ignore[attr-defined]
        step(bench)
    docs = sitesteps.floors(bench)  # type: ignore[attr-defined]
    sitesteps.build_goal(bench)  # type: ignore[attr-defined]
    sitesteps.weights(bench, docs)  # type: ignore[attr-defined]


@contextlib.contextmanager
def _scratch(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep.resolve()
        return
    with tempfile.TemporaryDirectory(prefix="redline-bench-") as work:
        yield Path(work)


def _head_day(repo: Path) -> str:
    out = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=repo, capture_output=True, text=True,
                         check=True)
    return out.stdout.strip()


if __name__ == "__main__":
    main()
