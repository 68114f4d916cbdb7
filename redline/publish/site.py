"""Which pages each locale's site has, from every policy's versions on the build date.

Pure: a :class:`~redline.history.History` and a date in, :class:`SitePage` lists out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from redline.history import History, PolicyHistory, read_history
from redline.publish.pages import (
    SitePage,
    compare_page,
    home_page,
    redirect_page,
    text_page,
    versions_page,
    withdrawn_page,
)
from redline.publish.paths import policy_path, upcoming_path, version_path


def policy_pages(history: PolicyHistory, today: dt.date, policies: Sequence[str]) -> list[SitePage]:
    """Every page of one policy in one locale: current, upcoming, versions, each version, comparisons."""
    policy = history.policy
    current, upcoming = history.in_force(today), history.upcoming(today)
    pages: list[SitePage] = []
    if history.withdrawn is not None:
        pages.append(withdrawn_page(history, today))
    elif current is not None:
        pages.append(text_page(history, current, policy_path(policy), "current", today, policies))
    elif upcoming is not None:
        pages.append(text_page(history, upcoming, policy_path(policy), "current", today, policies))
    if upcoming is not None:
        pages.append(text_page(history, upcoming, upcoming_path(policy), "upcoming", today, policies))
    pages.append(versions_page(history, today))
    for version in history.versions:
        pages.append(text_page(history, version, version_path(policy, version), "version", today, policies))
    for old, new in zip(history.versions, history.versions[1:], strict=False):
        pages.append(compare_page(history, old, new, today, policies))
    return pages


def redirects(history: PolicyHistory, pages: Sequence[SitePage]) -> list[SitePage]:
    """Pages at a renamed policy's old addresses, each pointing at the same page under its new id."""
    prefix = f"{history.policy}/"
    return [redirect_page(f"{alias}/{page.path.removeprefix(prefix)}", page.path, history.locale)
            for alias in history.formerly for page in pages if page.path.startswith(prefix)]


def locale_pages(histories: Sequence[PolicyHistory], locale: str, today: dt.date) -> list[SitePage]:
    """Every page of one locale's site on ``today``."""
    ids = [h.policy for h in histories]
    pages = [home_page(histories, locale, today)]
    for history in histories:
        own = policy_pages(history, today, ids)
        pages += own + redirects(history, own)
    return pages


def site_pages(history: History, today: dt.date, locales: Sequence[str] | None = None
               ) -> dict[str, list[SitePage]]:
    """Every locale's pages on ``today``."""
    wanted = locales or list(history.locales)
    return {locale: locale_pages(history.locales[locale], locale, today) for locale in wanted}


def pages_for_worktree(root: Path, locale: str) -> list[SitePage]:
    """One locale's current pages of the working tree at ``root`` (a plain ``mkdocs build``)."""
    from redline.config import load_project

    project = load_project(root)
    today = dt.date.today()
    history = read_history(project, today, history=False)
    return site_pages(history, today, locales=(locale,))[locale]
