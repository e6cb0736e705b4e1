"""The account's own traffic-source mix and search terms for a period, and where they come from.

The one place the report, the Overview (and later the other screens) ask
"where do this period's views come from", so no two of them can disagree.
In order of preference:

1. **TikTok's figure**: the capture of Studio's Overview whose window is the
   period (``account_sources``: one set per window, the best-ranked and newest).
2. **TikTok's figures combined**: captured windows inside the period that do
   not overlap, each weighted by its views from ``account_daily`` (search
   terms: by its search views where the same window's mix gives the Search
   share). Only whole windows whose every day has views: if one lacks them,
   the combination would be weighted by guesses, so it falls back to 3. And
   only when they cover at least :data:`MIN_COVERAGE` of the period's days:
   one captured 28-day window is not "where a year's views came from".
3. **Estimated**: view-weighted over the per-video mixes of the videos posted
   in the period (``queries.source_mix``), as before captures were read.

Pure Polars: no files, no terminal; unit-tested on frames built by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import polars as pl

from .queries import Period, account_daily, newest_capture, source_mix, video_table, videos_in
from .schema import Tables, get
from .sources import BY_KEY, SOURCE_KEYS

TIKTOK_FIGURE = "TikTok's figure"
ESTIMATED = "estimated"

CAPTURED, COMBINED, ESTIMATE = "captured", "combined", "estimated"  # AccountMix.origin

MIN_COVERAGE = 0.9
"""Combined windows stand for a period only if they cover this share of its days
(three 28-day windows cover 84 of 90 days: 93%)."""

MIX_SCHEMA = {
    "source": pl.String,
    "label": pl.String,
    "share": pl.Float64,
    "views": pl.Float64,  # ≈ views from the source (share × views), null when views are unknown
    "n_videos": pl.Int64,  # the videos an estimate rests on; null for TikTok's figure
}
TERMS_SCHEMA = {
    "term": pl.String,
    "share": pl.Float64,  # of the views that came from search
    "views": pl.Float64,  # ≈ views from searching the term, null when unknown
    "videos": pl.Int64,  # videos the term brought viewers to (estimates only)
}


@dataclass(frozen=True)
class Window:
    """One captured window a figure rests on."""

    start: date
    end: date
    captured_at: datetime | None
    views: int | None  # the account's video views over the window (None: a day lacks them)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Figure:
    """A mix or a term list for a period, and where it came from."""

    rows: pl.DataFrame  # MIX_SCHEMA or TERMS_SCHEMA; empty when nothing is known
    origin: str  # CAPTURED | COMBINED | ESTIMATE
    windows: tuple[Window, ...] = ()  # the captured windows it rests on (none for estimates)
    n_videos: int | None = None  # the videos an estimate rests on
    fallback: str | None = None  # why captured windows inside the period were not used

    @property
    def label(self) -> str:
        """``TikTok's figure`` or ``estimated``: the word every place shows beside it."""
        return ESTIMATED if self.origin == ESTIMATE else TIKTOK_FIGURE

    @property
    def is_estimate(self) -> bool:
        return self.origin == ESTIMATE

    @property
    def covered_days(self) -> int:
        return sum(w.days for w in self.windows)

    def shares(self) -> dict[str, float] | None:
        """Source key → share, or None when there is no mix (a mix figure only)."""
        if self.rows.is_empty():
            return None
        return dict(zip(self.rows["source"].to_list(), self.rows["share"].to_list(), strict=True))


def window_views(daily: pl.DataFrame, start: date, end: date) -> int | None:
    """The views of every day in ``start``–``end``; None when any day lacks them."""
    days = (end - start).days + 1
    known = daily.filter(
        pl.col("date").is_between(start, end) & pl.col("video_views").is_not_null()
    )
    return int(known["video_views"].sum()) if known.height == days else None


def _windows(frame: pl.DataFrame, daily: pl.DataFrame) -> list[Window]:
    sets = frame.group_by("window_start", "window_end").agg(pl.col("captured_at").max())
    return [
        Window(s, e, at, window_views(daily, s, e))
        for s, e, at in sets.sort("window_start", "window_end").iter_rows()
    ]


def _choose(windows: list[Window], period: Period) -> tuple[str, list[Window]]:
    """The exact window, else non-overlapping windows inside the period (longest first)."""
    exact = [w for w in windows if (w.start, w.end) == (period.start, period.end)]
    if exact:
        return CAPTURED, exact
    inside = [w for w in windows if period.start <= w.start and w.end <= period.end]
    inside.sort(
        key=lambda w: (-w.days, -(w.captured_at.timestamp() if w.captured_at else 0.0), w.start)
    )
    chosen: list[Window] = []
    for w in inside:
        if all(w.end < c.start or c.end < w.start for c in chosen):
            chosen.append(w)
    return COMBINED, sorted(chosen, key=lambda w: w.start)


def _usable(origin: str, chosen: list[Window], period: Period) -> bool:
    """TikTok's figure for the period as is; windows inside it only if they can be
    weighted and cover most of the period."""
    if origin == CAPTURED:
        return True
    return (
        bool(chosen)
        and all(w.views is not None for w in chosen)
        and any(w.views for w in chosen)
        and _coverage(chosen, period) >= MIN_COVERAGE
    )


def _coverage(chosen: list[Window], period: Period) -> float:
    days = (period.end - period.start).days + 1
    return sum(w.days for w in chosen) / days if days > 0 else 0.0


def _in(frame: pl.DataFrame, w: Window) -> pl.DataFrame:
    return frame.filter((pl.col("window_start") == w.start) & (pl.col("window_end") == w.end))


def _missing_views(chosen: list[Window], period: Period) -> str:
    """Why the captured windows inside the period were not used."""
    n = sum(w.views is None for w in chosen)
    if not n and _coverage(chosen, period) < MIN_COVERAGE:
        covered = sum(w.days for w in chosen)
        days = (period.end - period.start).days + 1
        return f"the captured windows cover only {covered} of the period's {days} days"
    if not n:
        return "the captured windows inside the period have no views to weigh them by"
    windows = "1 captured window" if n == 1 else f"{n} captured windows"
    return (
        f"{windows} inside the period lack{'s' if n == 1 else ''} views on some days, "
        "so the windows cannot be weighted by their views"
    )


def _captured_mix(
    frame: pl.DataFrame, origin: str, chosen: list[Window]
) -> tuple[dict[str, float], float | None]:
    """Per source key, the (views-weighted) share; and the views the figure covers."""
    if origin == CAPTURED:
        w = chosen[0]
        rows = _in(frame, w).group_by("source").agg(pl.col("share").sum())
        shares = dict(zip(rows["source"].to_list(), rows["share"].to_list(), strict=True))
        return shares, None if w.views is None else float(w.views)
    total = float(sum(w.views or 0 for w in chosen))
    weighted: dict[str, float] = {}
    for w in chosen:
        rows = _in(frame, w).group_by("source").agg(pl.col("share").sum())
        for key, share in rows.iter_rows():
            weighted[key] = weighted.get(key, 0.0) + (share or 0.0) * (w.views or 0) / total
    return weighted, total


def _mix_rows(shares: dict[str, float], views: float | None) -> pl.DataFrame:
    rows = [
        {
            "source": key,
            "label": BY_KEY[key].label,
            "share": float(shares.get(key) or 0.0),  # not listed beside others: none seen
            "views": None if views is None else float(shares.get(key) or 0.0) * views,
            "n_videos": None,
        }
        for key in SOURCE_KEYS
    ]
    return pl.DataFrame(rows, schema=MIX_SCHEMA)


def account_mix(
    tables: Tables, account: str, period: Period, *, videos: pl.DataFrame | None = None
) -> Figure:
    """The period's traffic-source mix: TikTok's figure where captured, else estimated.

    ``rows`` has a row per source key (MIX_SCHEMA) or none at all when nothing
    is known. ``videos``: the account's ``video_table`` if the caller has it.
    """
    captured = get(tables, "account_sources").filter(pl.col("account") == account)
    daily = account_daily(tables, account)
    origin, chosen = _choose(_windows(captured, daily), period)
    fallback = None
    if chosen and _usable(origin, chosen, period):
        shares, views = _captured_mix(captured, origin, chosen)
        return Figure(_mix_rows(shares, views), origin, tuple(chosen))
    if chosen:
        fallback = _missing_views(chosen, period)
    est = source_mix(tables, account, period, videos=videos)
    n = int(est["n_videos"][0]) if not est.is_empty() else 0
    rows = est.select(list(MIX_SCHEMA)).cast(MIX_SCHEMA)  # type: ignore[arg-type]
    return Figure(rows, ESTIMATE, (), n, fallback)


def account_terms(
    tables: Tables, account: str, period: Period, *, videos: pl.DataFrame | None = None
) -> Figure:
    """The search queries that brought viewers in the period, biggest share first.

    TikTok's list (``account_search_terms``) where captured, chosen like the mix;
    else the per-video terms of the videos posted in the period, summed by the
    views each brought (term share × video views × the video's Search share).
    """
    captured = get(tables, "account_search_terms").filter(pl.col("account") == account)
    daily = account_daily(tables, account)
    origin, chosen = _choose(_windows(captured, daily), period)
    if chosen and _usable(origin, chosen, period):
        return Figure(
            _captured_terms(tables, account, captured, origin, chosen), origin, tuple(chosen)
        )
    fallback = _missing_views(chosen, period) if chosen else None
    rows, n = _estimated_terms(tables, account, period, videos)
    return Figure(rows, ESTIMATE, (), n, fallback)


def _search_views(tables: Tables, account: str, w: Window) -> float | None:
    """The window's views from search, where the same window's captured mix gives the share."""
    mix = _in(get(tables, "account_sources").filter(pl.col("account") == account), w)
    search = mix.filter(pl.col("source") == "search")["share"].drop_nulls()
    if mix.is_empty() or w.views is None:
        return None
    return float(search.sum()) * w.views if not search.is_empty() else 0.0


def _captured_terms(
    tables: Tables, account: str, frame: pl.DataFrame, origin: str, chosen: list[Window]
) -> pl.DataFrame:
    search = [_search_views(tables, account, w) for w in chosen]
    if all(s is not None for s in search):
        weights = [float(s or 0.0) for s in search]  # by the views that came from search
    else:
        weights = [float(w.views or 0) for w in chosen]  # by all views, the same for every term
    total = sum(weights)
    parts = [
        _in(frame, w).select(
            "term", (pl.col("share") * (wt / total if total else 1.0)).alias("share")
        )
        for w, wt in zip(chosen, weights, strict=True)
    ]
    summed = pl.concat(parts).group_by("term").agg(pl.col("share").sum())
    views = None
    if all(s is not None for s in search) and origin == CAPTURED:
        views = search[0]
    elif all(s is not None for s in search):
        views = total
    out = summed.with_columns(
        (pl.col("share") * views if views is not None else pl.lit(None, pl.Float64)).alias("views"),
        pl.lit(None, pl.Int64).alias("videos"),
    )
    return _sorted_terms(out)


def _estimated_terms(
    tables: Tables, account: str, period: Period, videos: pl.DataFrame | None
) -> tuple[pl.DataFrame, int]:
    vids = videos_in(video_table(tables, account) if videos is None else videos, period)
    vids = vids.select("video_id", "views", "search")
    terms = newest_capture(get(tables, "video_search_terms")).filter(
        pl.col("term").is_not_null() & (pl.col("term").str.strip_chars() != "")
    )
    joined = terms.join(vids, on="video_id", how="inner")
    if joined.is_empty():
        return pl.DataFrame(schema=TERMS_SCHEMA), 0
    # the search views of the videos whose terms are known: what the shares are of
    base = joined.unique("video_id").select((pl.col("views") * pl.col("search")).sum()).item()
    out = (
        joined.with_columns(
            pl.col("term").str.strip_chars().str.to_lowercase(),
            (pl.col("share") * pl.col("views") * pl.col("search")).alias("est"),
        )
        .group_by("term")
        .agg(
            pl.when(pl.col("est").is_not_null().any()).then(pl.col("est").sum()).alias("views"),
            pl.col("video_id").n_unique().cast(pl.Int64).alias("videos"),
        )
        .with_columns((pl.col("views") / base if base else pl.lit(None, pl.Float64)).alias("share"))
    )
    return _sorted_terms(out), int(joined["video_id"].n_unique())


def _sorted_terms(frame: pl.DataFrame) -> pl.DataFrame:
    return (
        frame.select(list(TERMS_SCHEMA))
        .cast(TERMS_SCHEMA)  # type: ignore[arg-type]
        .sort(["share", "views", "term"], descending=[True, True, False], nulls_last=True)
    )
