"""Follower growth per 1,000 views — how well views turn into followers, now against before.

Data (best first): the daily net follower change with the day's video views
(Studio's Overview — "Net growth", or "New followers" in the short export —
or FollowerHistory.csv, with the Overview's views).

Measure: Σ net followers ÷ Σ video views × 1,000 over the days that have both,
in the two windows of ``Context.windows``. Minimum sample: ``min_days`` (14)
days with both in each window.

Trigger: the rate moved by ≥ ``growth_change`` (25 %, relative), and the
window before gained followers (a rate that was ≤ 0 has no "per cent" change).
Views at stake: the window's views × the relative change (capped at 1) × 5 %:
views are what follows from followers, and only ranking uses it.
Effect: |relative change| ÷ 25 %. Sample: days.
"""

from __future__ import annotations

from ...data.studio_signals import GROWTH
from ...formatting import compact, exact
from ..config import AdvisorConfig
from ..context import Context
from ..model import Advice, DataPath, Evidence, Rule, Unavailable
from ..trends import Trend, TrendRule

STAKE_SHARE = 0.05
PATHS = (
    DataPath(
        "daily_net",
        "daily net follower change and video views",
        "Overview.csv in Studio's Overview download, or FollowerHistory.csv in the Followers one",
    ),
)


SPEC = TrendRule(
    "growth",
    "Followers per 1,000 views",
    "net followers per 1,000 views",
    "both",
    "growth_change",
    GROWTH,
    "daily_net",
    per=1000,
)
rule_for = SPEC.rule_for
minimum = SPEC.minimum
measure = SPEC.measure
RULE = rule_for(AdvisorConfig())


def evaluate(ctx: Context) -> list[Advice | Unavailable]:
    return SPEC.evaluate(ctx, PATHS, word)


def _rate(r: float) -> str:
    return f"{r:.2f}".rstrip("0").rstrip(".") if abs(r) < 10 else f"{r:.0f}"


def word(ctx: Context, rule: Rule, t: Trend) -> Advice:
    now_w, before_w = ctx.windows
    up = t.change > 0
    evidence = [
        Evidence(
            "Followers per 1,000 views now",
            round(t.rate_now, 3),
            "rate",
            f"{_rate(t.rate_now)} net followers per 1,000 views: {exact(t.now['followers_net'])} "
            f"÷ {exact(t.now['video_views'])} views in {ctx.window_phrase(now_w)} "
            f"({t.now.days} days)",
        ),
        Evidence(
            "Followers per 1,000 views before",
            round(t.rate_before, 3),
            "rate",
            f"{_rate(t.rate_before)}: {exact(t.before['followers_net'])} ÷ "
            f"{exact(t.before['video_views'])} views in {ctx.window_phrase(before_w)} "
            f"({t.before.days} days)",
        ),
        Evidence(
            "Change",
            t.change,
            "ratio",
            f"{'up' if up else 'down'} {abs(t.change) * 100:.0f}% (net: follows minus unfollows)",
        ),
    ]
    if up:
        headline = (
            f"Your views turn into followers better: {_rate(t.rate_now)} per 1,000 views, up "
            f"from {_rate(t.rate_before)} — keep what changed"
        )
        actions = [
            "Note what you changed lately (topics, calls to follow, profile) and keep it",
            f"Your {compact(t.now['video_views'])} views brought {exact(t.now['followers_net'])} "
            "followers: make more of the videos that did it",
            "Ask for the follow where the video delivers, not at the start",
        ]
    else:
        headline = (
            f"Fewer of your viewers follow you: {_rate(t.rate_now)} net followers per 1,000 "
            f"views, down from {_rate(t.rate_before)} — tell viewers why to follow"
        )
        actions = [
            "Say in the video what people get by following (a series, a weekly tip)",
            "Check unfollows: a change of topic loses followers who came for the old one",
            "Pin the videos that show what your account is about",
        ]
    return ctx.advice(
        rule,
        f"growth.{'up' if up else 'down'}",
        "strength" if up else "problem",
        headline,
        evidence,
        actions,
        n=t.days,
        unit="days",
        effect=abs(t.change) / ctx.config.growth_change,
        views_at_stake=t.now["video_views"] * min(abs(t.change), 1.0) * STAKE_SHARE,
        data=t.path,
    )
