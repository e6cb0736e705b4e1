"""Control characters in cells are data, never a reason to refuse (issue 9, item 5).

A Content export whose caption held an ESC copied from elsewhere was refused as
"not a TikTok export": the text sniff took any control character in the first
4 KB for binary. Only a file binary through and through is not text now.
"""

from __future__ import annotations

import io
from datetime import date

import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from tiktui.data.importers.base import SourceFile
from tiktui.data.importers.detect import parse_file
from tiktui.data.importers.studio import looks_tabular
from tiktui.formatting import safe

TODAY = date(2026, 11, 22)
HEADER = ["Time", "Video title", "Video link", "Post time", "Total likes", "Total comments",
          "Total shares", "Total views"]  # fmt: skip
LINK = "https://www.tiktok.com/@someone/video/74375982718340661{:02}"
# ESC (an ANSI colour code), BEL, NUL, a lone CR, a right-to-left override, DEL, a C1 control.
NASTY = "\x1b[31mred\x1b[0m ring\x07 nul\x00 cr\rhere \u202eevil\u202c del\x7f c1\x85 end"


def _quote(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _content_csv(captions: list[str]) -> bytes:
    rows = [
        ["Nov 21", caption, LINK.format(n), "Nov 14", "10", "2", "1", "300"]
        for n, caption in enumerate(captions)
    ]
    lines = [",".join(_quote(c) for c in HEADER)] + [",".join(_quote(c) for c in r) for r in rows]
    return ("\ufeff" + "\n".join(lines)).encode()


def _content_xlsx(captions: list[str]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, HEADER)
    for n, caption in enumerate(captions, start=1):
        sheet.write_row(n, 0, ["Nov 21", caption, LINK.format(n - 1), "Nov 14"])
        sheet.write_row(n, 4, [10, 2, 1, 300])
    book.close()
    return buffer.getvalue()


def _captions(name: str, data: bytes) -> list[str]:
    src = SourceFile(name, data)
    assert looks_tabular(src)
    [parsed] = parse_file(src, TODAY)
    assert parsed.kind == "studio-content"
    return parsed.tables["videos"]["caption"].to_list()


def test_csv_caption_with_control_characters_is_kept_exactly() -> None:
    captions = [NASTY, "plain", "\x1b" * 40 + " a caption that is mostly escapes"]
    assert _captions("Content.csv", _content_csv(captions)) == captions


def test_xlsx_caption_with_control_characters_is_kept() -> None:
    """XLSX cannot hold NUL; the rest goes through (as _x001B_ escapes in the XML)."""
    caption = NASTY.replace("\x00", "")
    assert _captions("Content.xlsx", _content_xlsx([caption, "plain"])) == [caption, "plain"]


def test_the_stored_caption_shows_inert() -> None:
    [caption] = _captions("Content.csv", _content_csv([NASTY]))
    shown = safe(caption)
    assert not any(ord(ch) < 32 or ord(ch) == 127 or 0x80 <= ord(ch) < 0xA0 for ch in shown)
    assert "\u202e" not in shown
    assert "red" in shown and "evil" in shown and "end" in shown


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(st.characters(max_codepoint=0x20FF), max_size=30), min_size=1, max_size=5))
def test_any_caption_round_trips(captions: list[str]) -> None:
    """Whatever characters a caption holds, the CSV imports with the caption as written."""
    got = _captions("Content.csv", _content_csv(captions))
    # The csv module reads a lone CR inside quotes as written; only surrounding
    # blanks of a caption may be normalised by the importer.
    assert [g.strip() for g in got] == [c.strip() for c in captions]


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR,,,\x00\x00\x01\x00",
        b"\xff\xd8\xff\xe0\x00\x10JFIF,;\x00\x01",
        bytes(range(256)) * 8,
    ],
)
def test_binary_files_are_still_not_tabular(data: bytes) -> None:
    assert not looks_tabular(SourceFile("x.csv", data))
