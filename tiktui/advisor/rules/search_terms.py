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

Data (best first), each with its minimum sample:

1. ``account_search_terms`` — TikTok's own list for the whole account (Studio's
   Overview page saved from the browser), chosen like the mix
   (``account_terms``: the period's window, or windows covering ≥ 90 % of
   it): the list the report and the Overview show, so the advice never gives
   other numbers for the same terms. Each term's share of the search views
   (and ≈ views where the same window's mix gives the Search share); no video
   counts. Effect: the top term's share ÷ ``TERM_SHARE`` (5 %), capped at 10.
   Sample: the days the list covers.
2. ``search_terms`` — each video's own terms, summed as above over at least
   one organic video posted in the period (TikTok computes them per video).

``measure`` (pure Polars) returns a :class:`TermsFinding` — the ranked
:class:`Term` list with each term's videos, estimated views, whether a caption
has it and whether it is a search for the creator — or a ``Lacking``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import polars as pl

from ...data.account_mix import account_terms
from ...data.queries import newest_capture
from ...data.schema import get
from ...formatting import compact, pct
from ..context import Context, organic
from ..finding import Lacking, Sample
from ..model import Advice, DataPath, Evidence, Rule, Unavailable
from ..text import plural, quote_list

PATHS = (
    DataPath(
        "account_search_terms",
        "TikTok's own search terms for the account, covering the period",
        "Studio's Overview page saved from the browser (HAR), for the account's search terms",
    ),
    DataPath(
        "search_terms",
        "the search terms that brought viewers to each video",
        "each video's analytics page in TikTok Studio, saved from the browser as HAR or JSON",
    ),
)


_WORD = re.compile(r"[\w']+", re.UNICODE)
TERM_SHARE = 0.05  # a term bringing 5 % of the search views is a keyword worth writing

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
    captions = _captions(ctx)
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


# -- measure -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    term: str
    videos: int | None  # the period's organic videos it brought viewers to (None: TikTok's list)
    views: float | None  # ≈ views from searching it (None: unknown)
    share: float | None  # of the search views (TikTok's list; None on the videos' terms)
    in_captions: bool  # every word of it is in a caption of the period
    brand: bool  # a search for the creator (handle or display name)


@dataclass(frozen=True)
class TermsFinding:
    sample: Sample  # organic videos with search terms (days of TikTok's list), against one
    total: int  # distinct terms
    top: tuple[Term, ...]  # the ``search_terms_top`` best, by views then videos
    top_videos: tuple[str, ...]  # the videos with most views from search
    path: str = "search_terms"
    windows: tuple[tuple[date, date], ...] = ()  # TikTok's list: the windows it covers

    @property
    def brand(self) -> list[str]:
        return [t.term for t in self.top if t.brand]

    @property
    def topical(self) -> list[str]:
        return [t.term for t in self.top if not t.brand]

    @property
    def missing(self) -> list[str]:
        """Topical terms no caption of the period has yet: the clearest action."""
        return [t.term for t in self.top if not t.in_captions and not t.brand]

    @property
    def stake(self) -> float:
        return sum(t.views for t in self.top if t.views is not None)

    @property
    def effect(self) -> float:
        if self.path == "account_search_terms":
            return min(max(t.share or 0.0 for t in self.top) / TERM_SHARE, 10.0)
        return float(max(t.videos or 0 for t in self.top))


def _videos_by_search(ctx: Context, n: int = 3) -> list[str]:
    """The period's videos with search terms, most views from search first."""
    terms = get(ctx.tables, "video_search_terms")
    with_terms = terms["video_id"].unique().to_list()
    vids = organic(ctx.in_period).filter(pl.col("video_id").is_in(with_terms))
    ranked = vids.with_columns((pl.col("views") * pl.col("search")).alias("_s")).sort(
        ["_s", "views"], descending=True, nulls_last=True
    )
    return ranked["video_id"].head(n).to_list()


def _captions(ctx: Context) -> set[str]:
    vids = organic(ctx.in_period)
    return {w for c in vids["caption"].drop_nulls().to_list() for w in _WORD.findall(c.lower())}


def _tiktoks_list(ctx: Context) -> TermsFinding | None:
    """The account's own terms where a capture covers the period (None otherwise)."""
    if get(ctx.tables, "account_search_terms").filter(pl.col("account") == ctx.account).is_empty():
        return None
    fig = account_terms(ctx.tables, ctx.account, ctx.period, videos=ctx.videos)
    if fig.is_estimate or fig.rows.is_empty():
        return None
    captions = _captions(ctx)
    top = fig.rows.head(ctx.config.search_terms_top)
    return TermsFinding(
        Sample(fig.covered_days, 1, "days"),
        fig.rows.height,
        tuple(
            Term(
                t,
                None,
                v,
                sh,
                all(w in captions for w in _WORD.findall(t.lower())),
                is_brand(ctx, t),
            )
            for t, sh, v in top.select("term", "share", "views").iter_rows()
        ),
        tuple(_videos_by_search(ctx)),
        "account_search_terms",
        tuple((w.start, w.end) for w in fig.windows),
    )


def measure(ctx: Context) -> TermsFinding | Lacking:
    tiktok = _tiktoks_list(ctx)
    if tiktok is not None:
        return tiktok
    stored = get(ctx.tables, "video_search_terms")
    if stored.is_empty():
        return Lacking(Sample(0, 1), "have search terms", "none", "search_terms")
    table = term_table(ctx)
    if table.is_empty():
        return Lacking(Sample(0, 1), "have search terms", "now", "search_terms")
    period_ids = organic(ctx.in_period)["video_id"].to_list()
    n_videos = int(stored.filter(pl.col("video_id").is_in(period_ids))["video_id"].n_unique())
    top = table.head(ctx.config.search_terms_top)
    return TermsFinding(
        Sample(n_videos, 1),
        len(table),
        tuple(
            Term(t, int(n), v, None, bool(c), is_brand(ctx, t))
            for t, n, v, c in top.select("term", "videos", "views", "in_captions").iter_rows()
        ),
        tuple(_videos_by_search(ctx)),
    )


def evaluate(ctx: Context) -> list[Advice | Unavailable]:
    found = measure(ctx)
    if isinstance(found, Lacking):
        if found.window == "none":
            why = (
                f"no search terms for {ctx.period_phrase} (TikTok's list for the account comes "
                "from Studio's Overview page, each video's from its analytics page in TikTok "
                "Studio, saved from the browser as HAR or JSON)"
            )
        else:
            why = (
                f"none of the {organic(ctx.in_period).height} organic videos posted in "
                f"{ctx.period_phrase} has search terms recorded"
            )
        return [ctx.unavailable(RULE, why)]
    return [word(ctx, RULE, found)]


# -- word ----------------------------------------------------------------------------------


def _views(t: Term) -> str:
    views = f"≈ {compact(t.views)} views" if t.views is not None else "views unknown"
    if t.videos is None:  # TikTok's list: the share of search views, no video count
        return f"{pct(t.share)} ({views})" if t.share is not None else views
    return f"{views}, {plural(t.videos, 'video')}"


def word(ctx: Context, rule: Rule, f: TermsFinding) -> Advice:
    terms = [t.term for t in f.top]
    brand, topical, missing = f.brand, f.topical, f.missing
    tiktok = f.path == "account_search_terms"
    spans = ", ".join(ctx.span(a, b) for a, b in f.windows)
    shown = [f"“{t}”" for t in terms[:3]]
    rest = len(terms) - len(shown)
    listed = ", ".join(shown) + f" and {rest} more" if rest else quote_list(terms, 3)
    headline = f"People find you by searching {listed}"
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
            f.total,
            "count",
            f"{plural(f.total, 'search term')} "
            + (
                f"in TikTok's own list for the account, {spans}"
                if tiktok
                else f"on {ctx.sample(f.sample.n)} (organic only)"
            ),
        ),
        Evidence(
            "Top terms",
            ", ".join(terms),
            "text",
            (
                "top terms (share of search views, ≈ views): "
                if tiktok
                else "top terms (≈ views from the search, videos it led to): "
            )
            + "; ".join(f"“{t.term}” {_views(t)}" for t in f.top),
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
    return ctx.advice(
        rule,
        "search_terms.keywords",
        "opportunity",
        headline,
        evidence,
        actions,
        n=f.sample.n,
        unit=f.sample.unit,
        sample_videos=0 if tiktok else None,
        effect=f.effect,
        views_at_stake=f.stake,
        video_ids=list(f.top_videos),
        data=f.path,
    )
