"""Rule 4 — days whose views jumped, and the videos and source behind them.

Data: the daily video views (Studio's Overview, the Business API's daily
metrics). Minimum sample: ``spike_min_baseline_days`` (14) days of views in
the ``spike_window_days`` (28) before a day of the period.

Trigger: a day in the period whose video views ≥ ``spike_multiple`` (3) × a
level the account has actually held: the larger of the median of the
``spike_window_days`` (28) days before it (days with data only) and the
period's own median daily views — so the empty first weeks of a new account
are no baseline. A median, not a mean, so one earlier spike does not hide
the next. A run of such days counts in the period where it began (the tail of
an earlier spike is not news). A multiple above ``spike_almost_nothing`` (20×) is not headlined as
a multiple: it is worded "from almost nothing", with the level it rose from.

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
from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

from ...data.queries import Period
from ...formatting import compact, exact, pct, times
from ..config import AdvisorConfig
from ..context import Context, mix, organic, with_sources
from ..model import Advice, DataPath, Evidence, Rule, Unavailable
from ..playbook import label
from ..text import plural

PATHS = (
    DataPath("daily_views", "daily video views", "Overview.csv in Studio's Overview download"),
)


def rule_for(c: AdvisorConfig) -> Rule:
    """The rule as configured: its thresholds are the user's, or the defaults."""
    return Rule(
        "spikes",
        "View spikes",
        f"a day's views ≥ {c.spike_multiple:g}× the median of the {c.spike_window_days} days "
        f"before it (at least {c.spike_min_baseline_days} days with data) or the period's "
        "median, whichever is higher; a run of such days counts in the period it began",
        c.threshold_source("spike_multiple"),
    )


RULE = rule_for(AdvisorConfig())  # key, title and default thresholds


def baselines(series: dict[date, int], window: int, min_days: int) -> dict[date, tuple[float, int]]:
    """Per day: (median of the ``window`` days before it, how many days that median used).

    One rolling median by date in Polars (the window ``[d - window, d)``): a plain loop
    over three years of days was most of an advice run."""
    if not series:
        return {}
    frame = pl.DataFrame(
        {"date": list(series), "v": list(series.values())},
        schema={"date": pl.Date, "v": pl.Float64},
    ).sort("date")
    spec = {"window_size": f"{window}d", "closed": "left"}
    got = frame.with_columns(
        med=pl.col("v").rolling_median_by("date", **spec),
        n=pl.col("v").is_not_null().cast(pl.Int64).rolling_sum_by("date", **spec),
    ).filter(pl.col("n") >= min_days)
    return {
        d: (float(m), int(n)) for d, m, n in zip(got["date"], got["med"], got["n"], strict=True)
    }


@dataclass(frozen=True)
class Spike:
    day: date
    views: int
    baseline: float  # the level it is measured against
    base_days: int  # days with data in the rolling window before it
    ratio: float


@dataclass(frozen=True)
class Finding:
    """The biggest spike of the period, the others, and the level they rose from."""

    top: Spike
    others: tuple[Spike, ...]  # the biggest day of each other run of high days
    excess: float  # Σ (views − baseline) over the spike days
    period_median: float  # the period's own median daily views (the floor of every baseline)

    @property
    def from_almost_nothing(self) -> bool:
        return self.top.ratio > self.almost_nothing

    almost_nothing: float = 20.0


def measure(ctx: Context) -> Finding | Unavailable | None:
    """Spikes in the period, against a level the account held: the larger of the median of
    the ``spike_window_days`` before each day and the period's own median daily views
    (so the empty weeks of a new account are no baseline). None: nothing spiked."""
    rule = rule_for(ctx.config)
    c = ctx.config
    rows = ctx.daily_all.filter(pl.col("video_views").is_not_null())
    if rows.is_empty():
        return ctx.no_data(rule, PATHS, minimum(c))
    series = dict(zip(rows["date"].to_list(), rows["video_views"].to_list(), strict=True))
    base = baselines(series, c.spike_window_days, c.spike_min_baseline_days)
    judged = {d: b for d, b in base.items() if ctx.period.start <= d <= ctx.period.end}
    if not judged:
        return ctx.no_data(rule, PATHS, minimum(c))
    held = statistics.median(
        v for d, v in series.items() if ctx.period.start <= d <= ctx.period.end
    )
    high: dict[date, Spike] = {}
    for d, (med, n) in sorted(base.items()):
        level = max(med, float(held))
        if level > 0 and series[d] >= c.spike_multiple * level:
            high[d] = Spike(d, int(series[d]), level, n, series[d] / level)
    spikes = [s for d, s in high.items() if d in judged and _started_in(d, high, ctx.period)]
    if not spikes:
        return None
    runs: dict[date, Spike] = {}  # per run of high days (by its first day): its biggest day
    for sp in spikes:
        start = _run_start(sp.day, high)
        if start not in runs or (sp.ratio, sp.views) > (runs[start].ratio, runs[start].views):
            runs[start] = sp
    top = max(runs.values(), key=lambda s: (s.ratio, s.views))
    return Finding(
        top,
        tuple(s for s in runs.values() if s.day != top.day),
        sum(s.views - s.baseline for s in spikes),
        float(held),
        c.spike_almost_nothing,
    )


def _run_start(d: date, high: dict[date, Spike]) -> date:
    """The first day of the run of high days that ``d`` belongs to."""
    while d - timedelta(days=1) in high:
        d -= timedelta(days=1)
    return d


def _started_in(d: date, high: dict[date, Spike], period: Period) -> bool:
    """Whether the run of high days that ``d`` belongs to began in the period: the tail of
    a spike that began before it is that period's news, not this one's."""
    return _run_start(d, high) >= period.start


def minimum(c: AdvisorConfig) -> str:
    return (
        f"{c.spike_min_baseline_days} days of views in the {c.spike_window_days} days before "
        "a day of the period (spike_min_baseline_days)"
    )


def evaluate(ctx: Context) -> list[Advice | Unavailable]:
    found = measure(ctx)
    if found is None:
        return []
    if isinstance(found, Unavailable):
        return [found]
    return word(ctx, found)


def word(ctx: Context, f: Finding) -> list[Advice]:
    rule = rule_for(ctx.config)
    c = ctx.config
    d, views, med, n_base, ratio = (
        f.top.day,
        f.top.views,
        f.top.baseline,
        f.top.base_days,
        f.top.ratio,
    )
    excess = f.excess
    lo = d - timedelta(days=c.spike_lookback_days)
    behind = (
        ctx.videos.filter(pl.col("posted_on").is_between(lo, d) & pl.col("views").is_not_null())
        .sort("views", descending=True)
        .head(3)
    )
    others = f.others
    if f.from_almost_nothing:  # a multiple of almost nothing says nothing: give the numbers
        headline = (
            f"On {ctx.day(d)} views hit {compact(views)}, from almost nothing "
            f"({compact(med)} a day before)"
        )
    else:
        headline = (
            f"On {ctx.day(d)} views hit {compact(views)}, {times(ratio)} your usual "
            f"{compact(med)} a day"
        )
    evidence = [
        Evidence(
            "Spike day views",
            int(views),
            "views",
            f"{ctx.day(d)}: {exact(views)} views against {exact(round(med))} a day, the larger "
            f"of the median of the {n_base} days with data before it and the period's median "
            f"({exact(round(f.period_median))}) ({times(ratio)})",
        ),
    ]
    if others:
        evidence.append(
            Evidence(
                "Other spike days",
                len(others),
                "count",
                f"{plural(len(others), 'more spike')} at ≥ {c.spike_multiple:g}× the usual level "
                f"in {ctx.period_phrase}: "
                + ", ".join(f"{ctx.day(o.day)} ({times(o.ratio)})" for o in others[:5])
                + (f" and {len(others) - 5} more" if len(others) > 5 else ""),
            )
        )
        headline += f" (and {plural(len(others), 'more spike')})"
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
            data="daily_views",
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
