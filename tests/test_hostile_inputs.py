"""Hostile inputs refused within bounds (issue 11, item 3): regular files only, and one
stated size limit for a file and for what a ZIP or XLSX expands to, checked before
anything is read or expanded. Every case is a real file built in a temporary folder."""

from __future__ import annotations

import os
import socket
import struct
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.test_cli import OVERVIEW, overview_zip
from tiktui.cli import main
from tiktui.data.importers import limits
from tiktui.data.importers.base import Refused, SourceFile
from tiktui.data.importers.detect import parse_file
from tiktui.data.pipeline import import_paths
from tiktui.data.scan import NotReadable, read_regular
from tiktui.data.store import Store

MB = limits.MB
TODAY = date(2026, 11, 30)


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    """The real command in a child process; the timeout only guards against a hang."""
    return subprocess.run(
        [sys.executable, "-m", "tiktui", *argv],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


@pytest.fixture
def short_dir() -> Iterator[Path]:
    """A folder with a short path: a socket's path must fit in 108 bytes."""
    with tempfile.TemporaryDirectory(prefix="tt") as tmp:
        yield Path(tmp)


# -- regular files only -------------------------------------------------------------------


def test_a_fifo_given_directly_is_refused_in_one_line_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "export.csv"
    os.mkfifo(fifo)  # no writer: reading it would wait forever
    run = _run("import", str(fifo), "--data-dir", str(tmp_path / "store"))
    assert run.returncode == 2 and run.stdout == ""
    assert len(run.stderr.splitlines()) == 1 and str(fifo) in run.stderr
    assert "not a regular file" in run.stderr and not (tmp_path / "store").exists()


def test_special_files_in_a_folder_are_passed_over_unread(short_dir: Path) -> None:
    folder = short_dir / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.csv")
    (folder / "zero.csv").symlink_to("/dev/zero")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "sock.csv"))
    overview_zip(folder)
    try:
        run = _run("import", str(folder), "--data-dir", str(short_dir / "store"))
    finally:
        sock.close()
    assert run.returncode == 0 and run.stderr == ""
    assert run.stdout.startswith("imported") and len(run.stdout.splitlines()) == 2


@pytest.mark.parametrize("kind", ["fifo", "device", "socket"])
def test_a_special_file_is_never_read_even_if_swapped_in_after_the_scan(
    short_dir: Path, kind: str
) -> None:
    """The file is checked once opened: a path listed as a file may be a pipe by then."""
    path = short_dir / "export.csv"
    sock = socket.socket(socket.AF_UNIX)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")  # endless: reading it all runs out of memory
    else:
        sock.bind(str(path))
    try:
        with pytest.raises(NotReadable, match="not a regular file"):
            read_regular(path, limits.DEFAULT_MAX_BYTES)
        (result,) = import_paths(Store.open(short_dir / "store"), [path], today=TODAY)
    finally:
        sock.close()
    assert result.status == "refused" and "not a regular file" in result.message


def test_dev_zero_given_directly_is_refused() -> None:
    run = _run("import", "/dev/zero", "--data-dir", "/nonexistent/store")
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and "/dev/zero" in run.stderr


# -- size limits -----------------------------------------------------------------------------


def test_a_file_over_the_limit_is_refused_with_the_numbers(tmp_path: Path, capsys) -> None:
    big = tmp_path / "Overview.csv"
    big.write_text(OVERVIEW + "\n" * (200 * 1024))  # 200 kB: blank lines after the data
    store = str(tmp_path / "store")
    assert main(["import", str(big), "--data-dir", store, "--max-file-size", "100kB"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("refused") and "200 kB, over the 100 kB limit" in out
    assert "--max-file-size" in out
    assert main(["import", str(big), "--data-dir", store, "--max-file-size", "1MB",
                 "--account", "lena.cooks"]) == 0  # fmt: skip


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path, capsys) -> None:
    """A 1 TB sparse file: reading it would run out of memory long before the end."""
    huge = tmp_path / "Overview.csv"
    with open(huge, "wb") as fh:
        fh.truncate(1024**4)
    assert main(["import", str(huge), "--data-dir", str(tmp_path / "store")]) == 1
    out = capsys.readouterr().out
    assert "1024.0 GB, over the 200 MB limit" in out


def test_max_file_size_is_stated_in_help_and_checked(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--max-file-size SIZE" in text and "default: 200 MB" in text
    with pytest.raises(SystemExit) as exc:
        main(["import", "x", "--max-file-size", "lots"])
    assert exc.value.code == 2 and "is not a size" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "size"),
    [("200MB", 200 * MB), ("1.5 GB", 1536 * MB), ("500k", 500 * 1024), ("1048576", MB)],
)
def test_sizes_read_as_written(text: str, size: int) -> None:
    assert limits.parse_size(text) == size


# -- an XLSX whose sheet expands far beyond its size ----------------------------------------

ROW = b'<row><c t="inlineStr"><is><t>1</t></is></c></row>'
SHEET = "xl/worksheets/sheet1.xml"


def _workbook_parts() -> dict[str, bytes]:
    """The parts of a real one-cell workbook (xlsxwriter's), its sheet still to be built."""
    import io
    import zipfile

    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf)
    book.add_worksheet().write(0, 0, "Date")
    book.close()
    with zipfile.ZipFile(buf) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def xlsx_bomb(path: Path, sheet_mb: int) -> Path:
    """A real workbook whose sheet1.xml holds ``sheet_mb`` MB of rows, written streaming.

    Deflate with a full flush after each MB restarts the compressor, so every MB
    of rows compresses to the same bytes: compressed once, written ``sheet_mb`` times.
    """
    parts = _workbook_parts()
    head, _, foot = parts[SHEET].partition(b"</sheetData>")
    foot = b"</sheetData>" + foot
    chunk = ROW * (MB // len(ROW))
    chunk += b" " * (MB - len(chunk))
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    head_z = squeeze.compress(head) + squeeze.flush(zlib.Z_FULL_FLUSH)
    block = squeeze.compress(chunk) + squeeze.flush(zlib.Z_FULL_FLUSH)
    foot_z = squeeze.compress(foot) + squeeze.flush()
    crc = zlib.crc32(head)
    for _ in range(sheet_mb):
        crc = zlib.crc32(chunk, crc)
    central = b""
    with open(path, "wb") as fh:
        for name, body in parts.items():
            if name == SHEET:
                size = len(head) + sheet_mb * MB + len(foot)
                packed_size = len(head_z) + sheet_mb * len(block) + len(foot_z)
                crc_of = zlib.crc32(foot, crc)
            else:
                small = zlib.compressobj(9, zlib.DEFLATED, -15)
                packed = small.compress(body) + small.flush()
                size, packed_size, crc_of = len(body), len(packed), zlib.crc32(body)
            offset, raw_name = fh.tell(), name.encode()
            header = struct.pack(
                "<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21,
                crc_of, packed_size, size, len(raw_name), 0,
            )  # fmt: skip
            fh.write(header + raw_name)
            if name == SHEET:
                fh.write(head_z)
                for _ in range(sheet_mb):
                    fh.write(block)
                fh.write(foot_z)
            else:
                fh.write(packed)
            central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21,
                                   crc_of, packed_size, size, len(raw_name), 0, 0, 0, 0, 0,
                                   offset) + raw_name  # fmt: skip
        start = fh.tell()
        fh.write(central)
        fh.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(parts), len(parts),
                             len(central), start, 0))  # fmt: skip
    return path


def test_the_bomb_is_a_real_workbook_that_expands_as_stated(tmp_path: Path) -> None:
    import zipfile

    import fastexcel

    path = xlsx_bomb(tmp_path / "Overview.xlsx", 3)
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None  # every CRC right: a real file, not forged headers
        assert zf.getinfo(SHEET).file_size > 3 * MB
    assert path.stat().st_size < 30_000
    sheet = fastexcel.read_excel(path.read_bytes()).load_sheet(0, header_row=None)
    assert sheet.height > 60_000  # what a reader would expand it to, unchecked


def test_an_xlsx_expanding_past_the_limit_is_refused_before_it_is_read(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    """256 MB of sheet in under 1 MB: refused from the ZIP directory, fastexcel never runs."""
    from tiktui.data.importers import studio

    def never(data: bytes) -> None:
        raise AssertionError("the workbook was handed to the spreadsheet reader")

    monkeypatch.setattr(studio, "read_xlsx", never)
    bomb = xlsx_bomb(tmp_path / "Overview.xlsx", 256)
    assert bomb.stat().st_size < MB
    assert main(["import", str(bomb), "--data-dir", str(tmp_path / "store")]) == 1
    out = capsys.readouterr().out
    assert out.startswith("refused") and len(out.splitlines()) == 2
    assert "sheet1.xml expands to 256 MB, over the 200 MB limit; --max-file-size raises it" in out


def test_the_xlsx_limit_follows_max_file_size_and_the_ratio_catches_bombs(tmp_path) -> None:
    data = xlsx_bomb(tmp_path / "Overview.xlsx", 5).read_bytes()
    with limits.applied(MB), pytest.raises(Refused, match=r"5\.0 MB, over the 1\.0 MB limit"):
        parse_file(SourceFile("Overview.xlsx", data), TODAY)
    with pytest.raises(Refused, match=r"expands \d+× \(limit 100×\)"):  # 5 MB from 16 kB
        parse_file(SourceFile("Overview.xlsx", data), TODAY)


def test_an_xlsx_bomb_inside_a_zip_is_refused_too(tmp_path: Path) -> None:
    import zipfile

    data = xlsx_bomb(tmp_path / "Overview.xlsx", 5).read_bytes()
    outer = tmp_path / "Overview_x.zip"
    with zipfile.ZipFile(outer, "w") as zf:
        zf.writestr("Overview.xlsx", data)
    with limits.applied(2 * MB), pytest.raises(Refused, match="sheet1.xml expands to 5.0 MB"):
        parse_file(SourceFile(outer.name, outer.read_bytes()), TODAY)
