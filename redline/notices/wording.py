"""The words of notices, feeds and emails: templates and strings editors can change.

Templates ship in ``redline/templates/notices/``; a project overrides any of them by
putting its own in ``templates/notices/`` (like a theme's ``custom_dir``). The words are
Redline's interface words (:mod:`redline.publish.ui`, keys ``notices.*``: one table per
locale with the site's). A project's ``templates/notices/strings.yml`` names its facts
(``facts: {retention.logs: Log data}``) and may still override words per locale; a word
missing in a locale is taken from the locale's language, then from English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from redline.errors import RedlineError
from redline.load.data import decode
from redline.load.yamlfile import parse_yaml
from redline.publish import ui
from redline.punctuation import fill

PROJECT_DIR = "templates/notices"
STRINGS = "strings.yml"


def package_dir() -> Path:
    """The folder of the default notice templates."""
    return Path(str(resources.files("redline") / "templates" / "notices"))


def template_dirs(root: Path) -> list[Path]:
    """Where notice templates are looked up: the project's folder first, then the defaults."""
    return [folder for folder in (root / PROJECT_DIR, package_dir()) if folder.is_dir()]


@dataclass(frozen=True)
class Wording:
    """Strings per locale (project over defaults), looked up with fallbacks."""

    table: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def _chain(self, locale: str) -> list[Mapping[str, Any]]:
        language = locale.replace("-", "_").split("_")[0]
        return [self.table.get(code) or {} for code in dict.fromkeys((locale, language, "en"))]

    def text(self, locale: str, key: str, **values: Any) -> str:
        """The string ``key`` in ``locale``, with ``{name}`` fields filled in."""
        chain = self._chain(locale)
        # The project's words of this locale first (for English, its English words).
        for strings in chain if locale.split("_")[0] == "en" else chain[:-1]:
            if isinstance(strings.get(key), str):
                return fill(str(strings[key]), **values)
        word = ui.lookup(locale, f"notices.{key}")
        if word is not None:
            return fill(word, **values)
        english = chain[-1].get(key)
        word = english if isinstance(english, str) else ui.lookup("en", f"notices.{key}")
        if word is not None:
            return fill(word, **values)
        raise RedlineError(f"no string '{key}' for notices", where=f"{PROJECT_DIR}/{STRINGS}",
                           fix=f"add `{key}:` under `en:`")

    def fact_label(self, locale: str, key: str) -> str | None:
        """The label of the fact at ``key`` (``retention.logs``) in ``locale``, if one is written."""
        for strings in self._chain(locale)[:-1] if locale != "en" else self._chain(locale):
            labels = strings.get("facts")
            if isinstance(labels, Mapping) and isinstance(labels.get(key), str):
                return str(labels[key])
        return None


def load_wording(root: Path) -> Wording:
    """Merge the project's ``strings.yml`` over the defaults, locale by locale, key by key."""
    merged: dict[str, dict[str, Any]] = {}
    for folder in reversed(template_dirs(root)):
        path = folder / STRINGS
        if not path.is_file():
            continue
        for locale, strings in _read(path, root).items():
            target = merged.setdefault(locale, {})
            facts = {**target.get("facts", {}), **strings.get("facts", {})}
            target.update(strings)
            if facts:
                target["facts"] = facts
    return Wording(merged)


def _read(path: Path, root: Path) -> dict[str, dict[str, Any]]:
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    try:
        data = parse_yaml(decode(path.read_bytes(), shown), shown).data
    except yaml.YAMLError as error:  # parse_yaml reports marked errors itself
        raise RedlineError(f"malformed YAML: {error}", where=shown) from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise RedlineError("strings.yml maps each locale to its strings", where=shown,
                           fix="write `en:` then indented `key: text` lines, one block per locale")
    return {str(k): v for k, v in data.items()}
