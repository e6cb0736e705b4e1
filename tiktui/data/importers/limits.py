"""How many bytes a file may take, read from disk or expanded from a ZIP or XLSX.

One number bounds all of them (``tiktui import --max-file-size``): the bytes of
a file on disk, the uncompressed size of any entry of a ZIP or part of an XLSX,
and what a ZIP's entries (nested ZIPs included) or an XLSX's parts add up to.
Each is checked from sizes the file states *before* anything is read or
expanded, and again while reading, so a file over the limit costs nothing.
A TikTok export is a few kB to a few MB; the default leaves a wide margin.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 200 * MB
MAX_RATIO = 100  # how many times an entry may expand: more is a ZIP bomb, not an export
RATIO_FLOOR = MB  # … once it expands past this: a small part may compress as well as it likes

_max_bytes: ContextVar[int] = ContextVar("max_bytes", default=DEFAULT_MAX_BYTES)

_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": MB, "mb": MB, "g": 1024 * MB, "gb": 1024 * MB}
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?b?)\s*", re.IGNORECASE)


def max_bytes() -> int:
    """The limit in force (the default, or the one :func:`applied` set)."""
    return _max_bytes.get()


@contextmanager
def applied(limit: int | None) -> Iterator[None]:
    """Use ``limit`` bytes (None: the default) for everything read inside the block."""
    token = _max_bytes.set(DEFAULT_MAX_BYTES if limit is None else limit)
    try:
        yield
    finally:
        _max_bytes.reset(token)


def parse_size(text: str) -> int:
    """``200MB``, ``1.5 GB``, ``500k``, ``1048576`` → bytes (a kB is 1024 bytes).

    Raises ValueError for anything else, or for a size under one byte.
    """
    m = _SIZE.fullmatch(text)
    if not m:
        raise ValueError(f"{text!r} is not a size: write it like 200MB, 1.5GB or 500kB")
    size = int(float(m.group(1)) * _UNITS[m.group(2).lower()])
    if size < 1:
        raise ValueError(f"{text!r} is not a size over 0 bytes")
    return size


def size_text(n: int) -> str:
    """``1.0 GB``, ``256 MB``, ``12 kB``, ``900 bytes``: as the limit is written."""
    if n >= 1024 * MB:
        return f"{n / (1024 * MB):.1f} GB"
    if n >= MB:
        return f"{n / MB:.0f} MB" if n >= 10 * MB else f"{n / MB:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} kB"
    return f"{n} bytes"


def over(what: str, size: int, limit: int | None = None) -> str:
    """The reason a size is refused: ``sheet1.xml expands to 1.0 GB, over the 200 MB limit``."""
    limit = max_bytes() if limit is None else limit
    return f"{what} {size_text(size)}, over the {size_text(limit)} limit; --max-file-size raises it"
