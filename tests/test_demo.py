"""The demo account: deterministic, byte-exact export files, and it imports cleanly."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import statistics
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import polars as pl
import pytest

from tiktui.data.demo import HANDLE, STUDIO_HANDLE, simulate, write_demo_files
from tiktui.data.demo_files import csv_bytes

TODAY = date(2026, 7, 14)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    write_demo_files(folder, today=TODAY)
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _zip(folder: Path, name: str) -> dict[str, bytes]:
    with zipfile.ZipFile(folder / name) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _pages(folder: Path, pattern: str) -> list[dict]:
    return [json.loads(p.read_bytes()) for p in sorted(folder.glob(pattern))]


# -- determinism -----------------------------------------------------------------


def test_same_today_and_seed_give_identical_bytes(demo_dir: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    write_demo_files(again, today=TODAY)
    assert _files(again) == _files(demo_dir)


def test_another_seed_or_day_gives_another_account(demo_dir: Path, tmp_path: Path) -> None:
    write_demo_files(tmp_path / "s8", today=TODAY, seed=8)
    write_demo_files(tmp_path / "d1", today=TODAY + timedelta(days=1))
    ours = _files(demo_dir)
    assert _files(tmp_path / "s8")["business_get.json"] != ours["business_get.json"]
    assert _files(tmp_path / "d1")["business_get.json"] != ours["business_get.json"]


def test_file_times_are_the_capture_times(demo_dir: Path) -> None:
    def mtime(name: str) -> datetime:
        return datetime.fromtimestamp((demo_dir / name).stat().st_mtime, UTC)

    assert mtime("business_get.json").date() == TODAY
    assert mtime("video_list_2_weeks_ago_page_01.json").date() == TODAY - timedelta(days=14)
    assert mtime("studio_insights.har").date() == TODAY - timedelta(days=2)


# -- the files are in their formats ----------------------------------------------


def test_the_expected_files_are_written(demo_dir: Path) -> None:
    names = set(_files(demo_dir))
    overview = sorted(n for n in names if n.startswith("Overview_"))
    assert len(overview) == 13
    for name in overview:
        m = re.fullmatch(r"Overview_(\d{4}-\d{2}-\d{2})_(\d{10})_lena\.cooks\.zip", name)
        assert m, name
        first = date.fromisoformat(m.group(1))
        last = datetime.fromtimestamp(int(m.group(2)), UTC).date()
        assert (last - first).days + 1 in (60, 365)
    assert {
        f"Followers_{HANDLE}.zip",
        f"Content_{HANDLE}.zip",
        f"Content_{HANDLE} (1).zip",
        f"Viewers_{HANDLE}.zip",
        "business_get.json",
        "video_list_2_weeks_ago_page_01.json",
        "studio_insights.har",
        "studio_overview_capture.json",
    } <= names
    assert sorted(n for n in names if n.startswith("video_list_page_")) == [
        f"video_list_page_{i:02d}.json" for i in range(1, 9)
    ]


def test_every_csv_is_studio_csv(demo_dir: Path) -> None:
    """BOM, every field quoted, \\n line ends, no newline after the last row."""
    seen = 0
    for zname in (p.name for p in demo_dir.glob("*.zip")):
        for entry, data in _zip(demo_dir, zname).items():
            if not entry.endswith(".csv"):
                continue
            seen += 1
            assert data.startswith(b"\xef\xbb\xbf"), (zname, entry)
            assert not data.endswith(b"\n") and b"\r" not in data, (zname, entry)
            rows = _rows(data)
            assert csv_bytes(rows[0], rows[1:]) == data, (zname, entry)
            assert all(len(r) == len(rows[0]) for r in rows), (zname, entry)
    assert seen == 13 + 4 + 2


def test_overview_variants_and_dates(demo_dir: Path) -> None:
    headers, first_dates = {}, {}
    for p in sorted(demo_dir.glob("Overview_*.zip")):
        rows = _rows(_zip(demo_dir, p.name)["Overview.csv"])
        headers[p.name] = tuple(rows[0])
        first_dates[p.name] = rows[1][0]
    kinds = set(headers.values())
    assert ("Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares") in kinds
    assert ("Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares",
            "New followers") in kinds  # fmt: skip
    long = [n for n, h in headers.items() if "Reached Audience" in h]
    assert len(long) == 1
    assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", first_dates[long[0]])
    styles = {re.sub(r"\d+", "9", d) for n, d in first_dates.items() if n not in long}
    assert any(re.fullmatch(r"[A-Z][a-z]+ 9", s) for s in styles)  # "September 25"
    assert any(re.fullmatch(r"9 [A-Z][a-z]+", s) for s in styles)  # "28 May"
    long_rows = _rows(_zip(demo_dir, long[0])["Overview.csv"])
    assert len(long_rows) == 366
    assert sum(r[2] == "NaN" for r in long_rows) >= 2
    all_comments = [
        r[4] for p in demo_dir.glob("Overview_*.zip") if p.name not in long
        for r in _rows(_zip(demo_dir, p.name)["Overview.csv"])[1:]
    ]  # fmt: skip
    assert "-1" in all_comments


def test_followers_content_and_viewers(demo_dir: Path) -> None:
    f = _zip(demo_dir, f"Followers_{HANDLE}.zip")
    assert set(f) == {"FollowerHistory.csv", "FollowerActivity.csv", "FollowerGender.csv",
                      "FollowerTopTerritories.csv"}  # fmt: skip
    history = _rows(f["FollowerHistory.csv"])
    assert len(history) == 61
    activity = _rows(f["FollowerActivity.csv"])
    assert len(activity) == 1 + 7 * 24
    today_rows = activity[-24:]
    assert today_rows[0][2] != "0" and today_rows[-1][2] == "0"  # today is partial
    by_hour: dict[int, int] = {}
    for _d, h, n in activity[1:-24]:
        by_hour[int(h)] = by_hour.get(int(h), 0) + int(n)
    assert max(by_hour, key=by_hour.__getitem__) in range(18, 22)
    assert _rows(f["FollowerGender.csv"])[1] == ["Female", "0.59"]

    old = _rows(_zip(demo_dir, f"Content_{HANDLE}.zip")["Content.csv"])
    new = _rows(_zip(demo_dir, f"Content_{HANDLE} (1).zip")["Content.csv"])
    assert len(old) == len(new) == 16
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", old[1][3])
    assert re.fullmatch(r"[A-Z][a-z]+ \d{1,2}", new[1][3])
    captions = [r[1] for r in new[1:]]
    assert any("\n" in c for c in captions)
    assert any('"' in c and "," in c for c in captions)
    assert any(c.startswith("[bold red]NEW[/]") for c in captions)

    xlsx = _zip(demo_dir, f"Viewers_{HANDLE}.zip")["Viewers.xlsx"]
    sheet = pl.read_excel(io.BytesIO(xlsx), infer_schema_length=0)
    assert sheet.columns == ["Date", "Total Viewers", "New Viewers", "Returning Viewers"]
    assert sheet.height == 60
    assert sheet["Total Viewers"].tail(2).to_list() == ["undefined", "undefined"]
    raw = zipfile.ZipFile(io.BytesIO(xlsx)).read("xl/worksheets/sheet1.xml").decode()
    assert re.search(r't="inlineStr"><is><t>\d+</t>', raw)  # numbers stored as text


def test_business_api_files(demo_dir: Path) -> None:
    account = json.loads((demo_dir / "business_get.json").read_bytes())
    assert account["code"] == 0 and account["data"]["username"] == HANDLE
    assert account["request_id"].startswith(TODAY.strftime("%Y%m%d"))
    metrics = account["data"]["metrics"]
    assert len(metrics) == 60 and metrics[-1]["date"] == (TODAY - timedelta(days=1)).isoformat()
    assert all(len(m["audience_activity"]) == 24 for m in metrics)
    assert 45_000 < metrics[0]["followers_count"] < metrics[-1]["followers_count"] < 63_000

    pages = _pages(demo_dir, "video_list_page_*.json")
    videos = [v for p in pages for v in p["data"]["videos"]]
    assert len(videos) == len({v["item_id"] for v in videos}) == 150
    assert [p["data"]["has_more"] for p in pages] == [True] * 7 + [False]
    assert all(isinstance(v["create_time"], str) for v in videos)
    assert sum(v["is_ad"] for v in videos) == 5
    inactive = [v for v in videos if "impression_sources" not in v]
    assert len(inactive) == 8 and all("reach" not in v for v in inactive)
    labels = {s["impression_source"] for v in videos for s in v.get("impression_sources", [])}
    assert labels == {"For You", "Follow", "Personal Profile", "Search", "Sound", "Hashtag",
                      "Direct Message", "Others"}  # fmt: skip
    for v in videos:
        if "impression_sources" in v:
            assert abs(sum(s["percentage"] for s in v["impression_sources"]) - 1) < 1e-6
        assert v["video_view_retention"][0] == {"second": 0, "percentage": 1.0}

    older = _pages(demo_dir, "video_list_2_weeks_ago_page_*.json")[0]
    then = {v["item_id"]: v for v in older["data"]["videos"]}
    now = {v["item_id"]: v for v in videos}
    assert len(then) == 20 and set(then) <= set(now)
    assert all(then[i]["video_views"] < now[i]["video_views"] for i in then)


def test_har_file(demo_dir: Path) -> None:
    har = json.loads((demo_dir / "studio_insights.har").read_bytes())
    entries = har["log"]["entries"]
    insight = [e for e in entries if "/aweme/v2/data/insight/" in e["request"]["url"]]
    assert len(insight) == 21  # 20 videos, one of them split over two requests
    bodies = []
    for e in insight:
        content = e["response"]["content"]
        text = content["text"]
        if content.get("encoding") == "base64":
            text = base64.b64decode(text).decode()
        bodies.append(json.loads(text))
    assert any(e["response"]["content"].get("encoding") == "base64" for e in insight)
    terms = {t["key"] for b in bodies for t in b.get("item_search_terms", {}).get("value", [])}
    assert {"[best] ramen", "how to fold dumplings"} & terms
    assert any(b.get("item_search_terms", {}).get("status") == 2 for b in bodies)
    ids = {b["video_info"]["aweme_id"] for b in bodies if "video_info" in b}
    api = {v["item_id"] for p in _pages(demo_dir, "video_list_page_*.json")
           for v in p["data"]["videos"]}  # fmt: skip
    assert len(ids) == 20 and ids <= api


# -- the data is built to make the advisor speak ---------------------------------


def test_the_numbers_trigger_the_advisor_rules() -> None:
    acc = simulate(TODAY, 7)
    n = acc.days
    views = acc.views
    spikes = [j for j in range(n - 365, n) if views[j] >= 4 * statistics.median(views[j - 28 : j])]
    assert 4 <= len(spikes) <= 6  # two viral videos, 2-3 days each
    year = views[n - 365 :]
    assert 12_000 < statistics.median(year) < 80_000

    from tiktui.data.demo import video_state

    def mix(lo: int, hi: int) -> dict[str, float]:
        total, out = 0.0, {}
        for v in acc.exported:
            age = (TODAY - v.posted_at.date()).days
            if lo <= age <= hi and not v.inactive:
                s = video_state(acc, v, TODAY)
                total += s.views
                for k, x in s.mix.items():
                    out[k] = out.get(k, 0.0) + x * s.views
        return {k: x / total for k, x in out.items()}

    year_mix = mix(0, 400)
    assert 0.74 <= year_mix["for_you"] <= 0.82
    assert year_mix["search"] >= 2.5 * 0.011
    recent, previous = mix(1, 28), mix(29, 56)
    assert recent["search"] - previous["search"] >= 0.05


# -- through the real pipeline ---------------------------------------------------


def test_build_demo_store_imports_every_file(tmp_path: Path) -> None:
    from tiktui.data.demo import build_demo_store

    store = build_demo_store(tmp_path, today=TODAY)
    t = store.tables()
    assert sorted(t["accounts"]["account"].to_list()) == [HANDLE, STUDIO_HANDLE]
    t = {
        name: frame.filter(pl.col("account") == HANDLE) if "account" in frame.columns else frame
        for name, frame in t.items()
    }
    videos = t["videos"]
    assert videos.height == 150
    assert videos["is_ad"].sum() == 5
    sourced = t["video_sources"]["video_id"].n_unique()
    assert 140 <= sourced <= 150
    daily = t["account_daily"]
    assert daily.height >= 365
    assert daily["date"].max() == TODAY - timedelta(days=1)
    assert t["video_search_terms"].filter(pl.col("term") == "[best] ramen").height >= 1
    assert t["video_retention"]["video_id"].n_unique() >= 140
    snaps = t["video_snapshots"].group_by("video_id").len()
    assert snaps["len"].max() >= 4  # API now and 2 weeks ago, HAR, Content


def test_demo_states_the_accounts_own_mix_for_7_and_28_days(tmp_path: Path) -> None:
    """The Overview page capture: TikTok's figure for the last 7 and 28 days, estimated beyond."""
    from tiktui.data import queries as q
    from tiktui.data.account_mix import account_mix, account_terms
    from tiktui.data.demo import build_demo_store, simulate

    t = build_demo_store(tmp_path, today=TODAY).tables()
    acc = simulate(TODAY)
    for days in (7, 28):
        period = q.Period(TODAY - timedelta(days=days), TODAY - timedelta(days=1), days)
        fig = account_mix(t, HANDLE, period)
        assert fig.origin == "captured", days
        assert sum((fig.shares() or {}).values()) == pytest.approx(1.0, abs=1e-3)
        # the stated mix is the simulation's views by source over exactly those days
        first, last = acc.index(period.start), acc.index(period.end)
        by_source: dict[str, float] = {}
        for v in acc.videos:
            views = sum(v.daily[first : last + 1])
            for key, share in v.mix.items():
                by_source[key] = by_source.get(key, 0.0) + views * share
        expected = by_source["search"] / sum(by_source.values())
        assert (fig.shares() or {})["search"] == pytest.approx(expected, abs=1e-3)
        assert account_terms(t, HANDLE, period).origin == "captured"
    period = q.Period(TODAY - timedelta(days=60), TODAY - timedelta(days=1), 60)
    assert account_mix(t, HANDLE, period).is_estimate
