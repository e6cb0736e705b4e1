"""Everything the rules read, computed once per ``advise`` call.

Why a context: ten rules want the same frames (the period's videos, the
organic ones, the daily series), and computing them once keeps the rules
short, consistent (every rule sees the same video set) and fast enough for
the UI to re-run on every period change.

**Organic baselines.** A promoted video (``is_ad`` true) has bought reach:
counting it would make a paid boost look like a content lesson. So every
rule except "organic vs paid" reads ``organic`` — the period's videos not
known to be paid. A video whose ``is_ad`` is unknown (Studio files do not
say) counts as organic: most creators never promote, and the paid rule says
when the flag is missing altogether.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo
from functools import cached_property

import polars as pl

from ..data import queries as q
from ..data.account_mix import Figure, account_mix
from ..data.schema import Tables
from ..formatting import basis, day, day_span, pct, zone_label
from .confidence import confidence
from .config import AdvisorConfig
from .hours import BestHours, best_hours, posting_hours
from .model import Advice, Confidence, DataPath, Evidence, Kind, Rule, Unavailable
from .text import listing, plural, video_ref


@dataclass
class Context:
    tables: Tables
    account: str
    period: q.Period
    today: date
    config: AdvisorConfig
    videos: pl.DataFrame = field(init=False)
    in_period: pl.DataFrame = field(init=False)
    organic: pl.DataFrame = field(init=False)
    previous: q.Period | None = field(init=False)
    organic_previous: pl.DataFrame | None = field(init=False)
    daily_all: pl.DataFrame = field(init=False)
    followers: int | None = field(init=False)
    account_mix: Figure = field(init=False)  # the period's mix as the report and Overview show it
    _named: dict[str, tuple[str | None, date | None]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.videos = q.video_table(self.tables, self.account)
        self._named = {
            v: (c, d)
            for v, c, d in zip(
                self.videos["video_id"].to_list(),
                self.videos["caption"].to_list(),
                self.videos["posted_on"].to_list(),
                strict=True,
            )
        }
        self.in_period = q.videos_in(self.videos, self.period)
        self.organic = organic(self.in_period)
        self.previous = self.period.previous()
        self.organic_previous = (
            organic(q.videos_in(self.videos, self.previous)) if self.previous else None
        )
        self.daily_all = q.account_daily(self.tables, self.account).filter(
            pl.col("date") <= self.today
        )
        fol = self.daily_all.filter(pl.col("date") <= self.period.end)["followers"].drop_nulls()
        self.followers = int(fol[-1]) if not fol.is_empty() else None
        self.account_mix = account_mix(self.tables, self.account, self.period, videos=self.videos)

    # -- computed once, shared by every rule -----------------------------------

    @cached_property
    def zone(self) -> tzinfo:
        """The account's time zone (``[display] timezone``): every hour is named on it."""
        return self.config.zone

    @cached_property
    def zone_name(self) -> str:
        """``CET``: the zone's short name in the period (said after every hour)."""
        return zone_label(self.zone, self.period.end)

    @cached_property
    def previous_mix(self) -> Figure | None:
        """The previous period's mix, chosen like ``account_mix`` (None for all time)."""
        if self.previous is None:
            return None
        return account_mix(self.tables, self.account, self.previous, videos=self.videos)

    @cached_property
    def best_hours(self) -> BestHours | None:
        """The followers' busiest hours and when to post: the one answer every rule that
        names hours uses (None without follower activity by hour)."""
        c = self.config
        return best_hours(
            self.tables,
            self.account,
            self.period,
            self.today,
            self.zone,
            c.peak_hours,
            c.post_hour_tolerance,
        )

    def hours_of(self, frame: pl.DataFrame) -> list[int]:
        """The posting hours of ``frame``'s videos on the account's clock (unknown left out)."""
        hours = posting_hours(frame["posted_at"].to_list(), self.zone)
        return [h for h in hours if h is not None]

    @cached_property
    def kpis(self) -> dict[str, q.Kpi]:
        """The account-wide KPIs of the Overview and the report (same basis, same numbers)."""
        return {k.name: k for k in q.kpis(self.tables, self.account, self.period)}

    @property
    def basis(self) -> str:
        """``vs the previous 28 days``: what every change is compared with ("" for all time)."""
        return basis(self.period.days)

    # -- phrasing ----------------------------------------------------------

    @property
    def year(self) -> int:
        """The year dates are read in: the period's end. Other years are written out."""
        return self.period.end.year

    def day(self, d: date) -> str:
        """``9 Oct`` (``9 Oct 2025`` outside the period's year): dates in human text."""
        return day(d, self.year)

    def span(self, start: date, end: date) -> str:
        return day_span(start, end, self.year)

    def ref(self, video_id: str) -> str:
        """How a video is named in human text: ``“Send this to the friend who…” (9 Oct)``.

        Never the bare id (creators do not know their ids); ``video_ids`` on the
        advice keep the ids for the UI's jump-to-videos.
        """
        caption, posted_on = self._named.get(video_id, (None, None))
        return video_ref(caption, posted_on, video_id, self.year)

    def refs(self, video_ids: Iterable[str], limit: int = 5) -> str:
        """``“a” (9 Oct), “b” (12 Oct) and “c” (1 Nov)``; past ``limit``, ``… and 6 more``."""
        return listing([self.ref(v) for v in video_ids], limit)

    def refs_with(self, pairs: Iterable[tuple[str, str]], limit: int = 5) -> str:
        """Videos each with a number: ``“a” (9 Oct): 15.2%; “b” (12 Oct): 14.8%``."""
        return listing([f"{self.ref(v)}: {value}" for v, value in pairs], limit, sep="; ")

    def refs_pct(self, frame: pl.DataFrame, column: str, limit: int = 5) -> str:
        """``refs_with`` for a frame's videos and one of its share/rate columns, as ``pct``."""
        pairs = zip(frame["video_id"], frame[column], strict=True)
        return self.refs_with(((v, pct(r)) for v, r in pairs), limit)

    @property
    def period_phrase(self) -> str:
        """``the 28 days to 1 Mar`` — every piece of evidence names its period; all time is
        ``your whole history since 6 Nov 2025`` (it sits inside brackets in evidence)."""
        p = self.period
        if p.days is None:
            return f"your whole history since {day(p.start)} {p.start.year}"
        return f"the {p.days} days to {self.day(p.end)}"

    @cached_property
    def windows(self) -> tuple[q.Period, q.Period]:
        """(now, before): what a trend compares. The period and the one before it; for
        "all time", the latest ``trend_days`` (90) against the ``trend_days`` before."""
        if self.previous is not None:
            return self.period, self.previous
        n = self.config.trend_days
        now = q.Period(self.period.end - timedelta(days=n - 1), self.period.end, n)
        before = now.previous()
        assert before is not None
        return now, before

    def window_phrase(self, window: q.Period) -> str:
        """``the 90 days to 28 Feb``: a window of a trend, named by its length and end."""
        return f"the {window.days} days to {self.day(window.end)}"

    @property
    def previous_phrase(self) -> str:
        p = self.previous
        if p is None:
            return "no previous period"
        return f"the {p.days} days before ({self.span(p.start, p.end)})"

    def sample(self, n: int, what: str = "video") -> str:
        return f"{plural(n, what)} posted in {self.period_phrase}"

    # -- building results ----------------------------------------------------

    def advice(
        self,
        rule: Rule,
        id: str,
        kind: Kind,
        headline: str,
        evidence: list[Evidence],
        actions: list[str],
        *,
        n: int,
        effect: float,
        views_at_stake: float,
        video_ids: list[str] | tuple[str, ...] = (),
        unit: str = "videos",
        cap: Confidence = "high",
        source: str | None = None,
        notes: list[str] | tuple[str, ...] = (),
        sample_videos: int | None = None,
        data: str | None = None,
    ) -> Advice:
        level, reason = confidence(n, effect, self.config, unit=unit, cap=cap)
        return Advice(
            id=id,
            rule=rule,
            kind=kind,
            headline=headline,
            evidence=tuple(evidence),
            actions=tuple(actions[:4]),
            confidence=level,
            confidence_reason=reason,
            video_ids=tuple(dict.fromkeys(video_ids))[:5],
            views_at_stake=max(0, round(views_at_stake)),
            sample_videos=n if sample_videos is None and unit == "videos" else (sample_videos or 0),
            period_start=self.period.start,
            period_end=self.period.end,
            source=source,
            notes=tuple(notes),
            data=data,
        )

    def unavailable(self, rule: Rule, reason: str) -> Unavailable:
        return Unavailable(rule.key, rule.title, reason)

    def no_data(self, rule: Rule, paths: tuple[DataPath, ...], minimum: str) -> Unavailable:
        """Silent for want of data: what the rule can work from, best first, and the file
        that would feed it, with the rule's minimum sample."""
        said = "; or ".join(f"{p.what} ({p.files})" for p in paths)
        return self.unavailable(
            rule, f"not enough data in {self.period_phrase}: needs {said} — at least {minimum}"
        )

    def too_few(self, rule: Rule, n: int, what: str) -> Unavailable:
        need = self.config.min_videos
        return self.unavailable(
            rule,
            f"{plural(n, 'video')} posted in {self.period_phrase} {what}; "
            f"this rule needs at least {need} (min_videos)",
        )


def organic(videos: pl.DataFrame) -> pl.DataFrame:
    """Videos not known to be paid (``is_ad`` false or unknown)."""
    return videos.filter(~pl.col("is_ad").fill_null(False))


def with_sources(videos: pl.DataFrame) -> pl.DataFrame:
    """Videos that have a source mix and a view count: the ones a mix can rest on."""
    return videos.filter(pl.col("has_sources") & (pl.col("views") > 0))


def mix(videos: pl.DataFrame) -> dict[str, float]:
    """View-weighted share of each source over videos with sources (empty when none).

    The formula of ``queries.source_mix`` (``queries.estimated_views``), on any
    subset of videos (organic only, one period, the videos behind a spike).
    """
    vids = with_sources(videos)
    total = float(vids["views"].sum()) if not vids.is_empty() else 0.0
    if not total:
        return {}
    return {k: est / total for k, est in q.estimated_views(vids).items()}


def median(series: pl.Series) -> float | None:
    s = series.drop_nulls()
    if s.is_empty():
        return None
    return float(s.median())  # type: ignore[arg-type]


def ids(frame: pl.DataFrame, n: int = 3) -> list[str]:
    return frame["video_id"].head(n).to_list()
