"""Posting cadence — how often the account posts now against before, and what views did.

Data (best first): the posting dates of the account's videos, from every
list the store has (Studio's Content downloads, the Business API's video
list, captures) — with the daily views (Overview) to say what followed.

Measure: videos posted per week in the two windows of ``Context.windows``
(the period and the one before; for "all time" the latest 90 days and the 90
before), and the mean daily views in each. A window counts only when the
video lists reach back to it: some video must be known from no later than
two weeks into the earlier window, else a short Content list (15 videos)
would look like a cadence that dropped. Minimum sample: ``min_videos`` (3)
videos in the busier window.

Trigger: videos a week changed ×``cadence_ratio`` (1.5) or more either way.
Views at stake: when views moved with the cadence, the change in daily views
× the window's days; else 10 % of the window's views (a guess: low weight).
Effect: the cadence ratio ÷ 1.5. Sample: videos in both windows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

import polars as pl

from ...data.queries import Period
from ...data.studio_signals import day_sums, posting_dates
from ...formatting import exact, times
from ..config import AdvisorConfig
from ..context import Context
from ..model import Advice, DataPath, Evidence, Rule, Unavailable
from ..text import plural

REACH_BACK_DAYS = 14
PATHS = (
    DataPath(
        "video_lists",
        "the posting dates of your videos, reaching back to the window before",
        "Content.csv in Studio's Content downloads (one a month keeps the list whole), "
        "or the Business API's video list",
    ),
)


@dataclass(frozen=True)
class Cadence:
    posts_now: int
    posts_before: int
    weeks_now: float
    weeks_before: float
    views_now: float | None  # mean daily views in the window (None without the Overview)
    views_before: float | None

    @property
    def rate_now(self) -> float:
        return self.posts_now / self.weeks_now

    @property
    def rate_before(self) -> float:
        return self.posts_before / self.weeks_before

    @property
    def ratio(self) -> float:
        """Videos a week now ÷ before (∞ when nothing was posted before)."""
        return self.rate_now / self.rate_before if self.posts_before else float("inf")

    @property
    def views_change(self) -> float | None:
        if not self.views_now or not self.views_before:
            return None
        return self.views_now / self.views_before - 1


def rule_for(c: AdvisorConfig) -> Rule:
    return Rule(
        "cadence",
        "Posting cadence",
        f"videos a week changed ×{c.cadence_ratio:g} between two windows "
        f"(at least {c.min_videos} videos in the busier one)",
        c.threshold_source("cadence_ratio"),
    )


RULE = rule_for(AdvisorConfig())


def minimum(c: AdvisorConfig) -> str:
    return f"{c.min_videos} videos in this window or the one before (min_videos)"


def measure(ctx: Context) -> Cadence | None:
    now_w, before_w = ctx.windows
    known = ctx.videos["posted_on"].drop_nulls()
    if known.is_empty() or known.min() > before_w.start + timedelta(days=REACH_BACK_DAYS):  # type: ignore[operator]
        return None
    now, before = posting_dates(ctx.videos, now_w), posting_dates(ctx.videos, before_w)
    if max(len(now), len(before)) < ctx.config.min_videos:
        return None

    def mean_views(window: Period) -> float | None:
        sums = day_sums(ctx.daily_all, window, ("video_views",))
        if sums is None or sums.days < min(ctx.config.min_days, window.days):
            return None
        return sums["video_views"] / sums.days

    return Cadence(
        len(now),
        len(before),
        (now_w.days or 7) / 7,
        (before_w.days or 7) / 7,
        mean_views(now_w),
        mean_views(before_w),
    )


def evaluate(ctx: Context) -> list[Advice | Unavailable]:
    rule = rule_for(ctx.config)
    found = measure(ctx)
    if found is None:
        return [ctx.no_data(rule, PATHS, minimum(ctx.config))]
    r = ctx.config.cadence_ratio
    if 1 / r < found.ratio < r:
        return []
    return [word(ctx, rule, found)]


def _per_week(rate: float) -> str:
    return f"{rate:.1f}".removesuffix(".0")


def _videos_a_week(rate: float) -> str:
    """``1 video a week``, ``2.5 videos a week``."""
    text = _per_week(rate)
    return f"{text} video{'' if text == '1' else 's'} a week"


def word(ctx: Context, rule: Rule, f: Cadence) -> Advice:
    now_w, before_w = ctx.windows
    less = f.ratio < 1
    moved = f.views_change
    evidence = [
        Evidence(
            "Videos a week now",
            round(f.rate_now, 2),
            "rate",
            f"{plural(f.posts_now, 'video')} posted in {ctx.window_phrase(now_w)}: "
            f"{_per_week(f.rate_now)} a week",
        ),
        Evidence(
            "Videos a week before",
            round(f.rate_before, 2),
            "rate",
            f"{plural(f.posts_before, 'video')} in {ctx.window_phrase(before_w)}: "
            f"{_per_week(f.rate_before)} a week",
        ),
    ]
    if moved is not None and f.views_now is not None and f.views_before is not None:
        evidence.append(
            Evidence(
                "Daily views",
                round(moved, 4),
                "ratio",
                f"views a day: {exact(round(f.views_now))} now against "
                f"{exact(round(f.views_before))} before "
                f"({'up' if moved > 0 else 'down'} {abs(moved) * 100:.0f}%)",
            )
        )
    followed = moved is not None and (moved < -0.1 if less else moved > 0.1)
    window_days = now_w.days or 1
    if less:
        tail = (
            f" — and your views a day fell {abs(moved or 0) * 100:.0f}%: post more often again"
            if followed
            else " — your views held: keep the rhythm you can sustain"
        )
        headline = (
            f"You post {_videos_a_week(f.rate_now)}, down from {_per_week(f.rate_before)}{tail}"
        )
        actions = [
            f"Plan {_per_week(f.rate_before)} videos a week again: batch-film on one day",
            "Repost or remix your best older videos on the weeks you cannot film",
            "Keep the days fixed, so followers know when to look",
        ]
    else:
        than = (
            "where the window before had no video"
            if f.posts_before == 0
            else f"{times(f.ratio)} as often as before ({_per_week(f.rate_before)})"
        )
        tail = " — and your views a day rose with it: keep it up" if followed else ""
        headline = f"You post {_videos_a_week(f.rate_now)}, {than}{tail}"
        actions = [
            "Keep the new rhythm only while quality holds: compare views per video",
            "Fix posting days, so followers know when to look",
        ]
    if followed and f.views_now is not None and f.views_before is not None:
        stake = abs(f.views_now - f.views_before) * window_days
    else:
        stake = 0.1 * (f.views_now or 0) * window_days
    ratio = f.ratio if f.ratio >= 1 else (1 / f.ratio if f.ratio > 0 else math.inf)
    return ctx.advice(
        rule,
        f"cadence.{'down' if less else 'up'}",
        "problem" if less and followed else ("strength" if followed else "change"),
        headline,
        evidence,
        actions,
        n=f.posts_now + f.posts_before,
        effect=min(ratio, 10.0) / ctx.config.cadence_ratio,
        views_at_stake=stake,
        video_ids=ctx.videos.filter(pl.col("posted_on").is_between(now_w.start, now_w.end))[
            "video_id"
        ]
        .head(3)
        .to_list(),
        data="video_lists",
    )
