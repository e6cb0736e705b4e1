"""Bytes to text: the one decoder every importer uses.

Studio writes UTF-8 with a BOM; Excel writes UTF-16 with a BOM ("Unicode
text") or the Windows code page; Windows PowerShell 5 writes
``ConvertTo-Json | Out-File`` as UTF-16 with a BOM. JSON must be Unicode
(``legacy=False``); a CSV may also be Windows-1252 or Latin-1, said in a note.
"""

from __future__ import annotations

import codecs

from .base import Refused

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def split_bom(data: bytes) -> tuple[bytes, str | None]:
    """The bytes after a byte-order mark and the codec it names (None without one)."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data[len(bom) :], codec
    return data, None


def _utf16_without_bom(head: bytes) -> str | None:
    if len(head) >= 4 and head.count(0) * 3 >= len(head):
        return "utf-16-le" if head[1] == 0 else "utf-16-be"
    return None


def decode(data: bytes, final: bool = True, legacy: bool = True) -> tuple[str, str | None]:
    """Text and a note on the encoding when it was not Unicode.

    ``final=False`` tolerates a character cut at the end, for sniffing a
    prefix. ``legacy=False`` refuses bytes that are not UTF-8/UTF-16 instead of
    reading them as Windows-1252.
    """
    body, codec = split_bom(data)
    codec = codec or _utf16_without_bom(data[:400])
    if codec is None:
        try:
            return codecs.getincrementaldecoder("utf-8")().decode(body, final), None
        except UnicodeDecodeError as exc:
            if not legacy:
                raise Refused("not_text", codec="UTF-8", byte=exc.start) from None
        try:
            return body.decode("cp1252"), "read as Windows-1252 text (not UTF-8)"
        except UnicodeDecodeError:
            return body.decode("latin-1"), "read as Latin-1 text (not UTF-8)"
    if not final and codec.startswith("utf-16"):
        body = body[: len(body) // 2 * 2]
    try:
        return codecs.getincrementaldecoder(codec)().decode(body, final), None
    except UnicodeDecodeError as exc:
        raise Refused("not_text", codec=codec.upper(), byte=exc.start) from None
