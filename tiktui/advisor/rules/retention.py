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
rate posted in the period (``full_watch``, the only path: Studio's downloads
do not carry it).

``measure`` (pure Polars) returns a :class:`RetentionFinding` — the completion,
its band, the split by length, the weak videos when the period is in the
middle band — or a ``Lacking``; ``word`` says it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import polars as pl

from ...formatting import pct, seconds, threshold
from ..config import AdvisorConfig
from ..context import Context, median
from ..finding import Lacking, Sample, say_lacking
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


# -- measure -------------------------------------------------------------------------------


def _completion(frame: pl.DataFrame) -> float:
    """View-weighted full-watch rate of ``frame``'s videos."""
    return float((frame["completion"] * frame["views"]).sum()) / max(
        float(frame["views"].sum()), 1.0
    )


@dataclass(frozen=True)
class ByLength:
    """Completion of the videos up to the median length, and of the longer ones."""

    median_length: float
    short: float
    long: float


@dataclass(frozen=True)
class Weak:
    """In a middle-band period: the videos under the problem bar, and the others."""

    video_ids: tuple[str, ...]  # most viewed first
    completions: tuple[float, ...]  # each one's full-watch rate
    completion: float  # view-weighted over them
    views: float
    length: float | None  # median seconds
    length_rest: float | None
    finished: tuple[str, ...]  # the two videos people finish most
    effect: float
    stake: float


@dataclass(frozen=True)
class RetentionFinding:
    sample: Sample
    completion: float
    views: float
    band: Literal["excellent", "problem", "middle"]
    shown: pl.DataFrame  # three videos: best (excellent) or lowest (problem)
    by_length: ByLength | None
    watch: tuple[float | None, float | None] | None  # median average watch, median length
    weak: Weak | None  # middle band only, when enough videos are under the bar
    effect: float
    stake: float
    path: str = "full_watch"


def measure(ctx: Context) -> RetentionFinding | Lacking:
    c = ctx.config
    vids = ctx.organic.filter(pl.col("completion").is_not_null() & (pl.col("views") > 0))
    if vids.height < c.min_videos:
        what = "have a full-watch rate (it comes from the Business API or Studio web responses)"
        return Lacking(Sample(vids.height, c.min_videos), what, path="full_watch")
    total = float(vids["views"].sum())
    comp = _completion(vids)
    excellent, problem = comp >= c.completion_excellent, comp < c.completion_problem
    band: Literal["excellent", "problem", "middle"] = (
        "excellent" if excellent else "problem" if problem else "middle"
    )
    by_length = None
    lengths = vids.filter(pl.col("duration_s").is_not_null())
    if lengths.height >= 4:
        mid = median(lengths["duration_s"]) or 0.0
        short = lengths.filter(pl.col("duration_s") <= mid)
        long = lengths.filter(pl.col("duration_s") > mid)
        if not short.is_empty() and not long.is_empty():
            by_length = ByLength(mid, _completion(short), _completion(long))
    watch = vids.filter(pl.col("avg_watch_s").is_not_null() & pl.col("duration_s").is_not_null())
    watched = (
        None if watch.is_empty() else (median(watch["avg_watch_s"]), median(watch["duration_s"]))
    )
    if excellent:
        effect, stake = comp / c.completion_excellent, total * (comp - c.completion_excellent)
    else:
        effect = c.completion_problem / max(comp, 1e-9)
        stake = total * (c.completion_problem - comp)
    weak = _weak(c, vids) if band == "middle" else None
    return RetentionFinding(
        Sample(vids.height, c.min_videos),
        comp,
        total,
        band,
        vids.sort("completion", descending=excellent).head(3),
        by_length,
        watched,
        weak,
        min(effect, 10.0),
        stake,
    )


def _weak(c: AdvisorConfig, vids: pl.DataFrame) -> Weak | None:
    """At least ``WEAK_SHARE`` of the videos (and two) under the problem bar, or None."""
    weak = vids.filter(pl.col("completion") < c.completion_problem).sort("views", descending=True)
    if weak.height < max(2, math.ceil(vids.height * WEAK_SHARE)):
        return None
    rest = vids.filter(pl.col("completion") >= c.completion_problem)
    comp = _completion(weak)
    views = float(weak["views"].sum())
    return Weak(
        tuple(weak["video_id"].to_list()),
        tuple(float(x) for x in weak["completion"].to_list()),
        comp,
        views,
        median(weak["duration_s"]),
        median(rest["duration_s"]),
        tuple(rest.sort("completion", descending=True)["video_id"].head(2).to_list()),
        min(c.completion_problem / max(comp, 1e-9), 10.0),
        views * (c.completion_problem - comp),
    )


def evaluate(ctx: Context) -> list[Advice | Unavailable]:
    rule = rule_for(ctx.config)
    found = measure(ctx)
    if isinstance(found, Lacking):
        return [say_lacking(ctx, rule, found)]
    if found.band == "middle":
        return [] if found.weak is None else [word_weak(ctx, rule, found, found.weak)]
    return [word(ctx, rule, found)]


# -- word ----------------------------------------------------------------------------------

NOTE = "completion thresholds are rules of thumb with low authority"


def word(ctx: Context, rule: Rule, f: RetentionFinding) -> Advice:
    c = ctx.config
    comp, shown = f.completion, f.shown
    excellent = f.band == "excellent"
    evidence = [
        Evidence(
            "Completion",
            comp,
            "share",
            f"{pct(comp)} of views watched to the end (full-watch rate, view-weighted over "
            f"{ctx.sample(f.sample.n)}, organic only)",
        ),
        Evidence(
            "Videos shown",
            float(shown["completion"][0]),
            "share",
            ("best: " if excellent else "lowest: ") + ctx.refs_pct(shown, "completion"),
        ),
    ]
    split_note = ""
    if f.by_length is not None:
        b = f.by_length
        evidence.append(
            Evidence(
                "By length",
                round(b.median_length, 1),
                "seconds",
                f"videos up to {seconds(b.median_length)}: {pct(b.short)} completion; longer "
                f"ones: {pct(b.long)}",
            )
        )
        if b.short - b.long >= 0.05:
            split_note = (
                f"Try keeping videos to {seconds(b.median_length)} or less: your shorter ones "
                f"are watched to the end more often ({pct(b.short)} vs {pct(b.long)})"
            )
    if f.watch is not None:
        aw, du = f.watch
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
            actions.insert(2, split_note)
    return ctx.advice(
        rule,
        "retention.period",
        "strength" if excellent else "problem",
        headline,
        evidence,
        actions,
        n=f.sample.n,
        effect=f.effect,
        views_at_stake=f.stake,
        video_ids=shown["video_id"].to_list(),
        cap="medium",
        notes=[NOTE],
        data=f.path,
    )


def word_weak(ctx: Context, rule: Rule, f: RetentionFinding, w: Weak) -> Advice:
    """The period is in the middle band, but a good part of its videos are under the bar."""
    c = ctx.config
    d_weak, d_rest = w.length, w.length_rest
    length = ""
    if d_weak is not None and d_rest is not None and d_rest > 0:
        if d_weak / d_rest >= 1.3:
            length = f" — mostly your longer ones ({seconds(d_weak)} vs {seconds(d_rest)})"
        elif d_weak / d_rest <= 1 / 1.3:
            length = f" — mostly your shorter ones ({seconds(d_weak)} vs {seconds(d_rest)})"
    k = len(w.video_ids)
    headline = (
        f"{k} of your {f.sample.n} videos lose most viewers before the end "
        f"(under {threshold(c.completion_problem)} watch in full){length}"
    )
    evidence = [
        Evidence(
            "Completion",
            f.completion,
            "share",
            f"{pct(f.completion)} of views watched to the end overall (full-watch rate, "
            f"view-weighted over {ctx.sample(f.sample.n)}, organic only)",
        ),
        Evidence(
            "Weak videos",
            k,
            "count",
            f"{k} videos under {threshold(c.completion_problem)} "
            f"({pct(w.completion)} of their views watched in full): "
            + ctx.refs_with((v, pct(x)) for v, x in zip(w.video_ids, w.completions, strict=True)),
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
    if w.finished:
        actions.append(f"Compare with the videos people finish: {ctx.refs(w.finished)}")
    return ctx.advice(
        rule,
        "retention.videos",
        "problem",
        headline,
        evidence,
        actions,
        n=k,
        effect=w.effect,
        views_at_stake=w.stake,
        video_ids=list(w.video_ids),
        cap="medium",
        notes=[NOTE],
        data=f.path,
    )
