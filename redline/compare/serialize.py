"""JSON shapes shared by ``redline diff --format json`` and ``notices.json``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from redline.classify.findings import Finding
from redline.classify.overrides import Applied, Judgement
from redline.compare.formats import finding_json


def plain(value: Any) -> Any:
    """``value`` with dates as ISO strings and tuples as lists, ready for ``json.dumps``.

    >>> plain({"d": dt.date(2026, 2, 1), "t": (1, 2)})
    {'d': '2026-02-01', 't': [1, 2]}
    """
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def reason_json(index: int, finding: Finding, judgement: Judgement | None) -> dict[str, Any]:
    """A finding, with ``overridden_by`` naming the change record that changed its weight."""
    record = judgement.overridden_by(index) if judgement else None
    return {**finding_json(finding), "overridden_by": record.path if record else None}


def override_json(applied: Applied) -> dict[str, Any]:
    """A change record that applied, with the findings (indices into ``reasons``) it matched."""
    record = applied.record
    return {
        "file": record.path,
        "line": record.line,
        "policy": record.policy,
        "verdict": record.verdict,
        "justification": record.justification,
        "author": record.author,
        "scope": record.scope(),
        "findings": list(applied.findings),
    }
