"""Benchmark: import and query a large account (prints numbers; never asserts).

    python scripts/bench_store.py [--videos 10000] [--days 365]

Writes Business API video-list pages for N videos (with sources and
retention) and a year of daily metrics, imports them into a fresh store, then
times the queries the screens run. Run it after changing the store or queries.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tiktui.data import queries as q
from tiktui.data.pipeline import import_paths
from tiktui.data.store import Store

LABELS = ["For You", "Follow", "Personal Profile", "Search", "Sound", "Hashtag", "Others"]


def write_files(folder: Path, n_videos: int, n_days: int, today: date) -> None:
    rng = random.Random(1)
    metrics = [
        {
            "date": (today - timedelta(days=n_days - i)).isoformat(),
            "video_views": rng.randint(1e4, 9e4),
            "profile_views": rng.randint(100, 900),
            "likes": rng.randint(500, 5000),
            "comments": rng.randint(10, 200),
            "shares": rng.randint(10, 300),
            "followers_count": 10000 + i * 10,
            "daily_total_followers": 10,
        }
        for i in range(n_days)
    ]
    body = {
        "code": 0,
        "message": "OK",
        "request_id": "x",
        "data": {
            "username": "bench",
            "display_name": "Bench",
            "is_business_account": True,
            "metrics": metrics,
        },
    }
    (folder / "business_get.json").write_text(json.dumps(body))
    for page in range(0, n_videos, 20):
        videos = []
        for i in range(page, min(page + 20, n_videos)):
            shares = [rng.random() for _ in LABELS]
            total = sum(shares)
            posted = datetime.combine(today, datetime.min.time(), UTC) - timedelta(
                hours=rng.randint(24, 24 * n_days)
            )
            videos.append(
                {
                    "item_id": str(7_000_000_000_000_000_000 + i),
                    "create_time": str(int(posted.timestamp())),
                    "caption": f"video {i} #food",
                    "share_url": f"https://www.tiktok.com/@bench/video/{i}",
                    "video_duration": rng.uniform(7, 90),
                    "is_ad": False,
                    "likes": rng.randint(10, 9000),
                    "comments": rng.randint(0, 300),
                    "shares": rng.randint(0, 300),
                    "favorites": rng.randint(0, 500),
                    "video_views": rng.randint(1000, 900000),
                    "reach": rng.randint(900, 800000),
                    "average_time_watched": rng.uniform(2, 20),
                    "total_time_watched": rng.uniform(1e3, 1e6),
                    "full_video_watched_rate": rng.random(),
                    "new_followers": rng.randint(0, 90),
                    "profile_views": rng.randint(0, 900),
                    "impression_sources": [
                        {"impression_source": lbl, "percentage": s / total}
                        for lbl, s in zip(LABELS, shares, strict=True)
                    ],
                    "video_view_retention": [
                        {"second": str(s), "percentage": 1 / (1 + s)} for s in range(0, 30, 3)
                    ],
                }
            )
        envelope = {
            "code": 0,
            "message": "OK",
            "request_id": "x",
            "data": {"videos": videos, "cursor": page + 20, "has_more": page + 20 < n_videos},
        }
        (folder / f"video_list_{page // 20:04d}.json").write_text(json.dumps(envelope))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--videos", type=int, default=10_000)
    ap.add_argument("--days", type=int, default=365)
    args = ap.parse_args()
    today = date(2026, 11, 20)
    with tempfile.TemporaryDirectory() as tmp:
        files = Path(tmp) / "files"
        files.mkdir()
        t = time.perf_counter()
        write_files(files, args.videos, args.days, today)
        print(
            f"wrote {len(list(files.iterdir()))} files            {time.perf_counter() - t:7.2f} s"
        )
        store = Store.open(Path(tmp) / "store")
        t = time.perf_counter()
        results = import_paths(store, [files], today=today)
        bad = [r.line() for r in results if not r.ok]
        print(
            f"import ({len(results)} files, {len(bad)} refused)  {time.perf_counter() - t:7.2f} s"
        )
        for line in bad[:3]:
            print("  ", line)
        t = time.perf_counter()
        import_paths(store, [files], today=today)
        print(f"re-import (all unchanged)        {time.perf_counter() - t:7.2f} s")
        tables = store.tables()
        for name, fn in [
            ("video_table", lambda: q.video_table(tables, "bench")),
            (
                "source_mix 28d",
                lambda: q.source_mix(tables, "bench", q.period_for(tables, "bench", 28, today)),
            ),
            ("kpis 28d", lambda: q.kpis(tables, "bench", q.period_for(tables, "bench", 28, today))),
            ("source_daily", lambda: q.source_daily(tables, "bench")),
        ]:
            t = time.perf_counter()
            out = fn()
            rows = getattr(out, "height", len(out))
            print(f"{name:<32} {time.perf_counter() - t:7.3f} s  ({rows} rows)")


if __name__ == "__main__":
    main()
