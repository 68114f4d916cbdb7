"""A Markdown file's YAML front matter: page settings, compared key by key, apart from the text.

The front matter is not text a reader sees as such: a site engine reads it for the
title, dates and layout. Each changed key becomes one change of kind ``meta`` (``key:
value``), so a rule can tell a new date or a layout setting from a new title.
"""

from __future__ import annotations

import re

import yaml

from redline.diff.sections import BlockChange

FRONT_MATTER_RE = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)
#: The id of the pseudo-section that holds front-matter changes.
FRONT_MATTER_ID = "_front_matter"


def split_front_matter(markdown: str) -> tuple[dict[str, str], str]:
    """Split off the front matter: (key → value as text, the body with blank lines in its place).

    Front matter that is not a YAML mapping stays in the body, read as text.

    >>> split_front_matter("---\\ntitle: T\\ndate: 2024-01-02\\n---\\nBody\\n")
    ({'title': 'T', 'date': '2024-01-02'}, '\\n\\n\\n\\nBody\\n')
    """
    match = FRONT_MATTER_RE.match(markdown)
    if not match:
        return {}, markdown.removeprefix("\ufeff")
    try:
        data = yaml.safe_load(match.group(1) or "") or {}
    except yaml.YAMLError:
        return {}, markdown.removeprefix("\ufeff")
    if not isinstance(data, dict):
        return {}, markdown.removeprefix("\ufeff")
    blank = "\n" * match.group(0).count("\n")
    return {str(key): _text(value) for key, value in data.items()}, blank + markdown[match.end():]


def _text(value: object) -> str:
    if isinstance(value, (dict, list)):
        return yaml.safe_dump(value, default_flow_style=True, sort_keys=True, allow_unicode=True).strip()
    return str(value)


def front_matter_changes(old: dict[str, str], new: dict[str, str]) -> tuple[BlockChange, ...]:
    """One ``meta`` change per key added, removed or changed, in the new file's key order.

    >>> [(c.old, c.new) for c in front_matter_changes({"a": "1", "b": "x"}, {"a": "2"})]
    [('a: 1', 'a: 2'), ('b: x', None)]
    """
    keys = [*new, *(key for key in old if key not in new)]
    return tuple(
        BlockChange(
            f"{key}: {old[key]}" if key in old else None,
            f"{key}: {new[key]}" if key in new else None,
            "meta",
            FRONT_MATTER_ID,
            ("front matter",),
        )
        for key in keys
        if old.get(key) != new.get(key)
    )
