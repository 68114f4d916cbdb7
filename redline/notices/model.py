"""A notice: what one new version of a policy changes, for the notification pipeline.

One notice per (policy, effective date). Its id is made of what can never change
once the notice is out: the policy's id and the effective date (plus a short hash of
both, so an id is fixed-length at its end and never mistaken for a date range). It
does not use commit ids: a rebase or a squash rewrites those, and the same notice
would then get a new id and be sent twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

FORMAT_VERSION = 1


def notice_id(policy: str, effective: dt.date) -> str:
    """The stable id of the notice of ``policy``'s version effective on ``effective``.

    >>> notice_id("privacy", dt.date(2026, 4, 1))
    'privacy-2026-04-01-1657640c'
    """
    digest = hashlib.sha256(f"{policy}\n{effective.isoformat()}".encode()).hexdigest()[:8]
    return f"{policy}-{effective.isoformat()}-{digest}"


@dataclass(frozen=True)
class Notice:
    """One notice.

    Attributes:
        id: stable id (:func:`notice_id`).
        policy: the policy's id when the version was published.
        formerly: the id the policy had before, when this version renamed it.
        title: locale → the policy's title.
        notice_date: the day the version landed on main.
        effective: the day it takes effect.
        previous_effective: the effective date of the version it replaces (None for a first version).
        earliest_effective: notice date + notice period: the earliest a material change may apply.
        material: whether readers must be told before it takes effect (overrides applied).
        sections: changed sections: ``{"id", "kind", "title": {locale: title}}``.
        facts: changed facts: ``{"path", "kind", "old", "new", "sections", "formatted": {locale: …}}``.
        reasons: every finding, with the override that changed its weight, if any.
        overrides: the change records that applied.
        urls: locale → ``{"current", "upcoming", "version", "compare"}`` (``version``: the stable
            address of this version, ``compare``: what changed since the previous one).
    """

    id: str
    policy: str
    title: dict[str, str]
    notice_date: dt.date
    effective: dt.date
    previous_effective: dt.date | None
    earliest_effective: dt.date
    material: bool
    formerly: str | None = None
    sections: tuple[dict[str, Any], ...] = ()
    facts: tuple[dict[str, Any], ...] = ()
    reasons: tuple[dict[str, Any], ...] = ()
    overrides: tuple[dict[str, Any], ...] = ()
    urls: dict[str, dict[str, str | None]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The notice as it is published in ``notices.json``."""
        return {
            "id": self.id,
            "policy": self.policy,
            "formerly": self.formerly,
            "title": self.title,
            "notice_date": self.notice_date.isoformat(),
            "effective": self.effective.isoformat(),
            "previous_effective": _iso(self.previous_effective),
            "earliest_effective": self.earliest_effective.isoformat(),
            "material": self.material,
            "sections": list(self.sections),
            "facts": list(self.facts),
            "reasons": list(self.reasons),
            "overrides": list(self.overrides),
            "urls": self.urls,
        }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def notices_document(notices: list[Notice], site_url: str, locales: tuple[str, ...]) -> dict[str, Any]:
    """The whole ``notices.json``: every notice, oldest first."""
    return {
        "version": FORMAT_VERSION,
        "site_url": site_url,
        "locales": list(locales),
        "notices": [notice.to_json() for notice in notices],
    }


def urls(site_url: str, locale: str, policy: str, effective: dt.date,
         previous: dt.date | None) -> dict[str, str | None]:
    """The notice's links in one locale.

    >>> urls("https://x.test/", "es", "privacy", dt.date(2026, 4, 1), dt.date(2026, 2, 1))["compare"]
    'https://x.test/es/privacy/compare/2026-02-01...2026-04-01/'
    """
    base = f"{site_url.rstrip('/')}/{locale}/{policy}/"
    compare = f"{base}compare/{previous.isoformat()}...{effective.isoformat()}/" if previous else None
    version = f"{base}versions/{effective.isoformat()}/"
    return {"current": base, "upcoming": f"{base}upcoming/", "version": version, "compare": compare}
