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
from datetime import UTC, date, datetime, time, tzinfo

import polars as pl

from ..data.queries import Period
from ..data.schema import Tables, get
from ..formatting import hour, hour_range, local_hour, utc_hour_in, zone_label

MIN_WEEKDAY_HOURS = 12  # a weekday is named from at least half a day of its local hours


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

    @property
    def lead(self) -> int:
        """Hours from the start of the posting window to the busiest hour (0: post at it)."""
        return (self.busiest - self.window_hours[0]) % 24

    @property
    def when_to_post(self) -> str:
        """When to post *and why*, relating the two windows: ``in the 2 hours before your
        followers' busiest hour (20:00 UTC): 18:00–20:00 UTC`` — the window leads the
        peak, so it must not read as a second, different peak."""
        if self.lead == 0:
            return f"at the followers' busiest hour, {self.busiest_text}"
        span = "the hour" if self.lead == 1 else f"the {self.lead} hours"
        return f"in {span} before the followers' busiest hour ({self.busiest_text}): {self.window}"


def _activity(tables: Tables, account: str, period: Period, today: date) -> pl.DataFrame:
    """The follower-activity rows the answer rests on: the period's days (else the latest 7
    known), without the newest day's trailing zero hours (Studio's hours still to come)."""
    act = get(tables, "follower_activity").filter(
        (pl.col("account") == account)
        & pl.col("active_followers").is_not_null()
        & (pl.col("date") <= today)
    )
    if act.is_empty():
        return act
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
    return in_period


def activity_by_hour(
    tables: Tables, account: str, period: Period, today: date, tz: tzinfo
) -> tuple[dict[int, float], list[date]]:
    """Mean active followers per local hour, and the days it rests on."""
    in_period = _activity(tables, account, period, today)
    if in_period.is_empty():
        return {}, []
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


def by_weekday(
    tables: Tables, account: str, period: Period, today: date, tz: tzinfo
) -> dict[int, float]:
    """Active followers over a day, per weekday **on the account's clock** (0 = Monday).

    Each stored (UTC date, hour) is placed on its local day and hour; a weekday's value
    is the sum over its local hours of their mean, so the partial local days at the
    edges of the week count for the hours they hold (a week of UTC days spans eight
    local days; the first and last fall on the same weekday and complete each other).
    Weekdays with fewer than 12 local hours are left out. Studio's FollowerActivity
    holds one week: one day of each.
    """
    rows = _activity(tables, account, period, today)
    if rows.is_empty():
        return {}
    cells: dict[tuple[int, int], list[float]] = defaultdict(list)
    for d, h, n in rows.select("date", "hour", "active_followers").iter_rows():
        local = datetime.combine(d, time(int(h) % 24), UTC).astimezone(tz)
        cells[(local.weekday(), local.hour)].append(float(n))
    per_day: dict[int, dict[int, float]] = defaultdict(dict)
    for (w, h), v in cells.items():
        per_day[w][h] = sum(v) / len(v)
    return {
        w: sum(hours.values()) * 24 / len(hours)
        for w, hours in per_day.items()
        if len(hours) >= MIN_WEEKDAY_HOURS
    }
