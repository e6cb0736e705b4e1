"""The smallest files the importer fuzz found a bug with (tests/test_fuzz_importers.py),
each imported through the real pipeline and judged by the fuzz's own checks."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.test_fuzz_importers import assert_reason_ok
from tiktui.data.demo_files import xlsx_bytes
from tiktui.data.pipeline import import_paths
from tiktui.data.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = datetime(2026, 11, 30, tzinfo=UTC).date()
WHEN = datetime(2026, 11, 21, tzinfo=UTC)


def _sheet_changed(book: bytes, old: bytes, new: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(old, new, 1)
            dst.writestr(info, body)
    return out.getvalue()


def _import_one(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    (result,) = import_paths(Store.open(tmp_path / "store"), [path], account="x", today=TODAY)
    assert_reason_ok(result)
    return result


def test_one_cell_at_the_far_corner_of_a_sheet_is_refused_not_allocated(tmp_path: Path) -> None:
    """A 1 kB workbook with one cell at XFD1048576: the reader allocated the dense block
    from A1 (512 GB) and the process aborted."""
    book = xlsx_bytes([["Date", "Video Views"], ["November 18", 1200]], WHEN)
    far = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    result = _import_one(tmp_path, "Overview.xlsx", _sheet_changed(book, b"</sheetData>", far))
    assert result.status == "refused" and "16,384" in result.message


def test_a_cell_reference_past_the_last_column_is_refused_not_read(tmp_path: Path) -> None:
    """``<c r="ZZZZ9">`` (column 475,254) in a 2 kB workbook: the reader ran for minutes."""
    book = xlsx_bytes([["Date", "Video Views"], ["November 18", 1200]], WHEN)
    result = _import_one(tmp_path, "Overview.xlsx", _sheet_changed(book, b'r="B2"', b'r="ZZZZ9"'))
    assert result.status == "refused" and "475,254" in result.message


def test_a_sheet_spanning_too_many_cells_is_refused(tmp_path: Path) -> None:
    book = xlsx_bytes([["Date", "Video Views"], ["November 18", 1200]], WHEN)
    far = b'<row r="1048576"><c r="Z1048576"><v>1</v></c></row></sheetData>'
    result = _import_one(tmp_path, "Overview.xlsx", _sheet_changed(book, b"</sheetData>", far))
    assert result.status == "refused" and "1,048,576 rows" in result.message


def _json(tmp_path: Path, name: str, obj: object):
    return _import_one(tmp_path, name, json.dumps(obj).encode())


def test_a_create_time_too_large_for_a_float_is_refused_naming_the_field(tmp_path) -> None:
    """Was ``could not be read (OverflowError: integer division result too large …)``."""
    videos = {"data": {"videos": [{"id": "7300000000000000001", "create_time": 10**400}]},
              "error": {"code": "ok", "message": ""}}  # fmt: skip
    result = _json(tmp_path, "display.json", videos)
    assert result.status == "refused" and "create_time" in result.message


@pytest.mark.parametrize(
    ("name", "obj"),
    [  # a JSON true where a code, a message or a date belongs: was shown as Python's True
        ("display.json", {"data": {}, "error": {"code": "access_token_invalid", "message": True}}),
        ("business.json", {"code": True, "message": "x", "data": {}}),
        ("insight.json", {"status_code": False, "status_msg": "x"}),
        ("user_data.json", {"Video": {"Videos": {"VideoList": [{"Date": True, "Link": "x"}]}}}),
    ],
)
def test_json_booleans_in_a_refusal_are_written_as_the_file_writes_them(
    tmp_path: Path, name: str, obj: object
) -> None:
    result = _json(tmp_path, name, obj)
    assert result.status == "refused", result.line()


def test_a_video_metric_too_large_for_a_float_is_refused(tmp_path: Path) -> None:
    """Was ``could not be read (OverflowError: int too large to convert to float)``."""
    body = json.loads((FIXTURES / "studio_web" / "7019000000000000002.json").read_text())
    body["finish_rate"] = {"value": 10**400}
    result = _json(tmp_path, "7019000000000000002.json", body)
    assert result.status == "refused" and "too large" in result.message


def test_a_json_key_with_control_characters_in_a_note_is_shown_harmless(tmp_path) -> None:
    """A key no table reads is named in a note: ``status\\x7fcode`` reached the line raw."""
    body = json.loads((FIXTURES / "studio_web" / "7019000000000000002.json").read_text())
    body["\x1b[2Jkey"] = 1
    result = _json(tmp_path, "7019000000000000002.json", body)
    assert result.status == "imported" and "key" in result.line()
