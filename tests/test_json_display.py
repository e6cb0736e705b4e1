"""Display API v2 video pages and the account archive's user_data.json."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tiktui.data.importers.base import ParseContext, Parsed, Refused, SourceFile
from tiktui.data.importers.jsonfile import parse_json

FIXTURES = Path(__file__).parent / "fixtures" / "json"
CTX = ParseContext(today=date(2024, 3, 20))
MTIME = datetime(2024, 3, 17, 12, 0, tzinfo=UTC)


def parse(name: str, mtime: datetime | None = MTIME) -> list[Parsed]:
    return parse_json(SourceFile(name, (FIXTURES / name).read_bytes(), mtime=mtime), CTX)


def parse_obj(obj: object) -> list[Parsed]:
    return parse_json(SourceFile("x.json", json.dumps(obj).encode(), mtime=MTIME), CTX)


# --------------------------------------------------------------------------- Display API


def test_display_video_list() -> None:
    [part] = parse("display_video_list.json")
    assert part.kind == "display-video-list"
    assert part.account == "lena.cooks"
    # error.log_id starts with the server's timestamp: that is the capture moment
    assert part.as_of == datetime(2024, 3, 15, 10, 15, tzinfo=UTC)
    videos = {r["video_id"]: r for r in part.tables["videos"].to_dicts()}
    ramen = videos["7345678901234567890"]
    assert ramen["caption"] == "15-minute ramen, no excuses 🍜 #dinner"  # description wins
    assert ramen["url"] == "https://www.tiktok.com/@lena.cooks/video/7345678901234567890"
    assert ramen["posted_at"] == datetime(2024, 3, 12, tzinfo=UTC)
    assert ramen["duration_s"] == 31.0
    assert videos["7301234567890123456"]["caption"] == "Old favourite: shakshuka"  # title
    snaps = part.tables["video_snapshots"]
    assert snaps.columns == ["video_id", "captured_on", "views", "likes", "comments", "shares"]
    assert snaps.filter(video_id="7345678901234567890").select(
        "views", "likes", "comments", "shares"
    ).row(0) == (20315, 1204, 56, 41)
    assert set(snaps["captured_on"]) == {date(2024, 3, 15)}


def test_display_fields_not_requested_stay_out() -> None:
    [part] = parse_obj(
        {
            "data": {
                "videos": [{"id": "7", "title": "t", "view_count": "12"}],
                "cursor": 0,
                "has_more": False,
            },
            "error": {"code": "ok", "message": "", "log_id": "abc"},
        }
    )
    assert part.tables["video_snapshots"].columns == ["video_id", "captured_on", "views"]
    assert part.tables["video_snapshots"]["views"].to_list() == [12]
    assert part.as_of == MTIME


def test_display_error_is_refused_with_code_and_message() -> None:
    with pytest.raises(Refused) as exc:
        parse("display_error.json")
    assert str(exc.value) == (
        "TikTok API error access_token_invalid: "
        "The access token is invalid or not found in the request."
    )


def test_display_bare_list_of_videos() -> None:
    [part] = parse_obj([{"id": 1, "view_count": 5, "like_count": 1}])
    assert part.kind == "display-video-list"
    assert part.tables["videos"]["video_id"].to_list() == ["1"]


# --------------------------------------------------------------------------- archive


def test_account_archive_lists_posts_only() -> None:
    [part] = parse("user_data.json")
    assert part.kind == "account-archive"
    assert part.account == "lena.cooks"
    assert set(part.tables) == {"videos", "archive_posts"}
    videos = part.tables["videos"]
    # the watch history under Activity is not the user's posts
    assert videos["video_id"].to_list() == ["7345678901234567890", "7301234567890123456"]
    first = videos.row(0, named=True)
    assert first["posted_at"] == datetime(2024, 3, 12, tzinfo=UTC)
    assert first["posted_on"] == date(2024, 3, 12)
    assert first["caption"] == "15-minute ramen, no excuses 🍜 #dinner"
    assert first["url"] == "https://www.tiktok.com/@lena.cooks/video/7345678901234567890"
    # The draft without a link is kept as an archive post, not skipped.
    [draft] = part.tables["archive_posts"].to_dicts()
    assert draft["caption"] == "a draft without a link" and draft["likes"] == 0
    assert draft["posted_at"] == datetime(2023, 10, 1, 10, tzinfo=UTC)


def test_archive_older_layout_and_spelling_variants() -> None:
    body = {
        "Profile": {"Profile Info": {"ProfileMap": {"userName": "@Old.Handle"}}},
        "Video": {
            "Videos": {
                "VideoList": [
                    {
                        "Date": "2021-06-01 09:30:00",
                        "Link": "https://www.tiktokv.com/share/video/6968000000000000000/",
                        "Likes": "3",
                    }
                ]
            }
        },
    }
    [part] = parse_obj(body)
    assert part.account == "old.handle"
    video = part.tables["videos"].row(0, named=True)
    assert video["video_id"] == "6968000000000000000"
    assert "caption" not in part.tables["videos"].columns


def test_archive_bad_date_names_the_post() -> None:
    body = {
        "Post": {
            "Posts": {
                "VideoList": [
                    {"Date": "yesterday", "Link": "https://www.tiktokv.com/share/video/1/"}
                ]
            }
        }
    }
    with pytest.raises(Refused, match=r'^Post\.Posts\.VideoList\[0\]\.Date: "yesterday"'):
        parse_obj(body)
