"""TikTok API for Business files: business/get and business/video/list pages."""

from __future__ import annotations

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


def parse(name: str, mtime: datetime | None = MTIME) -> list[Parsed]:
    return parse_json(SourceFile(name, (FIXTURES / name).read_bytes(), mtime=mtime), CTX)


def parse_obj(obj: object, mtime: datetime | None = MTIME) -> list[Parsed]:
    return parse_json(SourceFile("x.json", json.dumps(obj).encode(), mtime=mtime), CTX)


def row(frame: pl.DataFrame, **where: object) -> dict[str, object]:
    rows = frame.filter(**where).to_dicts()
    assert len(rows) == 1, rows
    return rows[0]


# --------------------------------------------------------------------------- business/get


def test_business_get_maps_account_daily_activity_and_audience() -> None:
    [part] = parse("business_get.json")
    assert part.kind == "business-account"
    assert part.account == "lena.cooks"  # lowercased, no @
    assert part.display_name == "Lena 🍳 Cooks"
    assert part.is_business is True
    # request_id 20240315091234… is the capture moment, not the file's timestamp
    assert part.as_of == datetime(2024, 3, 15, 9, 12, 34, tzinfo=UTC)
    assert "capture date taken from the API request id" in part.notes

    assert part.tables["accounts"].to_dicts() == [
        {"account": "lena.cooks", "display_name": "Lena 🍳 Cooks", "is_business": True}
    ]
    daily = part.tables["account_daily"]
    assert "reached_audience" not in daily.columns  # not invented from engaged_audience
    first = row(daily, date=date(2024, 3, 13))
    assert first == {
        "account": "lena.cooks",
        "date": date(2024, 3, 13),
        "video_views": 10234,
        "profile_views": 320,
        "likes": 812,
        "comments": 41,
        "shares": 33,
        "followers": 15190,
        "followers_net": 25,
        "followers_new": 31,
        "followers_lost": 6,
    }
    assert row(daily, date=date(2024, 3, 14))["video_views"] == 9876  # a string in the file

    activity = part.tables["follower_activity"]
    assert activity.schema["hour"] == pl.Int64
    assert activity.select("date", "hour", "active_followers").rows() == [
        (date(2024, 3, 13), 0, 120),
        (date(2024, 3, 13), 1, 98),
        (date(2024, 3, 13), 20, 1403),
    ]

    audience = part.tables["audience"]
    assert set(audience["scope"]) == {"followers"}
    assert set(audience["video_id"]) == {""}
    assert set(audience["as_of"]) == {date(2024, 3, 15)}
    assert set(audience["dimension"]) == {"age", "gender", "country", "city"}
    assert row(audience, dimension="city", bucket="São Paulo")["share"] == 0.03
    assert row(audience, dimension="age", bucket="18-24")["share"] == 0.41


def test_business_get_bad_metric_date_names_the_path() -> None:
    body = json.loads((FIXTURES / "business_get.json").read_text())
    body["data"]["metrics"][1]["date"] = "14/03/2024"
    with pytest.raises(Refused, match=r'^data\.metrics\[1\]\.date: "14/03/2024" is not a date'):
        parse_obj(body)


def test_business_get_bad_number_names_the_path() -> None:
    body = json.loads((FIXTURES / "business_get.json").read_text())
    body["data"]["metrics"][0]["likes"] = "12k3"
    with pytest.raises(Refused, match=r'data\.metrics\[0\]\.likes: "12k3" is not a number'):
        parse_obj(body)


def test_api_error_body_is_refused_with_code_and_message() -> None:
    with pytest.raises(Refused) as exc:
        parse("business_error.json")
    assert str(exc.value) == ("TikTok API error 40105: Access token is invalid or has expired.")


# --------------------------------------------------------------------------- business/video/list


@pytest.fixture(scope="module")
def video_page() -> Parsed:
    [part] = parse("business_video_list.json")
    return part


def test_video_list_kind_account_and_capture(video_page: Parsed) -> None:
    assert video_page.kind == "business-video-list"
    assert video_page.account == "lena.cooks"  # read from share_url
    assert video_page.as_of == datetime(2024, 3, 15, 9, 15, 30, tzinfo=UTC)
    assert set(video_page.tables["video_snapshots"]["captured_on"]) == {date(2024, 3, 15)}


def test_video_list_videos(video_page: Parsed) -> None:
    videos = video_page.tables["videos"]
    ramen = row(videos, video_id="7345678901234567890")
    assert ramen["posted_at"] == datetime(2024, 3, 12, 0, 0, tzinfo=UTC)  # "1710201600"
    assert ramen["posted_on"] == date(2024, 3, 12)
    assert ramen["caption"] == '15-minute ramen, "no" excuses 🍜 #dinner #quick'
    assert ramen["duration_s"] == 31.52
    assert ramen["is_ad"] is False
    assert ramen["url"] == "https://www.tiktok.com/@lena.cooks/video/7345678901234567890"
    assert ramen["account"] == "lena.cooks"
    assert row(videos, video_id="7340000000000000001")["is_ad"] is True
    # create_time as a JSON number works as well as a string
    assert row(videos, video_id="7340000000000000001")["posted_on"] == date(2024, 3, 8)


def test_video_list_snapshots_and_inactive_video_is_null_not_zero(video_page: Parsed) -> None:
    snaps = video_page.tables["video_snapshots"]
    ramen = row(snaps, video_id="7345678901234567890")
    assert (ramen["views"], ramen["likes"], ramen["saves"], ramen["reach"]) == (
        20315,
        1204,
        230,
        17890,
    )
    assert ramen["avg_watch_s"] == 14.83
    assert ramen["total_watch_s"] == 301234.5
    assert ramen["full_watch_rate"] == 0.231
    assert (ramen["new_followers"], ramen["profile_views"]) == (37, 412)

    old = row(snaps, video_id="7301234567890123456")
    assert old["views"] == 15020
    for col in ("reach", "avg_watch_s", "total_watch_s", "full_watch_rate"):
        assert old[col] is None, col
    assert old["new_followers"] == 0  # a real zero stays zero


def test_video_list_sources(video_page: Parsed) -> None:
    sources = video_page.tables["video_sources"]
    # only the active video: inactive has none, the ad has an empty list
    assert set(sources["video_id"]) == {"7345678901234567890"}
    assert dict(zip(sources["source"], sources["share"], strict=True)) == pytest.approx(
        {"for_you": 0.81, "following": 0.06, "profile": 0.04, "search": 0.05, "other": 0.04}
    )
    assert row(sources, source="other")["raw_label"] == "Others+Promote"
    assert row(sources, source="following")["raw_label"] == "Follow"
    assert sources["share"].sum() == pytest.approx(1.0)


def test_video_list_retention_and_audience(video_page: Parsed) -> None:
    retention = video_page.tables["video_retention"]
    assert retention.select("second", "retained").rows() == [
        (0.0, 1.0),
        (1.0, 0.82),
        (2.0, 0.74),
        (10.0, 0.41),
    ]
    audience = video_page.tables["audience"]
    assert set(audience["scope"]) == {"video"}
    assert set(audience["video_id"]) == {"7345678901234567890"}  # empty lists add nothing
    types = audience.filter(dimension="viewer_type")
    assert dict(zip(types["bucket"], types["share"], strict=True)) == {
        "NEW_VIEWER": 0.77,
        "RETURN_VIEWER": 0.23,
        "FOLLOWER_PERCENT": 0.12,
        "NON_FOLLOWER_PERCENT": 0.88,
    }
    assert row(audience, dimension="country", bucket="US")["share"] == 0.62


def test_list_of_pages_one_part_per_page_with_own_capture() -> None:
    first, second = parse("business_video_pages.json")
    assert first.as_of == datetime(2024, 3, 16, 8, 0, tzinfo=UTC)  # request id stamp
    assert second.as_of == MTIME  # "c0ffee-…" is no timestamp: the file's mtime
    assert "capture date taken from the API request id" in first.notes
    all_notes = first.notes + second.notes
    assert "capture date taken from the file's timestamp" in all_notes
    snap = first.tables["video_snapshots"].row(0, named=True)
    assert (snap["views"], snap["saves"], snap["reach"]) == (21999, 251, 19000)  # strings
    assert first.tables["videos"]["is_ad"].to_list() == [False]  # "false"
    assert second.tables["videos"]["video_id"].to_list() == ["7290000000000000002"]
    # a page without reach/watch time at all leaves those columns out
    assert "reach" not in second.tables["video_snapshots"].columns


def test_data_without_envelope_and_numeric_item_id() -> None:
    [part] = parse("business_data_only.json")
    assert part.kind == "business-video-list"
    assert part.tables["videos"]["video_id"].to_list() == ["7345678901234567890"]
    assert part.as_of == MTIME
    src = part.tables["video_sources"].row(0, named=True)
    assert (src["source"], src["share"], src["raw_label"]) == (
        "direct_message",
        1.0,
        "Direct Message",
    )


def test_no_mtime_uses_today_midnight_and_says_so() -> None:
    [part] = parse("business_data_only.json", mtime=None)
    assert part.as_of == datetime(2024, 3, 20, tzinfo=UTC)
    assert part.tables["video_snapshots"]["captured_on"].to_list() == [date(2024, 3, 20)]
    assert any("today" in n for n in part.notes)


def concat(parts: list[Parsed], table: str) -> pl.DataFrame:
    return pl.concat([p.tables[table] for p in parts if table in p.tables], how="diagonal")


def test_same_video_twice_in_one_file_reduces_like_the_store() -> None:
    page = json.loads((FIXTURES / "business_video_pages.json").read_text())
    again = json.loads(json.dumps(page[0]))
    again["request_id"] = "20240316090000FFFF"  # an hour after the first copy
    video = again["data"]["videos"][0]
    video["video_views"] = "23000"
    del video["reach"]  # the newer copy lacks it: the older value is kept
    video["impression_sources"] = [{"impression_source": "Search", "percentage": 1.0}]
    parts = parse_obj([again, page[0]])  # order in the file does not matter

    snaps = concat(parts, "video_snapshots")
    assert snaps.select("views", "reach").rows() == [(23000, 19000)]
    assert concat(parts, "videos").height == 1
    # a source mix is a set: the newer capture's replaces the older one whole
    sources = concat(parts, "video_sources")
    assert sources.select("source", "share").rows() == [("search", 1.0)]


def test_empty_page_imports_nothing_but_is_not_an_error() -> None:
    [part] = parse_obj(
        {
            "code": 0,
            "message": "OK",
            "request_id": "x",
            "data": {"videos": [], "cursor": 0, "has_more": False},
        }
    )
    assert part.tables == {}
    assert "the page lists no videos" in part.notes


def test_percent_shares_are_turned_into_fractions() -> None:
    body = {
        "videos": [
            {
                "item_id": "1",
                "impression_sources": [
                    {"impression_source": "For You", "percentage": 80},
                    {"impression_source": "Search", "percentage": 20},
                ],
            }
        ],
        "has_more": False,
    }
    [part] = parse_obj(body)
    assert part.tables["video_sources"]["share"].to_list() == [0.8, 0.2]
    assert any("percent" in n for n in part.notes)


def test_video_without_item_id_is_refused() -> None:
    with pytest.raises(Refused, match=r"^data\.videos\[1\]: the video has no item_id$"):
        parse_obj(
            {
                "code": 0,
                "message": "OK",
                "request_id": "r",
                "data": {"videos": [{"item_id": "1"}, {"item_id": None, "likes": 3}]},
            }
        )


def test_envelope_with_unknown_data_is_not_a_known_export() -> None:
    with pytest.raises(Refused, match="JSON is not a TikTok export this app knows"):
        parse_obj({"code": 0, "message": "OK", "request_id": "r", "data": {"list": [1]}})
