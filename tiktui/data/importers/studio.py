"""TikTok Studio "Download data" files, CSV or XLSX, into canonical frames.

Studio exports one section at a time (Overview, Followers, Viewers,
Content); phones rename the files and users keep them loose, so the kind is
read from the header row, in any interface language (:mod:`.headers`), never
from the file name. Values go through :mod:`.numbers` and :mod:`.textdates`;
every error names the physical line (CSV, where a caption may span several
lines) or the sheet row (XLSX) and the column, so a person can find it.

The pipeline calls :func:`looks_tabular` to route a file here and
:func:`parse_tabular` to read it.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import polars as pl

from tiktui.data import schema
from tiktui.data.importers import headers as H
from tiktui.data.importers.base import ParseContext, Parsed, Refused, SourceFile, one_line
from tiktui.data.importers.numbers import (
    fractions_of_column,
    is_missing,
    parse_count,
    parse_fraction,
)
from tiktui.data.importers.textdates import (
    DateCell,
    DateColumnError,
    infer_years,
    latest_not_after,
    parse_date_column,
    parse_hour,
)

OVERVIEW = "studio-overview"
FOLLOWER_HISTORY = "studio-follower-history"
FOLLOWER_ACTIVITY = "studio-follower-activity"
FOLLOWER_GENDER = "studio-follower-gender"
FOLLOWER_TERRITORIES = "studio-follower-territories"
FOLLOWER_AGE = "studio-follower-age"  # not seen yet, but Studio shows it: read if it comes
FOLLOWER_CITIES = "studio-follower-cities"  # likewise
VIEWERS = "studio-viewers"
CONTENT = "studio-content"
KINDS: tuple[str, ...] = (
    OVERVIEW,
    FOLLOWER_HISTORY,
    FOLLOWER_ACTIVITY,
    FOLLOWER_GENDER,
    FOLLOWER_TERRITORIES,
    FOLLOWER_AGE,
    FOLLOWER_CITIES,
    VIEWERS,
    CONTENT,
)
EXPECTED = (
    "a TikTok Studio export (Overview, FollowerHistory, FollowerActivity, FollowerGender, "
    "FollowerTopTerritories, Viewers or Content)"
)
ADS_REFUSAL = (
    "a TikTok Ads Manager report: not supported yet "
    "(only TikTok Studio exports and API/insight JSON are)"
)

# Column ids each kind reads; any other known id is ignored with a note.
_OVERVIEW_METRICS = frozenset(
    {
        "video_views", "profile_views", "likes", "comments", "shares", "reached_audience",
        "net_growth", "new_followers", "lost_followers",
    }
)  # fmt: skip
_USES: dict[str, frozenset[str]] = {
    OVERVIEW: _OVERVIEW_METRICS | {"date", "followers"},
    FOLLOWER_HISTORY: frozenset({"date", "followers", "followers_diff"}),
    FOLLOWER_ACTIVITY: frozenset({"date", "hour", "active_followers"}),
    FOLLOWER_GENDER: frozenset({"gender", "distribution"}),
    FOLLOWER_TERRITORIES: frozenset({"territories", "distribution"}),
    FOLLOWER_AGE: frozenset({"age", "distribution"}),
    FOLLOWER_CITIES: frozenset({"cities", "distribution"}),
    VIEWERS: frozenset({"date", "viewers_total", "viewers_new", "viewers_returning"}),
    CONTENT: frozenset(
        {
            "time",
            "hour",
            "video_title",
            "video_link",
            "post_time",
            "total_likes",
            "likes",
            "total_comments",
            "comments",
            "total_shares",
            "shares",
            "total_views",
            "video_views",
            "saves",
            "views_7d",
            "reached_audience",
            "profile_views",
            "new_followers",
            "date",
        }
    ),
}
_SILENTLY_IGNORED = frozenset({"views_7d", "followers_diff"})
_HEADER_SEARCH_ROWS = 10  # how far down a header may sit below a title block
_VIDEO_ID = re.compile(r"/(?:video|photo|v)/(\d{6,25})")
_BARE_ID = re.compile(r"\d{8,25}")
_HANDLE = re.compile(r"tiktok\.com/@([A-Za-z0-9_.]+)")


# --------------------------------------------------------------------------- reading


@dataclass
class _Row:
    cells: list[str]
    positions: list[int]  # physical line (CSV) or sheet row (XLSX) of each cell


@dataclass
class _Grid:
    """The file as text cells, with where each cell is for error messages."""

    unit: str  # "line" or "row"
    rows: list[_Row]
    notes: list[str] = field(default_factory=list)


def looks_tabular(src: SourceFile) -> bool:
    """True for an XLSX workbook or a text file with delimited lines (or an empty file).

    Cheap: reads the ZIP directory or the first few KB. JSON, HAR and HTML are
    left to other importers.
    """
    data = src.data
    if data[:4] == b"PK\x03\x04":
        return _is_xlsx(data)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # legacy .xls: refused with advice
        return True
    try:
        text = _decode(data[:65536], final=False)[0]
    except Refused:
        return False
    text = text.lstrip("\ufeff").strip()
    if not text:
        return True
    if text[0] in "{[<" or "\x00" in text:
        return False
    if any(ord(ch) < 32 and ch not in "\t\r\n" for ch in text[:4096]):
        return False
    if text.lower().startswith("sep="):
        return True
    lines = [line for line in text.splitlines()[: _HEADER_SEARCH_ROWS + 1] if line.strip()]
    return any(d in line for line in lines for d in (",", ";", "\t"))


def _is_xlsx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _decode(data: bytes, final: bool = True) -> tuple[str, str | None]:
    """Text and a note on the encoding when it was not UTF-8.

    Studio writes UTF-8 with a BOM; Excel writes UTF-16 with a BOM ("Unicode
    text") or the Windows code page. ``final=False`` tolerates a character cut
    at the end, for sniffing a prefix.
    """
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return codecs.getincrementaldecoder(codec)().decode(data[len(bom) :], final), None
            except UnicodeDecodeError as exc:
                raise Refused(f"not valid {codec.upper()} text (byte {exc.start})") from None
    head = data[:400]
    if len(head) >= 4 and head.count(0) * 3 >= len(head):  # UTF-16 without a BOM
        codec = "utf-16-le" if head[1] == 0 else "utf-16-be"
        try:
            return codecs.getincrementaldecoder(codec)().decode(data, final), None
        except UnicodeDecodeError:
            raise Refused("not a text file") from None
    try:
        return codecs.getincrementaldecoder("utf-8")().decode(data, final), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "read as Windows-1252 text (not UTF-8)"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "read as Latin-1 text (not UTF-8)"


def _delimiter(text: str) -> str:
    """The delimiter of the first line, counted outside quotes: , ; or tab."""
    counts = {",": 0, ";": 0, "\t": 0}
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif ch == "\n" and not quoted:
            break
        elif ch in counts and not quoted:
            counts[ch] += 1
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(data: bytes) -> _Grid:
    text, note = _decode(data)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise Refused("empty file")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    grid = _Grid("line", [], [note] if note else [])
    first_line = 1
    match = re.match(r"sep=(.)\n", text, re.IGNORECASE)  # Excel's delimiter hint
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
                line += value.count("\n")
            grid.rows.append(_Row(fields, positions))
    except csv.Error as exc:
        raise Refused(f"line {first_line + done}: {exc}") from None
    return grid


def _read_xlsx(data: bytes) -> list[_Grid]:
    """Every sheet of the workbook as a grid, first sheet first."""
    import fastexcel  # imported here: only XLSX files need it

    try:
        reader = fastexcel.read_excel(data)
        grids = []
        for index in range(len(reader.sheet_names)):
            sheet = reader.load_sheet(index, header_row=None, skip_rows=0, dtypes="string")
            frame = sheet.to_polars()
            grid = _Grid("row", [])
            for number, values in enumerate(frame.iter_rows(), start=1):
                cells = ["" if v is None else str(v) for v in values]
                if any(c.strip() for c in cells):
                    grid.rows.append(_Row(cells, [number] * len(cells)))
            grids.append(grid)
    except Exception as exc:  # fastexcel raises its own types for every kind of damage
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise Refused(f"not a readable XLSX workbook: {reason}") from None
    return grids


# --------------------------------------------------------------------------- detection


@dataclass
class _Layout:
    """A recognised header: the kind and where each column id is."""

    kind: str
    header_index: int  # index of the header row in the grid
    headers: list[str]  # as written, trimmed
    columns: dict[str, int]  # column id -> cell index (first occurrence)
    notes: list[str]


def _trim(text: str) -> str:
    """A header as written, without BOM, zero-width or surrounding (incl. no-break) space."""
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return re.sub(r"\s+", " ", text).strip()


def _kind_of(ids: set[str]) -> str | None:
    if "video_link" in ids:
        return CONTENT
    if {"date", "hour", "active_followers"} <= ids:
        return FOLLOWER_ACTIVITY
    if "date" in ids and ids & {"viewers_total", "viewers_new", "viewers_returning"}:
        return VIEWERS
    if "date" in ids and ids & _OVERVIEW_METRICS:
        return OVERVIEW
    if {"date", "followers"} <= ids:
        return FOLLOWER_HISTORY
    if {"gender", "distribution"} <= ids:
        return FOLLOWER_GENDER
    if {"territories", "distribution"} <= ids:
        return FOLLOWER_TERRITORIES
    if {"age", "distribution"} <= ids:
        return FOLLOWER_AGE
    if {"cities", "distribution"} <= ids:
        return FOLLOWER_CITIES
    return None


def _layout(grid: _Grid, index: int) -> _Layout | None:
    headers = [_trim(h) for h in grid.rows[index].cells]
    ids = [H.column_id(h) if h else None for h in headers]
    kind = _kind_of({i for i in ids if i})
    if kind is None:
        return None
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for position, (header, cid) in enumerate(zip(headers, ids, strict=True)):
        if not header:
            continue
        if cid is None or cid not in _USES[kind] or cid in columns:
            if cid is None or not (cid.startswith("ignored:") or cid in _SILENTLY_IGNORED):
                ignored.append(header)
            continue
        columns[cid] = position
    notes = [f"ignored columns: {', '.join(repr(h) for h in ignored)}"] if ignored else []
    return _Layout(kind, index, headers, columns, notes)


def _detect(grid: _Grid) -> _Layout:
    for index in range(min(len(grid.rows), _HEADER_SEARCH_ROWS)):
        row = grid.rows[index]
        if any(H.is_ads_manager_header(_trim(c)) for c in row.cells if c.strip()):
            raise Refused(ADS_REFUSAL)
        layout = _layout(grid, index)
        if layout is not None:
            if index:
                skipped = row.positions[0] - 1
                layout.notes.append(f"skipped {skipped} {grid.unit}s above the header")
            return layout
    raise Refused(_unknown_header(grid))


def _unknown_header(grid: _Grid) -> str:
    # The header is the first row with two named columns (a title line may come first).
    candidates = grid.rows[:_HEADER_SEARCH_ROWS]
    row = next((r for r in candidates if sum(1 for c in r.cells if c.strip()) > 1), grid.rows[0])
    headers = [_trim(h) for h in row.cells if h.strip()]
    ids = {H.column_id(h) for h in headers}
    seen = ", ".join(f'"{h}"' for h in headers[:12]) + (", ..." if len(headers) > 12 else "")
    if ids & {"video_title", "post_time", "total_views", "total_likes"}:
        return f'header {seen}: a Content export needs its "Video link" column'
    return f"unrecognised header {seen}: expected {EXPECTED}"


# --------------------------------------------------------------------------- cells


class _Table:
    """The data rows of one recognised file, read column by column with positions."""

    def __init__(self, grid: _Grid, layout: _Layout) -> None:
        self.unit = grid.unit
        self.layout = layout
        self.rows = grid.rows[layout.header_index + 1 :]
        width = len(layout.headers)
        for row in self.rows:
            extra = row.cells[width:]
            if any(c.strip() for c in extra):
                raise Refused(
                    f"{self.unit} {row.positions[0]}: {len(row.cells)} fields "
                    f"where the header has {width}"
                )
            if len(row.cells) < width:  # a row cut short: the missing cells are empty
                last = row.positions[-1] if row.positions else 0
                row.positions.extend([last] * (width - len(row.cells)))
                row.cells.extend([""] * (width - len(row.cells)))

    def has(self, cid: str) -> bool:
        return cid in self.layout.columns

    def where(self, row: _Row, cid: str) -> str:
        index = self.layout.columns[cid]
        return f'{self.unit} {row.positions[index]}, column "{self.layout.headers[index]}"'

    def line(self, row: _Row, cid: str | None = None) -> str:
        index = self.layout.columns[cid] if cid else 0
        return f"{self.unit} {row.positions[index]}"

    def text(self, row: _Row, cid: str) -> str | None:
        if cid not in self.layout.columns:
            return None
        return row.cells[self.layout.columns[cid]]

    def _each(self, cid: str, parse: Callable[[str | None], Any]) -> list[Any]:
        out = []
        for row in self.rows:
            try:
                out.append(parse(self.text(row, cid)))
            except ValueError as exc:
                raise Refused(f"{self.where(row, cid)}: {exc}") from None
        return out

    def counts(self, cid: str) -> list[int | None]:
        return self._each(cid, parse_count)

    def shares(self, cid: str) -> list[float | None]:
        values = fractions_of_column(self._each(cid, parse_fraction))
        for row, value in zip(self.rows, values, strict=True):
            if value is not None and not -1e-9 <= value <= 1 + 1e-6:
                raw = (self.text(row, cid) or "").strip()
                raise Refused(f'{self.where(row, cid)}: "{raw}" is not a share between 0 and 1')
        return [None if v is None else min(max(v, 0.0), 1.0) for v in values]

    def labels(self, cid: str) -> list[str]:
        out = []
        for row in self.rows:
            value = (self.text(row, cid) or "").strip()
            if not value:
                raise Refused(f"{self.where(row, cid)}: empty")
            out.append(value)
        return out

    def date_cells(self, cid: str, required: bool = True) -> list[DateCell | None]:
        texts: list[str | None] = []
        for row in self.rows:
            value = self.text(row, cid)
            if value is None or is_missing(value):
                if required:
                    raise Refused(f"{self.where(row, cid)}: missing date")
                texts.append(None)
            else:
                texts.append(value)
        try:
            return parse_date_column(texts)
        except DateColumnError as exc:
            raise Refused(f"{self.where(self.rows[exc.index], cid)}: {exc}") from None


# --------------------------------------------------------------------------- dates


@dataclass
class _Anchor:
    day: date
    source: str  # "export", "file" or "today"
    used: bool = False
    inferred: bool = False

    def note(self) -> str:
        if self.source == "export":
            return f"year inferred from the export date {self.day}"
        if self.source == "file":
            return f"year inferred from the file's date {self.day}"
        return f"year inferred from today's date {self.day} (the file carries no date)"


def _anchor(src: SourceFile, ctx: ParseContext) -> _Anchor:
    if ctx.anchor is not None:
        return _Anchor(ctx.anchor, "export")
    if src.mtime is not None:
        return _Anchor(_utc(src.mtime).date(), "file")
    return _Anchor(ctx.today, "today")


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _as_of(src: SourceFile, ctx: ParseContext) -> datetime:
    """When the export was made: the end of the export day, the file's time, or today."""
    if ctx.anchor is not None:
        return datetime.combine(ctx.anchor, time.max, UTC)
    if src.mtime is not None:
        return _utc(src.mtime)
    return datetime.combine(ctx.today, time.min, UTC)


# Rows carry the creator's local days, but the anchor is a UTC date (the ZIP
# name's end epoch, a file or ZIP-entry timestamp): east of UTC (Europe, Asia)
# the local day is often the UTC day after, so a row one day past the anchor is
# still this year's (FollowerActivity's partial "today", a video posted today,
# a window ending at local midnight). Years are inferred, and windows checked,
# against the anchor plus this slack.
_CLOCK_SLACK = timedelta(days=1)


def _daily_dates(
    table: _Table, anchor: _Anchor, window: tuple[date, date] | None = None
) -> tuple[list[date], list[bool]]:
    """The Date column with years: given, fitted into the window, or inferred.

    Years are inferred over the distinct days in order of first appearance, so
    FollowerActivity's 24 rows a day read the same whether sorted by day or hour.
    """
    cells = [c for c in table.date_cells("date") if c is not None]
    days = list(dict.fromkeys((c.year, c.month, c.day) for c in cells))
    last_day = (window[1] if window is not None else anchor.day) + _CLOCK_SLACK
    walked = infer_years([DateCell(m, d, y) for y, m, d in days], last_day)
    found = dict(zip(days, walked, strict=True))
    dates = [found[(c.year, c.month, c.day)][0] for c in cells]
    inferred = [found[(c.year, c.month, c.day)][1] for c in cells]
    if window is not None:
        start, end = window[0], window[1] + _CLOCK_SLACK
        for index, cell in enumerate(cells):
            if cell.year is None:
                fits = [
                    cell.on(y)
                    for y in range(start.year, end.year + 1)
                    if _valid(cell, y) and start <= cell.on(y) <= end
                ]
                if len(fits) == 1:
                    dates[index] = fits[0]
        for row, day in zip(table.rows, dates, strict=True):
            if not start <= day <= end:
                raise Refused(
                    f"{table.line(row, 'date')}: date {day} is outside the export's window "
                    f"{window[0]}..{window[1]}"
                )
    if any(inferred):
        anchor.used = anchor.inferred = True
    return dates, inferred


def _valid(cell: DateCell, year: int) -> bool:
    try:
        cell.on(year)
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------- frames


def _frame(table: schema.Table, columns: dict[str, list[Any]]) -> pl.DataFrame:
    return pl.DataFrame(columns, schema={c: table.schema[c] for c in columns})


def _unique(
    table: _Table,
    keys: Sequence[tuple[Any, ...]],
    values: Sequence[tuple[Any, ...]],
    what: str,
    rows: Sequence[int] | None = None,
) -> list[int]:
    """Indices (into ``keys``) to keep: identical repeats dropped, conflicting ones refused.

    ``rows`` maps each key to its data row when the keys cover only some rows.
    """
    rows = range(len(keys)) if rows is None else rows
    seen: dict[tuple[Any, ...], int] = {}
    keep = []
    for index, key in enumerate(keys):
        if key in seen:
            first = seen[key]
            if values[first] != values[index]:
                raise Refused(
                    f"{table.line(table.rows[rows[index]])}: {what} {_show(key)} appears twice "
                    f"with different values (also {table.line(table.rows[rows[first]])})"
                )
            continue
        seen[key] = index
        keep.append(index)
    return keep


def _show(key: tuple[Any, ...]) -> str:
    return " ".join(str(k) for k in key)


def _pick(columns: dict[str, list[Any]], keep: list[int]) -> dict[str, list[Any]]:
    return {name: [values[i] for i in keep] for name, values in columns.items()}


# --------------------------------------------------------------------------- kinds


@dataclass
class _Result:
    tables: dict[str, pl.DataFrame]
    notes: list[str] = field(default_factory=list)
    account: str | None = None


def _overview(table: _Table, anchor: _Anchor, ctx: ParseContext) -> _Result:
    window = (ctx.window_start, anchor.day) if ctx.window_start and ctx.anchor else None
    dates, inferred = _daily_dates(table, anchor, window)
    cols: dict[str, list[Any]] = {"date": dates}
    direct = {
        "video_views": "video_views",
        "profile_views": "profile_views",
        "likes": "likes",
        "comments": "comments",
        "shares": "shares",
        "reached_audience": "reached_audience",
        "followers": "followers",
    }
    # "New followers" is the net change in the short export, the gained count
    # in the long one, which tells them apart by its "Net growth"/"Lost" columns.
    long_variant = table.has("net_growth") or table.has("lost_followers")
    if long_variant:
        direct |= {
            "new_followers": "followers_new",
            "net_growth": "followers_net",
            "lost_followers": "followers_lost",
        }
    else:
        direct["new_followers"] = "followers_net"
    for cid, column in direct.items():
        if table.has(cid):
            cols[column] = table.counts(cid)
    if (
        long_variant
        and "followers_net" not in cols
        and {"followers_new", "followers_lost"} <= set(cols)
    ):
        cols["followers_net"] = [
            None if new is None or lost is None else new - abs(lost)
            for new, lost in zip(cols["followers_new"], cols["followers_lost"], strict=True)
        ]
    values = list(zip(*(v for k, v in cols.items() if k != "date"), strict=True))
    keep = _unique(table, [(d,) for d in dates], values, "date")
    cols["year_inferred"] = inferred
    return _Result({"account_daily": _frame(schema.ACCOUNT_DAILY, _pick(cols, keep))})


def _history(table: _Table, anchor: _Anchor) -> _Result:
    dates, inferred = _daily_dates(table, anchor)
    totals = table.counts("followers")
    keep = _unique(table, [(d,) for d in dates], [(t,) for t in totals], "date")
    by_day = {dates[i]: totals[i] for i in keep}
    # TikTok's own difference column was found shifted by a day: derive the
    # change from the totals, and only across two consecutive days we have.
    net = []
    for i in keep:
        before = by_day.get(dates[i] - timedelta(days=1))
        now = totals[i]
        net.append(None if before is None or now is None else now - before)
    cols = {
        "date": [dates[i] for i in keep],
        "followers": [totals[i] for i in keep],
        "followers_net": net,
        "year_inferred": [inferred[i] for i in keep],
    }
    return _Result({"account_daily": _frame(schema.ACCOUNT_DAILY, cols)})


def _activity(table: _Table, anchor: _Anchor) -> _Result:
    dates, inferred = _daily_dates(table, anchor)
    hours = []
    for row in table.rows:
        try:
            hours.append(parse_hour(table.text(row, "hour") or ""))
        except ValueError as exc:
            raise Refused(f"{table.where(row, 'hour')}: {exc}") from None
    active = table.counts("active_followers")
    keep = _unique(
        table, list(zip(dates, hours, strict=True)), [(a,) for a in active], "date and hour"
    )
    notes = []
    if keep:
        # The export day is partial: its future hours read 0. Drop them, not
        # as zeros: they have not happened yet.
        last = max(dates[i] for i in keep)
        today = [i for i in keep if dates[i] == last]
        lit = [hours[i] for i in today if active[i]]
        cutoff = max(lit) if lit else -1
        dropped = [i for i in today if hours[i] > cutoff]
        if dropped:
            gone = set(dropped)
            keep = [i for i in keep if i not in gone]
            notes.append(
                f"dropped {len(dropped)} future hours of {last} (the export day is partial)"
            )
    cols = {
        "date": [dates[i] for i in keep],
        "hour": [hours[i] for i in keep],
        "active_followers": [active[i] for i in keep],
        "year_inferred": [inferred[i] for i in keep],
    }
    return _Result({"follower_activity": _frame(schema.FOLLOWER_ACTIVITY, cols)}, notes)


_AUDIENCE_COLUMN = {"gender": "gender", "country": "territories", "age": "age", "city": "cities"}


def _audience(table: _Table, anchor: _Anchor, dimension: str) -> _Result:
    anchor.used = True
    labels = table.labels(_AUDIENCE_COLUMN[dimension])
    shares = table.shares("distribution")
    buckets, odd = [], []
    for label in labels:
        if dimension == "gender":
            bucket = H.gender_bucket(label)
            if bucket is None:
                bucket = H.fold_header(label)
                odd.append(label)
        elif H.is_others_territory(label):
            bucket = "Others"
        elif dimension == "age":
            bucket = re.sub(r"\s*[-\u2013\u2014~]\s*", "-", label).replace(" ", "")
        elif dimension == "city":
            bucket = label
        elif re.fullmatch(r"[A-Za-z]{2}", label):
            bucket = label.upper()
        else:
            bucket = label
            odd.append(label)
        buckets.append(bucket)
    keep = _unique(table, [(b,) for b in buckets], [(s,) for s in shares], dimension)
    n = len(keep)
    cols = {
        "as_of": [anchor.day] * n,
        "scope": ["followers"] * n,
        "video_id": [""] * n,
        "dimension": [dimension] * n,
        "bucket": [buckets[i] for i in keep],
        "share": [shares[i] for i in keep],
    }
    notes = []
    if odd:
        what = "gender" if dimension == "gender" else "territory code"
        notes.append(f"kept unknown {what} labels as written: {', '.join(odd)}")
    return _Result({"audience": _frame(schema.AUDIENCE, cols)}, notes)


def _viewers(table: _Table, anchor: _Anchor) -> _Result:
    dates, inferred = _daily_dates(table, anchor)
    cols: dict[str, list[Any]] = {"date": dates}
    for cid in ("viewers_total", "viewers_new", "viewers_returning"):
        if table.has(cid):
            cols[cid] = table.counts(cid)
    cols["year_inferred"] = inferred
    values = list(zip(*(cols[c] for c in cols if c.startswith("viewers")), strict=True))
    keep = _unique(table, [(d,) for d in dates], values, "date")
    return _Result({"account_daily": _frame(schema.ACCOUNT_DAILY, _pick(cols, keep))})


def _content(table: _Table, anchor: _Anchor) -> _Result:
    notes: list[str] = []
    # The export day: the Time column when there is one (its year, if absent,
    # is the latest not after the anchor), else the anchor itself.
    time_col = "time" if table.has("time") else "hour" if table.has("hour") else "date"
    captured: list[date] = []
    limits: list[date] = []  # the latest a post can be: the export day, or the anchor's slack
    clock_limit = anchor.day + _CLOCK_SLACK
    if table.has(time_col):
        for cell in table.date_cells(time_col, required=False):
            if cell is None:
                captured.append(anchor.day)
                limits.append(clock_limit)
                anchor.used = True
            else:
                day, guessed = latest_not_after(cell, clock_limit)
                captured.append(day)
                limits.append(day)
                if guessed:
                    anchor.used = anchor.inferred = True
    else:
        captured = [anchor.day] * len(table.rows)
        limits = [clock_limit] * len(table.rows)
        anchor.used = True

    ids: list[str | None] = []
    handles: set[str] = set()
    skipped = []
    for row in table.rows:
        link = (table.text(row, "video_link") or "").strip()
        found = _VIDEO_ID.search(link)
        video_id = found[1] if found else link if _BARE_ID.fullmatch(link) else None
        if video_id is None:
            skipped.append(f'{table.where(row, "video_link")}: "{link}"')
        ids.append(video_id)
        handle = _HANDLE.search(link)
        if handle:
            handles.add(handle[1])
    if skipped:
        notes.append("skipped rows without a video id in the link: " + "; ".join(skipped))
    posted_on: list[date | None] = [None] * len(table.rows)
    posted_at: list[datetime | None] = [None] * len(table.rows)
    year_inferred: list[bool] = [False] * len(table.rows)
    if table.has("post_time"):
        cells = table.date_cells("post_time", required=False)
        for index, (cell, limit) in enumerate(zip(cells, limits, strict=True)):
            if cell is None:
                continue
            # No year: the latest such day not after the export day.
            day, guessed = latest_not_after(cell, limit)
            posted_on[index] = day
            year_inferred[index] = guessed
            anchor.inferred |= guessed
            anchor.used |= guessed
            if cell.time is not None:
                moment = datetime.combine(day, cell.time, cell.tz or UTC)
                posted_at[index] = moment.astimezone(UTC)

    metrics: dict[str, list[int | None]] = {}
    for column, choices in (
        ("views", ("total_views", "video_views")),
        ("likes", ("total_likes", "likes")),
        ("comments", ("total_comments", "comments")),
        ("shares", ("total_shares", "shares")),
        ("saves", ("saves",)),
        ("reach", ("reached_audience",)),
        ("profile_views", ("profile_views",)),
        ("new_followers", ("new_followers",)),
    ):
        cid = next((c for c in choices if table.has(c)), None)
        if cid:
            metrics[column] = table.counts(cid)

    rows = [i for i, v in enumerate(ids) if v is not None]
    snap_values = [tuple(m[i] for m in metrics.values()) for i in range(len(ids))]
    snap_keys = [(ids[i], captured[i]) for i in rows]
    unique = _unique(table, snap_keys, [snap_values[i] for i in rows], "video and day", rows)
    keep_snaps = [rows[k] for k in unique]
    snaps = {
        "video_id": [ids[i] for i in keep_snaps],
        "captured_on": [captured[i] for i in keep_snaps],
        **{name: [vals[i] for i in keep_snaps] for name, vals in metrics.items()},
    }
    # One row per video: the latest capture describes it.
    latest: dict[str, int] = {}
    for i in rows:
        video_id = ids[i]
        assert video_id is not None
        if video_id not in latest or captured[i] >= captured[latest[video_id]]:
            latest[video_id] = i
    order = sorted(latest.values())
    videos: dict[str, list[Any]] = {
        "video_id": [ids[i] for i in order],
        "url": [(table.text(table.rows[i], "video_link") or "").strip() for i in order],
    }
    if table.has("video_title"):
        videos["caption"] = [table.text(table.rows[i], "video_title") for i in order]
    if table.has("post_time"):
        videos["posted_on"] = [posted_on[i] for i in order]
        videos["posted_at"] = [posted_at[i] for i in order]
    videos["year_inferred"] = [year_inferred[i] for i in order]
    account = next(iter(handles)) if len(handles) == 1 else None
    if len(handles) > 1:
        notes.append(f"links name several accounts: {', '.join(sorted(handles))}")
    return _Result(
        {
            "videos": _frame(schema.VIDEOS, videos),
            "video_snapshots": _frame(schema.VIDEO_SNAPSHOTS, snaps),
        },
        notes,
        account,
    )


# --------------------------------------------------------------------------- entry point


def parse_tabular(src: SourceFile, ctx: ParseContext) -> Parsed:
    """Read one Studio CSV/XLSX export into canonical frames, or raise :class:`Refused`."""
    data = src.data
    if not data.strip():
        raise Refused("empty file")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise Refused("an old Excel (.xls) workbook: save it as .xlsx or CSV and import that")
    if data[:4] == b"PK\x03\x04":
        if not _is_xlsx(data):
            raise Refused("a ZIP archive, not an XLSX workbook")
        grids = [g for g in _read_xlsx(data) if g.rows]
        if not grids:
            raise Refused("empty file")
        grid, layout = _first_recognised(grids)
    else:
        grid = _read_csv(data)
        if not grid.rows:
            raise Refused("empty file")
        layout = _detect(grid)

    table = _Table(grid, layout)
    anchor = _anchor(src, ctx)
    kind = layout.kind
    if kind == OVERVIEW:
        result = _overview(table, anchor, ctx)
    elif kind == FOLLOWER_HISTORY:
        result = _history(table, anchor)
    elif kind == FOLLOWER_ACTIVITY:
        result = _activity(table, anchor)
    elif kind == FOLLOWER_GENDER:
        result = _audience(table, anchor, "gender")
    elif kind == FOLLOWER_TERRITORIES:
        result = _audience(table, anchor, "country")
    elif kind == FOLLOWER_AGE:
        result = _audience(table, anchor, "age")
    elif kind == FOLLOWER_CITIES:
        result = _audience(table, anchor, "city")
    elif kind == VIEWERS:
        result = _viewers(table, anchor)
    else:
        result = _content(table, anchor)

    # Notes quote cells (a link, a label) that may hold line breaks: keep them one line.
    notes = [one_line(n) for n in (*grid.notes, *layout.notes, *result.notes)]
    if not table.rows:
        notes.append("no data rows (header only)")
    if anchor.inferred:
        notes.append(anchor.note())
    account = result.account  # only Content links name one (tiktok.com/@handle/video/…)
    if account and ctx.handle:
        # The ZIP's name is the export's own word on the account; the pipeline uses it.
        if account.lower() != ctx.handle.strip().lstrip("@").lower():
            notes.append(f"video links name @{account}, the ZIP name @{ctx.handle}")
        account = None
    return Parsed(
        kind=kind,
        tables=result.tables,
        as_of=_as_of(src, ctx),
        account=account,
        anchor=anchor.day if anchor.used else None,
        notes=notes,
    )


def _first_recognised(grids: list[_Grid]) -> tuple[_Grid, _Layout]:
    """The first sheet whose header is a Studio one; the first sheet's refusal otherwise."""
    first_refusal: Refused | None = None
    for grid in grids:
        try:
            return grid, _detect(grid)
        except Refused as exc:
            if str(exc) == ADS_REFUSAL:
                raise
            first_refusal = first_refusal or exc
    assert first_refusal is not None
    raise first_refusal
