"""A Business API video list read one field at a time: the plain page, fast.

:func:`~tiktui.data.importers.business.parse_video_list` reads a page video by
video and value by value, naming where each value is in case it must refuse
it; on a 20-video page that is a few thousand Python calls. Here each field's
values are gathered in one pass, their types checked as a set, and converted
in bulk (a value of another type goes through the same converter the reference
reader uses); each table is built once, from columns.

Anything that is not plain returns None, and the page is read by the reference
reader, which refuses with the row and field or writes the note: a value that
does not convert, a video id missing, a share list written in percent, a
source label, retention second or audience bucket given twice in one list, a
label, bucket or share under another key. So the two readers give the same
:class:`Parsed` for every page (``tests/test_business_columns.py`` checks it
on generated pages, refused ones included).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import polars as pl

from ...schema import TABLES
from ...sources import source_key
from ..base import Parsed, Refused, epoch_micros
from ..dates import to_epoch
from ..ids import handle_from_url, to_id
from ..numbers import to_bool, to_float, to_int, to_number
from ..studio.headers import gender_bucket
from ..values import Capture, to_text

_NONE = type(None)
_INTS = frozenset({int, _NONE})
_NUMBERS = frozenset({int, float, _NONE})
_TEXTS = frozenset({str, _NONE})
_BOOLS = frozenset({bool, _NONE})
_LISTS = frozenset({list, _NONE})
_DICTS = frozenset({dict})
_SECONDS_MAX = 10**11  # to_epoch reads a larger number as milliseconds
_MICROS = 1_000_000
_DAY_MICROS = 86_400 * _MICROS
_DAY_ZERO = date(1970, 1, 1).toordinal()
_PERCENT = 1.5  # values.fractions: a list with a value above this was written in percent


class _NotPlain(Exception):
    """The page holds something only the reference reader handles."""


def video_list(
    items: Sequence[Any],
    capture: Capture,
    snapshot: dict[str, tuple[str, bool]],
    demographics: dict[str, tuple[str, str]],
) -> Parsed | None:
    """The page's :class:`Parsed`, as ``parse_video_list`` gives it, or None when the
    page is not plain (see the module's docstring)."""
    if not items or not all(type(item) is dict for item in items):
        return None
    try:
        return _video_list(items, capture, snapshot, demographics)
    except _NotPlain:
        return None


def _video_list(
    items: Sequence[dict],
    capture: Capture,
    snapshot: dict[str, tuple[str, bool]],
    demographics: dict[str, tuple[str, str]],
) -> Parsed:
    present: set[str] = set()
    for item in items:
        present.update(item)
    n = len(items)
    ids = _ids(_field(items, "item_id"))
    urls = _field(items, "share_url")
    handles = [handle_from_url(u) for u in urls]
    on = capture.on.toordinal() - _DAY_ZERO

    videos: dict[str, pl.Series] = {"video_id": pl.Series("video_id", ids, pl.String)}
    if any(handles):
        videos["account"] = pl.Series("account", handles, pl.String)
    if "share_url" in present:
        videos["url"] = pl.Series("url", _texts(urls), pl.String)
    if "caption" in present:
        videos["caption"] = pl.Series("caption", _texts(_field(items, "caption")), pl.String)
    if "create_time" in present:
        micros = _epochs(_field(items, "create_time"))
        videos["posted_at"] = _datetimes("posted_at", micros)
        days = [None if m is None else m // _DAY_MICROS for m in micros]
        videos["posted_on"] = _dates("posted_on", days)
    if "video_duration" in present:
        durations = _floats(_field(items, "video_duration"))
        videos["duration_s"] = pl.Series("duration_s", durations, pl.Float64)
    if "is_ad" in present:
        videos["is_ad"] = pl.Series("is_ad", _bools(_field(items, "is_ad")), pl.Boolean)

    snaps: dict[str, pl.Series] = {
        "video_id": videos["video_id"],
        "captured_on": _dates("captured_on", [on] * n),
    }
    for field, (col, is_count) in snapshot.items():
        if field in present:
            values = _field(items, field)
            if is_count:
                snaps[col] = pl.Series(col, _ints(values), pl.Int64)
                continue
            got = _floats(values)
            if col == "full_watch_rate" and _over(got):
                raise _NotPlain  # one rate in percent: divided, with a note
            snaps[col] = pl.Series(col, got, pl.Float64)

    handles_seen = list(dict.fromkeys(h for h in handles if h))
    notes = list(capture.notes)
    if len(handles_seen) > 1:
        notes.append("videos from several accounts: " + ", ".join("@" + h for h in handles_seen))
    out = {
        "videos": _table("videos", videos),
        "video_snapshots": _table("video_snapshots", snaps),
    }
    sources = _sources(items, ids, on)
    if sources is not None:
        out["video_sources"] = sources
    retention = _retention(items, ids, on)
    if retention is not None:
        out["video_retention"] = retention
    asked = {f: d for f, d in demographics.items() if f in present}
    audience = _audience(items, ids, handles, on, asked) if asked else None
    if audience is not None:
        out["audience"] = audience
    return Parsed(
        kind="business-video-list",
        tables=out,
        as_of=capture.as_of,
        account=handles_seen[0] if len(handles_seen) == 1 else None,
        notes=notes,
        # one row per video, entry and point: a key twice only if a video is listed twice
        keys_unique=len(set(ids)) == n,
    )


def _sources(items: Sequence[dict], ids: list[str], on: int) -> pl.DataFrame | None:
    """``impression_sources``: one row per entry, when no video names a source twice."""
    owner, entries = _entries(items, "impression_sources")
    if not entries:
        return None
    labels = [e.get("impression_source") for e in entries]
    if not set(map(type, labels)) <= {str}:
        raise _NotPlain  # under another key, or not text
    shares = _floats([e.get("percentage") for e in entries])
    if None in shares or _over(shares):
        raise _NotPlain  # left out (under "value"?) or written in percent
    keys = [source_key(label) for label in labels]
    if len(set(zip(owner, keys, strict=True))) != len(keys):
        raise _NotPlain  # two labels of one source: their shares are added
    return _table(
        "video_sources",
        {
            "video_id": pl.Series("video_id", [ids[i] for i in owner], pl.String),
            "captured_on": _dates("captured_on", [on] * len(entries)),
            "source": pl.Series("source", keys, pl.String),
            # 0.0 + share, as values.source_rows adds them up (so -0.0 is 0.0)
            "share": pl.Series("share", [0.0 + s for s in shares], pl.Float64),  # type: ignore[operator]
            "raw_label": pl.Series("raw_label", labels, pl.String),
        },
    )


def _retention(items: Sequence[dict], ids: list[str], on: int) -> pl.DataFrame | None:
    """``video_view_retention``: one row per point, when no video gives a second twice."""
    owner, entries = _entries(items, "video_view_retention")
    if not entries:
        return None
    seconds = _floats([e.get("second") for e in entries])
    values = _floats([e.get("percentage") for e in entries])
    if None in seconds or None in values or _over(values):
        raise _NotPlain  # a point without its second or value, or a curve in percent
    if len(set(zip(owner, seconds, strict=True))) != len(seconds):
        raise _NotPlain  # a second given twice: the last value, at the first's place
    return _table(
        "video_retention",
        {
            "video_id": pl.Series("video_id", [ids[i] for i in owner], pl.String),
            "captured_on": _dates("captured_on", [on] * len(entries)),
            "second": pl.Series("second", seconds, pl.Float64),
            "retained": pl.Series("retained", values, pl.Float64),
        },
    )


def _audience(
    items: Sequence[dict],
    ids: list[str],
    handles: list[str | None],
    on: int,
    fields: dict[str, tuple[str, str]],
) -> pl.DataFrame | None:
    """Each video's audience lists (``[{"country": "US", "percentage": 0.5}]``), video by
    video and list by list as the reference reader gives them, when every item names its
    bucket under the documented key and no list names a bucket twice."""
    rows: list[tuple[int, int, int, str, str, float]] = []  # video, list, item, dim, bucket, share
    for n, (field, (dimension, bucket_key)) in enumerate(fields.items()):
        owner, entries = _entries(items, field)
        buckets = [e.get(bucket_key) for e in entries]
        if not set(map(type, buckets)) <= {str}:
            raise _NotPlain  # under another key, or not text
        if dimension == "gender":  # Studio's female/male/other, as the reference does
            buckets = [gender_bucket(b) or b for b in buckets]
        shares = _floats([e.get("percentage") for e in entries])
        if None in shares or _over(shares):
            raise _NotPlain
        if len(set(zip(owner, buckets, strict=True))) != len(buckets):
            raise _NotPlain  # a bucket listed twice: its shares are added
        rows += zip(owner, [n] * len(owner), range(len(owner)), [dimension] * len(owner),
                    buckets, shares, strict=True)  # fmt: skip
    if not rows:
        return None
    rows.sort(key=lambda r: r[:3])  # video by video, then list by list
    who = [handles[r[0]] for r in rows]
    columns = {
        "as_of": _dates("as_of", [on] * len(rows)),
        "scope": pl.Series("scope", ["video"] * len(rows), pl.String),
        "video_id": pl.Series("video_id", [ids[r[0]] for r in rows], pl.String),
        "dimension": pl.Series("dimension", [r[3] for r in rows], pl.String),
        "bucket": pl.Series("bucket", [r[4] for r in rows], pl.String),
        "share": pl.Series("share", [0.0 + r[5] for r in rows], pl.Float64),
    }
    if any(who):
        columns["account"] = pl.Series("account", who, pl.String)
    return _table("audience", columns)


# --------------------------------------------------------------------------- columns


def _field(items: Sequence[dict], name: str) -> list[Any]:
    return [item.get(name) for item in items]


def _entries(items: Sequence[dict], field: str) -> tuple[list[int], list[dict]]:
    """A list field of every video, flattened: (video's index, entry) in order."""
    lists = _field(items, field)
    if not set(map(type, lists)) <= _LISTS:
        raise _NotPlain
    owner = [i for i, got in enumerate(lists) if got for _ in got]
    entries = [e for got in lists if got for e in got]
    if entries and not set(map(type, entries)) <= _DICTS:
        raise _NotPlain
    return owner, entries


def _each(convert: Callable[[Any, str], Any], values: list[Any]) -> list[Any]:
    """The reference converter, value by value; a refusal leaves it to the reference reader."""
    try:
        return [convert(v, "") for v in values]
    except Refused:
        raise _NotPlain from None


def _ids(values: list[Any]) -> list[str]:
    got = [v.strip() for v in values] if set(map(type, values)) <= {str} else _each(to_id, values)
    if not all(got):
        raise _NotPlain  # a video without an id is refused
    return got


def _ints(values: list[Any]) -> list[int | None]:
    if not set(map(type, values)) <= _INTS:
        return _each(to_int, values)
    known = [v for v in values if v is not None]
    if known and not (-(2**63) <= min(known) and max(known) < 2**63):
        raise _NotPlain
    return values


def _floats(values: list[Any]) -> list[float | None]:
    """to_float: ints as floats, NaN and infinities missing."""
    if not set(map(type, values)) <= _NUMBERS:
        return _each(to_float, values)
    try:
        got = [None if v is None else float(v) for v in values]
    except OverflowError:  # an int past 1.8e308 is refused
        raise _NotPlain from None
    return [None if v is None or v - v else v for v in got]  # inf - inf and NaN are NaN


def _over(values: list[float | None]) -> bool:
    known = [v for v in values if v is not None] if None in values else values
    return max(known, default=0.0) > _PERCENT  # type: ignore[type-var]


def _texts(values: list[Any]) -> list[str | None]:
    return values if set(map(type, values)) <= _TEXTS else [to_text(v) for v in values]


def _bools(values: list[Any]) -> list[bool | None]:
    return values if set(map(type, values)) <= _BOOLS else _each(to_bool, values)


def _epochs(values: list[Any]) -> list[int | None]:
    """to_epoch as microseconds: whole seconds in bulk, anything else value by value."""
    numbers = values if set(map(type, values)) <= _INTS else _each(to_number, values)
    if set(map(type, numbers)) <= _INTS and all(
        v is None or 0 <= v <= _SECONDS_MAX for v in numbers
    ):
        return [v * _MICROS if v else None for v in numbers]  # 0 is missing
    moments = _each(to_epoch, values)
    return [None if m is None else epoch_micros(m) for m in moments]


def _datetimes(name: str, micros: list[int | None]) -> pl.Series:
    return pl.Series(name, micros, pl.Int64).cast(TABLES["videos"].schema["posted_at"])


def _dates(name: str, days: list[int | None]) -> pl.Series:
    return pl.Series(name, days, pl.Int32).cast(pl.Date)


def _table(name: str, columns: dict[str, pl.Series]) -> pl.DataFrame:
    """The table's frame: its columns in the schema's order, as ``values.frame`` gives."""
    return pl.DataFrame([columns[c] for c in TABLES[name].schema if c in columns])
