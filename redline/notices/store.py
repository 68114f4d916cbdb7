"""What a warm changelog reuses: each notice's content, keyed by the content of what it compares.

A notice's content — titles, changed sections, facts, reasons, overrides, the notice
period — is a pure function of the two commits' input files, the project's settings,
the notice wording and Redline's code. The key hashes exactly those:

- for each side, the blob id of the policy the notice is about, and every other source
  file (data, partials, catalogs, change records) — but of the *other* policies only
  their ids and former ids, which is all loading checks of them; so a new commit
  that edits one policy leaves the notices of every other policy where they were;
- the project's locales and folders, and the wording (``templates/notices/strings.yml``
  over Redline's defaults);
- Redline's code, through the facts file's name (:func:`redline.render.inputs.engine_id`).

What follows from the history itself (the notice date, the effective dates, the links) is
never kept: :func:`assemble` adds it on every run, to a fresh or a recalled content alike,
so a warm run cannot differ from a cold one. A value that does not decode (a damaged or
foreign cache) is a miss.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from redline.compare.gate import add_duration
from redline.config import Project
from redline.load.policy import is_policy
from redline.notices.model import Notice, notice_id, urls
from redline.notices.versions import Files, Point, PolicyVersion
from redline.notices.wording import Wording
from redline.render.inputs import as_json, digest

#: bump when the shape of a stored content changes
FORMAT = "notice-content-1"
#: the keys of a stored content, in the order they are written
FIELDS = ("formerly", "title", "material", "sections", "facts", "reasons", "overrides", "period")


def context_key(project: Project, wording: Wording) -> str:
    """The digest of what every notice of a project depends on besides its commits."""
    settings = [project.source_locale, list(project.locales), project.policies_dir, project.locales_dir]
    from redline.i18n.uiwords import project_fingerprint

    return digest(FORMAT, as_json(settings), as_json(wording.table), project_fingerprint())


def shared_key(point: Point, policies_dir: str) -> str:
    """The digest of one commit's inputs that every notice comparing it reads (its own policy aside)."""
    files = [f"{path}={blob}" for path, blob in sorted(point.files.items())
             if not is_policy(path, policies_dir)]
    policies = [f"{front.id}<{','.join(front.formerly)}" for front in point.fronts]
    return digest(*files, *policies)


def side_key(files: Files, shared: str, policy: str | None, policies_dir: str) -> str:
    """One side of a comparison: its shared inputs and the blob id of ``policy``'s file (if any).

    >>> side_key({"p/a.md": "1f"}, "s", "a", "p") == side_key({"p/a.md": "1f", "p/b.md": "2e"}, "s", "a", "p")
    True
    """
    blob = files.get(f"{policies_dir}/{policy}.md", "-") if policy else "-"
    return f"{policy or '-'}={blob}/{shared}"


def notice_key(context: str, version: PolicyVersion, head: str, base: str | None) -> str:
    """The key of a notice's content: the context, both sides (``base`` None: a first version)."""
    previous = version.previous.policy if version.previous else "-"
    return "notice:" + digest(context, version.policy, previous, head, base or "-")


def encode(content: Mapping[str, Any]) -> str:
    """A content as stored: JSON text, so its keys keep their order (the facts file sorts its own)."""
    return json.dumps({name: content[name] for name in FIELDS}, ensure_ascii=False)


def decode(raw: Any) -> dict[str, Any] | None:
    """The content stored as ``raw``, or None when it is not one (a damaged or foreign cache)."""
    if not isinstance(raw, str):
        return None
    try:
        content = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(content, dict) or list(content) != list(FIELDS):
        return None
    return content


def assemble(version: PolicyVersion, content: Mapping[str, Any], site_url: str,
             locales: tuple[str, ...]) -> Notice:
    """The notice of ``version``: its content, and what the history says (dates, links).

    A first version older than its repository was published on its effective date at the latest.
    """
    first = version.previous is None and version.before is None
    given = min(version.notice_date, version.effective) if first else version.notice_date
    previous = version.previous.effective if version.previous else None
    return Notice(
        id=notice_id(version.policy, version.effective), policy=version.policy,
        formerly=content["formerly"], title=dict(content["title"]),
        notice_date=given, effective=version.effective, previous_effective=previous,
        earliest_effective=add_duration(given, str(content["period"])),
        material=bool(content["material"]),
        sections=tuple(content["sections"]), facts=tuple(content["facts"]),
        reasons=tuple(content["reasons"]), overrides=tuple(content["overrides"]),
        urls={loc: urls(site_url, loc, version.policy, version.effective, previous) for loc in locales},
    )
