"""Periods and key figures as plain values: what the first screen needs, without Polars.

The Overview is drawn from the summary kept beside the store before Polars is
loaded (see :mod:`tiktui.summary`), so the types it shows live here rather
than in :mod:`.queries`, which re-exports them for everything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

# The periods the UI cycles through (and the palette offers), shortest first; None is "all".
PERIOD_CHOICES: tuple[int | None, ...] = (7, 28, 60, 90, 365, None)

ENGAGEMENT_FORMULA = "(likes + comments + shares) ÷ views"

KPI_LABELS: dict[str, str] = {
    "video_views": "Video views",
    "profile_views": "Profile views",
    "likes": "Likes",
    "comments": "Comments",
    "shares": "Shares",
    "engagement_rate": "Engagement rate",
    "followers_net": "Net followers",
}


@dataclass(frozen=True)
class Period:
    """An inclusive range of days; ``days`` is None for "all"."""

    start: date
    end: date
    days: int | None

    @property
    def label(self) -> str:
        return period_label(self.days)

    def previous(self) -> Period | None:
        """The period of equal length just before this one (none for "all")."""
        if self.days is None:
            return None
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end, self.days)

    def contains(self, col: str) -> pl.Expr:
        import polars as pl  # only queries filter by a period; showing one needs no Polars

        return pl.col(col).is_between(self.start, self.end, closed="both")


def period_label(days: int | None) -> str:
    """``"28 days"``, ``"all time"``: how a period length reads in text."""
    return "all time" if days is None else f"{days} days"


def parse_period(text: str) -> int | None:
    """``"28d"`` → 28, ``"all"`` → None."""
    text = text.strip().lower()
    if text == "all":
        return None
    return int(text.removesuffix("d"))


@dataclass(frozen=True)
class Kpi:
    name: str
    label: str
    value: float | None
    previous: float | None
    series: list[float | None]
    is_rate: bool = False

    @property
    def change_pct(self) -> float | None:
        if self.value is None or self.previous in (None, 0):
            return None
        return (self.value - self.previous) / abs(self.previous)  # type: ignore[operator]
