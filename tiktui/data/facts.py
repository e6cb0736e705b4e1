"""A file's rows in the facts' shape: its table's columns, then who gave them and how.

Facts are a table's columns (absent ones null, never zero) plus ``_batch``,
``_as_of`` and ``_rank`` (:mod:`.reduce`). Staging many files one at a time
would pay a handful of Polars calls per file and table; :func:`shape` takes
the rows of several files (:class:`Rows`) and shapes them in one pass, which
gives the same facts as shaping them one by one.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from .reduce import AS_OF, BATCH, RANK, facts_schema
from .schema import TABLES, Table


@dataclass(frozen=True)
class Rows:
    """Some of a table's rows from one file (one part and account), not yet facts."""

    frame: pl.DataFrame
    batch: int
    as_of: int  # microseconds since the epoch (a datetime literal costs ~100 times an int's)
    rank: int


def check(name: str, columns: Sequence[str]) -> None:
    """Refuse rows that cannot become facts of this table (the importer's bug, said once)."""
    table = TABLES[name]
    unknown = set(columns) - set(table.schema)
    if unknown:
        raise ValueError(f"{name}: unknown columns {sorted(unknown)}")
    implied = {"account"} if "account" in table.schema else set()
    missing = [k for k in table.key if k not in columns and k not in implied]
    if missing:
        raise ValueError(f"internal: {name} rows lack {missing}")  # a bug: internal_error


def shape(name: str, account: str, chunks: Sequence[Rows]) -> pl.DataFrame:
    """The facts of these rows, in the facts' schema and order, rows without a key dropped.

    ``account`` fills the account column where the rows name none.
    """
    table = TABLES[name]
    for chunk in chunks:
        check(name, chunk.frame.columns)
    if len(chunks) > 1 and not _alike(chunks):  # one pass per set of columns
        groups: dict[tuple, list[Rows]] = {}
        for chunk in chunks:
            groups.setdefault(tuple(chunk.frame.schema.items()), []).append(chunk)
        return pl.concat([shape(name, account, group) for group in groups.values()])
    if len(chunks) == 1:
        frame = chunks[0].frame
        given = {
            BATCH: pl.lit(chunks[0].batch),
            AS_OF: pl.lit(chunks[0].as_of),
            RANK: pl.lit(chunks[0].rank),
        }
    else:  # the files' own values, one column each, built in Python rather than per file
        frame = pl.concat([c.frame for c in chunks])
        heights = [c.frame.height for c in chunks]
        per_row = {
            BATCH: _repeat([c.batch for c in chunks], heights),
            AS_OF: _repeat([c.as_of for c in chunks], heights),
            RANK: _repeat([c.rank for c in chunks], heights),
        }
        schema = facts_schema(table)
        frame = frame.hstack([pl.Series(c, v, dtype=_plain(schema[c])) for c, v in per_row.items()])
        given = {c: pl.col(c) for c in per_row}
    return _select(table, frame, account, given)


def _repeat(values: list[int], times: list[int]) -> list[int]:
    """Each value as many times as said, in order."""
    return list(itertools.chain.from_iterable(map(itertools.repeat, values, times)))


def _alike(chunks: Sequence[Rows]) -> bool:
    """Whether the chunks have the same columns of the same types (a column one lacks
    is shaped as its default, which a concat would make null; a relaxed one casts)."""
    columns, dtypes = chunks[0].frame.columns, chunks[0].frame.dtypes
    return all(c.frame.columns == columns and c.frame.dtypes == dtypes for c in chunks[1:])


def _plain(dtype: pl.DataType) -> pl.DataType:
    return pl.Int64 if dtype == pl.Datetime("us", "UTC") else dtype


def _select(
    table: Table, frame: pl.DataFrame, account: str, given: dict[str, pl.Expr]
) -> pl.DataFrame:
    present = set(frame.columns)
    if "account" in table.schema:
        given["account"] = (
            pl.col("account").fill_null(account) if "account" in present else pl.lit(account)
        )
    if table.name == "audience" and "video_id" in present:
        given["video_id"] = pl.col("video_id").fill_null("")
    if "year_inferred" in table.schema and "year_inferred" not in present:
        given["year_inferred"] = pl.lit(False)
    has = dict(zip(frame.columns, frame.dtypes, strict=True))
    exprs = [  # one pass: in the facts' schema and order, so staging need not conform again
        _column(c, t, given.get(c), has.get(c)) for c, t in facts_schema(table).items()
    ]
    return frame.select(exprs).drop_nulls(list(table.key))


def keys(
    name: str, frame: pl.DataFrame, account: str, *column_sets: Sequence[str]
) -> list[set[tuple]] | None:
    """For each of ``column_sets``, the distinct values of those columns these rows will
    have as facts (account filled, rows without a key left out), or None when a column
    is not of its facts' type (shaping would cast it, and the cast values could differ
    from these). Each column is read from the frame once, however many sets name it."""
    table = TABLES[name]
    schema = _schema(name)
    present = frame.columns
    for col, dtype in zip(present, frame.dtypes, strict=True):
        if dtype != schema.get(col, dtype):
            return None
    height = frame.height
    values: dict[str, list] = {}
    nulls = False
    for col in dict.fromkeys([*table.key, *(c for cols in column_sets for c in cols)]):
        if col in present:
            series = frame.get_column(col)
            got = series.to_list()
            if series.null_count():
                if col == "account" or (name == "audience" and col == "video_id"):
                    fill = account if col == "account" else ""
                    got = [fill if v is None else v for v in got]
                else:
                    nulls = nulls or col in table.key
        elif col == "account":
            got = [account] * height
        else:
            got = [None] * height
            nulls = nulls or col in table.key
        values[col] = got
    if not nulls:
        return [set(zip(*(values[c] for c in cols), strict=True)) for cols in column_sets]
    key_cols = [values[c] for c in table.key]
    kept = [i for i, row in enumerate(zip(*key_cols, strict=True)) if None not in row]
    return [{tuple(values[c][i] for c in cols) for i in kept} for cols in column_sets]


@functools.cache
def _schema(name: str) -> dict[str, pl.DataType]:
    return facts_schema(TABLES[name])


@functools.cache
def _null(name: str, dtype: pl.DataType) -> pl.Expr:
    return pl.lit(None, dtype=dtype).alias(name)


def _column(
    name: str, dtype: pl.DataType, given: pl.Expr | None, has: pl.DataType | None
) -> pl.Expr:
    """One column of a facts frame, cast only when it is not of its type already."""
    if given is not None:
        return given.cast(dtype, strict=True).alias(name)
    if has is None:
        return _null(name, dtype)
    return pl.col(name) if has == dtype else pl.col(name).cast(dtype, strict=True)
