"""Fill a sentence's ``{fields}`` without doubling its punctuation.

A value may end with the full stop its locale writes (Babel's Russian long date is
``1 февраля 2026 г.``); a sentence that ends with that field and a full stop of its
own would then read ``г..``. Here the sentence's own stop gives way to the value's.
"""

from __future__ import annotations

from string import Formatter
from typing import Any

#: what ends a value so that a following full stop would be doubled
STOPS = (".", "。", "…")


def fill(template: str, **values: Any) -> str:
    """``template.format(**values)``, dropping a full stop that follows a value already ending in one.

    >>> fill("Вступает в силу {date}.", date="1 февраля 2026 г.")
    'Вступает в силу 1 февраля 2026 г.'
    >>> fill("Effective {date}.", date="February 1, 2026")
    'Effective February 1, 2026.'
    """
    formatter = Formatter()
    parts: list[str] = []
    for literal, name, spec, conversion in formatter.parse(template):
        if parts and parts[-1].endswith(STOPS) and literal.startswith("."):
            literal = literal[1:]
        parts.append(literal)
        if name is not None:
            value, _ = formatter.get_field(name, (), values)
            value = formatter.convert_field(value, conversion)
            parts.append(formatter.format_field(value, spec or ""))
    return "".join(parts)
