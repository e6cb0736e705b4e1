"""Rule 2 — a source whose share moved between this period and the previous one.

Data (best first), each with its minimum sample:

1. ``account_sources`` — TikTok's own mix for the account (``account_mix``,
   the figure the Overview and the report show) in **both** periods: the
   shares are TikTok's, weighted by the account's views over the days they
   cover. Minimum: a figure covering each period (``account_mix`` takes
   captured windows over ≥ 90 % of its days).
2. ``video_sources`` — the view-weighted estimate over the organic videos with
   sources posted in each period. The finding says it is estimated (and,
   where TikTok's figure covers this period but not the one before, gives
   that figure beside it: the two periods are compared on the same basis).
   Minimum: ``min_videos`` (3) such videos in each period.

"All time" has no previous period.

Trigger: the share moved by ≥ ``shift_points`` (5 points), or by a factor ≥
``shift_ratio`` (×1.5 up or ÷1.5 down) where either share reached
``shift_min_share`` (2 %) — so 0.6 % → 1.2 % is not news. "Other" is left
out: nothing to act on alone.

A falling share is checked against the views that came from the source (per
video on the estimate, over the period on TikTok's figure): if they held
(≥ 90 % of before) the source was diluted by a rising one, not lost (an
insight, its stake quartered); if one earlier video brought ≥ 40 % of that
source's views, the finding names it (what the numbers show — not the whole
cause). A rising share with fewer views from the source (< 90 % of before) is
not reported: it only grew because others shrank.

Views at stake: |change in share| × the views the shares are of.
Effect: the larger of |change| ÷ 5 points and ratio ÷ 1.5 (capped at 10).
Sample: the smaller of the two periods' video counts (days on TikTok's figure).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import polars as pl

from ...data.account_mix import MIN_COVERAGE
from ...data.sources import SOURCE_KEYS
from ...formatting import compact, pct, points, threshold, times
from ..config import AdvisorConfig
from ..context import Context, mix, with_sources
from ..finding import Lacking, Sample, say_lacking
from ..model import Advice, DataPath, Evidence, Rule, Unavailable
from ..playbook import label, play
from .mix import figure_views

PATHS = (
    DataPath(
        "account_sources",
        "TikTok's own source mix for the account, in this period and the one before",
        "Studio's Overview page saved from the browser (HAR), for the account's traffic sources",
    ),
    DataPath(
        "video_sources",
        "each video's traffic sources, in this period and the one before",
        "Studio's per-video pages saved from the browser, or the Business API",
    ),
)

_MAX_EFFECT = 10.0
ONE_HIT = 0.4  # one video bringing ≥ 40 % of a source's views before: a hit, not a habit
HELD = 0.9  # views from a source at ≥ 90 % of before: held
DILUTED_STAKE = 0.25


def rule_for(c: AdvisorConfig) -> Rule:
    """The rule as configured: its thresholds are the user's, or the defaults."""
    return Rule(
        "shifts",
        "Shifts between periods",
        f"share moved ≥ {c.shift_points * 100:g} points, or ×{c.shift_ratio:g}, against the "
        f"previous period of equal length (ratios only where a share reached "
        f"{threshold(c.shift_min_share)})",
        c.threshold_source("shift_points", "shift_ratio", "shift_min_share"),
    )


RULE = rule_for(AdvisorConfig())  # key, title and default thresholds


# -- measure -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mixes:
    """Both periods' mixes on one basis, and what they rest on."""

    path: str  # "account_sources" | "video_sources"
    now: dict[str, float]
    before: dict[str, float]
    views_now: float  # the views the shares are of
    views_before: float
    sample: Sample  # the thinner period
    videos_now: pl.DataFrame  # organic videos with sources (may be empty on TikTok's figure)
    videos_before: pl.DataFrame
    tiktok_now: dict[str, float] | None = None  # TikTok's figure now, when the shift estimated

    @property
    def estimated(self) -> bool:
        return self.path == "video_sources"


@dataclass(frozen=True)
class Shift:
    """One source's move, with everything the wording needs."""

    source: str
    now: float
    before: float
    by_points: bool
    ratio: float  # larger share ÷ smaller (inf from nothing)
    from_now: float  # views from the source: per video (estimate) or over the period
    from_before: float
    diluted: bool  # fell, but the views from it held: a rising source diluted it
    riser: str  # the source that gained most
    riser_now: float
    riser_delta: float
    one_hit: str | None  # one earlier video that brought ≥ ONE_HIT of its views before
    one_hit_share: float
    top: tuple[str, ...]  # the videos that show it best
    effect: float
    stake: float

    @property
    def delta(self) -> float:
        return self.now - self.before

    @property
    def rose(self) -> bool:
        return self.delta > 0


@dataclass(frozen=True)
class Shifts:
    mixes: Mixes
    shifts: tuple[Shift, ...]

    @property
    def path(self) -> str:
        return self.mixes.path


def _captured(ctx: Context, now_v: pl.DataFrame, before_v: pl.DataFrame) -> Mixes | None:
    now_f, before_f = ctx.account_mix, ctx.previous_mix
    if before_f is None or now_f.is_estimate or before_f.is_estimate:
        return None
    s_now, s_before = now_f.shares(), before_f.shares()
    v_now, v_before = figure_views(ctx.daily_all, now_f), figure_views(ctx.daily_all, before_f)
    if not s_now or not s_before or not v_now or not v_before:
        return None
    days = min(now_f.covered_days, before_f.covered_days)
    need = math.ceil(MIN_COVERAGE * (ctx.period.days or days))
    return Mixes(
        "account_sources",
        s_now,
        s_before,
        v_now,
        v_before,
        Sample(days, need, "days"),
        now_v,
        before_v,
    )


def measure_mixes(ctx: Context) -> Mixes | Lacking:
    """Both periods on TikTok's figure where it covers both, else both estimated."""
    need = ctx.config.min_videos
    if ctx.previous is None or ctx.organic_previous is None:
        return Lacking(Sample(0, need), "", "no_previous")
    now_v, before_v = with_sources(ctx.organic), with_sources(ctx.organic_previous)
    captured = _captured(ctx, now_v, before_v)
    if captured is not None:
        return captured
    what = "have traffic-source data"
    if now_v.height < need:
        return Lacking(Sample(now_v.height, need), what, "now", "video_sources")
    if before_v.height < need:
        return Lacking(Sample(before_v.height, need), what, "before", "video_sources")
    tiktok = None if ctx.account_mix.is_estimate else ctx.account_mix.shares()
    return Mixes(
        "video_sources",
        mix(now_v),
        mix(before_v),
        float(now_v["views"].sum()),
        float(before_v["views"].sum()),
        Sample(min(now_v.height, before_v.height), need),
        now_v,
        before_v,
        tiktok,
    )


def _ratio(a: float, b: float) -> float:
    lo, hi = sorted((a, b))
    if lo <= 0:
        return float("inf") if hi > 0 else 1.0
    return hi / lo


def _from_source(m: Mixes, source: str, now: bool) -> float:
    """Views from ``source``: per video on the estimate, over the period on TikTok's figure."""
    share = (m.now if now else m.before).get(source) or 0.0
    views = m.views_now if now else m.views_before
    if not m.estimated:
        return share * views
    vids = m.videos_now if now else m.videos_before
    return float((vids["views"] * vids[source]).sum()) / vids.height


def _by_source(videos: pl.DataFrame, source: str) -> pl.DataFrame:
    """Videos with ≈ views from ``source``, most first (none when the frame lacks it)."""
    if videos.is_empty():
        return videos.with_columns(pl.lit(0.0).alias("_e"))
    return (
        videos.with_columns((pl.col("views") * pl.col(source)).alias("_e"))
        .filter(pl.col("_e") > 0)
        .sort("_e", descending=True)
    )


def _shift(c: AdvisorConfig, m: Mixes, source: str) -> Shift | None:
    x, x0 = m.now.get(source) or 0.0, m.before.get(source) or 0.0
    delta, ratio = x - x0, _ratio(x, x0)
    by_points = abs(delta) >= c.shift_points
    by_ratio = max(x, x0) >= c.shift_min_share and ratio >= c.shift_ratio
    if not (by_points or by_ratio):
        return None
    rose = delta > 0
    f_now, f_before = _from_source(m, source, True), _from_source(m, source, False)
    if rose and f_before > 0 and f_now < HELD * f_before:
        return None  # the share grew only because other sources shrank: nothing gained
    diluted = not rose and f_before > 0 and f_now >= HELD * f_before
    past = _by_source(m.videos_before, source)
    past_total = float(past["_e"].sum()) if not past.is_empty() else 0.0
    hit_share = float(past["_e"][0]) / past_total if past_total > 0 else 0.0
    one_hit = (
        past["video_id"][0]
        if not rose and not diluted and past.height >= 3 and hit_share >= ONE_HIT
        else None
    )
    riser = max(
        (k for k in SOURCE_KEYS if k not in (source, "other")),
        key=lambda k: (m.now.get(k) or 0.0) - (m.before.get(k) or 0.0),
    )
    shown = past if not rose and not diluted else _by_source(m.videos_now, source)
    return Shift(
        source=source,
        now=x,
        before=x0,
        by_points=by_points,
        ratio=ratio,
        from_now=f_now,
        from_before=f_before,
        diluted=diluted,
        riser=riser,
        riser_now=m.now.get(riser) or 0.0,
        riser_delta=(m.now.get(riser) or 0.0) - (m.before.get(riser) or 0.0),
        one_hit=one_hit,
        one_hit_share=hit_share if one_hit is not None else 0.0,
        top=tuple(shown["video_id"].head(3).to_list()),
        effect=min(max(abs(delta) / c.shift_points, ratio / c.shift_ratio), _MAX_EFFECT),
        stake=abs(delta) * m.views_now * (DILUTED_STAKE if diluted else 1.0),
    )


def measure(ctx: Context) -> Shifts | Lacking:
    m = measure_mixes(ctx)
    if isinstance(m, Lacking):
        return m
    found = (_shift(ctx.config, m, s) for s in SOURCE_KEYS if s != "other")
    return Shifts(m, tuple(s for s in found if s is not None))


def evaluate(ctx: Context) -> list[Advice | Unavailable]:
    rule = rule_for(ctx.config)
    found = measure(ctx)
    if isinstance(found, Lacking):
        return [say_lacking(ctx, rule, found)]
    return [word(ctx, rule, found.mixes, s) for s in found.shifts]


# -- word ----------------------------------------------------------------------------------


def _basis(m: Mixes, now: bool) -> str:
    n = m.videos_now.height if now else m.videos_before.height
    if m.estimated:
        return f"estimated over {n} organic videos with sources"
    return "TikTok's figure for the whole account"


def word(ctx: Context, rule: Rule, m: Mixes, s: Shift) -> Advice:
    name, p = label(s.source), play(s.source)
    days = ctx.period.days
    move = (
        points(s.delta)
        if s.by_points or s.ratio == float("inf")
        else f"{times(s.ratio)} {'up' if s.rose else 'down'}"
    )
    if m.estimated:
        move += ", estimated"
    went = "rose" if s.rose else "fell"
    lead = f"{name} {went} from {pct(s.before)} to {pct(s.now)} of views ({move})"
    if s.rose:
        headline = f"{lead} against the previous {days} days — lean into it"
    elif s.diluted and s.riser_delta > 0:
        held = compact(s.from_now) + (" per video" if m.estimated else "")
        headline = (
            f"{lead} as {label(s.riser)} grew to {pct(s.riser_now)} — a shift in mix, not a "
            f"loss: {name} views held at {held}"
        )
    elif s.one_hit is not None:
        headline = (
            f"{lead} against the previous {days} days — {pct(s.one_hit_share)} of the earlier "
            f"{name} views came from one hit, {ctx.ref(s.one_hit)}"
        )
    else:
        headline = f"{lead} against the previous {days} days — find out what changed"
    per = "per video" if m.estimated else "in the period"
    how = "views × share" if m.estimated else "TikTok's share × the account's views"
    of = "on this period's videos" if m.estimated else "of the account"
    evidence = [
        Evidence(
            f"{name} share now",
            s.now,
            "share",
            f"{name}: {pct(s.now)} of views in {ctx.period_phrase} ({_basis(m, True)})",
        ),
        Evidence(
            f"{name} share before",
            s.before,
            "share",
            f"{name}: {pct(s.before)} of views in {ctx.previous_phrase} ({_basis(m, False)})",
        ),
        Evidence(
            "Change",
            round(s.delta, 6),
            "points",
            f"change: {points(s.delta)} {ctx.basis}"
            + (f" ({times(s.now / s.before)})" if s.before > 0 else " (from nothing)"),
        ),
        Evidence(
            f"{name} views {per}",
            round(s.from_now),
            "views",
            f"≈ {compact(s.from_now)} views from {name} {per} now vs {compact(s.from_before)} "
            f"before (≈ {compact(s.now * m.views_now)} of the {compact(m.views_now)} views "
            f"{of}; {how})",
        ),
    ]
    if m.tiktok_now is not None and s.source in m.tiktok_now:
        evidence.append(
            Evidence(
                f"{name} share now, TikTok's figure",
                m.tiktok_now[s.source],
                "share",
                f"TikTok's figure for {ctx.period_phrase}: {pct(m.tiktok_now[s.source])} — no "
                "figure of TikTok's covers the period before, so both periods are estimated "
                "from the videos' own mixes",
            )
        )
    vids = list(s.top)
    if s.rose:
        actions = (
            [
                f"See what the videos that drew most from {name} did differently from last "
                f"period's: {ctx.refs(vids)}",
                *p.actions[:2],
            ]
            if vids
            else list(p.actions[:3])
        )
    elif s.diluted:
        actions = [
            f"Nothing is lost: keep doing what brings {name} views",
            f"Read the {label(s.riser)} advice: that is where the growth is",
        ]
    elif s.one_hit is not None:
        evidence.append(
            Evidence(
                "One earlier hit",
                round(s.one_hit_share, 6),
                "share",
                f"{ctx.ref(s.one_hit)} alone brought {pct(s.one_hit_share)} of the {name} views "
                f"of {ctx.previous_phrase}",
            )
        )
        actions = [
            f"Study {ctx.ref(s.one_hit)}: hook, topic, sound, length — and make a follow-up to it",
            *p.actions[:2],
        ]
    else:
        actions = [
            "Compare topic, hook, sound, length and posting time with the videos that drew "
            f"{name} views before" + (f": {ctx.refs(vids)}" if vids else ""),
            *p.actions[:2],
        ]
    return ctx.advice(
        rule,
        f"shifts.{s.source}",
        "insight" if s.diluted else "change",
        headline,
        evidence,
        actions,
        n=m.sample.n,
        unit=m.sample.unit,
        sample_videos=None if m.estimated else 0,
        effect=s.effect,
        views_at_stake=s.stake,
        video_ids=vids,
        source=s.source,
        data=m.path,
    )
