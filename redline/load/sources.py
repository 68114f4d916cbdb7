"""Everything one snapshot holds: policies, data and catalogs, loaded and validated."""

from __future__ import annotations

from dataclasses import dataclass, field

from redline.config import Project
from redline.errors import RedlineError
from redline.load import memo
from redline.load.catalogs import Catalog, check_locale
from redline.load.data import DataSet, Issue
from redline.load.policy import PolicySource, is_policy
from redline.load.schemas import Facts
from redline.load.snapshot import Snapshot


@dataclass
class Sources:
    """The inputs of every render at one snapshot.

    Attributes:
        project: the project settings.
        snapshot: the files they came from (includes are read from it too).
        policies: policy id -> source, in id order.
        data: the validated data set.
        catalogs: locale -> catalog (translated locales only).
        issues: problems that do not stop loading (placeholder mismatches), for ``check``.
    """

    project: Project
    snapshot: Snapshot
    policies: dict[str, PolicySource] = field(default_factory=dict)
    data: DataSet = field(default_factory=DataSet)
    catalogs: dict[str, Catalog] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)

    def policy(self, ident: str) -> PolicySource:
        """Return one policy or fail listing the known ones."""
        if ident not in self.policies:
            from redline.errors import did_you_mean

            known = ", ".join(self.policies) or "none"
            raise RedlineError(
                f"no policy '{ident}'{did_you_mean(ident, self.policies)}",
                fix=f"use one of: {known}",
            )
        return self.policies[ident]


def load_sources(snapshot: Snapshot, project: Project, strict: bool = True,
                 checked: Facts | None = None) -> Sources:
    """Load policies, data and catalogs from ``snapshot``.

    Args:
        snapshot: the files to read.
        project: where they are.
        strict: raise the first data or catalog issue instead of collecting it.
        checked: where files that passed their schema are remembered (the render cache's facts).

    A file already parsed (same content, in any snapshot) is not parsed again
    (:mod:`redline.load.memo`), so loading every commit of a history stays cheap.
    """
    for locale in project.locales:
        check_locale(locale, "mkdocs.yml")
    sources = Sources(project, snapshot)
    data, issues = memo.data(snapshot, f"{project.policies_dir}/_data", checked)
    if issues and strict:
        raise issues[0].error()
    sources.data, sources.issues = data, issues
    sources.policies = _load_policies(snapshot, project.policies_dir, checked)
    for locale in project.translated_locales:
        catalog, problems = memo.catalog(snapshot, project.locales_dir, locale)
        if problems and strict:
            raise problems[0].error()
        sources.catalogs[locale] = catalog
        sources.issues.extend(problems)
    return sources


def _load_policies(snapshot: Snapshot, folder: str, checked: Facts | None = None) -> dict[str, PolicySource]:
    policies: dict[str, PolicySource] = {}
    for path in snapshot.list(folder):
        if not is_policy(path, folder):
            continue
        policy = memo.policy(snapshot, path, checked)
        policies[policy.id] = policy
    _check_formerly(policies)
    return dict(sorted(policies.items()))


def _check_formerly(policies: dict[str, PolicySource]) -> None:
    claimed: dict[str, str] = {}
    for policy in policies.values():
        for old in policy.meta.get("formerly", []):
            owner = old if old in policies else claimed.get(old)
            if owner:
                raise RedlineError(
                    f"policy id '{old}' in 'formerly' already belongs to {owner}.md",
                    where=policy.path, fix="an id names one policy: remove it from 'formerly'",
                )
            claimed[old] = policy.id
