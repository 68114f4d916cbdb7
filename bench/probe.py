"""In-process measurements, each run in its own process by ``bench/run.py``.

    python bench/probe.py history ROOT --date D       read_history with the on-disk render cache
    python bench/probe.py dump ROOT OUT --date D       the pages `redline build` would build, as files
    python bench/probe.py markdown DOCS                python-markdown over those pages
    python bench/probe.py mkdocs DOCS SITE [--jobs N]  plain mkdocs + Material over those pages

Each prints one JSON object on stdout (seconds measured inside the process, counts).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import floors


def history(root: Path, day: dt.date) -> dict[str, Any]:
    """Scan the whole history once, rendering through the on-disk cache at ``.redline-cache/``."""
    from redline.config import load_project
    from redline.history import read_history
    from redline.render.cache import RenderCache

    start = time.perf_counter()
    cache = RenderCache(root / ".redline-cache")
    found = read_history(load_project(root), day, cache=cache)
    versions = sum(len(h.versions) for h in next(iter(found.locales.values())))
    return {"seconds": time.perf_counter() - start, "versions": versions,
            "hits": cache.hits, "misses": cache.misses, "workers": found.workers}


def dump(root: Path, out: Path, day: dt.date) -> dict[str, Any]:
    """Run ``redline build`` with MkDocs replaced by a writer of the pages it was handed."""
    import redline.mkdocs_build as driver
    from redline.cli import main

    seen: dict[str, Any] = {}

    def capture(project: Any, pages: dict[str, list[Any]], *args: Any, **kwargs: Any) -> None:
        seen["pages"] = floors.write_pages(pages, out, Path(project.root) / "mkdocs.yml")

    driver.build_site = capture  # type: ignore[assignment]
    start = time.perf_counter()
    main(["build", "--project", str(root), "--date", day.isoformat(), "--site-dir", str(out / "_unused")],
         standalone_mode=False)
    return {"seconds": time.perf_counter() - start, "pages": seen.get("pages", 0)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("what", choices=["history", "dump", "markdown", "mkdocs"])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--date", type=dt.date.fromisoformat, default=None)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    if args.what == "history":
        result = history(args.paths[0], args.date)
    elif args.what == "dump":
        result = dump(args.paths[0], args.paths[1], args.date)
    elif args.what == "markdown":
        result = floors.markdown_floor(args.paths[0])
    else:
        result = floors.mkdocs_floor(args.paths[0], args.paths[1], args.jobs)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
