"""Returning viewers — how many of the account's viewers come back, and which way it moves.

Data (best first): Studio's Viewers export (total, new and returning viewers
per day). Nothing else says who came back.

Measure: returning ÷ total viewers, summed over the days that have both, in
the two windows of ``Context.windows`` (the period and the one before; for
"all time" the latest 90 days and the 90 before). Minimum sample:
``min_days`` (14) days with viewers in each window.

Trigger: the share moved by ≥ ``loyalty_change`` (20 %, relative). There is no
published benchmark for it, so the trend is the finding.
Views at stake: the window's viewers × the change in share (the viewers
who came back, or no longer do). Effect: |relative change| ÷ 20 %.
Sample: days (the thinner window).
"""

from __future__ import annotations

from ...data.studio_signals import LOYALTY
from ...formatting import exact, pct, points
from ..config import AdvisorConfig
from ..context import Context
from ..model import Advice, DataPath, Evidence, Rule, Unavailable
from ..trends import Trend, TrendRule

PATHS = (
    DataPath(
        "viewers",
        "daily total and returning viewers",
        "Viewers.csv in Studio's Viewers download",
    ),
)


SPEC = TrendRule(
    "loyalty",
    "Returning viewers",
    "returning ÷ all viewers",
    "viewers",
    "loyalty_change",
    LOYALTY,
    "viewers",
)
rule_for = SPEC.rule_for
minimum = SPEC.minimum
measure = SPEC.measure
RULE = rule_for(AdvisorConfig())


def evaluate(ctx: Context) -> list[Advice | Unavailable]:
    return SPEC.evaluate(ctx, PATHS, word)


def word(ctx: Context, rule: Rule, t: Trend) -> Advice:
    now_w, before_w = ctx.windows
    up = t.change > 0
    evidence = [
        Evidence(
            "Returning viewers now",
            t.rate_now,
            "share",
            f"{pct(t.rate_now)} of viewers were returning: {exact(t.now['viewers_returning'])} of "
            f"{exact(t.now['viewers_total'])} in {ctx.window_phrase(now_w)} "
            f"({t.now.days} days with viewers)",
        ),
        Evidence(
            "Returning viewers before",
            t.rate_before,
            "share",
            f"{pct(t.rate_before)}: {exact(t.before['viewers_returning'])} of "
            f"{exact(t.before['viewers_total'])} in {ctx.window_phrase(before_w)} "
            f"({t.before.days} days)",
        ),
        Evidence(
            "Change",
            t.change,
            "ratio",
            f"change: {points(t.points)} ({'up' if up else 'down'} "
            f"{abs(t.change) * 100:.0f}% on the share before)",
        ),
    ]
    if up:
        headline = (
            f"More of your viewers come back: {pct(t.rate_now)} are returning viewers, up "
            f"from {pct(t.rate_before)} — give them a series to follow"
        )
        actions = [
            "Turn what they come back for into a numbered series",
            "End videos with what comes next, so returning viewers know to look for it",
            "Reply to comments with videos: regulars notice",
        ]
    else:
        headline = (
            f"Fewer of your viewers come back: {pct(t.rate_now)} are returning viewers, down "
            f"from {pct(t.rate_before)} — give them a reason to return"
        )
        actions = [
            "Bring back the formats your regulars liked, as a series",
            "Post at a steady rhythm so returning viewers find something new",
            "Ask for a follow at the end of your best videos",
        ]
    return ctx.advice(
        rule,
        f"loyalty.{'up' if up else 'down'}",
        "strength" if up else "problem",
        headline,
        evidence,
        actions,
        n=t.days,
        unit="days",
        effect=abs(t.change) / ctx.config.loyalty_change,
        views_at_stake=t.now["viewers_total"] * abs(t.points),
        data=t.path,
    )
