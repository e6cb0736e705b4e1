"""Writing a canonical table for other tools: CSV, JSON (array of objects), parquet.

CSV is opened by spreadsheets, which run a cell that begins with ``=``, ``+``,
``-`` or ``@`` as a formula (and some do after a tab or carriage return): a
caption such as ``=HYPERLINK("https://…")`` would become a live link, or worse.
Following OWASP's CSV-injection guidance, such *text* cells get a leading
``'`` (shown as text, the ``'`` hidden); numbers, dates and a text cell that is
only a number (``-3``) are written as they are. ``raw=True`` writes every cell
as stored. JSON and parquet are data for programs and are never changed (JSON
writes control characters as ``\\uXXXX`` escapes, which read back the same).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import BinaryIO

import polars as pl

from ..formatting.text import json_text


def _iso(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def to_json_records(frame: pl.DataFrame) -> list[dict[str, object]]:
    """Rows as objects, dates and datetimes as ISO 8601 strings, missing as null."""
    return [{k: _iso(v) for k, v in row.items()} for row in frame.iter_rows(named=True)]


FORMULA_START = r"^[=+\-@\t\r]"
_PLAIN_NUMBER = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"


def defuse_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    """Text cells a spreadsheet would run as a formula, prefixed with ``'``; all else as is."""
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    if not text:
        return frame
    return frame.with_columns(
        pl.when(
            pl.col(name).str.contains(FORMULA_START) & ~pl.col(name).str.contains(_PLAIN_NUMBER)
        )
        .then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name in text
    )


def write_table(frame: pl.DataFrame, fmt: str, out: BinaryIO, raw: bool = False) -> None:
    """``frame`` as ``fmt``; CSV text cells defused unless ``raw`` (see the module's doc)."""
    if fmt == "csv":
        out.write((frame if raw else defuse_formulas(frame)).write_csv().encode("utf-8"))
    elif fmt == "json":
        # The characters a terminal would obey as \\uXXXX escapes: the same data.
        text = json_text(json.dumps(to_json_records(frame), ensure_ascii=False, indent=1))
        out.write(text.encode("utf-8") + b"\n")
    elif fmt == "parquet":
        frame.write_parquet(out)
    else:
        raise ValueError(f"unknown format {fmt!r}")
