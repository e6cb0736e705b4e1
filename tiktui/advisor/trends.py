"""A ratio of two daily sums, now against before: the measurement three rules share.

Returning viewers ÷ viewers (loyalty), net followers per 1,000 views
(growth) and followers ÷ profile views (conversion) are all the same
finding: Σ top ÷ Σ bottom over the days of each window that have both, in
the two windows of ``Context.windows`` (the period and the one before it;
for "all time" the latest 90 days and the 90 before). Pure Polars, no
wording: the rules word it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import polars as pl

from ..data.queries import Period
from ..data.studio_signals import DaySums, day_sums
from .model import Advice, DataPath, Rule, Unavailable

if TYPE_CHECKING:
    from .config import AdvisorConfig
    from .context import Context


@dataclass(frozen=True)
class Trend:
    """The measured ratio in both windows, and the data path it came from."""

    path: str
    now: DaySums
    before: DaySums
    rate_now: float
    rate_before: float

    @property
    def change(self) -> float:
        """Relative change of the rate (0.5 = up half)."""
        return self.rate_now / self.rate_before - 1

    @property
    def points(self) -> float:
        return self.rate_now - self.rate_before

    @property
    def days(self) -> int:
        """The sample: days with data in the thinner window."""
        return min(self.now.days, self.before.days)


def measure_trend(
    daily: pl.DataFrame,
    windows: tuple[Period, Period],
    columns: tuple[str, str],
    min_days: int,
    path: str,
    per: float = 1.0,
) -> Trend | None:
    """``columns[0] ÷ columns[1] × per`` in both windows, or None when either window has
    fewer than ``min_days`` days with both (all its days, when the window is shorter),
    or the rate before is not above 0 (nothing to compare with)."""
    now_window, before_window = windows
    need = min(min_days, now_window.days or min_days)  # a 7-day period needs its 7 days
    now = day_sums(daily, now_window, columns)
    before = day_sums(daily, before_window, columns)
    if now is None or before is None or min(now.days, before.days) < need:
        return None
    rate_now, rate_before = now.ratio(*columns, per=per), before.ratio(*columns, per=per)
    if rate_now is None or rate_before is None or rate_before <= 0:
        return None
    return Trend(path, now, before, rate_now, rate_before)


def judge(
    ctx: Context,
    rule: Rule,
    paths: tuple[DataPath, ...],
    minimum: str,
    found: Any,
    threshold: float,
    word: Callable[[Context, Rule, Any], Advice],
) -> list[Advice | Unavailable]:
    """The verdict every trend rule gives: no data (naming the files that would feed it),
    silence under the threshold, or the finding worded."""
    if found is None:
        return [ctx.no_data(rule, paths, minimum)]
    if abs(found.change) < threshold:
        return []
    return [word(ctx, rule, found)]


@dataclass(frozen=True)
class TrendRule:
    """The skeleton of a rule whose finding is a :class:`Trend` (loyalty, growth): its
    setting, the columns it divides, the data path, and how its trigger reads."""

    key: str
    title: str
    ratio: str  # "returning ÷ all viewers": what the trigger says moved
    days_with: str  # "viewers": what a day must have to count
    setting: str  # the config key of the relative change that fires it
    columns: tuple[str, str]
    path: str
    per: float = 1.0

    def rule_for(self, c: AdvisorConfig) -> Rule:
        """The rule as configured: its thresholds are the user's, or the defaults."""
        return Rule(
            self.key,
            self.title,
            f"{self.ratio} moved ≥ {self.change(c) * 100:g}% between two windows "
            f"(at least {c.min_days} days with {self.days_with} in each)",
            c.threshold_source(self.setting, default="tiktui default (no published benchmark)"),
        )

    def change(self, c: AdvisorConfig) -> float:
        return float(getattr(c, self.setting))

    def minimum(self, c: AdvisorConfig) -> str:
        return (
            f"{c.min_days} days with {self.days_with} in this window and the one before (min_days)"
        )

    def measure(self, ctx: Context) -> Trend | None:
        return measure_trend(
            ctx.daily_all, ctx.windows, self.columns, ctx.config.min_days, self.path, self.per
        )

    def evaluate(
        self,
        ctx: Context,
        paths: tuple[DataPath, ...],
        word: Callable[[Context, Rule, Any], Advice],
    ) -> list[Advice | Unavailable]:
        c = ctx.config
        found = self.measure(ctx)
        return judge(ctx, self.rule_for(c), paths, self.minimum(c), found, self.change(c), word)
