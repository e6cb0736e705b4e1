"""Rule 10 — the search queries that bring viewers: the keyword list for the next captions.

Each video's newest capture of ``video_search_terms`` gives a share per query
of that video's search views. A term's estimated views = Σ over the period's
organic videos of term share × video views × the video's Search share; a
video without source data contributes to the term's video count but not to
its views (missing is not zero). Terms are ranked by estimated views, then by
how many videos they bring viewers to, and each is checked against the
captions: a term nobody has written yet is the clearest action.

Trigger: at least one term on the period's videos.
Views at stake: Σ estimated views of the listed terms.
Effect: the most videos any listed term brings viewers to (a term on one
video is an anecdote: effect 1.0; 2 → "clearly", 3+ → "far" past it).
A term made only of the account's own name ("lena cooks") is a search for the
creator: reported as such, never as a keyword missing from the captions.

Data and minimum sample: search terms of at least one video in the period
(TikTok computes them per video).
"""

from __future__ import annotations

import re

import polars as pl

from ...data.queries import newest_capture
from ...data.schema import get
from ...formatting import compact
from ..context import Context, organic
from ..model import Advice, DataPath, Evidence, Rule, Unavailable
from ..text import plural, quote_list

PATHS = (
    DataPath(
        "search_terms",
        "the search terms that brought viewers to each video",
        "each video's analytics page in TikTok Studio, saved from the browser as HAR or JSON",
    ),
)


_WORD = re.compile(r"[\w']+", re.UNICODE)

RULE = Rule(
    "search_terms",
    "Search terms",
    "any search query recorded on the period's videos",
    "the account's own search terms (TikTok Studio)",
)


TERM_TABLE_SCHEMA = {
    "term": pl.String,
    "videos": pl.UInt32,
    "views": pl.Float64,
    "in_captions": pl.Boolean,
}


def term_table(ctx: Context) -> pl.DataFrame:
    """term, videos, views (estimated, null when no video had source data), in_captions."""
    terms = newest_capture(get(ctx.tables, "video_search_terms")).filter(
        pl.col("term").is_not_null() & (pl.col("term").str.strip_chars() != "")
    )
    vids = organic(ctx.in_period).select("video_id", "views", "search", "caption")
    joined = terms.join(vids, on="video_id", how="inner").with_columns(
        (pl.col("share") * pl.col("views") * pl.col("search")).alias("est")
    )
    if joined.is_empty():
        return pl.DataFrame(schema=TERM_TABLE_SCHEMA)
    captions = {w for c in vids["caption"].drop_nulls().to_list() for w in _WORD.findall(c.lower())}
    table = (
        joined.with_columns(pl.col("term").str.strip_chars().str.to_lowercase())
        .group_by("term")
        .agg(
            pl.col("video_id").n_unique().alias("videos"),
            pl.when(pl.col("est").is_not_null().any())
            .then(pl.col("est").sum())
            .otherwise(None)
            .alias("views"),
        )
        .with_columns(
            pl.col("term")
            .map_elements(
                lambda t: all(w in captions for w in _WORD.findall(t)), return_dtype=pl.Boolean
            )
            .alias("in_captions")
        )
    )
    return table.sort(["views", "videos", "term"], descending=[True, True, False], nulls_last=True)


def is_brand(ctx: Context, term: str) -> bool:
    """A search for the creator: every word of the term is in the handle or display name."""
    names = get(ctx.tables, "accounts").filter(pl.col("account") == ctx.account)
    display = names["display_name"].drop_nulls().to_list()
    words = set(
        _WORD.findall(" ".join([ctx.account.replace(".", " ").replace("_", " "), *display]).lower())
    )
    term_words = _WORD.findall(term.lower())
    return bool(term_words) and all(w in words for w in term_words)


def _videos_by_search(ctx: Context, n: int = 3) -> list[str]:
    """The period's videos with search terms, most views from search first."""
    terms = get(ctx.tables, "video_search_terms")
    with_terms = terms["video_id"].unique().to_list()
    vids = organic(ctx.in_period).filter(pl.col("video_id").is_in(with_terms))
    ranked = vids.with_columns((pl.col("views") * pl.col("search")).alias("_s")).sort(
        ["_s", "views"], descending=True, nulls_last=True
    )
    return ranked["video_id"].head(n).to_list()


def evaluate(ctx: Context) -> list[Advice | Unavailable]:
    rule = RULE
    if get(ctx.tables, "video_search_terms").is_empty():
        return [
            ctx.unavailable(
                rule,
                "no search terms in the store (they come from each video's analytics page in "
                "TikTok Studio, saved from the browser as HAR or JSON)",
            )
        ]
    table = term_table(ctx)
    if table.is_empty():
        return [
            ctx.unavailable(
                rule,
                f"none of the {organic(ctx.in_period).height} organic videos posted in "
                f"{ctx.period_phrase} has search terms recorded",
            )
        ]
    top = table.head(ctx.config.search_terms_top)
    terms = top["term"].to_list()
    brand = [t for t in terms if is_brand(ctx, t)]
    missing = [t for t in top.filter(~pl.col("in_captions"))["term"].to_list() if t not in brand]
    n_videos = int(
        get(ctx.tables, "video_search_terms")
        .filter(pl.col("video_id").is_in(organic(ctx.in_period)["video_id"].to_list()))["video_id"]
        .n_unique()
    )
    total = top["views"].drop_nulls()
    est = float(total.sum()) if not total.is_empty() else 0.0
    shown = [f"“{t}”" for t in terms[:3]]
    rest = len(terms) - len(shown)
    if rest:
        listed = ", ".join(shown) + f" and {rest} more"
    else:
        listed = quote_list(terms, 3)
    headline = f"People find you by searching {listed}"
    topical = [t for t in terms if t not in brand]
    if missing and len(topical) == 1:
        headline += " — it is not in your captions yet"
    elif missing and len(missing) == len(topical):
        headline += " — none of them is in your captions yet"
    elif missing:
        headline += (
            f" — {len(missing)} of them {'is' if len(missing) == 1 else 'are'} "
            "not in your captions yet"
        )
    else:
        headline += " — keep " + ("it" if len(terms) == 1 else "them") + " in your captions"
    evidence = [
        Evidence(
            "Search terms",
            len(table),
            "count",
            f"{plural(len(table), 'search term')} on {ctx.sample(n_videos)} (organic only)",
        ),
        Evidence(
            "Top terms",
            ", ".join(terms),
            "text",
            "top terms (≈ views from the search, videos it led to): "
            + "; ".join(
                f"“{t}” ≈ {compact(v) + ' views' if v is not None else 'views unknown'}, "
                f"{plural(n, 'video')}"
                for t, v, n in zip(top["term"], top["views"], top["videos"], strict=True)
            ),
        ),
    ]
    if missing:
        evidence.append(
            Evidence(
                "Not in captions",
                ", ".join(missing),
                "text",
                f"not yet in any caption of the period: {quote_list(missing, 10)}",
            )
        )
    if brand:
        evidence.append(
            Evidence(
                "Searches for you",
                ", ".join(brand),
                "text",
                f"people search for you by name ({quote_list(brand, 3)}): your name is "
                "becoming a brand, keep it the same everywhere",
            )
        )
    first = missing[0] if missing else (topical[0] if topical else terms[0])
    actions = [
        f"Use these words as written in your next captions and on-screen text: "
        f"{quote_list(topical or terms, 5)}",
        f"Make a video that answers “{first}” directly, and say the words in the first seconds",
        "Check this list again after each import: search terms change with your topics",
    ]
    top_videos = _videos_by_search(ctx)
    return [
        ctx.advice(
            rule,
            "search_terms.keywords",
            "opportunity",
            headline,
            evidence,
            actions,
            n=n_videos,
            effect=float(top["videos"].max()),
            views_at_stake=est,
            video_ids=top_videos,
        )
    ]
