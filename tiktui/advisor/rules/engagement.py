"""Rule 5 — engagement rate against the creator's own median and their follower tier.

Engagement rate = (likes + comments + shares) ÷ views, always named beside the
number: studies use other formulas (per follower, with saves) and mixing them
is how creators end up comparing apples with oranges.

* the period's rate is view-weighted over the organic videos posted in it
  (Σ interactions ÷ Σ views); a video with any of the four counts missing is
  left out, not counted as 0;
* the creator's own median is the median per-video rate of their organic
  videos posted before the period (at least ``min_videos`` of them);
* the tier figure comes from the follower count on the period's last day with
  one (Influencer Marketing Factory 2025).

This is not the Overview's Engagement tile: the tile (and the report's key
numbers) divide all of the account's interactions in the period by all its
views (older videos and paid ones included, from the daily Overview export).
The evidence gives that account-wide figure too, with its change, so the two
numbers are never mistaken for each other.

Data (best first): ``period_videos`` — the organic videos posted in the
period; ``listed`` — when fewer than ``min_videos`` were, the organic videos
whose counts were captured in the period (a Content download's 15 newest,
lifetime totals: a ratio of two lifetime totals is still a fair rate). Minimum
sample: ``min_videos`` (3) videos with all four counts.

Trigger: the period's rate ≥ ``engagement_margin`` (20 %) above or below either
benchmark. The creator's own median leads when both exist (their own history
is the fairer yardstick).
Views at stake: Σ views of the period's videos × |rate − the leading benchmark|,
i.e. the interactions gained or missed against it, each counted as one view
(an interaction is worth at least the view it came from).
Effect: the larger relative gap ÷ the margin.

``measure`` (pure Polars) returns an :class:`EngagementFinding` — the rate,
its data path and sample, each :class:`Benchmark` with its ratio and whether
it fired, the best and weakest videos — or a ``Lacking``; ``word`` says it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import polars as pl

from ...data.queries import ENGAGEMENT_FORMULA
from ...data.studio_signals import views_captured_on
from ...formatting import exact, kpi_change, pct
from ..config import IMF, AdvisorConfig
from ..context import Context, median, organic
from ..finding import Lacking, Sample, say_lacking
from ..model import Advice, DataPath, Evidence, Rule, Unavailable
from ..text import plural

PATHS = (
    DataPath(
        "period_videos",
        "views, likes, comments and shares of the videos posted in the period",
        "Content.csv in Studio's Content download, or the Business API's video list",
    ),
    DataPath(
        "listed",
        "the same counts, lifetime, for the videos a download listed in the period",
        "Content.csv downloaded in the period",
    ),
)


def rule_for(c: AdvisorConfig) -> Rule:
    """The rule as configured: its thresholds are the user's, or the defaults."""
    return Rule(
        "engagement",
        "Engagement",
        f"engagement rate = {ENGAGEMENT_FORMULA}; fires ≥ {c.engagement_margin * 100:g}% above "
        "or below your own median per-video rate or your follower tier's figure",
        IMF
        if not c.overrides_table("engagement_tiers")
        else f"{IMF}, with figures from your config.toml",
    )


RULE = rule_for(AdvisorConfig())  # key, title and default thresholds


def rated(videos: pl.DataFrame) -> pl.DataFrame:
    """Videos with views and all three interaction counts: the ones a rate can use."""
    return videos.filter(
        (pl.col("views") > 0)
        & pl.col("likes").is_not_null()
        & pl.col("comments").is_not_null()
        & pl.col("shares").is_not_null()
    )


def rate(videos: pl.DataFrame) -> float | None:
    v = rated(videos)
    views = float(v["views"].sum()) if not v.is_empty() else 0.0
    if not views:
        return None
    return float((v["likes"] + v["comments"] + v["shares"]).sum()) / views


def measured_videos(ctx: Context) -> tuple[pl.DataFrame, str]:
    """The organic videos posted in the period; when fewer than ``min_videos`` were, the
    organic videos whose counts were captured in it (a Content download lists the newest
    15 with lifetime totals — a ratio of two lifetime totals is still a fair rate)."""
    vids = rated(ctx.organic)
    if vids.height >= ctx.config.min_videos or ctx.period.days is None:
        return vids, "period_videos"
    seen = views_captured_on(ctx.tables).filter(ctx.period.contains("views_on"))
    listed = rated(
        organic(ctx.videos.filter(pl.col("posted_on") <= ctx.period.end)).join(
            seen, on="video_id", how="semi"
        )
    )
    return (listed, "listed") if listed.height > vids.height else (vids, "period_videos")


# -- measure -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Benchmark:
    """One yardstick: the creator's own median, or the follower tier's figure."""

    what: Literal["own", "tier"]
    value: float
    ratio: float  # the period's rate ÷ the benchmark
    fired: bool  # ≥ engagement_margin away from it


@dataclass(frozen=True)
class EngagementFinding:
    path: str  # "period_videos" | "listed"
    sample: Sample
    rate: float  # Σ interactions ÷ Σ views over the videos
    per_video: float | None  # the median video's rate
    own: float | None  # the median per-video rate of the organic videos before
    history: int  # how many organic videos with counts came before
    tier: tuple[str, str, float, str] | None  # (key, label, rate, citation)
    benchmarks: tuple[Benchmark, ...]  # the ones that fired first
    views: float
    videos: pl.DataFrame  # the rated videos, best rate first

    @property
    def fired(self) -> bool:
        return any(b.fired for b in self.benchmarks)

    @property
    def lead(self) -> Benchmark:
        return self.benchmarks[0]

    @property
    def below(self) -> bool:
        return self.lead.ratio < 1

    @property
    def effect_gap(self) -> float:
        """The larger relative gap to a benchmark that fired."""
        return max(abs(b.ratio - 1) for b in self.benchmarks if b.fired)

    @property
    def stake(self) -> float:
        return self.views * abs(self.rate - self.lead.value)


def measure(ctx: Context) -> EngagementFinding | Lacking:
    c = ctx.config
    vids, path = measured_videos(ctx)
    if vids.height < c.min_videos:
        return Lacking(Sample(vids.height, c.min_videos), "have all four counts", "none")
    er = rate(vids)
    assert er is not None
    first = vids["posted_on"].min()
    before = first if path == "listed" and first is not None else ctx.period.start
    history = rated(organic(ctx.videos.filter(pl.col("posted_on") < before)))
    own = median(history["engagement_rate"]) if history.height >= c.min_videos else None
    tier = c.tier_for(ctx.followers) if ctx.followers is not None else None
    marks: list[Benchmark] = []
    if own is not None and own > 0:
        marks.append(Benchmark("own", own, er / own, abs(er / own - 1) >= c.engagement_margin))
    if tier is not None and tier[2] > 0:
        r = er / tier[2]
        marks.append(Benchmark("tier", tier[2], r, abs(r - 1) >= c.engagement_margin))
    marks.sort(key=lambda b: not b.fired)  # stable: own leads among equals
    return EngagementFinding(
        path,
        Sample(vids.height, c.min_videos),
        er,
        median(vids["engagement_rate"]),
        own,
        history.height,
        tier,
        tuple(marks),
        float(vids["views"].sum()),
        vids.sort("engagement_rate", descending=True),
    )


def evaluate(ctx: Context) -> list[Advice | Unavailable]:
    rule = rule_for(ctx.config)
    c = ctx.config
    found = measure(ctx)
    if isinstance(found, Lacking):
        return [say_lacking(ctx, rule, found, PATHS, f"{c.min_videos} videos (min_videos)")]
    if not found.benchmarks:
        return [
            ctx.unavailable(
                rule,
                f"nothing to compare with: no follower count (for the tier figure) and "
                f"{found.history} organic videos before {ctx.day(ctx.period.start)} "
                f"(your own median needs {c.min_videos})",
            )
        ]
    return [word(ctx, rule, found)] if found.fired else []


# -- word ----------------------------------------------------------------------------------


def _sample(ctx: Context, n: int, path: str) -> str:
    if path == "listed":
        return f"{plural(n, 'video')} listed in {ctx.period_phrase} (lifetime totals)"
    return ctx.sample(n)


def _phrase(f: EngagementFinding, b: Benchmark) -> str:
    said = "in line with" if not b.fired else ("below" if b.ratio < 1 else "above")
    if b.what == "own":
        return f"{said} your own median of {pct(b.value)}"
    assert f.tier is not None
    return f"{said} the {pct(b.value)} typical for accounts with {f.tier[1]}"


def word(ctx: Context, rule: Rule, f: EngagementFinding) -> Advice:
    c = ctx.config
    er, vids, path = f.rate, f.videos, f.path
    # the comparisons that fired lead; one that did not is said as "in line with"
    parts = [_phrase(f, b) for b in f.benchmarks]
    headline = f"Organic engagement is {pct(er)} ({ENGAGEMENT_FORMULA}), {parts[0]}"
    if len(parts) > 1:
        headline += f", and {parts[1]}"
    headline += " — " + ("get people to react" if f.below else "turn it into reach")
    evidence = [
        Evidence(
            "Engagement rate",
            er,
            "rate",
            f"{pct(er)} = {ENGAGEMENT_FORMULA}, summed over {_sample(ctx, vids.height, path)} "
            "(organic only)",
        ),
    ]
    account = ctx.kpis.get("engagement_rate")
    if account is not None and account.value is not None:
        moved = kpi_change(account.value, account.previous, True, "exact")
        vs = f" ({moved} {ctx.basis})" if ctx.basis and account.previous is not None else ""
        views_kpi = ctx.kpis.get("video_views")
        all_views = views_kpi.value if views_kpi is not None else None
        evidence.append(
            Evidence(
                "Account-wide engagement",
                account.value,
                "rate",
                f"account-wide (the Overview's figure): {pct(account.value, 'exact')}{vs} over "
                f"all {exact(all_views)} views in {ctx.period_phrase}, older and paid videos "
                "included",
            )
        )
    if f.per_video is not None:
        evidence.append(
            Evidence(
                "Median video",
                f.per_video,
                "rate",
                f"the period's median video: {pct(f.per_video)}",
            )
        )
    if f.own is not None:
        evidence.append(
            Evidence(
                "Your median",
                f.own,
                "rate",
                f"your own median: {pct(f.own)} per video over {f.history} organic videos "
                f"posted before {ctx.day(ctx.period.start)}",
            )
        )
    if f.tier is not None:
        evidence.append(
            Evidence(
                "Tier figure",
                f.tier[2],
                "rate",
                f"typical for {f.tier[1]}: {pct(f.tier[2])} ({f.tier[3]}); you had "
                f"{exact(ctx.followers)} followers on the period's last day with a count",
            )
        )
    best = vids.head(3)
    worst = vids.tail(3).reverse()
    evidence.append(
        Evidence(
            "Best videos",
            float(best["engagement_rate"][0]),
            "rate",
            "highest: " + ctx.refs_pct(best, "engagement_rate"),
        )
    )
    if f.below:
        evidence.append(
            Evidence(
                "Weakest videos",
                float(worst["engagement_rate"][0]),
                "rate",
                "lowest: " + ctx.refs_pct(worst, "engagement_rate"),
            )
        )
        actions = [
            "Ask one specific question in the caption or the last seconds, to pull comments",
            "Reply to comments with videos: it rewards commenting",
            "End on a reason to share (“send this to…”)",
            "Re-watch your best-engaging videos and note what made people react: "
            f"{ctx.refs(best['video_id'])}",
        ]
        shown = worst["video_id"].to_list()
    else:
        actions = [
            f"Keep the formats of your best-engaging videos: {ctx.refs(best['video_id'])}",
            "Make a series from the topic people reacted to most",
            f"Pin {ctx.ref(best['video_id'][0])} to your profile so new visitors see it first",
        ]
        shown = best["video_id"].to_list()
    return ctx.advice(
        rule,
        "engagement.period",
        "problem" if f.below else "strength",
        headline,
        evidence,
        actions,
        n=vids.height,
        data=path,
        effect=f.effect_gap / c.engagement_margin,
        views_at_stake=f.stake,
        video_ids=shown,
    )
