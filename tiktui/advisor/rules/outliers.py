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
posted in the period.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

import polars as pl

from ...data.sources import SOURCE_KEYS
from ...formatting import hour, hours_counted, pct, seconds, times
from ..config import AdvisorConfig
from ..context import Context, median, with_sources
from ..model import Advice, DataPath, Evidence, Rule, Unavailable
from ..playbook import label, play
from ..text import plural, quote_list

PATHS = (
    DataPath(
        "video_sources",
        "each video's traffic sources",
        "Studio's per-video pages saved from the browser, or the Business API",
    ),
)


_MAX_EFFECT = 10.0

STOPWORDS = frozenset(
    """a an and are as at be but by for from has have how i if in into is it its me my no not
    of on or our so that the their them then this to too was we what when who why will with you
    your yours just get got can do does did it's i'm im u ur here there all more most very out up
    new one day fyp foryou foryoupage fy viral trending because ever almost comes come came make
    made makes like about after before over only some than they were been which would could
    should these those every much many also still even back time first last next really never
    always thing things something want way let lets let's see look going gonna want wait watch
    need try tried people dont don't can't cant didn't isn't""".split()
)
_WORD = re.compile(r"#?[\w']+", re.UNICODE)


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


def words(caption: str | None) -> set[str]:
    """Caption words worth comparing: lower-cased, hashtags kept, filler dropped."""
    if not caption:
        return set()
    out = set()
    for w in _WORD.findall(caption.lower()):
        bare = w.lstrip("#").strip("'")
        if len(bare) < 3 or bare.isdigit() or bare in STOPWORDS:
            continue
        out.add(w)
    return out


def evaluate(ctx: Context) -> list[Advice | Unavailable]:
    rule = rule_for(ctx.config)
    base = with_sources(ctx.organic)
    if base.height < ctx.config.min_videos:
        return [ctx.too_few(rule, base.height, "have traffic-source data")]
    every = with_sources(ctx.in_period)
    found: list[tuple[Advice, frozenset[str], str]] = []
    for source in SOURCE_KEYS:
        if source == "other":
            continue
        one = _judge(ctx, rule, base, every, source)
        if one:
            found.append(one)
    return list(_merge_same_videos(found))


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


def _judge(
    ctx: Context, rule: Rule, base: pl.DataFrame, every: pl.DataFrame, source: str
) -> tuple[Advice, frozenset[str], str] | None:
    """The advice for one source, the full set of its outlier videos, and a short clause
    ("7.9% from Following (3.2× your median 2.5%)") for merging."""
    c = ctx.config
    med = median(base[source]) or 0.0
    bar = max(c.outlier_multiple * med, med + c.outlier_min_points)
    hits = every.filter(pl.col(source) >= bar).sort(
        pl.col("views") * pl.col(source), descending=True
    )
    if hits.is_empty():
        return None
    rest = every.filter(pl.col(source) < bar)
    name = label(source)
    k = hits.height
    hit_median = median(hits[source]) or 0.0
    if med > 0:
        effect = hit_median / (c.outlier_multiple * med)
    else:
        effect = hit_median / c.outlier_min_points
    effect = min(effect, _MAX_EFFECT)
    stake = float(((hits[source] - med) * hits["views"]).sum())
    traits, recipe, trait_evidence = _in_common(hits, rest, ctx)

    subject = (
        f"{k} videos drew a median {pct(hit_median)} of their views from {name}"
        if k > 1
        else f"1 video drew {pct(hit_median)} of its views from {name}"
    )
    ratio = (
        f"{times(hit_median / med)} your usual {pct(med)}"
        if med > 0
        else (f"where your usual share is {pct(med)}")
    )
    headline = f"{subject}, {ratio}"
    if traits:
        headline += f" — {'what sets it apart' if k == 1 else 'in common'}: {traits[0]}"
    else:
        headline += " — study what sets " + ("it" if k == 1 else "them") + " apart"
    evidence = [
        Evidence(
            f"Median {name} share",
            med,
            "share",
            f"your median {name} share: {pct(med)} per video ({base.height} organic videos "
            f"with sources posted in {ctx.period_phrase})",
        ),
        Evidence(
            "Outlier videos",
            k,
            "count",
            f"{plural(k, 'video')} at ≥ {pct(bar)} from {name}: " + ctx.refs_pct(hits, source),
        ),
        *trait_evidence,
    ]
    top = hits["video_id"].head(3).to_list()
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
    actions += list(play(source).actions[:2])
    notes = []
    paid = int(hits["is_ad"].fill_null(False).sum())
    if paid:
        notes.append(
            "it is paid: part of its reach was bought"
            if k == 1
            else f"{paid} of the {k} are paid: part of their reach was bought"
        )
    fragment = f"{pct(hit_median)} from {name} ({ratio})"
    return (
        ctx.advice(
            rule,
            f"outliers.{source}",
            "insight",
            headline,
            evidence,
            actions,
            n=k,
            effect=effect,
            views_at_stake=stake,
            video_ids=hits["video_id"].to_list(),
            source=source,
            notes=notes,
        ),
        frozenset(hits["video_id"].to_list()),
        fragment,
    )


def _in_common(
    hits: pl.DataFrame, rest: pl.DataFrame, ctx: Context
) -> tuple[list[str], list[str], list[Evidence]]:
    """What the outliers share that the others do not: noun phrases for the headline ("the
    caption words …", "longer videos (48 s vs 21 s)"), the same as things to do for the
    action ("about 48 s long"), and their numbers as evidence."""
    traits: list[str] = []
    recipe: list[str] = []
    evidence: list[Evidence] = []
    k = hits.height
    them = "this video" if k == 1 else "the outliers"

    # Caption words: in at least half the outliers (all of them when there are two or
    # fewer) and at least 30 points more common than in the other videos. One video's
    # caption words are all "unique" to it: an anecdote, so they need two outliers.
    hit_words = [words(c) for c in hits["caption"].to_list()]
    rest_words = [words(c) for c in rest["caption"].to_list()]
    need = k if k <= 2 else (k + 1) // 2
    counts = Counter(w for ws in hit_words for w in ws)
    rest_counts = Counter(w for ws in rest_words for w in ws)
    scored = []
    for w, n in counts.items():
        if k < 2 or n < need:
            continue
        f_hit = n / k
        f_rest = rest_counts[w] / len(rest_words) if rest_words else 0.0
        if f_hit - f_rest >= 0.3:
            scored.append((f_hit - f_rest, n, w, f_rest))
    scored.sort(key=lambda t: (-t[0], -t[1], t[2]))
    common = [w for _d, _n, w, _f in scored[:5]]
    if common:
        traits.append(f"the caption words {quote_list(common, 3)}")
        recipe.append(f"with {quote_list(common, 3)} in the caption")
        evidence.append(
            Evidence(
                "Caption words",
                ", ".join(common),
                "text",
                "caption words in the outliers but rare in your other videos: "
                + "; ".join(
                    f"“{w}” in {n} of {k} vs {pct(f)} of the others" for _d, n, w, f in scored[:5]
                ),
            )
        )

    # Length.
    d_hit, d_rest = median(hits["duration_s"]), median(rest["duration_s"])
    if d_hit is not None and d_rest is not None and d_rest > 0:
        r = d_hit / d_rest
        if r >= 1.3 or r <= 1 / 1.3:
            longer = "longer" if r > 1 else "shorter"
            traits.append(
                f"a {longer} length ({seconds(d_hit)} vs {seconds(d_rest)})"
                if k == 1
                else f"{longer} videos ({seconds(d_hit)} vs {seconds(d_rest)})"
            )
            recipe.append(f"about {seconds(d_hit)} long")
        evidence.append(
            Evidence(
                "Length",
                round(d_hit, 1),
                "seconds",
                (
                    f"length {seconds(d_hit)} for this video"
                    if k == 1
                    else f"median length {seconds(d_hit)} for the outliers"
                )
                + f" vs {seconds(d_rest)} for the others",
            )
        )

    # Posting hour, on the account's clock: evidence, never a trait to copy (see above).
    h_hit, h_rest = ctx.hours_of(hits), ctx.hours_of(rest)
    if h_hit:
        rest_hint = ""
        if h_rest:
            rest_med = sorted(h_rest)[len(h_rest) // 2]
            rest_hint = f"; others: around {hour(rest_med)}"
        evidence.append(
            Evidence(
                "Posting hour",
                sorted(h_hit)[len(h_hit) // 2],
                "hour",
                f"{them} posted at {hours_counted(h_hit)}{rest_hint} {ctx.zone_name}",
            )
        )

    # Paid.
    known = hits.filter(pl.col("is_ad").is_not_null())
    if not known.is_empty():
        paid = int(known["is_ad"].sum())
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
            traits.append("all paid")
    return traits, recipe, evidence
