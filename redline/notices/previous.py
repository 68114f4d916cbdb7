"""The previous publication: notice dates that survive history rewrites, versions never dropped.

A notice date is the day a version was first published. Git cannot keep it: an amend,
a rebase or a squash of main rewrites committer dates, and a fast-forward brings the
branch's own dates. So the publish workflow hands the build the notices it published
last time (``redline build --previous DIR``, DIR holding ``notices/notices.json`` of the
deployed site): each version published then keeps its notice date; a version it did not
have is published by this build, on the build date; and a build that would drop a
version published before fails and names it. See docs/decisions/0012-notice-dates.md.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from redline.errors import CheckFailed, RedlineError

Key = tuple[str, dt.date]


@dataclass(frozen=True)
class Published:
    """What the previous publication said: (policy, effective) -> (notice id, notice date)."""

    notices: dict[Key, tuple[str, dt.date]] = field(default_factory=dict)
    today: dt.date | None = None

    def notice_date(self, policy: str, effective: dt.date, found: dt.date) -> dt.date:
        """The notice date of a version: as published, else today's (published now), else ``found``.

        ``found`` (the day git says the version landed) counts only when there is no previous
        publication at all: a first build of an old history.
        """
        known = self.notices.get((policy, effective))
        if known is not None:
            return known[1]
        return self.today if self.notices and self.today is not None else found

    def dropped(self, kept: Iterable[tuple[str, str, dt.date]]) -> list[str]:
        """The published notices ``kept`` (id, policy, notice date) lost or re-dated, as messages."""
        now = {ident: day for ident, _, day in kept}
        problems = []
        for (policy, effective), (ident, day) in sorted(self.notices.items()):
            if ident not in now:
                problems.append(f"{policy} version {effective} (notice {ident}, given {day}) was published "
                                "and this build would drop it")
            elif now[ident] != day:
                problems.append(f"{policy} version {effective} (notice {ident}): notice date {day} would "
                                f"become {now[ident]}")
        return problems


def load_previous(folder: Path, today: dt.date) -> Published:
    """Read ``folder/notices/notices.json`` (or ``folder/notices.json``) of the previous publication."""
    path = next((p for p in (folder / "notices" / "notices.json", folder / "notices.json") if p.is_file()),
                None)
    if path is None:
        raise RedlineError(f"no notices.json in {folder}", where=str(folder),
                           fix="pass the deployed site's folder (or one holding its notices/notices.json)")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        notices = {(str(n["policy"]), dt.date.fromisoformat(n["effective"])):
                   (str(n["id"]), dt.date.fromisoformat(n["notice_date"])) for n in raw["notices"]}
    except (ValueError, KeyError, TypeError, RecursionError) as error:
        # RecursionError: JSON nested deeper than the parser follows (no file Redline wrote)
        raise RedlineError(f"not a notices.json Redline published: {error}", where=str(path),
                           fix="fetch it again from the deployed site (notices/notices.json)") from None
    return Published(notices, today)


def check_kept(previous: Published, kept: Iterable[tuple[str, str, dt.date]]) -> None:
    """Fail (exit 1) when the build would drop or re-date a notice already published."""
    problems = previous.dropped(kept)
    if problems:
        raise CheckFailed("cannot publish: a published notice would change:\n  " + "\n  ".join(problems)
                          + "\n  fix: restore the history that held it (a rewrite of main lost it), "
                          "or keep history_start at or before its commit")
