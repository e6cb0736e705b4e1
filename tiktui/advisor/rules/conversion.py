"""Rule 7 — how many profile visitors become followers, and which way it is moving.

Data (best first):

1. ``daily_new`` — the daily series' gained followers and profile views (the
   long Overview export has "New followers" beside "Lost followers");
2. ``daily_net`` — the daily net follower change and profile views (the short
   Overview's "New followers", or FollowerHistory.csv): unfollows are taken off,
   so the rate is lower, but it is the same in both windows;
3. ``videos`` — per-video new followers ÷ profile views of the organic videos
   posted in each window (Business API or Studio's per-video pages).

A day (or video) with either number missing is skipped, never counted as 0.
Both windows are measured on the same path, so they compare. The windows are
``Context.windows``: the period and the one before; for "all time" the latest
90 days against the 90 before. Minimum sample: ``min_days`` (14) days with
both in each window (``min_videos`` videos on the per-video path).

Trigger: conversion moved by ≥ ``conversion_change`` (20 %, relative). There
is no published benchmark, so the trend is the finding. Views at stake: the
window's profile views × the relative change (capped at 1). Effect:
|relative change| ÷ 20 %. Sample: days, or videos on the per-video path.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from ...data.queries import Period
from ...data.studio_signals import CONVERSION_NET, CONVERSION_NEW
from ...formatting import exact, pct, points
from ..config import AdvisorConfig
from ..context import Context, organic
from ..model import Advice, DataPath, Evidence, Rule, Unavailable
from ..trends import judge, measure_trend

MIN_PROFILE_VIEWS = 20  # a video with fewer profile views says nothing about its conversion
PATHS = (
    DataPath(
        "daily_new",
        "daily new followers and profile views",
        "the 365-day Overview.csv, with its New and Lost followers",
    ),
    DataPath(
        "daily_net",
        "daily net follower change and profile views",
        "Overview.csv, or FollowerHistory.csv in the Followers download",
    ),
    DataPath(
        "videos",
        "new followers and profile views per video",
        "the Business API's video list or Studio's per-video pages",
    ),
)


@dataclass(frozen=True)
class Conversion:
    rate: float
    followers: float
    profile_views: float
    n: int
    unit: str  # "days" | "videos"


@dataclass(frozen=True)
class Finding:
    path: str
    now: Conversion
    before: Conversion

    @property
    def change(self) -> float:
        return self.now.rate / self.before.rate - 1


def rule_for(c: AdvisorConfig) -> Rule:
    """The rule as configured: its thresholds are the user's, or the defaults."""
    return Rule(
        "conversion",
        "Profile to follower",
        f"new followers ÷ profile views moved ≥ {c.conversion_change * 100:g}% "
        "against the previous period",
        "tiktui default (no published benchmark)",
    )


RULE = rule_for(AdvisorConfig())  # key, title and default thresholds


def minimum(c: AdvisorConfig) -> str:
    return (
        f"{c.min_days} days with both in this window and the one before (min_days), "
        f"or {c.min_videos} videos (min_videos)"
    )


def from_daily(ctx: Context, columns: tuple[str, str], path: str) -> Finding | None:
    t = measure_trend(ctx.daily_all, ctx.windows, columns, ctx.config.min_days, path)
    if t is None:
        return None
    top = columns[0]

    def conv(rate: float, sums: dict[str, float], days: int) -> Conversion:
        return Conversion(rate, sums[top], sums["profile_views"], days, "days")

    return Finding(
        path,
        conv(t.rate_now, t.now.sums, t.now.days),
        conv(t.rate_before, t.before.sums, t.before.days),
    )


def from_videos(ctx: Context, window: Period) -> Conversion | None:
    vids = organic(ctx.videos.filter(window.contains("posted_on"))).filter(
        pl.col("new_followers").is_not_null() & (pl.col("profile_views") > 0)
    )
    pv = float(vids["profile_views"].sum()) if not vids.is_empty() else 0.0
    if vids.height < ctx.config.min_videos or pv <= 0:
        return None
    new = float(vids["new_followers"].sum())
    return Conversion(new / pv, new, pv, vids.height, "videos")


def measure(ctx: Context) -> Finding | None:
    """The best path with enough data in both windows (None when none has)."""
    for columns, path in ((CONVERSION_NEW, "daily_new"), (CONVERSION_NET, "daily_net")):
        found = from_daily(ctx, columns, path)
        if found is not None:
            return found
    now_w, before_w = ctx.windows
    now, before = from_videos(ctx, now_w), from_videos(ctx, before_w)
    if now is None or before is None or before.rate <= 0:
        return None
    return Finding("videos", now, before)


def _basis(c: Conversion, period_days: int | None) -> str:
    """What a rate rests on, without repeating the period: ``daily figures``."""
    if c.unit == "days":
        if period_days is not None and c.n >= period_days:
            return "daily figures"
        return f"daily figures, {c.n} days with both"
    return f"{c.n} organic videos posted in the period"


def evaluate(ctx: Context) -> list[Advice | Unavailable]:
    c = ctx.config
    return judge(ctx, rule_for(c), PATHS, minimum(c), measure(ctx), c.conversion_change, word)


def word(ctx: Context, rule: Rule, f: Finding) -> Advice:
    c = ctx.config
    now, prev, change = f.now, f.before, f.change
    now_w, before_w = ctx.windows
    what = "net followers" if f.path == "daily_net" else "new followers"
    up = change > 0
    evidence = [
        Evidence(
            "Conversion now",
            now.rate,
            "rate",
            f"{pct(now.rate)}: {exact(now.followers)} {what} ÷ "
            f"{exact(now.profile_views)} profile views in {ctx.window_phrase(now_w)}, from "
            f"{_basis(now, now_w.days)}",
        ),
        Evidence(
            "Conversion before",
            prev.rate,
            "rate",
            f"{pct(prev.rate)}: {exact(prev.followers)} ÷ {exact(prev.profile_views)} in "
            f"{ctx.window_phrase(before_w)}, from {_basis(prev, before_w.days)}",
        ),
        Evidence(
            "Change",
            change,
            "ratio",
            f"change: {points(now.rate - prev.rate)} ({pct(prev.rate)} → "
            f"{pct(now.rate)}), {'up' if change > 0 else 'down'} {abs(change) * 100:.0f}% on "
            "the rate before",
        ),
    ]
    best = (
        organic(ctx.videos.filter(now_w.contains("posted_on")))
        .filter(
            pl.col("new_followers").is_not_null() & (pl.col("profile_views") >= MIN_PROFILE_VIEWS)
        )
        .with_columns((pl.col("new_followers") / pl.col("profile_views")).alias("_conv"))
        .sort("_conv", descending=True)
        .head(3)
    )
    shown = best["video_id"].to_list()
    if shown:
        evidence.append(
            Evidence(
                "Best-converting videos",
                float(best["_conv"][0]),
                "rate",
                "best-converting videos (new followers ÷ profile views): "
                + ctx.refs_pct(best, "_conv"),
            )
        )
    # "followers ÷ profile views", not "profile visitors who followed": people also
    # follow from the feed without opening the profile, so the ratio is all we can claim.
    if up:
        headline = (
            f"More profile visitors follow you: {what} ÷ profile views is "
            f"{pct(now.rate)}, up from {pct(prev.rate)} — keep what changed"
        )
        actions = [
            "Note what changed on your profile or in your videos lately, and keep it",
            "Pin the videos that convert best" + (f": {ctx.refs(shown)}" if shown else ""),
            "Send more people to the profile: “part 2 on my profile”",
        ]
    else:
        headline = (
            f"Fewer profile visitors follow you: {what} ÷ profile views is "
            f"{pct(now.rate)}, down from {pct(prev.rate)} — refresh your profile"
        )
        actions = [
            "Rewrite the bio: one line on what people get by following, and a call to action",
            "Pin the 3 videos that best show what you do"
            + (f"; your best converting: {ctx.refs(shown)}" if shown else ""),
            "Say what's coming next in your videos (“follow for part 2”)",
        ]
    return ctx.advice(
        rule,
        "conversion.trend",
        "change" if up else "problem",
        headline,
        evidence,
        actions,
        n=min(now.n, prev.n),
        unit=now.unit,
        effect=abs(change) / c.conversion_change,
        views_at_stake=now.profile_views * min(abs(change), 1.0),
        video_ids=shown,
        data=f.path,
    )
