"""Rule 8 — when to post: the followers' busiest hours against when the best videos went out.

Data (best first):

1. ``posting_times`` — follower activity by hour (Studio's FollowerActivity.csv,
   the Business API's audience_activity) *and* videos with a posting time and
   a view count (Content.csv, the API's video list): the period's organic
   videos, or — when they do not hold two videos at the peak and two off it —
   every organic video known up to the period's end (lifetime totals, so said);
2. ``follower_activity`` — follower activity alone: when followers are online.

Peak hours and when to post: ``Context.best_hours`` (tiktui.advisor.hours),
the one answer every rule that names hours uses, on the account's clock
(``[display] timezone``); the weekday the followers were most active (on that
clock too, not the UTC date) is evidence (FollowerActivity holds one week, so
it is one day of each).

Views are compared **per day of a video's age**: lifetime views ÷ days from
posting to the capture they were read on, for videos at least
``MIN_AGE_DAYS`` (7) old then — a three-month-old video has had three
months to collect its views. Minimum sample: ``min_videos`` (3) such videos,
two at the peak and two off it for a comparison; on the activity path, the
peak hours ≥ ``peak_strength`` (1.3) × the average hour.

A video is "at peak" when posted within ``post_hour_tolerance`` (2) hours of a
peak hour. Trigger: the median views per day of at-peak and off-peak videos
differ by ≥ ``timing_ratio`` (×1.5); or no video was posted near the peak
(then a low-confidence suggestion to test it); or, on the activity path, the
peak is pronounced (low confidence: followers, not viewers, are measured).

Views at stake: half of (the weaker group's video count × the gap in median
views), scaled from per day to the videos' median age — posting time is one
of many ways the groups differ; when nobody posted at peak, 10 % of the
videos' views; on the activity path, 10 % of the period's daily views.
Effect: the ratio ÷ 1.5 (1.0 for the untested case; the peak's strength ÷
``peak_strength`` on the activity path).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import polars as pl

from ...data.studio_signals import day_sums, views_per_day_of_age
from ...formatting import exact, hour_range, hours_counted, times
from ..config import AdvisorConfig
from ..context import Context, median, organic
from ..hours import BestHours, by_weekday
from ..model import Advice, DataPath, Evidence, Rule, Unavailable

UNTESTED_STAKE = 0.10
TIMING_SHARE = 0.5  # posting time is one of many differences between the two groups
MIN_AGE_DAYS = 7  # a younger video's total is still climbing fast
MIN_WEEKDAYS = 5  # name the busiest weekday only from at least this many different ones
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FOLLOWERS_NOT_VIEWERS = (
    "This is when your followers are online, not when your viewers are: most views "
    "come from people who do not follow you yet"
)
PATHS = (
    DataPath(
        "posting_times",
        "follower activity by hour and videos with a posting time and views",
        "FollowerActivity.csv in Studio's Followers download, and Content.csv",
    ),
    DataPath(
        "follower_activity",
        "follower activity by hour",
        "FollowerActivity.csv in Studio's Followers download, or the Business API's "
        "audience_activity",
    ),
)


@dataclass(frozen=True)
class Timing:
    """What the rule measured: the activity peak, and the posted videos per day of age."""

    path: str
    hours: BestHours
    strength: float  # mean of the peak hours ÷ mean of all hours
    weekdays: dict[int, float]  # weekday → active followers summed over that day
    videos: pl.DataFrame | None  # with _h (local hour), _near, views_per_day, age_days
    lifetime_all: bool  # the videos are every known one, not the period's

    @property
    def peak(self) -> list[int]:
        """When followers are most active: the ``peak_hours`` busiest local hours."""
        return self.hours.peaks

    @property
    def post(self) -> tuple[int, int]:
        """When to post: (from, to) local hours, ending at the busiest hour."""
        return self.hours.window_hours

    @property
    def lead(self) -> int:
        """How many hours the posting window starts before the busiest hour."""
        return self.hours.lead

    @property
    def near(self) -> pl.DataFrame:
        assert self.videos is not None
        return self.videos.filter(pl.col("_near"))

    @property
    def off(self) -> pl.DataFrame:
        assert self.videos is not None
        return self.videos.filter(~pl.col("_near"))


def rule_for(c: AdvisorConfig) -> Rule:
    """The rule as configured: its thresholds are the user's, or the defaults."""
    return Rule(
        "timing",
        "When to post",
        f"median views of videos posted within {c.post_hour_tolerance} h of the followers' "
        f"{c.peak_hours} busiest hours vs the others differ ×{c.timing_ratio:g}",
        c.threshold_source("timing_ratio"),
    )


RULE = rule_for(AdvisorConfig())  # key, title and default thresholds


def _distance(a: int, b: int) -> int:
    d = abs(a - b) % 24
    return min(d, 24 - d)


def minimum(c: AdvisorConfig) -> str:
    return (
        f"{c.min_videos} videos at least {MIN_AGE_DAYS} days old with a posting time "
        "(min_videos), or a week of follower activity"
    )


def _videos(ctx: Context, hours: BestHours) -> tuple[pl.DataFrame | None, bool]:
    """The videos to compare (per day of age, with their local hour), and whether they are
    every known video rather than the period's: the period's when they hold two videos at
    the peak and two off it, else every known one when those do; else the period's (or
    every known) videos for the "untested" case, when at least ``min_videos``."""
    c = ctx.config
    frames = [(ctx.organic, False)]
    if ctx.period.days is not None:  # all time: the period's videos already are every one
        frames.append((organic(ctx.videos.filter(pl.col("posted_on") <= ctx.period.end)), True))
    usable: list[tuple[pl.DataFrame, bool]] = []
    for frame, lifetime_all in frames:
        timed = frame.filter(pl.col("posted_at").is_not_null())
        aged = views_per_day_of_age(ctx.tables, timed, MIN_AGE_DAYS)
        if aged.height < c.min_videos:
            continue
        aged = aged.with_columns(pl.Series("_h", ctx.hours_of(aged)))
        near = [
            min(_distance(int(h), p) for p in hours.peaks) <= c.post_hour_tolerance
            for h in aged["_h"].to_list()
        ]
        if min(sum(near), len(near) - sum(near)) >= 2:
            return aged.with_columns(pl.Series("_near", near)), lifetime_all
        usable.append((aged.with_columns(pl.Series("_near", near)), lifetime_all))
    return usable[0] if usable else (None, False)


def measure(ctx: Context) -> Timing | None:
    hours = ctx.best_hours
    if hours is None:
        return None
    values = list(hours.by_hour.values())
    mean_all = sum(values) / len(values) if values else 0.0
    peak_mean = sum(hours.by_hour[h] for h in hours.peaks) / len(hours.peaks)
    strength = peak_mean / mean_all if mean_all > 0 else 0.0
    weekdays = by_weekday(ctx.tables, ctx.account, ctx.period, ctx.today, ctx.zone)
    videos, lifetime_all = _videos(ctx, hours)
    path = "posting_times" if videos is not None else "follower_activity"
    return Timing(path, hours, strength, weekdays, videos, lifetime_all)


def evaluate(ctx: Context) -> list[Advice | Unavailable]:
    rule = rule_for(ctx.config)
    found = measure(ctx)
    if found is None:
        return [ctx.no_data(rule, PATHS, minimum(ctx.config))]
    if found.videos is None:
        if found.strength < ctx.config.peak_strength:
            return []
        return [word_activity(ctx, rule, found)]
    return word_posting(ctx, rule, found)


def _evidence(ctx: Context, t: Timing) -> list[Evidence]:
    h = t.hours
    days = h.days
    out = [
        Evidence(
            "Follower peak",
            h.peaks[0] if len(h.peaks) == 1 else h.busiest,
            "hour",
            f"followers most active at {h.peak_text} (busiest {h.busiest_text}: "
            f"{exact(round(h.by_hour[h.busiest]))} active on average over {len(days)} days, "
            f"{ctx.span(days[0], days[-1])}; {times(t.strength)} the average hour)",
        ),
        Evidence(
            "When to post",
            h.window_hours[0],
            "hour",
            f"when to post: {h.window}, the {h.lead} hours up to the busiest hour "
            f"({h.busiest_text}), so a video is fresh when most followers are online"
            if h.lead
            else f"when to post: at the busiest hour ({h.busiest_text})",
        ),
    ]
    if len(t.weekdays) >= MIN_WEEKDAYS:
        mean_day = sum(t.weekdays.values()) / len(t.weekdays)
        top = max(t.weekdays, key=lambda w: (t.weekdays[w], -w))
        if mean_day > 0 and t.weekdays[top] >= 1.1 * mean_day:
            out.append(
                Evidence(
                    "Busiest weekday",
                    WEEKDAYS[top],
                    "text",
                    f"followers were most active on {WEEKDAYS[top]} "
                    f"({times(t.weekdays[top] / mean_day)} the average weekday, over "
                    f"{len(t.hours.days)} days of activity)",
                )
            )
    return out


def word_activity(ctx: Context, rule: Rule, t: Timing) -> Advice:
    h = t.hours
    headline = (
        f"Your followers are most active at {h.peak_text}, {times(t.strength)} the average "
        f"hour — post {h.when_to_post}"
    )
    actions = [
        f"Post your next videos {h.when_to_post}, so followers see them first",
        "Note each video's first-day views to see whether the hour matters for you",
        "Download Content again once you have posted: its posting times let the advisor compare",
    ]
    views = day_sums(ctx.daily_all, ctx.period, ("video_views",))
    return ctx.advice(
        rule,
        "timing.followers",
        "opportunity",
        headline,
        _evidence(ctx, t),
        actions,
        n=len(h.days),
        unit="days",
        effect=t.strength / ctx.config.peak_strength,
        views_at_stake=UNTESTED_STAKE * (views["video_views"] if views else 0.0),
        cap="low",
        notes=[FOLLOWERS_NOT_VIEWERS],
        data=t.path,
    )


def word_posting(ctx: Context, rule: Rule, t: Timing) -> list[Advice]:
    c = ctx.config
    vids = t.videos
    assert vids is not None
    h = t.hours
    near, off = t.near, t.off
    which = (
        f"every video known up to {ctx.day(ctx.period.end)} (lifetime views, per day of age)"
        if t.lifetime_all
        else f"{ctx.period_phrase} (views per day of age)"
    )
    best = vids.sort("views_per_day", descending=True).head(max(3, math.ceil(vids.height / 3)))
    best_hours_posted = best["_h"].to_list()
    window, peak, zone = h.window, h.peak_text, h.zone
    age = median(vids["age_days"]) or 1.0
    evidence = _evidence(ctx, t)
    evidence.append(
        Evidence(
            "Best videos posted",
            int(sorted(best_hours_posted)[len(best_hours_posted) // 2]),
            "hour",
            f"your {best.height} videos with the most views per day, of {which}, went out at "
            f"{hours_counted(best_hours_posted)} {zone}",
        )
    )
    m_near, m_off = median(near["views_per_day"]), median(off["views_per_day"])
    if near.height >= 2 and off.height >= 2 and m_near and m_off:
        ratio = m_near / m_off
        evidence.append(
            Evidence(
                "Views at vs off peak",
                round(ratio, 3),
                "ratio",
                f"median views per day of age: {exact(round(m_near))} for {near.height} videos "
                f"posted near the peak vs {exact(round(m_off))} for {off.height} posted at "
                "other hours",
            )
        )
        if ratio >= c.timing_ratio:
            share_near = near.height / vids.height
            headline = (
                f"Videos posted near your followers' peak ({peak}) typically get "
                f"{times(ratio)} the views of the others — "
                + ("keep posting then" if share_near >= 0.7 else f"post {h.when_to_post}")
            )
            actions = [
                f"Schedule your next videos {h.when_to_post}",
                "Posting just before the busiest hour puts a fresh video in front of the "
                "followers when most of them are online",
                "Check again in a month: peaks move with your audience",
            ]
            return [
                ctx.advice(
                    rule,
                    "timing.peak",
                    "opportunity" if share_near < 0.7 else "strength",
                    headline,
                    evidence,
                    actions,
                    effect=ratio / c.timing_ratio,
                    views_at_stake=TIMING_SHARE * off.height * (m_near - m_off) * age,
                    video_ids=_top(near),
                    n=vids.height,
                    notes=[FOLLOWERS_NOT_VIEWERS],
                    data=t.path,
                )
            ]
        if 1 / ratio >= c.timing_ratio:
            headline = (
                f"Your videos posted away from your followers' peak ({peak}) typically get "
                f"{times(1 / ratio)} the views of those posted at it — your reach comes from "
                "new viewers, so hooks matter more than the hour"
            )
            actions = [
                "Keep your posting times: your most-viewed videos went out away from the peak",
                "Your followers matter less than For You here: optimise hooks, not timing",
                f"Use the followers' peak ({peak}) for follower-focused posts "
                "(series, replies, lives)",
            ]
            return [
                ctx.advice(
                    rule,
                    "timing.offpeak",
                    "insight",
                    headline,
                    evidence,
                    actions,
                    effect=(1 / ratio) / c.timing_ratio,
                    views_at_stake=TIMING_SHARE * near.height * (m_off - m_near) * age,
                    video_ids=_top(off),
                    n=vids.height,
                    notes=[FOLLOWERS_NOT_VIEWERS],
                    data=t.path,
                )
            ]
        return []
    if near.is_empty() and t.strength >= c.peak_strength:
        headline = (
            f"You did not post near your followers' peak ({peak}); your "
            f"{vids.height} videos went out at "
            f"{hour_range(vids['_h'].to_list())} {zone} — test a few {h.when_to_post}"
        )
        actions = [
            f"Post the next 3 videos around {window} and compare their first-day views",
            "Keep everything else the same (topic, length) so the test is fair",
        ]
        return [
            ctx.advice(
                rule,
                "timing.untested",
                "opportunity",
                headline,
                evidence,
                actions,
                effect=1.0,
                views_at_stake=UNTESTED_STAKE * float(vids["views"].sum()),
                video_ids=best["video_id"].head(3).to_list(),
                cap="low",
                n=vids.height,
                notes=[FOLLOWERS_NOT_VIEWERS],
                data=t.path,
            )
        ]
    return []


def _top(frame: pl.DataFrame) -> list[str]:
    return frame.sort("views_per_day", descending=True)["video_id"].head(3).to_list()
