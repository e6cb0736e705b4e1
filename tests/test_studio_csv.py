"""TikTok Studio CSV exports, one test per file kind and per quirk seen in real files."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import polars as pl
import pytest

from tiktui.data import schema
from tiktui.data.importers.base import ParseContext, Parsed, Refused, SourceFile
from tiktui.data.importers.reasons import REASONS
from tiktui.data.importers.studio import looks_tabular, parse_tabular

FIXTURES = Path(__file__).parent / "fixtures" / "studio"
TODAY = date(2026, 11, 22)


def parse(
    name: str | None = None,
    *,
    data: bytes | None = None,
    anchor: date | None = None,
    mtime: datetime | None = None,
    window_start: date | None = None,
) -> Parsed:
    if data is None:
        assert name is not None
        data = (FIXTURES / name).read_bytes()
    src = SourceFile(name or "file.csv", data, mtime=mtime)
    assert looks_tabular(src)
    ctx = ParseContext(today=TODAY, anchor=anchor, window_start=window_start)
    return parse_tabular(src, ctx)


def refusal(**kwargs: object) -> str:
    with pytest.raises(Refused) as info:
        parse(**kwargs)  # type: ignore[arg-type]
    assert info.value.code in REASONS  # a reason from the closed set
    return str(info.value)


def rows(parsed: Parsed, table: str) -> list[dict[str, object]]:
    return parsed.tables[table].to_dicts()


def conforms(parsed: Parsed) -> None:
    """Every frame uses the schema's names and dtypes, keys present (account aside)."""
    for name, frame in parsed.tables.items():
        table = schema.TABLES[name]
        for column, dtype in frame.schema.items():
            assert table.schema[column] == dtype, (name, column)
        assert set(table.key) - {"account"} <= set(frame.columns), name
        table.conform(frame)


def test_fixtures_have_the_real_shape() -> None:
    data = (FIXTURES / "Overview.csv").read_bytes()
    assert data.startswith(b'\xef\xbb\xbf"Date","Video Views"')
    assert not data.endswith(b"\n")
    assert b"\r" not in data


# ------------------------------------------------------------------ Overview


def test_overview_short_across_new_year() -> None:
    parsed = parse("Overview.csv", anchor=date(2026, 1, 5))
    conforms(parsed)
    assert parsed.kind == "studio-overview"
    got = rows(parsed, "account_daily")
    assert [r["date"] for r in got] == [date(2025, 12, d) for d in (29, 30, 31)] + [
        date(2026, 1, d) for d in (1, 2, 3, 4)
    ]
    assert got[1] == {
        "date": date(2025, 12, 30),
        "video_views": 980,
        "profile_views": 21,
        "likes": 130,
        "comments": -1,  # comments deleted that day: negative, kept
        "shares": 2,
        "year_inferred": True,
    }
    assert any(n.startswith("year inferred from the export date 2026-01-05") for n in parsed.notes)
    assert parsed.anchor == date(2026, 1, 5)
    assert parsed.as_of == datetime.combine(date(2026, 1, 5), time.max, UTC)


def test_overview_window_from_the_zip_name() -> None:
    parsed = parse("Overview.csv", anchor=date(2026, 1, 5), window_start=date(2025, 12, 29))
    assert parsed.tables["account_daily"]["date"].min() == date(2025, 12, 29)
    message = refusal(name="Overview.csv", anchor=date(2026, 1, 5), window_start=date(2025, 12, 30))
    assert message == (
        "line 2: date 2025-12-29 is outside the export's window 2025-12-30..2026-01-05"
    )


def test_overview_window_fixes_years_of_unsorted_rows() -> None:
    data = _csv(
        ["Date", "Video Views"],
        [["January 2", "5"], ["December 30", "3"], ["January 1", "4"], ["December 31", "1"]],
    )
    parsed = parse(data=data, anchor=date(2026, 1, 3), window_start=date(2025, 12, 27))
    assert rows(parsed, "account_daily")[0]["date"] == date(2026, 1, 2)
    assert sorted(parsed.tables["account_daily"]["date"].to_list()) == [
        date(2025, 12, 30),
        date(2025, 12, 31),
        date(2026, 1, 1),
        date(2026, 1, 2),
    ]


def test_overview_new_followers_is_net_in_the_short_export() -> None:
    mtime = datetime(2026, 9, 3, 7, 30, tzinfo=UTC)
    parsed = parse("Overview_new_followers.csv", mtime=mtime)
    conforms(parsed)
    frame = parsed.tables["account_daily"]
    assert frame["followers_net"].to_list() == [4, -3, 0, 7]
    assert "followers_new" not in frame.columns
    assert frame["date"].to_list() == [
        date(2026, 8, 30),
        date(2026, 8, 31),
        date(2026, 9, 1),
        date(2026, 9, 2),
    ]
    assert any(n.startswith("year inferred from the file's date 2026-09-03") for n in parsed.notes)
    assert parsed.as_of == mtime


def test_overview_long_variant() -> None:
    parsed = parse("Overview_long.csv", anchor=date(2024, 10, 4))
    conforms(parsed)
    got = rows(parsed, "account_daily")
    assert got[1] == {
        "date": date(2024, 10, 2),
        "video_views": 4500,
        "reached_audience": None,  # NaN is missing, not zero
        "profile_views": 100,
        "likes": 380,
        "shares": 18,
        "comments": 30,
        "followers_net": -2,
        "followers_new": 3,
        "followers_lost": 5,
        "year_inferred": False,
    }
    assert not any("year inferred" in n for n in parsed.notes)
    assert not any("ignored" in n for n in parsed.notes)  # known extra columns: silent


def test_overview_long_without_net_growth_derives_it() -> None:
    data = _csv(
        ["Date", "Video Views", "New followers", "Lost followers"],
        [["2024/10/01", "5", "12", "4"], ["2024/10/02", "5", "3", "undefined"]],
    )
    frame = parse(data=data).tables["account_daily"]
    assert frame["followers_new"].to_list() == [12, 3]
    assert frame["followers_net"].to_list() == [8, None]


def test_overview_localized_months_with_english_headers() -> None:
    parsed = parse("Overview_ru_dates.csv", anchor=date(2026, 1, 20))
    assert parsed.tables["account_daily"]["date"].to_list() == [
        date(2025, 12, 31),
        date(2026, 1, 1),
        date(2026, 1, 18),
    ]


@pytest.mark.parametrize(
    ("name", "dates", "likes"),
    [
        ("Overview_sv.csv", [date(2026, 4, 30), date(2026, 5, 1), date(2026, 5, 2)], [20, 22, 15]),
        ("Overview_pt.csv", [date(2026, 2, 28), date(2026, 3, 1), date(2026, 3, 2)], [40, 41, 42]),
        ("Overview_es.csv", [date(2026, 2, 27), date(2026, 2, 28)], [60, 61]),
    ],
)
def test_overview_translated_headers(name: str, dates: list[date], likes: list[int]) -> None:
    parsed = parse(name, anchor=date(2026, 5, 3))
    conforms(parsed)
    assert parsed.kind == "studio-overview"
    frame = parsed.tables["account_daily"]
    assert frame["date"].to_list() == dates
    assert frame["likes"].to_list() == likes
    assert {"video_views", "profile_views", "comments", "shares"} <= set(frame.columns)
    if name == "Overview_sv.csv":
        assert frame["followers_net"].to_list() == [3, -1, 2]


# ------------------------------------------------------------------ Followers


def test_follower_history_derives_net_from_totals() -> None:
    parsed = parse("FollowerHistory.csv", anchor=date(2026, 6, 2))
    conforms(parsed)
    assert parsed.kind == "studio-follower-history"
    assert parsed.derived == {"account_daily": {"followers_net"}}  # ranked below a stated net
    got = rows(parsed, "account_daily")
    assert [r["date"] for r in got] == [
        date(2026, 5, 27),
        date(2026, 5, 28),
        date(2026, 5, 29),
        date(2026, 5, 31),
        date(2026, 6, 1),
    ]
    assert [r["followers"] for r in got] == [1000, 1010, 1013, 1011, 1020]
    # Not the file's (shifted) difference column; nothing across the missing 30 May.
    assert [r["followers_net"] for r in got] == [None, 10, 3, None, 9]


def test_follower_activity_drops_the_export_days_future_hours() -> None:
    parsed = parse("FollowerActivity.csv", anchor=date(2026, 11, 20))
    conforms(parsed)
    assert parsed.kind == "studio-follower-activity"
    frame = parsed.tables["follower_activity"]
    first = frame.filter(pl.col("date") == date(2026, 11, 19))
    last = frame.filter(pl.col("date") == date(2026, 11, 20))
    assert first.height == 24
    assert last["hour"].to_list() == list(range(10))  # hours 10..23 had not happened
    assert last.filter(pl.col("hour") == 3)["active_followers"].item() == 0  # a real zero
    assert "dropped 14 future hours of 2026-11-20 (the export day is partial)" in parsed.notes


def test_follower_activity_twelve_hour_clock() -> None:
    hours = ["12 AM", "1 AM", "11 AM", "12 PM", "1 PM", "11 PM"]
    data = _csv(["Date", "Hour", "Active followers"], [["Sep 1", h, "5"] for h in hours])
    frame = parse(data=data, anchor=date(2026, 9, 2)).tables["follower_activity"]
    assert frame["hour"].to_list() == [0, 1, 11, 12, 13, 23]


def test_follower_activity_header_only() -> None:
    parsed = parse("FollowerActivity_empty.csv", anchor=date(2026, 11, 20))
    assert parsed.kind == "studio-follower-activity"
    assert parsed.tables["follower_activity"].height == 0
    conforms(parsed)
    assert "no data rows (header only)" in parsed.notes


@pytest.mark.parametrize(
    ("name", "shares"),
    [
        ("FollowerGender.csv", [0.59, 0.38, 0.03]),
        ("FollowerGender_percent.csv", [0.61, 0.375, 0.015]),
    ],
)
def test_follower_gender(name: str, shares: list[float]) -> None:
    parsed = parse(name, anchor=date(2026, 11, 20))
    conforms(parsed)
    assert parsed.kind == "studio-follower-gender"
    frame = parsed.tables["audience"]
    assert frame["bucket"].to_list() == ["female", "male", "other"]
    assert frame["share"].to_list() == pytest.approx(shares)
    assert set(frame["scope"]) == {"followers"}
    assert set(frame["dimension"]) == {"gender"}
    assert set(frame["video_id"]) == {""}
    assert set(frame["as_of"]) == {date(2026, 11, 20)}
    assert parsed.anchor == date(2026, 11, 20)


def test_follower_gender_header_only() -> None:
    parsed = parse("FollowerGender_empty.csv", anchor=date(2026, 11, 20))
    assert parsed.kind == "studio-follower-gender"
    assert parsed.tables["audience"].height == 0
    conforms(parsed)


def test_follower_gender_localized_values() -> None:
    data = _csv(["Gender", "Distribution"], [["Mujer", "0.5"], ["Hombre", "0.4"], ["Otro", "0.1"]])
    frame = parse(data=data).tables["audience"]
    assert frame["bucket"].to_list() == ["female", "male", "other"]


def test_follower_territories() -> None:
    parsed = parse("FollowerTopTerritories.csv", anchor=date(2026, 11, 20))
    conforms(parsed)
    assert parsed.kind == "studio-follower-territories"
    frame = parsed.tables["audience"]
    assert frame["bucket"].to_list() == ["ZA", "US", "GB", "NG", "Others"]
    assert set(frame["dimension"]) == {"country"}
    assert sum(frame["share"]) == pytest.approx(1.0)


def test_share_out_of_range_is_refused() -> None:
    data = _csv(["Gender", "Distribution"], [["Female", "150%"], ["Male", "0.4"]])
    assert refusal(data=data) == (
        'line 2, column "Distribution": "150%" is not a share between 0 and 1'
    )


# ------------------------------------------------------------------ Viewers


def test_viewers_undefined_is_missing_not_zero() -> None:
    parsed = parse("Viewers.csv", anchor=date(2026, 11, 20))
    conforms(parsed)
    assert parsed.kind == "studio-viewers"
    got = rows(parsed, "account_daily")
    assert got[0] == {
        "date": date(2026, 11, 17),
        "viewers_total": 1200,
        "viewers_new": 800,
        "viewers_returning": 400,
        "year_inferred": True,
    }
    assert got[2]["viewers_total"] is None
    assert got[2]["viewers_new"] is None


# ------------------------------------------------------------------ Content


def test_content_with_time_column() -> None:
    parsed = parse("Content.csv", anchor=date(2026, 11, 21))
    conforms(parsed)
    assert parsed.kind == "studio-content"
    videos = rows(parsed, "videos")
    assert [v["video_id"] for v in videos] == [
        "7437598271834066198",
        "7434252103837584646",
        "7412345678901234567",
    ]
    assert videos[0]["caption"] == 'Day 3 of "learning" to cook, again 🍳🔥'
    assert videos[1]["caption"] == "line one\nline two, with a comma\n#fyp 😂"
    assert videos[2]["caption"] == ""
    assert videos[0]["url"] == "https://www.tiktok.com/@cook.with.me/video/7437598271834066198"
    assert [v["posted_on"] for v in videos] == [
        date(2026, 11, 14),
        date(2026, 11, 5),
        date(2025, 12, 30),  # the latest December 30 not after the export day
    ]
    assert [v["posted_at"] for v in videos] == [None, None, None]
    assert all(v["year_inferred"] for v in videos)
    snaps = rows(parsed, "video_snapshots")
    assert snaps[0] == {
        "video_id": "7437598271834066198",
        "captured_on": date(2026, 11, 20),  # the Time column, not the anchor
        "views": 20510,
        "likes": 1204,
        "comments": 88,
        "shares": 31,  # header "Total shares\u00a0" found despite the no-break space
    }
    assert parsed.account == "cook.with.me"


def test_content_reported_variant() -> None:
    parsed = parse("Content_variant.csv")
    conforms(parsed)
    videos = rows(parsed, "videos")
    assert videos[0]["posted_at"] == datetime(2026, 7, 12, 9, 0, tzinfo=UTC)
    assert videos[0]["posted_on"] == date(2026, 7, 12)
    assert videos[0]["year_inferred"] is False
    assert videos[1]["video_id"] == "7390000000000000002"  # a /photo/ post
    snaps = rows(parsed, "video_snapshots")
    assert [s["captured_on"] for s in snaps] == [TODAY, TODAY]  # no Time, no date: today
    assert [s["views"] for s in snaps] == [300, 120]  # "Video views", not the 7-day column
    assert [s["saves"] for s in snaps] == [7, None]
    assert parsed.anchor == TODAY
    assert parsed.as_of == datetime.combine(TODAY, time.min, UTC)
    assert not any("ignored" in n for n in parsed.notes)


def test_content_line_numbers_count_physical_lines() -> None:
    text = (FIXTURES / "Content.csv").read_text("utf-8-sig")
    # The second video's caption spans lines 3-5; its counts sit on line 5.
    bad = text.replace('"9120"', '"91k20"').encode()
    assert refusal(data=bad) == 'line 5, column "Total views": "91k20" is not a number'
    bad = text.replace('"77"', '"seventy"').encode()
    assert refusal(data=bad) == 'line 6, column "Total likes": "seventy" is not a number'


def test_content_without_a_video_id_skips_the_row() -> None:
    data = _csv(
        ["Video title", "Video link", "Total views"],
        [["a", "https://vm.tiktok.com/ZMabc/", "5"], ["b", "7390000000000000009", "6"]],
    )
    parsed = parse(data=data)
    assert parsed.tables["videos"]["video_id"].to_list() == ["7390000000000000009"]
    assert any('line 2, column "Video link"' in n for n in parsed.notes)


def test_content_without_link_column_is_refused_with_reason() -> None:
    data = _csv(["Video title", "Post time", "Total views"], [["a", "Sep 1", "5"]])
    assert '"Video link"' in refusal(data=data)


# ------------------------------------------------------------------ refusals and detection


def test_ads_manager_report_is_named() -> None:
    assert refusal(name="AdsManager.csv") == (
        "a TikTok Ads Manager report: not supported yet "
        "(only TikTok Studio exports and API/insight JSON are)"
    )


def test_unknown_header_names_what_it_saw_and_expected() -> None:
    message = refusal(data=_csv(["Foo", "Bar"], [["1", "2"]]))
    assert '"Foo", "Bar"' in message
    for kind in ("Overview", "FollowerHistory", "FollowerActivity", "Viewers", "Content"):
        assert kind in message


@pytest.mark.parametrize(
    "data", [b"", b"\xef\xbb\xbf", b"  \n\n ", "\ufeff \u00a0\n".encode(), b"\xff\xfe"]
)
def test_empty_file(data: bytes) -> None:
    src = SourceFile("Overview.csv", data)
    assert looks_tabular(src)
    with pytest.raises(Refused, match="^empty file$"):
        parse_tabular(src, ParseContext(today=TODAY))


def test_bad_number_names_line_and_column() -> None:
    data = _csv(["Date", "Video Views", "Likes"], [["Sep 1", "5", "1"], ["Sep 2", "6", "12k3"]])
    assert refusal(data=data) == 'line 3, column "Likes": "12k3" is not a number'


def test_bad_date_names_line_and_column() -> None:
    data = _csv(["Date", "Video Views"], [["Sep 1", "5"], ["Total", "6"]])
    assert refusal(data=data) == 'line 3, column "Date": "Total" is not a date'


def test_missing_date_is_refused() -> None:
    data = _csv(["Date", "Video Views"], [["Sep 1", "5"], ["", "6"]])
    assert refusal(data=data) == 'line 3, column "Date": missing date'


def test_row_with_too_many_fields() -> None:
    data = b'"Date","Video Views"\n"Sep 1","5","7"'
    assert refusal(data=data) == "line 2: 3 fields where the header has 2"


def test_conflicting_duplicate_day_is_refused_identical_one_dropped() -> None:
    same = _csv(["Date", "Video Views"], [["Sep 1", "5"], ["Sep 1", "5"]])
    assert parse(data=same).tables["account_daily"].height == 1
    clash = _csv(["Date", "Video Views"], [["Sep 1", "5"], ["Sep 1", "6"]])
    message = refusal(data=clash, anchor=date(2026, 9, 2))
    assert message == "line 3: date 2026-09-01 appears twice with different values (also line 2)"


def test_unknown_extra_column_is_ignored_with_a_note() -> None:
    data = _csv(["Date", "Video Views", "Mystery"], [["Sep 1", "5", "x"]])
    parsed = parse(data=data)
    assert "ignored columns: 'Mystery'" in parsed.notes
    assert parsed.tables["account_daily"]["video_views"].to_list() == [5]


def test_header_whitespace_bom_and_case() -> None:
    data = '\ufeff" DATE\u00a0","video   views\u200b","LIKES"\n"Sep 1","5","1"'.encode()
    frame = parse(data=data).tables["account_daily"]
    assert frame.columns == ["date", "video_views", "likes", "year_inferred"]


# ------------------------------------------------------------------ encodings and layouts


def test_utf16_tab_separated_as_excel_saves_unicode_text() -> None:
    text = (FIXTURES / "Overview.csv").read_text("utf-8-sig").replace('","', '"\t"')
    parsed = parse(data=b"\xff\xfe" + text.encode("utf-16-le"), anchor=date(2026, 1, 5))
    assert parsed.tables["account_daily"].height == 7
    assert parsed.tables["account_daily"]["comments"].to_list()[1] == -1


def test_semicolons_crlf_unquoted_as_european_excel_saves() -> None:
    text = "sep=;\r\nDatum;Videovisningar;Gilla-markeringar\r\n1 maj;1 234;5\r\n2 maj;-1;0\r\n"
    parsed = parse(data=text.encode(), anchor=date(2026, 5, 3))
    frame = parsed.tables["account_daily"]
    assert frame["video_views"].to_list() == [1234, -1]
    bad = text.replace("2 maj;-1", "2 maj;x").encode()
    assert refusal(data=bad) == 'line 4, column "Videovisningar": "x" is not a number'


def test_windows_1252_text_is_read_with_a_note() -> None:
    text = '"Datum","Videovisningar","Nya följare"\n"1 maj","5","2"'
    parsed = parse(data=text.encode("cp1252"), anchor=date(2026, 5, 3))
    assert parsed.tables["account_daily"]["followers_new"].to_list() == [2]  # gained
    assert "read as Windows-1252 text (not UTF-8)" in parsed.notes


def test_title_lines_above_the_header_are_skipped() -> None:
    text = '"Overview"\n"Sep 1 - Sep 2"\n\n"Date","Video Views"\n"Sep 1","5"\n"Sep 2","x"'
    assert refusal(data=text.encode()) == 'line 6, column "Video Views": "x" is not a number'
    parsed = parse(data=text.replace('"x"', '"6"').encode())
    assert "skipped 3 lines above the header" in parsed.notes


def test_trailing_newlines_and_blank_lines_are_harmless() -> None:
    text = '"Date","Video Views"\n"Sep 1","5"\n\n"Sep 2","6"\n\n\n'
    assert parse(data=text.encode()).tables["account_daily"].height == 2


def test_newer_export_has_a_later_as_of() -> None:
    older = parse("Overview.csv", anchor=date(2026, 1, 5))
    newer = parse("Overview.csv", anchor=date(2026, 1, 6))
    assert newer.as_of > older.as_of


# ------------------------------------------------------------------ looks_tabular


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'\xef\xbb\xbf"Date","Video Views"\n"Sep 1","5"', True),
        (b"Date;Likes\n", True),
        (b"", True),
        (b'{"data": {}}', False),
        (b'\xef\xbb\xbf{"log": {"entries": []}}', False),
        (b"[1, 2]", False),
        (b"<html><body>", False),
        (b"\x89PNG\r\n\x1a\n\x00\x00", False),
        (b"PK\x03\x04not really a zip", False),
        (b"just one line of prose", False),
    ],
)
def test_looks_tabular(data: bytes, expected: bool) -> None:
    assert looks_tabular(SourceFile("x", data)) is expected


def _csv(header: list[str], body: list[list[str]]) -> bytes:
    def q(v: str) -> str:
        return '"' + v.replace('"', '""') + '"'

    lines = [",".join(q(h) for h in header)] + [",".join(q(c) for c in r) for r in body]
    return ("\ufeff" + "\n".join(lines)).encode()


def test_follower_activity_sorted_by_hour_reads_the_same() -> None:
    rows = [[f"Dec {d}", str(h), "1"] for h in range(3) for d in (30, 31)]
    rows += [["Jan 1", str(h), "1"] for h in range(3)]
    frame = parse(data=_csv(["Date", "Hour", "Active followers"], rows), anchor=date(2026, 1, 2))
    dates = frame.tables["follower_activity"]["date"].to_list()
    assert sorted(set(dates)) == [date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 1)]


def test_follower_age_and_cities_if_they_come() -> None:
    age = parse(data=_csv(["Age", "Distribution"], [["18 - 24", "0.6"], ["55+", "0.4"]]))
    assert age.kind == "studio-follower-age"
    assert age.tables["audience"]["bucket"].to_list() == ["18-24", "55+"]
    assert set(age.tables["audience"]["dimension"]) == {"age"}
    cities = parse(data=_csv(["Top cities", "Distribution"], [["Cape Town", "61%"]]))
    assert cities.kind == "studio-follower-cities"
    assert cities.tables["audience"].to_dicts()[0]["bucket"] == "Cape Town"


def test_zip_handle_wins_over_the_links() -> None:
    src = SourceFile("Content.csv", (FIXTURES / "Content.csv").read_bytes())
    same = parse_tabular(src, ParseContext(today=TODAY, handle="Cook.With.Me"))
    assert same.account is None  # the pipeline fills in the ZIP's handle
    assert not any("video links name" in n for n in same.notes)
    other = parse_tabular(src, ParseContext(today=TODAY, handle="someone.else"))
    assert "video links name @cook.with.me, the ZIP name @someone.else" in other.notes
