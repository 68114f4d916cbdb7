"""Fact rules: judge a change of typed data (``policies/_data``) by where it lives.

A fact's meaning is read from its path: ``retention.logs`` is a retention period,
``subprocessors[name=Mailgun]`` a recipient, ``transfers.countries[IN]`` a destination.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from redline.classify.context import quote
from redline.classify.findings import Finding
from redline.diff.durations import duration_direction, is_duration
from redline.diff.facts import KEY_FIELDS, FactChange


def _path(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


RETENTION_PATH = _path(r"retention|retain|keep")
NOTICE_PATH = _path(r"notice")
RECIPIENT_PATH = _path(
    r"sub_?-?processor|recipient|processor|third_?-?part|vendor|partner|shar|channel|integration"
    r"|provider|analytics|tools"
)
RESPONSE_PATH = _path(r"response|respond|answer")
TRANSFER_PATH = _path(r"countr|transfer|destination|region|location")
CONTROLLER_PATH = _path(r"controller|company|entity|legal_?name|registered|dpo|contact")
PURPOSE_PATH = _path(r"purpose")
CATEGORY_PATH = _path(r"categor|collect|data_?types")
FEE_PATH = _path(r"fee|price|charge|cost")
UPDATED_PATH = _path(r"last_?updated|updated|revised")


def _about(fact: FactChange, pattern: re.Pattern[str]) -> bool:
    """Match the path's own words, not the keys of its records (``[name=Partner Co]``)."""
    return bool(pattern.search(re.sub(r"\[[^\]]*\]", "", fact.path)))


def _finding(category: str, material: bool, reason: str, fact: FactChange) -> Finding:
    return Finding(category, material, reason, fact=fact.path)


def _value(value: Any) -> str:
    if isinstance(value, Mapping):
        key = next((field for field in ("name", *KEY_FIELDS) if field in value), None)
        return quote(str(value[key])) if key else quote(str(dict(value)))
    return quote(str(value))


def _durations(fact: FactChange) -> bool:
    return fact.kind == "changed" and is_duration(fact.old) and is_duration(fact.new)


def fact_reordering(fact: FactChange) -> Finding | None:
    """Editorial: records of a list moved, none added or removed."""
    if fact.kind != "reordered":
        return None
    return _finding("reordering", False, f"order of {quote(fact.path)} changed", fact)


def fact_retention(fact: FactChange) -> Finding | None:
    """A retention period added or made longer (material), or made shorter (editorial)."""
    if not _about(fact, RETENTION_PATH) or _about(fact, NOTICE_PATH):
        return None
    if fact.kind == "added":
        reason = f"retention {quote(fact.path)} added: {_value(fact.new)}"
        return _finding("longer-retention", True, reason, fact)
    if not _durations(fact):
        return None
    way = duration_direction(fact.old, fact.new)
    if way == "same":
        return None
    category = "longer-retention" if way == "longer" else "shorter-retention"
    reason = f"retention {quote(fact.path)} {way}: {spoken(fact.old)} → {spoken(fact.new)}"
    return _finding(category, way == "longer", reason, fact)


def fact_notice(fact: FactChange) -> Finding | None:
    """The notice period made shorter."""
    if not _about(fact, NOTICE_PATH) or not _durations(fact):
        return None
    if duration_direction(fact.old, fact.new) != "shorter":
        return None
    reason = f"notice period shorter: {spoken(fact.old)} → {spoken(fact.new)}"
    return _finding("shorter-notice-period", True, reason, fact)


def fact_same_period(fact: FactChange) -> Finding | None:
    """Editorial: a duration written another way for the same period (``P12M`` → ``P1Y``)."""
    if not _durations(fact) or duration_direction(fact.old, fact.new) != "same":
        return None
    reason = f"{quote(fact.path)}: the same period in other words: {spoken(fact.old)} → {spoken(fact.new)}"
    return _finding("same-period", False, reason, fact)


def spoken(value: Any) -> str:
    """A duration as the policies state it in English, anything else as it is.

    >>> spoken("P12M"), spoken("P1Y"), spoken("PT72H"), spoken("n/a")
    ('12 months', '1 year', '72 hours', 'n/a')
    """
    if not is_duration(value):
        return str(value)
    from redline.render.filters import duration  # Babel's words, as the policy renders them

    return duration(value, locale="en")


def fact_response_time(fact: FactChange) -> Finding | None:
    """The time to answer a rights request made longer."""
    if not _about(fact, RESPONSE_PATH) or not _durations(fact):
        return None
    if duration_direction(fact.old, fact.new) != "longer":
        return None
    return _finding("narrowed-rights", True, f"response time longer: {fact.old} → {fact.new}", fact)


def fact_recipient(fact: FactChange) -> Finding | None:
    """A recipient added (material) or removed (editorial)."""
    if not _about(fact, RECIPIENT_PATH) or _about(fact, TRANSFER_PATH):
        return None
    noun = "sub-processor" if re.search(r"sub_?-?processor", fact.path, re.I) else "recipient"
    if fact.kind == "added":
        return _finding("new-recipient", True, f"new {noun}: {_value(fact.new)}", fact)
    if fact.kind == "removed":
        return _finding("removed-recipient", False, f"removed {noun}: {_value(fact.old)}", fact)
    return None


def fact_transfer(fact: FactChange) -> Finding | None:
    """A transfer destination added, or a recipient's country changed."""
    if not _about(fact, TRANSFER_PATH) or _about(fact, CONTROLLER_PATH) or fact.kind == "removed":
        return None
    if fact.kind == "added":
        reason = f"new transfer destination: {_value(fact.new)}"
        return _finding("new-transfer-destination", True, reason, fact)
    reason = f"transfer destination changed: {_value(fact.old)} → {_value(fact.new)}"
    return _finding("new-transfer-destination", True, reason, fact)


NOTHING = _path(r"(?!)")


def _simple(
    name: str,
    category: str,
    pattern: re.Pattern[str],
    kinds: tuple[str, ...],
    what: str,
    unless: re.Pattern[str] = NOTHING,
) -> Callable[[FactChange], Finding | None]:
    """Make a rule: a fact of this path changed in one of these ways → a material finding."""
    def rule(fact: FactChange) -> Finding | None:
        if fact.kind not in kinds or not _about(fact, pattern) or _about(fact, unless):
            return None
        values = {
            "added": _value(fact.new),
            "removed": _value(fact.old),
            "changed": f"{_value(fact.old)} → {_value(fact.new)}",
        }[fact.kind]
        return _finding(category, True, f"{what} {quote(fact.path)} {fact.kind}: {values}", fact)

    rule.__name__ = name
    rule.__doc__ = f"{what.capitalize()} ({'/'.join(kinds)}): {category}."
    return rule


ANY = ("added", "changed", "removed")
GROWN = ("added", "changed")
fact_controller = _simple("fact_controller", "controller-identity", CONTROLLER_PATH, ANY, "controller")
fact_purpose = _simple("fact_purpose", "new-purpose", PURPOSE_PATH, GROWN, "purpose")
# "subprocessors.categories" are kinds of recipient, not categories of personal data.
fact_category = _simple(
    "fact_category", "new-data-category", CATEGORY_PATH, GROWN, "data category", unless=RECIPIENT_PATH
)
fact_fee = _simple("fact_fee", "new-obligation", FEE_PATH, GROWN, "fee or charge")


def fact_last_updated(fact: FactChange) -> Finding | None:
    """Editorial: the last-updated date changed."""
    if fact.kind != "changed" or not _about(fact, UPDATED_PATH):
        return None
    return _finding("last-updated-date-only", False, f"last-updated date only: {fact.old} → {fact.new}", fact)
