"""Byte-exact writers for the export formats the demo account is made of.

Everything here is deterministic: the same rows and the same timestamp give
the same bytes, so snapshot tests can freeze "today". Nothing here needs a
third-party package: the XLSX is written by hand (a ZIP of five XML parts with
inline strings), because xlsxwriter is only a test dependency.
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from .store import Store

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

BOM = "\ufeff"


# -- dates as Studio writes them ---------------------------------------------


def month_day(d: date) -> str:
    """``September 25``: Studio's usual English style, without a year."""
    return f"{MONTHS[d.month - 1]} {d.day}"


def day_month(d: date) -> str:
    """``28 May``: the day-month order some English exports use."""
    return f"{d.day} {MONTHS[d.month - 1]}"


def short_month_day(d: date) -> str:
    """``Sep 1``: short month names, seen in some files."""
    return f"{MONTHS[d.month - 1][:3]} {d.day}"


def slash_date(d: date) -> str:
    """``2024/10/01``: the long (365-day) Overview variant."""
    return f"{d.year:04d}/{d.month:02d}/{d.day:02d}"


# -- CSV -----------------------------------------------------------------------


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """Studio's CSV: UTF-8 BOM, every field double-quoted, ``\\n``, no final newline."""

    def field(value: object) -> str:
        text = "" if value is None else str(value)
        return '"' + text.replace('"', '""') + '"'

    lines = [",".join(field(h) for h in header)]
    lines.extend(",".join(field(v) for v in row) for row in rows)
    return (BOM + "\n".join(lines)).encode("utf-8")


# -- ZIP -----------------------------------------------------------------------


def zip_bytes(entries: Sequence[tuple[str, bytes]], when: datetime) -> bytes:
    """A ZIP with its entries at the root, every timestamp fixed to ``when``."""
    buf = BytesIO()
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buf.getvalue()


# -- XLSX ----------------------------------------------------------------------

_CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets>'
    "</workbook>"
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def _col(n: int) -> str:
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def xlsx_bytes(rows: Sequence[Sequence[object]], when: datetime, sheet: str = "Sheet1") -> bytes:
    """A one-sheet workbook. ``int``/``float`` cells are numbers, ``str`` cells are
    inline strings (so a number given as ``"1234"`` is a number stored as text,
    as TikTok sometimes does)."""
    xml_rows = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{_col(c)}{r}"
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                text = escape(str(value))
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>')
            else:
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    sheet_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(xml_rows)}</sheetData></worksheet>"
    )
    parts = [
        ("[Content_Types].xml", _CT.encode()),
        ("_rels/.rels", _RELS.encode()),
        ("xl/workbook.xml", _WORKBOOK.format(sheet=escape(sheet)).encode()),
        ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.encode()),
        ("xl/worksheets/sheet1.xml", sheet_xml.encode("utf-8")),
    ]
    return zip_bytes(parts, when)


# -- JSON ----------------------------------------------------------------------


def json_bytes(obj: object, *, pretty: bool = True) -> bytes:
    if pretty:
        return (json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# -- files on disk -------------------------------------------------------------


def write_file(folder: Path, name: str, data: bytes, mtime: datetime) -> Path:
    """Write ``data`` to ``folder/name`` and set its timestamp to ``mtime`` (UTC)."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    ts = mtime.replace(tzinfo=UTC).timestamp() if mtime.tzinfo is None else mtime.timestamp()
    os.utime(path, (ts, ts))
    return path


def epoch(d: date | datetime) -> int:
    if isinstance(d, datetime):
        return int((d if d.tzinfo else d.replace(tzinfo=UTC)).timestamp())
    return int(datetime(d.year, d.month, d.day, tzinfo=UTC).timestamp())


def import_written(store_dir: Path, folders: Sequence[Path], today: date, what: str) -> Store:
    """Import written export folders through the real pipeline into a store at
    ``store_dir``; raises (naming each refused file) if any is refused."""
    from .pipeline import import_paths
    from .store import Store

    store = Store.open(store_dir)
    results = import_paths(store, list(folders), account=None, today=today)
    refused = [r for r in results if not getattr(r, "ok", False)]
    if refused:
        lines = "; ".join(
            f"{getattr(r, 'path', '?')}: {getattr(r, 'message', '')}" for r in refused
        )
        raise RuntimeError(f"the {what} files did not import cleanly: {lines}")
    return store
