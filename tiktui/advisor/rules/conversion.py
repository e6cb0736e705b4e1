"""Rule 7 — how many profile visitors become followers, and which way it is moving.

Conversion = new followers ÷ profile views. From the daily series when it has
both (``followers_new`` and ``profile_views`` on the same days — a day with
either missing is skipped, never counted as 0), else from the period's
organic videos (their ``new_followers`` ÷ ``profile_views``). The previous
period is measured the same way, so the two are comparable. Net follower
change is not used: it mixes in unfollows.

Trigger: conversion moved by ≥ ``conversion_change`` (20 %, relative) against
the previous period. There is no published benchmark, so the trend is the
finding. Views at stake: the period's profile views × the relative change
(capped at 1). Effect: |relative change| ÷ 20 %. Sample: days (daily series)
or videos (per-video fallback).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from ...data.queries import Period
from ...formatting import exact, pct, points
from ..config import AdvisorConfig
from ..context import Context, organic
from ..model import Advice, Evidence, Rule, Unavailable

MIN_PROFILE_VIEWS = 20  # a video with fewer profile views says nothing about its conversion


@dataclass(frozen=True)
class Conversion:
    rate: float
    followers: float
    profile_views: float
    n: int
    unit: str  # "days" | "videos"


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


def from_daily(ctx: Context, period: Period) -> Conversion | None:
    days = ctx.daily_all.filter(
        period.contains("date")
        & pl.col("followers_new").is_not_null()
        & pl.col("profile_views").is_not_null()
    )
    need = min(7, period.days or 7)
    pv = float(days["profile_views"].sum()) if not days.is_empty() else 0.0
    if days.height < need or pv <= 0:
        return None
    new = float(days["followers_new"].sum())
    return Conversion(new / pv, new, pv, days.height, "days")


def from_videos(ctx: Context, videos: pl.DataFrame) -> Conversion | None:
    vids = organic(videos).filter(
        pl.col("new_followers").is_not_null() & (pl.col("profile_views") > 0)
    )
    pv = float(vids["profile_views"].sum()) if not vids.is_empty() else 0.0
    if vids.height < ctx.config.min_videos or pv <= 0:
        return None
    new = float(vids["new_followers"].sum())
    return Conversion(new / pv, new, pv, vids.height, "videos")


def _basis(c: Conversion, period_days: int | None) -> str:
    """What a rate rests on, without repeating the period: ``daily figures``."""
    if c.unit == "days":
        if period_days is not None and c.n >= period_days:
            return "daily figures"
        return f"daily figures, {c.n} days with both"
    return f"{c.n} organic videos posted in the period"


def evaluate(ctx: Context) -> list[Advice | Unavailable]:
    rule = rule_for(ctx.config)
    c = ctx.config
    now = from_daily(ctx, ctx.period)
    method = "daily"
    if now is None:
        now = from_videos(ctx, ctx.in_period)
        method = "videos"
    if now is None:
        return [
            ctx.unavailable(
                rule,
                f"no new followers and profile views on the same days (or on at least "
                f"{c.min_videos} videos) in {ctx.period_phrase}",
            )
        ]
    prev: Conversion | None = None
    if ctx.previous is not None:
        if method == "daily":
            prev = from_daily(ctx, ctx.previous)
        else:
            prev = from_videos(ctx, ctx.videos.filter(ctx.previous.contains("posted_on")))
    if prev is None or prev.rate <= 0:
        where = ctx.previous_phrase if ctx.previous else "a previous period (“all time” has none)"
        return [
            ctx.unavailable(
                rule,
                f"conversion is {pct(now.rate)} in {ctx.period_phrase}, but there is no "
                f"comparable data for {where} to show a trend",
            )
        ]
    change = now.rate / prev.rate - 1
    if abs(change) < c.conversion_change:
        return []
    up = change > 0
    evidence = [
        Evidence(
            "Conversion now",
            now.rate,
            "rate",
            f"{pct(now.rate)}: {exact(now.followers)} new followers ÷ "
            f"{exact(now.profile_views)} profile views in {ctx.period_phrase}, from "
            f"{_basis(now, ctx.period.days)}",
        ),
        Evidence(
            "Conversion before",
            prev.rate,
            "rate",
            f"{pct(prev.rate)}: {exact(prev.followers)} ÷ {exact(prev.profile_views)} in "
            f"{ctx.previous_phrase}, from {_basis(prev, ctx.period.days)}",
        ),
        Evidence(
            "Change",
            change,
            "ratio",
            f"change: {points(now.rate - prev.rate)} {ctx.basis} ({pct(prev.rate)} → "
            f"{pct(now.rate)}), {'up' if change > 0 else 'down'} {abs(change) * 100:.0f}% on "
            "the rate before",
        ),
    ]
    best = (
        organic(ctx.in_period)
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
    # "new followers ÷ profile views", not "profile visitors who followed": people also
    # follow from the feed without opening the profile, so the ratio is all we can claim.
    if up:
        headline = (
            f"More profile visitors follow you: new followers ÷ profile views is "
            f"{pct(now.rate)}, up from {pct(prev.rate)} — keep what changed"
        )
        actions = [
            "Note what changed on your profile or in your videos lately, and keep it",
            "Pin the videos that convert best" + (f": {ctx.refs(shown)}" if shown else ""),
            "Send more people to the profile: “part 2 on my profile”",
        ]
    else:
        headline = (
            f"Fewer profile visitors follow you: new followers ÷ profile views is "
            f"{pct(now.rate)}, down from {pct(prev.rate)} — refresh your profile"
        )
        actions = [
            "Rewrite the bio: one line on what people get by following, and a call to action",
            "Pin the 3 videos that best show what you do"
            + (f"; your best converting: {ctx.refs(shown)}" if shown else ""),
            "Say what's coming next in your videos (“follow for part 2”)",
        ]
    return [
        ctx.advice(
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
        )
    ]
