"""Diff typed facts (the parsed ``policies/_data`` files) path by path.

Lists of records are matched by a key field, so moving a sub-processor up the list
is a reordering, not a removal plus an addition. ISO 8601 durations compare by
length; ``P12M`` → ``P1Y`` is a change of wording (the text says "1 year"), the same period.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from redline.diff.durations import (
    duration_direction,
    is_duration,
    parse_duration,
)

__all__ = ["KEY_FIELDS", "FactChange", "diff_facts", "duration_direction", "parse_duration"]

FactKind = Literal["added", "removed", "changed", "reordered"]

#: Fields that identify a record in a list, in order of preference.
KEY_FIELDS = ("id", "code", "name")


@dataclass(frozen=True)
class FactChange:
    """One changed fact.

    Attributes:
        path: where the fact lives: ``retention.logs``, ``subprocessors[name=Mailgun].country``.
        kind: added, removed, changed, or reordered (a list's records moved).
        old: the value before (None when added); for reordered, the keys in old order.
        new: the value after (None when removed); for reordered, the keys in new order.
    """

    path: str
    kind: FactKind
    old: Any = None
    new: Any = None


def diff_facts(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[FactChange]:
    """Return the changes from ``old`` to ``new``, in document order.

    >>> diff_facts({"retention": {"logs": "P12M"}}, {"retention": {"logs": "P24M"}})
    [FactChange(path='retention.logs', kind='changed', old='P12M', new='P24M')]
    >>> diff_facts({"r": "P12M"}, {"r": "P12M"}), diff_facts({"r": "P12M"}, {"r": "P1Y"})
    ([], [FactChange(path='r', kind='changed', old='P12M', new='P1Y')])
    """
    changes: list[FactChange] = []
    _diff_mapping("", old, new, changes)
    return changes


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _diff(path: str, old: Any, new: Any, out: list[FactChange]) -> None:
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        _diff_mapping(path, old, new, out)
    elif _is_list(old) and _is_list(new):
        _diff_list(path, old, new, out)
    elif not _same_value(old, new):
        out.append(FactChange(path, "changed", old, new))


def _is_list(value: Any) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, str | bytes)


def _same_value(old: Any, new: Any) -> bool:
    # P12M and P1Y are the same period but not the same words ("12 months", "1 year"):
    # a change, which the rules find editorial (classify.facts.fact_same_period).
    if is_duration(old) and is_duration(new):
        return str(old).strip().upper() == str(new).strip().upper()
    return bool(type(old) is type(new) and old == new) or (_number(old) and _number(new) and old == new)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _diff_mapping(path: str, old: Mapping[str, Any], new: Mapping[str, Any], out: list[FactChange]) -> None:
    for key, value in old.items():
        if key not in new:
            out.append(FactChange(_join(path, str(key)), "removed", value, None))
        else:
            _diff(_join(path, str(key)), value, new[key], out)
    for key, value in new.items():
        if key not in old:
            out.append(FactChange(_join(path, str(key)), "added", None, value))


def _diff_list(path: str, old: Sequence[Any], new: Sequence[Any], out: list[FactChange]) -> None:
    records = all(isinstance(item, Mapping) for item in [*old, *new])
    field = _key_field(old, new) if records else None
    if records and field is None:
        _diff_by_index(path, old, new, out)
        return
    _diff_keyed(path, _keyed(old, field), _keyed(new, field), out)


def _key_field(old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]) -> str | None:
    for field in KEY_FIELDS:
        if all(_identifies(field, records) for records in (old, new)):
            return field
    return None


def _identifies(field: str, records: Sequence[Mapping[str, Any]]) -> bool:
    values = [repr(record.get(field)) for record in records]
    return all(field in record for record in records) and len(set(values)) == len(values)


def _keyed(items: Sequence[Any], field: str | None) -> dict[str, Any]:
    """Index a list by its records' key field, or a list of scalars by value."""
    if field is None:
        return {str(item): item for item in items}
    return {f"{field}={item[field]}": item for item in items}


def _diff_keyed(path: str, old: dict[str, Any], new: dict[str, Any], out: list[FactChange]) -> None:
    out.extend(FactChange(f"{path}[{key}]", "removed", old[key], None) for key in old if key not in new)
    common_old = [key for key in old if key in new]
    common_new = [key for key in new if key in old]
    if common_old != common_new:
        labels = [_label(key) for key in common_old], [_label(key) for key in common_new]
        out.append(FactChange(path, "reordered", *labels))
    for key in common_new:
        _diff(f"{path}[{key}]", old[key], new[key], out)
    out.extend(FactChange(f"{path}[{key}]", "added", None, new[key]) for key in new if key not in old)


def _label(key: str) -> str:
    return key.partition("=")[2] or key


def _diff_by_index(path: str, old: Sequence[Any], new: Sequence[Any], out: list[FactChange]) -> None:
    for index, (before, after) in enumerate(zip(old, new, strict=False)):
        _diff(f"{path}[{index}]", before, after, out)
    for index in range(len(new), len(old)):
        out.append(FactChange(f"{path}[{index}]", "removed", old[index], None))
    for index in range(len(old), len(new)):
        out.append(FactChange(f"{path}[{index}]", "added", None, new[index]))
