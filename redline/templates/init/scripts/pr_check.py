#!/usr/bin/env python3
"""The pull-request check, in one place: the workflow runs this script, and so do the tests.

    python scripts/pr_check.py BASE HEAD --out DIR [--notice-date YYYY-MM-DD]

It runs, in order:

1. ``redline check``: data, templates, catalogs, placeholders;
2. ``redline diff BASE HEAD --format markdown``: the pull-request comment;
3. ``redline diff BASE HEAD --format json``: its top-level ``material`` picks the label;

then exits with the worst exit status of the three: 0 all clean, 1 a check failed (problems
found, or the notice gate: an effective date too early for a material change), 2 unusable
input. The comment and the label are written even when it exits 1, so the pull request says why.

Files written into DIR: ``comment.md`` (starts with the hidden marker the comment step looks for),
``diff.json``, ``label``. With ``GITHUB_OUTPUT`` set (GitHub Actions), the step outputs
``comment``, ``label``, ``material`` and ``status`` too; with ``GITHUB_STEP_SUMMARY`` set, the
whole comment goes to the job summary. ``REDLINE`` names the redline executable (default: the
one beside this Python, else the one on PATH); ``REDLINE_NOTICE_DATE`` sets ``--notice-date``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

MARKER = "<!-- redline-diff -->"
LABELS = {True: "material-change", False: "editorial-change"}
# GitHub refuses comments over 65,536 characters; keep room for the closing note.
COMMENT_LIMIT = 60_000
CUT_NOTE = "\n*The report is cut here: the whole report is in the summary of the check run.*\n"


@dataclass(frozen=True)
class Run:
    """One command's exit status and output."""

    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str


def redline_executable() -> str:
    """The redline command: $REDLINE, else the one installed beside this Python, else PATH."""
    explicit = os.environ.get("REDLINE")
    if explicit:
        return explicit
    beside = shutil.which("redline", path=str(Path(sys.executable).parent))
    return beside or shutil.which("redline") or "redline"


def run(*args: str) -> Run:
    """Run ``redline ARGS`` in the current folder; echo the command and its status to stderr."""
    command = (redline_executable(), *args)
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    print(f"$ redline {' '.join(args)}  # exit {result.returncode}", file=sys.stderr)
    return Run(tuple(args), result.returncode, result.stdout, result.stderr)


def fenced(text: str) -> str:
    """``text`` in a Markdown code block that its own backticks cannot close."""
    fence = "````" if "```" in text else "```"
    return f"{fence}text\n{text.rstrip()}\n{fence}\n"


def check_section(check: Run) -> str:
    """The comment's part about ``redline check``: empty when it passed."""
    if check.code == 0:
        return ""
    return ("**`redline check` found problems.** Fix them before merging:\n\n"
            + fenced(check.stdout + check.stderr) + "\n")


def diff_section(markdown: Run) -> str:
    """The comment's part about the diff: its Markdown report, or why there is none."""
    if markdown.code in (0, 1) and markdown.stdout.strip():
        return markdown.stdout.rstrip() + "\n"
    return "**`redline diff` could not compare the two versions:**\n\n" + fenced(markdown.stderr)


def limit(comment: str, size: int = COMMENT_LIMIT) -> str:
    """Cut a comment GitHub would refuse at a line break, saying where the rest is.

    >>> limit("a\\nb\\n", size=3)
    'a\\n\\n*The report is cut here: the whole report is in the summary of the check run.*\\n'
    """
    if len(comment) <= size:
        return comment
    cut = comment.rfind("\n", 0, size) + 1
    return comment[:cut] + CUT_NOTE


def material(json_run: Run) -> bool | None:
    """The top-level ``material`` of the JSON report, or None when there is no report."""
    if json_run.code not in (0, 1):
        return None
    try:
        value = json.loads(json_run.stdout).get("material")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, bool) else None


def write_outputs(out: Path, comment: str, verdict: bool | None, status: int) -> None:
    """Write comment.md and label into ``out``, and the step outputs for GitHub Actions."""
    label = "" if verdict is None else LABELS[verdict]
    (out / "comment.md").write_text(limit(comment), encoding="utf-8")
    (out / "label").write_text(label + "\n" if label else "", encoding="utf-8")
    outputs = {"comment": str(out / "comment.md"), "label": label,
               "material": "" if verdict is None else str(verdict).lower(), "status": str(status)}
    _append(os.environ.get("GITHUB_OUTPUT"), "".join(f"{key}={value}\n" for key, value in outputs.items()))
    _append(os.environ.get("GITHUB_STEP_SUMMARY"), comment)


def _append(path: str | None, text: str) -> None:
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text)


def merge_base(base: str, head: str) -> str:
    """What the pull request shows: the commit HEAD branched from, not the base branch's tip.

    A base branch that moved on since would otherwise show its own new commits, reversed.
    """
    found = subprocess.run(["git", "merge-base", base, head], capture_output=True, text=True, check=False)
    tip = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"],
                         capture_output=True, text=True, check=False)
    fork = found.stdout.strip() if found.returncode == 0 else ""
    # the base's own name while it has not moved on (the comment names it); else the fork point
    return fork if fork and fork != tip.stdout.strip() else base


def pr_check(base: str, head: str, out: Path, notice_date: str | None) -> int:
    """Run the three commands in order, write the outputs, return the exit status."""
    out.mkdir(parents=True, exist_ok=True)
    extra = ("--notice-date", notice_date) if notice_date else ()
    base = merge_base(base, head)
    check = run("check")
    markdown = run("diff", base, head, "--format", "markdown", *extra)
    as_json = run("diff", base, head, "--format", "json", *extra)
    (out / "diff.json").write_text(as_json.stdout, encoding="utf-8")
    verdict = material(as_json)
    status = max(check.code, markdown.code, as_json.code, 0 if verdict is not None else 2)
    comment = f"{MARKER}\n{check_section(check)}{diff_section(markdown)}"
    write_outputs(out, comment, verdict, status)
    print(f"label: {LABELS[verdict] if verdict is not None else '(none)'}\nexit: {status}", file=sys.stderr)
    return min(status, 2)


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the check."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("base", metavar="BASE", help="the target branch, e.g. origin/main")
    parser.add_argument("head", metavar="HEAD", help="the proposed revision, e.g. HEAD")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for the outputs")
    parser.add_argument("--notice-date", default=os.environ.get("REDLINE_NOTICE_DATE") or None,
                        metavar="YYYY-MM-DD", help="day the change is announced (default: today)")
    args = parser.parse_args(argv)
    return pr_check(args.base, args.head, args.out, args.notice_date)


if __name__ == "__main__":
    sys.exit(main())
