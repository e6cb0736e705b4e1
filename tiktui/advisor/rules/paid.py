"""Rule 9 — organic vs paid: what promotion bought, and why every other rule ignores it.

Compares the period's videos marked paid (``is_ad`` true) with those marked
organic (``is_ad`` false; unknown ones are left out here): median views per
video, engagement rate ((likes + comments + shares) ÷ views, summed), new
followers per 1,000 views, and the source mix. Every other rule uses organic
videos only, so a promoted video never passes for a content lesson.

Trigger: at least one paid and one organic video in the period. Silent when
no video is paid; "not enough data" when no export says which videos were
paid (Studio files do not; the Business API does).
Views at stake: Σ over paid videos of (views − the organic median), the reach
that was bought. Effect: the larger of the views ratio and the engagement
ratio (either way) ÷ 1.5. Sample: the smaller group.

Data and minimum sample: the paid flag (``is_ad``, Business API — the only
path: Studio's files do not say) on at least one paid and one organic video
posted in the period (one paid video is compared with the organic median, and
said to be one).

``measure`` (pure Polars) returns a :class:`PaidFinding` — both groups' counts,
median views, engagement, followers per 1,000 views and their widest source
gap — a ``Lacking``, or None when no video was paid; ``word`` says it.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from ...data.queries import ENGAGEMENT_FORMULA
from ...data.sources import SOURCE_KEYS
from ...formatting import compact, exact, pct, points, times
from ..context import Context, median, mix
from ..finding import Lacking, Sample
from ..model import Advice, DataPath, Evidence, Rule, Unavailable
from ..playbook import label
from ..text import plural
from .engagement import rate

PATHS = (
    DataPath(
        "is_ad",
        "which videos were promoted",
        "the Business API",
    ),
)


RULE = Rule(
    "paid",
    "Organic vs paid",
    "any video marked paid (is_ad) in the period, compared with organic ones",
    "the account's own organic videos",
)
NOTABLE = 1.5
SAME = 1.1  # within ±10 %: "about the same"


# -- measure -------------------------------------------------------------------------------


def _per_1000(videos: pl.DataFrame) -> float | None:
    v = videos.filter(pl.col("new_followers").is_not_null() & (pl.col("views") > 0))
    views = float(v["views"].sum()) if not v.is_empty() else 0.0
    return float(v["new_followers"].sum()) / views * 1000 if views else None


@dataclass(frozen=True)
class PaidFinding:
    """Paid against organic videos of the period."""

    sample: Sample  # the smaller group, against one
    paid: int
    organic: int
    unflagged: int  # videos of the period without a paid flag, left out
    views_paid: float  # the median (the one paid video's views when it is alone)
    views_organic: float
    er_paid: float | None  # engagement, summed over the group
    er_organic: float | None
    fol_paid: float | None  # new followers per 1,000 views
    fol_organic: float | None
    mix_gap: tuple[str, float, float] | None  # the source whose share differs most
    bought: float  # Σ over paid videos of views above the organic median
    top_paid: tuple[str, ...]
    best_organic: tuple[str, ...]
    path: str = "is_ad"

    @property
    def views_ratio(self) -> float | None:
        return self.views_paid / self.views_organic if self.views_organic > 0 else None

    @property
    def er_ratio(self) -> float | None:
        if self.er_paid is None or not self.er_organic:
            return None
        return self.er_paid / self.er_organic

    @property
    def effect(self) -> float:
        """The larger of the two ratios (either way) ÷ 1.5, capped at 10."""
        effects = [r if r >= 1 else 1 / r for r in (self.views_ratio, self.er_ratio) if r]
        return min(max(effects) / NOTABLE, 10.0) if effects else 0.0

    @property
    def fewer_fans(self) -> bool:
        return (
            self.fol_paid is not None
            and self.fol_organic is not None
            and self.fol_paid < self.fol_organic
        )


NO_FLAG = "no_flag"  # Lacking.what: no export says which videos were promoted
ALL_PAID = "all_paid"  # every flagged video of the period is paid


def measure(ctx: Context) -> PaidFinding | Lacking | None:
    """The comparison; a Lacking without flags or organic videos; None when none is paid."""
    vids = ctx.in_period.filter(pl.col("views").is_not_null())
    known = vids.filter(pl.col("is_ad").is_not_null())
    if known.is_empty():
        if ctx.videos.filter(pl.col("is_ad").is_not_null()).is_empty():
            return Lacking(Sample(0, 1), NO_FLAG, "none", "is_ad")
        return None
    paid = known.filter(pl.col("is_ad"))
    org = known.filter(~pl.col("is_ad"))
    if paid.is_empty():
        return None
    if org.is_empty():
        return Lacking(Sample(0, 1), ALL_PAID, "now", "is_ad")
    mo = median(org["views"]) or 0.0
    m_paid, m_org = mix(paid), mix(org)
    gap = None
    if m_paid and m_org:
        key = max(SOURCE_KEYS, key=lambda k: abs(m_paid[k] - m_org[k]))
        gap = (key, m_paid[key], m_org[key])
    return PaidFinding(
        Sample(min(paid.height, org.height), 1),
        paid.height,
        org.height,
        vids.height - known.height,
        median(paid["views"]) or 0.0,
        mo,
        rate(paid),
        rate(org),
        _per_1000(paid),
        _per_1000(org),
        gap,
        float((paid["views"] - mo).clip(lower_bound=0).sum()),
        tuple(paid.sort("views", descending=True)["video_id"].head(3).to_list()),
        tuple(
            org.sort("engagement_rate", descending=True, nulls_last=True)["video_id"]
            .head(2)
            .to_list()
        ),
    )


def evaluate(ctx: Context) -> list[Advice | Unavailable]:
    found = measure(ctx)
    if found is None:
        return []
    if isinstance(found, Lacking):
        if found.what == NO_FLAG:
            why = (
                "no export says which videos were promoted (the paid flag comes from the "
                "Business API): other rules count every video as organic"
            )
        else:
            flagged = ctx.in_period.filter(
                pl.col("views").is_not_null() & pl.col("is_ad").is_not_null()
            ).height
            why = (
                f"all {flagged} videos with a paid flag in {ctx.period_phrase} are "
                "paid: no organic video to compare with"
            )
        return [ctx.unavailable(RULE, why)]
    return [word(ctx, RULE, found)]


# -- word ----------------------------------------------------------------------------------


def _headline(f: PaidFinding) -> str:
    mp, mo, ep, eo = f.views_paid, f.views_organic, f.er_paid, f.er_organic
    views_ratio, er_ratio = f.views_ratio, f.er_ratio
    parts: list[str] = []
    up_views = views_ratio is not None and views_ratio >= SAME
    down_views = views_ratio is not None and views_ratio <= 1 / SAME
    single = f.paid == 1  # one video has views, not a median
    if views_ratio is not None:
        if single:
            counts = f"({compact(mp)} vs {compact(mo)})"
            others = "your median organic video"
        else:
            counts = f"(median {compact(mp)} vs {compact(mo)})"
            others = "organic ones"
        if up_views:
            parts.append(f"{times(views_ratio)} the views of {others} {counts}")
        elif down_views:
            parts.append(f"fewer views than {others} {counts}")
        else:
            parts.append(f"about the same views as {others} {counts}")
    up_er = er_ratio is not None and er_ratio >= SAME
    down_er = er_ratio is not None and er_ratio <= 1 / SAME
    if er_ratio is not None and ep is not None and eo is not None:
        rates = f"({pct(ep)} vs {pct(eo)})"
        if up_er or down_er:
            word = "higher" if up_er else "lower"
            # a rate against a rate: the gap in points, as every rate change reads
            gap = points(abs(ep - eo)).lstrip("+")
            parts.append(f"{gap} {word} engagement {rates}")
        else:
            parts.append(f"about the same engagement {rates}")
    joiner = " but " if (up_views and down_er) or (down_views and up_er) else " and "
    subject = "Your paid video got" if single else "Paid videos got"
    headline = f"{subject} {joiner.join(parts) if parts else 'no comparable numbers'}"
    if up_views and er_ratio is not None and er_ratio <= 1 / NOTABLE:
        # "not fans" only when followers per view agree; else engagement is all it shows
        headline += " — promotion bought views, " + (
            "not fans" if f.fewer_fans else "not engagement"
        )
    elif views_ratio is not None and not up_views:
        headline += " — promotion bought little reach"
    else:
        headline += " — judge content on organic videos"
    return headline


def word(ctx: Context, rule: Rule, f: PaidFinding) -> Advice:
    mp, mo, ep, eo, fp, fo = (
        f.views_paid,
        f.views_organic,
        f.er_paid,
        f.er_organic,
        f.fol_paid,
        f.fol_organic,
    )
    left_out = f" ({f.unflagged} without a paid flag, left out)" if f.unflagged else ""
    evidence = [
        Evidence(
            "Videos",
            f.paid,
            "count",
            f"{plural(f.paid, 'paid video')} and {f.organic} organic in {ctx.period_phrase}"
            + left_out,
        ),
        Evidence(
            "Median views paid",
            mp,
            "views",
            f"views: {exact(round(mp))} for the paid video, a median {exact(round(mo))} per "
            "organic one"
            if f.paid == 1
            else f"median views per video: {exact(round(mp))} paid, {exact(round(mo))} organic",
        ),
    ]
    if ep is not None and eo is not None:
        evidence.append(
            Evidence(
                "Engagement paid",
                ep,
                "rate",
                f"engagement ({ENGAGEMENT_FORMULA}): {pct(ep)} paid, {pct(eo)} organic",
            )
        )
    if fp is not None and fo is not None:
        evidence.append(
            Evidence(
                "Followers per 1,000 views paid",
                round(fp, 3),
                "rate",
                f"new followers per 1,000 views: {fp:.1f} paid, {fo:.1f} organic",
            )
        )
    if f.mix_gap is not None:
        key, sp, so = f.mix_gap
        evidence.append(
            Evidence(
                "Source mix",
                round(sp - so, 6),
                "points",
                f"biggest source difference: {label(key)} {pct(sp)} of paid views vs "
                f"{pct(so)} of organic ({points(sp - so)})",
            )
        )
    actions = [
        "Read the rest of this advice as organic-only: paid videos are left out of it",
        "Promote videos that already do well organically, not weak ones"
        + (f" — e.g. {ctx.refs(f.best_organic)}" if f.best_organic else ""),
    ]
    if f.fewer_fans:
        actions.append(
            f"Paid views bring fewer followers ({fp:.1f} vs {fo:.1f} per 1,000 views): "
            "add a follow call to action to promoted videos"
        )
    else:
        actions.append("Check each promotion's new followers per 1,000 views before the next one")
    return ctx.advice(
        rule,
        "paid.compare",
        "insight",
        _headline(f),
        evidence,
        actions,
        n=f.sample.n,
        effect=f.effect,
        views_at_stake=f.bought,
        video_ids=list(f.top_paid),
        data=f.path,
    )
