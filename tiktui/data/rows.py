"""A few rows as plain Python values, shaped like the part of a frame a table widget reads.

The first screen's top videos are kept in the summary beside the store and
drawn before Polars is loaded, so they travel as :class:`Rows`: column names,
row tuples, and days as :class:`datetime.date` (ISO text in JSON).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Rows:
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()

    @property
    def height(self) -> int:
        return len(self.rows)

    def row(self, index: int) -> tuple[Any, ...]:
        return self.rows[index]

    def column(self, name: str) -> list[Any]:
        at = self.columns.index(name)
        return [r[at] for r in self.rows]

    def find(self, column: str, key: Any) -> int | None:
        """The index of the first row whose ``column`` is ``key``, or None."""
        if column not in self.columns:
            return None
        return next((i for i, v in enumerate(self.column(column)) if v == key), None)

    @classmethod
    def of_frame(cls, frame: Any, columns: tuple[str, ...] | None = None) -> Rows:
        """The rows of a Polars frame (only ``columns`` of it, when given)."""
        if columns is not None:
            frame = frame.select([c for c in columns if c in frame.columns])
        return cls(tuple(frame.columns), tuple(tuple(r) for r in frame.rows()))

    def to_json(self) -> dict[str, Any]:
        days = [
            name
            for i, name in enumerate(self.columns)
            if any(isinstance(r[i], date) for r in self.rows)
        ]
        at = [self.columns.index(name) for name in days]
        rows = [
            [v.isoformat() if i in at and v is not None else v for i, v in enumerate(r)]
            for r in self.rows
        ]
        return {"columns": list(self.columns), "days": days, "rows": rows}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Rows:
        columns = tuple(str(c) for c in raw["columns"])
        at = {columns.index(name) for name in raw["days"]}
        rows = tuple(
            tuple(
                date.fromisoformat(v) if i in at and v is not None else v for i, v in enumerate(r)
            )
            for r in raw["rows"]
        )
        if any(len(r) != len(columns) for r in rows):
            raise ValueError("a row does not have one value per column")
        return cls(columns, rows)
