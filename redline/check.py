"""``redline check`` as a pure function: every problem of a snapshot, collected, not raised."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from redline.errors import RedlineError
from redline.i18n.units import translation_units
from redline.lint import LINT_FILE, LintFinding, LintReport, run_lint
from redline.load.data import Issue
from redline.load.sources import Sources
from redline.render.render import render_policy


@dataclass(frozen=True)
class CheckResult:
    """What ``redline check`` found: the problems (exit 1 when any), and the lint findings silenced."""

    problems: list[Issue] = field(default_factory=list)
    lint: LintReport = field(default_factory=LintReport)


def find_problems(sources: Sources) -> list[Issue]:
    """Data, template, catalog and content-lint problems, in a stable order."""
    return check_sources(sources).problems


def check_sources(sources: Sources) -> CheckResult:
    """Every problem of ``sources`` (duplicate heading ids fail parsing), and the lint's report."""
    problems = list(sources.issues)
    if any(not i.where.endswith(".po") and ".po:" not in i.where for i in sources.issues):
        return CheckResult(problems)  # invalid data: rendering would only repeat the same errors
    problems.extend(markup_issues(sources))
    problems.extend(_untranslated(sources))
    problems.extend(_interface_words(sources))
    problems.extend(_render_errors(sources))
    report = run_lint(sources)
    problems.extend(lint_issue(finding) for finding in report.findings)
    problems.extend(report.stale)
    return CheckResult(problems, report)


def lint_issue(finding: LintFinding) -> Issue:
    """A lint finding as ``check`` prints it: the rule named, and how to silence it if it must stay."""
    silence = f"- {{rule: {finding.rule}, policy: {finding.policy}, section: {finding.section}, reason: …}}"
    return Issue(finding.where, f"{finding.message} [{finding.rule}]",
                 f"{finding.fix}; or keep it, with a reason: add `{silence}` under `silence:` in {LINT_FILE}")


def markup_issues(sources: Sources) -> Iterator[Issue]:
    """Markup the policies' English text may not use: hiding HTML, comments, attribute lists
    beyond ids, and the constructs the diff cannot read. ``check`` lists them, ``build`` refuses
    the first (the same message), so a page is never published with them."""
    from redline.load.structure import construct_problems, markup_problems

    for policy in sources.policies.values():
        for where, what, fix in markup_problems(policy.blocks, policy.path):
            yield Issue(where, what, fix)
        for where, what, fix in construct_problems(policy.body, policy.body_line, policy.path):
            yield Issue(where, what, fix)


def _untranslated(sources: Sources) -> Iterator[Issue]:
    units = translation_units(sources)
    for locale, catalog in sources.catalogs.items():
        seen: set[str] = set()
        for unit in units:
            if unit.msgid in seen or catalog.lookup(unit.msgid) is not None:
                continue
            seen.add(unit.msgid)
            entry = catalog.entries.get(unit.msgid)
            where = f"{catalog.path}:{entry.line}" if entry else catalog.path
            state = "fuzzy" if entry and entry.fuzzy else "missing"
            yield Issue(where, f"{state} translation ({locale}) of {unit.where}: {_short(unit.msgid)!r}",
                        "translate it and clear the fuzzy flag (`redline i18n update` adds new ones)")


def _interface_words(sources: Sources) -> Iterator[Issue]:
    """A published locale without Redline's interface words would show them in English."""
    from redline.i18n import ui

    for locale in sources.project.locales:
        keys = ui.missing(locale)
        if keys:
            shown = ", ".join(keys[:3]) + (", …" if len(keys) > 3 else "")
            yield Issue(f"{sources.project.locales_dir}/{locale}/LC_MESSAGES/redline.po",
                        f"{len(keys)} of Redline's interface words missing in {locale} ({shown})",
                        f"`redline i18n ui {locale}` writes the catalog to translate")


def _render_errors(sources: Sources) -> Iterator[Issue]:
    for locale in sources.project.locales:
        for policy in sources.policies.values():
            try:
                render_policy(sources, policy, locale, allow_fallback=True)
            except RedlineError as error:
                yield Issue(error.where or policy.id, f"[{locale}] {error.what}", error.fix or "")


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
