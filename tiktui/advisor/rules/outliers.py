"""Rule 3 — videos that drew far more from one source than the account usually does.

Trigger: a video's share of a source ≥ ``outlier_multiple`` (2) × the
account's median share of that source over the period's organic videos, and
at least ``outlier_min_points`` (5 points) above it — so, when most videos
get 0 % from Direct messages, one at 0.4 % is not an outlier. Paid videos
can be outliers (being paid is one of the traits compared) but never set the
median. Then: what do the outliers have in common that the others do not?
Caption words, length, paid or not; the posting hour (on the account's
clock) is evidence only: when to post is the followers' best hours
(``Context.best_hours``), said by the timing rule, so two pieces of advice
never name different hours.

Views at stake: Σ over the outliers of (share − median) × the video's views.
Effect: the outliers' median share ÷ (multiple × median share), capped at
10 (share ÷ 5 points when the median is 0).
Sample: the number of outlier videos — patterns in two videos are anecdotes.

Data and minimum sample: ``min_videos`` (3) organic videos with sources
posted in the period (``video_sources``: the only path — an account-wide
figure cannot tell one video from another).

``measure`` (pure Polars) returns an :class:`OutlierFinding`: per source that
has outliers, the median, the bar, the outlier videos with their shares, the
effect, the stake and the :class:`Traits` they share; ``word`` says each.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import polars as pl

from ...data.sources import SOURCE_KEYS
from ...formatting import hour, hours_counted, pct, seconds, times
from ..config import AdvisorConfig
from ..context import Context, median, with_sources
from ..finding import Lacking, Sample, say_lacking
from ..model import Advice, DataPath, Evidence, Rule, Unavailable
from ..playbook import label, play
from ..text import caption_words as words
from ..text import plural, quote_list

PATHS = (
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
        "outliers",
        "Outlier videos per source",
        f"a video's share of a source ≥ {c.outlier_multiple:g}× the account's median share for "
        f"it, and ≥ {c.outlier_min_points * 100:g} points above it",
        c.threshold_source("outlier_multiple"),
    )


RULE = rule_for(AdvisorConfig())  # key, title and default thresholds


# -- measure -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """A caption word in ``n`` of the outliers and ``share_rest`` of the other videos."""

    word: str
    n: int
    share_rest: float


@dataclass(frozen=True)
class Traits:
    """What the outliers have, next to the other videos of the period."""

    words: tuple[Word, ...]  # in at least half of them, ≥ 30 points rarer elsewhere
    length: float | None  # median seconds
    length_rest: float | None
    hours: tuple[int, ...]  # posting hours on the account's clock (evidence only)
    hours_rest: tuple[int, ...]
    paid: int | None  # how many are paid; None when no outlier says

    @property
    def length_ratio(self) -> float | None:
        if self.length is None or not self.length_rest:
            return None
        return self.length / self.length_rest


@dataclass(frozen=True)
class Outliers:
    """The videos that stood out for one source."""

    source: str
    median: float  # the account's median share of the source, organic videos
    bar: float  # the share a video needed
    video_ids: tuple[str, ...]  # most views from the source first
    shares: tuple[float, ...]
    hit_median: float
    effect: float
    stake: float
    traits: Traits

    @property
    def n(self) -> int:
        return len(self.video_ids)


@dataclass(frozen=True)
class OutlierFinding:
    sample: Sample  # organic videos with sources, against min_videos
    groups: tuple[Outliers, ...]
    path: str = "video_sources"


def measure(ctx: Context) -> OutlierFinding | Lacking:
    base = with_sources(ctx.organic)
    need = ctx.config.min_videos
    if base.height < need:
        return Lacking(Sample(base.height, need), "have traffic-source data", path="video_sources")
    every = with_sources(ctx.in_period)
    found = (_outliers(ctx, base, every, s) for s in SOURCE_KEYS if s != "other")
    return OutlierFinding(Sample(base.height, need), tuple(o for o in found if o is not None))


def _outliers(
    ctx: Context, base: pl.DataFrame, every: pl.DataFrame, source: str
) -> Outliers | None:
    c = ctx.config
    med = median(base[source]) or 0.0
    bar = max(c.outlier_multiple * med, med + c.outlier_min_points)
    hits = every.filter(pl.col(source) >= bar).sort(
        pl.col("views") * pl.col(source), descending=True
    )
    if hits.is_empty():
        return None
    hit_median = median(hits[source]) or 0.0
    if med > 0:
        effect = hit_median / (c.outlier_multiple * med)
    else:
        effect = hit_median / c.outlier_min_points
    return Outliers(
        source,
        med,
        bar,
        tuple(hits["video_id"].to_list()),
        tuple(float(x) for x in hits[source].to_list()),
        hit_median,
        min(effect, _MAX_EFFECT),
        float(((hits[source] - med) * hits["views"]).sum()),
        traits(ctx, hits, every.filter(pl.col(source) < bar)),
    )


def traits(ctx: Context, hits: pl.DataFrame, rest: pl.DataFrame) -> Traits:
    """Caption words in at least half the outliers (all of them when there are two or
    fewer) and at least 30 points more common than in the other videos — one video's
    words are all "unique" to it: an anecdote, so words need two outliers; lengths,
    posting hours and how many are paid."""
    k = hits.height
    hit_words = [words(c) for c in hits["caption"].to_list()]
    rest_words = [words(c) for c in rest["caption"].to_list()]
    need = k if k <= 2 else (k + 1) // 2
    counts = Counter(w for ws in hit_words for w in ws)
    rest_counts = Counter(w for ws in rest_words for w in ws)
    scored = []
    for w, n in counts.items():
        if k < 2 or n < need:
            continue
        f_rest = rest_counts[w] / len(rest_words) if rest_words else 0.0
        if n / k - f_rest >= 0.3:
            scored.append((n / k - f_rest, n, w, f_rest))
    scored.sort(key=lambda t: (-t[0], -t[1], t[2]))
    known = hits.filter(pl.col("is_ad").is_not_null())
    return Traits(
        tuple(Word(w, n, f) for _d, n, w, f in scored[:5]),
        median(hits["duration_s"]),
        median(rest["duration_s"]),
        tuple(ctx.hours_of(hits)),
        tuple(ctx.hours_of(rest)),
        None if known.is_empty() else int(known["is_ad"].sum()),
    )


def evaluate(ctx: Context) -> list[Advice | Unavailable]:
    rule = rule_for(ctx.config)
    found = measure(ctx)
    if isinstance(found, Lacking):
        return [say_lacking(ctx, rule, found)]
    worded = [
        (word(ctx, rule, found, o), frozenset(o.video_ids), _fragment(o)) for o in found.groups
    ]
    return list(_merge_same_videos(worded))


# -- word ----------------------------------------------------------------------------------


def _merge_same_videos(found: list[tuple[Advice, frozenset[str], str]]) -> list[Advice]:
    """The same videos standing out for two sources (storytimes: Profile and Following) are
    one finding, not two: the second source joins the first's headline and evidence."""
    merged: dict[frozenset[str], Advice] = {}
    for advice, videos, fragment in sorted(found, key=lambda f: -f[0].views_at_stake):
        first = merged.get(videos)
        if first is None:
            merged[videos] = advice
            continue
        head, sep, tail = first.headline.partition(" — ")
        merged[videos] = replace(
            first,
            headline=f"{head}, and {fragment}{sep}{tail}",
            evidence=(*first.evidence[:2], *advice.evidence[:2], *first.evidence[2:]),
            views_at_stake=first.views_at_stake + advice.views_at_stake,
            also=(*first.also, advice.id),
        )
    return list(merged.values())


def _ratio(o: Outliers) -> str:
    if o.median > 0:
        return f"{times(o.hit_median / o.median)} your usual {pct(o.median)}"
    return f"where your usual share is {pct(o.median)}"


def _fragment(o: Outliers) -> str:
    """``7.9% from Following (3.2× your median 2.5%)``: what a merged source adds."""
    return f"{pct(o.hit_median)} from {label(o.source)} ({_ratio(o)})"


def word(ctx: Context, rule: Rule, f: OutlierFinding, o: Outliers) -> Advice:
    name, k = label(o.source), o.n
    said, recipe, trait_evidence = _in_common(o.traits, k, ctx)
    subject = (
        f"{k} videos drew a median {pct(o.hit_median)} of their views from {name}"
        if k > 1
        else f"1 video drew {pct(o.hit_median)} of its views from {name}"
    )
    headline = f"{subject}, {_ratio(o)}"
    if said:
        headline += f" — {'what sets it apart' if k == 1 else 'in common'}: {said[0]}"
    else:
        headline += " — study what sets " + ("it" if k == 1 else "them") + " apart"
    evidence = [
        Evidence(
            f"Median {name} share",
            o.median,
            "share",
            f"your median {name} share: {pct(o.median)} per video ({f.sample.n} organic videos "
            f"with sources posted in {ctx.period_phrase})",
        ),
        Evidence(
            "Outlier videos",
            k,
            "count",
            f"{plural(k, 'video')} at ≥ {pct(o.bar)} from {name}: "
            + ctx.refs_with((v, pct(x)) for v, x in zip(o.video_ids, o.shares, strict=True)),
        ),
        *trait_evidence,
    ]
    top = list(o.video_ids[:3])
    if k == 1:
        watch = f"Watch {ctx.ref(top[0])} again: note its first seconds, topic, sound and caption"
    else:
        watch = (
            f"Watch {ctx.refs(top)} back to back: what do the first seconds, topic and "
            "caption share?"
        )
    actions = [watch]
    if recipe:
        actions.append(
            f"Make 2–3 more videos like {'it' if k == 1 else 'them'} ({'; '.join(recipe[:2])}) "
            f"and compare their {name} share"
        )
    actions += list(play(o.source).actions[:2])
    notes = []
    if o.traits.paid:
        notes.append(
            "it is paid: part of its reach was bought"
            if k == 1
            else f"{o.traits.paid} of the {k} are paid: part of their reach was bought"
        )
    return ctx.advice(
        rule,
        f"outliers.{o.source}",
        "insight",
        headline,
        evidence,
        actions,
        n=k,
        effect=o.effect,
        views_at_stake=o.stake,
        video_ids=list(o.video_ids),
        source=o.source,
        notes=notes,
        data=f.path,
    )


def _in_common(t: Traits, k: int, ctx: Context) -> tuple[list[str], list[str], list[Evidence]]:
    """The traits as noun phrases for the headline ("the caption words …", "longer videos
    (48 s vs 21 s)"), the same as things to do ("about 48 s long"), and their evidence."""
    said: list[str] = []
    recipe: list[str] = []
    evidence: list[Evidence] = []
    them = "this video" if k == 1 else "the outliers"
    common = [w.word for w in t.words]
    if common:
        said.append(f"the caption words {quote_list(common, 3)}")
        recipe.append(f"with {quote_list(common, 3)} in the caption")
        evidence.append(
            Evidence(
                "Caption words",
                ", ".join(common),
                "text",
                "caption words in the outliers but rare in your other videos: "
                + "; ".join(
                    f"“{w.word}” in {w.n} of {k} vs {pct(w.share_rest)} of the others"
                    for w in t.words
                ),
            )
        )
    r = t.length_ratio
    if r is not None and t.length is not None:
        if r >= 1.3 or r <= 1 / 1.3:
            longer = "longer" if r > 1 else "shorter"
            said.append(
                f"a {longer} length ({seconds(t.length)} vs {seconds(t.length_rest)})"
                if k == 1
                else f"{longer} videos ({seconds(t.length)} vs {seconds(t.length_rest)})"
            )
            recipe.append(f"about {seconds(t.length)} long")
        evidence.append(
            Evidence(
                "Length",
                round(t.length, 1),
                "seconds",
                (
                    f"length {seconds(t.length)} for this video"
                    if k == 1
                    else f"median length {seconds(t.length)} for the outliers"
                )
                + f" vs {seconds(t.length_rest)} for the others",
            )
        )
    # Posting hour, on the account's clock: evidence, never a trait to copy (see above).
    if t.hours:
        rest_hint = ""
        if t.hours_rest:
            rest_med = sorted(t.hours_rest)[len(t.hours_rest) // 2]
            rest_hint = f"; others: around {hour(rest_med)}"
        evidence.append(
            Evidence(
                "Posting hour",
                sorted(t.hours)[len(t.hours) // 2],
                "hour",
                f"{them} posted at {hours_counted(t.hours)}{rest_hint} {ctx.zone_name}",
            )
        )
    if t.paid is not None:
        paid = t.paid
        if k == 1:
            text = "it is paid (promoted)" if paid else "it is not paid"
        else:
            text = (
                f"{paid} of the {k} outliers are paid (promoted)"
                if paid
                else f"none of the {k} outliers is paid"
            )
        evidence.append(Evidence("Paid", paid, "count", text))
        if paid == k and k > 1:
            said.append("all paid")
    return said, recipe, evidence
