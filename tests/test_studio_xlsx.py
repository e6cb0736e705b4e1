"""TikTok Studio XLSX exports (Viewers often comes only as XLSX), built with xlsxwriter."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from typing import Any

import pytest
import xlsxwriter

from tiktui.data.importers.base import ParseContext, Parsed, Refused, SourceFile
from tiktui.data.importers.reasons import REASONS
from tiktui.data.importers.studio import looks_tabular, parse_tabular

TODAY = date(2026, 11, 22)


def workbook(*sheets: list[list[Any]], start_row: int = 0, start_col: int = 0) -> bytes:
    """An XLSX whose sheets hold these rows; str cells are text, numbers numeric."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for rows in sheets:
        sheet = book.add_worksheet()
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                at = (start_row + r, start_col + c)
                if value is None:
                    continue
                if isinstance(value, datetime):
                    sheet.write_datetime(*at, value, date_format)
                elif isinstance(value, str):
                    sheet.write_string(*at, value)
                else:
                    sheet.write_number(*at, value)
    book.close()
    return buffer.getvalue()


def parse(data: bytes, anchor: date | None = None) -> Parsed:
    src = SourceFile("Viewers.xlsx", data)
    assert looks_tabular(src)
    return parse_tabular(src, ParseContext(today=TODAY, anchor=anchor))


def refusal(data: bytes) -> str:
    with pytest.raises(Refused) as info:
        parse(data)
    assert info.value.code in REASONS  # a reason from the closed set
    return str(info.value)


VIEWERS_HEADER = ["Date", "Total Viewers", "New Viewers", "Returning Viewers"]


def test_viewers_xlsx_numbers_as_text_and_undefined() -> None:
    data = workbook(
        [
            VIEWERS_HEADER,
            ["November 17", "1200", "800", "400"],  # numbers stored as text
            ["November 18", 1300.0, 900, 400.0],  # numeric cells, floats included
            ["November 19", "undefined", "undefined", "undefined"],
            ["November 20", None, "", "-"],  # empty cells
        ]
    )
    parsed = parse(data, anchor=date(2026, 11, 21))
    assert parsed.kind == "studio-viewers"
    frame = parsed.tables["account_daily"]
    assert frame["date"].to_list() == [date(2026, 11, d) for d in (17, 18, 19, 20)]
    assert frame["viewers_total"].to_list() == [1200, 1300, None, None]
    assert frame["viewers_new"].to_list() == [800, 900, None, None]
    assert frame["viewers_returning"].to_list() == [400, 400, None, None]


def test_xlsx_errors_name_the_sheet_row() -> None:
    data = workbook(
        [VIEWERS_HEADER, ["November 17", "1", "1", "1"], ["November 18", "1", "x", "1"]]
    )
    assert refusal(data) == 'row 3, column "New Viewers": "x" is not a number'


def test_xlsx_rows_count_from_the_top_of_the_sheet() -> None:
    """Calamine drops leading empty rows and columns; the row numbers must not shift."""
    data = workbook(
        [["Viewers export"], [], VIEWERS_HEADER, ["November 17", "1", "1", "oops"]],
        start_row=2,
        start_col=1,
    )
    assert refusal(data) == 'row 6, column "Returning Viewers": "oops" is not a number'


def test_xlsx_real_date_cells_keep_their_year() -> None:
    data = workbook(
        [
            ["Date", "Video Views", "Likes"],
            [datetime(2024, 12, 31), 10, 1],
            [datetime(2025, 1, 1), 12, 2],
        ]
    )
    parsed = parse(data)
    assert parsed.kind == "studio-overview"
    frame = parsed.tables["account_daily"]
    assert frame["date"].to_list() == [date(2024, 12, 31), date(2025, 1, 1)]
    assert frame["year_inferred"].to_list() == [False, False]


def test_xlsx_gender_as_numbers() -> None:
    data = workbook([["Gender", "Distribution"], ["Female", 0.59], ["Male", 0.38], ["Other", 0.03]])
    frame = parse(data, anchor=date(2026, 11, 20)).tables["audience"]
    assert frame["share"].to_list() == pytest.approx([0.59, 0.38, 0.03])


def test_xlsx_content_with_big_ids_and_numeric_counts() -> None:
    data = workbook(
        [
            [
                "Time",
                "Video title",
                "Video link",
                "Post time",
                "Total likes",
                "Total comments",
                "Total shares",
                "Total views",
            ],
            [
                "2026-11-20",
                "caption, with comma",
                "https://www.tiktok.com/@a/video/7437598271834066198",
                "Nov 14",
                1204,
                88,
                31,
                20510,
            ],
        ]  # fmt: skip
    )
    parsed = parse(data)
    assert parsed.kind == "studio-content"
    assert parsed.tables["videos"]["video_id"].to_list() == ["7437598271834066198"]
    assert parsed.tables["videos"]["posted_on"].to_list() == [date(2026, 11, 14)]
    assert parsed.tables["video_snapshots"]["captured_on"].to_list() == [date(2026, 11, 20)]
    assert parsed.tables["video_snapshots"]["likes"].to_list() == [1204]


def test_xlsx_header_only() -> None:
    parsed = parse(workbook([VIEWERS_HEADER]))
    assert parsed.kind == "studio-viewers"
    assert parsed.tables["account_daily"].height == 0


def test_xlsx_first_studio_sheet_is_used() -> None:
    data = workbook([["Notes"], ["made by hand"]], [VIEWERS_HEADER, ["Nov 1", "5", "3", "2"]])
    parsed = parse(data, anchor=date(2026, 11, 2))
    assert parsed.tables["account_daily"]["viewers_total"].to_list() == [5]


def test_xlsx_unknown_header_names_the_first_sheet() -> None:
    message = refusal(workbook([["Notes", "More"], ["a", "b"]]))
    assert message.startswith('unrecognised header "Notes", "More"')


def test_xlsx_ads_manager_report() -> None:
    data = workbook(
        [["Date", "Campaign name", "Cost (ZAR)", "Impressions"], ["2026-11-01", "x", 1, 2]]
    )
    assert refusal(data).startswith("a TikTok Ads Manager report: not supported yet")


def test_xlsx_empty_workbook() -> None:
    assert refusal(workbook([])) == "empty file"


def test_damaged_xlsx_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not really>")
    message = refusal(buffer.getvalue())
    assert message.startswith("not a readable XLSX workbook")


def test_a_plain_zip_is_not_tabular() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Overview.csv", "x")
    assert not looks_tabular(SourceFile("a.zip", buffer.getvalue()))


def test_legacy_xls_gets_advice() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
    assert "save it as .xlsx or CSV" in refusal(data)
