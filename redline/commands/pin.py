"""Which Redline a new policy repository installs: the one that created it.

``redline init`` writes this requirement to ``redline-requirement.txt``, the one place a
policy repository pins its engine. PEP 610's ``direct_url.json`` tells where the running
copy came from (a wheel file, a folder, a git commit); a copy from an index is pinned to
its exact version.
"""

from __future__ import annotations

import json
from importlib.metadata import distributions
from typing import Any

from redline import __version__

#: The distribution's name on the package index (the import name is ``redline``).
DISTRIBUTION = "policy-redline"


def install_source() -> str:
    """A pip requirement that installs the Redline now running."""
    # A source checkout may hold a stray *.egg-info next to the installed record: the record
    # with PEP 610's direct_url.json is the one pip wrote.
    found = list(distributions(name=DISTRIBUTION))
    if not found:
        return f"{DISTRIBUTION}=={__version__}"
    for dist in found:
        direct = dist.read_text("direct_url.json")
        if direct:
            return requirement(json.loads(direct), dist.version)
    return requirement(None, found[0].version)


def requirement(direct_url: dict[str, Any] | None, version: str) -> str:
    """The requirement for an installed copy, from its PEP 610 record (None: from an index).

    >>> requirement(None, "0.1.0")
    'policy-redline==0.1.0'
    >>> requirement({"url": "file:///w/policy_redline-0.1.0-py3-none-any.whl", "archive_info": {}}, "0.1.0")
    'policy-redline @ file:///w/policy_redline-0.1.0-py3-none-any.whl'
    >>> requirement({"url": "https://g.example/r", "vcs_info": {"vcs": "git", "commit_id": "ab12"}}, "0.1")
    'policy-redline @ git+https://g.example/r@ab12'
    """
    if not direct_url or not isinstance(direct_url.get("url"), str):
        return f"{DISTRIBUTION}=={version}"
    url: str = direct_url["url"]
    vcs = direct_url.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") and vcs.get("commit_id"):
        return f"{DISTRIBUTION} @ {vcs['vcs']}+{url}@{vcs['commit_id']}"
    return f"{DISTRIBUTION} @ {url}"


def local_note(requirement: str) -> str | None:
    """A word of warning when the pin names a file or folder of this machine (CI cannot reach it).

    >>> local_note("policy-redline==0.1.0") is None
    True
    >>> local_note("policy-redline @ file:///w/policy_redline-0.1.0-py3-none-any.whl")[:40]
    'redline-requirement.txt names a local fi'
    """
    if "@ file:" not in requirement:
        return None
    return (f"redline-requirement.txt names a local file or folder, which the workflows cannot install: "
            f"before pushing, pin a published version (e.g. {DISTRIBUTION}=={__version__}) or a git URL")
