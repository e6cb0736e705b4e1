"""The report's mix and search-term sections: rows and where they come from.

Both rest on :mod:`tiktui.data.account_mix`, the query the Overview reads too,
so the report and the screen always show the same figure with the same label.
"""

from __future__ import annotations

from typing import Any

from ..data import queries as q
from ..data.account_mix import COMBINED, Figure
from .text import day, day_span, plural


def origin_json(fig: Figure) -> dict[str, Any]:
    """``{"label": "TikTok's figure" | "estimated", "kind": "captured" | "combined" |
    "estimated", "windows": [{start, end, captured_at, views}], "n_videos", "fallback"}``."""
    return {
        "label": fig.label,
        "kind": fig.origin,
        "windows": [
            {
                "start": w.start.isoformat(),
                "end": w.end.isoformat(),
                "captured_at": w.captured_at.isoformat() if w.captured_at else None,
                "views": w.views,
            }
            for w in fig.windows
        ],
        "n_videos": fig.n_videos,
        "fallback": fig.fallback,
    }


def mix_rows(fig: Figure, organic: dict[str, float] | None) -> list[dict[str, Any]]:
    """The ``source_mix`` rows of ``tiktui.report/1``; TikTok's figure has no organic split
    and rests on no videos (``organic_share`` and ``n_videos`` null)."""
    return [
        {
            "source": r["source"],
            "label": r["label"],
            "share": r["share"],
            "organic_share": organic.get(r["source"]) if organic and fig.is_estimate else None,
            "views": r["views"],
            "n_videos": r["n_videos"],
        }
        for r in fig.rows.iter_rows(named=True)
    ]


def term_rows(fig: Figure, top: int) -> list[dict[str, Any]]:
    return fig.rows.head(top).to_dicts()


def origin_sentence(fig: Figure, period: q.Period, what: str) -> str:
    """What the figure rests on, for people: ``what`` is "mix" or "search terms"."""
    year = period.end.year
    if fig.is_estimate:
        text = (
            f"Estimated: view-weighted over the {plural(fig.n_videos or 0, 'video')} posted in "
            "the period that have traffic-source data; views are estimates (views × share)."
            if what == "mix"
            else f"Estimated from the search terms of the {plural(fig.n_videos or 0, 'video')} "
            "posted in the period that have them, each weighted by the views it brought "
            "from search."
        )
        return text + (f" TikTok's own figure is not used: {fig.fallback}." if fig.fallback else "")
    spans = ", ".join(day_span(w.start, w.end, year) for w in fig.windows)
    captured = [w.captured_at for w in fig.windows if w.captured_at]
    when = f", captured {day(max(captured).date(), year)}" if captured else ""
    if fig.origin == COMBINED:
        days = (period.end - period.start).days + 1
        return (
            f"TikTok's figure: the account's own {what} from TikTok Studio for "
            f"{plural(len(fig.windows), 'window')} inside the period ({spans}: "
            f"{fig.covered_days} of its {days} days{when}), combined weighted by each "
            "window's views."
        )
    return f"TikTok's figure: the account's own {what} from TikTok Studio for {spans}{when}."
