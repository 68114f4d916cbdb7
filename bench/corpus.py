"""Score the classifier on a labelled corpus of real revisions, and time it on a 100 KB policy.

    python bench/corpus.py                    # ../shared/corpus-dev next to the repository
    python bench/corpus.py /path/to/corpus    # or REDLINE_CORPUS=/path/to/corpus

A corpus is a folder of ``cases/<case>/{old.md,new.md,meta.json}`` (``meta.json`` has
``label``: material | editorial, ``category`` and optionally ``language``). Each case
runs in process through the same functions as ``redline compare``; the table gives
caught/total per category and names every miss. Never a test dependency: without a
corpus the script says so and only times the 100 KB policy.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus-dev"


@dataclass(frozen=True)
class Outcome:
    """One case: its label and category, what redline said, and why (first material reason)."""

    case: str
    label: str
    category: str
    material: bool | None
    reason: str

    @property
    def hit(self) -> bool:
        return self.material is not None and self.material == (self.label == "material")


def judge(old: str, new: str, lang: str | None = None) -> tuple[bool, str]:
    """Run ``redline compare``'s pipeline on two texts: (material, first material reason)."""
    from redline.classify import classify
    from redline.classify.languages import document_language
    from redline.diff import diff_documents

    diff = diff_documents(old, new)
    verdict = classify(diff.sections, layout=diff.layout, lang=lang or document_language(old, new))
    reasons = [f.reason for f in verdict.findings if f.material]
    return verdict.material, (reasons[0] if reasons else "")


def score(corpus: Path) -> list[Outcome]:
    """Judge every case of a corpus."""
    outcomes = []
    for case in sorted(p for p in (corpus / "cases").iterdir() if (p / "meta.json").is_file()):
        meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
        try:
            old, new = ((case / name).read_bytes().decode("utf-8") for name in ("old.md", "new.md"))
            material, reason = judge(old, new)
        except (UnicodeDecodeError, OSError) as error:  # scored as a miss, like score.py does
            material, reason = None, f"error: {error}"
        outcomes.append(Outcome(case.name, meta["label"], meta.get("category", "?"), material, reason))
    return outcomes


def table(outcomes: list[Outcome]) -> str:
    """Caught/total per (label, category), the misses, and score.py's summary line."""
    groups: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        groups[(outcome.label, outcome.category)].append(outcome)
    lines = ["| label | category | caught | misses |", "|---|---|---:|---|"]
    for (label, category), group in sorted(groups.items()):
        misses = ", ".join(o.case.split("-", 1)[0] for o in group if not o.hit)
        lines.append(f"| {label} | {category} | {sum(o.hit for o in group)}/{len(group)} | {misses} |")
    lines.append("")
    lines += [f"MISS {o.case} ({o.label}, {o.category}) {o.reason[:120]}" for o in outcomes if not o.hit]
    lines.append(summary(outcomes))
    return "\n".join(lines)


def summary(outcomes: list[Outcome]) -> str:
    """The summary line, in score.py's words."""
    parts = []
    for label, verb in (("material", "caught"), ("editorial", "recognised")):
        group = [o for o in outcomes if o.label == label]
        hits = sum(o.hit for o in group)
        share = hits / len(group) if group else 0.0
        parts.append(f"{label} {verb} {hits}/{len(group)} ({share:.2f})")
    return ", ".join(parts)


def synthetic_policy(size: int = 100_000) -> str:
    """A deterministic policy of about ``size`` bytes: headings, paragraphs, lists, tables."""
    parts = ["---\ntitle: Privacy Policy\nlang: en\n---\n", "# Privacy Policy\n"]
    parts.append("Last updated: 1 March 2026\n")
    n = 0
    while sum(map(len, parts)) < size:
        n += 1
        parts.append(f"## {n}. Section {n}\n")
        parts.append(
            f"We keep record {n} for {n % 24 + 1} months and share it only with the providers listed "
            f"below, who process it on our behalf under contract {n}. You may ask us to delete it.\n"
        )
        parts.append("\n".join(f"- Provider {n}-{k}: hosting in the EU" for k in range(4)) + "\n")
        rows = "\n".join(f"| item {n}-{k} | P{k + 1}M |" for k in range(3))
        parts.append("| Data | Period |\n|---|---|\n" + rows)
    return "\n\n".join(parts) + "\n"


def time_compare(best_of: int = 3) -> tuple[int, float, float]:
    """Time ``redline compare --format json`` (a fresh process) on a 100 KB policy with one word
    changed: (bytes, best wall seconds, best CPU seconds of the process). CPU time is what the
    command costs; wall time also counts waiting for a busy machine."""
    old = synthetic_policy()
    new = old.replace("You may ask us to delete it.", "You may ask us to erase it.", 1)
    redline = Path(sys.executable).with_name("redline")
    with tempfile.TemporaryDirectory() as tmp:
        paths = [Path(tmp, "old.md"), Path(tmp, "new.md")]
        for path, text in zip(paths, (old, new), strict=True):
            path.write_text(text, encoding="utf-8")
        walls, cpus = [], []
        for _ in range(best_of):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([str(redline), "compare", "--format", "json", *map(str, paths)], check=True,
                           capture_output=True)
            walls.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return len(old.encode()), min(walls), min(cpus)


def main(argv: list[str]) -> int:
    venv = ROOT / ".venv" / "bin" / "python"
    if venv.exists() and Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
        os.execv(str(venv), [str(venv), __file__, *argv])
    sys.path.insert(0, str(ROOT))
    corpus = Path(argv[0]) if argv else Path(os.environ.get("REDLINE_CORPUS", DEFAULT_CORPUS))
    if (corpus / "cases").is_dir():
        print(f"corpus: {corpus}\n")
        print(table(score(corpus)))
    else:
        print(f"no corpus at {corpus} (pass a path or set REDLINE_CORPUS): scoring skipped")
    size, wall, cpu = time_compare()
    print(f"\nredline compare on a {size // 1000} KB policy: {wall:.2f} s wall, {cpu:.2f} s CPU"
          " (best of 3, fresh process)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
