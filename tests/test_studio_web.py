"""Studio web captures in every shape of FORMATS.md 3a-3g, imported through the real pipeline.

The fixtures are written by ``fixtures/studio_web/make_fixtures.py``; every
number asserted here is chosen there. Capture time 2026-03-10 09:00 UTC.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiktui.data import pipeline
from tiktui.data.importers.base import ParseContext, SourceFile
from tiktui.data.importers.jsonfile import parse_json
from tiktui.data.importers.studio_web.redact import archive_bytes
from tiktui.data.rebuild import rebuild
from tiktui.data.store import Store

FIX = Path(__file__).parent / "fixtures" / "studio_web"
V1, V2, V3 = "7019000000000000001", "7019000000000000002", "7400000000000000003"
TODAY = date(2026, 3, 10)
CAPTURED = datetime(2026, 3, 10, 9, tzinfo=UTC)


def _import(store: Store, *names: str, account: str | None = None) -> list[pipeline.FileResult]:
    return pipeline.import_paths(store, [FIX / n for n in names], account=account, today=TODAY)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "store")


def _one(frame: pl.DataFrame, **where: object) -> dict[str, object]:
    for col, value in where.items():
        frame = frame.filter(pl.col(col) == value)
    rows = frame.to_dicts()
    assert len(rows) == 1, rows
    return rows[0]


def _by(frame: pl.DataFrame, key: str, value: str) -> dict[object, object]:
    return dict(zip(frame[key].to_list(), frame[value].to_list(), strict=True))


# --------------------------------------------------------------------------- 3c generation 1


def test_generation_1_bodies_milliseconds_and_file_name_id(store: Store) -> None:
    results = _import(store, f"{V1}.json", f"{V2}.json")
    assert [r.status for r in results] == ["imported", "imported"], [r.line() for r in results]
    assert results[0].accounts == ["lena.cooks"]  # video_info.author, lowercased
    assert results[1].accounts == ["lena.cooks"]  # the store's only account
    video = _one(store.load("videos"), video_id=V1)
    assert (video["caption"], video["duration_s"]) == ("gen one", 31.347)
    snaps = store.load("video_snapshots")
    one = _one(snaps, video_id=V1)
    assert one["captured_on"] == date(2026, 3, 10)  # extra.now
    assert (one["views"], one["likes"], one["saves"]) == (1000, 50, 7)
    assert one["avg_watch_s"] == 10.23  # 10230 ms
    assert one["total_watch_s"] == 10230.0  # 10,230,000 is beyond 31 s x 1000 views: ms
    assert one["full_watch_rate"] == 0.05  # not the _before twin's 0.04
    two = _one(snaps, video_id=V2)  # named only by its file name
    assert (two["avg_watch_s"], two["full_watch_rate"]) == (5.0, 0.2)
    sources = store.load("video_sources").filter(pl.col("video_id") == V1)
    assert _by(sources, "source", "share") == {"for_you": 0.84, "following": 0.1, "profile": 0.06}
    audience = store.load("audience").filter(pl.col("video_id") == V1)
    assert _by(audience, "bucket", "share") == {"US": 0.7, "GB": 0.3}
    assert not any("not read yet" in n for r in results for n in r.notes)  # _before: understood


# --------------------------------------------------------------------------- 3d generation 2


def test_generation_2_in_a_capture_extension_file(store: Store) -> None:
    [result] = _import(store, "capture_extension.json")
    assert result.status == "imported", result.line()
    assert result.accounts == ["lena.cooks"]  # the wrapper's "account"
    snap = _one(store.load("video_snapshots"), video_id=V3)  # the id is only in the URL
    assert snap["captured_on"] == date(2026, 3, 10)
    assert (snap["views"], snap["reach"], snap["new_followers"]) == (748, 498, 6)
    assert (snap["avg_watch_s"], snap["total_watch_s"]) == (10.23, 22753.0)  # seconds
    assert snap["full_watch_rate"] is None  # status 2: missing, not 0
    sources = store.load("video_sources").filter(pl.col("video_id") == V3)
    assert sum(sources["share"]) == pytest.approx(1.0)
    assert _by(sources, "source", "share")["for_you"] == 0.977
    terms = store.load("video_search_terms")
    assert _by(terms, "term", "share") == {"Ramen  Recipe": 0.235}  # user text kept exactly
    gender = store.load("audience").filter(pl.col("dimension") == "gender")
    assert _by(gender, "bucket", "share") == {"male": 0.52, "female": 0.48}  # Studio's buckets
    assert "kept, 1 key not read yet: realtime_video_view_history" in result.notes
    assert any("is_data_delay" in n for n in result.notes)


# --------------------------------------------------------------------------- 3e account level


def test_account_level_bodies_in_a_url_json_list(store: Store) -> None:
    [result] = _import(store, "url_json_list.json")
    assert result.status == "imported", result.line()
    assert result.accounts == ["lena.cooks"]  # user_info
    daily = store.load("account_daily").sort("date")
    views = _by(daily, "date", "video_views")
    # 7 days ending end_days=1 before the capture day (the 10th in tz_offset 3600)
    assert views.get(date(2026, 3, 4)) == 10 and views.get(date(2026, 3, 8)) == 50
    assert views.get(date(2026, 3, 3)) is None  # status 2 at the start: before the account
    assert views.get(date(2026, 3, 9)) is None  # status 2 at the end: not final, never 0
    followers = _by(daily, "date", "followers")
    assert [followers.get(date(2026, 3, d)) for d in range(3, 11)] == [
        None, 100, 101, 102, 103, 104, 105, 106,  # follower_num: the capture day's total
    ]  # fmt: skip
    assert _by(daily, "date", "followers_net").get(date(2026, 3, 9)) is None
    assert _by(daily, "date", "viewers_total") == {d: None for d in _by(daily, "date", "date")}
    mix = store.load("account_sources")
    assert set(zip(mix["window_start"], mix["window_end"], strict=True)) == {
        (date(2026, 3, 3), date(2026, 3, 9))
    }
    assert _by(mix, "source", "share") == {
        "for_you": 0.4, "following": 0.3, "profile": 0.2, "other": 0.1,
    }  # fmt: skip
    assert _by(mix, "source", "raw_label")["other"] == "Promote"
    assert set(mix["captured_at"]) == {CAPTURED}
    terms = store.load("account_search_terms")
    assert _by(terms, "term", "share") == {"acme": 0.444, "Acme ": 0.1}
    assert set(zip(terms["window_start"], terms["window_end"], strict=True)) == {
        (date(2026, 2, 10), date(2026, 3, 9))  # range 28, end_days 1
    }
    audience = store.load("audience").filter(pl.col("scope") == "viewers")
    assert _by(audience.filter(pl.col("dimension") == "age"), "bucket", "share") == {
        "18-24": 0.289, "25-34": 0.711,
    }  # fmt: skip
    city = _one(audience, dimension="city")
    assert city["bucket"] == "Surrey, CA" and city["share"] == pytest.approx(0.2)
    activity = store.load("follower_activity")
    assert activity.height == 7 * 24
    assert _one(activity, date=date(2026, 3, 9), hour=5)["active_followers"] == 5
    note = next(n for n in result.notes if "not read yet" in n)
    assert note.startswith("kept, 3 keys not read yet:")
    assert {"unique_viewer_num", "week_top_videos_new", "room_info"} <= set(
        note.split(": ", 1)[1].split(", ")
    )
    assert any("placed by their request" in n for n in result.notes)


def test_newer_capture_of_the_same_window_replaces_the_mix(store: Store, tmp_path: Path) -> None:
    _import(store, "url_json_list.json")
    later = tmp_path / "later.json"
    text = (FIX / "url_json_list.json").read_text(encoding="utf-8")
    later.write_text(
        text.replace('"Promote"', '"Search"').replace("1773133200000", "1773133300000"),
        encoding="utf-8",
    )
    pipeline.import_paths(store, [later], today=TODAY)
    mix = store.load("account_sources")
    assert set(mix["source"]) == {"for_you", "following", "profile", "search"}


# --------------------------------------------------------------------------- 3f generation 3


def test_generation_3_url_timestamp_data(store: Store) -> None:
    [result] = _import(store, "url_timestamp_data.json", account="lena.cooks")
    assert result.status == "imported", result.line()
    daily = store.load("account_daily")
    mar8, mar9 = date(2026, 3, 8), date(2026, 3, 9)
    assert _by(daily, "date", "video_views") == {mar8: 500, mar9: None}  # status 2
    assert _by(daily, "date", "followers") == {mar8: 29075, mar9: 29080}
    assert _by(daily, "date", "followers_net") == {mar8: None, mar9: 5}  # status 7: n/a
    mix = store.load("account_sources")
    assert _by(mix, "source", "share") == {"for_you": 0.6, "search": 0.4}
    assert (mix["window_start"][0], mix["window_end"][0]) == (date(2026, 3, 3), mar9)
    assert "kept, 1 key not read yet: analytics_overview_rewards" in result.notes


def test_generation_3_traffic_source_of_unknown_shape_is_kept(store: Store) -> None:
    [result] = _import(store, "gen3_unknown_traffic.json", account="lena.cooks")
    assert result.status == "imported", result.line()
    assert "traffic source of this generation not read yet" in result.notes
    assert store.load("account_sources").is_empty()


# --------------------------------------------------------------------------- content list


@pytest.mark.parametrize("name", ["http_status_data.json", "item_list_pages.json"])
def test_content_list_counts_as_strings(store: Store, name: str) -> None:
    [result] = _import(store, name, account="lena.cooks")
    assert result.status == "imported", result.line()
    snaps = store.load("video_snapshots")
    pinned = _one(snaps, video_id="7000000000000000001")
    assert (pinned["views"], pinned["likes"], pinned["saves"]) == (287, 12, 3)
    videos = store.load("videos")
    assert _one(videos, video_id="7000000000000000001")["duration_s"] == 15.0
    assert _one(videos, video_id="7400000000000000009")["caption"] == "newest"
    if name == "item_list_pages.json":  # its insight body is the account's
        assert store.load("account_sources").height == 4


def test_login_expired_is_refused_with_its_reason(store: Store) -> None:
    [result] = _import(store, "login_expired.json", account="lena.cooks")
    assert result.status == "refused"
    assert result.message == "TikTok error 8: Login expired"


def test_known_endpoint_with_unread_keys_is_kept_not_refused(store: Store) -> None:
    [result] = _import(store, "unread_keys.json", account="lena.cooks")
    assert result.status == "imported", result.line()
    assert (
        "kept, 3 keys not read yet: video_like_distribution_realtime, photo_viewed, "
        "video_viewer_age_percent_realtime"
    ) in result.notes


# --------------------------------------------------------------------------- HAR


def test_har_with_two_accounts_is_split_never_merged(store: Store) -> None:
    [result] = _import(store, "two_accounts.har")
    assert result.status == "imported", result.line()
    assert sorted(result.accounts) == ["alice.bakes", "bob.builds"]
    daily = store.load("account_daily")
    alice = daily.filter(pl.col("account") == "alice.bakes")
    bob = daily.filter(pl.col("account") == "bob.builds")
    assert _by(alice, "date", "video_views") == {
        date(2026, 3, 7): 1, date(2026, 3, 8): 2, date(2026, 3, 9): 3,  # base64 body
    }  # fmt: skip
    assert _by(bob, "date", "video_views") == {date(2026, 3, 9): 7}  # end_days 0: today missing
    mix = store.load("account_sources")
    assert set(mix["account"]) == {"alice.bakes"}
    # the v1 POST form body names the video; its page is alice's
    snap = _one(store.load("video_snapshots"), video_id=V2)
    assert snap["avg_watch_s"] == 8.0
    assert _one(store.load("accounts"), account="alice.bakes")["account"] == "alice.bakes"


SECRETS = (
    "SECRETSESSION123",
    "SECRETSIDTT456",
    "SECRETBEARER789",
    "SECRETMSTOKENabc",
    "SECRETXBOGUSdef",
    "SECRETPOSTTOKENghi",
    "SECRETCOOKIEOBJjkl",
)


def test_har_is_archived_redacted_and_reimport_is_recognised(store: Store, tmp_path: Path) -> None:
    original = (FIX / "two_accounts.har").read_bytes()
    assert all(s.encode() in original for s in SECRETS)
    [first] = _import(store, "two_accounts.har")
    assert first.status == "imported"
    assert not any(s in first.line() for s in SECRETS)
    raw = store.root / "raw"
    stored = [p for p in raw.iterdir() if p.is_file()]
    assert stored
    for path in stored:
        data = path.read_bytes()
        assert not any(s.encode() in data for s in SECRETS), path.name
    [again] = _import(store, "two_accounts.har")
    assert again.status == "unchanged"

    # the redacted copy reads to the same rows, in a fresh store and by a rebuild
    [copy] = [p for p in stored if "." not in p.name]
    redacted = tmp_path / "redacted.har"
    shutil.copy(copy, redacted)
    fresh = Store.open(tmp_path / "fresh")
    [res] = pipeline.import_paths(fresh, [redacted], today=TODAY)
    assert res.status == "imported", res.line()
    tables = ("account_daily", "account_sources", "video_snapshots", "accounts")
    for name in tables:
        assert fresh.load(name).sort(pl.all()).equals(store.load(name).sort(pl.all())), name
    before = {name: store.load(name) for name in tables}
    assert all(r.ok for r in rebuild(store))
    for name in tables:
        assert store.load(name).sort(pl.all()).equals(before[name].sort(pl.all())), name


def _raw_bytes(store: Store) -> list[bytes]:
    return [p.read_bytes() for p in (store.root / "raw").iterdir() if p.is_file()]


def test_har_inside_a_zip_is_archived_redacted(store: Store, tmp_path: Path) -> None:
    import zipfile

    bundle = tmp_path / "captures.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.write(FIX / "two_accounts.har", "two_accounts.har")
        zf.write(FIX / "capture_extension.json", "capture_extension.json")
    [result] = pipeline.import_paths(store, [bundle], today=TODAY)
    assert result.status == "imported", result.line()
    for path in (store.root / "raw").iterdir():
        if "." in path.name:  # the stored copy's checksum
            continue
        with zipfile.ZipFile(path) as zf:
            inside = b"".join(zf.read(n) for n in zf.namelist())
        assert not any(s.encode() in inside for s in SECRETS)
    before = store.load("account_daily").sort(pl.all())
    assert all(r.ok for r in rebuild(store))
    assert store.load("account_daily").sort(pl.all()).equals(before)


def test_tokens_in_a_saved_url_are_not_archived(store: Store, tmp_path: Path) -> None:
    text = (FIX / "url_json_list.json").read_text(encoding="utf-8")
    saved = tmp_path / "saved.json"
    saved.write_text(
        text.replace("&tz_offset=3600", "&msToken=SECRETMSTOKENabc&X-Bogus=SECRETXBOGUSdef"
                     "&tz_offset=3600"),
        encoding="utf-8",
    )  # fmt: skip
    [result] = pipeline.import_paths(store, [saved], today=TODAY)
    assert result.status == "imported", result.line()
    assert not any(b"SECRET" in data for data in _raw_bytes(store))
    assert store.load("account_sources").height == 4


def test_har_body_of_a_known_endpoint_with_only_new_keys_is_kept(
    store: Store, tmp_path: Path
) -> None:
    har = {"log": {"version": "1.2", "entries": [{
        "startedDateTime": "2026-03-10T09:00:00Z",
        "request": {"method": "GET", "url": "https://www.tiktok.com/aweme/v2/data/insight/?aid=1"},
        "response": {"status": 200, "content": {"mimeType": "application/json", "text": json.dumps(
            {"status_code": 0, "creator_tier_2027": {"status": 0, "value": 3}})}},
    }]}}  # fmt: skip
    path = tmp_path / "new.har"
    path.write_text(json.dumps(har), encoding="utf-8")
    [result] = pipeline.import_paths(store, [path], account="lena.cooks", today=TODAY)
    assert result.status == "imported", result.line()
    assert "kept, 1 key not read yet: creator_tier_2027" in result.notes


# --------------------------------------------------------------------------- properties


_ELEMENT = st.one_of(
    st.integers(0, 10**6).map(lambda v: {"status": 0, "value": v}),
    st.just({"status": 2}),
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    history=st.lists(_ELEMENT, min_size=1, max_size=30),
    end_days=st.integers(0, 2),
    tz_hours=st.integers(-11, 13),
    minute=st.integers(0, 24 * 60 - 1),
)
def test_history_is_placed_by_request_and_status_2_is_never_a_value(
    history: list[dict[str, int]], end_days: int, tz_hours: int, minute: int
) -> None:
    captured = datetime(2026, 3, 10, tzinfo=UTC) + timedelta(minutes=minute)
    local_day = (captured + timedelta(hours=tz_hours)).date()
    types = quote(json.dumps([{"insigh_type": "vv_history", "days": len(history),
                               "end_days": end_days}]))  # fmt: skip
    doc = [{
        "url": f"https://www.tiktok.com/aweme/v2/data/insight/?tz_offset={tz_hours * 3600}"
               f"&type_requests={types}",
        "json": {"status_code": 0, "extra": {"now": int(captured.timestamp() * 1000)},
                 "vv_history": history},
    }]  # fmt: skip
    [part] = parse_json(SourceFile("c.json", json.dumps(doc).encode()), ParseContext(TODAY))
    got = {}
    if "account_daily" in part.tables:
        frame = part.tables["account_daily"]
        got = dict(zip(frame["date"].to_list(), frame["video_views"].to_list(), strict=True))
    last = local_day - timedelta(days=end_days)
    want = {
        last - timedelta(days=len(history) - 1 - i): item["value"]
        for i, item in enumerate(history)
        if item["status"] == 0
    }
    assert {d: v for d, v in got.items() if v is not None} == want


_TOKEN = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789_-", min_size=12,
                 max_size=40).map(lambda t: "TOK" + t)  # fmt: skip


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(cookie=_TOKEN, auth=_TOKEN, ms=_TOKEN, bogus=_TOKEN, form=_TOKEN)
def test_no_secret_survives_redaction(
    cookie: str, auth: str, ms: str, bogus: str, form: str
) -> None:
    body = json.dumps({"status_code": 0, "video_per_duration_realtime": {"status": 0, "value": 3}})
    entry = {
        "startedDateTime": "2026-03-10T09:00:00Z",
        "request": {
            "method": "POST",
            "url": f"https://www.tiktok.com/aweme/v2/data/insight/?aweme_id=1&msToken={ms}"
                   f"&X-Bogus={bogus}",
            "headers": [{"name": "cookie", "value": f"sessionid={cookie}"},
                        {"name": "authorization", "value": auth},
                        {"name": "x-secsdk-csrf-token", "value": auth}],
            "cookies": [{"name": "sessionid", "value": cookie}],
            "queryString": [{"name": "msToken", "value": ms}, {"name": "X-Bogus", "value": bogus}],
            "postData": {"text": f"verifyFp={form}&_signature={form}",
                         "params": [{"name": "verifyFp", "value": form}]},
        },
        "response": {"headers": [{"name": "set-cookie", "value": f"sid_tt={cookie}"}],
                     "cookies": [{"name": "sid_tt", "value": cookie}],
                     "content": {"mimeType": "application/json", "text": body}},
    }  # fmt: skip
    original = json.dumps({"log": {"version": "1.2", "entries": [entry]}}).encode()
    stored = archive_bytes(original)
    assert not any(s.encode() in stored for s in (cookie, auth, ms, bogus, form))
    ctx = ParseContext(TODAY)
    [a] = parse_json(SourceFile("a.har", original), ctx)
    [b] = parse_json(SourceFile("a.har", stored), ctx)
    assert a.tables["video_snapshots"].equals(b.tables["video_snapshots"])


def test_video_page_percent_is_the_accounts_when_asked_with_days() -> None:
    """One request may ask a video's numbers and the account's mix; the request tells which."""
    types = quote(json.dumps([
        {"insigh_type": "video_info", "aweme_id": V3},
        {"insigh_type": "vv_traffic_source", "days": 7, "end_days": 1},
    ]))  # fmt: skip
    doc = {
        "url": f"https://www.tiktok.com/aweme/v2/data/insight/?type_requests={types}",
        "timestamp": "2026-03-10T09:00:00Z",
        "data": {
            "status_code": 0,
            "video_per_duration_realtime": {"status": 0, "value": 4.5},
            "video_page_percent": {"value": [{"key": "For You", "value": 1.0}]},
        },
    }
    [part] = parse_json(SourceFile("x.json", json.dumps(doc).encode()), ParseContext(TODAY))
    assert "video_sources" not in part.tables
    assert part.tables["account_sources"]["window_end"].to_list() == [date(2026, 3, 9)]
    assert part.tables["video_snapshots"]["avg_watch_s"].to_list() == [4.5]
