"""The numbers every screen, the report and the advisor ask for: pure Polars.

Each function takes the store's tables (``schema.Tables``) and returns a frame
or small dataclass, so it is tested on frames built in a test and runs in a
worker thread without touching the UI.

Missing stays missing: sums skip nulls but a sum over nothing is ``None``, a
rate needs its numerator and denominator on the same rows, and a video
without source data is left out of a mix rather than counted as 0% of
everything.
"""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from .memo import Memo, frames

# The Polars-free types every screen and the report use, re-exported (see .period).
from .period import (  # noqa: F401
    ENGAGEMENT_FORMULA,
    KPI_LABELS,
    PERIOD_CHOICES,
    Kpi,
    Period,
    parse_period,
    period_label,
)
from .schema import Tables, get
from .sources import BY_KEY, SOURCE_KEYS

# Studio revises the most recent days of every export; say so where they show.
REVISED_DAYS = 3
MIX_WINDOW_DAYS = 28


def accounts(tables: Tables) -> list[str]:
    return sorted(get(tables, "accounts")["account"].drop_nulls().unique().to_list())


def account_daily(tables: Tables, account: str) -> pl.DataFrame:
    """The account's ``account_daily`` rows, oldest first (only the days the store has)."""
    return get(tables, "account_daily").filter(pl.col("account") == account).sort("date")


def followers_series(tables: Tables, account: str) -> pl.DataFrame:
    """Follower totals per day, known where an export gave them, else worked back.

    Studio's FollowerHistory holds only the last 60 days of totals, while the
    Overview files carry a year of net changes. Walking back from a known
    total, a day's total is the next day's minus that next day's net change;
    the walk stops at a day whose net change is missing (a gap is never
    bridged by guessing). Columns: date, followers, estimated (bool).
    """
    days = account_daily(tables, account).select("date", "followers", "followers_net")
    if days.is_empty():
        return pl.DataFrame(
            schema={"date": pl.Date, "followers": pl.Int64, "estimated": pl.Boolean}
        )
    calendar = pl.DataFrame(
        {"date": pl.date_range(days["date"].min(), days["date"].max(), "1d", eager=True)}
    )
    rows = calendar.join(days, on="date", how="left").to_dicts()
    carry: int | None = None
    out: list[dict[str, object]] = []
    for row in reversed(rows):
        total, net = row["followers"], row["followers_net"]
        value, estimated = (total, False) if total is not None else (carry, carry is not None)
        out.append({"date": row["date"], "followers": value, "estimated": estimated})
        carry = value - net if value is not None and net is not None else None
    return pl.DataFrame(
        out[::-1], schema={"date": pl.Date, "followers": pl.Int64, "estimated": pl.Boolean}
    )


def freshness(tables: Tables, account: str) -> date | None:
    """The last day the store has account numbers for."""
    days = account_daily(tables, account).filter(pl.col("video_views").is_not_null())["date"]
    return days.max() if not days.is_empty() else None  # type: ignore[return-value]


def period_for(tables: Tables, account: str, days: int | None, today: date) -> Period:
    """The period ending on the freshest day with data (never after ``today``)."""
    daily = account_daily(tables, account).filter(pl.col("date") <= today)
    dates = daily.filter(pl.col("video_views").is_not_null())["date"]
    end = dates.max() if not dates.is_empty() else today - timedelta(days=1)
    if days is None:
        first_candidates = [
            d for d in (daily["date"].min(), _first_post(tables, account)) if d is not None
        ]
        start = min(first_candidates) if first_candidates else end
        return Period(start, end, None)  # type: ignore[arg-type]
    return Period(end - timedelta(days=days - 1), end, days)  # type: ignore[operator]


def _first_post(tables: Tables, account: str) -> date | None:
    posted = get(tables, "videos").filter(pl.col("account") == account)["posted_on"]
    return posted.min() if not posted.is_empty() else None  # type: ignore[return-value]


DAILY_METRICS = (
    "video_views",
    "profile_views",
    "likes",
    "comments",
    "shares",
    "followers",
    "followers_net",
    "followers_new",
    "followers_lost",
    "reached_audience",
    "viewers_total",
    "viewers_new",
    "viewers_returning",
)


def _engagement(views: str = "video_views") -> pl.Expr:
    """``ENGAGEMENT_FORMULA`` per row; null where views are 0 or unknown (not 0 %)."""
    interactions = pl.col("likes") + pl.col("comments") + pl.col("shares")
    return (pl.when(pl.col(views) > 0).then(interactions / pl.col(views)).otherwise(None)).alias(
        "engagement_rate"
    )


def daily(tables: Tables, account: str, period: Period) -> pl.DataFrame:
    """One row per day of the period, days without data present as nulls (gaps, not zeros)."""
    calendar = pl.DataFrame({"date": pl.date_range(period.start, period.end, "1d", eager=True)})
    rows = account_daily(tables, account).filter(period.contains("date"))
    out = calendar.join(rows.select(["date", *DAILY_METRICS]), on="date", how="left")
    return out.with_columns(_engagement())


def _sum(frame: pl.DataFrame, col: str) -> float | None:
    values = frame[col].drop_nulls()
    return None if values.is_empty() else float(values.sum())


def _engagement_total(frame: pl.DataFrame) -> float | None:
    full = frame.drop_nulls(["video_views", "likes", "comments", "shares"])
    views = full["video_views"].sum() if not full.is_empty() else 0
    if not views:
        return None
    return float((full["likes"].sum() + full["comments"].sum() + full["shares"].sum()) / views)


def _net_followers(frame: pl.DataFrame) -> float | None:
    net = _sum(frame, "followers_net")
    if net is not None:
        return net
    totals = frame.drop_nulls("followers")
    if totals.height >= 2:
        return float(totals["followers"][-1] - totals["followers"][0])
    return None


def _kpi_value(name: str, frame: pl.DataFrame) -> float | None:
    if frame.is_empty():
        return None
    if name == "engagement_rate":
        return _engagement_total(frame)
    if name == "followers_net":
        return _net_followers(frame)
    return _sum(frame, name)


# A previous period is compared with only when it is mostly covered: a year
# against the two weeks the store happens to hold before it is not "+4,895%".
MIN_PREVIOUS_COVERAGE = 0.8


def kpis(tables: Tables, account: str, period: Period) -> list[Kpi]:
    """The Overview's cards: each total, the previous period's, and the daily series."""
    now = daily(tables, account, period)
    prev_period = period.previous()
    prev = daily(tables, account, prev_period) if prev_period else now.clear()
    if prev.height and prev["video_views"].drop_nulls().len() < MIN_PREVIOUS_COVERAGE * prev.height:
        prev = prev.clear()
    out = []
    for name, label in KPI_LABELS.items():
        series = now[name].to_list()
        out.append(
            Kpi(
                name,
                label,
                _kpi_value(name, now),
                _kpi_value(name, prev),
                series,
                is_rate=name == "engagement_rate",
            )
        )
    return out


def latest_snapshots(tables: Tables) -> pl.DataFrame:
    """Per video, the newest known value of every lifetime counter.

    Per column rather than per row: a Studio Content file (views, likes) may
    be newer than the API export that had watch time, and the older watch time
    is still the best we know.
    """
    snaps = get(tables, "video_snapshots").sort("captured_on")
    values = [c for c in snaps.columns if c not in ("video_id", "captured_on")]
    return snaps.group_by("video_id", maintain_order=True).agg(
        pl.col("captured_on").max(), *[pl.col(c).drop_nulls().last() for c in values]
    )


def newest_capture(frame: pl.DataFrame) -> pl.DataFrame:
    """The rows of each video's newest ``captured_on`` (older captures are history)."""
    newest = frame.group_by("video_id").agg(pl.col("captured_on").max())
    return frame.join(newest, on=["video_id", "captured_on"], how="semi")


def wide_sources(sources: pl.DataFrame, index: str) -> pl.DataFrame:
    """``video_sources`` rows → one row per ``index`` value, a share column per source key.

    A source absent from a capture that has others was not seen at all: 0, not
    unknown. Used per video (``latest_sources``) and per capture (a video's detail).
    """
    if sources.is_empty():
        return pl.DataFrame(
            schema={index: sources.schema[index], **dict.fromkeys(SOURCE_KEYS, pl.Float64)}
        )
    wide = (
        sources.group_by([index, "source"])
        .agg(pl.col("share").sum())
        .pivot(on="source", index=index, values="share")
    )
    missing = [pl.lit(None, pl.Float64).alias(k) for k in SOURCE_KEYS if k not in wide.columns]
    return wide.with_columns(missing).select(
        [index, *[pl.col(k).fill_null(0.0) for k in SOURCE_KEYS]]
    )


def latest_sources(tables: Tables) -> pl.DataFrame:
    """Per video, its source mix from the newest capture that has one: wide, a column per key."""
    return wide_sources(newest_capture(get(tables, "video_sources")), "video_id")


VIDEO_COLUMNS = (
    "video_id",
    "account",
    "posted_at",
    "posted_on",
    "caption",
    "url",
    "duration_s",
    "is_ad",
    "views",
    "likes",
    "comments",
    "shares",
    "saves",
    "reach",
    "engagement_rate",
    "avg_watch_s",
    "completion",
    "new_followers",
    "profile_views",
    "captured_on",
    "has_sources",
    *SOURCE_KEYS,
    "dominant",
)


_VIDEO_INPUTS = ("videos", "video_snapshots", "video_sources")
_VIDEO_TABLES: Memo[pl.DataFrame] = Memo(kept=8)


def video_table(
    tables: Tables, account: str | None = None, video_ids: list[str] | None = None
) -> pl.DataFrame:
    """One row per video: counters, rates, a share column per source and the dominant one.

    Built once per account and set of tables (a store's tables are one object per
    account and commit), and shared by every screen, the advisor and the report.
    ``video_ids``: only these videos (detail, compare) — taken from the shared
    table when it is built already, else built for them alone.
    """
    inputs = frames(tables, _VIDEO_INPUTS)
    if video_ids is not None:
        table = _VIDEO_TABLES.peek(inputs, account)
        if table is not None:
            return table.filter(pl.col("video_id").is_in(video_ids))
        only = {
            name: get(tables, name).filter(pl.col("video_id").is_in(video_ids))
            for name in _VIDEO_INPUTS
        }
        return _build_video_table(only, account)
    return _VIDEO_TABLES.get(inputs, account, lambda: _build_video_table(tables, account))


def _build_video_table(tables: Tables, account: str | None) -> pl.DataFrame:
    videos = get(tables, "videos")
    if account is not None:
        videos = videos.filter(pl.col("account") == account)
    snaps = latest_snapshots(tables)
    sources = latest_sources(tables).with_columns(pl.lit(True).alias("has_sources"))
    out = (
        videos.join(snaps, on="video_id", how="left")
        .join(sources, on="video_id", how="left")
        .with_columns(
            pl.col("has_sources").fill_null(False),
            pl.col("full_watch_rate").alias("completion"),
            _engagement("views"),
        )
    )
    dominant = (
        pl.when(pl.col("has_sources"))
        .then(
            pl.concat_list([pl.col(k) for k in SOURCE_KEYS])
            .list.arg_max()
            .replace_strict(list(range(len(SOURCE_KEYS))), list(SOURCE_KEYS), default=None)
        )
        .otherwise(None)
        .alias("dominant")
    )
    out = out.with_columns(dominant)
    return out.select(list(VIDEO_COLUMNS)).sort(
        ["posted_on", "posted_at", "video_id"], descending=True, nulls_last=True
    )


def _account_videos(tables: Tables, account: str, videos: pl.DataFrame | None) -> pl.DataFrame:
    """``videos`` when the caller already built the account's ``video_table``, else build it.

    A screen that shows the mix, the top videos and the data notes builds the
    table once and passes it to all three instead of joining the store three times.
    """
    return video_table(tables, account) if videos is None else videos


def videos_in(frame: pl.DataFrame, period: Period | None) -> pl.DataFrame:
    """The videos posted in ``period`` (all of them for "all time" or None)."""
    return (
        frame
        if period is None or period.days is None
        else frame.filter(period.contains("posted_on"))
    )


def estimated_views(videos: pl.DataFrame) -> dict[str, float]:
    """Views per source key, estimated as each video's views × its share of that source.

    The one formula behind every view-weighted mix (the account's here, the
    advisor's on organic or spike subsets); ``videos`` must already be the ones
    with sources and a view count.
    """
    return {k: float((videos["views"] * videos[k]).sum()) for k in SOURCE_KEYS}


def source_mix(
    tables: Tables,
    account: str,
    period: Period | None = None,
    *,
    videos: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """The account's view-weighted mix over the videos posted in the period that have sources.

    Columns: source, label, share (0–1), views (estimated: views × share),
    n_videos (how many videos the mix rests on). Empty when no video has sources.
    ``videos``: the account's ``video_table`` if the caller has it already.
    """
    vids = videos_in(_account_videos(tables, account, videos), period).filter(
        pl.col("has_sources") & pl.col("views").is_not_null()
    )
    total = vids["views"].sum() if not vids.is_empty() else 0
    if not total:
        return pl.DataFrame(
            schema={
                "source": pl.String,
                "label": pl.String,
                "share": pl.Float64,
                "views": pl.Float64,
                "n_videos": pl.Int64,
            }
        )
    rows = [
        {
            "source": key,
            "label": BY_KEY[key].label,
            "share": est / total,
            "views": est,
            "n_videos": vids.height,
        }
        for key, est in estimated_views(vids).items()
    ]
    return pl.DataFrame(rows)


def source_daily(tables: Tables, account: str) -> pl.DataFrame:
    """Estimated daily views per source: the day's views × the mix of recent videos.

    TikTok gives no per-day source split, so each day borrows the
    view-weighted mix of the videos posted in the 28 days up to it (the
    videos a day's views mostly come from); before the first such video the
    nearest known mix is used. Columns: date, source, views. An estimate:
    screens must say so.
    """
    days = account_daily(tables, account).select("date", "video_views")
    vids = video_table(tables, account).filter(pl.col("has_sources") & (pl.col("views") > 0))
    if days.is_empty() or vids.is_empty():
        return pl.DataFrame(schema={"date": pl.Date, "source": pl.String, "views": pl.Float64})
    per_day = vids.group_by("posted_on").agg(
        pl.col("views").sum().alias("_w"),
        *[(pl.col("views") * pl.col(k)).sum().alias(k) for k in SOURCE_KEYS],
    )
    first = min(days["date"].min(), per_day["posted_on"].min())  # type: ignore[type-var]
    last = max(days["date"].max(), per_day["posted_on"].max())  # type: ignore[type-var]
    calendar = pl.DataFrame({"date": pl.date_range(first, last, "1d", eager=True)})
    rolled = (
        calendar.join(per_day.rename({"posted_on": "date"}), on="date", how="left")
        .fill_null(0.0)
        .with_columns(
            [pl.col(c).rolling_sum(MIX_WINDOW_DAYS, min_samples=1) for c in ["_w", *SOURCE_KEYS]]
        )
    )
    mix = rolled.select(
        "date",
        *[
            pl.when(pl.col("_w") > 0).then(pl.col(k) / pl.col("_w")).otherwise(None).alias(k)
            for k in SOURCE_KEYS
        ],
    ).with_columns([pl.col(k).forward_fill().backward_fill() for k in SOURCE_KEYS])
    est = days.join(mix, on="date", how="left").select(
        "date", *[(pl.col("video_views") * pl.col(k)).alias(k) for k in SOURCE_KEYS]
    )
    return est.unpivot(index="date", variable_name="source", value_name="views").sort(
        ["date", "source"]
    )


def top_videos(
    tables: Tables,
    account: str,
    period: Period | None,
    n: int = 5,
    *,
    videos: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """The period's most-viewed videos (posted in it)."""
    vids = videos_in(_account_videos(tables, account, videos), period).filter(
        pl.col("views").is_not_null()
    )
    return vids.sort("views", descending=True).head(n)


def data_quality(
    tables: Tables,
    account: str,
    period: Period,
    today: date,
    *,
    videos: pl.DataFrame | None = None,
) -> list[str]:
    """Plain sentences about what the numbers on screen rest on."""
    notes: list[str] = []
    rows = account_daily(tables, account).filter(period.contains("date"))
    span = (period.end - period.start).days + 1
    missing = span - rows.filter(pl.col("video_views").is_not_null()).height
    if missing > 0:
        notes.append(f"{missing} of {span} days have no views data")
    inferred = rows.filter(pl.col("year_inferred").fill_null(False)).height
    if inferred:
        notes.append(f"year inferred for {inferred} days (Studio files have no year)")
    if (today - period.end).days <= REVISED_DAYS:
        notes.append(f"the last {REVISED_DAYS} days may still change: TikTok revises them")
    vids = videos_in(_account_videos(tables, account, videos), period)
    without = vids.filter(~pl.col("has_sources")).height
    if without:
        notes.append(f"{without} of {vids.height} videos have no traffic-source data")
    paid = vids.filter(pl.col("is_ad").fill_null(False)).height
    if paid:
        noun = "video" if paid == 1 else "videos"
        notes.append(f"{paid} paid (promoted) {noun}: their views include paid reach")
    viewers_missing = rows.filter(
        pl.col("video_views").is_not_null() & pl.col("viewers_total").is_null()
    ).height
    if 0 < viewers_missing < rows.height:
        notes.append(f"viewer counts missing for {viewers_missing} days (not processed yet)")
    return notes
