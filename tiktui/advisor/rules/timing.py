"""Rule 8 — when to post: the followers' busiest hours against when the best videos went out.

Peak hours and when to post: ``Context.best_hours`` (tiktui.advisor.hours),
the one answer every rule that names hours uses, on the account's clock.

A video is "at peak" when posted within ``post_hour_tolerance`` (2) hours of a
peak hour. Trigger: the median views of at-peak and off-peak videos differ by
≥ ``timing_ratio`` (×1.5), each group having at least two videos; or no
video at all was posted near the peak (then a low-confidence suggestion to
test it). Posting times and follower activity are both stored in UTC and
compared on the account's clock (``[display] timezone``).

Views at stake: half of (the weaker group's video count × the gap in median
views) — what they would have had at the stronger group's median, halved
because posting time is only one of the ways the two groups differ; when
nobody posted at peak, 10 % of the period's video views — a guess, hence low
confidence.
Effect: the ratio ÷ 1.5 (1.0 for the untested case).
"""

from __future__ import annotations

import math

import polars as pl

from ...formatting import exact, hour_range, hours_counted, times
from ..config import AdvisorConfig
from ..context import Context, median
from ..model import Advice, Evidence, Rule, Unavailable

UNTESTED_STAKE = 0.10
TIMING_SHARE = 0.5  # posting time is one of many differences between the two groups


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


def evaluate(ctx: Context) -> list[Advice | Unavailable]:
    rule = rule_for(ctx.config)
    c = ctx.config
    best_hours = ctx.best_hours
    if best_hours is None:
        return [
            ctx.unavailable(
                rule,
                "no follower activity by hour (FollowerActivity.csv in the Followers ZIP, or "
                "the Business API's audience_activity)",
            )
        ]
    vids = ctx.organic.filter(pl.col("posted_at").is_not_null() & pl.col("views").is_not_null())
    if vids.height < c.min_videos:
        return [ctx.too_few(rule, vids.height, "have a posting time and views")]
    by_hour, days, peaks = best_hours.by_hour, best_hours.days, best_hours.peaks
    zone = best_hours.zone
    vids = vids.with_columns(pl.Series("_h", ctx.hours_of(vids)))
    near_mask = [
        min(_distance(int(h), p) for p in peaks) <= c.post_hour_tolerance
        for h in vids["_h"].to_list()
    ]
    vids = vids.with_columns(pl.Series("_near", near_mask))
    near, off = vids.filter(pl.col("_near")), vids.filter(~pl.col("_near"))
    best = vids.sort("views", descending=True).head(max(3, math.ceil(vids.height / 3)))
    best_hours_posted = best["_h"].to_list()
    window = best_hours.window
    peak = best_hours.peak_text

    evidence = [
        Evidence(
            "Follower peak",
            peaks[0] if len(peaks) == 1 else best_hours.busiest,
            "hour",
            f"followers most active at {peak} (busiest {best_hours.busiest_text}: "
            f"{exact(round(by_hour[best_hours.busiest]))} active on average over {len(days)} days, "
            f"{ctx.span(days[0], days[-1])})",
        ),
        Evidence(
            "Best videos posted",
            int(sorted(best_hours_posted)[len(best_hours_posted) // 2]),
            "hour",
            f"your {best.height} most-viewed videos in {ctx.period_phrase} went out at "
            f"{hours_counted(best_hours_posted)} {zone}",
        ),
    ]
    m_near, m_off = median(near["views"]), median(off["views"])
    if near.height >= 2 and off.height >= 2 and m_near and m_off:
        evidence.append(
            Evidence(
                "Views at vs off peak",
                round(m_near / m_off, 3),
                "ratio",
                f"median views: {exact(round(m_near))} for {near.height} videos posted near the "
                "peak "
                f"vs {exact(round(m_off))} for {off.height} posted at other hours",
            )
        )
        ratio = m_near / m_off
        if ratio >= c.timing_ratio:
            share_near = near.height / vids.height
            headline = (
                f"Videos posted near your followers' peak ({peak}) typically get "
                f"{times(ratio)} the views of the others — "
                + ("keep posting then" if share_near >= 0.7 else f"post around {window}")
            )
            actions = [
                f"Schedule your next videos around {window}",
                "Post 1–2 hours before the peak so the first viewers are there when it starts",
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
                    n=vids.height,
                    effect=ratio / c.timing_ratio,
                    views_at_stake=TIMING_SHARE * off.height * (m_near - m_off),
                    video_ids=near.sort("views", descending=True)["video_id"].head(3).to_list(),
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
                    n=vids.height,
                    effect=(1 / ratio) / c.timing_ratio,
                    views_at_stake=TIMING_SHARE * near.height * (m_off - m_near),
                    video_ids=off.sort("views", descending=True)["video_id"].head(3).to_list(),
                )
            ]
        return []
    if near.is_empty():
        headline = (
            f"You did not post near your followers' peak ({peak}) in this "
            f"period; your {vids.height} videos went out at "
            f"{hour_range(vids['_h'].to_list())} {zone} — test a few around {window}"
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
                n=vids.height,
                effect=1.0,
                views_at_stake=UNTESTED_STAKE * float(vids["views"].sum()),
                video_ids=best["video_id"].head(3).to_list(),
                cap="low",
            )
        ]
    return []
