"""The JSON Schemas Redline ships (``redline/schemas/``, package data), and validation.

Published notices are checked against ``schemas/notices.schema.json`` before anything
is written, so the pipeline never reads a file its schema would reject.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from redline.errors import RedlineError

if TYPE_CHECKING:
    import jsonschema

#: The schemas ship inside the package (``schemas/`` at the top of the repository links to them).
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
NOTICES_SCHEMA = "notices.schema.json"
CHANGE_RECORD_SCHEMA = "change-record.schema.json"


class Facts(Protocol):
    """Where notices already found valid are remembered (the render cache's facts fit)."""

    def get(self, key: str) -> Any:
        """The fact recorded under ``key``, or None."""

    def put(self, key: str, value: Any) -> None:
        """Record ``value`` under ``key``."""


def passed_before(facts: Facts | None, kind: str, content: str) -> bool:
    """Whether the bytes with id ``content`` passed the ``kind`` schema in an earlier run.

    The facts live in the render cache, signed and per engine id (Redline's code and the
    libraries' versions): a pass recorded by other code is never read.
    """
    return facts is not None and facts.get(f"schema-valid:{kind}:{content}") is True


def remember_pass(facts: Facts | None, kind: str, content: str) -> None:
    """Record that the bytes with id ``content`` passed the ``kind`` schema."""
    if facts is not None:
        facts.put(f"schema-valid:{kind}:{content}", True)


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Return the schema ``name`` (e.g. ``notices.schema.json``)."""
    path = SCHEMA_DIR / name
    if path.is_file():
        schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return schema
    raise RedlineError(f"schema {name} not found", where=str(SCHEMA_DIR),
                       fix="reinstall redline: the schemas/ folder ships with it")


def validator(name: str) -> jsonschema.Draft202012Validator:
    """A validator for the schema ``name``, with format checks."""
    import jsonschema  # 30 ms to import: only where something is validated

    return jsonschema.Draft202012Validator(load_schema(name), format_checker=jsonschema.FormatChecker())


def check_notices(document: Any, checked: Facts | None = None) -> None:
    """Fail when ``document`` is not a valid notices file (a bug in Redline, never in the input).

    Each notice is checked on its own against the schema's ``notice`` definition, so with
    ``checked`` (the cache's facts) a notice already found valid — the same JSON against
    the same schema — is not checked again.
    """
    notices = document.get("notices") if isinstance(document, dict) else None
    if not isinstance(notices, list):
        errors = list(validator(NOTICES_SCHEMA).iter_errors(document))
    else:
        errors = list(validator(NOTICES_SCHEMA).iter_errors({**document, "notices": []}))
        for index, notice in enumerate(notices):
            errors += notice_errors(index, notice, checked)
    errors.sort(key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        at = "/".join(str(part) for part in first.absolute_path) or "(top)"
        raise RedlineError(f"notices do not match {NOTICES_SCHEMA} at {at}: {first.message}",
                           fix="this is a bug in redline: please report it with the command you ran")


def notice_errors(index: int, notice: Any, checked: Facts | None) -> list[jsonschema.ValidationError]:
    """The schema errors of the ``index``-th notice of a document (none when ``checked`` knows it valid)."""
    text = json.dumps([schema_digest(), notice], sort_keys=True, ensure_ascii=False)
    key = "notice-valid:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
    if checked is not None and checked.get(key) is True:
        return []
    errors = list(_notice_validator().iter_errors(notice))
    for error in errors:
        error.path.extendleft((index, "notices"))  # as if found in the whole document
    if checked is not None and not errors:
        checked.put(key, True)
    return errors


@cache
def schema_digest() -> str:
    """The hash of ``notices.schema.json`` (it is data, so the engine id does not cover it)."""
    return hashlib.sha256(json.dumps(load_schema(NOTICES_SCHEMA), sort_keys=True).encode()).hexdigest()


@cache
def _notice_validator() -> jsonschema.Draft202012Validator:
    schema = load_schema(NOTICES_SCHEMA)
    one = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/notice"}
    import jsonschema

    return jsonschema.Draft202012Validator(one, format_checker=jsonschema.FormatChecker())
