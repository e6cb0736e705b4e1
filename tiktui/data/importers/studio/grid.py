"""A Studio CSV or XLSX file as cells with their positions, read column by column.

Every error names the physical line (CSV, where a caption may span several
lines) or the sheet row (XLSX) and the column, so a person can find it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..base import Refused, SourceFile
from ..dates import DateCell, DateColumnError, read_date_column
from ..numbers import fractions_of_column, is_missing, parse_count, parse_fraction
from ..ranges import clamp_share, share_outside
from ..reasons import shown
from ..text import decode
from ..zips import is_xlsx

HEADER_SEARCH_ROWS = 10  # how far down a header may sit below a title block


# --------------------------------------------------------------------------- reading


@dataclass
class Row:
    cells: list[str]
    positions: list[int]  # physical line (CSV) or sheet row (XLSX) of each cell


@dataclass
class Grid:
    """The file as text cells, with where each cell is for error messages."""

    unit: str  # "line" or "row"
    rows: list[Row]
    notes: list[str] = field(default_factory=list)


def looks_tabular(src: SourceFile) -> bool:
    """True for an XLSX workbook or a text file with delimited lines (or an empty file).

    Cheap: reads the ZIP directory or the first few KB. JSON, HAR and HTML are
    left to other importers. Control characters in the cells (an ESC or a NUL
    copied into a caption) are data, never a sign of a binary file (see
    :func:`_header_ahead`).
    """
    data = src.data
    if data[:4] == b"PK\x03\x04":
        return is_xlsx(data)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # legacy .xls: refused with advice
        return True
    try:
        text = decode(data[:65536], final=False)[0]
    except Refused:
        return False
    text = text.lstrip("\ufeff").strip()
    if not text:
        return True
    if text[0] in "{[<":
        return False
    if text.lower().startswith("sep="):
        return True
    return _header_ahead(text)


_CONTROLS = frozenset(chr(n) for n in (*range(32), 127)) - {"\t", "\r", "\n"}


def _header_ahead(text: str) -> bool:
    """Whether a delimited line comes within the first rows, with only clean text up to it.

    A Studio file's header (and any title above it) never holds a control
    character, while a picture read as text has them from its first lines
    (PNG: ``\x1a`` on line 2). Control characters below the header are cells'
    data (an ESC copied into a caption) and are not looked at.
    """
    lines = [line for line in re.split(r"\r\n|\r|\n", text[:8192]) if line.strip()]
    for line in lines[: HEADER_SEARCH_ROWS + 1]:
        if any(ch in _CONTROLS for ch in line):
            return False
        if any(d in line for d in (",", ";", "\t")):
            return True
    return False


def _delimiter(text: str) -> str:
    """The delimiter of the first line, counted outside quotes: , ; or tab."""
    counts = {",": 0, ";": 0, "\t": 0}
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif ch in "\r\n" and not quoted:
            break
        elif ch in counts and not quoted:
            counts[ch] += 1
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


_LINE_END = re.compile(r"\r\n|\r|\n")


def read_csv(data: bytes) -> Grid:
    text, note = decode(data)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise Refused("empty_file")
    # Line ends are left to the csv module (newline=""), so a CR or CRLF inside
    # a quoted caption stays in the caption as written.
    grid = Grid("line", [], [note] if note else [])
    first_line = 1
    match = re.match(r"sep=(.)(?:\r\n|\r|\n)", text, re.IGNORECASE)  # Excel's delimiter hint
    if match:
        delimiter, text, first_line = match[1], text[match.end() :], 2
    else:
        delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    done = 0  # lines consumed so far
    try:
        for fields in reader:
            start = first_line + done
            done = reader.line_num
            if not any(f.strip() for f in fields):
                continue
            positions = []
            line = start
            for value in fields:
                positions.append(line)
                line += len(_LINE_END.findall(value))
            grid.rows.append(Row(fields, positions))
    except csv.Error:
        raise Refused("csv_unreadable", where=f"line {first_line + done}") from None
    return grid


def read_xlsx(data: bytes) -> list[Grid]:
    """Every sheet of the workbook as a grid, first sheet first."""
    import fastexcel  # imported here: only XLSX files need it

    try:
        reader = fastexcel.read_excel(data)
        grids = []
        for index in range(len(reader.sheet_names)):
            sheet = reader.load_sheet(index, header_row=None, skip_rows=0, dtypes="string")
            frame = sheet.to_polars()
            grid = Grid("row", [])
            for number, values in enumerate(frame.iter_rows(), start=1):
                cells = ["" if v is None else str(v) for v in values]
                if any(c.strip() for c in cells):
                    grid.rows.append(Row(cells, [number] * len(cells)))
            grids.append(grid)
    except Exception:  # fastexcel raises its own types for every kind of damage
        raise Refused("xlsx_unreadable") from None  # its words are not the user's to read
    return grids


@dataclass
class Layout:
    """A recognised header: the kind and where each column id is."""

    kind: str
    header_index: int  # index of the header row in the grid
    headers: list[str]  # as written, trimmed
    columns: dict[str, int]  # column id -> cell index (first occurrence)
    notes: list[str]
    languages: tuple[str, ...] = ()  # the header row's languages, best first (dates try them first)


# --------------------------------------------------------------------------- cells


class Sheet:
    """The data rows of one recognised file, read column by column with positions."""

    def __init__(self, grid: Grid, layout: Layout) -> None:
        self.unit = grid.unit
        self.layout = layout
        self.rows = grid.rows[layout.header_index + 1 :]
        width = len(layout.headers)
        for row in self.rows:
            extra = row.cells[width:]
            if any(c.strip() for c in extra):
                raise Refused(
                    "too_many_fields",
                    where=f"{self.unit} {row.positions[0]}",
                    count=len(row.cells),
                    width=width,
                )
            if len(row.cells) < width:  # a row cut short: the missing cells are empty
                last = row.positions[-1] if row.positions else 0
                row.positions.extend([last] * (width - len(row.cells)))
                row.cells.extend([""] * (width - len(row.cells)))

    def has(self, cid: str) -> bool:
        return cid in self.layout.columns

    def where(self, row: Row, cid: str) -> str:
        index = self.layout.columns[cid]
        return f'{self.unit} {row.positions[index]}, column "{self.layout.headers[index]}"'

    def line(self, row: Row, cid: str | None = None) -> str:
        index = self.layout.columns[cid] if cid else 0
        return f"{self.unit} {row.positions[index]}"

    def text(self, row: Row, cid: str) -> str | None:
        if cid not in self.layout.columns:
            return None
        return row.cells[self.layout.columns[cid]]

    def _each(self, cid: str, parse: Callable[[str | None], Any]) -> list[Any]:
        out = []
        for row in self.rows:
            try:
                out.append(parse(self.text(row, cid)))
            except ValueError as exc:
                raise Refused.at(self.where(row, cid), exc) from None
        return out

    def counts(self, cid: str, lifetime: bool = False) -> list[int | None]:
        """A column of counts; a ``lifetime`` total (a video's views, the follower count)
        is never below 0, while a daily change may be (deleted comments, lost followers)."""
        values = self._each(cid, parse_count)
        if lifetime:
            for row, value in zip(self.rows, values, strict=True):
                if value is not None and value < 0:
                    raw = (self.text(row, cid) or "").strip()
                    raise Refused("count_negative", where=self.where(row, cid), value=shown(raw))
        return values

    def shares(self, cid: str) -> list[float | None]:
        """Shares in 0–1 (after percent → share); within ``SHARE_SLACK`` of a bound clamped."""
        values = fractions_of_column(self._each(cid, parse_fraction))
        for row, value in zip(self.rows, values, strict=True):
            if value is not None and share_outside(value):
                raw = (self.text(row, cid) or "").strip()
                raise Refused("share_out_of_range", where=self.where(row, cid), value=shown(raw))
        return [None if v is None else clamp_share(v) for v in values]

    def labels(self, cid: str) -> list[str]:
        out = []
        for row in self.rows:
            value = (self.text(row, cid) or "").strip()
            if not value:
                raise Refused("empty_label", where=self.where(row, cid))
            out.append(value)
        return out

    def date_cells(self, cid: str, required: bool = True) -> list[DateCell | None]:
        texts: list[str | None] = []
        for row in self.rows:
            value = self.text(row, cid)
            if value is None or is_missing(value):
                if required:
                    raise Refused("missing_date", where=self.where(row, cid))
                texts.append(None)
            else:
                texts.append(value)
        try:
            column = read_date_column(texts, prefer=self.layout.languages)
        except DateColumnError as exc:
            raise Refused.at(self.where(self.rows[exc.index], cid), exc) from None
        headers_in = self.layout.languages[0] if self.layout.languages else None
        if column.language not in (None, "en", headers_in):
            # English headers over Greek months: the interface language, said once.
            note = f"month names read as {column.language}"
            if note not in self.layout.notes:
                self.layout.notes.append(note)
        return column.cells
