"""Rule 4 — days whose views jumped, and the videos and source behind them.

Trigger: a day in the period whose video views ≥ ``spike_multiple`` (3) × the
median of the ``spike_window_days`` (28) days before it, counting only days
with data and needing ``spike_min_baseline_days`` (14) of them. A median,
not a mean, so one earlier spike does not hide the next.

Behind it: the videos posted in the ``spike_lookback_days`` (3) days up to
the spike, biggest first (a viral video usually peaks within days of
posting), and the source their views came from — the one most above the
period's usual mix. Paid videos count here (a promotion can be the cause) and
are flagged.

Views at stake: Σ over the spike days of (views − baseline median).
Effect: the biggest day's multiple ÷ 3. Sample: days in its baseline (unit days).
"""

from __future__ import annotations

import statistics
from datetime import date, timedelta

import polars as pl

from ...formatting import compact, exact, pct, times
from ..config import AdvisorConfig
from ..context import Context, mix, organic, with_sources
from ..model import Advice, Evidence, Rule, Unavailable
from ..playbook import label
from ..text import plural


def rule_for(c: AdvisorConfig) -> Rule:
    """The rule as configured: its thresholds are the user's, or the defaults."""
    return Rule(
        "spikes",
        "View spikes",
        f"a day's views ≥ {c.spike_multiple:g}× the median of the {c.spike_window_days} days "
        f"before it (at least {c.spike_min_baseline_days} days with data)",
        c.threshold_source("spike_multiple"),
    )


RULE = rule_for(AdvisorConfig())  # key, title and default thresholds


def baselines(series: dict[date, int], window: int, min_days: int) -> dict[date, tuple[float, int]]:
    """Per day: (median of the ``window`` days before it, how many days that median used)."""
    out: dict[date, tuple[float, int]] = {}
    for d in series:
        before = [
            series[d - timedelta(days=i)]
            for i in range(1, window + 1)
            if d - timedelta(days=i) in series
        ]
        if len(before) >= min_days:
            out[d] = (float(statistics.median(before)), len(before))
    return out


def evaluate(ctx: Context) -> list[Advice | Unavailable]:
    rule = rule_for(ctx.config)
    c = ctx.config
    rows = ctx.daily_all.filter(pl.col("video_views").is_not_null())
    if rows.is_empty():
        return [
            ctx.unavailable(
                rule, "no daily video views in the store (they come from the Overview export)"
            )
        ]
    series = dict(zip(rows["date"].to_list(), rows["video_views"].to_list(), strict=True))
    base = baselines(series, c.spike_window_days, c.spike_min_baseline_days)
    judged = {d: b for d, b in base.items() if ctx.period.start <= d <= ctx.period.end}
    if not judged:
        in_period = sum(ctx.period.start <= d <= ctx.period.end for d in series)
        return [
            ctx.unavailable(
                rule,
                f"no day in {ctx.period_phrase} has {c.spike_min_baseline_days} days of views "
                f"in the {c.spike_window_days} days before it to compare with "
                f"({in_period} days of views in the period, {len(series)} in all)",
            )
        ]
    spikes = [
        (d, series[d], med, n)
        for d, (med, n) in sorted(judged.items())
        if med > 0 and series[d] >= c.spike_multiple * med
    ]
    if not spikes:
        return []
    excess = sum(v - med for _d, v, med, _n in spikes)
    d, views, med, n_base = max(spikes, key=lambda s: (s[1] / s[2], s[1]))
    ratio = views / med

    lo = d - timedelta(days=c.spike_lookback_days)
    behind = (
        ctx.videos.filter(pl.col("posted_on").is_between(lo, d) & pl.col("views").is_not_null())
        .sort("views", descending=True)
        .head(3)
    )
    others = [s for s in spikes if s[0] != d]
    headline = (
        f"On {ctx.day(d)} views hit {compact(views)}, {times(ratio)} your usual "
        f"{compact(med)} a day"
    )
    evidence = [
        Evidence(
            "Spike day views",
            int(views),
            "views",
            f"{ctx.day(d)}: {exact(views)} views against a median of {exact(round(med))} over the "
            f"{n_base} days with data before it ({times(ratio)})",
        ),
    ]
    if others:
        evidence.append(
            Evidence(
                "Other spike days",
                len(others),
                "count",
                f"{plural(len(others), 'more day')} at ≥ {c.spike_multiple:g}× the usual level "
                f"in {ctx.period_phrase}: "
                + ", ".join(f"{ctx.day(o[0])} ({times(o[1] / o[2])})" for o in others[:5])
                + (f" and {len(others) - 5} more" if len(others) > 5 else ""),
            )
        )
        headline += f" (and {len(others)} more spike day{'s' if len(others) > 1 else ''})"
    evidence.append(
        Evidence(
            "Views above usual",
            round(excess),
            "views",
            f"≈ {compact(excess)} views above the usual level across the spike days",
        )
    )
    actions: list[str]
    notes: list[str] = []
    if behind.is_empty():
        headline += " — no video posted just before explains it"
        evidence.append(
            Evidence(
                "Videos behind it",
                0,
                "count",
                f"no video posted from {ctx.span(lo, d)}: an older video "
                "was probably picked up again",
            )
        )
        actions = [
            "Sort the Videos screen by views to find the older video that was picked up again",
            "Make a follow-up to it while the topic is warm",
            "Pin it to your profile so the new viewers find more of you",
        ]
    else:
        top = behind["video_id"][0]
        cause = _source_behind(ctx, behind)
        headline += f", led by {ctx.ref(top)}"
        top_share = behind[cause[1]][0] if cause and behind["has_sources"][0] else None
        if top_share is not None:  # the lead video's own share, not the group's
            headline += f", which drew {pct(top_share)} of its views from {label(cause[1])}"
        headline += " — study it"
        evidence.append(
            Evidence(
                "Videos behind it",
                behind.height,
                "count",
                f"videos posted {ctx.span(lo, d)}: "
                + ctx.refs_with(
                    (v, f"{exact(w)} views{', paid' if a else ''}")
                    for v, w, a in zip(
                        behind["video_id"],
                        behind["views"],
                        behind["is_ad"].fill_null(False),
                        strict=True,
                    )
                ),
            )
        )
        if cause:
            evidence.append(Evidence("Source behind it", cause[1], "text", cause[2]))
        actions = [
            f"Open {ctx.ref(top)}: write down its hook, topic, sound, length and posting time",
            "Make a follow-up or part 2 within days, while its viewers are still around",
            "Reuse its format on the next 2–3 videos and compare their views",
        ]
        paid = behind.filter(pl.col("is_ad").fill_null(False))
        if not paid.is_empty():
            notes.append(
                f"{ctx.refs(paid['video_id'])} {'is' if paid.height == 1 else 'are'} paid: "
                "the spike may be bought reach, not a content lesson"
            )
    return [
        ctx.advice(
            rule,
            f"spikes.{d.isoformat()}",
            "insight",
            headline,
            evidence,
            actions,
            n=n_base,
            unit="days",
            effect=ratio / c.spike_multiple,
            views_at_stake=excess,
            video_ids=behind["video_id"].to_list(),
            notes=notes,
            sample_videos=behind.height,
        )
    ]


def _source_behind(ctx: Context, behind: pl.DataFrame) -> tuple[str, str, str] | None:
    """(short phrase, source key, sentence): the source most above the usual mix."""
    spike_mix = mix(behind)
    if not spike_mix:
        return None
    usual = mix(with_sources(organic(ctx.in_period))) or spike_mix
    source = max(spike_mix, key=lambda k: (spike_mix[k] - usual.get(k, 0.0), spike_mix[k]))
    if spike_mix[source] - usual.get(source, 0.0) < 0.05:
        source = max(spike_mix, key=lambda k: spike_mix[k])
    name = label(source)
    phrase = f"{pct(spike_mix[source])} from {name}"
    sentence = (
        f"the videos behind it drew {pct(spike_mix[source])} of their views from {name}, "
        f"against {pct(usual.get(source, 0.0))} for the period's videos"
    )
    return phrase, source, sentence
