"""Synthetic repositories on disk, cached under ``bench/.cache/`` by their parameters."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from bench.synth import fastimport, timeline
from bench.synth.timeline import Params

BENCH = Path(__file__).resolve().parent.parent
ROOT = BENCH.parent
CACHE = BENCH / ".cache"
LOCALES_RE = re.compile(r"^(\s*locales:\s*)\[[^\]]*\]", re.MULTILINE)
#: a commit of the project's own history means nothing in a synthetic one
HISTORY_START_RE = re.compile(r"^\s*history_start:.*\n", re.MULTILINE)
MARKER = "redline-bench.json"


def base_files(locales: tuple[str, ...]) -> dict[str, str | bytes]:
    """Files every synthetic repository shares with the project: mkdocs.yml, overrides/."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config, found = LOCALES_RE.subn(lambda m: f"{m.group(1)}[{', '.join(locales)}]", config, count=1)
    if not found:
        raise SystemExit("mkdocs.yml has no `locales: [...]` line in its redline plugin entry")
    config = HISTORY_START_RE.sub("", config)
    files: dict[str, str | bytes] = {"mkdocs.yml": config, ".gitignore": "site/\n.redline-cache/\n*.mo\n"}
    for path in sorted((ROOT / "overrides").rglob("*")):
        if path.is_file():
            files[path.relative_to(ROOT).as_posix()] = path.read_bytes()
    return files


def _fingerprint(params: Params) -> str:
    """Digest of everything the generated repository depends on."""
    digest = hashlib.sha256(json.dumps(asdict(params), default=str, sort_keys=True).encode())
    sources = [*sorted((BENCH / "synth").glob("*.py")), ROOT / "redline" / "blocks.py",
               ROOT / "redline" / "i18n" / "extract.py"]
    for path in sources:
        digest.update(path.read_bytes())
    for path, content in sorted(base_files(timeline.pseudoless_locales(params.locales)).items()):
        digest.update(path.encode() + b"\0" + (content.encode() if isinstance(content, str) else content))
    return digest.hexdigest()[:12]


def generate(params: Params, root: Path) -> None:
    """Write the synthetic repository for ``params`` at ``root`` (an empty or missing folder)."""
    start = time.perf_counter()
    root.mkdir(parents=True, exist_ok=True)
    locales = timeline.pseudoless_locales(params.locales)
    steps = timeline.steps(params, base_files(locales))
    fastimport.import_history(root, steps, list(locales[1:]))
    facts = {**asdict(params), "seconds": time.perf_counter() - start, "packed_mb": _packed_mb(root)}
    (root / ".git" / MARKER).write_text(json.dumps(facts, default=str), encoding="utf-8")


def _packed_mb(root: Path) -> float:
    out = subprocess.run(["git", "count-objects", "-v"], cwd=root, capture_output=True, text=True, check=True)
    sizes = dict(line.split(": ", 1) for line in out.stdout.splitlines() if ": " in line)
    return (int(sizes.get("size-pack", "0")) + int(sizes.get("size", "0"))) / 1024


def cached_repo(params: Params, cache: Path = CACHE) -> tuple[Path, bool]:
    """The repository for ``params``, generated on first use; True when it was generated now."""
    name = f"p{params.policies}-l{params.locales}-c{params.commits}-s{params.seed}-{_fingerprint(params)}"
    target = cache / name
    if (target / ".git" / MARKER).is_file():
        return target, False
    cache.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=cache))
    try:
        generate(params, staging)
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target, True
