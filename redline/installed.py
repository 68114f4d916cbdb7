"""What is installed: library versions and declared entry points, read from the
``*.dist-info`` folders on ``sys.path`` without importing :mod:`importlib.metadata`.

Every command asks both: the render cache's engine id names the versions of the
libraries a rendering holds, and the rule registry looks for plugin rules. Through
:mod:`importlib.metadata` that is about 15 ms of a ``redline diff`` that takes 400
(its import, a METADATA file parsed per version, every distribution's entry points
read). A folder's name already says the version (``Jinja2-3.1.4.dist-info``, PEP 427),
and a plugin is declared in an ``entry_points.txt`` that names its group, so a listing
of each folder on the path answers both.

Where the listing cannot be sure (a zip file or an egg on the path, or a finder that
supplies distributions of its own), :func:`declares` says None and the caller asks
:mod:`importlib.metadata`, which stays the one authority on entry points.
"""

from __future__ import annotations

import os
import re
import sys
from functools import cache

SUFFIXES = (".dist-info", ".egg-info")


def normal(name: str) -> str:
    """A distribution name as PEP 503 compares it.

    >>> normal("PyYAML"), normal("jinja2"), normal("policy_redline")
    ('pyyaml', 'jinja2', 'policy-redline')
    """
    return re.sub(r"[-_.]+", "-", name).lower()


def version(name: str) -> str | None:
    """The version of the first distribution called ``name`` on the path, or None.

    >>> version("Jinja2") is not None, version("no-such-distribution")
    (True, None)
    """
    return _versions().get(normal(name))


def declares(group: str) -> bool | None:
    """Whether some installed distribution declares entry points in ``group``; None: unsure.

    >>> declares("no.such.group")
    False
    """
    folders = _folders()
    if folders is None:
        return None
    for folder in folders:
        try:
            with open(os.path.join(folder, "entry_points.txt"), encoding="utf-8", errors="replace") as file:
                text = file.read()
        except OSError:
            continue
        if f"[{group}]" in text.replace(" ", ""):
            return True
    return False


@cache
def _versions() -> dict[str, str]:
    found: dict[str, str] = {}
    for folder in _folders() or []:
        stem = os.path.basename(folder).rsplit(".", 1)[0]
        name, _, number = stem.partition("-")
        if number:
            found.setdefault(normal(name), number)
    return found


@cache
def _folders() -> tuple[str, ...] | None:
    """The metadata folders on ``sys.path`` in path order; None when a distribution may come
    from somewhere a listing does not see."""
    if any(_supplies_distributions(finder) for finder in sys.meta_path):
        return None
    folders: list[str] = []
    for entry in sys.path:
        path = entry or "."
        if not os.path.isdir(path):
            if os.path.exists(path):
                return None  # a zip file or an egg: importlib.metadata reads inside it
            continue
        if path.lower().endswith(".egg"):
            return None
        with os.scandir(path) as children:
            names = sorted(child.name for child in children if child.name.lower().endswith(SUFFIXES))
        folders.extend(os.path.join(path, name) for name in names)
    return tuple(folders)


def _supplies_distributions(finder: object) -> bool:
    """A finder other than the standard path finder that can list distributions."""
    from importlib.machinery import PathFinder

    return finder is not PathFinder and callable(getattr(finder, "find_distributions", None))
