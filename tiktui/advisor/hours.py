"""The one "best hours" answer every piece of advice names, on the account's clock.

Computed once per ``advise`` call (``Context.best_hours``) from follower
activity, so "when to post" reads the same in every rule that names hours.

Peak hours: the ``peak_hours`` (3) hours with the most active followers on
average (``follower_activity``, the period's days, else the latest 7 days
known). The newest day's trailing zero hours are dropped: Studio writes 0 for
hours of today that have not happened yet. Hours are stored in UTC and
turned into the account's zone (``[display] timezone``) day by day, so a
daylight-saving switch inside the period lands each hour where it was.

When to post: up to two hours (``post_hour_tolerance``, at most 2) before the
busiest hour, so the first viewers are there when the peak starts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

import polars as pl

from ..data.queries import Period
from ..data.schema import Tables, get
from ..formatting import hour, hour_range, local_hour, utc_hour_in, zone_label


@dataclass(frozen=True)
class BestHours:
    """The followers' busiest hours and when to post, in the account's zone."""

    by_hour: dict[int, float]  # local hour → mean active followers
    days: list[date]  # the days the means rest on
    peaks: list[int]  # the ``peak_hours`` busiest local hours, in clock order
    busiest: int
    window_hours: tuple[int, int]  # (from, to): when to post
    zone: str  # the zone's short name, e.g. "CET"

    @property
    def peak_text(self) -> str:
        """``19:00–22:00 CET``: when followers are most active."""
        return f"{hour_range(self.peaks)} {self.zone}"

    @property
    def window(self) -> str:
        """``18:00–20:00 CET``: when to post."""
        lo, hi = self.window_hours
        return f"{hour(lo)}–{hour(hi)} {self.zone}"

    @property
    def busiest_text(self) -> str:
        return f"{hour(self.busiest)} {self.zone}"


def activity_by_hour(
    tables: Tables, account: str, period: Period, today: date, tz: tzinfo
) -> tuple[dict[int, float], list[date]]:
    """Mean active followers per local hour, and the days it rests on."""
    act = get(tables, "follower_activity").filter(
        (pl.col("account") == account)
        & pl.col("active_followers").is_not_null()
        & (pl.col("date") <= today)
    )
    if act.is_empty():
        return {}, []
    in_period = act.filter(period.contains("date"))
    if in_period.is_empty():
        latest = act["date"].unique().sort(descending=True).head(7)
        in_period = act.filter(pl.col("date").is_in(latest.to_list()))
    newest = in_period["date"].max()
    last_day = in_period.filter(pl.col("date") == newest)
    busy = last_day.filter(pl.col("active_followers") > 0)["hour"]
    if not busy.is_empty():
        cut = int(busy.max())  # type: ignore[arg-type]
        in_period = in_period.filter((pl.col("date") != newest) | (pl.col("hour") <= cut))
    sums: dict[int, list[float]] = defaultdict(list)
    for d, h, n in in_period.select("date", "hour", "active_followers").iter_rows():
        sums[utc_hour_in(d, int(h), tz)].append(float(n))
    days = sorted(set(in_period["date"].to_list()))
    return {h: sum(v) / len(v) for h, v in sums.items()}, days


def best_hours(
    tables: Tables,
    account: str,
    period: Period,
    today: date,
    tz: tzinfo,
    peak_hours: int,
    tolerance: int,
) -> BestHours | None:
    """The answer, or None without follower activity by hour."""
    by_hour, days = activity_by_hour(tables, account, period, today, tz)
    if not by_hour:
        return None
    ranked = sorted(by_hour, key=lambda h: (-by_hour[h], h))
    busiest = ranked[0]
    lead = min(tolerance, 2)
    return BestHours(
        by_hour=by_hour,
        days=days,
        peaks=sorted(ranked[:peak_hours]),
        busiest=busiest,
        window_hours=((busiest - lead) % 24, busiest),
        zone=zone_label(tz, period.end),
    )


def posting_hours(moments: list[datetime | None], tz: tzinfo) -> list[int | None]:
    """Each posting time's hour on the account's clock (None stays None)."""
    return [None if m is None else local_hour(m, tz) for m in moments]


def by_weekday(tables: Tables, account: str, days: list[date]) -> dict[int, float]:
    """Active followers summed over each of ``days`` (the ones ``best_hours`` rests on),
    averaged per weekday (0 = Monday). Studio's FollowerActivity holds one week: one day
    of each."""
    act = get(tables, "follower_activity").filter(
        (pl.col("account") == account)
        & pl.col("date").is_in(days)
        & pl.col("active_followers").is_not_null()
    )
    if act.is_empty():
        return {}
    per_day = act.group_by("date").agg(pl.col("active_followers").sum())
    out: dict[int, list[float]] = defaultdict(list)
    for d, n in per_day.iter_rows():
        out[d.weekday()].append(float(n))
    return {w: sum(v) / len(v) for w, v in out.items()}
