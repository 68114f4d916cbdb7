"""Build every notice from git: one per (policy, effective date), each compared with the version before.

The versions come from one pass over the history (:mod:`redline.notices.versions`);
what each notice says comes from :mod:`redline.notices.content` — or, when the files
it compares are those of an earlier run, from the cache (:mod:`redline.notices.store`),
so a warm run loads no sources and renders nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from redline.config import Project
from redline.gitio import Commit, Repository
from redline.notices import store
from redline.notices.dated import as_on
from redline.notices.model import Notice
from redline.notices.previous import Published
from redline.notices.versions import (
    Point,
    PolicyVersion,
    SourcesAt,
    Versions,
    history_commits,
    policy_versions,
)
from redline.notices.wording import Wording
from redline.render.cache import RenderCache


@dataclass(frozen=True)
class Setting:
    """What every notice needs besides its versions: the site's address, the wording, the cache."""

    site_url: str
    wording: Wording
    cache: RenderCache
    dates: Published | None = None
    today: dt.date | None = None  # the build date: links to upcoming pages as that day's site has them


#: called with (each version's work, missing notices and verdicts) before the notices are
#: assembled: fills the cache first
Prefill = Callable[[list[int], int], object]


#: Said by ``changelog`` and ``build`` when links in notices can only be relative.
NO_SITE_URL = ("site_url is not set in mkdocs.yml: links in emails and feeds are relative (/en/…) "
               "and do not work outside the site; set site_url: https://your-site.example/")


def site_url_warning(project: Project) -> str | None:
    """A warning when ``mkdocs.yml`` has no ``site_url`` (emails then carry relative links)."""
    return NO_SITE_URL if project.site_url == "/" else None


def build_notices(repo: Repository, project: Project, setting: Setting, ref: str = "HEAD",
                  prefill: Prefill | None = None) -> tuple[list[Notice], list[str]]:
    """Every notice of ``ref``'s history, oldest first, and a warning per commit skipped.

    A notice whose inputs are those of a past run is recalled from ``setting.cache``'s
    facts (:mod:`redline.notices.store`): no sources are loaded, nothing is rendered.
    ``prefill`` (:func:`redline.publish.parallel.prefill`) may fill the cache in worker processes first.
    """
    found = find_versions(repo, project, setting, ref, peek=prefill is not None)
    return notices_from(repo, project, setting, found, prefill), found.skipped


def find_versions(repo: Repository, project: Project, setting: Setting, ref: str = "HEAD", *,
                  peek: bool = False) -> Versions:
    """The first step of :func:`build_notices`: walk ``ref``'s history into versions.

    With ``peek`` the pending commits the cache cannot judge are left for :func:`notices_from`'s
    prefill workers (see :func:`~redline.notices.versions.policy_versions`).
    """
    return policy_versions(repo, project, history_commits(repo, project, ref), setting.cache.facts,
                           setting.cache, peek=peek)


def notices_from(repo: Repository, project: Project, setting: Setting, found: Versions,
                 prefill: Prefill | None = None, step: Callable[[str], object] | None = None) -> list[Notice]:
    """The second step of :func:`build_notices`: each version's notice, ``step`` called after each."""
    contents = _Contents(SourcesAt(repo, project, found.points), setting, found.points,
                         store.context_key(project, setting.wording))
    if prefill is not None:
        # peeked: the verdicts the cache lacks are judged by the workers (or below, in this process)
        missing = [not contents.known(version) for version in found.versions]
        # a version's work: its notice, unless kept, and its pending check, when it has commits to check
        work = [lacks + (version.first.sha != version.last.sha)
                for lacks, version in zip(missing, found.versions, strict=True)]
        prefill(work, found.unjudged + sum(missing))
        if found.unjudged:
            found = policy_versions(repo, project, found.history, setting.cache.facts, setting.cache)
    dated = setting.dates.notice_date if setting.dates is not None else None
    notices = []
    for version in found.versions:
        notices.append(store.assemble(version, contents(version), setting.site_url, project.locales, dated))
        if step is not None:
            step(f"{version.policy} {version.effective.isoformat()}")
    return notices if setting.today is None else as_on(notices, setting.today)


def notices_of(repo: Repository, project: Project, setting: Setting, ref: str, part: slice) -> list[Notice]:
    """The notices of one part of ``ref``'s versions (what a worker of :func:`prefill` computes).

    Only the versions the part's notices compare are judged (each version of the part and the
    one it replaced): which versions there are does not depend on the verdicts, their texts do.
    """
    peeked = find_versions(repo, project, setting, ref, peek=True)
    mine = peeked.versions[part]
    wanted = {(v.policy, v.first.sha) for version in mine
              for v in (version, version.previous) if v is not None}
    at = SourcesAt(repo, project, peeked.points)
    at.preload(_compared(mine, peeked.history))
    found = policy_versions(repo, project, peeked.history, setting.cache.facts, setting.cache,
                            asks=lambda policy, first: (policy, first.sha) in wanted, at=at)
    contents = _Contents(at, setting, found.points, store.context_key(project, setting.wording))
    notices = [store.assemble(version, contents(version), setting.site_url, project.locales)
               for version in found.versions[part]]
    return notices if setting.today is None else as_on(notices, setting.today, found.versions)


def _compared(versions: list[PolicyVersion], history: list[tuple[Commit, Any]]) -> list[Commit]:
    """The commits the notices of ``versions`` (and their pending checks) compare, in history order."""
    wanted = {commit.sha for version in versions
              for commit in (version.first, version.last, version.before,
                             *((version.previous.first, version.previous.last) if version.previous else ()))
              if commit is not None}
    return [commit for commit, _ in history if commit.sha in wanted]


class _Contents:
    """The content of each version's notice: recalled by its key, else compared and kept."""

    def __init__(self, at: SourcesAt, setting: Setting, points: dict[str, Point], context: str) -> None:
        self.at, self.setting, self.points, self.context = at, setting, points, context
        self.shared: dict[str, str] = {}

    def key(self, version: PolicyVersion) -> str:
        """The key the content of ``version``'s notice is kept under."""
        against = version.previous.last if version.previous else version.before
        base = self._side(against, version.previous.policy if version.previous else None) if against else None
        return store.notice_key(self.context, version, self._side(version.last, version.policy), base)

    def known(self, version: PolicyVersion) -> bool:
        """True when the content of ``version``'s notice is in the cache."""
        return store.decode(self.setting.cache.facts.get(self.key(version))) is not None

    def __call__(self, version: PolicyVersion) -> dict[str, Any]:
        key = self.key(version)
        facts = self.setting.cache.facts
        content = store.decode(facts.get(key))
        if content is None:
            # imported on the first miss: a warm run never compares, so it does not load the engine
            from redline.notices.content import notice_content

            raw = store.encode(notice_content(version, self.at, self.setting.cache, self.setting.wording))
            facts.put(key, raw)
            # the fresh content takes the same way through JSON as a recalled one: warm == cold
            content = store.decode(raw)
            assert content is not None
        return content

    def _side(self, commit: Commit, policy: str | None) -> str:
        point = self.points[commit.sha]
        policies_dir = self.at.project.policies_dir
        if commit.sha not in self.shared:
            self.shared[commit.sha] = store.shared_key(point, policies_dir)
        return store.side_key(point.files, self.shared[commit.sha], policy, policies_dir)
