"""Values no export can hold, refused in one place for every importer.

A traffic-source share lies in 0–1 (after percent → share); one within
:data:`SHARE_SLACK` of a bound is rounding and is clamped, any other refuses the
file. A running total (a video's views, the follower count) is never below 0;
a daily change may be (deleted comments, lost followers) and is kept. No date
is after tomorrow (the day of the import, with a day for time zones).

Which columns are which is data (``ranges.json``). The check runs over each
importer's canonical frames (:func:`check_ranges`), so it covers every format;
readers that know a value's line check it there first (a Studio sheet's
:meth:`Sheet.shares <tiktui.data.importers.studio.grid.Sheet.shares>`), so
the refusal names line and column; here a row is named by its key.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from importlib import resources
from typing import Any

import polars as pl

from ..schema import TABLES
from .base import Parsed, Refused
from .reasons import shown

SHARE_SLACK = 1e-6


def _load() -> dict[str, dict[str, list[str]]]:
    text = resources.files(__package__).joinpath("ranges.json").read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


RULES = _load()
SHARES: dict[str, list[str]] = RULES["shares"]
LIFETIME: dict[str, list[str]] = RULES["lifetime"]
DATES: dict[str, list[str]] = RULES["dates"]


def share_outside(value: float) -> bool:
    """Outside 0–1 by more than rounding (NaN included)."""
    return not -SHARE_SLACK <= value <= 1 + SHARE_SLACK


def clamp_share(value: float) -> float:
    return min(max(value, 0.0), 1.0)


def check_ranges(part: Parsed, today: date) -> None:
    """Refuse a part holding a value no export can hold; clamp shares within rounding."""
    tomorrow = today + timedelta(days=1)
    for name, frame in list(part.tables.items()):
        for col in SHARES.get(name, ()):
            if col in frame.columns:
                c = pl.col(col)
                bad = c.is_not_null() & (c.is_nan() | (c < -SHARE_SLACK) | (c > 1 + SHARE_SLACK))
                _refuse_first(name, frame, col, bad, "share_out_of_range")
                frame = frame.with_columns(c.clip(0.0, 1.0))
        for col in LIFETIME.get(name, ()):
            if col in frame.columns:
                _refuse_first(name, frame, col, pl.col(col) < 0, "count_negative")
        for col in DATES.get(name, ()):
            if col in frame.columns:
                day = pl.col(col)
                if frame.schema[col] != pl.Date:
                    day = day.dt.date()
                _refuse_first(name, frame, col, day > tomorrow, "date_in_future", tomorrow=tomorrow)
        part.tables[name] = frame


def _refuse_first(
    table: str, frame: pl.DataFrame, col: str, bad: pl.Expr, code: str, **fields: Any
) -> None:
    found = frame.filter(bad.fill_null(False)).head(1)
    if found.height:
        row = found.row(0, named=True)
        keys = [k for k in _key(table) if k in row and k != col and row[k] is not None]
        named = ", ".join(f"{k} {_text(row[k])}" for k in keys)
        where = f'{table} ({named}), column "{col}"' if named else f'{table}, column "{col}"'
        raise Refused(code, where=where, value=shown(_plain(row[col])), **fields)


def _key(table: str) -> tuple[str, ...]:
    return TABLES[table].key


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def _plain(value: Any) -> Any:
    """A value as JSON can show it (a date as its ISO text)."""
    return value if isinstance(value, (int, float, str)) else str(value)
