"""The benchmark's one table: a row per measurement, with its goal and ratios."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Row:
    """One measurement.

    Attributes:
        name: what was measured.
        value: the figure (seconds, or bytes for sizes), None when it could not be measured.
        unit: ``s`` or ``KB``.
        goal: the goal, in words (empty when the row is a reference).
        met: whether the goal is met (None: no goal).
        note: counts, ratios, why it failed.
    """

    name: str
    value: float | None
    unit: str = "s"
    goal: str = ""
    met: bool | None = None
    note: str = ""


@dataclass
class Table:
    """Rows in the order they were measured."""

    rows: list[Row] = field(default_factory=list)

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        return row

    def value(self, name: str) -> float | None:
        """The figure of the row called ``name``."""
        return next((r.value for r in self.rows if r.name == name), None)

    def markdown(self) -> str:
        """The table as Markdown (readable in a terminal, pasteable into docs/benchmarks.md)."""
        lines = ["| measurement | value | goal | met | notes |", "|---|---:|---|:-:|---|"]
        for row in self.rows:
            lines.append(f"| {row.name} | {_figure(row)} | {row.goal} | {_mark(row.met)} | {row.note} |")
        return "\n".join(lines)


def _figure(row: Row) -> str:
    if row.value is None:
        return "not available"
    if row.unit == "KB":
        return f"{row.value / 1000:.1f} KB"
    if row.unit == "B":
        return f"{row.value:,.0f} B"
    return f"{row.value:.2f} s"


def _mark(met: bool | None) -> str:
    return "" if met is None else ("yes" if met else "**no**")


def ratio(a: float | None, b: float | None) -> str:
    """``a / b`` as ``3.2×``, or ``–`` when either is missing."""
    if a is None or not b:
        return "–"
    return f"{a / b:.1f}×"
