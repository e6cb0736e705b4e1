"""What every JSON importer shares: capture time, locations, rows and frames.

TikTok writes numbers as strings, ids as numbers, and ``status: 2`` where it
has not computed a value yet, and all of that must come out as the same
canonical values (missing is null, never zero). Numbers are read by
:mod:`.numbers`, dates by :mod:`.dates`, ids and URLs by :mod:`.ids`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

import polars as pl

from ..schema import TABLES
from ..sources import source_key
from .base import ParseContext, Refused, SourceFile, epoch_micros
from .dates import as_utc
from .reasons import REASONS

UNKNOWN_JSON = REASONS["json_unknown"]

# --------------------------------------------------------------------------- capture time


@dataclass(frozen=True)
class Capture:
    """When the numbers in a part were captured: decides ``captured_on`` and ``as_of``.

    ``note`` says how we know, when the file itself does not say (its
    timestamp, today); a HAR's ``startedDateTime`` needs no note.
    """

    as_of: datetime  # always UTC
    note: str | None = None

    @property
    def on(self) -> date:
        return self.as_of.date()

    @property
    def notes(self) -> list[str]:
        return [self.note] if self.note else []


def file_capture(src: SourceFile, ctx: ParseContext) -> Capture:
    """The file's timestamp, else today at midnight UTC."""
    if src.mtime is not None:
        return Capture(as_utc(src.mtime), "capture date taken from the file's timestamp")
    return Capture(
        datetime.combine(ctx.today, time(), UTC),
        "capture date taken from today's date (the file has no timestamp)",
    )


_STAMP = re.compile(r"^(\d{14})")


def request_id_capture(request_id: Any) -> Capture | None:
    """The moment a TikTok request/log id starts with (``20240315091234…``), if it does.

    TikTok's request and log ids begin with the server's ``YYYYMMDDhhmmss``;
    it is the real capture moment, better than a file timestamp that a copy
    or an unzip can change. Read as UTC.
    """
    if not isinstance(request_id, str):
        return None
    m = _STAMP.match(request_id.strip())
    if not m:
        return None
    try:
        moment = datetime.strptime(m.group(1), "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None
    if not 2016 <= moment.year <= 2100:
        return None
    return Capture(moment, "capture date taken from the API request id")


# --------------------------------------------------------------------------- locations


def join_where(*parts: str) -> str:
    return ": ".join(p for p in parts if p)


def at(base: str, key: str | int) -> str:
    """A JSON path for messages: ``data.videos[3].likes``."""
    if isinstance(key, int):
        return f"{base}[{key}]"
    return f"{base}.{key}" if base else key


@contextmanager
def located(where: str) -> Iterator[None]:
    """Prefix a refusal raised inside with where it happened (``line 3: …``)."""
    if not where:
        yield
        return
    try:
        yield
    except Refused as exc:
        raise exc.within(where) from exc


def as_list(value: Any, where: str) -> list[Any]:
    """A JSON list; absent, null or empty is no items (TikTok omits what it has not got)."""
    if value is None or value == "" or value == {}:
        return []
    if not isinstance(value, list):
        raise Refused("expected_list", where=where)
    return value


def to_text(value: Any) -> str | None:
    """Text as given (captions and search terms are user data: kept exactly)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (dict, list, bool)):  # as the file wrote it: true, not Python's True
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def get_any(obj: Mapping[str, Any], *names: str) -> Any:
    """The first of several spellings of a key that is present (not None)."""
    for name in names:
        value = obj.get(name)
        if value is not None:
            return value
    return None


# --------------------------------------------------------------------------- rows and frames


def fractions(values: list[float | None], what: str, notes: list[str]) -> list[float | None]:
    """Shares as fractions 0–1; a list written in percent (any value > 1.5) is divided by 100.

    TikTok documents fractions, but hand-saved or re-exported files sometimes
    carry ``84.3`` for 84.3 %; stored as is that would break every share sum.
    """
    present = [v for v in values if v is not None]
    if present and max(present) > 1.5:
        note = f"{what} given in percent (0–100); divided by 100"
        if note not in notes:
            notes.append(note)
        return [None if v is None else v / 100 for v in values]
    return values


def source_rows(
    pairs: list[tuple[str, float | None]],
    video_id: str,
    captured_on: date,
    notes: list[str],
) -> list[dict[str, Any]]:
    """Traffic-source rows: one per source key, shares summed, raw labels kept.

    Several labels can map to one key (``Follow`` and ``Following``, or
    ``Others`` and an unknown ``Promote``); the key must stay unique per
    capture, so their shares add up and ``raw_label`` joins the labels with
    ``+`` in the order seen, so nothing TikTok wrote is lost. A label whose
    share is missing adds no row.
    """
    shares = fractions([share for _, share in pairs], "traffic-source shares", notes)
    by_key: dict[str, tuple[float, list[str]]] = {}
    for (label, _), share in zip(pairs, shares, strict=True):
        if share is None:
            continue
        key = source_key(label)
        total, labels = by_key.get(key, (0.0, []))
        if label not in labels:
            labels.append(label)
        by_key[key] = (total + share, labels)
    return [
        {
            "video_id": video_id,
            "captured_on": captured_on,
            "source": key,
            "share": total,
            "raw_label": "+".join(labels),
        }
        for key, (total, labels) in by_key.items()
    ]


def retention_rows(
    seconds: list[float],
    values: list[float | None],
    video_id: str,
    captured_on: date,
    what: str,
    notes: list[str],
) -> list[dict[str, Any]]:
    """Retention points → ``video_retention`` rows, one per second.

    The values go through ``fractions`` (a curve written in percent is divided
    by 100); a point without a value adds no row, and a second given twice
    keeps its last value, since the second is the table's key.
    """
    values = fractions(values, what, notes)
    by_second = {s: v for s, v in zip(seconds, values, strict=True) if v is not None}
    return [
        {"video_id": video_id, "captured_on": captured_on, "second": s, "retained": v}
        for s, v in by_second.items()
    ]


def frame(table: str, rows: list[dict[str, Any]]) -> pl.DataFrame:
    """Rows → a frame of the canonical table's dtypes, with only the columns the rows have.

    A column the file does not have stays out of the frame (the pipeline can
    tell "not in this export" from "TikTok said nothing"); a key present in
    some rows and not others is null in the others.
    """
    schema = TABLES[table].schema
    found = set().union(*rows)
    if not found <= schema.keys():  # the first unknown one, in the rows' order
        col = next(c for row in rows for c in row if c not in schema)
        raise ValueError(f"{table}: unknown column {col!r}")
    columns = [c for c in schema if c in found]
    data = {c: [row.get(c) for row in rows] for c in columns}
    as_ints = [
        c
        for c in columns
        if schema[c] == pl.Datetime("us", "UTC")
        and all(v is None or isinstance(v, datetime) for v in data[c])
    ]
    for c in as_ints:  # Polars converts a zoned datetime ~100 times slower than an int
        data[c] = [None if v is None else epoch_micros(v) for v in data[c]]
    out = pl.DataFrame([_series(c, data[c], schema[c], c in as_ints) for c in columns])
    return out.with_columns(pl.col(c).cast(schema[c]) for c in as_ints) if as_ints else out


_DAY_ZERO = date(1970, 1, 1).toordinal()


def _series(name: str, values: list[Any], dtype: pl.DataType, as_int: bool) -> pl.Series:
    """One column; days as day numbers (Polars converts a ``date`` ~3 times slower)."""
    if as_int:
        return pl.Series(name, values, dtype=pl.Int64)
    if dtype == pl.Date and all(v is None or type(v) is date for v in values):
        days = [None if v is None else v.toordinal() - _DAY_ZERO for v in values]
        return pl.Series(name, days, dtype=pl.Int32).cast(pl.Date)
    return pl.Series(name, values, dtype=dtype)


def tables(**rows: list[dict[str, Any]]) -> dict[str, pl.DataFrame]:
    """Only the tables that got rows: an absent table says "nothing in this file"."""
    return {name: frame(name, r) for name, r in rows.items() if r}
