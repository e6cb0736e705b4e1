"""What Studio's own downloads say about an account, as small sums over days (no Textual).

The advisor's Studio-only rules read these: each function takes the
account's daily series (``queries.account_daily``) and a window of days,
and sums only the days that have every number it needs, so a missing day
is left out, never counted as 0. Each returns None when no day qualifies;
the caller decides how many days are enough (``days`` says how many it has).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from .queries import Period
from .schema import Tables, get


@dataclass(frozen=True)
class DaySums:
    """Sums of some daily columns over the days of a window that have all of them."""

    start: date
    end: date
    days: int  # days that had every column
    sums: dict[str, float]

    def __getitem__(self, column: str) -> float:
        return self.sums[column]

    def ratio(self, top: str, bottom: str, per: float = 1.0) -> float | None:
        """``sums[top] ÷ sums[bottom] × per`` (None when the bottom is 0)."""
        below = self.sums[bottom]
        return self.sums[top] / below * per if below > 0 else None


def day_sums(daily: pl.DataFrame, window: Period, columns: tuple[str, ...]) -> DaySums | None:
    """Σ of ``columns`` over the window's days that have all of them (None when none do)."""
    rows = daily.filter(window.contains("date"))
    for column in columns:
        rows = rows.filter(pl.col(column).is_not_null())
    if rows.is_empty():
        return None
    return DaySums(
        window.start,
        window.end,
        rows.height,
        {c: float(rows[c].sum()) for c in columns},
    )


LOYALTY = ("viewers_returning", "viewers_total")
"""Viewers.csv: returning and total viewers per day."""
GROWTH = ("followers_net", "video_views")
"""Overview (net growth, "New followers" in the short export) or FollowerHistory, and views."""
CONVERSION_NEW = ("followers_new", "profile_views")
"""The long Overview's gained followers, and profile views."""
CONVERSION_NET = ("followers_net", "profile_views")
"""Net follower change (unfollows taken off), and profile views."""


def posting_dates(videos: pl.DataFrame, window: Period) -> list[date]:
    """The days videos were posted in ``window`` (one entry per video), oldest first."""
    rows = videos.filter(pl.col("posted_on").is_not_null() & window.contains("posted_on"))
    return sorted(rows["posted_on"].to_list())


def views_captured_on(tables: Tables) -> pl.DataFrame:
    """Per video, the day its newest view count was captured (``video_id``, ``views_on``)."""
    snaps = get(tables, "video_snapshots").filter(pl.col("views").is_not_null())
    return snaps.group_by("video_id").agg(pl.col("captured_on").max().alias("views_on"))


def views_per_day_of_age(tables: Tables, videos: pl.DataFrame, min_age: int) -> pl.DataFrame:
    """``videos`` (rows of ``queries.video_table``) with ``age_days`` and ``views_per_day``:
    lifetime views ÷ days from posting to the capture they were read on, keeping
    videos at least ``min_age`` days old then.

    Lifetime totals of videos of different ages are never compared raw: a
    three-month-old video has had three months to collect its views.
    """
    return (
        videos.join(views_captured_on(tables), on="video_id", how="inner")
        .filter(pl.col("views").is_not_null() & pl.col("posted_on").is_not_null())
        .with_columns((pl.col("views_on") - pl.col("posted_on")).dt.total_days().alias("age_days"))
        .filter(pl.col("age_days") >= min_age)
        .with_columns((pl.col("views") / pl.col("age_days")).alias("views_per_day"))
    )
