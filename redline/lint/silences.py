"""Silences: lint findings an editor keeps on purpose, each with a written reason, in ``lint.yml``.

``lint.yml`` sits at the top of the repository, beside ``mkdocs.yml`` and ``changes/``::

    silence:
      - rule: empty-heading        # the rule's name, as `redline check` prints it
        policy: privacy            # the policy id (file name without .md)
        section: use-security      # the section id the finding is in, as printed
        text: For Safety           # optional: only findings whose subject contains this
        reason: Kept as the legal team wrote it; they will fill in the section.

It is not under ``policies/``: it is no input of any page, so editing it must not count as a
change of the policies' text in their history. A silence that matches no finding any more is
itself a finding, so the file never keeps excuses for problems that are gone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from redline.errors import RedlineError, did_you_mean
from redline.lint.rules import RULES, LintFinding
from redline.load.data import Issue, decode
from redline.load.snapshot import Snapshot
from redline.load.yamlfile import YamlDocument, parse_yaml

LINT_FILE = "lint.yml"
REQUIRED = ("rule", "policy", "section", "reason")
KEYS = (*REQUIRED[:3], "text", "reason")
FIX_SHAPE = "write `silence:` and under it one `- rule: …` entry per finding (see docs/editing.md)"


@dataclass(frozen=True)
class Silence:
    """One entry of ``lint.yml``.

    Attributes:
        where: ``lint.yml:line`` of the entry.
        rule, policy, section: the findings it covers.
        text: when not empty, only findings whose subject contains it.
        reason: why the finding stays, in the editor's words.
    """

    where: str
    rule: str
    policy: str
    section: str
    reason: str
    text: str = ""

    def matches(self, finding: LintFinding) -> bool:
        """True when ``finding`` is one this entry silences."""
        return (finding.rule, finding.policy, finding.section) == (self.rule, self.policy, self.section) \
            and self.text in finding.subject


@dataclass(frozen=True)
class LintReport:
    """The lint's result: what is left to fix, what was silenced (and by which entry), stale entries."""

    findings: tuple[LintFinding, ...] = ()
    silenced: tuple[tuple[LintFinding, Silence], ...] = ()
    stale: tuple[Issue, ...] = ()


def load_silences(snapshot: Snapshot, path: str = LINT_FILE) -> list[Silence]:
    """Read ``lint.yml`` (none when the file is absent); raise :class:`RedlineError` when it is not valid."""
    raw = snapshot.read(path)
    if raw is None:
        return []
    document = parse_yaml(decode(raw, path), path)
    data = document.data if document.data is not None else {}
    if not isinstance(data, dict) or set(data) - {"silence"}:
        unknown = sorted(set(data) - {"silence"}) if isinstance(data, dict) else []
        where = document.where((unknown[0],)) if unknown else document.where(())
        raise RedlineError(f"unknown key '{unknown[0]}'" if unknown else "lint.yml is not a mapping",
                           where=where, fix=FIX_SHAPE)
    entries = data.get("silence") or []
    if not isinstance(entries, list):
        raise RedlineError("'silence' must be a list of entries", where=document.where(("silence",)),
                           fix=FIX_SHAPE)
    return [_silence(entry, document, index) for index, entry in enumerate(entries)]


def apply_silences(findings: Sequence[LintFinding], silences: Sequence[Silence]) -> LintReport:
    """Split ``findings`` into those left and those silenced; list the entries that matched nothing."""
    left, silenced, used = [], [], set()
    for finding in findings:
        match = next((s for s in silences if s.matches(finding)), None)
        if match is None:
            left.append(finding)
        else:
            silenced.append((finding, match))
            used.add(match)
    stale = tuple(_stale(s, findings) for s in silences if s not in used)
    return LintReport(tuple(left), tuple(silenced), stale)


def _silence(entry: Any, document: YamlDocument, index: int) -> Silence:
    at = ("silence", index)
    if not isinstance(entry, dict):
        raise RedlineError("a silence is a mapping (rule:, policy:, section:, reason:)",
                           where=document.where(at), fix=FIX_SHAPE)
    for key in entry:
        if key not in KEYS:
            raise RedlineError(f"unknown key '{key}'{did_you_mean(str(key), KEYS)}",
                               where=document.where((*at, key)), fix=f"use one of: {', '.join(KEYS)}")
    for key in REQUIRED:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            what = "a silence needs a written reason" if key == "reason" else f"a silence needs '{key}'"
            raise RedlineError(what, where=document.where((*at, key) if key in entry else at),
                               fix=f"write `{key}: …` (a short text)" if key != "reason" else
                               "write why the finding stays: `reason: …` (it stays in the repository)")
    if entry["rule"] not in RULES:
        raise RedlineError(f"unknown lint rule '{entry['rule']}'{did_you_mean(entry['rule'], RULES)}",
                           where=document.where((*at, "rule")), fix=f"use one of: {', '.join(RULES)}")
    text = entry.get("text", "")
    if not isinstance(text, str):
        raise RedlineError("'text' must be a string", where=document.where((*at, "text")),
                           fix="quote it: text: \"…\"")
    return Silence(document.where(at), entry["rule"], entry["policy"], entry["section"],
                   " ".join(entry["reason"].split()), text)


def _stale(silence: Silence, findings: Sequence[LintFinding]) -> Issue:
    sections = sorted({f.section for f in findings if (f.rule, f.policy) == (silence.rule, silence.policy)})
    hint = did_you_mean(silence.section, sections)
    return Issue(silence.where,
                 f"silence of {silence.rule} in {silence.policy}#{silence.section} matches no finding{hint}",
                 "the text it excused has changed: delete the entry (or correct its policy, section or text)")
