"""What one render reads, hashed: the key of the render cache.

A render of policy P in locale L reads P's template, the data files P's template names,
the catalog entries of P's own sentences and of those data strings, the partials, and the
options. The key hashes exactly those, so an edit of one policy's sentence, or of a data
file only other policies use, leaves every other render's key as it was — even though it
changed a catalog (or data folder) that all of them share.

Which data a template reads is taken from the code between its Jinja delimiters: every
name there, with the attributes after it (``retention.logs``), so a change of one
retention period re-renders only the policies that state it. A template that includes or
imports a partial depends on all data. Everything here is memoized by content, so a key
costs a few dictionary lookups, not a pass over the catalog.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redline import __version__
from redline.blocks import needs_translation
from redline.load.catalogs import Catalog
from redline.load.policy import PolicySource
from redline.load.sources import Sources
from redline.render.env import partials_ids

#: a data file's name, then the keys and list indexes under it
DataPath = tuple[str | int, ...]
#: the names a template may use that are not data files
NOT_DATA = frozenset({"policy"})


class _Memo:
    """A bounded memo that holds its keys' objects, so an ``id()`` is never reused while kept."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[Any, tuple[Any, Any]] = OrderedDict()

    def get(self, key: Any, owner: Any, make: Any) -> Any:
        found = self.items.get(key)
        if found is not None and found[0] is owner:
            self.items.move_to_end(key)
            return found[1]
        value = make()
        self.items[key] = (owner, value)
        if len(self.items) > self.size:
            self.items.popitem(last=False)
        return value


_POLICY = _Memo(4096)
_DATA = _Memo(4096)


def digest(*parts: str) -> str:
    """SHA-256 of ``parts``, each ended by a NUL."""
    return hashlib.sha256("".join(f"{part}\0" for part in parts).encode("utf-8", "surrogatepass")).hexdigest()


def as_json(value: Any) -> str:
    """Canonical JSON (sorted keys, dates as ISO text)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


class PolicyInputs:
    """What a policy's own file contributes to its renders (computed once per content)."""

    def __init__(self, policy: PolicySource) -> None:
        body = _body_inputs(policy)
        self.digest = digest(body.digest, repr(policy.meta))  # in order, as the page is looped over
        titles = [str(policy.meta[key]) for key in ("title", "description") if key in policy.meta]
        self.msgids = body.msgids + tuple(titles)
        self.paths = body.paths
        #: the text reads the page's front matter (``policy.updated``, ...)
        self.reads_page = body.reads_page


@dataclass(frozen=True)
class _BodyInputs:
    """The part of :class:`PolicyInputs` its path and body decide (the blocks are the body's)."""

    digest: str
    msgids: tuple[str, ...]
    paths: frozenset[DataPath] | None
    reads_page: bool


def _body_inputs(policy: PolicySource) -> _BodyInputs:
    """Kept by content: the same file read at many commits (or with other dates) is read once."""
    key = (policy.path, policy.body)
    found = _BODIES.get(key)
    if found is None:
        paths = code_paths(policy.body)
        found = _BodyInputs(digest(policy.path, policy.body),
                            tuple(block.text for block in policy.blocks if needs_translation(block)),
                            _data_only(paths), paths is None or any(p[0] == "policy" for p in paths))
        if len(_BODIES) >= _POLICY.size:
            _BODIES.pop(next(iter(_BODIES)))
        _BODIES[key] = found
    return found


_BODIES: dict[tuple[str, str], _BodyInputs] = {}


def policy_inputs(policy: PolicySource) -> PolicyInputs:
    """The memoized :class:`PolicyInputs` of ``policy`` (per object: its front matter counts too)."""
    return _POLICY.get(id(policy), policy, lambda: PolicyInputs(policy))  # type: ignore[no-any-return]


def data_paths(template: str) -> frozenset[DataPath] | None:
    """The data paths of :func:`code_paths` (the page's ``policy`` is no data)."""
    return _data_only(code_paths(template))


def _data_only(paths: frozenset[DataPath] | None) -> frozenset[DataPath] | None:
    return None if paths is None else frozenset(path for path in paths if path[0] not in NOT_DATA)


def code_paths(template: str) -> frozenset[DataPath] | None:
    """The data ``template`` may read, as paths (``retention.logs`` → ``("retention", "logs")``).

    None when it may read any data (it includes or imports a partial). Read off the text
    between Jinja's delimiters, not parsed (a parse costs more than the render it would
    save): every identifier there counts, with the ``.name`` attributes that follow it. An
    identifier that is no data file (a filter, a keyword, a loop variable) only adds a
    dependency that resolves to nothing; a subscript after a name makes the whole name a
    dependency, and a call the whole of the value whose method it calls (``vendors.items()``
    reads ``vendors``, even when it has a key named ``items``). So a path can be too short or
    superfluous, never missing.

    >>> sorted(code_paths("{{ retention.logs }} {{ vendors.items() }}"))
    [('retention', 'logs'), ('vendors',)]
    """
    if _INCLUDES_RE.search(template):
        return None
    codes = _CODE_RE.findall(template)
    if any(quote in _STRING_RE.sub("", code) for code in codes for quote in "'\""):
        return None  # a string holds the delimiter ("}}"): the code goes on past where the regex stops
    return frozenset(_chain(match) for code in codes for match in _CHAIN_RE.finditer(code))


def _chain(match: re.Match[str]) -> DataPath:
    """The path a name chain reads: a call after it (``vendors.items()``) calls a method of
    the value before the last name, which may read all of that value."""
    path = tuple(match.group(0).split("."))
    called = match.string[match.end():].lstrip().startswith("(")
    return path[:-1] if called and len(path) > 1 else path


_CODE_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
#: a Jinja string literal (its escapes as Jinja's lexer reads them)
_STRING_RE = re.compile(r"'(?:[^'\\]|\\.)*'" r'|"(?:[^"\\]|\\.)*"', re.DOTALL)
_INCLUDES_RE = re.compile(r"\{%[-+]?\s*(?:include|import|from|extends)\b")
_CHAIN_RE = re.compile(r"(?<![\w.])[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")


def _entries(catalog: Catalog | None, msgids: tuple[str, ...]) -> list[str]:
    """Each msgid's entry as text: ``-`` when absent, else the fuzzy flag and the translation."""
    if catalog is None:
        return []
    found = map(catalog.entries.get, msgids)
    return ["-" if entry is None else f"{entry.fuzzy:d}{entry.string}" for entry in found]


def _value_digest(path: DataPath, value: Any) -> str:
    """The value as a render reads it: its ``repr``, which keeps a mapping's order (a loop prints
    in that order) and tells ``12`` from ``12.0`` and a date from its text (canonical JSON does not)."""
    if not isinstance(value, dict | list):
        return repr(value)
    return _DATA.get((path, id(value)), value, lambda: digest(repr(value)))  # type: ignore[no-any-return]


def resolve(values: dict[str, Any], path: DataPath) -> tuple[DataPath, Any] | None:
    """The longest prefix of ``path`` that exists in the data, and its value."""
    if path[0] not in values:
        return None
    value: Any = values[path[0]]
    for depth, step in enumerate(path[1:], 1):
        if _has(value, step):
            value = value[step]
        else:
            return path[:depth], value
    return path, value


def _has(value: Any, step: str | int) -> bool:
    if isinstance(value, dict):
        return step in value
    return isinstance(value, list) and isinstance(step, int) and -len(value) <= step < len(value)


def _data_part(sources: Sources, paths: frozenset[DataPath] | None, catalog: Catalog | None) -> list[str]:
    values = sources.data.values
    wanted = [(name,) for name in values] if paths is None else list(paths)
    used = dict(found for path in wanted if (found := resolve(values, path)) is not None)
    parts = [f"{as_json(list(path))}={_value_digest(path, used[path])}" for path in sorted(used, key=repr)]
    for at in sources.data.translatable:
        if catalog is not None and any(_related(at, path) for path in used):
            [entry] = _entries(catalog, (str(_at(values, at)),))
            parts.append(f"{as_json(list(at))}={entry}")
    return parts


def _related(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """One path is a prefix of the other."""
    depth = min(len(a), len(b))
    return a[:depth] == b[:depth]


def _at(value: Any, at: tuple[Any, ...]) -> Any:
    for key in at:
        value = value[key]
    return value


def engine_id() -> str:
    """The version of the code that renders: Redline's version and source files' bytes, and
    the versions of the libraries whose output a rendering or a notice holds.

    A cache entry written by other code (an upgrade of Redline, Jinja or Babel's CLDR data,
    or a checkout of another commit of Redline itself) is then never served, even when no
    version number was bumped.
    """
    global _ENGINE
    if _ENGINE is None:
        package = Path(__file__).resolve().parent.parent
        hasher = hashlib.blake2b(__version__.encode(), digest_size=16)
        hasher.update(" ".join(_library_versions()).encode())
        # The code, and the interface words shipped with it (unit forms reach rendered text).
        for name, path in _code_files(package):
            with open(path, "rb") as file:
                hasher.update(name.encode() + b"\0" + file.read())
        _ENGINE = hasher.hexdigest()[:16]
    return _ENGINE


_ENGINE: str | None = None


def _code_files(package: Path) -> list[tuple[str, str]]:
    """(name in the package, path) of its ``.py`` and ``.po`` files, by name (os.walk and
    plain strings: pathlib's rglob and relative_to cost more than the hashing)."""
    root = str(package)
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        prefix = os.path.relpath(folder, root).replace(os.sep, "/")
        for file in files:
            if file.endswith((".py", ".po")):
                name = file if prefix == "." else f"{prefix}/{file}"
                found.append((name, os.path.join(folder, file)))
    return sorted(found)


def ui_words_id() -> str:
    """The digest of the project's own interface-word catalogs (their unit forms reach the text)."""
    from redline.i18n.uiwords import project_fingerprint

    return project_fingerprint()
#: the distributions whose behaviour a cached value depends on
LIBRARIES = ("jinja2", "babel", "pyyaml", "nh3", "jsonschema", "markdown")


def _library_versions() -> list[str]:
    from redline.installed import version

    return [f"{name}={version(name) or '-'}" for name in LIBRARIES]


def render_key(sources: Sources, policy: PolicySource, locale: str, options: dict[str, Any]) -> str:
    """The content hash of everything one render of ``policy`` in ``locale`` reads."""
    inputs = policy_inputs(policy)
    # a catalog whose placeholders differ from the source's may name other data: depend on all
    paths = None if sources.issues else inputs.paths
    catalog = sources.catalogs.get(locale) if locale != sources.project.source_locale else None
    entries = _entries(catalog, inputs.msgids)
    options = _same_renders(sources, policy, locale, options)
    if page_unread(sources, policy, options.get("meta") or {}):
        options = {**options, "meta": "not read"}
    return digest(
        engine_id(), ui_words_id(), locale, as_json(options), inputs.digest, *entries,
        *_data_part(sources, paths, catalog), *partials_ids(sources.snapshot, sources.project.policies_dir),
    )


def _same_renders(sources: Sources, policy: PolicySource, locale: str, options: dict[str, Any]
                  ) -> dict[str, Any]:
    """``options`` without what cannot change this render, so equal renders share one entry.

    The source locale has nothing to fall back from, and a front matter value replaced by
    the value it already has changes nothing (the history and the comparisons pin dates
    differently, to the same values).
    """
    meta = options.get("meta") or {}
    return {**options,
            "allow_fallback": bool(options.get("allow_fallback")) and locale != sources.project.source_locale,
            "meta": {key: value for key, value in meta.items()
                     if key not in policy.meta or policy.meta[key] != value}}


#: front matter keys whose value the text may show without a render reading them
_TRANSLATED_META = frozenset({"title", "description"})


def page_unread(sources: Sources, policy: PolicySource, meta: dict[str, Any]) -> bool:
    """True when replacing front matter values by ``meta`` cannot change the rendered text.

    The text reads the page only through the name ``policy``; a template that never
    names it (and a catalog that adds no placeholder) renders the same text whatever
    ``updated`` says, so renders that differ only in such values share one entry.
    """
    inputs = policy_inputs(policy)
    return not inputs.reads_page and not sources.issues and not _TRANSLATED_META & set(meta)
