"""The account archive in both generations (issue 9, item 3; FORMATS.md 5).

2026 archives keep the profile under "Profile And Settings" and link posts to
CDN storage URLs without a video id: those posts are matched to known videos by
posting day plus caption or likes, else kept in ``archive_posts``, and counted.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiktui.cli import main
from tiktui.data.importers.archive.match import match_archive, normalise_caption
from tiktui.data.importers.base import ParseContext, Parsed, SourceFile
from tiktui.data.importers.jsonfile import parse_json
from tiktui.data.schema import TABLES
from tiktui.data.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "archive"
TOMATOES, UNTITLED, BASIL = (
    "7535100000000000001",
    "7534200000000000002",
    "7533500000000000003",
)


def parse(name: str) -> Parsed:
    src = SourceFile(name, (FIXTURES / name).read_bytes(), datetime(2025, 9, 1, tzinfo=UTC))
    [part] = parse_json(src, ParseContext(today=date(2025, 9, 1)))
    return part


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


def test_the_2026_archive_reads_its_profile_and_keeps_every_post() -> None:
    part = parse("user_data_2026.json")
    assert part.kind == "account-archive"
    assert part.account == "mara.greens"  # from Profile And Settings → Profile Info
    assert part.display_name == "Mara Greens"
    assert set(part.tables) == {"archive_posts"}  # no link names a video
    posts = part.tables["archive_posts"]
    assert posts.height == 4  # not the watch history under Your Activity
    first = posts.row(0, named=True)
    assert first["posted_at"] == datetime(2025, 8, 6, 19, 8, 26, tzinfo=UTC)
    assert first["likes"] == 1204
    assert first["link"].startswith("https://v16-webapp-prime.us.tiktok.com/storage/v1/")
    assert "\x1b" in posts["caption"][3]  # kept as data; shown inert by the UI
    assert not any("no posts" in n or "without a video link" in n for n in part.notes)
    TABLES["archive_posts"].conform(posts)


def test_the_older_archive_gives_videos_with_ids() -> None:
    part = parse("user_data_tiktok.json")
    assert part.account == "mara.greens"
    assert set(part.tables) == {"videos"}
    videos = part.tables["videos"]
    assert videos["video_id"].to_list() == ["6968000000000000000", "6965000000000000000"]
    assert videos["posted_on"].to_list() == [date(2021, 6, 1), date(2021, 5, 20)]
    assert "2 posts: 2 with a video id" in part.notes


def _folder(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in names:
        shutil.copy(FIXTURES / name, folder / name)
    return folder


def _posts(store: Path) -> dict[str, str | None]:
    frame = Store(store).load("archive_posts").sort("posted_at", descending=True)
    return dict(zip(frame["caption"], frame["matched_video_id"], strict=True))


EXPECTED = {
    "Tomatoes in August  🍅 #garden": TOMATOES,  # same day (UTC), same caption, spaced apart
    "": UNTITLED,  # UTC 4 Aug 01:30 = 3 Aug in the evening west of UTC; likes 3311 ≈ 3310
    "Watering schedule, honest version": None,  # same day, other caption, likes too far
    "first try \x1b[1mbold\x1b[0m": None,  # no video posted near that day
}


@pytest.mark.parametrize("together", [True, False])
def test_posts_without_ids_are_matched_and_counted(tmp_path: Path, capsys, together: bool) -> None:
    """Content and archive in one import (archive staged last), or the archive later."""
    store = tmp_path / "store"
    folder = _folder(tmp_path, "Content.csv", "user_data_2026.json")
    common = ("--exported-on", "2025-08-20", "--data-dir", str(store))
    if together:
        code, out = run(capsys, "import", str(folder), *common)
    else:
        code, out = run(capsys, "import", str(folder / "Content.csv"), *common)
        assert code == 0, out
        code, out = run(capsys, "import", str(folder / "user_data_2026.json"), *common)
    assert code == 0, out
    assert (
        "4 posts: 2 matched to videos by posting day and caption or likes, "
        "2 kept as archive posts without a video id"
    ) in out
    assert "no posts" not in out
    assert _posts(store) == EXPECTED
    assert {r["account"] for r in Store(store).load("archive_posts").to_dicts()} == {"mara.greens"}
    code, out = run(capsys, "rebuild", "--data-dir", str(store))
    assert code == 0, out
    assert _posts(store) == EXPECTED  # rebuild stages archives last too


def test_older_and_newer_archive_together(tmp_path: Path, capsys) -> None:
    store = tmp_path / "store"
    folder = _folder(tmp_path, "user_data_tiktok.json", "user_data_2026.json")
    code, out = run(capsys, "import", str(folder), "--data-dir", str(store))
    assert code == 0, out
    assert Store(store).load("videos").height == 2
    assert Store(store).load("archive_posts").height == 4
    assert "4 posts: 4 kept as archive posts without a video id" in out  # nothing to match


def _archive_part(posts: list[dict]) -> Parsed:
    frame = pl.DataFrame(posts, schema={c: TABLES["archive_posts"].schema[c] for c in posts[0]})
    return Parsed("account-archive", {"archive_posts": frame}, datetime.now(UTC), "a")


def _known(videos: list[dict], snaps: list[dict]) -> tuple[pl.DataFrame, pl.DataFrame]:
    return (
        TABLES["videos"].conform(pl.DataFrame(videos, schema_overrides={"posted_on": pl.Date})),
        TABLES["video_snapshots"].conform(
            pl.DataFrame(snaps, schema_overrides={"captured_on": pl.Date})
        ),
    )


def test_a_tie_is_left_unmatched_never_guessed() -> None:
    day = date(2025, 8, 6)
    part = _archive_part(
        [{"posted_at": datetime(2025, 8, 6, 12, tzinfo=UTC), "caption": "x", "likes": 10}]
    )
    videos, snaps = _known(
        [
            {"video_id": "1", "posted_on": day, "caption": "y"},
            {"video_id": "2", "posted_on": day, "caption": "z"},
        ],
        [
            {"video_id": "1", "captured_on": day, "likes": 10},
            {"video_id": "2", "captured_on": day, "likes": 10},
        ],
    )
    match_archive(part, videos, snaps)
    assert part.tables["archive_posts"]["matched_video_id"].to_list() == [None]


@given(st.integers(-3, 3), st.text(min_size=1, max_size=30))
def test_a_caption_matches_only_within_a_day(shift: int, caption: str) -> None:
    day = date(2025, 8, 6)
    part = _archive_part(
        [{"posted_at": datetime(2025, 8, 6, 23, tzinfo=UTC), "caption": caption, "likes": None}]
    )
    videos, snaps = _known(
        [{"video_id": "9", "posted_on": day + timedelta(shift), "caption": caption.upper()}],
        [{"video_id": "9", "captured_on": day, "likes": None}],
    )
    match_archive(part, videos, snaps)
    got = part.tables["archive_posts"]["matched_video_id"].to_list()
    same = normalise_caption(caption) == normalise_caption(caption.upper())
    expected = "9" if abs(shift) <= 1 and normalise_caption(caption) and same else None
    assert got == [expected]


def test_the_fixture_is_valid_json_with_cdn_links() -> None:
    body = json.loads((FIXTURES / "user_data_2026.json").read_text(encoding="utf-8"))
    for post in body["Post"]["Posts"]["VideoList"]:
        assert "/video/" not in post["Link"] and "/storage/v1/" in post["Link"]
