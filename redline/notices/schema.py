"""The JSON Schemas Redline ships (``schemas/`` at the top of the repository), and validation.

Published notices are checked against ``schemas/notices.schema.json`` before anything
is written, so the pipeline never reads a file its schema would reject.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from redline.errors import RedlineError

#: Where schemas are looked up: inside the package (an installed wheel), then the source checkout.
SCHEMA_DIRS = (Path(__file__).resolve().parent.parent / "schemas",
               Path(__file__).resolve().parent.parent.parent / "schemas")
NOTICES_SCHEMA = "notices.schema.json"
CHANGE_RECORD_SCHEMA = "change-record.schema.json"


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Return the schema ``name`` (e.g. ``notices.schema.json``)."""
    for folder in SCHEMA_DIRS:
        path = folder / name
        if path.is_file():
            schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return schema
    raise RedlineError(f"schema {name} not found", where=str(SCHEMA_DIRS[-1]),
                       fix="reinstall redline: the schemas/ folder ships with it")


def validator(name: str) -> jsonschema.Draft202012Validator:
    """A validator for the schema ``name``, with format checks."""
    return jsonschema.Draft202012Validator(load_schema(name), format_checker=jsonschema.FormatChecker())


def check_notices(document: Any) -> None:
    """Fail when ``document`` is not a valid notices file (a bug in Redline, never in the input)."""
    errors = sorted(validator(NOTICES_SCHEMA).iter_errors(document), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        at = "/".join(str(part) for part in first.absolute_path) or "(top)"
        raise RedlineError(f"notices do not match {NOTICES_SCHEMA} at {at}: {first.message}",
                           fix="this is a bug in redline: please report it with the command you ran")
