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

Data and minimum sample: the paid flag (Business API) on at least one paid
and ``min_videos`` (3) organic videos posted in the period.
"""

from __future__ import annotations

import polars as pl

from ...data.queries import ENGAGEMENT_FORMULA
from ...data.sources import SOURCE_KEYS
from ...formatting import compact, exact, pct, points, times
from ..context import Context, median, mix
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


def _per_1000(videos: pl.DataFrame) -> float | None:
    v = videos.filter(pl.col("new_followers").is_not_null() & (pl.col("views") > 0))
    views = float(v["views"].sum()) if not v.is_empty() else 0.0
    return float(v["new_followers"].sum()) / views * 1000 if views else None


def evaluate(ctx: Context) -> list[Advice | Unavailable]:
    rule = RULE
    vids = ctx.in_period.filter(pl.col("views").is_not_null())
    known = vids.filter(pl.col("is_ad").is_not_null())
    if known.is_empty():
        every = ctx.videos.filter(pl.col("is_ad").is_not_null())
        if every.is_empty():
            return [
                ctx.unavailable(
                    rule,
                    "no export says which videos were promoted (the paid flag comes from the "
                    "Business API): other rules count every video as organic",
                )
            ]
        return []
    paid = known.filter(pl.col("is_ad"))
    org = known.filter(~pl.col("is_ad"))
    if paid.is_empty():
        return []
    if org.is_empty():
        return [
            ctx.unavailable(
                rule,
                f"all {paid.height} videos with a paid flag in {ctx.period_phrase} are "
                "paid: no organic video to compare with",
            )
        ]
    mp, mo = median(paid["views"]) or 0.0, median(org["views"]) or 0.0
    ep, eo = rate(paid), rate(org)
    fp, fo = _per_1000(paid), _per_1000(org)
    views_ratio = mp / mo if mo > 0 else None
    er_ratio = ep / eo if ep is not None and eo else None

    parts: list[str] = []
    up_views = views_ratio is not None and views_ratio >= SAME
    down_views = views_ratio is not None and views_ratio <= 1 / SAME
    single = paid.height == 1  # one video has views, not a median
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
    if er_ratio is not None:
        rates = f"({pct(ep)} vs {pct(eo)})"
        if up_er or down_er:
            word = "higher" if up_er else "lower"
            # a rate against a rate: the gap in points, as every rate change reads
            gap = points(abs(ep - eo)).lstrip("+")  # type: ignore[operator]
            parts.append(f"{gap} {word} engagement {rates}")
        else:
            parts.append(f"about the same engagement {rates}")
    joiner = " but " if (up_views and down_er) or (down_views and up_er) else " and "
    subject = "Your paid video got" if single else "Paid videos got"
    headline = f"{subject} {joiner.join(parts) if parts else 'no comparable numbers'}"
    if up_views and er_ratio is not None and er_ratio <= 1 / NOTABLE:
        # "not fans" only when followers per view agree; else engagement is all it shows
        fans = fp is not None and fo is not None and fp < fo
        headline += " — promotion bought views, " + ("not fans" if fans else "not engagement")
    elif views_ratio is not None and not up_views:
        headline += " — promotion bought little reach"
    else:
        headline += " — judge content on organic videos"

    evidence = [
        Evidence(
            "Videos",
            paid.height,
            "count",
            f"{plural(paid.height, 'paid video')} and {org.height} organic in "
            f"{ctx.period_phrase}"
            + (
                f" ({vids.height - known.height} without a paid flag, left out)"
                if vids.height > known.height
                else ""
            ),
        ),
        Evidence(
            "Median views paid",
            mp,
            "views",
            f"views: {exact(round(mp))} for the paid video, a median {exact(round(mo))} per "
            "organic one"
            if single
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
    m_paid, m_org = mix(paid), mix(org)
    if m_paid and m_org:
        key = max(SOURCE_KEYS, key=lambda k: abs(m_paid[k] - m_org[k]))
        evidence.append(
            Evidence(
                "Source mix",
                round(m_paid[key] - m_org[key], 6),
                "points",
                f"biggest source difference: {label(key)} {pct(m_paid[key])} of paid views vs "
                f"{pct(m_org[key])} of organic ({points(m_paid[key] - m_org[key])})",
            )
        )
    best_org = org.sort("engagement_rate", descending=True, nulls_last=True)["video_id"].head(2)
    actions = [
        "Read the rest of this advice as organic-only: paid videos are left out of it",
        "Promote videos that already do well organically, not weak ones"
        + (f" — e.g. {ctx.refs(best_org)}" if len(best_org) else ""),
    ]
    if fp is not None and fo is not None and fp < fo:
        actions.append(
            f"Paid views bring fewer followers ({fp:.1f} vs {fo:.1f} per 1,000 views): "
            "add a follow call to action to promoted videos"
        )
    else:
        actions.append("Check each promotion's new followers per 1,000 views before the next one")
    effects = [r if r >= 1 else 1 / r for r in (views_ratio, er_ratio) if r]
    effect = (max(effects) / NOTABLE) if effects else 0.0
    bought = float((paid["views"] - mo).clip(lower_bound=0).sum())
    return [
        ctx.advice(
            rule,
            "paid.compare",
            "insight",
            headline,
            evidence,
            actions,
            n=min(paid.height, org.height),
            effect=min(effect, 10.0),
            views_at_stake=bought,
            video_ids=paid.sort("views", descending=True)["video_id"].head(3).to_list(),
        )
    ]
