"""ZIP exports: names that carry the handle and window, and ZIPs that must be refused."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from tiktui.data.importers.base import Refused
from tiktui.data.importers.limits import DEFAULT_MAX_BYTES
from tiktui.data.importers.zips import (
    is_xlsx,
    is_zip,
    parse_zip_name,
    zip_entries,
)


def make_zip(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "section", "handle", "start", "anchor"),
    [
        (
            "Overview_2026-09-23_1795348800_lena.cooks.zip",
            "overview",
            "lena.cooks",
            date(2026, 9, 23),
            date(2026, 11, 22),
        ),
        (
            "Overview_2026-09-23_1795219200_lena.cooks (1).zip",
            "overview",
            "lena.cooks",
            date(2026, 9, 23),
            date(2026, 11, 21),
        ),
        ("Followers_some_user.zip", "followers", "some_user", None, None),
        ("Content_Lena.Cooks.zip", "content", "lena.cooks", None, None),
        ("downloads/Viewers_x.zip", "viewers", "x", None, None),
        ("file.zip", None, None, None, None),
        ("Ролик.zip", None, None, None, None),
        ("Followers_bob.csv", None, None, None, None),
    ],
)
def test_zip_names(name, section, handle, start, anchor) -> None:
    zn = parse_zip_name(name)
    assert (zn.section, zn.handle, zn.window_start, zn.anchor) == (section, handle, start, anchor)


def test_entries_are_read_in_memory_skipping_mac_debris() -> None:
    data = make_zip({"Overview.csv": b"a", "__MACOSX/._Overview.csv": b"x", ".DS_Store": b"y"})
    entries = zip_entries(data, "Overview_2026-01-01_1767225600_a.zip")
    assert [(e.name, e.data, e.container) for e in entries] == [
        ("Overview.csv", b"a", "Overview_2026-01-01_1767225600_a.zip")
    ]


def test_nested_zip_entries_know_their_own_zip() -> None:
    inner = make_zip({"Content.csv": b"c"})
    outer = make_zip({"Content_bob.zip": inner, "notes.txt": b"n"})
    entries = zip_entries(outer, "all.zip")
    assert {(e.name, e.container) for e in entries} == {
        ("Content.csv", "Content_bob.zip"),
        ("notes.txt", "all.zip"),
    }


@pytest.mark.parametrize(
    "evil", ["../evil.csv", "/etc/passwd", "a/../../b.csv", "C:/x.csv", "..\\x.csv"]
)
def test_entries_escaping_the_folder_are_refused(evil: str) -> None:
    with pytest.raises(Refused, match="outside") as caught:
        zip_entries(make_zip({evil: b"x"}), "x.zip")
    assert caught.value.code == "zip_entry_outside"


def test_truncated_zip_is_refused() -> None:
    data = make_zip({"Overview.csv": b"x" * 1000})
    with pytest.raises(Refused, match="truncated or damaged") as caught:
        zip_entries(data[: len(data) // 2], "x.zip")
    assert caught.value.code == "zip_unreadable"


def test_zip_bomb_ratio_is_refused_before_reading() -> None:
    with pytest.raises(Refused, match="ZIP bomb") as caught:
        zip_entries(make_zip({"big.csv": b"0" * 2_000_000}), "x.zip")
    assert caught.value.code == "zip_bomb" and caught.value.fields["limit"] == 100


def test_entry_over_the_size_limit_is_refused_before_reading() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("small.csv", b"x")
    data = bytearray(buf.getvalue())
    # Forge the central directory's uncompressed size: the reader must trust nothing it reads.
    cd = data.rfind(b"PK\x01\x02")
    data[cd + 24 : cd + 28] = (DEFAULT_MAX_BYTES + 1).to_bytes(4, "little")
    with pytest.raises(Refused, match="limit") as caught:
        zip_entries(bytes(data), "x.zip")
    assert caught.value.code == "zip_entry_too_large"


def test_xlsx_is_not_taken_for_an_export_zip() -> None:
    xlsx = make_zip({"xl/workbook.xml": b"<workbook/>", "[Content_Types].xml": b"<x/>"})
    assert is_zip(xlsx) and is_xlsx(xlsx)
    assert not is_xlsx(make_zip({"Overview.csv": b"a"}))
