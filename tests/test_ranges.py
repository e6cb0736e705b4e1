"""Range checks (issue 11): values no export can hold are refused, naming where they are.

Source shares lie in 0–1 after percent → share (within 1e-6 of a bound clamped),
running totals are never below 0, no date is after tomorrow; a daily change may
be negative and is kept. Each case on each format that can carry it. On 0.1 the
shares of 1e306 and −0.03, the negative totals and the Overview window in the
year 5138 were all stored.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiktui.data.importers.base import Parsed, Refused, SourceFile
from tiktui.data.importers.detect import parse_file
from tiktui.data.importers.ranges import SHARE_SLACK, check_ranges
from tiktui.data.importers.reasons import REASONS

FIX = Path(__file__).parent / "fixtures"
TODAY = date(2026, 11, 22)
MTIME = datetime(2024, 3, 17, 12, 0, tzinfo=UTC)


def _load(rel: str) -> Any:
    return json.loads((FIX / rel).read_text(encoding="utf-8"))


def parse(obj: Any, name: str = "x.json", today: date = TODAY) -> list[Parsed]:
    data = obj if isinstance(obj, bytes) else json.dumps(obj).encode()
    return parse_file(SourceFile(name, data, MTIME), today)


def refused(obj: Any, name: str = "x.json", today: date = TODAY) -> Refused:
    with pytest.raises(Refused) as caught:
        parse(obj, name, today)
    assert caught.value.code in REASONS
    return caught.value


def table(parts: list[Parsed], name: str) -> pl.DataFrame:
    return pl.concat([p.tables[name] for p in parts if name in p.tables], how="diagonal")


# --------------------------------------------------------------------------- Business API


def _business(**video: Any) -> dict[str, Any]:
    doc = _load("json/business_video_list.json")
    doc["data"]["videos"][0].update(video)
    return doc


def _sources(*shares: float) -> list[dict[str, Any]]:
    labels = ["For You", "Follow", "Search", "Others"]
    return [{"impression_source": labels[i], "percentage": s} for i, s in enumerate(shares)]


@pytest.mark.parametrize("bad", [1e306, -0.03, 1.2, -1e-5])
def test_business_share_outside_0_1_is_refused(bad: float) -> None:
    exc = refused(_business(impression_sources=_sources(0.5, bad)))
    assert exc.code == "share_out_of_range"
    assert "share" in exc.where and "7345678901234567890" in exc.where


def test_business_share_within_rounding_is_clamped() -> None:
    parts = parse(_business(impression_sources=_sources(1 + 5e-7, -5e-7)))
    shares = table(parts, "video_sources").filter(pl.col("video_id") == "7345678901234567890")
    assert sorted(shares["share"].to_list()) == [0.0, 1.0]


@pytest.mark.parametrize("field", ["video_views", "likes", "comments", "shares"])
def test_business_negative_lifetime_count_is_refused(field: str) -> None:
    exc = refused(_business(**{field: -5}))
    assert exc.code == "count_negative" and exc.fields["value"] == "-5"


def test_business_negative_daily_values_are_kept() -> None:
    doc = _load("json/business_get.json")
    day = doc["data"]["metrics"][0]
    day["comments"], day["followers_count"] = -3, 100
    parts = parse(doc)
    daily = table(parts, "account_daily")
    assert -3 in daily["comments"].to_list()


def test_business_daily_date_after_tomorrow_is_refused() -> None:
    doc = _load("json/business_get.json")
    doc["data"]["metrics"][0]["date"] = "2099-01-01"
    exc = refused(doc)
    assert exc.code == "date_in_future" and "2099-01-01" in str(exc)


def test_business_date_tomorrow_is_kept() -> None:
    doc = _load("json/business_get.json")
    doc["data"]["metrics"][0]["date"] = "2026-11-23"
    assert parse(doc)


def test_business_negative_follower_total_is_refused() -> None:
    doc = _load("json/business_get.json")
    doc["data"]["metrics"][0]["followers_count"] = -1
    assert refused(doc).code == "count_negative"


# --------------------------------------------------------------------------- Display API


def test_display_negative_view_count_is_refused() -> None:
    doc = _load("json/display_video_list.json")
    doc["data"]["videos"][0]["view_count"] = -20315
    exc = refused(doc)
    assert exc.code == "count_negative" and "views" in exc.where


def test_display_post_time_far_ahead_is_refused() -> None:
    doc = _load("json/display_video_list.json")
    doc["data"]["videos"][0]["create_time"] = 99999999999  # the year 5138
    assert refused(doc).code == "date_in_future"


# --------------------------------------------------------------------------- Studio web


def _insight(**body: Any) -> dict[str, Any]:
    doc = copy.deepcopy(_load("studio_web/7019000000000000001.json"))
    doc.update(body)
    return doc


@pytest.mark.parametrize("bad", [1e306, -0.03])
def test_studio_web_share_outside_0_1_is_refused(bad: float) -> None:
    pairs = [{"key": "For You", "value": 0.5}, {"key": "Follow", "value": bad}]
    exc = refused(_insight(video_page_percent={"value": pairs}))
    assert exc.code == "share_out_of_range"


def test_studio_web_negative_play_count_is_refused() -> None:
    doc = _insight()
    doc["video_info"]["statistics"]["play_count"] = -1000
    assert refused(doc).code == "count_negative"


# --------------------------------------------------------------------------- archive


def test_archive_negative_likes_are_refused() -> None:
    doc = _load("archive/user_data_2026.json")  # posts with no video id keep their likes
    doc["Post"]["Posts"]["VideoList"][0]["Likes"] = "-1204"
    exc = refused(doc)
    assert exc.code == "count_negative" and "archive_posts" in exc.where


def test_archive_post_after_tomorrow_is_refused() -> None:
    doc = _load("json/user_data.json")
    doc["Post"]["Posts"]["VideoList"][0]["Date"] = "5138-11-16 09:46:39"
    assert refused(doc).code == "date_in_future"


# --------------------------------------------------------------------------- Studio CSV / XLSX


def _csv(name: str, replace: tuple[str, str]) -> bytes:
    text = (FIX / "studio" / name).read_text(encoding="utf-8-sig")
    assert replace[0] in text
    return text.replace(replace[0], replace[1], 1).encode()


def test_studio_content_negative_total_names_line_and_column() -> None:
    data = _csv("Content.csv", ('"20510"', '"-20510"'))
    exc = refused(data, "Content.csv")
    assert exc.code == "count_negative"
    assert exc.fields["where"] == 'line 2, column "Total views"'


def test_studio_follower_history_negative_total_names_line_and_column() -> None:
    data = _csv("FollowerHistory.csv", ('"1010"', '"-1010"'))
    exc = refused(data, "FollowerHistory.csv")
    assert exc.code == "count_negative"
    assert exc.fields["where"] == 'line 3, column "Followers"'


def test_studio_overview_negative_daily_comments_are_kept() -> None:
    [part] = parse((FIX / "studio" / "Overview.csv").read_bytes(), "Overview.csv")
    assert -1 in part.tables["account_daily"]["comments"].to_list()


def test_studio_share_outside_0_1_names_line_and_column() -> None:
    text = (FIX / "studio" / "FollowerGender.csv").read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    cells = lines[1].split(",")
    cells[-1] = '"-3%"'
    data = "\n".join([lines[0], ",".join(cells), *lines[2:]]).encode()
    exc = refused(data, "FollowerGender.csv")
    assert exc.code == "share_out_of_range" and exc.fields["where"].startswith("line 2, column")


def test_overview_window_in_the_year_5138_is_refused() -> None:
    """The ZIP name gives the window; 0.1 stored the year-less days in 5138."""
    import io
    import zipfile

    rows = '"Date","Video Views","Likes"\n"November 10","1520","210"\n"November 11","980","130"\n'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("Overview.csv", rows)
    with pytest.raises(Refused) as caught:
        parse(buf.getvalue(), "Overview_5138-11-01_99999999999_lena.cooks.zip")
    assert caught.value.code == "date_in_future"
    assert str(caught.value).startswith("Overview.csv: ") and "5138-11-10" in str(caught.value)


# --------------------------------------------------------------------------- the check itself


def _sources_part(shares: list[float]) -> Parsed:
    frame = pl.DataFrame(
        {
            "video_id": ["1"] * len(shares),
            "captured_on": [date(2026, 1, 1)] * len(shares),
            "source": [f"s{i}" for i in range(len(shares))],
            "share": shares,
        },
        schema={
            "video_id": pl.String,
            "captured_on": pl.Date,
            "source": pl.String,
            "share": pl.Float64,
        },  # fmt: skip
    )
    return Parsed("t", {"video_sources": frame}, datetime(2026, 1, 1, tzinfo=UTC))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(allow_nan=True, allow_infinity=True, width=64), min_size=1, max_size=6))
def test_shares_are_in_0_1_after_the_check_or_refused(shares: list[float]) -> None:
    part = _sources_part(shares)
    inside = all(-SHARE_SLACK <= s <= 1 + SHARE_SLACK for s in shares)
    if inside:
        check_ranges(part, TODAY)
        out = part.tables["video_sources"]["share"].to_list()
        assert all(0.0 <= s <= 1.0 for s in out)
        assert all(abs(a - b) <= SHARE_SLACK for a, b in zip(out, shares, strict=True))
    else:
        with pytest.raises(Refused) as caught:
            check_ranges(part, TODAY)
        assert caught.value.code == "share_out_of_range"
        assert '"share"' in caught.value.where


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(-(2**63), 2**63 - 1) | st.none(), min_size=1, max_size=5),
    st.lists(st.integers(-(2**63), 2**63 - 1) | st.none(), min_size=1, max_size=5),
)
def test_lifetime_counts_below_0_refused_daily_kept(views: list[int | None], net: list) -> None:
    n = min(len(views), len(net))
    snaps = pl.DataFrame(
        {"video_id": [str(i) for i in range(n)], "captured_on": [date(2026, 1, 1)] * n,
         "views": views[:n]},
        schema={"video_id": pl.String, "captured_on": pl.Date, "views": pl.Int64},
    )  # fmt: skip
    daily = pl.DataFrame(
        {"account": ["a"] * n, "date": [date(2026, 1, i + 1) for i in range(n)],
         "followers_net": net[:n]},
        schema={"account": pl.String, "date": pl.Date, "followers_net": pl.Int64},
    )  # fmt: skip
    part = Parsed("t", {"video_snapshots": snaps, "account_daily": daily}, MTIME)
    if any(v is not None and v < 0 for v in views[:n]):
        with pytest.raises(Refused) as caught:
            check_ranges(part, TODAY)
        assert caught.value.code == "count_negative"
    else:
        check_ranges(part, TODAY)
        assert part.tables["account_daily"]["followers_net"].to_list() == net[:n]


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31)))
def test_no_date_after_tomorrow(day: date) -> None:
    frame = pl.DataFrame({"account": ["a"], "date": [day]})
    part = Parsed("t", {"account_daily": frame}, MTIME)
    if day > date(2026, 11, 23):
        with pytest.raises(Refused) as caught:
            check_ranges(part, TODAY)
        assert caught.value.code == "date_in_future"
    else:
        check_ranges(part, TODAY)
