"""Project settings, read from the ``redline`` plugin entry of ``mkdocs.yml``.

The core reads ``mkdocs.yml`` as plain YAML (tags such as ``!!python/name`` are
tolerated, not executed) so it never imports MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from redline.errors import RedlineError
from redline.trust import check_config, key_lines

#: the options of the ``redline`` plugin entry and their defaults, declared once (the MkDocs plugin's too)
PLUGIN_OPTIONS: dict[str, str | list[str] | None] = {
    "source_locale": "en",
    "locales": ["en"],
    "policies_dir": "policies",
    "locales_dir": "locales",
    "history_start": None,
}
KNOWN_KEYS = frozenset(PLUGIN_OPTIONS)


#: where change records (overrides of a verdict, with their justification) live
CHANGES_DIR = "changes"
#: values one YAML file (mkdocs.yml, a data file, front matter) may expand to: an alias bomb of a
#: few hundred bytes expands to billions
MAX_VALUES = 100_000

@dataclass(frozen=True)
class Project:
    """Where a policy repository keeps its sources, and which locales it publishes.

    Attributes:
        root: the repository's top folder (where ``mkdocs.yml`` is).
        source_locale: the locale policies are written in.
        locales: every published locale, source first.
        policies_dir: folder of ``<id>.md`` templates and ``_data/``.
        locales_dir: folder of gettext catalogs.
        history_start: commit (or ref) before which history is not published.
        site_url: ``site_url`` of ``mkdocs.yml`` with a final slash, or "/" when unset.
        site_name: ``site_name`` of ``mkdocs.yml``.
    """

    root: Path
    source_locale: str = "en"
    locales: tuple[str, ...] = ("en",)
    policies_dir: str = "policies"
    locales_dir: str = "locales"
    history_start: str | None = None
    site_url: str = "/"
    site_name: str = "Policies"

    @property
    def translated_locales(self) -> tuple[str, ...]:
        """Published locales other than the source locale."""
        return tuple(loc for loc in self.locales if loc != self.source_locale)


class _UnsafeTag(Exception):
    """A tag MkDocs would run as code, and its line."""

    def __init__(self, tag: str, line: int, allowed: bool = True) -> None:
        super().__init__(tag)
        self.tag, self.line, self.runs_code = tag, line, allowed


class _TolerantLoader(yaml.SafeLoader):
    """SafeLoader that reads unknown tags as plain values instead of failing."""


#: MkDocs loads mkdocs.yml with PyYAML's unsafe loader, where ``!!python/object/apply:os.system``
#: runs a command: mkdocs.yml changes through pull requests, so only names of Markdown extensions pass.
PYTHON_TAG = "tag:yaml.org,2002:python/"
SAFE_NAMES = ("name:material.", "name:pymdownx.", "name:markdown.")


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if suffix.startswith(PYTHON_TAG) and not suffix.removeprefix(PYTHON_TAG).startswith(SAFE_NAMES):
        raise _UnsafeTag(f"!!{suffix.removeprefix('tag:yaml.org,2002:')}", node.start_mark.line + 1)
    if not suffix.startswith(PYTHON_TAG + "name:"):
        # !ENV reads an environment variable (a CI secret in every footer), !relative a path: no tag
        # but the names of Markdown extensions is allowed
        raise _UnsafeTag(suffix, node.start_mark.line + 1, allowed=False)
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_TolerantLoader.add_multi_constructor("", _any_tag)


def find_root(start: Path) -> Path:
    """Return the nearest folder at or above ``start`` holding ``mkdocs.yml``."""
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise RedlineError(
        f"no mkdocs.yml in {start} or any folder above it",
        fix="run redline inside a policy repository (or create one with `redline init DIR`)",
    )


def load_project(root: Path) -> Project:
    """Read the project settings from ``root/mkdocs.yml`` (and check the files it ``INHERIT``s)."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        raise RedlineError(
            "no mkdocs.yml in this folder", where=str(root),
            fix="pass --project the folder of a policy repository (the one holding mkdocs.yml), "
                "or create one with `redline init DIR`",
        )
    document, lines = _read_config(path)
    _check_inherited(document, path, root)
    settings = document if isinstance(document, dict) else {}
    check_config(settings, path, root, lines)
    project = _project_from(root, _plugin_options(settings), path)
    return replace(project, site_url=(_text(settings, "site_url") or "").rstrip("/") + "/",
                   site_name=_text(settings, "site_name") or "Policies")


def _text(document: dict[str, Any], name: str) -> str | None:
    """A top-level scalar of ``mkdocs.yml`` as text, or None when unset or empty."""
    value = document.get(name)
    if value is None or value == "" or isinstance(value, (dict, list)):
        return None
    return str(value)


def _check_inherited(document: Any, path: Path, root: Path, depth: int = 0) -> None:
    """MkDocs loads a file ``INHERIT`` names the same (unsafe) way: it must be in the repository and safe."""
    parent = document.get("INHERIT") if isinstance(document, dict) else None
    if parent is None:
        return
    target = (path.parent / str(parent)).resolve()
    if depth > 8 or not target.is_relative_to(root.resolve()) or not target.is_file():
        raise RedlineError(f"INHERIT '{parent}' is not a configuration file inside the repository",
                           where=str(path), fix="inherit a YAML file of this repository, or remove INHERIT")
    _check_inherited(_read_config(target)[0], target, root, depth + 1)


def _read_config(path: Path) -> tuple[Any, dict[tuple[Any, ...], int]]:
    """The document of ``path`` and the line of each of its keys (see :func:`redline.trust.key_lines`)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise RedlineError(f"not valid UTF-8 (byte offset {error.start})", where=f"{path}:{line}",
                           fix="save the file as UTF-8 in your editor") from None
    try:
        # B506 does not apply: _TolerantLoader is a SafeLoader whose unknown tags become plain values
        document, lines = _load_bounded(text, path)
    except RecursionError:
        raise RedlineError("YAML nested too deeply (thousands of levels)", where=f"{path}:1",
                           fix="flatten the structure: mkdocs.yml needs a few levels") from None
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 0
        raise RedlineError(f"malformed YAML: {error.problem}", where=f"{path}:{line}") from None
    except _UnsafeTag as unsafe:
        if not unsafe.runs_code:
            raise RedlineError(f"YAML tag '{unsafe.tag}' is not allowed", where=f"{path}:{unsafe.line}",
                               fix="write the value itself: !ENV would publish an environment variable "
                                   "(a CI secret); only !!python/name: of Markdown extensions may be named"
                               ) from None
        raise RedlineError(f"YAML tag '{unsafe.tag}' could run code", where=f"{path}:{unsafe.line}",
                           fix="remove it: mkdocs.yml may only name Markdown extensions "
                               "(!!python/name:material..., pymdownx..., markdown...)") from None
    return document, lines


def _load_bounded(text: str, path: Path) -> tuple[Any, dict[tuple[Any, ...], int]]:
    """Load ``text`` with :class:`_TolerantLoader`, refusing it first when aliases expand it too far."""
    loader = _TolerantLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        _expanded_size(node, {}, path)
        return loader.construct_document(node), key_lines(node)
    finally:
        loader.dispose()


def too_many_values(where: str) -> RedlineError:
    """The error for a YAML file (mkdocs.yml or a data file) that expands past :data:`MAX_VALUES`."""
    return RedlineError(f"YAML expands to more than {MAX_VALUES} values (aliases repeating aliases?)",
                        where=where, fix="write the values out, or use fewer &anchor / *alias repetitions")


def _expanded_size(node: yaml.Node, sizes: dict[int, int], path: Path) -> int:
    """Values ``node`` stands for once every alias is written out (an alias bomb: billions)."""
    if id(node) in sizes:
        return sizes[id(node)]
    sizes[id(node)] = MAX_VALUES + 1  # a recursive alias expands without end
    size = 1
    if isinstance(node, yaml.MappingNode):
        size += sum(_expanded_size(k, sizes, path) + _expanded_size(v, sizes, path) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(item, sizes, path) for item in node.value)
    if size > MAX_VALUES:
        raise too_many_values(f"{path}:{node.start_mark.line + 1}")
    sizes[id(node)] = size
    return size


def _plugin_options(document: dict[str, Any]) -> dict[str, Any]:
    for entry in document.get("plugins") or []:
        if isinstance(entry, dict) and "redline" in entry:
            return dict(entry["redline"] or {})
    return {}


def _project_from(root: Path, options: dict[str, Any], path: Path) -> Project:
    unknown = sorted(set(options) - KNOWN_KEYS)
    if unknown:
        raise RedlineError(
            f"unknown redline option '{unknown[0]}'",
            where=str(path),
            fix=f"use one of: {', '.join(sorted(KNOWN_KEYS))}",
        )
    source = str(options.get("source_locale", "en"))
    locales = tuple(str(loc) for loc in options.get("locales", [source]))
    if source not in locales:
        locales = (source, *locales)
    ordered = (source, *(loc for loc in locales if loc != source))
    start = options.get("history_start")
    return Project(
        root=root,
        source_locale=source,
        locales=ordered,
        policies_dir=_folder(options, "policies_dir", "policies", path),
        locales_dir=_folder(options, "locales_dir", "locales", path),
        history_start=str(start) if start else None,
    )


def _folder(options: dict[str, Any], key: str, default: str, path: Path) -> str:
    """A folder option: relative, inside the repository (sources are never read from elsewhere)."""
    value = str(options.get(key, default)).strip().rstrip("/")
    parts = value.replace("\\", "/").split("/")
    if not value or value.startswith("/") or ":" in value or any(p in ("", ".", "..") for p in parts):
        raise RedlineError(f"{key} '{value}' is not a folder inside the repository", where=str(path),
                           fix=f"write a relative path without '..', e.g. {key}: {default}")
    return value
