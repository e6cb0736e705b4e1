"""Date cells in every layout and language Studio writes, and year inference."""

from __future__ import annotations

import json
from datetime import UTC, date, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from tiktui.data.importers.dates import (
    AmbiguousDate,
    DateCell,
    DateColumnError,
    infer_years,
    latest_not_after,
    parse_date_cell,
    parse_date_column,
    parse_hour,
)

# The month tables tiktui 0.1 typed by hand (13 languages): every spelling must
# still read, now from CLDR and seen.json (tiktui.data.lang).
_OLD = json.loads(
    (Path(__file__).parent / "fixtures" / "lang" / "textdates_0_1.json").read_text("utf-8")
)
MONTH_NAMES: dict[str, list[list[str]]] = _OLD["months"]
VI_MONTH_WORDS: list[list[str]] = _OLD["vi_month_words"]


@pytest.mark.parametrize(
    ("text", "month", "day", "year"),
    [
        # ISO and Excel
        ("2024-10-01", 10, 1, 2024),
        ("2024/10/01", 10, 1, 2024),
        ("2024-10-01 00:00:00", 10, 1, 2024),
        ("2024.10.01", 10, 1, 2024),
        # English, both orders, short months
        ("September 25", 9, 25, None),
        ("25 September", 9, 25, None),
        ("Sep 1", 9, 1, None),
        ("28 May", 5, 28, None),
        ("Sept. 3", 9, 3, None),
        ("SEPTEMBER 25", 9, 25, None),
        ("1st of March", 3, 1, None),
        ("Wed, Sep 25", 9, 25, None),
        ("Sep 25, 2024", 9, 25, 2024),
        ("25-Sep-2024", 9, 25, 2024),
        # Spanish
        ("28 de febrero", 2, 28, None),
        ("28 de febrero de 2024", 2, 28, 2024),
        ("3 de sept.", 9, 3, None),
        ("1 de setiembre", 9, 1, None),
        # French
        ("11 septembre", 9, 11, None),
        ("1er mars", 3, 1, None),
        ("3 févr.", 2, 3, None),
        ("15 août", 8, 15, None),
        # German
        ("3. März", 3, 3, None),
        ("3 Mär", 3, 3, None),
        ("3. Mär.", 3, 3, None),
        ("24. Dezember 2024", 12, 24, 2024),
        # Italian
        ("3 marzo", 3, 3, None),
        ("12 dic", 12, 12, None),
        # Portuguese
        ("5 de março", 3, 5, None),
        ("5 de marco", 3, 5, None),
        ("20 de out.", 10, 20, None),
        # Russian: genitive (what dates use) and nominative, abbreviations
        ("18 января", 1, 18, None),
        ("18 январь", 1, 18, None),
        ("1 мая", 5, 1, None),
        ("1 май", 5, 1, None),
        ("7 сент.", 9, 7, None),
        ("18 января 2025 г.", 1, 18, 2025),
        # Japanese, Chinese, Korean
        ("9月13日", 9, 13, None),
        ("2024年9月13日", 9, 13, 2024),
        ("9 月 13 日", 9, 13, None),
        ("9월 13일", 9, 13, None),
        # Vietnamese
        ("18 tháng Tám", 8, 18, None),
        ("18 tháng 8", 8, 18, None),
        ("tháng 8 18", 8, 18, None),
        ("18 thg 8", 8, 18, None),
        ("18 tháng Mười Một", 11, 18, None),
        ("18 tháng Năm", 5, 18, None),
        ("ngày 18 tháng 8 năm 2024", 8, 18, 2024),
        # Swedish
        ("25 september", 9, 25, None),
        ("3 maj", 5, 3, None),
        ("den 3 okt.", 10, 3, None),
        # Others in the table
        ("3 mei", 5, 3, None),  # nl/id
        ("3 maart", 3, 3, None),
        ("3 maja", 5, 3, None),  # pl
        ("3 Şubat", 2, 3, None),  # tr
        ("3 березня", 3, 3, None),  # uk
        # Numeric with an unambiguous order
        ("25/09/2024", 9, 25, 2024),
        ("9/25/2024", 9, 25, 2024),
        ("25.09.2024", 9, 25, 2024),
        ("03.04.2024", 4, 3, 2024),  # dots are day-first
        ("February 29", 2, 29, None),  # allowed without a year
    ],
)
def test_parse_date_cell(text: str, month: int, day: int, year: int | None) -> None:
    cell = parse_date_cell(text)
    assert (cell.month, cell.day, cell.year) == (month, day, year)


def test_times_and_offsets() -> None:
    cell = parse_date_cell("2026-07-12 09:00")
    assert (cell.year, cell.month, cell.day, cell.time, cell.tz) == (2026, 7, 12, time(9), None)
    assert parse_date_cell("2026-07-12T09:00:00Z").tz == UTC
    offset = parse_date_cell("2026-07-12 09:00+02:00").tz
    assert offset == timezone(timedelta(hours=2))
    assert parse_date_cell("Sep 25, 2024 9:05 PM").time == time(21, 5)
    assert parse_date_cell("12:30 AM Sep 25").time == time(0, 30)
    assert parse_date_cell("1727254800") == DateCell(9, 25, 2024, time(9, 0), UTC)


@pytest.mark.parametrize(
    "text",
    ["", "hello", "12k3", "February 30", "32 May", "May", "13/13/2024", "Sep 1 Oct", "2024-13-01",
     "1 2 3", "tháng Mười Ba 3", "25 September 12:99"],
)  # fmt: skip
def test_not_dates(text: str) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        parse_date_cell(text)


def test_ambiguous_numeric_date() -> None:
    with pytest.raises(AmbiguousDate):
        parse_date_cell("03/04/2024")
    assert parse_date_cell("03/04/2024", dayfirst=True).month == 4
    assert parse_date_cell("03/04/2024", dayfirst=False).month == 3


def test_date_column_learns_the_order_from_one_clear_cell() -> None:
    cells = parse_date_column(["03/04/2024", "25/04/2024", None])
    assert [(c.month, c.day) for c in cells if c] == [(4, 3), (4, 25)]


def test_date_column_daily_rows_pick_the_reading_that_moves_by_days() -> None:
    cells = parse_date_column(["03/04/2024", "03/05/2024", "03/06/2024"])
    assert [(c.month, c.day) for c in cells if c] == [(3, 4), (3, 5), (3, 6)]


def test_date_column_errors_name_the_cell() -> None:
    with pytest.raises(DateColumnError) as info:
        parse_date_column(["Sep 1", "Sep 2", "bogus"])
    assert info.value.index == 2
    with pytest.raises(DateColumnError, match="both day-first and month-first"):
        parse_date_column(["25/01/2024", "01/25/2024"])
    with pytest.raises(DateColumnError, match="could be day/month or month/day"):
        parse_date_column(["03/04/2024"])


@pytest.mark.parametrize(
    ("text", "hour"),
    [("0", 0), ("23", 23), ("09", 9), ("12 AM", 0), ("1 AM", 1), ("12 PM", 12), ("11 PM", 23),
     ("1 p.m.", 13), ("13:00", 13), ("0:00", 0), ("7h", 7), ("7 h", 7), ("9時", 9),
     ("9:00 PM", 21)],
)  # fmt: skip
def test_hours(text: str, hour: int) -> None:
    assert parse_hour(text) == hour


@pytest.mark.parametrize("text", ["24", "13 PM", "0 AM", "noon", "", "-1"])
def test_bad_hours(text: str) -> None:
    with pytest.raises(ValueError, match="is not an hour"):
        parse_hour(text)


# ------------------------------------------------------------------ year inference


def _cells(*texts: str) -> list[DateCell]:
    return [parse_date_cell(t) for t in texts]


def test_year_inference_across_new_year() -> None:
    cells = _cells("December 30", "December 31", "January 1", "January 2")
    got = infer_years(cells, date(2026, 1, 3))
    assert [d for d, _ in got] == [
        date(2025, 12, 30),
        date(2025, 12, 31),
        date(2026, 1, 1),
        date(2026, 1, 2),
    ]
    assert all(inferred for _, inferred in got)


def test_last_row_after_anchor_day_is_last_year() -> None:
    got = infer_years(_cells("November 20", "November 21"), date(2026, 11, 20))
    assert [d for d, _ in got] == [date(2025, 11, 20), date(2025, 11, 21)]


def test_rows_with_a_year_are_not_inferred() -> None:
    got = infer_years(_cells("2024/12/31", "January 1"), date(2026, 5, 1))
    assert got == [(date(2024, 12, 31), False), (date(2026, 1, 1), True)]


def test_newest_first_files_are_read_the_other_way() -> None:
    cells = _cells("January 2", "January 1", "December 31", "December 30")
    got = [d for d, _ in infer_years(cells, date(2026, 1, 3))]
    assert got == [date(2026, 1, 2), date(2026, 1, 1), date(2025, 12, 31), date(2025, 12, 30)]


def test_two_rows_across_new_year_are_two_days_apart() -> None:
    got = [d for d, _ in infer_years(_cells("December 31", "January 1"), date(2026, 1, 5))]
    assert got == [date(2025, 12, 31), date(2026, 1, 1)]


def test_two_rows_newest_first_across_new_year() -> None:
    got = [d for d, _ in infer_years(_cells("January 1", "December 31"), date(2026, 1, 5))]
    assert got == [date(2026, 1, 1), date(2025, 12, 31)]
    got = [d for d, _ in infer_years(_cells("January 2", "January 1"), date(2026, 1, 5))]
    assert got == [date(2026, 1, 2), date(2026, 1, 1)]


def test_february_29_goes_to_a_leap_year() -> None:
    got = infer_years(_cells("February 28", "February 29"), date(2025, 2, 27))
    assert [d for d, _ in got] == [date(2024, 2, 28), date(2024, 2, 29)]
    assert latest_not_after(parse_date_cell("Feb 29"), date(2026, 7, 1)) == (
        date(2024, 2, 29),
        True,
    )


def test_latest_not_after() -> None:
    assert latest_not_after(parse_date_cell("December 25"), date(2026, 11, 20)) == (
        date(2025, 12, 25),
        True,
    )
    assert latest_not_after(parse_date_cell("November 20"), date(2026, 11, 20)) == (
        date(2026, 11, 20),
        True,
    )
    assert latest_not_after(parse_date_cell("2020-01-01"), date(2026, 11, 20)) == (
        date(2020, 1, 1),
        False,
    )


@given(
    start=st.dates(min_value=date(2001, 1, 1), max_value=date(2097, 12, 31)),
    offsets=st.lists(st.integers(min_value=0, max_value=364), min_size=1, max_size=40),
    lag=st.integers(min_value=0, max_value=364),
    repeat=st.integers(min_value=1, max_value=3),
)
def test_year_inference_recovers_true_years(
    start: date, offsets: list[int], lag: int, repeat: int
) -> None:
    """Any sorted rows spanning under a year, exported up to a year after the last."""
    days = sorted(start + timedelta(days=o) for o in offsets for _ in range(repeat))
    assume((days[-1] - days[0]).days < 365)
    anchor = days[-1] + timedelta(days=lag)
    cells = [DateCell(d.month, d.day) for d in days]
    assert [d for d, _ in infer_years(cells, anchor, order="oldest_first")] == days
    got = infer_years(cells, anchor)  # auto: flips only on clear evidence
    if len({(d.month, d.day) for d in days}) > 2:
        assert [d for d, _ in got] == days
    assert all(inferred for _, inferred in got)


@given(
    start=st.dates(min_value=date(2001, 1, 1), max_value=date(2097, 12, 31)),
    length=st.integers(min_value=1, max_value=364),
    gaps=st.sets(st.integers(min_value=1, max_value=362), max_size=5),
    lag=st.integers(min_value=0, max_value=30),
    newest_first=st.booleans(),
)
@example(start=date(2001, 12, 30), length=3, gaps=set(), lag=0, newest_first=True)  # found in CI
def test_year_inference_on_daily_exports_either_way_round(
    start: date, length: int, gaps: set[int], lag: int, newest_first: bool
) -> None:
    """Studio's daily rows (a few missing), as written or re-sorted newest first."""
    days = [start + timedelta(days=i) for i in range(length) if i not in gaps]
    assume(days)
    anchor = days[-1] + timedelta(days=lag)
    if newest_first:
        days.reverse()
    cells = [DateCell(d.month, d.day) for d in days]
    assert [d for d, _ in infer_years(cells, anchor)] == days


# ------------------------------------------------------------------ round trips per language

_CJK = ["{m}月{d}日", "{y}年{m}月{d}日", "{m}월 {d}일"]
_TEMPLATES: dict[str, list[str]] = {
    "en": ["{M} {d}", "{d} {M}", "{M} {d}, {y}", "{d} {M} {y}"],
    "es": ["{d} de {M}", "{d} de {M} de {y}"],
    "fr": ["{d} {M}", "{d} {M} {y}"],
    "de": ["{d}. {M}", "{d} {M}", "{d}. {M} {y}"],
    "it": ["{d} {M}", "{d} {M} {y}"],
    "pt": ["{d} de {M}", "{d} de {M} de {y}"],
    "ru": ["{d} {M}", "{d} {M} {y} г."],
    "uk": ["{d} {M}", "{d} {M} {y} р."],
    "sv": ["{d} {M}", "den {d} {M} {y}"],
    "nl": ["{d} {M}", "{d} {M} {y}"],
    "id": ["{d} {M}", "{d} {M} {y}"],
    "pl": ["{d} {M}", "{d} {M} {y}"],
    "tr": ["{d} {M}", "{d} {M} {y}"],
}


@st.composite
def formatted_dates(draw: st.DrawFn) -> tuple[str, date, bool, str]:
    day = draw(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
    style = draw(st.sampled_from([*sorted(_TEMPLATES), "ja", "vi", "iso"]))
    with_year = "{y}" in (template := "")
    if style == "iso":
        template = draw(st.sampled_from(["{y}-{mm}-{dd}", "{y}/{mm}/{dd}", "{y}-{mm}-{dd} 09:30"]))
        text = template.format(y=day.year, mm=f"{day.month:02}", dd=f"{day.day:02}")
        return text, day, True, style
    if style == "ja":
        template = draw(st.sampled_from(_CJK))
        text = template.format(y=day.year, m=day.month, d=day.day)
        return text, day, "{y}" in template, style
    if style == "vi":
        word = draw(st.sampled_from(VI_MONTH_WORDS[day.month - 1]))
        month = draw(st.sampled_from([word, word.title(), str(day.month)]))
        template = draw(st.sampled_from(["{d} tháng {M}", "ngày {d} tháng {M} năm {y}"]))
        return template.format(d=day.day, M=month, y=day.year), day, "{y}" in template, style
    name = draw(st.sampled_from(MONTH_NAMES[style][day.month - 1]))
    name = draw(st.sampled_from([name, name.title(), name.upper(), name + "."]))
    template = draw(st.sampled_from(_TEMPLATES[style]))
    d = "1er" if style == "fr" and day.day == 1 and draw(st.booleans()) else str(day.day)
    with_year = "{y}" in template
    return template.format(d=d, M=name, y=day.year), day, with_year, style


@given(formatted_dates())
def test_every_language_round_trips(sample: tuple[str, date, bool, str]) -> None:
    """Read as a column is, preferring the language of the headers (here: the style's)."""
    text, day, with_year, style = sample
    [cell] = parse_date_column([text], prefer=style)
    assert cell is not None
    assert (cell.month, cell.day) == (day.month, day.day), text
    assert cell.year == (day.year if with_year else None), text
