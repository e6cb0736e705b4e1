"""Rule 6 — completion: how many views watch the video to the end.

Completion = full-watch rate (``video_snapshots.full_watch_rate``), view-weighted
over the period's organic videos that have it. Trigger: ≥
``completion_excellent`` (70 %) is excellent, < ``completion_problem`` (40 %)
is a problem. These are widely repeated **rules of thumb with low
authority** — no study backs them — so the advice says so and its confidence
is capped at medium.

When the period as a whole sits between the two bars, the rule still looks at
single videos: if at least 15 % of them (and two or more) finish under 40 %,
it names them and what they share in length.

Views at stake: Σ views × |completion − the threshold crossed| (over the weak
videos only, in the per-video case).
Effect: completion ÷ 70 % (excellent) or 40 % ÷ completion (problem).

Data and minimum sample: ``min_videos`` (3) organic videos with a full-watch
rate posted in the period.
"""

from __future__ import annotations

import math

import polars as pl

from ...formatting import pct, seconds, threshold
from ..config import AdvisorConfig
from ..context import Context, median
from ..model import Advice, DataPath, Evidence, Rule, Unavailable

PATHS = (
    DataPath(
        "full_watch",
        "each video's full-watch rate",
        "the Business API or Studio web responses",
    ),
)


WEAK_SHARE = 0.15  # share of the period's videos under the bar that is worth a word


LOW_AUTHORITY = "rule of thumb, low authority (no published study)"


def rule_for(c: AdvisorConfig) -> Rule:
    """The rule as configured: its thresholds are the user's, or the defaults."""
    return Rule(
        "retention",
        "Retention (completion)",
        f"full-watch rate ≥ {threshold(c.completion_excellent)} excellent, "
        f"< {threshold(c.completion_problem)} a problem",
        c.threshold_source("completion_excellent", "completion_problem", default=LOW_AUTHORITY),
    )


RULE = rule_for(AdvisorConfig())  # key, title and default thresholds


def evaluate(ctx: Context) -> list[Advice | Unavailable]:
    rule = rule_for(ctx.config)
    c = ctx.config
    vids = ctx.organic.filter(pl.col("completion").is_not_null() & (pl.col("views") > 0))
    if vids.height < c.min_videos:
        return [
            ctx.too_few(
                rule,
                vids.height,
                "have a full-watch rate (it comes from the Business API or Studio web responses)",
            )
        ]
    total = float(vids["views"].sum())
    comp = float((vids["completion"] * vids["views"]).sum()) / total
    if c.completion_problem <= comp < c.completion_excellent:
        return _weak_videos(ctx, rule, vids, comp)
    excellent = comp >= c.completion_excellent
    ranked = vids.sort("completion", descending=excellent)
    shown = ranked.head(3)

    evidence = [
        Evidence(
            "Completion",
            comp,
            "share",
            f"{pct(comp)} of views watched to the end (full-watch rate, view-weighted over "
            f"{ctx.sample(vids.height)}, organic only)",
        ),
        Evidence(
            "Videos shown",
            float(shown["completion"][0]),
            "share",
            ("best: " if excellent else "lowest: ") + ctx.refs_pct(shown, "completion"),
        ),
    ]
    lengths = vids.filter(pl.col("duration_s").is_not_null())
    split_note = ""
    if lengths.height >= 4:
        mid = median(lengths["duration_s"]) or 0.0
        short = lengths.filter(pl.col("duration_s") <= mid)
        long = lengths.filter(pl.col("duration_s") > mid)
        if not short.is_empty() and not long.is_empty():
            cs = float((short["completion"] * short["views"]).sum()) / max(
                float(short["views"].sum()), 1.0
            )
            cl = float((long["completion"] * long["views"]).sum()) / max(
                float(long["views"].sum()), 1.0
            )
            evidence.append(
                Evidence(
                    "By length",
                    round(mid, 1),
                    "seconds",
                    f"videos up to {seconds(mid)}: {pct(cs)} completion; longer ones: {pct(cl)}",
                )
            )
            if cs - cl >= 0.05:
                split_note = (
                    f"try keeping videos to {seconds(mid)} or less: your shorter ones are "
                    f"watched to the end more often ({pct(cs)} vs {pct(cl)})"
                )
    watch = vids.filter(pl.col("avg_watch_s").is_not_null() & pl.col("duration_s").is_not_null())
    if not watch.is_empty():
        aw, du = median(watch["avg_watch_s"]), median(watch["duration_s"])
        evidence.append(
            Evidence(
                "Average watch time",
                aw,
                "seconds",
                f"median average watch time {seconds(aw)} for a median length of {seconds(du)}",
            )
        )
    evidence.append(
        Evidence(
            "Authority",
            "rule of thumb",
            "text",
            f"the {threshold(c.completion_excellent)} / {threshold(c.completion_problem)} bars are "
            "widely repeated rules of thumb, not a published benchmark: treat them as a guide",
        )
    )
    if excellent:
        headline = (
            f"{pct(comp)} of views watch your videos to the end — above the "
            f"{threshold(c.completion_excellent)} rule of thumb: people stay"
        )
        actions = [
            f"Keep the structure of {ctx.refs(shown['video_id'])}: pacing, payoff at the end",
            "Try a few slightly longer videos: viewers who stay give the algorithm more to go on",
            "Turn it into reach: pair the pacing with trending sounds or topics",
        ]
        effect = comp / c.completion_excellent
        stake = total * (comp - c.completion_excellent)
    else:
        headline = (
            f"Only {pct(comp)} of views watch to the end — under the "
            f"{threshold(c.completion_problem)} rule of thumb: tighten the videos"
        )
        actions = [
            "Cut straight to the hook: drop intros and greetings in the first 2 seconds",
            "Trim pauses and repeats; every second should earn the next",
            "Keep the payoff for the end so people stay to see it",
        ]
        if split_note:
            actions.insert(2, split_note[0].upper() + split_note[1:])
        effect = c.completion_problem / max(comp, 1e-9)
        stake = total * (c.completion_problem - comp)
    return [
        ctx.advice(
            rule,
            "retention.period",
            "strength" if excellent else "problem",
            headline,
            evidence,
            actions,
            n=vids.height,
            effect=min(effect, 10.0),
            views_at_stake=stake,
            video_ids=shown["video_id"].to_list(),
            cap="medium",
            notes=["completion thresholds are rules of thumb with low authority"],
        )
    ]


def _weak_videos(
    ctx: Context, rule: Rule, vids: pl.DataFrame, comp: float
) -> list[Advice | Unavailable]:
    """The period is in the middle band, but a good part of its videos are under the bar."""
    c = ctx.config
    weak = vids.filter(pl.col("completion") < c.completion_problem).sort("views", descending=True)
    if weak.height < max(2, math.ceil(vids.height * WEAK_SHARE)):
        return []
    rest = vids.filter(pl.col("completion") >= c.completion_problem)
    comp_weak = float((weak["completion"] * weak["views"]).sum()) / float(weak["views"].sum())
    d_weak, d_rest = median(weak["duration_s"]), median(rest["duration_s"])
    length = ""
    if d_weak is not None and d_rest is not None and d_rest > 0:
        if d_weak / d_rest >= 1.3:
            length = f" — mostly your longer ones ({seconds(d_weak)} vs {seconds(d_rest)})"
        elif d_weak / d_rest <= 1 / 1.3:
            length = f" — mostly your shorter ones ({seconds(d_weak)} vs {seconds(d_rest)})"
    headline = (
        f"{weak.height} of your {vids.height} videos lose most viewers before the end "
        f"(under {threshold(c.completion_problem)} watch in full){length}"
    )
    evidence = [
        Evidence(
            "Completion",
            comp,
            "share",
            f"{pct(comp)} of views watched to the end overall (full-watch rate, view-weighted "
            f"over {ctx.sample(vids.height)}, organic only)",
        ),
        Evidence(
            "Weak videos",
            weak.height,
            "count",
            f"{weak.height} videos under {threshold(c.completion_problem)} "
            f"({pct(comp_weak)} of their views watched in full): "
            + ctx.refs_pct(weak, "completion"),
        ),
    ]
    if d_weak is not None and d_rest is not None:
        evidence.append(
            Evidence(
                "Length",
                round(d_weak, 1),
                "seconds",
                f"median length {seconds(d_weak)} for these vs {seconds(d_rest)} for the others",
            )
        )
    evidence.append(
        Evidence(
            "Authority",
            "rule of thumb",
            "text",
            f"the {threshold(c.completion_problem)} bar is a widely repeated rule of thumb, not a "
            "published benchmark: treat it as a guide",
        )
    )
    actions = [
        "Cut straight to the hook in these videos' formats: no intro, no greeting",
        "Trim pauses and repeats; keep the payoff for the end",
    ]
    if length and d_rest is not None and d_weak is not None:
        actions.insert(
            0,
            f"Try tighter cuts of these formats: the videos people finish run about "
            f"{seconds(d_rest)}, these about {seconds(d_weak)}"
            if d_weak > d_rest
            else f"Aim for about {seconds(d_rest)}, the length of the videos people finish",
        )
    top_rest = rest.sort("completion", descending=True)["video_id"].head(2).to_list()
    if top_rest:
        actions.append(f"Compare with the videos people finish: {ctx.refs(top_rest)}")
    return [
        ctx.advice(
            rule,
            "retention.videos",
            "problem",
            headline,
            evidence,
            actions,
            n=weak.height,
            effect=min(c.completion_problem / max(comp_weak, 1e-9), 10.0),
            views_at_stake=float(weak["views"].sum()) * (c.completion_problem - comp_weak),
            video_ids=weak["video_id"].to_list(),
            cap="medium",
            notes=["completion thresholds are rules of thumb with low authority"],
        )
    ]
