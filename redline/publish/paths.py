"""Where each page of a policy lives inside a locale's site (source paths and their URLs).

``<policy>/`` current · ``<policy>/upcoming/`` · ``<policy>/versions/`` ·
``<policy>/versions/<YYYY-MM-DD>/`` · ``<policy>/compare/<from>...<to>/``.
"""

from __future__ import annotations

import posixpath

from redline.history.model import Version


def policy_path(policy: str, *parts: str) -> str:
    """Source path of a policy page (``privacy/index.md``, ``privacy/versions/2026-02-01/index.md``)."""
    return posixpath.join(policy, *parts, "index.md")


def upcoming_path(policy: str) -> str:
    """Source path of the upcoming version's page."""
    return policy_path(policy, "upcoming")


def versions_path(policy: str) -> str:
    """Source path of a policy's list of versions."""
    return policy_path(policy, "versions")


def version_path(policy: str, version: Version) -> str:
    """Source path of one version's page, named by its effective date."""
    return policy_path(policy, "versions", version.slug)


def compare_path(policy: str, old: Version, new: Version) -> str:
    """Source path of the comparison of two versions."""
    return policy_path(policy, "compare", f"{old.slug}...{new.slug}")


def url_of(path: str) -> str:
    """The URL (inside the locale's site) of a page's source path.

    >>> url_of("privacy/versions/index.md"), url_of("index.md")
    ('privacy/versions/', '')
    """
    folder = posixpath.dirname(path)
    return f"{folder}/" if folder else ""


def link(from_path: str, to_path: str) -> str:
    """A relative Markdown link target from one page source to another.

    >>> link("privacy/versions/index.md", "privacy/compare/a...b/index.md")
    '../compare/a...b/index.md'
    """
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def href(from_path: str, to_path: str) -> str:
    """A relative URL from one page (by source path) to another, as a browser follows it.

    >>> href("privacy/compare/a...b/index.md", "privacy/versions/b/index.md")
    '../../versions/b/'
    """
    return posixpath.relpath(url_of(to_path) or ".", url_of(from_path) or ".") + "/"
