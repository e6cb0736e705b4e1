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
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from ...data.sources import SOURCE_KEYS
from ...formatting import compact, exact, pct, threshold, times
from ..config import QUSO, AdvisorConfig
from ..context import Context, mix, with_sources
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


@dataclass(frozen=True)
class Basis:
    """What the shares rest on, and how evidence names it."""

    shares: dict[str, float]
    views: float  # the views the shares are of
    n: int  # the sample, for confidence: videos, or days of TikTok's figure
    unit: str  # "videos" | "days"
    where: str  # "view-weighted over 12 videos posted in …", "TikTok's figure for …"
    views_of: str  # "on these videos", "of the account from 2 Nov to 29 Nov"
    estimated: bool


def basis(ctx: Context, vids: pl.DataFrame) -> Basis | None:
    """TikTok's figure when it covers the period and its days have views, else the
    estimate over the organic videos with sources (None when too few have them)."""
    fig = ctx.account_mix
    shares = fig.shares()
    if not fig.is_estimate and shares:
        days = pl.any_horizontal([pl.col("date").is_between(w.start, w.end) for w in fig.windows])
        views = ctx.daily_all.filter(days)["video_views"].drop_nulls().sum()
        if views:
            spans = ", ".join(ctx.span(w.start, w.end) for w in fig.windows)
            where = f"{fig.label} for the whole account, {spans}"
            return Basis(
                shares,
                float(views),
                fig.covered_days,
                "days",
                where,
                f"of the account from {spans}",
                False,
            )
    if vids.height < ctx.config.min_videos:
        return None
    where = f"view-weighted over {ctx.sample(vids.height)} with traffic-source data, organic only"
    return Basis(
        mix(vids), float(vids["views"].sum()), vids.height, "videos", where, "on these videos", True
    )


def evaluate(ctx: Context) -> list[Advice | Unavailable]:
    rule = rule_for(ctx.config)
    vids = with_sources(ctx.organic)
    based = basis(ctx, vids)
    if based is None:
        return [ctx.too_few(rule, vids.height, "have traffic-source data")]
    out: list[Advice | Unavailable] = []
    for source in SOURCE_KEYS:
        if source == "other":
            continue
        found = _judge(ctx, rule, vids, based, source)
        if found:
            out.append(found)
    return out


def _top_for(vids: pl.DataFrame, source: str, n: int = 3) -> list[str]:
    ranked = vids.with_columns((pl.col("views") * pl.col(source)).alias("_est")).filter(
        pl.col("_est") > 0
    )
    return ranked.sort("_est", descending=True)["video_id"].head(n).to_list()


def _judge(ctx: Context, rule: Rule, vids: pl.DataFrame, b: Basis, source: str) -> Advice | None:
    c = ctx.config
    median = c.source_medians.get(source)
    name = label(source)
    p = play(source)
    share = b.shares.get(source) or 0.0
    views = b.views  # the views the mix rests on, as in the report's mix table
    paid = ctx.in_period.filter(pl.col("is_ad").fill_null(False)).height
    notes = (
        [f"TikTok's figure counts every view, those of {paid} promoted videos too"]
        if paid and not b.estimated
        else []
    )
    base = [
        Evidence(
            f"{name} share of views", share, "share", f"{name}: {pct(share)} of views ({b.where})"
        )
    ]
    if median is not None:
        base.append(
            Evidence(
                f"{name} median share",
                median,
                "share",
                f"typical {name} share: {pct(median)}, the median in the {c.median_source(source)}"
                if c.median_source(source) == QUSO
                else f"typical {name} share: {pct(median)}, the median set in "
                f"{c.median_source(source)}",
            )
        )

    high = False
    effect = 0.0
    if source == "for_you" and share >= c.for_you_high:
        high = True
        effect = (1 - c.for_you_high) / max(1 - share, 1e-9)
        trigger = f"For You ≥ {threshold(c.for_you_high)}"
    elif median is not None and share >= c.mix_high_multiple * median:
        high = True
        effect = share / (c.mix_high_multiple * median)
        trigger = f"share ≥ {c.mix_high_multiple:g}× the median"
    elif median is None and share >= c.unbenchmarked_high:
        high = True
        effect = share / c.unbenchmarked_high
        trigger = f"share ≥ {threshold(c.unbenchmarked_high)} (no published median for {name})"

    if high:
        effect = min(effect, _MAX_EFFECT)
        stake = (share - median) * views if median is not None else share * views
        if median is not None and source != "for_you":
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
        evidence = [
            *base,
            Evidence(
                f"Views from {name}",
                round(share * views),
                "views",
                f"≈ {compact(share * views)} of the {exact(views)} views {b.views_of} came "
                f"from {name} ({'estimated: views × share' if b.estimated else 'share × views'})",
            ),
            Evidence("Trigger", trigger, "text", f"fired because {trigger}"),
        ]
        top = _top_for(vids, source)
        actions = list(p.actions[:3])
        if top:
            actions.append(f"Study the videos that drew most from {name}: {ctx.refs(top)}")
        return ctx.advice(
            rule,
            f"mix.high.{source}",
            "strength",
            headline,
            evidence,
            actions,
            n=b.n,
            effect=effect,
            notes=notes,
            unit=b.unit,
            sample_videos=None if b.estimated else 0,
            views_at_stake=stake,
            video_ids=top,
            source=source,
            data="video_sources" if b.estimated else "account_sources",
        )

    if median is None or not p.low_actions:
        return None
    low_bar = median / c.mix_low_multiple
    if share > low_bar:
        return None
    effect = min(low_bar / share, _MAX_EFFECT) if share > 0 else _MAX_EFFECT
    stake = (median - share) * views
    only = "no" if share == 0 else f"only {pct(share)} of"
    headline = (
        f"{name} brings you {only} views against a typical {pct(median)} — "
        f"{p.low_means}: an opening"
    )
    evidence = [
        *base,
        Evidence(
            f"Views missing from {name}",
            round(stake),
            "views",
            f"at the typical share, {name} would have brought ≈ {compact(stake)} more of the "
            f"{exact(views)} views {b.views_of}",
        ),
        Evidence(
            "Trigger",
            f"share ≤ median ÷ {c.mix_low_multiple:g}",
            "text",
            f"fired because {pct(share)} ≤ {pct(low_bar)} (the median ÷ {c.mix_low_multiple:g})",
        ),
    ]
    top = _top_for(vids, source)
    actions = list(p.low_actions[:3])
    if top:
        actions.append(f"Start from the videos that did get {name} views: {ctx.refs(top)}")
    return ctx.advice(
        rule,
        f"mix.low.{source}",
        "opportunity",
        headline,
        evidence,
        actions,
        n=b.n,
        effect=effect,
        notes=notes,
        unit=b.unit,
        sample_videos=None if b.estimated else 0,
        views_at_stake=stake,
        video_ids=top,
        source=source,
        data="video_sources" if b.estimated else "account_sources",
    )
