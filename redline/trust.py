"""What ``mkdocs.yml`` and the theme folders may do: nothing that reads secrets or files outside.

``mkdocs.yml`` changes through pull requests. MkDocs would read an environment variable
for ``!ENV`` (a CI secret printed in every footer), Markdown extensions such as
``pymdownx.snippets`` read any file they are pointed at (``--8<-- "/proc/self/environ"``),
and a symlink under ``overrides/`` or ``templates/`` is followed by MkDocs and Jinja.
So only listed extensions and options pass, every string MkDocs prints into pages is
checked like policy text, and no file of the theme or template folders may resolve
outside the repository. See docs/security.md for the trust model.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from redline.errors import RedlineError
from redline.htmlscan import Danger, check_plain, find_danger, url_scheme_danger

#: Markdown extensions that only change how text is marked up (none reads a file or the network)
ALLOWED_EXTENSIONS = frozenset({
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
    "sane_lists", "smarty", "wikilinks", "nl2br", "legacy_attrs", "legacy_em", "meta", "fenced_code",
    "codehilite",
    "pymdownx.betterem", "pymdownx.caret", "pymdownx.critic", "pymdownx.details", "pymdownx.emoji",
    "pymdownx.escapeall", "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.keys",
    "pymdownx.magiclink", "pymdownx.mark", "pymdownx.saneheaders", "pymdownx.smartsymbols",
    "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.tilde",
    "pymdownx.arithmatex", "pymdownx.progressbar", "pymdownx.fancylists",
    "material.extensions.emoji",
})
#: option names that point an extension at files (pymdownx.b64, snippets, ...)
FILE_OPTIONS = ("path", "file", "dir", "url")
#: mkdocs.yml keys whose text MkDocs or Material print into every page
PRINTED_KEYS = ("site_name", "site_description", "site_author", "copyright")
#: folders whose files MkDocs or Jinja read (and follow symlinks in)
TEMPLATE_FOLDERS = ("overrides", "templates")


#: a key path of mkdocs.yml (names and list positions) -> its 1-based line
Lines = Mapping[tuple[Any, ...], int]


def check_config(document: dict[str, Any], path: Path, root: Path, lines: Lines | None = None) -> None:
    """Refuse what ``mkdocs.yml`` (``document``) may not do; see the module's docstring.

    ``lines`` (:func:`key_lines`) lets each error name the line of the key it is about.
    """
    def where(keys: tuple[Any, ...], shown: str) -> str:
        line = (lines or {}).get(keys)
        return f"{path}:{line}: {shown}" if line else f"{path}: {shown}"

    for key in PRINTED_KEYS:
        if isinstance(document.get(key), str):
            _check_printed(document[key], where((key,), key), plain=key != "copyright")
    for keys, at, text in _strings(document.get("extra"), ("extra",), "extra"):
        _check_printed(text, where(keys, at), plain=False)
    for keys, at, text in _strings(document.get("nav"), ("nav",), "nav"):
        _check_printed(text, where(keys, at), plain=True)
    for index, (name, options) in enumerate(_extensions(document.get("markdown_extensions"))):
        _check_extension(name, options, where(("markdown_extensions", index), "markdown_extensions"))
    theme = document.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    for folder in {*TEMPLATE_FOLDERS, *([str(custom)] if custom else [])}:
        check_inside(root, folder)


def _check_printed(text: str, where: str, plain: bool) -> None:
    scheme = url_scheme_danger(text)
    danger = find_danger(text) or (Danger(f"'{scheme}' URL", 1) if scheme else None)
    if danger is not None:
        raise RedlineError(f"{danger.label}", where=where,
                           fix="remove it: mkdocs.yml may not put scripts, event handlers or script URLs "
                               "in pages")
    if plain:
        check_plain(text, where, "the value")


def _strings(value: Any, keys: tuple[Any, ...], at: str) -> Iterator[tuple[tuple[Any, ...], str, str]]:
    if isinstance(value, str):
        yield keys, at, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key, keys, at) if isinstance(key, str) and key.strip() else iter(())
            yield from _strings(item, (*keys, key), f"{at}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*keys, index), f"{at}[{index}]")


def key_lines(node: yaml.Node | None) -> dict[tuple[Any, ...], int]:
    """The line of every key and list item of a composed YAML document (an alias: where first met)."""
    found: dict[tuple[Any, ...], int] = {}
    seen: set[int] = set()
    todo: list[tuple[yaml.Node, tuple[Any, ...]]] = [(node, ())] if node is not None else []
    while todo:
        current, keys = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                name = (*keys, key.value if isinstance(key, yaml.ScalarNode) else None)
                found.setdefault(name, key.start_mark.line + 1)
                todo.append((value, name))
        elif isinstance(current, yaml.SequenceNode):
            for index, item in enumerate(current.value):
                found.setdefault((*keys, index), item.start_mark.line + 1)
                todo.append((item, (*keys, index)))
    return found


def _extensions(value: Any) -> Iterator[tuple[str, Any]]:
    for entry in value or []:
        if isinstance(entry, dict):
            yield from ((str(name), options) for name, options in entry.items())
        else:
            yield str(entry), None


def _check_extension(name: str, options: Any, where: str) -> None:
    short = name.removeprefix("markdown.extensions.")
    if short not in ALLOWED_EXTENSIONS:
        raise RedlineError(
            f"Markdown extension '{name}' is not on the allow-list",
            where=where,
            fix="use the extensions listed in docs/security.md (some read files, e.g. pymdownx.snippets)",
        )
    for key in options if isinstance(options, dict) else {}:
        if any(word in str(key).lower() for word in FILE_OPTIONS):
            raise RedlineError(
                f"option '{key}' of Markdown extension '{name}' may point at files",
                where=where, fix="remove the option (see docs/security.md)",
            )


def check_inside(root: Path, folder: str) -> None:
    """Refuse a file or symlink under ``root/folder`` that resolves outside ``root``."""
    top = root.resolve()
    base = root / folder
    if not base.exists() and not base.is_symlink():
        return
    for path in (base, *sorted(base.rglob("*"))):
        if not path.resolve().is_relative_to(top):
            raise RedlineError(
                f"{_shown(path, root)} resolves outside the repository",
                where=str(root / "mkdocs.yml"),
                fix="replace the symlink by the file itself: MkDocs and Jinja would publish what it "
                    "points at" if path.is_symlink() or path != base else
                    "point theme.custom_dir at a folder of the repository (a relative path)",
            )


def _shown(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` when it is under it (``theme.custom_dir: /etc`` is not)."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
