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
import math
from datetime import date, datetime, timedelta
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
_CHECKED = frozenset(SHARES) | frozenset(LIFETIME) | frozenset(DATES)


def share_outside(value: float) -> bool:
    """Outside 0–1 by more than rounding (NaN included)."""
    return not -SHARE_SLACK <= value <= 1 + SHARE_SLACK


def clamp_share(value: float) -> float:
    return min(max(value, 0.0), 1.0)


def check_ranges(part: Parsed, today: date) -> None:
    """Refuse a part holding a value no export can hold; clamp shares within rounding.

    Each rule reads a column's minimum or maximum (an API page has a few small
    frames, and a Series' min costs microseconds where a Polars query costs a
    millisecond); only a column with a finding is searched for its first row.
    """
    tomorrow = today + timedelta(days=1)
    for name, frame in list(part.tables.items()):
        if name not in _CHECKED:
            continue
        columns = set(frame.columns)
        clamp = []
        for col in SHARES.get(name, ()):
            if col in columns:
                low, high, nan = _bounds(frame.get_column(col))
                if nan or (low is not None and low < -SHARE_SLACK) or (high or 0) > 1 + SHARE_SLACK:
                    c = pl.col(col)
                    bad = c.is_nan() | (c < -SHARE_SLACK) | (c > 1 + SHARE_SLACK)
                    _refuse_first(name, frame, col, bad, "share_out_of_range")
                if (low is not None and low < 0) or (high or 0) > 1:
                    clamp.append(col)
        for col in LIFETIME.get(name, ()):
            if col in columns:
                low = frame.get_column(col).min()
                if low is not None and low < 0:  # type: ignore[operator]
                    _refuse_first(name, frame, col, pl.col(col) < 0, "count_negative")
        for col in DATES.get(name, ()):
            if col in columns:
                latest = frame.get_column(col).max()
                if isinstance(latest, datetime):
                    latest = latest.date()
                if latest is not None and latest > tomorrow:  # type: ignore[operator]
                    day = pl.col(col) if frame.schema[col] == pl.Date else pl.col(col).dt.date()
                    _refuse_first(
                        name, frame, col, day > tomorrow, "date_in_future", tomorrow=tomorrow
                    )
        if clamp:
            part.tables[name] = frame.with_columns(pl.col(c).clip(0.0, 1.0) for c in clamp)


def _bounds(series: pl.Series) -> tuple[float | None, float | None, bool]:
    """The least and greatest value (NaN aside) and whether any is NaN."""
    low, high = series.min(), series.max()  # both skip NaN: the sum tells whether there was one
    if series.dtype.is_float() and math.isnan(series.sum()):
        return None, None, True
    return low, high, False  # type: ignore[return-value]


def _refuse_first(
    table: str, frame: pl.DataFrame, col: str, bad: pl.Expr, code: str, **fields: Any
) -> None:
    found = frame.filter(bad.fill_null(False)).head(1)
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
