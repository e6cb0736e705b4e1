"""Rule 2 — a source whose share moved between this period and the previous one.

Trigger: the view-weighted share moved by ≥ ``shift_points`` (5 points), or
by a factor ≥ ``shift_ratio`` (×1.5 up or ÷1.5 down) where either share
reached ``shift_min_share`` (2 %) — so 0.6 % → 1.2 % is not news. Both
periods have equal length and are measured on organic videos posted in them.
"Other" is left out: nothing to act on alone.

A falling share is checked against views per video from that source: if they
held (≥ 90 % of before) the source was diluted by a rising one, not lost, and
the advice says so instead of sounding an alarm (its stake is quartered); if
one earlier video brought ≥ 40 % of that source's views, the headline says so
and names it (what the numbers show — not that it is the whole cause). A rising
share with fewer views per video from the source (< 90 % of before) is not
reported: it only grew because others shrank.

Views at stake: |change in share| × the views of this period's videos with sources.
Effect: the larger of |change| ÷ 5 points and ratio ÷ 1.5 (capped at 10).
Sample: the smaller of the two periods' video counts.

Data and minimum sample: ``min_videos`` (3) organic videos with sources
posted in each of the two periods ("all time" has no previous period).
"""

from __future__ import annotations

import polars as pl

from ...data.sources import SOURCE_KEYS
from ...formatting import compact, pct, points, threshold, times
from ..config import AdvisorConfig
from ..context import Context, mix, with_sources
from ..model import Advice, DataPath, Evidence, Rule, Unavailable
from ..playbook import label, play

PATHS = (
    DataPath(
        "video_sources",
        "each video's traffic sources, in this period and the one before",
        "Studio's per-video pages saved from the browser, or the Business API",
    ),
)


_MAX_EFFECT = 10.0
ONE_HIT = 0.4  # one video bringing ≥ 40 % of a source's views before: a hit, not a habit


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


def evaluate(ctx: Context) -> list[Advice | Unavailable]:
    rule = rule_for(ctx.config)
    if ctx.previous is None or ctx.organic_previous is None:
        return [ctx.unavailable(rule, "“all time” has no previous period to compare with")]
    now = with_sources(ctx.organic)
    before = with_sources(ctx.organic_previous)
    need = ctx.config.min_videos
    if now.height < need:
        return [ctx.too_few(rule, now.height, "have traffic-source data")]
    if before.height < need:
        return [
            ctx.unavailable(
                rule,
                f"{before.height} videos posted in {ctx.previous_phrase} have traffic-source "
                f"data; this rule needs at least {need} (min_videos)",
            )
        ]
    m_now, m_before = mix(now), mix(before)
    out: list[Advice | Unavailable] = []
    for source in SOURCE_KEYS:
        if source == "other":
            continue
        found = _judge(ctx, rule, now, before, source, m_now, m_before)
        if found:
            out.append(found)
    return out


def _ratio(a: float, b: float) -> float:
    lo, hi = sorted((a, b))
    if lo <= 0:
        return float("inf") if hi > 0 else 1.0
    return hi / lo


def _per_video(videos: pl.DataFrame, source: str) -> float:
    """Estimated views from ``source`` per video: tells a lost audience from a diluted share."""
    return float((videos["views"] * videos[source]).sum()) / videos.height


def _judge(
    ctx: Context,
    rule: Rule,
    now: pl.DataFrame,
    before: pl.DataFrame,
    source: str,
    m_now: dict[str, float],
    m_before: dict[str, float],
) -> Advice | None:
    c = ctx.config
    x, x0 = m_now[source], m_before[source]
    delta = x - x0
    ratio = _ratio(x, x0)
    by_points = abs(delta) >= c.shift_points
    by_ratio = max(x, x0) >= c.shift_min_share and ratio >= c.shift_ratio
    if not (by_points or by_ratio):
        return None
    effect = min(max(abs(delta) / c.shift_points, ratio / c.shift_ratio), _MAX_EFFECT)
    name = label(source)
    p = play(source)
    rose = delta > 0
    n = min(now.height, before.height)
    per_now, per_before = _per_video(now, source), _per_video(before, source)
    # A falling share with as many views per video from the source is dilution by a
    # rising neighbour, not a lost audience: say so instead of sounding an alarm.
    diluted = not rose and per_before > 0 and per_now >= 0.9 * per_before
    if rose and per_before > 0 and per_now < 0.9 * per_before:
        return None  # the share grew only because other sources shrank: nothing gained
    # A fall that is one past hit not repeating reads differently from a general decline.
    past = before.with_columns((pl.col("views") * pl.col(source)).alias("_e")).sort(
        "_e", descending=True
    )
    past_total = float(past["_e"].sum())
    one_hit = (
        past["video_id"][0]
        if not rose
        and not diluted
        and past.height >= 3
        and past_total > 0
        and float(past["_e"][0]) / past_total >= ONE_HIT
        else None
    )
    riser = max(
        (k for k in SOURCE_KEYS if k not in (source, "other")),
        key=lambda k: m_now[k] - m_before[k],
    )
    riser_delta = m_now[riser] - m_before[riser]

    move = (
        f"{points(delta)}"
        if by_points or ratio == float("inf")
        else f"{times(ratio)} {'up' if rose else 'down'}"
    )
    lead = f"{name} {'rose' if rose else 'fell'} from {pct(x0)} to {pct(x)} of views ({move})"
    if rose:
        headline = f"{lead} against the previous {ctx.period.days} days — lean into it"
    elif diluted and riser_delta > 0:
        headline = (
            f"{lead} as {label(riser)} grew to {pct(m_now[riser])} — a shift in mix, not a "
            f"loss: {name} views per video held at {compact(per_now)}"
        )
    elif one_hit is not None:
        # what the numbers show: one video carried the source before; not a full cause
        headline = (
            f"{lead} against the previous {ctx.period.days} days — "
            f"{pct(float(past['_e'][0]) / past_total)} of the earlier {name} views came from "
            f"one hit, {ctx.ref(one_hit)}"
        )
    else:
        headline = f"{lead} against the previous {ctx.period.days} days — find out what changed"
    views = float(now["views"].sum())
    est_now = x * views
    evidence = [
        Evidence(
            f"{name} share now",
            x,
            "share",
            f"{name}: {pct(x)} of views in {ctx.period_phrase}, over {now.height} organic "
            "videos with sources",
        ),
        Evidence(
            f"{name} share before",
            x0,
            "share",
            f"{name}: {pct(x0)} of views in {ctx.previous_phrase}, over {before.height} organic "
            "videos with sources",
        ),
        Evidence(
            "Change",
            round(delta, 6),
            "points",
            f"change: {points(delta)} {ctx.basis}"
            + (f" ({times(x / x0)})" if x0 > 0 else " (from nothing)"),
        ),
        Evidence(
            f"{name} views per video",
            round(per_now),
            "views",
            f"≈ {compact(per_now)} views from {name} per video now vs {compact(per_before)} "
            f"before (≈ {compact(est_now)} of the {compact(views)} views on this period's "
            "videos; views × share)",
        ),
    ]
    if rose:
        show = now.with_columns((pl.col("views") * pl.col(source)).alias("_e"))
        vids = show.filter(pl.col("_e") > 0).sort("_e", descending=True)["video_id"].head(3)
        actions = (
            [
                f"See what the videos that drew most from {name} did differently from last "
                f"period's: {ctx.refs(vids)}",
                *p.actions[:2],
            ]
            if len(vids)
            else list(p.actions[:3])
        )
    elif diluted:
        show = now.with_columns((pl.col("views") * pl.col(source)).alias("_e"))
        vids = show.filter(pl.col("_e") > 0).sort("_e", descending=True)["video_id"].head(3)
        actions = [
            f"Nothing is lost: keep doing what brings {name} views",
            f"Read the {label(riser)} advice: that is where the growth is",
        ]
    else:
        vids = past.filter(pl.col("_e") > 0)["video_id"].head(3)
        actions = [
            "Compare topic, hook, sound, length and posting time with the videos that drew "
            f"{name} views before" + (f": {ctx.refs(vids)}" if len(vids) else ""),
            *p.actions[:2],
        ]
        if one_hit is not None:
            share_hit = float(past["_e"][0]) / past_total
            evidence.append(
                Evidence(
                    "One earlier hit",
                    round(share_hit, 6),
                    "share",
                    f"{ctx.ref(one_hit)} alone brought {pct(share_hit)} of the {name} views of "
                    f"{ctx.previous_phrase}",
                )
            )
            actions = [
                f"Study {ctx.ref(one_hit)}: hook, topic, sound, length — and make a follow-up "
                "to it",
                *p.actions[:2],
            ]
    return ctx.advice(
        rule,
        f"shifts.{source}",
        "insight" if diluted else "change",
        headline,
        evidence,
        actions,
        n=n,
        effect=effect,
        views_at_stake=abs(delta) * views * (0.25 if diluted else 1.0),
        video_ids=vids.to_list(),
        source=source,
    )
