"""TikTok Studio web responses: /aweme/v2/data/insight/ bodies, JSONL, arrays and HAR files."""

from __future__ import annotations

import base64
import json
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import pytest

from tiktui.data.importers.base import ParseContext, Parsed, Refused, SourceFile
from tiktui.data.importers.jsonfile import parse_json

FIXTURES = Path(__file__).parent / "fixtures" / "json"
CTX = ParseContext(today=date(2024, 3, 20))
MTIME = datetime(2024, 3, 17, 12, 0, tzinfo=UTC)
VIDEO = "7345678901234567890"
INSIGHT_URL = "https://www.tiktok.com/aweme/v2/data/insight/?aid=1988"


def parse(name: str, mtime: datetime | None = MTIME) -> list[Parsed]:
    return parse_json(SourceFile(name, (FIXTURES / name).read_bytes(), mtime=mtime), CTX)


def parse_text(text: str, mtime: datetime | None = MTIME) -> list[Parsed]:
    return parse_json(SourceFile("x.json", text.encode(), mtime=mtime), CTX)


def one(part: Parsed | pl.DataFrame, table: str) -> dict[str, object]:
    rows = (part if isinstance(part, pl.DataFrame) else part.tables[table]).to_dicts()
    assert len(rows) == 1, rows
    return rows[0]


def har(*entries: dict[str, object]) -> str:
    return json.dumps({"log": {"version": "1.2", "entries": list(entries)}})


def entry(
    url: str, body: object, started: str = "2024-03-16T10:00:00.000Z", b64: bool = False
) -> dict[str, object]:
    text = json.dumps(body)
    content: dict[str, object] = {"mimeType": "application/json", "text": text}
    if b64:
        content = {
            "mimeType": "application/json",
            "encoding": "base64",
            "text": base64.b64encode(text.encode()).decode(),
        }
    return {
        "startedDateTime": started,
        "request": {"method": "GET", "url": url},
        "response": {"status": 200, "content": content},
    }


# --------------------------------------------------------------------------- one body


@pytest.fixture(scope="module")
def body_part() -> Parsed:
    [part] = parse("insight_body.json")
    return part


def test_body_video_and_capture(body_part: Parsed) -> None:
    assert body_part.kind == "insight-json"
    assert body_part.account == "lena.cooks"  # video_info.author.unique_id
    # extra.now (2024-03-15 10:12:34 UTC) says when, better than the file's timestamp
    assert body_part.as_of == datetime(2024, 3, 15, 10, 12, 34, tzinfo=UTC)
    assert not any("timestamp" in n for n in body_part.notes)
    video = one(body_part, "videos")
    assert video["video_id"] == VIDEO
    assert video["caption"] == "15-minute ramen, no excuses 🍜 #dinner"
    assert video["posted_at"] == datetime(2024, 3, 12, tzinfo=UTC)
    assert video["duration_s"] == 31.52  # 31520 ms
    assert video["url"] == f"https://www.tiktok.com/@lena.cooks/video/{VIDEO}"


def test_body_snapshot_and_status_2_is_null(body_part: Parsed) -> None:
    snap = one(body_part, "video_snapshots")
    assert snap["captured_on"] == date(2024, 3, 15)
    assert (snap["views"], snap["likes"], snap["comments"], snap["shares"], snap["saves"]) == (
        20315,
        1204,
        56,
        41,
        230,
    )
    assert snap["avg_watch_s"] == 14.83
    assert snap["total_watch_s"] == 301234.5  # "301234.5"
    assert "full_watch_rate" in body_part.tables["video_snapshots"].columns
    assert snap["full_watch_rate"] is None  # status 2 with value 0: not computed, not zero


def test_body_sources_sum_labels_of_one_key(body_part: Parsed) -> None:
    sources = body_part.tables["video_sources"]
    shares = dict(zip(sources["source"], sources["share"], strict=True))
    assert shares == pytest.approx(
        {
            "for_you": 0.843,
            "following": 0.05,
            "profile": 0.04,
            "search": 0.051,
            "sound": 0.006,
            "other": 0.01,
        }
    )
    labels = dict(zip(sources["source"], sources["raw_label"], strict=True))
    assert labels["following"] == "Follow+Following"
    assert labels["profile"] == "Personal Profile"


def test_body_search_terms_kept_exactly(body_part: Parsed) -> None:
    terms = body_part.tables["video_search_terms"]
    assert terms.select("term", "share").rows() == [
        ("ramen recipe", 0.235),
        ("  Ramen Recipe", 0.1),
        ("ラーメン 簡単", 0.05),
    ]


def test_body_retention_milliseconds_to_seconds(body_part: Parsed) -> None:
    retention = body_part.tables["video_retention"]
    assert retention.select("second", "retained").rows() == [
        (0.0, 1.0),
        (0.5, 0.91),
        (1.0, 0.82),
        (10.0, 0.41),
    ]


def test_nesting_may_lose_a_level_and_numbers_may_be_strings() -> None:
    body = {
        "video_info": {"aweme_id": 42, "statistics": {"play_count": "100"}},
        "video_traffic_source_percent_realtime": {
            "status": 0,
            "value": [{"key": "FYP", "value": "0.5"}, {"key": "Direct messages", "value": 0.5}],
        },
        "video_per_duration_realtime": {"status": "0", "value": "7.5"},
        "video_finish_rate_realtime": "0.25",
        "video_retention_rate_realtime": {
            "status": 0,
            "list": [{"timestamp": 3000, "value": "0.6"}],
        },
    }
    [part] = parse_text(json.dumps(body))
    assert one(part, "videos")["video_id"] == "42"
    snap = one(part, "video_snapshots")
    assert (snap["views"], snap["avg_watch_s"], snap["full_watch_rate"]) == (100, 7.5, 0.25)
    assert part.tables["video_sources"]["source"].to_list() == ["for_you", "direct_message"]
    assert part.tables["video_retention"].rows() == [("42", date(2024, 3, 17), 3.0, 0.6)]


def test_status_2_parts_add_no_rows() -> None:
    body = {
        "item_id": VIDEO,
        "video_traffic_source_percent_realtime": {"value": {"status": 2, "value": []}},
        "item_search_terms": {"status": 2, "value": [{"key": "x", "value": 0}]},
        "video_retention_rate_realtime": {"value": {"status": 2, "list": []}},
        "video_per_duration_realtime": {"value": {"status": 2, "value": 0}},
    }
    [part] = parse_text(json.dumps(body))
    assert set(part.tables) == {"video_snapshots"}
    assert one(part, "video_snapshots") == {
        "video_id": VIDEO,
        "captured_on": date(2024, 3, 17),
        "avg_watch_s": None,
    }


def test_body_without_any_video_id_is_refused() -> None:
    with pytest.raises(Refused) as exc:
        parse("insight_no_id.json")
    assert str(exc.value) == (
        "the insight response names no video (no video_info, and no item_id or aweme_id "
        "in the body or its request)"
    )


def test_studio_error_body_is_refused() -> None:
    with pytest.raises(Refused, match=r"^TikTok error 8: Login expired$"):
        parse_text('{"status_code": 8, "status_msg": "Login expired", "video_info": {}}')
    with pytest.raises(Refused, match=r"^TikTok error 8: Login expired$"):
        parse_text('{"status_code": 8, "status_msg": "Login expired"}')


# --------------------------------------------------------------------------- JSONL and arrays


def test_jsonl_one_part_per_capture_day() -> None:
    [part] = parse("insight_bodies.jsonl")
    assert part.kind == "insight-json"
    shakshuka = "7301234567890123456"
    assert set(part.tables["videos"]["video_id"]) == {VIDEO, shakshuka}
    sources = part.tables["video_sources"]
    assert set(sources["video_id"]) == {VIDEO}  # the other video's mix is status 2
    assert sources["source"].to_list() == ["for_you", "search"]
    assert "video_search_terms" not in part.tables  # status 2
    snaps = part.tables["video_snapshots"].filter(pl.col("video_id") == shakshuka)
    assert snaps["avg_watch_s"].to_list() == [21.5]
    videos = part.tables["videos"].filter(pl.col("video_id") == shakshuka)
    assert videos["duration_s"].to_list() == [58.0]


def test_jsonl_error_names_the_line() -> None:
    lines = (FIXTURES / "insight_bodies.jsonl").read_text().splitlines()
    text = "\n".join([lines[0], lines[1], '{"video_info": {"aweme_id": "1",}}'])
    with pytest.raises(Refused) as exc:
        parse_text(text)
    assert str(exc.value) == (
        "not valid JSON: line 3, column 33: Expecting property name enclosed in double quotes"
    )


def test_jsonl_unknown_line_names_the_line() -> None:
    lines = (FIXTURES / "insight_bodies.jsonl").read_text().splitlines()
    with pytest.raises(Refused, match=r"^line 2: JSON is not a TikTok export"):
        parse_text(lines[0] + '\n{"hello": "world"}\n')


def test_array_bodies_of_one_video_are_merged() -> None:
    [part] = parse("insight_array.json")
    assert one(part, "videos")["caption"] == "15-minute ramen"
    assert one(part, "video_snapshots")["views"] == 20400
    sources = part.tables["video_sources"]
    assert dict(zip(sources["source"], sources["share"], strict=True)) == {
        "for_you": 0.7,
        "hashtag": 0.3,
    }


def test_array_item_without_id_names_the_item() -> None:
    text = json.dumps(
        [
            {"video_info": {"aweme_id": "1"}},
            {"video_per_duration_realtime": {"value": {"status": 0, "value": 1}}},
        ]
    )
    with pytest.raises(Refused, match=r"^item 2: the insight response names no video"):
        parse_text(text)


# --------------------------------------------------------------------------- HAR


@pytest.fixture(scope="module")
def studio_har() -> list[Parsed]:
    return parse("studio.har", mtime=None)


def test_har_parts_and_kinds(studio_har: list[Parsed]) -> None:
    kinds = sorted(p.kind for p in studio_har)
    # one part per account and capture day: every insight entry is of the 15th (UTC)
    assert kinds == ["business-video-list", "insight-har"]


def test_har_merges_requests_of_one_video_and_decodes_base64(studio_har: list[Parsed]) -> None:
    [ramen] = [p for p in studio_har if p.kind == "insight-har" and "video_sources" in p.tables]
    assert set(ramen.tables["video_sources"]["video_id"]) == {VIDEO}
    # entry 2 (base64, id only in type_requests JSON) + entry 3 (video_info, item_id param)
    assert ramen.account == "lena.cooks"
    # startedDateTime 2024-03-16T01:30:02.500+02:00 (the newest) is still the 15th in UTC
    assert ramen.as_of == datetime(2024, 3, 15, 23, 30, 2, 500000, tzinfo=UTC)
    snap = one(ramen.tables["video_snapshots"].filter(pl.col("video_id") == VIDEO), "x")
    assert snap["captured_on"] == date(2024, 3, 15)
    assert snap["views"] == 22010
    assert snap["full_watch_rate"] == 0.187  # a later status 2 does not hide it
    sources = ramen.tables["video_sources"]
    assert dict(zip(sources["source"], sources["raw_label"], strict=True))["other"] == "Promote"
    assert ramen.tables["video_search_terms"]["term"].to_list() == ["easy ramen"]
    assert not any("timestamp" in n for n in ramen.notes)


def test_har_id_from_post_body(studio_har: list[Parsed]) -> None:
    [retention] = [
        p for p in studio_har if "video_retention" in p.tables and p.kind == "insight-har"
    ]
    assert retention.tables["video_retention"].select("video_id", "second", "retained").rows() == [
        ("7301234567890123456", 0.0, 1.0),
        ("7301234567890123456", 2.0, 0.5),
    ]


def test_har_business_page_uses_started_time_not_request_id(studio_har: list[Parsed]) -> None:
    [page] = [p for p in studio_har if p.kind == "business-video-list"]
    assert page.as_of == datetime(2024, 3, 16, 1, 30, 5, tzinfo=UTC)
    assert set(page.tables["video_snapshots"]["captured_on"]) == {date(2024, 3, 16)}
    # the newer business page wins the videos row of the ramen video
    videos = pl.concat(
        [p.tables["videos"] for p in studio_har if "videos" in p.tables], how="diagonal"
    )
    assert sorted(videos["video_id"]) == sorted(set(videos["video_id"]))


def test_har_account_is_shared_by_every_part(studio_har: list[Parsed]) -> None:
    # the retention-only part names no account itself; the rest of the HAR does
    assert {p.account for p in studio_har} == {"lena.cooks"}


def test_har_notes_say_what_was_skipped(studio_har: list[Parsed]) -> None:
    notes = [n for p in studio_har for n in p.notes]
    assert any(
        n.startswith("HAR entry 5 skipped: the insight response names no video") for n in notes
    )
    assert "HAR entry 7 skipped: TikTok error 8: Login expired" in notes
    assert not any("entry 6" in n or "entry 8" in n for n in notes)  # not ours: silent
    assert not any("timestamp" in n for n in notes)  # a HAR knows its capture time


def test_har_without_usable_entries_is_refused() -> None:
    with pytest.raises(Refused) as exc:
        parse("unrelated.har")
    assert str(exc.value) == "HAR file holds no TikTok insight or API responses"


def test_har_refusal_gives_the_reasons() -> None:
    with pytest.raises(Refused) as exc:
        parse("insight_no_id.har")
    message = str(exc.value)
    assert message.startswith("HAR file holds no TikTok insight or API responses (HAR entry 1")
    assert "TikTok API error 40105" in message


def test_har_id_from_query_param_variants() -> None:
    body = {"video_per_duration_realtime": {"value": {"status": 0, "value": 9}}}
    for param in ("item_id", "aweme_id", "itemId"):
        [part] = parse_text(har(entry(f"{INSIGHT_URL}&{param}=123", body)))
        assert one(part, "video_snapshots")["video_id"] == "123"
        assert part.kind == "insight-har"


def test_har_request_about_several_videos_is_skipped() -> None:
    tr = json.dumps([{"aweme_id": "1"}, {"aweme_id": "2"}])
    body = {"video_per_duration_realtime": {"value": {"status": 0, "value": 9}}}
    with pytest.raises(Refused, match="names no video"):
        parse_text(har(entry(f"{INSIGHT_URL}&type_requests={tr}", body)))


def test_har_insight_body_from_another_url_is_ignored() -> None:
    body = {"video_info": {"aweme_id": "1", "statistics": {"play_count": 5}}}
    with pytest.raises(Refused, match="^HAR file holds no"):
        parse_text(har(entry("https://www.tiktok.com/api/other/", body)))


def test_har_same_video_reloaded_keeps_the_latest() -> None:
    first = {"video_info": {"aweme_id": "9", "statistics": {"play_count": 10}}}
    later = {"video_info": {"aweme_id": "9", "statistics": {"play_count": 12}}}
    [part] = parse_text(
        har(
            entry(INSIGHT_URL, later, started="2024-03-16T10:05:00Z"),
            entry(INSIGHT_URL, first, started="2024-03-16T10:00:00Z", b64=True),
        )
    )
    assert one(part, "video_snapshots")["views"] == 12
    assert part.as_of == datetime(2024, 3, 16, 10, 5, tzinfo=UTC)


def test_har_same_video_on_two_days_gives_two_snapshots() -> None:
    body = {"video_info": {"aweme_id": "9", "statistics": {"play_count": 10}}}
    parts = parse_text(
        har(
            entry(INSIGHT_URL, body, started="2024-03-16T10:00:00Z"),
            entry(INSIGHT_URL, body, started="2024-03-17T10:00:00Z"),
        )
    )
    days = sorted(d for p in parts for d in p.tables["video_snapshots"]["captured_on"])
    assert days == [date(2024, 3, 16), date(2024, 3, 17)]
    assert sum("videos" in p.tables for p in parts) == 1  # one videos row per video


def test_har_broken_base64_insight_body_is_a_note() -> None:
    good = entry(f"{INSIGHT_URL}&item_id=5", {"video_per_duration_realtime": 3})
    bad = {
        "startedDateTime": "2024-03-16T10:00:00Z",
        "request": {"url": INSIGHT_URL},
        "response": {"content": {"encoding": "base64", "text": "!!!not base64"}},
    }
    [part] = parse_text(har(bad, good))
    assert part.notes == ["HAR entry 1 skipped: its insight response is not readable JSON"]
