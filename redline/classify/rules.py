"""The registry of materiality rules: one list for text changes, one for fact changes.

A rule is a plain function ``(change) -> Finding | None``: a text rule takes a
:class:`~redline.diff.sections.BlockChange` (old and new block text, with its section's
id and heading path), a fact rule a :class:`~redline.diff.facts.FactChange`. Other
packages add rules through the ``redline.rules`` entry point group, the way Babel takes
extractors::

    [project.entry-points."redline.rules"]
    acme-brand = "acme_rules:brand_rename"      # a text rule
    "fact.acme-fees" = "acme_rules:fee_table"   # a fact rule: name starts with "fact."
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from redline.classify import (
    artefacts,
    editorial,
    examples,
    facts,
    grammar,
    material,
    meaning,
    periods,
    reports,
    spelling,
)
from redline.classify.findings import Finding
from redline.classify.proof import PROOF_RULES
from redline.diff.facts import FactChange
from redline.diff.sections import BlockChange
from redline.errors import RedlineError
from redline.installed import declares

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

TextRule = Callable[[BlockChange], Finding | None]
FactRule = Callable[[FactChange], Finding | None]

ENTRY_POINT_GROUP = "redline.rules"
FACT_PREFIX = "fact."

#: Every rule for text changes. Material rules first: their findings win; otherwise
#: the first editorial finding explains the change; otherwise it is unexplained.
TEXT_RULES: list[TextRule] = [
    material.new_purpose,
    material.new_data_category,
    material.new_recipient,
    material.new_transfer_destination,
    periods.longer_retention,
    material.narrowed_rights,
    material.controller_identity,
    periods.shorter_notice_period,
    material.new_obligation,
    editorial.reordering,
    editorial.whitespace,
    editorial.punctuation,
    editorial.case,
    spelling.spelling,
    grammar.confusable_word,
    editorial.formatting,
    editorial.link_target,
    editorial.last_updated_date,
    periods.shorter_retention,
    editorial.removed_recipient,
    editorial.removed_destination,
    editorial.heading_renamed,
    editorial.style,
    artefacts.ui_label,
    reports.reported_figures,
    examples.catch_all_examples,
]

#: Meaning rules: consulted when no rule above found a material change, before any
#: editorial rule may explain it — they name what changed, and keep a spelling fix or a
#: struck recipient from explaining a change that also deleted a qualifier.
MEANING_RULES: list[TextRule] = [
    meaning.restyling_markup,
    meaning.meaning_words,
    meaning.qualifier_removed,
]

#: Every rule for fact changes, in the same spirit.
FACT_RULES: list[FactRule] = [
    facts.fact_retention,
    facts.fact_same_period,
    facts.fact_notice,
    facts.fact_response_time,
    facts.fact_recipient,
    facts.fact_transfer,
    facts.fact_controller,
    facts.fact_purpose,
    facts.fact_category,
    facts.fact_fee,
    facts.fact_reordering,
    facts.fact_last_updated,
]


@dataclass(frozen=True)
class RuleSet:
    """The rules one classification runs.

    ``proof`` rules run first and settle a change alone (editorial by proof); ``meaning``
    rules run when no ``text`` rule found it material, before any editorial finding counts.
    """

    text: tuple[TextRule, ...]
    fact: tuple[FactRule, ...]
    proof: tuple[TextRule, ...] = ()
    meaning: tuple[TextRule, ...] = ()


def builtin_rules() -> RuleSet:
    """The rules that ship with redline, without plugins."""
    return RuleSet(tuple(TEXT_RULES), tuple(FACT_RULES), PROOF_RULES, tuple(MEANING_RULES))


@cache
def default_rules() -> RuleSet:
    """The built-in rules plus every rule registered under the ``redline.rules`` entry points."""
    text, fact = list(TEXT_RULES), list(FACT_RULES)
    for point in _plugin_points():
        rule = _load(point)
        if point.name.startswith(FACT_PREFIX):
            fact.append(rule)
        else:
            text.append(rule)
    return RuleSet(tuple(text), tuple(fact), PROOF_RULES, tuple(MEANING_RULES))


def _plugin_points() -> list[EntryPoint]:
    """The entry points of the group, by name; none without asking importlib.metadata when
    no installed distribution declares the group (see :mod:`redline.installed`)."""
    if declares(ENTRY_POINT_GROUP) is False:
        return []
    from importlib.metadata import entry_points

    return sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name)


def _load(point: EntryPoint) -> Callable[..., Finding | None]:
    where = f"entry point '{point.name}' = '{point.value}' (group {ENTRY_POINT_GROUP})"
    try:
        rule = point.load()
    except Exception as error:  # a plugin can fail in any way; say which one did
        raise RedlineError(
            f"cannot load materiality rule: {error}",
            where=where,
            fix="install the package that provides it, or remove the entry point",
        ) from error
    if not callable(rule):
        raise RedlineError(
            "materiality rule is not callable",
            where=where,
            fix="point the entry point at a function (change) -> Finding | None",
        )
    loaded: Callable[..., Finding | None] = rule
    return loaded
