"""Site pages of one locale, as data: path, title, Markdown body and chrome metadata.

Pure: takes renderings, returns :class:`SitePage` values. The MkDocs adapter turns
them into files; nothing here knows MkDocs.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from redline.publish import ui
from redline.render.render import Rendered

LINK_RE = re.compile(r"\]\((?P<target>[a-z0-9][a-z0-9-]*)\.md(?P<anchor>#[\w-]+)?\)")


@dataclass(frozen=True)
class SitePage:
    """One page of a locale's site.

    Attributes:
        path: source path inside the locale (``privacy/index.md``); URL is its folder.
        title: page title in the locale.
        body: Markdown body.
        meta: data for the page chrome (``redline`` front matter key).
        in_nav: listed in the site navigation (archive pages are not).
    """

    path: str
    title: str
    body: str
    meta: dict[str, Any] = field(default_factory=dict)
    in_nav: bool = True

    def source(self) -> str:
        """The page as a Markdown file with front matter, deterministic."""
        front = yaml.safe_dump(
            {"title": self.title, "redline": self.meta}, sort_keys=True, allow_unicode=True
        )
        return f"---\n{front}---\n\n{self.body}"


def policy_path(policy: str, *parts: str) -> str:
    """Source path of a policy page (``privacy/index.md``, ``privacy/versions/2026-02-01/index.md``)."""
    return posixpath.join(policy, *parts, "index.md")


def rewrite_links(markdown: str, page_path: str, policies: Iterable[str]) -> str:
    """Point ``[x](cookies.md#a)`` links at the cookie policy's page, relative to ``page_path``.

    >>> rewrite_links("[C](cookies.md#a) [X](other.md)", "privacy/index.md", ["cookies"])
    '[C](../cookies/index.md#a) [X](other.md)'
    """
    known = set(policies)
    folder = posixpath.dirname(page_path)

    def replace(match: re.Match[str]) -> str:
        target = match.group("target")
        if target not in known:
            return match.group(0)
        relative = posixpath.relpath(policy_path(target), folder or ".")
        return f"]({relative}{match.group('anchor') or ''})"

    return LINK_RE.sub(replace, markdown)


def chrome(rendered: Rendered, kind: str, **extra: Any) -> dict[str, Any]:
    """Metadata the page templates show: dates (localized), kind, fallbacks."""
    locale = rendered.locale
    meta: dict[str, Any] = {
        "policy": rendered.policy,
        "kind": kind,
        "effective": rendered.meta["effective"].isoformat(),
        "effective_text": ui.long_date(rendered.meta["effective"], locale),
        "fallback": bool(rendered.fallbacks),
    }
    updated = rendered.meta.get("updated")
    if updated is not None:
        meta["updated"] = updated.isoformat()
        meta["updated_text"] = ui.long_date(updated, locale)
    meta.update(extra)
    return meta


def current_page(rendered: Rendered, policies: Iterable[str]) -> SitePage:
    """The page of the version in force."""
    path = policy_path(rendered.policy)
    body = rewrite_links(rendered.markdown, path, policies)
    return SitePage(path, rendered.title, body, chrome(rendered, "current"))


def home_page(renderings: list[Rendered], locale: str) -> SitePage:
    """The locale's index: every policy with its effective date."""
    lines = [f"# {ui.text(locale, 'policies')}", ""]
    for rendered in renderings:
        date = ui.long_date(rendered.meta["effective"], locale)
        link = policy_path(rendered.policy)
        lines.append(f"- [{rendered.title}]({link}) — {ui.text(locale, 'effective')}: {date}")
    meta = {"kind": "home"}
    return SitePage("index.md", ui.text(locale, "policies"), "\n".join(lines) + "\n", meta)


def locale_pages(renderings: list[Rendered], locale: str) -> list[SitePage]:
    """Every page of one locale's site (current versions only; history adds more)."""
    ids = [r.policy for r in renderings]
    return [home_page(renderings, locale), *(current_page(r, ids) for r in renderings)]
