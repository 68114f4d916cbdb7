"""No lost versions: random histories (Hypothesis) keep every version ever published reachable.

A history is a list of commits to a throwaway repository — editorial edits, material
changes with new effective dates, renames (``formerly:``), files moved without ``formerly``
(a new policy), deletions and restores, a locale's catalog added or changed. After it,
every (policy, effective date) that any commit held must be a version in every locale,
showing the text of the last commit that held it, with a page at ``<policy>/versions/<date>/``
(and a redirect at each earlier id) in the page list.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from redline.config import load_project
from redline.history import History, read_history
from redline.publish.site import site_pages
from tests.conftest import GitProject, make_project

MKDOCS = "site_name: Mini\ndocs_dir: policies\nplugins:\n  - redline:\n      locales: [en, es]\n"
SPANISH = "locales/es/LC_MESSAGES/messages.po"
START = dt.date(2026, 1, 5)
KINDS = ("edit", "material", "rename", "move", "delete", "restore", "add", "locale")
MARKER = re.compile(r"Text \d+ of p\d+\.")
STEP = st.tuples(st.sampled_from(KINDS), st.integers(0, 3), st.integers(-10, 60), st.integers(1, 20))


@dataclass(frozen=True)
class Policy:
    """A policy as the script left it: effective date, the text's marker, earlier ids."""

    effective: dt.date
    marker: str
    formerly: tuple[str, ...] = ()


@dataclass
class Script:
    """The simulated repository: live policies, renames, and every (id, effective) -> last marker."""

    live: dict[str, Policy] = field(default_factory=dict)
    deleted: dict[str, Policy] = field(default_factory=dict)
    renamed: dict[str, str] = field(default_factory=dict)
    held: dict[tuple[str, dt.date], str] = field(default_factory=dict)
    spanish: str | None = None
    count: int = 0

    def fresh(self) -> str:
        """A policy id never used before."""
        self.count += 1
        return f"p{self.count}"

    def final(self, ident: str) -> str:
        """The id a policy ends up with after every rename."""
        while ident in self.renamed:
            ident = self.renamed[ident]
        return ident

    def record(self) -> None:
        """Note what the commit just made holds."""
        for ident, policy in self.live.items():
            self.held[(ident, policy.effective)] = policy.marker


def source(ident: str, policy: Policy) -> str:
    """The Markdown source of a policy."""
    formerly = f"formerly: [{', '.join(policy.formerly)}]\n" if policy.formerly else ""
    return (f"---\ntitle: Policy {ident.upper()}\neffective: {policy.effective.isoformat()}\n"
            f"{formerly}---\n\n# Policy {ident.upper()} {{ #top }}\n\n## Use {{ #use }}\n\n{policy.marker}\n")


def catalog(word: str) -> str:
    """A Spanish catalog translating one heading (the rest falls back to English)."""
    return f'msgid ""\nmsgstr ""\n"Language: es\\n"\n\nmsgid "Use"\nmsgstr "{word}"\n'


def apply(script: Script, step: tuple[str, int, int, int], day: dt.date, n: int
          ) -> dict[str, str | None]:
    """Change the simulated repository by one step; return the files to commit."""
    kind, pick, offset, _ = step
    ids = sorted(script.live)
    if kind == "restore" and script.deleted:
        ident = sorted(script.deleted)[pick % len(script.deleted)]
        script.live[ident] = script.deleted.pop(ident)
        return {f"policies/{ident}.md": source(ident, script.live[ident])}
    if not ids or kind in ("add", "restore"):
        ident = script.fresh()
        script.live[ident] = Policy(day + dt.timedelta(days=offset), f"Text {n} of {ident}.")
        return {f"policies/{ident}.md": source(ident, script.live[ident])}
    ident = ids[pick % len(ids)]
    policy = script.live[ident]
    if kind == "edit":
        script.live[ident] = replace(policy, marker=f"Text {n} of {ident}.")
    elif kind == "material":
        script.live[ident] = Policy(day + dt.timedelta(days=offset), f"Text {n} of {ident}.", policy.formerly)
    elif kind == "delete":
        script.deleted[ident] = script.live.pop(ident)
        return {f"policies/{ident}.md": None}
    elif kind == "move":
        new = script.fresh()
        script.live[new] = replace(script.live.pop(ident), formerly=())
        return {f"policies/{ident}.md": None, f"policies/{new}.md": source(new, script.live[new])}
    elif kind == "rename":
        new = script.fresh()
        script.renamed[ident] = new
        script.live[new] = replace(script.live.pop(ident), formerly=(*policy.formerly, ident))
        return {f"policies/{ident}.md": None, f"policies/{new}.md": source(new, script.live[new])}
    else:
        script.spanish = catalog(f"Uso {n}")
        return {SPANISH: script.spanish}
    return {f"policies/{ident}.md": source(ident, script.live[ident])}


def run(project: GitProject, steps: list[tuple[str, int, int, int]]) -> tuple[Script, dt.date]:
    """Commit the initial policy and every step; return the script and the last commit's day."""
    script = Script()
    day = START
    files: dict[str, str | None] = {"mkdocs.yml": MKDOCS, **apply(script, ("add", 0, -4, 0), day, 0)}
    project.commit(files, "Initial", day.isoformat())
    script.record()
    for n, step in enumerate(steps, 1):
        day += dt.timedelta(days=step[3])
        project.commit(apply(script, step, day, n), f"Step {n}: {step[0]}", day.isoformat())
        script.record()
    return script, day


def expected(script: Script) -> dict[str, dict[str, str]]:
    """Final policy id -> effective date -> the marker of the text that version shows."""
    versions: dict[str, dict[str, str]] = {}
    for (ident, effective), marker in script.held.items():
        versions.setdefault(script.final(ident), {})[effective.isoformat()] = marker
    return {ident: dict(sorted(dates.items())) for ident, dates in sorted(versions.items())}


def found(history: History, locale: str) -> dict[str, dict[str, str]]:
    """The same, read from the history model (English fallback marks aside)."""
    return {h.policy: {v.slug: marker_in(v.rendered.markdown) for v in h.versions}
            for h in history.locales[locale]}


def marker_in(text: str) -> str:
    """The marker a rendered text shows."""
    return "".join(MARKER.findall(text))


def aliases(script: Script) -> dict[str, list[str]]:
    """Final policy id -> every earlier id."""
    out: dict[str, list[str]] = {}
    for old in script.renamed:
        out.setdefault(script.final(old), []).append(old)
    return out


@settings(max_examples=25, deadline=None)
@given(st.lists(STEP, min_size=1, max_size=6), st.integers(0, 90))
def test_every_version_stays_reachable(steps: list[tuple[str, int, int, int]], later: int) -> None:
    """Whatever the history, every version ever committed is in the model and has its page."""
    with tempfile.TemporaryDirectory() as folder:
        project = make_project(Path(folder) / "repo", example=False)
        script, last = run(project, steps)
        today = last + dt.timedelta(days=later)
        history = read_history(load_project(project.root), today, allow_fallback=True)
    want = expected(script)
    pages = site_pages(history, today)
    for locale in ("en", "es"):
        assert found(history, locale) == want
        paths = {page.path: page for page in pages[locale]}
        for ident, dates in want.items():
            for date, marker in dates.items():
                assert marker in paths[f"{ident}/versions/{date}/index.md"].body
                for old in aliases(script).get(ident, []):
                    assert f"{old}/versions/{date}/index.html" in paths
            assert f"{ident}/index.md" in paths
