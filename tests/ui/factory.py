"""Deterministic canonical tables for UI tests, snapshots and the 10k-row bench.

Built straight as canonical frames (no files, no importers) so UI tests do not
depend on the importers or the demo builder, and are fast: a seeded
``random.Random``, no clock.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import polars as pl

from tiktui.data.schema import TABLES, Tables

TODAY = date(2026, 11, 20)
ACCOUNT = "test.kitchen"
EVIL_CAPTION = "[@click=app.quit]Tap[/] [bold red]NEW[/] \x1b[31mred\x07 pasta"

_WORDS = (
    "pasta",
    "5-minute",
    "dinner",
    "ramen",
    "hack",
    "crispy",
    "tofu",
    "budget",
    "meal",
    "prep",
    "garlic",
    "bread",
    "easy",
    "vegan",
    "lunch",
    "soup",
    "spicy",
    "noodles",
    "salad",
    "breakfast",
    "one-pot",
    "curry",
    "dumplings",
    "sauce",
    "tips",
)
_TERMS = (
    "easy pasta recipe",
    "crispy tofu",
    "ramen hack",
    "budget meals",
    "garlic bread",
    "one pot dinner",
    "vegan lunch ideas",
)


def _mix(rng: random.Random, kind: int) -> dict[str, float]:
    """A plausible traffic-source mix; ``kind`` tilts it toward search or following."""
    weights = {
        "for_you": rng.uniform(60, 90),
        "following": rng.uniform(1, 6),
        "profile": rng.uniform(1, 5),
        "search": rng.uniform(0.5, 4),
        "sound": rng.uniform(0, 1.5),
        "hashtag": rng.uniform(0, 1),
        "direct_message": rng.uniform(0, 1.5),
        "external": rng.uniform(0, 0.6),
        "other": rng.uniform(0.5, 2),
    }
    if kind == 1:
        weights["search"] = rng.uniform(15, 35)
    elif kind == 2:
        weights["following"] = rng.uniform(12, 25)
    total = sum(weights.values())
    return {k: round(v / total, 4) for k, v in weights.items()}


def make_tables(
    n_videos: int = 48,
    days: int = 400,
    today: date = TODAY,
    seed: int = 7,
    account: str = ACCOUNT,
    history: bool = True,
) -> Tables:
    """Every canonical table for one account; ``history`` adds growth snapshots and extras."""
    rng = random.Random(seed)
    last = today - timedelta(days=1)
    first = last - timedelta(days=days - 1)

    daily_rows = []
    followers = 12_000
    for i in range(days):
        d = first + timedelta(days=i)
        base = 4_000 + 30 * i + rng.randint(-900, 900)
        if rng.random() < 0.03:
            base *= 4
        views = max(base, 0)
        net = rng.randint(-5, 60)
        followers += net
        daily_rows.append(
            {
                "account": account,
                "date": d,
                "video_views": views,
                "profile_views": views // rng.randint(25, 40),
                "likes": int(views * 0.07),
                "comments": int(views * 0.004),
                "shares": int(views * 0.006),
                "reached_audience": int(views * 0.6),
                "followers": followers,
                "followers_net": net,
                "followers_new": net + 8,
                "followers_lost": 8,
                "viewers_total": int(views * 0.7),
                "viewers_new": int(views * 0.5),
                "viewers_returning": int(views * 0.2),
                "year_inferred": i < 30,
            }
        )

    videos, snaps, sources, terms, retention = [], [], [], [], []
    for n in range(n_videos):
        vid = str(7_300_000_000_000_000_000 + n * 7919)
        # Denser recently, like a growing account: a quarter of the videos in the last month.
        posted = last - timedelta(days=int((n / max(n_videos, 1)) ** 1.6 * (days - 1)))
        hour = rng.choice((8, 12, 17, 19, 21))
        words = rng.sample(_WORDS, 4)
        caption = EVIL_CAPTION if n == 1 else " ".join(words).capitalize() + f" #{words[0]}"
        kind = 1 if n % 5 == 1 else 2 if n % 7 == 3 else 0
        is_ad = n % 13 == 4
        duration = float(rng.choice((14, 22, 31, 45, 58, 75)))
        videos.append(
            {
                "video_id": vid,
                "account": account,
                "url": f"https://www.tiktok.com/@{account}/video/{vid}",
                "caption": caption,
                "posted_at": datetime(posted.year, posted.month, posted.day, hour, 0, tzinfo=UTC),
                "posted_on": posted,
                "duration_s": duration,
                "is_ad": is_ad,
                "year_inferred": False,
            }
        )
        final = int(rng.lognormvariate(9.3, 1.1)) * (3 if is_ad else 1)
        age = (last - posted).days
        captures = [last]
        if history and n < 12:
            captures = [posted + timedelta(days=k) for k in (1, 3, 7, 14) if k < age] + [last]
        for j, cap in enumerate(captures):
            frac = (j + 1) / len(captures)
            views = max(int(final * frac**0.5), 1)
            avg_watch = round(duration * rng.uniform(0.25, 0.7), 1)
            snaps.append(
                {
                    "video_id": vid,
                    "captured_on": cap,
                    "views": views,
                    "likes": int(views * rng.uniform(0.03, 0.12)),
                    "comments": int(views * rng.uniform(0.001, 0.01)),
                    "shares": int(views * rng.uniform(0.001, 0.02)),
                    "saves": int(views * rng.uniform(0.002, 0.03)),
                    "reach": int(views * 0.8),
                    "avg_watch_s": avg_watch,
                    "total_watch_s": avg_watch * views,
                    "full_watch_rate": round(rng.uniform(0.08, 0.75), 3),
                    "new_followers": int(views * rng.uniform(0.0005, 0.004)),
                    "profile_views": int(views * rng.uniform(0.01, 0.04)),
                }
            )
            if n % 9 != 8:
                for key, share in _mix(rng, kind).items():
                    sources.append(
                        {
                            "video_id": vid,
                            "captured_on": cap,
                            "source": key,
                            "share": share,
                            "raw_label": key,
                        }
                    )
        if history and kind == 1:
            picked = rng.sample(_TERMS, 3)
            weights = (0.5, 0.3, 0.2)
            for term, share in zip(picked, weights, strict=True):
                terms.append({"video_id": vid, "captured_on": last, "term": term, "share": share})
        if history and n < 6:
            keep = 1.0
            for s in range(int(duration) + 1):
                keep *= 0.93 if s < 3 else 0.985
                retention.append(
                    {
                        "video_id": vid,
                        "captured_on": last,
                        "second": float(s),
                        "retained": round(keep, 4),
                    }
                )

    activity = [
        {
            "account": account,
            "date": last - timedelta(days=d),
            "hour": h,
            "active_followers": 200 + 40 * (h if h < 20 else 40 - h),
            "year_inferred": False,
        }
        for d in range(7)
        for h in range(24)
    ]
    tables: Tables = {
        "accounts": pl.DataFrame(
            [{"account": account, "display_name": "Test Kitchen", "is_business": True}]
        ),
        "account_daily": pl.DataFrame(daily_rows),
        "follower_activity": pl.DataFrame(activity),
        "videos": pl.DataFrame(videos),
        "video_snapshots": pl.DataFrame(snaps),
        "video_sources": pl.DataFrame(sources),
        "video_search_terms": pl.DataFrame(terms),
        "video_retention": pl.DataFrame(retention),
        "imports": pl.DataFrame(
            [
                {
                    "batch_id": 1,
                    "file_name": "fixture",
                    "sha256": "0" * 64,
                    "format": "fixture",
                    "account": account,
                    "imported_at": datetime(2026, 11, 20, tzinfo=UTC),
                }
            ]
        ),
    }
    out: Tables = {}
    for name, table in TABLES.items():
        frame = tables.get(name)
        out[name] = (
            table.empty()
            if frame is None
            else table.conform(frame.select([c for c in frame.columns if c in table.schema]))
        )
    return out


def merge(*many: Tables) -> Tables:
    """Several accounts' tables in one store (for the account switcher)."""
    return {name: pl.concat([t[name] for t in many]) for name in many[0]}


def write_store(root, tables: Tables):
    """A real store on disk holding exactly these tables (one generation, no facts)."""
    from tiktui.data.store import Store

    store = Store.open(root)
    with store.transaction() as tx:
        for name, frame in tables.items():
            tx.replace(name, frame)
        tx.commit()
    return store
