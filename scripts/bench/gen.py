"""Export files in FORMATS.md's shapes, and the benchmark's stores built from them.

Every store is built through the real importers (one ``tiktui import`` command
per store) from files written here, and cached under
``~/.cache/tiktui-bench/<key>/``: the key hashes the spec below, tiktui's version
and its data layer's source, so a changed store or importer rebuilds it.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from tiktui.data.demo.web import har_entry
from tiktui.data.demo_files import csv_bytes, epoch, json_bytes, write_file, zip_bytes

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path.home() / ".cache" / "tiktui-bench"
TODAY = date(2026, 11, 16)  # fixed, so the files (and the cache) do not change with the day

API_LABELS = ["For You", "Follow", "Personal Profile", "Search", "Sound", "Hashtag", "Others"]
MIX_WEIGHTS = [12, 2, 1.5, 1.5, 0.6, 0.4, 0.3]  # For You first, as on most accounts
WEB_LABELS = ["For You", "Follow", "Personal profile", "Search", "Sound", "Hashtag", "Other"]

# The stores: (a) one account, 5,000 videos, 3 years of days, 12 monthly captures;
# (b) 50 accounts of 500 videos (a year of days, 2 captures); (b1) (b)'s first account alone.
SPEC = {
    "today": TODAY.isoformat(),
    "a": {"accounts": 1, "videos": 5000, "days": 3 * 365, "captures": 12},
    "b": {"accounts": 50, "videos": 500, "days": 365, "captures": 2},
    "api": {"videos": 10_000, "pages": 500},
    "har": {"entries": 10_000},
    "rev": 2,  # bump when this file writes different files
}


# Modules of the data layer that only read a store: editing them cannot change what is built.
READ_ONLY = frozenset({"queries.py", "views.py", "memo.py"})


def cache_key() -> str:
    """The spec, tiktui's version and its data layer's source: any change rebuilds
    (but a change to the modules that only read a store)."""
    import tiktui

    h = hashlib.sha256(json.dumps(SPEC, sort_keys=True).encode())
    h.update(getattr(tiktui, "__version__", "?").encode())
    for path in sorted((ROOT / "tiktui" / "data").rglob("*.py")):
        if path.parent.name == "data" and path.name in READ_ONLY:
            continue
        h.update(path.relative_to(ROOT).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _request_id(when: datetime, rng: random.Random) -> str:
    stamp = when.strftime("%Y%m%d%H%M%S")
    return stamp + "".join(rng.choice("0123456789ABCDEF") for _ in range(20))


def _at(d: date, hh: int, mm: int = 0) -> datetime:
    return datetime(d.year, d.month, d.day, hh, mm, tzinfo=UTC)


class Account:
    """A made-up account: videos with a posting time and a lifetime curve."""

    def __init__(self, handle: str, n_videos: int, n_days: int, seed: int) -> None:
        self.handle = handle
        self.rng = random.Random(seed)
        self.n_days = n_days
        self.first = TODAY - timedelta(days=n_days)
        span = n_days * 86400 - 2 * 86400
        start = _at(self.first, 0)
        r = self.rng
        self.videos = sorted(
            (
                {
                    "id": str(7_300_000_000_000_000_000 + seed * 1_000_000 + i),
                    "posted": start + timedelta(seconds=r.randint(0, span)),
                    "views": r.lognormvariate(9, 1.3),
                    "mix": [w * r.random() for w in MIX_WEIGHTS],
                    "duration": round(r.uniform(8, 180), 3),
                    "caption": f"Video {i} #bench {'recipe' if i % 3 else 'tips'}",
                }
                for i in range(n_videos)
            ),
            key=lambda v: v["posted"],
        )

    def views_at(self, v: dict, when: datetime) -> int:
        age = (when - v["posted"]).total_seconds() / 86400
        return 0 if age <= 0 else round(v["views"] * (1 - 0.7 ** (age + 1)))

    def api_video(self, v: dict, when: datetime) -> dict:
        views = self.views_at(v, when)
        total = sum(v["mix"])
        out = {
            "item_id": v["id"],
            "create_time": str(int(v["posted"].timestamp())),
            "caption": v["caption"],
            "share_url": f"https://www.tiktok.com/@{self.handle}/video/{v['id']}",
            "media_type": "VIDEO",
            "is_ad": False,
            "video_duration": v["duration"],
            "video_views": views,
            "likes": views // 12,
            "comments": views // 300,
            "shares": views // 150,
            "favorites": views // 90,
            "new_followers": views // 500,
            "profile_views": views // 40,
            "reach": round(views * 0.8),
            "total_time_watched": round(views * v["duration"] * 0.4, 1),
            "average_time_watched": round(v["duration"] * 0.4, 2),
            "full_video_watched_rate": 0.21,
            "impression_sources": [
                {"impression_source": label, "percentage": round(share / total, 4)}
                for label, share in zip(API_LABELS, v["mix"], strict=True)
            ],
            "video_view_retention": [
                {"second": s, "percentage": round(0.9**s, 4)} for s in (0, 1, 3, 5, 10, 20)
            ],
        }
        return out

    def pages(self, when: datetime, per_page: int = 20) -> list[dict]:
        """The video list as captured at ``when``: newest first, 20 a page."""
        listed = [v for v in reversed(self.videos) if v["posted"] < when - timedelta(hours=2)]
        out = []
        for p in range(0, max(len(listed), 1), per_page):
            chunk = listed[p : p + per_page]
            out.append(
                {
                    "code": 0,
                    "message": "OK",
                    "request_id": _request_id(when + timedelta(seconds=p // per_page), self.rng),
                    "data": {
                        "videos": [self.api_video(v, when) for v in chunk],
                        "cursor": int(chunk[-1]["posted"].timestamp()) * 1000 if chunk else 0,
                        "has_more": p + per_page < len(listed),
                    },
                }
            )
        return out

    def daily(self, day: date) -> dict:
        r = random.Random(f"{self.handle}{day}")
        views = r.randint(2_000, 90_000)
        return {
            "date": day.isoformat(),
            "video_views": views,
            "profile_views": views // 40,
            "likes": views // 12,
            "comments": views // 300,
            "shares": views // 150,
            "followers_count": 10_000 + (day - self.first).days * 7,
            "daily_total_followers": 7,
            "daily_new_followers": 9,
            "daily_lost_followers": 2,
        }

    def business_get(self, when: datetime) -> dict:
        day = when.date()
        metrics = [self.daily(day - timedelta(days=i)) for i in range(self.n_days, 0, -1)]
        return {
            "code": 0,
            "message": "OK",
            "request_id": _request_id(when, self.rng),
            "data": {
                "username": self.handle,
                "display_name": self.handle.title(),
                "is_business_account": True,
                "followers_count": metrics[-1]["followers_count"],
                "videos_count": len(self.videos),
                "metrics": metrics,
            },
        }

    def overview_zip(self, export_day: date, span: int = 60) -> tuple[str, bytes]:
        """Studio's 60-day Overview ZIP (daily values, "Month D" dates)."""
        first = export_day - timedelta(days=span)
        rows = []
        for i in range(span):
            d = self.daily(first + timedelta(days=i))
            day = first + timedelta(days=i)
            rows.append(
                (
                    f"{day.strftime('%B')} {day.day}",
                    d["video_views"] + 13,
                    d["profile_views"],
                    d["likes"],
                    d["comments"],
                    d["shares"],
                )
            )
        header = ("Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares")
        last = export_day - timedelta(days=1)
        name = f"Overview_{first.isoformat()}_{epoch(last)}_{self.handle}.zip"
        made = _at(export_day, 10, 12)
        return name, zip_bytes([("Overview.csv", csv_bytes(header, rows))], made)


def write_account(folder: Path, acc: Account, captures: int, gap_days: int = 30) -> None:
    """business_get (every day) and ``captures`` video lists a month apart, as saved JSON."""
    now = _at(TODAY, 8, 4)
    write_file(folder, "business_get.json", json_bytes(acc.business_get(now), pretty=False), now)
    for k in range(captures):
        when = now - timedelta(days=gap_days * (captures - 1 - k))
        data = json_bytes(acc.pages(when), pretty=False)  # a list of pages in one file
        write_file(folder, f"video_list_{when.date().isoformat()}.json", data, when)


def write_api_pages(folder: Path, n_videos: int, n_pages: int) -> list[Path]:
    """``n_videos`` in ``n_pages`` Business API page files (one page per file)."""
    acc = Account("bench_api", n_videos, 365, seed=900)
    now = _at(TODAY, 8, 4)
    per_page = -(-n_videos // n_pages)
    out = []
    for p, page in enumerate(acc.pages(now, per_page=per_page), start=1):
        data = json_bytes(page, pretty=False)
        out.append(write_file(folder, f"video_list_page_{p:03d}.json", data, now))
    return out


def write_har(path: Path, n_entries: int) -> Path:
    """A HAR of ``n_entries`` Studio insight responses (one per video), as Chrome saves it."""
    acc = Account("bench_har", n_entries, 365, seed=901)
    when = _at(TODAY, 21, 14)
    types = ["video_info", "video_traffic_source_percent_realtime", "video_finish_rate_realtime"]
    base = (
        "https://www.tiktok.com/aweme/v2/data/insight/?item_id={id}&aid=1988"
        "&app_name=tiktok_creator_center&locale=en&tz_name=UTC&type_requests={tr}"
    )
    entries = []
    for k, v in enumerate(acc.videos):
        views = acc.views_at(v, when)
        total = sum(v["mix"])
        body = {
            "video_info": {
                "aweme_id": v["id"],
                "create_time": int(v["posted"].timestamp()),
                "desc": v["caption"],
                "author": {"unique_id": acc.handle, "nickname": acc.handle.title()},
                "video": {"duration": round(v["duration"] * 1000)},
                "statistics": {
                    "play_count": views,
                    "digg_count": views // 12,
                    "comment_count": views // 300,
                    "share_count": views // 150,
                    "collect_count": views // 90,
                },
            },
            "video_traffic_source_percent_realtime": {
                "value": {
                    "status": 0,
                    "value": [
                        {"key": label, "value": round(s / total, 4)}
                        for label, s in zip(WEB_LABELS, v["mix"], strict=True)
                    ],
                }
            },
            "video_finish_rate_realtime": {"value": {"status": 0, "value": 0.2}},
            "status_code": 0,
            "status_msg": "",
        }
        tr = quote(
            "[" + ",".join(f'{{"insigh_type":"{t}","aweme_id":"{v["id"]}"}}' for t in types) + "]",
            safe="",
        )
        started = when + timedelta(milliseconds=150 * k)
        content = {"mimeType": "application/json", "text": json.dumps(body)}
        entries.append(
            har_entry(started, base.format(id=v["id"], tr=tr), "application/json", content)
        )
    har = {"log": {"version": "1.2", "creator": {"name": "WebInspector"}, "entries": entries}}
    path.parent.mkdir(parents=True, exist_ok=True)
    write_file(path.parent, path.name, json_bytes(har, pretty=False), when)
    return path


def _say(text: str) -> None:
    print(f"[bench] {text}", file=sys.stderr, flush=True)


def _import(store_dir: Path, folders: list[Path]) -> None:
    """Through the public CLI, one command per store, as a person would build it."""
    import subprocess

    cmd = [sys.executable, "-m", "tiktui", "--data-dir", str(store_dir), "import"]
    done = subprocess.run(
        [*cmd, *map(str, folders)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    refused = [line for line in done.stdout.splitlines() if line.startswith("refused")]
    if done.returncode != 0 or refused:
        tail = "\n".join(refused) or done.stderr.strip()[-800:]
        raise SystemExit(f"bench: building {store_dir.name} failed:\n{tail}")


def prepare(rebuild: bool = False) -> dict[str, Path]:
    """Every file and store the figures use, built once per cache key."""
    base = CACHE / cache_key()
    done = base / "READY"
    paths = {
        "a": base / "store-a",
        "b": base / "store-b",
        "b1": base / "store-b1",
        "files": base / "files",
        "zip": base / "files" / "overview",
        "api": base / "files" / "api-pages",
        "har": base / "files" / "har" / "studio_insights.har",
        "csv": base / "files" / "videos-a.csv",
    }
    if done.exists() and not rebuild:
        return paths
    if base.exists():
        shutil.rmtree(base)
    files = paths["files"]
    t0 = time.perf_counter()
    _say(f"building the stores in {base} (once; cached for later runs)")
    spec = SPEC["a"]
    acc = Account("bench_a", spec["videos"], spec["days"], seed=1)
    write_account(files / "a", acc, spec["captures"])
    spec = SPEC["b"]
    for i in range(spec["accounts"]):
        b = Account(f"bench_b{i:02d}", spec["videos"], spec["days"], seed=100 + i)
        write_account(files / "b" / b.handle, b, spec["captures"])
    first = Account("bench_b00", spec["videos"], spec["days"], seed=100)
    name, data = first.overview_zip(TODAY + timedelta(days=3))
    write_file(paths["zip"], name, data, _at(TODAY + timedelta(days=3), 10, 12))
    write_api_pages(paths["api"], SPEC["api"]["videos"], SPEC["api"]["pages"])
    write_har(paths["har"], SPEC["har"]["entries"])
    _say(f"files written in {time.perf_counter() - t0:.0f} s; importing (a)")
    _import(paths["a"], [files / "a"])
    _say(f"(a) built at {time.perf_counter() - t0:.0f} s; importing (b1)")
    _import(paths["b1"], [files / "b" / "bench_b00"])
    _say(f"(b1) built at {time.perf_counter() - t0:.0f} s; importing (b)")
    _import(paths["b"], [files / "b"])
    _say(f"(b) built at {time.perf_counter() - t0:.0f} s; exporting (a)'s videos as CSV")
    export_csv(paths["a"], paths["csv"])
    done.write_text(json.dumps({"spec": SPEC, "seconds": round(time.perf_counter() - t0, 1)}))
    return paths


def export_csv(store_dir: Path, target: Path) -> None:
    """(a)'s videos as CSV, through the public CLI (what VisiData opens)."""
    import subprocess

    cmd = [sys.executable, "-m", "tiktui", "--data-dir", str(store_dir), "export", "videos"]
    cmd += ["-o", str(target)]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
