"""The Business API video list read by field (business/columns.py) against the
reference reader (value by value): the same rows, notes and refusals on any page."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiktui.data.importers import business
from tiktui.data.importers.base import Parsed, Refused
from tiktui.data.importers.business import columns
from tiktui.data.importers.jsonfile import _tidy
from tiktui.data.importers.values import Capture

CAPTURE = Capture(datetime(2024, 3, 15, 9, 12, 34, tzinfo=UTC), "capture date taken from the API")


def plain_video(i: int, handle: str = "lena.cooks") -> dict[str, Any]:
    """A video as TikTok writes it (ids and times as strings, counts as numbers)."""
    return {
        "item_id": str(7300000000000000000 + i),
        "create_time": str(1_700_000_000 + 3600 * i),
        "caption": f"Video {i} #tag",
        "share_url": f"https://www.tiktok.com/@{handle}/video/{7300000000000000000 + i}",
        "media_type": "VIDEO",
        "is_ad": False,
        "video_duration": 12.5,
        "video_views": 1000 + i,
        "likes": 80,
        "comments": 3,
        "shares": 4,
        "favorites": 9,
        "reach": 800,
        "total_time_watched": 5000.5,
        "average_time_watched": 5.0,
        "full_video_watched_rate": 0.21,
        "new_followers": 2,
        "profile_views": 25,
        "impression_sources": [
            {"impression_source": "For You", "percentage": 0.7},
            {"impression_source": "Follow", "percentage": 0.1},
            {"impression_source": "Personal Profile", "percentage": 0.2},
        ],
        "video_view_retention": [
            {"second": 0, "percentage": 1.0},
            {"second": 1, "percentage": 0.8},
            {"second": 5, "percentage": 0.4},
        ],
        "audience_countries": [
            {"country": "US", "percentage": 0.6},
            {"country": "DE", "percentage": 0.4},
        ],
        "audience_genders": [
            {"gender": "Female", "percentage": 0.7},
            {"gender": "Male", "percentage": 0.3},
        ],
    }


def outcome(read, items: list) -> Parsed | str:
    try:
        return read({"videos": items}, CAPTURE, "data")
    except Refused as exc:
        return str(exc)


def assert_same(got: Parsed | str, want: Parsed | str) -> None:
    if isinstance(want, str) or isinstance(got, str):
        assert got == want
        return
    assert (got.kind, got.as_of, got.account, got.notes) == (
        want.kind,
        want.as_of,
        want.account,
        want.notes,
    )
    assert list(got.tables) == list(want.tables)  # the order the import line lists them in
    for name, frame in want.tables.items():
        assert got.tables[name].schema == frame.schema, name
        assert got.tables[name].equals(frame), name


def test_a_plain_page_is_read_by_field_with_the_reference_rows() -> None:
    items = [plain_video(i) for i in range(20)]
    by_field = columns.video_list(items, CAPTURE, business._SNAPSHOT, business._VIDEO_DEMOGRAPHICS)
    assert by_field is not None  # the fast way is the one taken
    assert_same(by_field, business.read_by_video({"videos": items}, CAPTURE, "data"))
    videos = by_field.tables["videos"]
    assert videos["posted_at"][0] == datetime.fromtimestamp(1_700_000_000, UTC)
    assert by_field.tables["video_sources"].height == 60
    audience = by_field.tables["audience"]
    assert audience.height == 80
    genders = audience.filter(dimension="gender")["bucket"].unique().sort().to_list()
    assert genders == ["female", "male"]  # Studio's buckets, so the two sources compare


def test_a_field_left_out_stays_missing() -> None:
    items = [plain_video(0), plain_video(1)]
    del items[1]["reach"], items[1]["impression_sources"]
    items[0]["video_views"] = None
    got = columns.video_list(items, CAPTURE, business._SNAPSHOT, business._VIDEO_DEMOGRAPHICS)
    assert got is not None
    snaps = got.tables["video_snapshots"]
    assert snaps["reach"].to_list() == [800, None]
    assert snaps["views"].to_list() == [None, 1001]
    assert set(got.tables["video_sources"]["video_id"]) == {items[0]["item_id"]}


# Values of every kind a field may hold: the plain ones and those only the reference
# reader takes (or refuses), so both ways are met.
ODD = st.sampled_from(
    [None, "", " ", "12", " 7 ", "+3", "1e3", "12.0", "abc", "NaN", "undefined", True, False,
     0, -1, 2**63, 10**400, 1.5, 2.0, -0.0, math.nan, math.inf, [], {}, [1], {"a": 1}]
)  # fmt: skip
COUNT = st.one_of(st.integers(0, 10**9), st.integers(-5, 5), ODD)
FLOAT = st.one_of(st.floats(0, 1e6, allow_nan=False), st.integers(0, 10**6), ODD)
SHARE = st.one_of(st.floats(0, 1), st.sampled_from([0, 1, 0.5, 40.0, 101.0, -0.0]), ODD)
TIME = st.one_of(
    st.integers(1_500_000_000, 1_800_000_000),
    st.integers(1_500_000_000, 1_800_000_000).map(str),
    st.sampled_from([0, "0", 1_700_000_000_000, -86400, 1.7e9, 1_700_000_000.5, 10**11]),
    ODD,
)
LABEL = st.sampled_from(["For You", "Follow", "Following", "Search", "Promote", "Others", ""])
ID = st.one_of(st.integers(10**8, 10**19).map(str), st.integers(10**8, 10**19), ODD)
URL = st.one_of(
    st.sampled_from(
        [
            "https://www.tiktok.com/@lena.cooks/video/1",
            "https://www.tiktok.com/@Other_One/video/2",
            "https://example.com/x",
        ]
    ),
    ODD,
)


@st.composite
def entry(draw, name: str, names: st.SearchStrategy, other_key: str) -> Any:
    """A list entry: mostly ``{name: …, "percentage": …}``; sometimes not an object,
    the name left out or under ``other_key``, an odd name, the share under "value"."""
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(ODD)
    got: dict[str, Any] = {}
    if kind != 1:
        got[other_key if kind == 2 else name] = draw(st.one_of(names, ODD) if kind == 3 else names)
    got["value" if kind == 4 else "percentage"] = draw(SHARE)
    return got


GENDER = st.sampled_from(["Female", "FEMALE", "male", "M", "Other", "unknown"])
SECONDS = st.one_of(st.integers(0, 4), st.sampled_from([0.5, -0.0]))


def a_list(entry) -> st.SearchStrategy:
    return st.one_of(st.lists(entry, max_size=5), ODD)


FIELDS: dict[str, st.SearchStrategy] = {
    "item_id": ID,
    "create_time": TIME,
    "caption": st.one_of(st.text(max_size=5), ODD),
    "share_url": URL,
    "is_ad": st.one_of(st.booleans(), ODD),
    "video_duration": FLOAT,
    "full_video_watched_rate": SHARE,
    "impression_sources": a_list(entry("impression_source", LABEL, "source")),
    "video_view_retention": a_list(entry("second", SECONDS, "seconds")),
    "audience_countries": a_list(entry("country", st.sampled_from(["US", "DE", ""]), "name")),
    "audience_genders": a_list(entry("gender", GENDER, "sex")),
    "audience_types": a_list(entry("type", st.sampled_from(["NEW_VIEWER", "FOLLOWER"]), "kind")),
    **{field: COUNT for field in ("video_views", "likes", "reach", "new_followers")},
    **{field: FLOAT for field in ("average_time_watched", "total_time_watched")},
}


@st.composite
def page(draw) -> list[Any]:
    """A page of videos from the plain one, some fields changed or left out."""
    items = []
    for i in range(draw(st.integers(0, 4))):
        item = plain_video(i, draw(st.sampled_from(["lena.cooks", "other_one"])))
        for field in draw(st.lists(st.sampled_from(sorted(FIELDS)), max_size=4, unique=True)):
            if draw(st.booleans()):
                item[field] = draw(FIELDS[field])
            else:
                item.pop(field, None)
        items.append(item)
    return items


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(page())
def test_by_field_and_by_video_agree_on_any_page(items: list[Any]) -> None:
    want = outcome(business.read_by_video, items)
    got = outcome(business.parse_video_list, items)
    assert_same(got, want)
    if not isinstance(got, str) and not isinstance(want, str):  # and once made safe to merge
        [got] = _tidy([got], [])
        [want] = _tidy([want], [])
        assert_same(got, want)


def test_a_video_listed_twice_is_merged_as_before() -> None:
    items = [plain_video(0), plain_video(1), {**plain_video(0), "likes": 99}]
    got = columns.video_list(items, CAPTURE, business._SNAPSHOT, business._VIDEO_DEMOGRAPHICS)
    assert got is not None and not got.keys_unique
    [got] = _tidy([got], [])
    assert got.tables["videos"].height == 2
    snaps = got.tables["video_snapshots"]
    likes = dict(zip(snaps["video_id"], snaps["likes"], strict=True))
    assert likes == {items[0]["item_id"]: 99, items[1]["item_id"]: 80}  # the last one listed
    assert got.tables["video_sources"].height == 6


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "video_views": st.one_of(st.none(), st.integers(0, 10**12)),
                "create_time": st.integers(1_500_000_000, 1_800_000_000).map(str),
                "video_duration": st.floats(0, 600),
                "full_video_watched_rate": st.floats(0, 1),
            }
        ),
        min_size=1,
        max_size=5,
    )
)
def test_plain_pages_take_the_fast_way(changes: list[dict[str, Any]]) -> None:
    items = [{**plain_video(i), **change} for i, change in enumerate(changes)]
    got = columns.video_list(items, CAPTURE, business._SNAPSHOT, business._VIDEO_DEMOGRAPHICS)
    assert got is not None
    assert_same(got, outcome(business.read_by_video, items))
    assert got.tables["video_snapshots"]["views"].null_count() == sum(
        c["video_views"] is None for c in changes
    )
    assert isinstance(got.tables["videos"], pl.DataFrame)
