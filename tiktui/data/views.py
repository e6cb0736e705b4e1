"""Screen-shaped queries the UI needs beyond :mod:`tiktui.data.queries`: pure Polars.

Why a separate module: queries.py holds the numbers every consumer shares
(report, advisor, screens); what is here only makes sense for one screen — the
Videos filter language, a video's detail, the Trends rows and the Compare grid.
No Textual here either, so all of it is unit-tested on small frames and runs in
worker threads. (The advice list is built by :mod:`tiktui.advisor.items`: the
data layer sits below the advisor and never imports it.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl

from .queries import (
    Period,
    daily,
    followers_series,
    source_daily,
    video_table,
    wide_sources,
)
from .schema import Tables, get
from .sources import SOURCE_KEYS, SOURCES

# -- the Videos filter language ----------------------------------------------------------


class FilterError(ValueError):
    """A filter the user typed cannot be understood; the message says what would work."""


_NUMBER_FIELDS: dict[str, str] = {
    "views": "views",
    "likes": "likes",
    "comments": "comments",
    "shares": "shares",
    "saves": "saves",
    "reach": "reach",
    "followers": "new_followers",
    "newfollowers": "new_followers",
    "profileviews": "profile_views",
    "duration": "duration_s",
    "len": "duration_s",
    "length": "duration_s",
    "watch": "avg_watch_s",
    "avgwatch": "avg_watch_s",
}
_RATE_FIELDS: dict[str, str] = {
    "er": "engagement_rate",
    "engagement": "engagement_rate",
    "completion": "completion",
    "compl": "completion",
}
for _s in SOURCES:
    for _name in {
        _s.key,
        _s.key.replace("_", ""),
        _s.short.lower(),
        _s.label.lower().replace(" ", ""),
    }:
        _RATE_FIELDS[_name] = _s.key

FILTER_HELP = (
    "caption words, or field op value: views>50k  search>10%  er>=5%  fyp<50%  "
    "duration<30  paid  organic  nosources  dominant=search"
)

_EXPR = re.compile(r"^([a-z_]+)\s*(>=|<=|!=|=|>|<)\s*(.+)$")
_SUFFIX = {"k": 1e3, "m": 1e6, "b": 1e9}


@dataclass(frozen=True)
class VideoFilter:
    """A parsed filter: a Polars expression over ``video_table`` rows and its description."""

    text: str
    expr: pl.Expr | None
    terms: tuple[str, ...]  # the plain caption words, for highlighting


def _number(raw: str, rate: bool) -> float:
    text = raw.strip().lower().replace(",", "").replace("_", "")
    pct = text.endswith("%")
    text = text.rstrip("%")
    mult = 1.0
    if text and text[-1] in _SUFFIX and not rate:
        mult = _SUFFIX[text[-1]]
        text = text[:-1]
    try:
        value = float(text) * mult
    except ValueError:
        raise FilterError(f"{raw!r} is not a number (try 50k, 1.2M, 10%)") from None
    if rate and (pct or value > 1):
        value /= 100
    return value


def _compare(col: pl.Expr, op: str, value: Any) -> pl.Expr:
    return {
        ">": col > value,
        "<": col < value,
        ">=": col >= value,
        "<=": col <= value,
        "=": col == value,
        "!=": col != value,
    }[op]


def _token_expr(token: str) -> pl.Expr | None:
    low = token.lower()
    if low in ("paid", "ad", "ads", "promoted"):
        return pl.col("is_ad").fill_null(False)
    if low in ("organic", "!paid", "-paid"):
        return ~pl.col("is_ad").fill_null(False)
    if low in ("nosources", "!sources", "-sources"):
        return ~pl.col("has_sources")
    if low in ("sources", "hassources"):
        return pl.col("has_sources")
    match = _EXPR.match(low)
    if not match:
        if re.fullmatch(r"[a-z_]+(>=|<=|!=|=|>|<)", low):
            raise FilterError(f"{token!r} needs a value, e.g. views>50k or search>10%")
        return None
    name, op, raw = match.groups()
    name = name.replace("_", "")
    if name in ("dominant", "dom"):
        key = _source_name(raw)
        return _compare(pl.col("dominant"), "!=" if op == "!=" else "=", key)
    if name in _NUMBER_FIELDS:
        return _compare(pl.col(_NUMBER_FIELDS[name]), op, _number(raw, rate=False))
    if name in _RATE_FIELDS:
        return _compare(pl.col(_RATE_FIELDS[name]), op, _number(raw, rate=True))
    raise FilterError(f"unknown field {name!r}: {FILTER_HELP}")


def _source_name(raw: str) -> str:
    name = raw.strip().lower().replace(" ", "").replace("_", "")
    key = _RATE_FIELDS.get(name)
    if key not in SOURCE_KEYS:
        raise FilterError(f"{raw!r} is not a traffic source (try fyp, search, profile, …)")
    return key  # type: ignore[return-value]


def parse_filter(text: str) -> VideoFilter:
    """Parse what was typed after ``/``: expressions and words, all of which must hold.

    Words are matched literally (no regex) and case-insensitively in the caption,
    so a caption full of brackets or escapes can be searched for without surprises.
    """
    exprs: list[pl.Expr] = []
    words: list[str] = []
    # "search > 10%" typed with spaces is one expression, not three words.
    compact = re.sub(r"\s*(>=|<=|!=|=|>|<)\s*", r"\1", text.strip())
    for token in compact.split():
        expr = _token_expr(token)
        if expr is None:
            words.append(token.lower())
        else:
            exprs.append(expr)
    for word in words:
        exprs.append(
            pl.col("caption").fill_null("").str.to_lowercase().str.contains(word, literal=True)
        )
    combined = None
    for expr in exprs:
        combined = expr if combined is None else combined & expr
    return VideoFilter(text.strip(), combined, tuple(words))


def apply_filter(frame: pl.DataFrame, flt: VideoFilter | None) -> pl.DataFrame:
    """Rows that match; a null comparison (no source data) is a non-match, not an error."""
    if flt is None or flt.expr is None:
        return frame
    return frame.filter(flt.expr.fill_null(False))


def sort_videos(frame: pl.DataFrame, column: str, descending: bool) -> pl.DataFrame:
    """Stable sort with missing values last whichever the direction, ties by newest."""
    if column not in frame.columns:
        return frame
    by = [column] + [c for c in ("posted_on", "video_id") if c != column and c in frame.columns]
    desc = [descending] + [True] * (len(by) - 1)
    key = pl.col(column)
    if frame.schema[column] == pl.String:
        return (
            frame.with_columns(key.str.to_lowercase().alias("_sort"))
            .sort(["_sort", *by[1:]], descending=desc, nulls_last=True)
            .drop("_sort")
        )
    return frame.sort(by, descending=desc, nulls_last=True)


# -- one video's detail ---------------------------------------------------------------


@dataclass
class VideoDetail:
    """Everything the store knows about one video, for the detail screen."""

    info: dict[str, Any]
    snapshots: pl.DataFrame  # captured_on + lifetime counters, oldest first
    sources: pl.DataFrame  # captured_on + a share column per source key, oldest first
    retention: pl.DataFrame  # second, retained — from the newest capture that has one
    retention_on: date | None
    terms: pl.DataFrame  # term, share — from the newest capture that has them
    terms_on: date | None

    @property
    def views_series(self) -> list[float | None]:
        return [None if v is None else float(v) for v in self.snapshots["views"].to_list()]


def video_detail(tables: Tables, video_id: str) -> VideoDetail | None:
    """None when the video is not in the store."""
    videos = get(tables, "videos").filter(pl.col("video_id") == video_id)
    if videos.is_empty():
        return None
    account = videos["account"][0]
    row = video_table(tables, account, [video_id])
    info = row.row(0, named=True) if row.height else videos.row(0, named=True)
    snaps = get(tables, "video_snapshots").filter(pl.col("video_id") == video_id)
    snaps = snaps.drop("video_id").sort("captured_on")
    src = get(tables, "video_sources").filter(pl.col("video_id") == video_id)
    wide = wide_sources(src, "captured_on").sort("captured_on")
    retention, ret_on = _newest(get(tables, "video_retention"), video_id, "second")
    terms, terms_on = _newest(get(tables, "video_search_terms"), video_id, "term")
    if not terms.is_empty():
        terms = terms.sort(["share", "term"], descending=[True, False], nulls_last=True)
    return VideoDetail(info, snaps, wide, retention, ret_on, terms, terms_on)


def _newest(frame: pl.DataFrame, video_id: str, order: str) -> tuple[pl.DataFrame, date | None]:
    rows = frame.filter(pl.col("video_id") == video_id)
    if rows.is_empty():
        return rows.drop("video_id", "captured_on"), None
    newest = rows["captured_on"].max()
    rows = rows.filter(pl.col("captured_on") == newest).drop("video_id", "captured_on")
    return rows.sort(order), newest  # type: ignore[return-value]


# -- Trends ---------------------------------------------------------------------------

TREND_METRICS: tuple[tuple[str, str], ...] = (
    ("video_views", "Video views"),
    ("profile_views", "Profile views"),
    ("likes", "Likes"),
    ("comments", "Comments"),
    ("shares", "Shares"),
    ("engagement_rate", "Engagement rate"),
    ("followers", "Followers"),
    ("followers_net", "Net followers"),
    ("reached_audience", "Reached audience"),
    ("viewers_total", "Viewers"),
)


@dataclass
class TrendRow:
    """One sparkline row: a daily series over the period."""

    key: str
    label: str
    kind: str  # "metric" | "source"
    dates: list[date]
    values: list[float | None]
    is_rate: bool = False
    estimated: bool = False
    rolling: int | None = None  # the values are this many days' rolling means

    def _known(self) -> list[float]:
        return [v for v in self.values if v is not None]

    @property
    def min(self) -> float | None:
        known = self._known()
        return min(known) if known else None

    @property
    def max(self) -> float | None:
        known = self._known()
        return max(known) if known else None

    @property
    def last(self) -> float | None:
        return next((v for v in reversed(self.values) if v is not None), None)

    @property
    def total(self) -> float | None:
        known = self._known()
        if not known or self.is_rate or self.rolling or self.key == "followers":
            return None  # a sum of rates, averages or running totals means nothing
        return sum(known)


def _rolled(values: pl.Series, window: int | None) -> list[float | None]:
    if not window:
        return [None if v is None else float(v) for v in values.to_list()]
    return values.cast(pl.Float64).rolling_mean(window, min_samples=1).to_list()


def trend_rows(
    tables: Tables, account: str, period: Period, rolling: int | None = None
) -> list[TrendRow]:
    """Account metrics, then estimated views per source; series with no data are left out."""
    frame = daily(tables, account, period)
    dates = frame["date"].to_list()
    # Totals beyond FollowerHistory's 60 days are worked back from the net changes.
    followers = frame.select("date").join(followers_series(tables, account), on="date", how="left")
    frame = frame.with_columns(followers["followers"])
    followers_estimated = bool(followers["estimated"].fill_null(False).any())
    rows: list[TrendRow] = []
    for key, label in TREND_METRICS:
        if key not in frame.columns or frame[key].null_count() == frame.height:
            continue
        estimated = key == "followers" and followers_estimated
        rows.append(
            TrendRow(
                key,
                f"≈ {label}" if estimated else label,
                "metric",
                dates,
                _rolled(frame[key], rolling),
                is_rate=key == "engagement_rate",
                estimated=estimated,
                rolling=rolling,
            )
        )
    est = source_daily(tables, account).filter(period.contains("date"))
    if not est.is_empty():
        wide = est.pivot(on="source", index="date", values="views")
        wide = pl.DataFrame({"date": dates}).join(wide, on="date", how="left")
        for src in SOURCES:
            if src.key not in wide.columns or wide[src.key].null_count() == wide.height:
                continue
            rows.append(
                TrendRow(
                    f"source:{src.key}",
                    f"≈ {src.label}",
                    "source",
                    dates,
                    _rolled(wide[src.key], rolling),
                    estimated=True,
                    rolling=rolling,
                )
            )
    return rows


# -- Compare --------------------------------------------------------------------------

# (column, label, kind, higher is better?) — kind drives formatting in the UI.
COMPARE_METRICS: tuple[tuple[str, str, str, bool | None], ...] = (
    ("posted_on", "Posted", "date", None),
    ("duration_s", "Length", "seconds", None),
    ("views", "Views", "count", True),
    ("likes", "Likes", "count", True),
    ("comments", "Comments", "count", True),
    ("shares", "Shares", "count", True),
    ("saves", "Saves", "count", True),
    ("engagement_rate", "Engagement rate", "rate", True),
    ("avg_watch_s", "Avg watch", "seconds", True),
    ("completion", "Completion", "rate", True),
    ("new_followers", "New followers", "count", True),
    ("profile_views", "Profile views", "count", True),
    ("is_ad", "Paid", "bool", None),
)


@dataclass
class CompareRow:
    key: str
    label: str
    kind: str
    values: list[Any]
    best: int | None  # index of the best column, None when not comparable
    # vs the first column (None for it): relative change for counts and seconds, the
    # difference in points (a fraction) for rates — "+45%" of a 30% completion misleads.
    deltas: list[float | None]


@dataclass
class Comparison:
    video_ids: list[str]
    captions: list[str]
    rows: list[CompareRow]
    mixes: list[dict[str, float] | None]  # per video, share per source key (None: no data)
    missing: list[str] = field(default_factory=list)  # ids no longer in the store


def compare(tables: Tables, video_ids: list[str], account: str | None = None) -> Comparison:
    """The marked videos in the order they were marked, metric by metric. With ``account``
    they are taken from that account's video table (built once, shared with the screens);
    a marked video of another account counts as missing."""
    table = video_table(tables, account, list(video_ids))
    by_id = {r["video_id"]: r for r in table.iter_rows(named=True)}
    ids = [v for v in video_ids if v in by_id]
    missing = [v for v in video_ids if v not in by_id]
    recs = [by_id[v] for v in ids]
    rows: list[CompareRow] = []
    for col, label, kind, higher in COMPARE_METRICS:
        values = [r.get(col) for r in recs]
        best = None
        known = [(i, v) for i, v in enumerate(values) if v is not None]
        if higher is not None and len(known) >= 2:
            pick = max if higher else min
            best_value = pick(v for _, v in known)
            if sum(1 for _, v in known if v == best_value) == 1:
                best = next(i for i, v in known if v == best_value)
        deltas: list[float | None] = [None]
        first = values[0] if values else None
        for v in values[1:]:
            if kind == "rate" and first is not None and v is not None:
                deltas.append(v - first)
            elif kind in ("count", "seconds") and first not in (None, 0) and v is not None:
                deltas.append((v - first) / abs(first))
            else:
                deltas.append(None)
        rows.append(CompareRow(col, label, kind, values, best, deltas[: len(values)]))
    mixes: list[dict[str, float] | None] = [
        {k: float(r[k] or 0.0) for k in SOURCE_KEYS} if r.get("has_sources") else None for r in recs
    ]
    captions = [r.get("caption") or "" for r in recs]
    return Comparison(ids, captions, rows, mixes, missing)
