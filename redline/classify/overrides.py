"""Overrides: an editor overrules a verdict, with a written justification kept in the repository.

A change record is a file ``changes/<yyyy-mm-dd>-<slug>.yml``::

    policy: privacy
    sections: [retention]          # optional: only findings in these sections
    categories: [unexplained]      # optional: only findings of these categories
    facts: [retention.logs]        # optional: only findings about these facts
    locales: [ru]                  # optional: a translation-only change of these locales instead
    verdict: editorial             # or material
    justification: The sentence was re-spelt; "twelve months" and "12 months" are the same period.
    author: Jane Roe <jane@example.com>

A record applies only to the change that *adds* it (the file is new at the new side),
so it can never wave through a later change. See docs/decisions/0006-overrides.md.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from redline.classify.findings import EDITORIAL_CATEGORIES, MATERIAL_CATEGORIES, Finding, Verdict
from redline.config import CHANGES_DIR
from redline.errors import RedlineError, did_you_mean
from redline.load.data import decode
from redline.load.schemas import (
    CHANGE_RECORD_SCHEMA,
    Facts,
    load_schema,
    passed_before,
    remember_pass,
    validator,
)
from redline.load.snapshot import Snapshot
from redline.load.yamlfile import YamlDocument, parse_yaml

if TYPE_CHECKING:
    import jsonschema

NAME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9][a-z0-9-]*\.ya?ml$")
CATEGORIES = (*MATERIAL_CATEGORIES, *EDITORIAL_CATEGORIES)
SCOPES = ("sections", "categories", "facts", "locales")
FIX_JUSTIFY = "write why the rules' verdict is wrong here: `justification: …` (it stays in the repository)"
Weight = Literal["editorial", "material"]


@dataclass(frozen=True)
class ChangeRecord:
    """One override, as written in ``changes/``.

    Attributes:
        path: the file (``changes/2026-03-01-log-retention.yml``).
        line: line of the ``verdict`` key, for messages.
        policy: the policy id.
        verdict: what the matched findings are judged to be.
        justification: why, in the editor's words.
        author: who takes responsibility.
        sections, categories, facts: the scope; empty means any.
        locales: the translated locales whose translation-only findings the record judges; empty
            means the source text's findings (a record never reaches both).
    """

    path: str
    line: int
    policy: str
    verdict: Weight
    justification: str
    author: str
    sections: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()
    locales: tuple[str, ...] = ()

    def matches(self, finding: Finding, traced: Mapping[str, Sequence[str]]) -> bool:
        """True when ``finding`` is in this record's scope (``traced``: fact → sections rendering it)."""
        if self.categories and finding.category not in self.categories:
            return False
        if self.facts and not any(_under(finding.fact, fact) for fact in self.facts):
            return False
        if self.sections:
            where = {finding.section} if finding.section else set(traced.get(finding.fact or "", ()))
            return bool(where & set(self.sections))
        return True

    def scope(self) -> dict[str, list[str]]:
        """The scope as given (for reports)."""
        return {name: list(getattr(self, name)) for name in SCOPES if getattr(self, name)}


def _under(path: str | None, prefix: str) -> bool:
    return path is not None and (path == prefix or path.startswith((f"{prefix}.", f"{prefix}[")))


@dataclass(frozen=True)
class Applied:
    """An override and the findings (indices into the verdict's findings) it matched."""

    record: ChangeRecord
    findings: tuple[int, ...]


@dataclass(frozen=True)
class Judgement:
    """The rules' verdict on a policy's change, and what overrides made of it.

    Attributes:
        verdict: the rules' verdict, unchanged.
        material: the final answer: needs a notice.
        overrides: the records that applied.
    """

    verdict: Verdict
    material: bool
    overrides: tuple[Applied, ...] = ()

    def overridden_by(self, index: int) -> ChangeRecord | None:
        """The record that changed the weight of finding ``index``, if any."""
        for applied in self.overrides:
            finding = self.verdict.findings[index]
            if index in applied.findings and (applied.record.verdict == "material") != finding.material:
                return applied.record
        return None


def judge(verdict: Verdict, policy: str, records: Sequence[ChangeRecord],
          traced: Mapping[str, Sequence[str]], locale: str | None = None) -> Judgement:
    """Apply the records about ``policy`` to its verdict (of the source, or of ``locale``'s own change).

    An ``editorial`` record turns the material findings it matches editorial; a
    ``material`` record makes the whole change material. Material wins when both apply.
    """
    applied = []
    for record in (r for r in records if r.policy == policy and _reaches(r, locale)):
        matched = tuple(i for i, f in enumerate(verdict.findings) if record.matches(f, traced))
        if matched:
            applied.append(Applied(record, matched))
    cleared = {i for a in applied if a.record.verdict == "editorial" for i in a.findings}
    forced = any(a.record.verdict == "material" for a in applied)
    left = any(f.material and i not in cleared for i, f in enumerate(verdict.findings))
    return Judgement(verdict, forced or left, tuple(applied))


def _reaches(record: ChangeRecord, locale: str | None) -> bool:
    """A record without ``locales`` judges the source text; one with them, those locales only."""
    return locale in record.locales if record.locales else locale is None


def load_records(snapshot: Snapshot, folder: str = CHANGES_DIR, checked: Facts | None = None
                 ) -> list[ChangeRecord]:
    """Read and validate every change record of ``snapshot``, in file order (``checked``:
    where records that passed the schema in an earlier run are remembered)."""
    paths = [p for p in snapshot.list(folder) if p.endswith((".yml", ".yaml"))]
    return [parse_record(snapshot.read(path) or b"", path, checked) for path in paths]


def new_records(base: Snapshot | None, head: Snapshot, folder: str = CHANGES_DIR,
                checked: Facts | None = None) -> list[ChangeRecord]:
    """The records the change from ``base`` to ``head`` adds (only those can apply to it)."""
    old = set(base.list(folder)) if base is not None else set()
    return [record for record in load_records(head, folder, checked) if record.path not in old]


def parse_record(raw: bytes, path: str, checked: Facts | None = None) -> ChangeRecord:
    """Parse one change record; raise :class:`RedlineError` naming ``path:line`` when it is not valid."""
    name = path.rsplit("/", 1)[-1]
    if not NAME_RE.match(name):
        raise RedlineError(f"change record '{name}' is not named YYYY-MM-DD-slug.yml", where=path,
                           fix="rename it, e.g. changes/2026-03-01-log-retention.yml")
    document = parse_yaml(decode(raw, path), path)
    data = document.data
    if not isinstance(data, dict):
        raise RedlineError("a change record is a mapping of keys to values", where=document.where(()),
                           fix="write policy:, verdict:, justification: and author: lines")
    content = hashlib.sha1(raw, usedforsecurity=False).hexdigest()
    passed = passed_before(checked, "change-record", content)
    _validate(data, document, passed)
    if not passed:
        remember_pass(checked, "change-record", content)
    return _record(data, document)


def _validate(data: dict[str, Any], document: YamlDocument, schema_checked: bool = False) -> None:
    """Check a record: keys, then the justification, then the schema, then the categories
    (the schema not again when these bytes passed it before: jsonschema costs 30 ms to import)."""
    allowed = list(load_schema(CHANGE_RECORD_SCHEMA)["properties"])
    for unknown in (key for key in data if key not in allowed):
        raise RedlineError(f"unknown key '{unknown}'{did_you_mean(unknown, allowed)}",
                           where=document.where((unknown,)), fix=f"use one of: {', '.join(allowed)}")
    verdict_line = document.where(("verdict",)) if "verdict" in data else document.where(())
    if not isinstance(data.get("justification"), str) or not data["justification"].strip():
        where = document.where(("justification",)) if "justification" in data else verdict_line
        raise RedlineError("an override needs a written justification", where=where, fix=FIX_JUSTIFY)
    errors = [] if schema_checked else validator(CHANGE_RECORD_SCHEMA).iter_errors(data)
    for error in sorted(errors, key=lambda e: list(e.path)):
        raise _schema_error(error, document, verdict_line)
    for index, category in enumerate(data.get("categories", [])):
        if category not in CATEGORIES:
            raise RedlineError(f"unknown finding category '{category}'{did_you_mean(category, CATEGORIES)}",
                               where=document.where(("categories", index)),
                               fix="use a category of docs/materiality.md, as the report prints it")


def _schema_error(error: jsonschema.ValidationError, document: YamlDocument,
                  verdict_line: str) -> RedlineError:
    if error.validator == "required":
        return RedlineError(f"change record: {error.message}", where=verdict_line,
                            fix="name policy, verdict (editorial or material), justification, author")
    at = tuple(error.path)
    key = ".".join(map(str, at)) or "record"
    return RedlineError(f"{key}: {error.message}", where=document.where(at),
                        fix="see docs/decisions/0006-overrides.md for the keys of a change record")


def _record(data: dict[str, Any], document: YamlDocument) -> ChangeRecord:
    return ChangeRecord(
        path=document.path,
        line=document.line_of(("verdict",)),
        policy=data["policy"],
        verdict=data["verdict"],
        justification=" ".join(data["justification"].split()),
        author=data["author"].strip(),
        sections=tuple(data.get("sections", ())),
        categories=tuple(data.get("categories", ())),
        facts=tuple(data.get("facts", ())),
        locales=tuple(data.get("locales", ())),
    )


def check_applied(records: Sequence[ChangeRecord], judgements: Mapping[str, Judgement],
                  known: Mapping[str, Sequence[str]],
                  by_locale: Mapping[tuple[str, str], Judgement] | None = None) -> None:
    """Fail for a new record that names no changed policy or matches no finding.

    Args:
        records: the records this change adds.
        judgements: policy id → its judgement, for the policies that changed.
        known: policy id → its section ids, for every policy on either side.
        by_locale: (policy id, locale) → the judgement of that locale's own change.
    """
    for record in records:
        where = f"{record.path}:{record.line}"
        if record.policy not in known:
            raise RedlineError(f"override names no policy '{record.policy}'"
                               f"{did_you_mean(record.policy, known)}", where=where,
                               fix=f"use one of: {', '.join(known)}")
        for section in record.sections:
            if section not in known[record.policy]:
                raise RedlineError(f"{record.policy} has no section '{section}'"
                                   f"{did_you_mean(section, known[record.policy])}", where=where,
                                   fix="use the section id of the heading ({ #id }), as the report prints it")
        judged = [judgements.get(record.policy)] if not record.locales else \
            [(by_locale or {}).get((record.policy, locale)) for locale in record.locales]
        if not any(j is not None and any(a.record == record for a in j.overrides) for j in judged):
            raise RedlineError(f"override matches no finding of {record.policy} in this change",
                               where=where,
                               fix="scope it to sections, categories, facts or locales the report lists, "
                                   "or delete it")
