"""Typed facts: ``policies/_data/*.yml`` validated against ``policies/_data/schema.yml``.

The schema is JSON Schema (2020-12) written in YAML. Two extensions: ``format`` may be
``duration``, ``date``, ``country`` or ``email`` (checked), and ``x-translatable: true``
marks a string as natural language, so it is extracted into the catalogs and translated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from redline.errors import RedlineError, did_you_mean
from redline.load import formats
from redline.load.snapshot import Snapshot
from redline.load.yamlfile import Path_, YamlDocument, parse_yaml

if TYPE_CHECKING:
    import jsonschema
    from jsonschema.exceptions import ValidationError

SCHEMA_NAME = "schema.yml"


@dataclass(frozen=True)
class Issue:
    """One problem found while loading: where, what, and how to fix it."""

    where: str
    message: str
    fix: str = ""

    def error(self) -> RedlineError:
        """Return the issue as an error to raise."""
        return RedlineError(self.message, where=self.where, fix=self.fix or None)


@dataclass
class DataSet:
    """All data files of a snapshot, validated.

    Attributes:
        values: file name (without ``.yml``) -> its data, dates as ``datetime.date``.
        documents: the parsed files, for line numbers.
        schema: the schema, or an empty one when the project has none.
        translatable: paths of strings marked ``x-translatable``.
    """

    values: dict[str, Any] = field(default_factory=dict)
    documents: dict[str, YamlDocument] = field(default_factory=dict)
    schema: dict[str, Any] = field(default_factory=dict)
    translatable: list[Path_] = field(default_factory=list)


def _checker() -> jsonschema.FormatChecker:
    import jsonschema

    checker = jsonschema.FormatChecker()
    checker.checks("duration")(formats.is_duration)
    checker.checks("date")(formats.is_date)
    checker.checks("country")(formats.is_country)
    checker.checks("email")(formats.is_email)
    return checker


def read_document(snapshot: Snapshot, path: str) -> YamlDocument:
    """Parse one YAML file of ``snapshot``."""
    return parse_document(snapshot.read(path) or b"", path)


def parse_document(raw: bytes, path: str) -> YamlDocument:
    """Parse the bytes of one YAML file."""
    return parse_yaml(decode(raw, path), path)


def load_data(snapshot: Snapshot, folder: str,
              read: Callable[[Snapshot, str], YamlDocument] = read_document,
              schema_checked: bool = False) -> tuple[DataSet, list[Issue]]:
    """Read and validate every data file under ``folder`` (``policies/_data``).

    ``read`` parses one file (the memo passes one that parses each content once);
    ``schema_checked``: these very files passed their schema before (see :mod:`redline.load.memo`).
    """
    data = DataSet()
    issues: list[Issue] = []
    schema_path = f"{folder}/{SCHEMA_NAME}"
    for path in snapshot.list(folder):
        if not path.endswith((".yml", ".yaml")) or path == schema_path:
            continue
        name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        document = read(snapshot, path)
        data.documents[name] = document
        data.values[name] = document.data
    if snapshot.read(schema_path) is not None:
        data.schema = read(snapshot, schema_path).data or {}
        issues.extend([] if schema_checked else _validate(data, schema_path))
    if not issues:
        data.values = _typed(data.values, data.schema)
        data.translatable = list(translatable_paths(data.values, data.schema))
    return data, issues


#: no source file (policy, data, catalog) may be larger: bounds time and memory of a build
MAX_SOURCE_BYTES = 8_000_000


def decode(raw: bytes, path: str) -> str:
    """Decode UTF-8 source text, or fail naming the file and the byte offset."""
    if len(raw) > MAX_SOURCE_BYTES:
        raise RedlineError(
            f"file too large ({len(raw):,} bytes, at most {MAX_SOURCE_BYTES:,})",
            where=path, fix="split it into several policies or data files",
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise RedlineError(
            f"not valid UTF-8 (byte offset {error.start})",
            where=f"{path}:{line}",
            fix="save the file as UTF-8 in your editor",
        ) from None


def _validate(data: DataSet, schema_path: str) -> Iterator[Issue]:
    import jsonschema  # 30 ms to import: not when these files passed before

    try:
        validator = jsonschema.Draft202012Validator(data.schema, format_checker=_checker())
        errors = sorted(validator.iter_errors(data.values), key=lambda e: list(map(str, e.path)))
    except jsonschema.SchemaError as bad:
        yield Issue(schema_path, f"invalid schema: {bad.message}", "fix the schema")
        return
    for error in errors:
        yield _issue(error, data, schema_path)


def _issue(error: ValidationError, data: DataSet, schema_path: str) -> Issue:
    at = tuple(error.absolute_path)
    if not at:
        name = _missing_name(error)
        return Issue(schema_path, f"data file '{name}.yml' is missing", f"create it ({error.message})")
    document = data.documents[str(at[0])]
    inner = at[1:]
    if error.validator == "additionalProperties":
        inner = (*inner, *_unknown_keys(error)[:1])
    message, fix = _explain(error, dotted_path(at))
    return Issue(document.where(inner), message, fix)


def _unknown_keys(error: ValidationError) -> list[str]:
    allowed = set((error.schema.get("properties") or {}).keys())
    return sorted(set(error.instance) - allowed)


def _missing_name(error: ValidationError) -> str:
    text = error.message
    return text.split("'")[1] if "'" in text else "?"


def _explain(error: ValidationError, dotted: str) -> tuple[str, str]:
    kind = error.validator
    if kind == "additionalProperties":
        allowed = list((error.schema.get("properties") or {}).keys())
        unknown = (_unknown_keys(error) or ["?"])[0]
        hint = did_you_mean(unknown, allowed)
        return f"{dotted}: unknown key '{unknown}'{hint}", f"use one of: {', '.join(allowed)}"
    if kind == "required":
        return f"{dotted}: {error.message}", "add the missing key"
    if kind == "format":
        hint = formats.FORMAT_HINTS.get(str(error.validator_value), str(error.validator_value))
        return f"{dotted}: {error.instance!r} is not {hint}", f"write {hint}"
    if kind == "type":
        return (
            f"{dotted}: expected {error.validator_value}, got {error.instance!r}",
            f"write a value of type {error.validator_value}",
        )
    return f"{dotted}: {error.message}", "see policies/_data/schema.yml"


def dotted_path(at: Path_) -> str:
    """Render a data path the way templates write it.

    >>> dotted_path(("retention", "logs"))
    'retention.logs'
    >>> dotted_path(("subprocessors", 2, "name"))
    'subprocessors[2].name'
    """
    text = ""
    for part in at:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _typed(value: Any, schema: dict[str, Any]) -> Any:
    """Turn strings the schema declares as dates into ``datetime.date``."""
    if isinstance(value, dict):
        props = schema.get("properties") or {}
        return {k: _typed(v, props.get(k) or {}) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v, schema.get("items") or {}) for v in value]
    if schema.get("format") == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def translatable_paths(value: Any, schema: dict[str, Any], at: Path_ = ()) -> Iterator[Path_]:
    """Yield the path of every string the schema marks ``x-translatable``."""
    if isinstance(value, dict):
        props = schema.get("properties") or {}
        for key, item in value.items():
            yield from translatable_paths(item, props.get(key) or {}, (*at, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from translatable_paths(item, schema.get("items") or {}, (*at, i))
    elif isinstance(value, str) and schema.get("x-translatable"):
        yield at
