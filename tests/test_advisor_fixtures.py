"""Small canonical tables built by hand for the advisor's tests.

Every frame goes through ``schema.TABLES[name].conform`` so the tests see the
same dtypes (and the same nulls for absent columns) as a real store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import polars as pl

from tiktui.data.schema import TABLES

TODAY = date(2026, 3, 2)
END = date(2026, 3, 1)  # the freshest day with views: a 28-day period is Feb 2 – Mar 1
START = END - timedelta(days=27)
ACCOUNT = "chef"


def frame(table: str, rows: list[dict]) -> pl.DataFrame:
    if not rows:
        return TABLES[table].empty()
    cols = {k: [r.get(k) for r in rows] for k in dict.fromkeys(k for r in rows for k in r)}
    return TABLES[table].conform(pl.DataFrame(cols, strict=False))


@dataclass
class V:
    """One video: lifetime totals and its source mix, as of END."""

    id: str
    posted: date
    views: int | None = 10_000
    likes: int | None = 600  # 7 % engagement with the defaults: near the tier, silent
    comments: int | None = 50
    shares: int | None = 50
    hour: int | None = 12
    duration: float | None = 30.0
    completion: float | None = None
    avg_watch: float | None = None
    is_ad: bool | None = False
    caption: str = "a video"
    sources: dict[str, float] | None = field(
        default_factory=lambda: {
            "for_you": 0.86,
            "profile": 0.02,
            "search": 0.011,
            "following": 0.003,
            "other": 0.106,
        }
    )
    new_followers: int | None = None
    profile_views: int | None = None
    terms: dict[str, float] | None = None


def build(
    videos: list[V],
    daily_views: dict[date, int | None] | None = None,
    daily_extra: dict[date, dict] | None = None,
    activity: dict[int, int] | None = None,
    activity_days: int = 7,
    followers: int | None = 20_000,
) -> dict[str, pl.DataFrame]:
    """Canonical tables for one account (``ACCOUNT``)."""
    vids, snaps, srcs, terms = [], [], [], []
    for v in videos:
        posted_at = (
            datetime(v.posted.year, v.posted.month, v.posted.day, v.hour, tzinfo=UTC)
            if v.hour is not None
            else None
        )
        vids.append(
            {
                "video_id": v.id,
                "account": ACCOUNT,
                "caption": v.caption,
                "posted_at": posted_at,
                "posted_on": v.posted,
                "duration_s": v.duration,
                "is_ad": v.is_ad,
            }
        )
        snaps.append(
            {
                "video_id": v.id,
                "captured_on": END,
                "views": v.views,
                "likes": v.likes,
                "comments": v.comments,
                "shares": v.shares,
                "full_watch_rate": v.completion,
                "avg_watch_s": v.avg_watch,
                "new_followers": v.new_followers,
                "profile_views": v.profile_views,
            }
        )
        for k, s in (v.sources or {}).items():
            srcs.append(
                {"video_id": v.id, "captured_on": END, "source": k, "share": s, "raw_label": k}
            )
        for t, s in (v.terms or {}).items():
            terms.append({"video_id": v.id, "captured_on": END, "term": t, "share": s})
    days = []
    if daily_views is None:
        daily_views = {END - timedelta(days=i): 10_000 for i in range(120)}
    for d, n in sorted(daily_views.items()):
        row = {"account": ACCOUNT, "date": d, "video_views": n, "followers": followers}
        row.update((daily_extra or {}).get(d, {}))
        days.append(row)
    act = []
    for i in range(activity_days if activity else 0):
        d = END - timedelta(days=i)
        for h in range(24):
            act.append(
                {
                    "account": ACCOUNT,
                    "date": d,
                    "hour": h,
                    "active_followers": (activity or {}).get(h, 100),
                }
            )
    return {
        "accounts": frame("accounts", [{"account": ACCOUNT, "display_name": "Chef"}]),
        "account_daily": frame("account_daily", days),
        "follower_activity": frame("follower_activity", act),
        "videos": frame("videos", vids),
        "video_snapshots": frame("video_snapshots", snaps),
        "video_sources": frame("video_sources", srcs),
        "video_search_terms": frame("video_search_terms", terms),
    }


def spread(n: int, first: date = START, step: int = 1, **kw) -> list[V]:
    """``n`` similar videos posted every ``step`` days from ``first``."""
    return [
        V(f"v{first.isoformat()}-{i}", first + timedelta(days=i * step), **kw) for i in range(n)
    ]


def captured(tables, mix: dict[str, float], start: date = START, end: date = END):
    """``tables`` with TikTok's own account mix for ``start``–``end`` added (``account_sources``,
    as Studio's Overview page states it), next to any captured before."""
    rows = frame(
        "account_sources",
        [
            {
                "account": ACCOUNT,
                "window_start": start,
                "window_end": end,
                "source": k,
                "share": v,
                "raw_label": k,
                "captured_at": datetime(2026, 3, 2, 9, tzinfo=UTC),
            }
            for k, v in mix.items()
        ],
    )
    old = tables.get("account_sources")
    return {**tables, "account_sources": rows if old is None else pl.concat([old, rows])}


def test_builder_makes_canonical_tables() -> None:
    t = build(spread(3))
    for name, df in t.items():
        assert df.schema == TABLES[name].empty().schema
    assert t["videos"].height == 3
