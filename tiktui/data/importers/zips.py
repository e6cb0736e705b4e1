"""Reading ZIP exports safely, in memory, and what a Studio ZIP's name says.

Entries are never extracted to disk, but a name that would escape the folder
(``../x``, ``/etc/x``) is still refused: such a ZIP was not made by TikTok.
Sizes are checked from the central directory *before* reading, and again
while reading, so a ZIP bomb costs nothing (:mod:`.limits`). An XLSX is a ZIP
too: :func:`check_xlsx` holds its parts to the same limits before the
spreadsheet reader expands them.
"""

from __future__ import annotations

import functools
import re
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import PurePosixPath

from .base import Refused, SourceFile, one_line
from .limits import MAX_RATIO, RATIO_FLOOR, max_bytes, size_text

MAX_NESTING = 2

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"


def is_zip(data: bytes) -> bool:
    return data.startswith(ZIP_MAGIC) or data.startswith(EMPTY_ZIP_MAGIC)


def is_xlsx(data: bytes) -> bool:
    """An XLSX is a ZIP too; tell them apart by the workbook part."""
    if not is_zip(data):
        return False
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            return "xl/workbook.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


@dataclass(frozen=True)
class ZipName:
    """What TikTok writes into a Studio ZIP's name."""

    section: str | None = None
    handle: str | None = None
    window_start: date | None = None
    window_end_epoch: int | None = None

    @property
    def anchor(self) -> date | None:
        if self.window_end_epoch is None:
            return None
        return datetime.fromtimestamp(self.window_end_epoch, UTC).date()


_OVERVIEW = re.compile(r"^(Overview)_(\d{4}-\d{2}-\d{2})_(\d{9,11})_(.+)$", re.IGNORECASE)
_SECTION = re.compile(r"^(Followers|Content|Viewers|Overview)_(.+)$", re.IGNORECASE)
# " (1)" (browsers), " copy"/" copy 2" (macOS Finder), " - Copy (2)" (Windows); they
# can pile up, so they are stripped repeatedly. "copy" needs a space before it: a
# handle may end in "copy".
_COPY_SUFFIX = re.compile(r"(\s*\(\d+\)|\s*-\s*copy(\s*\(\d+\))?|\s+copy(\s+\d+)?)$", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)  # asked again for every logged import on each file
def parse_zip_name(name: str) -> ZipName:
    """``Overview_2026-09-23_1763683200_lena.cooks.zip`` → window and handle.

    Browsers append `` (1)`` to repeated downloads; phones may rename the file
    entirely, in which case nothing is known and the caller falls back to
    ``--account``.
    """
    stem = PurePosixPath(name.replace("\\", "/")).name
    if not stem.lower().endswith(".zip"):
        return ZipName()  # a loose CSV keeps no handle in its name
    stem = stem[:-4]
    while _COPY_SUFFIX.search(stem):
        stem = _COPY_SUFFIX.sub("", stem)
    m = _OVERVIEW.match(stem)
    if m:
        try:
            start = date.fromisoformat(m.group(2))
        except ValueError:
            start = None
        return ZipName("overview", _handle(m.group(4)), start, int(m.group(3)))
    m = _SECTION.match(stem)
    if m:
        return ZipName(m.group(1).lower(), _handle(m.group(2)))
    return ZipName()


def _handle(text: str) -> str | None:
    text = text.strip().lstrip("@").lower()
    return text if re.fullmatch(r"[a-z0-9._]{1,64}", text) else None


def _unsafe(name: str) -> bool:
    norm = name.replace("\\", "/")
    if norm.startswith("/") or re.match(r"^[A-Za-z]:", norm):
        return True
    return ".." in PurePosixPath(norm).parts


def _skippable(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return (
        name.endswith("/")
        or any(p == "__MACOSX" for p in parts)
        or (bool(parts) and parts[-1].startswith("."))
        or (bool(parts) and parts[-1].lower() in {"thumbs.db", "desktop.ini"})
    )


def _check_sizes(info: zipfile.ZipInfo, budget: list[int], total: int) -> None:
    """Refuse an entry whose stated size is over the limits, before it is read."""
    name = one_line(info.filename)
    if info.file_size > max_bytes():
        raise Refused(
            "zip_entry_too_large",
            name=name,
            size=size_text(info.file_size),
            limit=size_text(max_bytes()),
        )
    ratio_applies = info.compress_size and info.file_size > RATIO_FLOOR
    if ratio_applies and info.file_size > MAX_RATIO * info.compress_size:
        ratio = info.file_size // info.compress_size
        raise Refused("zip_bomb", name=name, ratio=ratio, limit=MAX_RATIO)
    budget[0] -= info.file_size
    if budget[0] < 0:
        raise Refused("zip_total_too_large", limit=size_text(total))


def check_xlsx(data: bytes) -> None:
    """Refuse a workbook whose parts would expand over the limits, or whose sheets span
    more cells than :data:`MAX_CELLS`, before the spreadsheet reader expands them."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            infos = zf.infolist()
            total = max_bytes()
            budget = [total]
            for info in infos:
                _check_sizes(info, budget, total)
            for info in infos:
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    _check_span(zf, info)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError):
        return  # the spreadsheet reader says what is damaged


MAX_CELLS = 2_000_000  # rows × columns a sheet may span: an export holds a few thousand rows
MAX_COLUMNS = 1_000  # … and columns (an export has a few dozen; each becomes a column to read)
# A cell's or a row's reference (<c r="XFD1048576">, <row r="1048576">): the reader makes
# the sheet one dense block from A1 to the farthest, so one far cell in a tiny file
# would take hundreds of GB.
_REF = re.compile(rb'\br="\$?([A-Z]{0,10})\$?(\d{1,10})"')


def _check_span(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    rows = cols = 0
    tail = b""
    with zf.open(info) as fh:
        while chunk := fh.read(1 << 20):
            text = tail + chunk
            for m in _REF.finditer(text):
                rows = max(rows, int(m.group(2)))
                if m.group(1):
                    cols = max(cols, _column_number(m.group(1)))
            tail = text[-32:]
    name = one_line(info.filename)
    if cols > MAX_COLUMNS:
        raise Refused(
            "xlsx_too_many_columns", name=name, cols=f"{cols:,}", limit=f"{MAX_COLUMNS:,}"
        )
    if rows * max(cols, 1) > MAX_CELLS:
        raise Refused(
            "xlsx_too_many_cells",
            name=name,
            rows=f"{rows:,}",
            cols=f"{max(cols, 1):,}",
            limit=f"{MAX_CELLS:,}",
        )


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def zip_entries(
    data: bytes, zip_name: str, depth: int = 0, budget: list[int] | None = None
) -> list[SourceFile]:
    """Every file inside a ZIP (and inside ZIPs in it), read into memory after the checks.

    ``budget`` holds the bytes all entries may still take, shared with nested ZIPs.
    """
    limit = max_bytes()
    budget = [limit] if budget is None else budget
    try:
        zf = zipfile.ZipFile(BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError):
        raise Refused("zip_unreadable") from None
    out: list[SourceFile] = []
    with zf:
        for info in infos:
            if _unsafe(info.filename):
                raise Refused("zip_entry_outside", name=repr(info.filename))
            if _skippable(info.filename):
                continue
            _check_sizes(info, budget, limit)
            try:
                with zf.open(info) as fh:
                    body = fh.read(limit + 1)
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
                raise Refused(_unreadable(exc), name=repr(info.filename)) from None
            if len(body) > limit or len(body) > info.file_size:
                raise Refused("zip_entry_size_lie", name=repr(info.filename))
            mtime = _entry_time(info)
            if is_zip(body) and not is_xlsx(body):
                if depth >= MAX_NESTING:
                    raise Refused("zip_nested_too_deep", name=repr(info.filename))
                budget[0] += info.file_size  # counted again entry by entry inside
                out.extend(zip_entries(body, info.filename, depth + 1, budget))
                continue
            out.append(SourceFile(info.filename, body, mtime, zip_name))
    return out


def _unreadable(exc: BaseException) -> str:
    """The reason an entry cannot be read, from the kind of error (never its text)."""
    if isinstance(exc, NotImplementedError):  # Deflate64, LZMA in an old Python, ...
        return "zip_entry_method"
    if isinstance(exc, RuntimeError) and "encrypted" in str(exc):  # classified, not shown
        return "zip_entry_encrypted"
    return "zip_entry_unreadable"


def _entry_time(info: zipfile.ZipInfo) -> datetime | None:
    try:
        return datetime(*info.date_time, tzinfo=UTC)
    except ValueError:
        return None
