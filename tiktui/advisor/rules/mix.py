"""Rule 1 — the account's source mix against published medians.

Trigger: a source's view-weighted share ≥ ``mix_high_multiple`` (2.5) × its
median, or For You ≥ ``for_you_high`` (90 %), fires that source's playbook; a
share ≤ median ÷ ``mix_low_multiple`` (2.5) is an opportunity. Sources with no
published median (Sound, Hashtag, Direct messages, External) fire at
``unbenchmarked_high`` (5 %), a tiktui default. "Other" never fires: there is
nothing to act on alone.

Views at stake: (share − median) × the views of the videos the mix rests on,
for a high share (the views the source brings beyond typical); (median −
share) × those views for a low one (what reaching typical would add); share ×
views for unbenchmarked ones. The same views as the report's mix table.

Effect (for confidence): share ÷ (multiple × median) for high; (median ÷
multiple) ÷ share for low; for For You ≥ 90 % it is (1 − 90 %) ÷ (1 − share),
how much less room the other sources have than the trigger allows.

The shares are the ones the report and the Overview show (``account_mix``):
TikTok's own figure for the account where a capture covers the period — then
the sample is the days it covers and the views are the account's over them,
paid ones included — else the view-weighted estimate over the organic videos.

Data and minimum sample (best first): TikTok's own figure for the account
(``account_sources``, captured) over the days it covers; else the estimate
over ``min_videos`` (3) organic videos posted in the period with sources.

``measure`` (pure Polars) returns a :class:`MixFinding` — the basis, and a
:class:`Standing` per source that fired, with its share, median, trigger,
effect and stake — or a ``Lacking``; ``word`` says one standing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

import polars as pl

from ...data.account_mix import Figure
from ...data.sources import SOURCE_KEYS
from ...formatting import compact, exact, pct, threshold, times
from ..config import QUSO, AdvisorConfig
from ..context import Context, mix, with_sources
from ..finding import Lacking, Sample, say_lacking
from ..model import Advice, DataPath, Evidence, Rule, Unavailable
from ..playbook import label, play

PATHS = (
    DataPath(
        "account_sources",
        "TikTok's own source mix for the account, covering the period",
        "Studio's Overview page saved from the browser (HAR), for the account's traffic sources",
    ),
    DataPath(
        "video_sources",
        "each video's traffic sources",
        "Studio's per-video pages saved from the browser, or the Business API",
    ),
)


_MAX_EFFECT = 10.0


def rule_for(c: AdvisorConfig) -> Rule:
    """The rule as configured: its thresholds are the user's, or the defaults."""
    return Rule(
        "mix",
        "Source mix against the benchmark",
        f"share ≥ {c.mix_high_multiple:g}× the median, or For You ≥ {threshold(c.for_you_high)}: "
        f"playbook; share ≤ median ÷ {c.mix_low_multiple:g}: opportunity; sources without a "
        f"median: share ≥ {threshold(c.unbenchmarked_high)}",
        QUSO
        if not c.overrides_table("source_medians")
        else f"{QUSO}, with medians from your config.toml",
    )


RULE = rule_for(AdvisorConfig())  # key, title and default thresholds


# -- measure -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Basis:
    """What the shares rest on: TikTok's figure for the account, or the estimate."""

    path: str  # "account_sources" | "video_sources"
    shares: dict[str, float]
    views: float  # the views the shares are of
    sample: Sample  # days of TikTok's figure, or videos of the estimate
    windows: tuple[tuple[date, date], ...]  # the captured windows (none for the estimate)

    @property
    def estimated(self) -> bool:
        return self.path == "video_sources"


Trigger = Literal["for_you_high", "multiple", "unbenchmarked", "low"]


@dataclass(frozen=True)
class Standing:
    """One source's share against its benchmark, when it fired."""

    source: str
    share: float
    median: float | None
    level: Literal["high", "low"]
    trigger: Trigger
    effect: float
    stake: float  # views: beyond typical (high), or missing to typical (low)
    top: tuple[str, ...]  # the videos that drew most from the source


@dataclass(frozen=True)
class MixFinding:
    basis: Basis
    standings: tuple[Standing, ...]
    paid: int  # promoted videos posted in the period (TikTok's figure counts them)
    videos: pl.DataFrame  # the organic videos with sources

    @property
    def path(self) -> str:
        return self.basis.path


def figure_views(daily: pl.DataFrame, fig: Figure) -> float:
    """The account's views over the days a captured figure covers (0 when unknown)."""
    if not fig.windows:
        return 0.0
    days = pl.any_horizontal([pl.col("date").is_between(w.start, w.end) for w in fig.windows])
    return float(daily.filter(days)["video_views"].drop_nulls().sum() or 0)


def basis(ctx: Context, vids: pl.DataFrame) -> Basis | Lacking:
    """TikTok's figure when it covers the period and its days have views, else the
    estimate over the organic videos with sources (Lacking when too few have them)."""
    fig = ctx.account_mix
    shares = fig.shares()
    if not fig.is_estimate and shares:
        views = figure_views(ctx.daily_all, fig)
        if views:
            days = fig.covered_days
            spans = tuple((w.start, w.end) for w in fig.windows)
            return Basis("account_sources", shares, views, Sample(days, 1, "days"), spans)
    need = ctx.config.min_videos
    if vids.height < need:
        return Lacking(Sample(vids.height, need), "have traffic-source data", path="video_sources")
    views = float(vids["views"].sum())
    return Basis("video_sources", mix(vids), views, Sample(vids.height, need), ())


def _top_for(vids: pl.DataFrame, source: str, n: int = 3) -> tuple[str, ...]:
    ranked = vids.with_columns((pl.col("views") * pl.col(source)).alias("_est")).filter(
        pl.col("_est") > 0
    )
    return tuple(ranked.sort("_est", descending=True)["video_id"].head(n).to_list())


def standing(c: AdvisorConfig, b: Basis, vids: pl.DataFrame, source: str) -> Standing | None:
    """The source's share against the benchmark, or None when it does not fire."""
    median = c.source_medians.get(source)
    share = b.shares.get(source) or 0.0
    top = _top_for(vids, source)
    trigger: Trigger | None = None
    effect = 0.0
    if source == "for_you" and share >= c.for_you_high:
        trigger, effect = "for_you_high", (1 - c.for_you_high) / max(1 - share, 1e-9)
    elif median is not None and share >= c.mix_high_multiple * median:
        trigger, effect = "multiple", share / (c.mix_high_multiple * median)
    elif median is None and share >= c.unbenchmarked_high:
        trigger, effect = "unbenchmarked", share / c.unbenchmarked_high
    if trigger is not None:
        stake = (share - median) * b.views if median is not None else share * b.views
        return Standing(
            source, share, median, "high", trigger, min(effect, _MAX_EFFECT), stake, top
        )
    if median is None or not play(source).low_actions:
        return None
    low_bar = median / c.mix_low_multiple
    if share > low_bar:
        return None
    effect = min(low_bar / share, _MAX_EFFECT) if share > 0 else _MAX_EFFECT
    return Standing(source, share, median, "low", "low", effect, (median - share) * b.views, top)


def measure(ctx: Context) -> MixFinding | Lacking:
    vids = with_sources(ctx.organic)
    based = basis(ctx, vids)
    if isinstance(based, Lacking):
        return based
    found = (standing(ctx.config, based, vids, s) for s in SOURCE_KEYS if s != "other")
    paid = ctx.in_period.filter(pl.col("is_ad").fill_null(False)).height
    return MixFinding(based, tuple(s for s in found if s is not None), paid, vids)


def evaluate(ctx: Context) -> list[Advice | Unavailable]:
    rule = rule_for(ctx.config)
    found = measure(ctx)
    if isinstance(found, Lacking):
        return [say_lacking(ctx, rule, found)]
    return [word(ctx, rule, found, s) for s in found.standings]


# -- word ----------------------------------------------------------------------------------


def _where(ctx: Context, f: MixFinding) -> tuple[str, str]:
    """How evidence names the basis, and the views the shares are of."""
    b = f.basis
    if b.estimated:
        where = (
            f"view-weighted over {ctx.sample(b.sample.n)} with traffic-source data, organic only"
        )
        return where, "on these videos"
    spans = ", ".join(ctx.span(s, e) for s, e in b.windows)
    return f"{ctx.account_mix.label} for the whole account, {spans}", f"of the account from {spans}"


def word(ctx: Context, rule: Rule, f: MixFinding, s: Standing) -> Advice:
    c = ctx.config
    b = f.basis
    name, p = label(s.source), play(s.source)
    share, median, views = s.share, s.median, b.views
    where, views_of = _where(ctx, f)
    notes = (
        [f"TikTok's figure counts every view, those of {f.paid} promoted videos too"]
        if f.paid and not b.estimated
        else []
    )
    evidence = [
        Evidence(
            f"{name} share of views", share, "share", f"{name}: {pct(share)} of views ({where})"
        )
    ]
    if median is not None:
        origin = c.median_source(s.source)
        said = f"the median in the {origin}" if origin == QUSO else f"the median set in {origin}"
        evidence.append(
            Evidence(
                f"{name} median share",
                median,
                "share",
                f"typical {name} share: {pct(median)}, {said}",
            )
        )
    if s.level == "high":
        trigger = {
            "for_you_high": f"For You ≥ {threshold(c.for_you_high)}",
            "multiple": f"share ≥ {c.mix_high_multiple:g}× the median",
            "unbenchmarked": f"share ≥ {threshold(c.unbenchmarked_high)} "
            f"(no published median for {name})",
        }[s.trigger]
        if median is not None and s.source != "for_you":
            headline = (
                f"{name} brings you {pct(share)} of views, {times(share / median)} the typical "
                f"{pct(median)} — {p.verb}"
            )
        elif median is not None:
            headline = (
                f"For You brings you {pct(share)} of views (typical: {pct(median)}): "
                f"{p.high_means} — {p.verb}"
            )
        else:
            headline = f"{name} brings you {pct(share)} of views: {p.high_means} — {p.verb}"
        evidence += [
            Evidence(
                f"Views from {name}",
                round(share * views),
                "views",
                f"≈ {compact(share * views)} of the {exact(views)} views {views_of} came "
                f"from {name} ({'estimated: views × share' if b.estimated else 'share × views'})",
            ),
            Evidence("Trigger", trigger, "text", f"fired because {trigger}"),
        ]
        actions = list(p.actions[:3])
        if s.top:
            actions.append(f"Study the videos that drew most from {name}: {ctx.refs(s.top)}")
        kind = "strength"
    else:
        assert median is not None
        low_bar = median / c.mix_low_multiple
        only = "no" if share == 0 else f"only {pct(share)} of"
        headline = (
            f"{name} brings you {only} views against a typical {pct(median)} — "
            f"{p.low_means}: an opening"
        )
        evidence += [
            Evidence(
                f"Views missing from {name}",
                round(s.stake),
                "views",
                f"at the typical share, {name} would have brought ≈ {compact(s.stake)} more of "
                f"the {exact(views)} views {views_of}",
            ),
            Evidence(
                "Trigger",
                f"share ≤ median ÷ {c.mix_low_multiple:g}",
                "text",
                f"fired because {pct(share)} ≤ {pct(low_bar)} (the median ÷ "
                f"{c.mix_low_multiple:g})",
            ),
        ]
        actions = list(p.low_actions[:3])
        if s.top:
            actions.append(f"Start from the videos that did get {name} views: {ctx.refs(s.top)}")
        kind = "opportunity"
    return ctx.advice(
        rule,
        f"mix.{s.level}.{s.source}",
        kind,
        headline,
        evidence,
        actions,
        n=b.sample.n,
        effect=s.effect,
        notes=notes,
        unit=b.sample.unit,
        sample_videos=None if b.estimated else 0,
        views_at_stake=s.stake,
        video_ids=list(s.top),
        source=s.source,
        data=b.path,
    )
