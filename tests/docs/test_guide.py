"""docs/editing.md, the editor's guide: its walkthrough runs, in order, on a copy of the example.

The guide is made of three kinds of fenced blocks that this test reads:

- ```` ```sh ````: commands, run one by one in the repository; each must exit 0, or the code
  written next to it (``redline check  # exit 1``);
- ```` ```diff title="PATH" ````: an edit, the way a pull request shows it: lines starting with
  ``-`` are taken out, ``+`` put in, a space kept (they must be found in PATH as written);
- ```` ```yaml title="PATH" ```` (any other language with a title): a new file, written whole;
- a ```` ```text ```` block right after a ``sh`` block: the whole output of its last command,
  where ``…`` stands for any text within a line (a commit id, today's date) and a line of
  only ``…`` for lines left out.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import GitProject
from tests.paths import ROOT

GUIDE = ROOT / "docs" / "editing.md"
FENCE = re.compile(r"^```(?P<info>[^\n]*)\n(?P<body>.*?)^```[ \t]*$", re.M | re.S)
TITLE = re.compile(r'title="(?P<path>[^"]+)"')
EXIT = re.compile(r"\s+#\s*exit\s+(?P<code>\d+)\s*$")
#: the fixed dates of the walkthrough's commits
GIT_DATE = "2026-03-02T12:00:00+00:00"


@dataclass(frozen=True)
class Step:
    """One thing the guide tells the editor to do.

    Attributes:
        line: where it is in the guide (1-based).
        kind: ``run`` (a command), ``edit`` (a diff), ``write`` (a new file).
        text: the command, the diff body, or the file content.
        path: the file of an edit or a new file.
        code: the exit status the guide promises for a command.
        output: the output the guide shows for a command, if any.
    """

    line: int
    kind: str
    text: str
    path: str = ""
    code: int = 0
    output: str | None = None


def commands(body: str, first_line: int) -> list[Step]:
    """The commands of a ``sh`` block: one a line (``\\`` continues it), comments skipped."""
    steps: list[Step] = []
    pending, start = "", first_line
    for number, raw in enumerate(body.splitlines(), first_line):
        if not pending:
            start = number
        if raw.endswith("\\"):
            pending += raw[:-1] + " "
            continue
        line, pending = pending + raw, ""
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        found = EXIT.search(line)
        command = line[: found.start()] if found else re.sub(r"\s+#.*$", "", line)
        steps.append(Step(start, "run", command.strip(), code=int(found["code"]) if found else 0))
    return steps


def parse(text: str) -> list[Step]:
    """Every step of the guide, in order."""
    steps: list[Step] = []
    previous_end = -1
    for match in FENCE.finditer(text):
        info, body = match["info"].strip(), match["body"]
        line = text.count("\n", 0, match.start()) + 2
        language, title = (info.split() or [""])[0], TITLE.search(info)
        if language == "sh":
            steps += commands(body, line)
        elif language == "text" and steps and steps[-1].kind == "run" and \
                not text[previous_end:match.start()].strip():
            last = steps.pop()
            steps.append(Step(last.line, "run", last.text, code=last.code, output=body))
        elif title:
            steps.append(Step(line, "edit" if language == "diff" else "write", body, path=title["path"]))
        previous_end = match.end()
    return steps


def apply_diff(content: str, diff: str, path: str) -> str:
    """Apply a diff block: its context and ``-`` lines, found in ``content``, become context and ``+``."""
    old, new = [], []
    for line in diff.splitlines():
        mark, rest = line[:1], line[1:]
        if mark in (" ", "-"):
            old.append(rest)
        if mark in (" ", "+"):
            new.append(rest)
    before, after = "\n".join(old) + "\n", "\n".join(new) + "\n"
    assert content.count(before) == 1, f"{path}: the guide's diff does not match the file once:\n{before}"
    return content.replace(before, after)


def matches(expected: str, actual: str) -> bool:
    r"""True when ``actual`` is ``expected``, where ``…`` stands for any text within a line, and a
    line holding only ``…`` for any number of lines.

    >>> matches("Comparing main (…) → HEAD\n", "Comparing main (42ea001c17) → HEAD\n")
    True
    >>> matches("…\nlast\n", "first\nsecond\nlast\n"), matches("ok …\n", "ok\nmore\n")
    (True, False)
    """
    parts = []
    for line in expected.splitlines(keepends=True):
        if line.rstrip("\n") == "…":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append("[^\n]*?".join(re.escape(piece) for piece in line.split("…")))
    return re.fullmatch("".join(parts), actual) is not None


def environment(home: Path) -> dict[str, str]:
    """What the editor's shell has: this venv's redline first on PATH, a git identity, fixed dates."""
    return {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(home), "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Jane Roe", "GIT_AUTHOR_EMAIL": "jane@example.com",
        "GIT_COMMITTER_NAME": "Jane Roe", "GIT_COMMITTER_EMAIL": "jane@example.com",
        "GIT_AUTHOR_DATE": GIT_DATE, "GIT_COMMITTER_DATE": GIT_DATE, "NO_MKDOCS_2_WARNING": "1",
    }


def perform(step: Step, root: Path, env: dict[str, str]) -> Step:
    """Do one step; return it as it actually happened (exit status and output)."""
    if step.kind == "edit":
        target = root / step.path
        edited = apply_diff(target.read_text(encoding="utf-8"), step.text, step.path)
        target.write_text(edited, encoding="utf-8")
        return step
    if step.kind == "write":
        (root / step.path).parent.mkdir(parents=True, exist_ok=True)
        (root / step.path).write_text(step.text, encoding="utf-8")
        return step
    result = subprocess.run(["bash", "-c", step.text], cwd=root, env=env, capture_output=True, text=True,
                            check=False)
    output = result.stdout + result.stderr if step.output is not None else None
    if step.output is not None and output is not None and matches(step.output, output):
        output = step.output
    return Step(step.line, step.kind, step.text, step.path, result.returncode, output)


@pytest.fixture
def editor_repo(git_project: GitProject, tmp_path: Path) -> GitProject:
    """The example project as an editor's clone: main committed and pushed to a bare origin."""
    for part in ("scripts", ".gitignore"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, git_project.root / part)
        else:
            shutil.copy2(source, git_project.root / part)
    git_project.commit({}, "Policies in force since 1 February 2026", "2026-02-20")
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(tmp_path / "origin.git")], check=True)
    git_project.git("remote", "add", "origin", str(tmp_path / "origin.git"))
    git_project.git("push", "-q", "-u", "origin", "main")
    return git_project


def test_guide_has_a_walkthrough() -> None:
    """The guide holds commands, edits and shown outputs for the test to follow."""
    steps = parse(GUIDE.read_text(encoding="utf-8"))
    kinds = {kind: sum(step.kind == kind for step in steps) for kind in ("run", "edit", "write")}
    assert (all(kinds.values()), any(step.output is not None for step in steps)) == (True, True), kinds


def test_guide_walkthrough_runs_as_written(editor_repo: GitProject, tmp_path: Path) -> None:
    """Every command of the guide exits as written, every edit applies, every shown output is exact."""
    steps = parse(GUIDE.read_text(encoding="utf-8"))
    env = environment(tmp_path / "home")
    (tmp_path / "home").mkdir()
    actual = [perform(step, editor_repo.root, env) for step in steps]
    assert [(s.line, s.text, s.code, s.output) for s in actual] == \
        [(s.line, s.text, s.code, s.output) for s in steps]


def test_parse_reads_exit_codes_continuations_and_outputs() -> None:
    """The guide parser: exit-code comments, continued lines, titled edits and shown outputs."""
    guide = ("Intro.\n\n```sh\n# a comment\nredline check  # exit 1\nredline diff \\\n  --format json\n```\n"
             "```text\nok\n```\n\n```diff title=\"a.yml\"\n-x: 1\n+x: 2\n```\n")
    assert parse(guide) == [
        Step(5, "run", "redline check", code=1),
        Step(6, "run", "redline diff    --format json", output="ok\n"),
        Step(14, "edit", "-x: 1\n+x: 2\n", path="a.yml"),
    ]


def test_apply_diff_replaces_exactly_one_place() -> None:
    """An edit replaces the lines it shows, keeping its context lines."""
    assert apply_diff("a: 1\nb: 2\nc: 3\n", " b: 2\n-c: 3\n+c: 4\n", "x.yml") == "a: 1\nb: 2\nc: 4\n"


def test_matches_reads_ellipses_as_left_out_text() -> None:
    """In a shown output, ``…`` stands for text within a line, a line of ``…`` for whole lines."""
    assert (matches("Comparing main (…)\n", "Comparing main (42ea001c17)\n"),
            matches("…\nlast\n", "first\nsecond\nlast\n"),
            matches("ok …\n", "ok\nmore\n"), matches("ok\n", "ok\n\n")) == (True, True, False, False)
