"""Studio downloads in every interface language import with the right years (issue 9).

Dates are written by babel itself (CLDR, the source TikTok's interface
strings follow), not by our tables; headers are the spellings of our data
files (``importers/studio/spellings/<lang>.json``).
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime, timedelta

import pytest
from babel.dates import format_date, format_skeleton

from tiktui.data.importers.base import Parsed, Refused, SourceFile
from tiktui.data.importers.detect import parse_file
from tiktui.data.importers.studio import headers as H
from tiktui.data.lang import language_codes

TODAY = date(2026, 11, 22)  # long after the export: today's year would be wrong
FIRST, LAST = date(2024, 12, 20), date(2025, 1, 12)  # a window across New Year
DAYS = [FIRST + timedelta(days=n) for n in range((LAST - FIRST).days + 1)]
OVERVIEW = ["date", "video_views", "profile_views", "likes", "comments", "shares"]


def _quote(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    lines = [",".join(_quote(h) for h in header)] + [",".join(_quote(c) for c in r) for r in rows]
    return ("\ufeff" + "\n".join(lines)).encode()


def _zip(name: str, entries: dict[str, bytes], when: datetime | None = None) -> SourceFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for entry, body in entries.items():
            info = zipfile.ZipInfo(entry, (when or datetime(2026, 11, 20)).timetuple()[:6])
            zf.writestr(info, body)
    return SourceFile(name, buffer.getvalue())


def _babel(day: date, language: str, pattern: str) -> str:
    if pattern == "skeleton":  # the locale's own day-and-month pattern ("12월 20일", "20 ธ.ค.")
        return format_skeleton("MMMMd", day, locale=language)
    return format_date(day, pattern, locale=language)


def _overview(language: str, pattern: str) -> bytes:
    header = [H.HEADERS[language][column][0] for column in OVERVIEW]
    rows = [[_babel(d, language, pattern), str(n * 10), str(n), "3", "1", "0"]
            for n, d in enumerate(DAYS)]  # fmt: skip
    return _csv(header, rows)


def _epoch(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


def _overview_zip(language: str, pattern: str) -> SourceFile:
    name = f"Overview_{FIRST.isoformat()}_{_epoch(LAST + timedelta(days=1))}_someone.zip"
    return _zip(name, {"Overview.csv": _overview(language, pattern)})


def _daily(parsed: list[Parsed]) -> list[date]:
    [part] = parsed
    assert part.kind == "studio-overview"
    return part.tables["account_daily"]["date"].to_list()


@pytest.mark.parametrize("pattern", ["d MMMM", "skeleton"])
@pytest.mark.parametrize("language", ["el", "th", "ko", "fi"])
def test_overview_zip_in_four_interfaces_gets_the_window_years(language: str, pattern: str) -> None:
    """The ZIP name's window (first day, end epoch) fixes the years, not today."""
    parsed = parse_file(_overview_zip(language, pattern), TODAY)
    assert _daily(parsed) == DAYS
    frame = parsed[0].tables["account_daily"]
    assert frame["video_views"].to_list() == [n * 10 for n in range(len(DAYS))]


@pytest.mark.parametrize("language", ["el", "th", "ko", "fi"])
def test_loose_overview_csv_is_anchored_on_the_file_date(language: str) -> None:
    stamp = datetime(2025, 1, 13, 9, 30, tzinfo=UTC)  # the file was saved the day after
    src = SourceFile("Overview.csv", _overview(language, "d MMMM"), mtime=stamp)
    assert _daily(parse_file(src, TODAY)) == DAYS


@pytest.mark.parametrize("language", language_codes())
def test_every_interface_language_overview_imports(language: str) -> None:
    """Headers from the language's data file, dates in CLDR's own day-and-month pattern."""
    assert _daily(parse_file(_overview_zip(language, "skeleton"), TODAY)) == DAYS


@pytest.mark.parametrize("language", language_codes())
def test_every_interface_language_has_its_data_file_with_sources(language: str) -> None:
    """Every spelling says where it comes from: seen (where) or inferred (from what)."""
    data = H.SPELLINGS[language]
    sources = data["sources"]
    assert all(text.startswith(("seen:", "inferred:")) for text in sources.values())
    tables = [*data["headers"].values(), *data["gender_values"].values()]
    tables.append(data["others_territory"])
    for table in tables:
        assert table and all(source in sources for source in table.values())


# ------------------------------------------------------------------ the Greek export set

EL_EXPORT = datetime(2025, 2, 26, 18, 0)  # the ZIPs' entries carry the export day


def _el(day: date) -> str:
    return format_date(day, "d MMMM", locale="el")  # "25 Φεβρουαρίου": the genitive


def test_the_greek_export_set_imports() -> None:
    """English headers, Greek month names: the set the issue saw refused as a whole."""
    days = [date(2025, 2, 19) + timedelta(days=n) for n in range(7)]
    assert _el(days[-1]) == "25 Φεβρουαρίου"
    overview = _csv(
        ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"],
        [[_el(d), "120", "4", "9", "1", "0"] for d in days],
    )
    history = _csv(
        ["Date", "Followers", "Difference in followers from previous day"],
        [[_el(d), str(500 + n), "1"] for n, d in enumerate(days)],
    )
    activity = _csv(
        ["Date", "Hour", "Active followers"],
        [[_el(d), str(h), "7"] for d in days[-2:] for h in range(24)],
    )
    gender = _csv(["Gender", "Distribution"], [["Female", "0.6"], ["Male", "0.4"]])
    places = _csv(["Top territories", "Distribution"], [["GR", "0.9"], ["Others", "0.1"]])
    viewers = _csv(
        ["Date", "Total Viewers", "New Viewers", "Returning Viewers"],
        [[_el(d), "80", "50", "30"] for d in days],
    )
    content = _csv(
        ["Time", "Video title", "Video link", "Post time", "Total likes", "Total comments",
         "Total shares", "Total views"],
        [[_el(days[-1]), "Καλημέρα!", "https://www.tiktok.com/@el.user/video/7467598271834066198",
          _el(days[0]), "40", "3", "2", "900"]],
    )  # fmt: skip
    zips = [
        _zip(
            f"Overview_{days[0].isoformat()}_{_epoch(days[-1] + timedelta(days=1))}_el.user.zip",
            {"Overview.csv": overview},
        ),
        _zip(
            "Followers_el.user.zip",
            {
                "FollowerHistory.csv": history,
                "FollowerActivity.csv": activity,
                "FollowerGender.csv": gender,
                "FollowerTopTerritories.csv": places,
            },
            EL_EXPORT,
        ),  # fmt: skip
        _zip("Viewers_el.user.zip", {"Viewers.csv": viewers}, EL_EXPORT),
        _zip("Content_el.user.zip", {"Content.csv": content}, EL_EXPORT),
    ]
    parts = [part for src in zips for part in parse_file(src, TODAY)]
    assert {part.kind for part in parts} == {
        "studio-overview", "studio-follower-history", "studio-follower-activity",
        "studio-follower-gender", "studio-follower-territories", "studio-viewers",
        "studio-content",
    }  # fmt: skip
    every_day = set()
    for part in parts:
        for frame in part.tables.values():
            for column in ("date", "posted_on"):
                if column in frame.columns:
                    every_day |= {d for d in frame[column].to_list() if d is not None}
    assert every_day == set(days)  # every Greek date read, every year 2025
    [overview_part] = [p for p in parts if p.kind == "studio-overview"]
    assert overview_part.tables["account_daily"]["date"].to_list() == days


def test_a_header_row_in_an_unknown_language_names_the_headers() -> None:
    """Dates and numbers that read, headers in no language we know: one clear line."""
    data = _csv(["Zzdatu", "Vuuqa kix"], [["25 Φεβρουαρίου", "12"], ["26 Φεβρουαρίου", "14"]])
    with pytest.raises(Refused) as info:
        parse_file(SourceFile("Overview.csv", data), TODAY)
    message = str(info.value)
    assert "\n" not in message
    assert '"Zzdatu"' in message and '"Vuuqa kix"' in message


def test_a_date_no_language_reads_names_line_column_and_cell() -> None:
    data = _csv(["Date", "Video Views"], [["25 Φεβρουαρίου", "1"], ["25 Blorvember", "2"]])
    with pytest.raises(Refused) as info:
        parse_file(SourceFile("Overview.csv", data), TODAY)
    message = str(info.value)
    assert "line 3" in message and '"Date"' in message and "25 Blorvember" in message


def test_headers_language_settles_a_month_name_two_languages_read_differently() -> None:
    """``listopad`` is November in Czech and Polish but October in Croatian."""
    for language, month in (("cs", 11), ("pl", 11), ("hr", 10)):
        header = [H.HEADERS[language][c][0] for c in OVERVIEW]
        data = _csv(header, [["3 listopad", "1", "1", "1", "1", "1"]])
        src = SourceFile("Overview.csv", data, mtime=datetime(2025, 12, 31, tzinfo=UTC))
        assert _daily(parse_file(src, TODAY)) == [date(2025, month, 3)], language


@pytest.mark.parametrize("language", language_codes())
def test_every_interface_language_follower_audiences_read_by_meaning(language: str) -> None:
    """FollowerGender and FollowerTopTerritories in the language's own words."""
    table, values = H.HEADERS[language], H.SPELLINGS[language]["gender_values"]
    rows = [[next(iter(values[b])), share] for b, share in (("female", "0.5"), ("male", "0.4"))]
    rows.append([next(iter(values["other"])), "0.1"])
    gender = _csv([table["gender"][0], table["distribution"][0]], rows)
    others = next(iter(H.SPELLINGS[language]["others_territory"]))
    places = _csv(
        [table["territories"][0], table["distribution"][0]], [["GR", "0.7"], [others, "0.3"]]
    )
    src = _zip(
        "Followers_someone.zip",
        {"FollowerGender.csv": gender, "FollowerTopTerritories.csv": places},
    )
    buckets = {
        part.kind: part.tables["audience"]["bucket"].to_list() for part in parse_file(src, TODAY)
    }
    assert buckets == {
        "studio-follower-gender": ["female", "male", "other"],
        "studio-follower-territories": ["GR", "Others"],
    }


def test_the_import_says_which_language_the_month_names_were_read_in() -> None:
    """English headers over Greek months: the note names el; Greek headers need no note."""
    rows = [[_el(date(2025, 2, 25)), "1"]]
    src = SourceFile("Overview.csv", _csv(["Date", "Video Views"], rows), mtime=EL_EXPORT)
    [part] = parse_file(src, TODAY)
    assert "month names read as el" in part.notes
    header = [H.HEADERS["el"]["date"][0], H.HEADERS["el"]["video_views"][0]]
    src = SourceFile("Overview.csv", _csv(header, rows), mtime=EL_EXPORT)
    [part] = parse_file(src, TODAY)
    assert not any("month names" in note for note in part.notes)
