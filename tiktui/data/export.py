"""Writing a canonical table for other tools: CSV, JSON (array of objects), parquet."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import BinaryIO

import polars as pl


def _iso(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def to_json_records(frame: pl.DataFrame) -> list[dict[str, object]]:
    """Rows as objects, dates and datetimes as ISO 8601 strings, missing as null."""
    return [{k: _iso(v) for k, v in row.items()} for row in frame.iter_rows(named=True)]


def write_table(frame: pl.DataFrame, fmt: str, out: BinaryIO) -> None:
    if fmt == "csv":
        out.write(frame.write_csv().encode("utf-8"))
    elif fmt == "json":
        text = json.dumps(to_json_records(frame), ensure_ascii=False, indent=1)
        out.write(text.encode("utf-8") + b"\n")
    elif fmt == "parquet":
        frame.write_parquet(out)
    else:
        raise ValueError(f"unknown format {fmt!r}")
