"""Content lint: slips of the English text that ``redline check`` reports (see docs/editing.md).

:mod:`redline.lint.rules` holds the rules (plain functions, listed in ``RULES``);
:mod:`redline.lint.silences` the findings kept on purpose, with their reasons, in ``lint.yml``.
"""

from __future__ import annotations

from redline.lint.rules import RULES, LintContext, LintFinding, anchors_of
from redline.lint.silences import LINT_FILE, LintReport, Silence, apply_silences, load_silences
from redline.load.sources import Sources

__all__ = ["LINT_FILE", "RULES", "LintFinding", "LintReport", "Silence", "lint_policies", "run_lint"]


def lint_policies(sources: Sources) -> list[LintFinding]:
    """Every finding of every rule on every policy, policies in id order, rules in ``RULES`` order."""
    catalogs = list(sources.catalogs.values())
    context = LintContext({ident: anchors_of(policy, catalogs) for ident, policy in sources.policies.items()},
                          sources.catalogs)
    found: list[LintFinding] = []
    for policy in sources.policies.values():
        # a catalog entry shared by several blocks (the same sentence twice) is reported once
        own = list(dict.fromkeys(finding for rule in RULES.values() for finding in rule(policy, context)))
        # the policy's own lines first, in line order; then the catalogs' (links in translations)
        found += sorted(own, key=lambda f: (not f.where.startswith(f"{policy.path}:"), _file_line(f.where)))
    return found


def run_lint(sources: Sources) -> LintReport:
    """Lint the policies of ``sources`` and apply the silences of its ``lint.yml``."""
    return apply_silences(lint_policies(sources), load_silences(sources.snapshot))


def _file_line(where: str) -> tuple[str, int]:
    """``("policies/privacy.md", 79)`` from ``policies/privacy.md:79``, for sorting."""
    path, _, line = where.rpartition(":")
    return path, int(line) if line.isdigit() else 0
