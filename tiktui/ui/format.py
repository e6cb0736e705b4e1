"""How numbers, dates and user text look on screen (no widgets here).

Captions and search terms are user data that may hold Rich markup, Textual
actions (``[@click=app.quit]``) or terminal escape codes. :func:`safe` makes
every control character visible and :func:`plain` wraps the result in a Rich
``Text`` — never a markup string — so such a caption shows literally and does
nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from rich.text import Text

DASH = "–"  # missing is not zero: shown as a dash, never as 0
BLOCKS = "▁▂▃▄▅▆▇█"

# Characters that could move the cursor, recolour the terminal or reorder text.
_BIDI = {
    0x200E,
    0x200F,
    0x202A,
    0x202B,
    0x202C,
    0x202D,
    0x202E,
    0x2066,
    0x2067,
    0x2068,
    0x2069,
    0x061C,
}


def _visible(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        if ch == "\n":
            return "⏎"
        if ch == "\t":
            return " "
        return chr(0x2400 + code)  # ␛ for ESC, ␇ for BEL, …
    if code == 0x7F:
        return "␡"
    if 0x80 <= code < 0xA0:
        return "�"
    if code in _BIDI or code in (0x2028, 0x2029):
        return "�"
    return ch


def safe(text: str | None) -> str:
    """The text with every control character replaced by a visible symbol (one line)."""
    if not text:
        return ""
    if text.isprintable() and not any(ord(c) in _BIDI for c in text):
        return text
    return "".join(_visible(c) if not c.isprintable() or ord(c) in _BIDI else c for c in text)


def plain(text: str | None, style: str = "") -> Text:
    """User text as a Rich ``Text``: never parsed as markup, control characters visible."""
    return Text(safe(text), style=style, no_wrap=True, overflow="ellipsis")


def caption_of(text: str | None, empty: str = "(no caption)") -> str:
    """A caption cleaned for a one-line cell: visible controls, collapsed spaces."""
    cleaned = " ".join(safe(text).split())
    return cleaned or empty


def is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def compact(value: float | int | None) -> str:
    """``950``, ``12.3k``, ``1.2M``: the short form used in tables."""
    if is_missing(value):
        return DASH
    v = float(value)  # type: ignore[arg-type]
    a = abs(v)
    if a < 1000:
        return f"{v:.0f}" if v == int(v) or a >= 10 else f"{v:.1f}"
    for limit, suffix in ((1e6, "k"), (1e9, "M"), (1e12, "B")):
        if a < limit * 0.9995:
            scaled = v / (limit / 1000)
            return f"{scaled:.1f}{suffix}" if abs(scaled) < 100 else f"{scaled:.0f}{suffix}"
    return f"{v / 1e12:.1f}T"


def exact(value: float | int | None) -> str:
    """``12,345``: the exact form used in detail views."""
    if is_missing(value):
        return DASH
    v = float(value)  # type: ignore[arg-type]
    return f"{v:,.0f}" if v == int(v) else f"{v:,.1f}"


def pct(value: float | None, digits: int = 1) -> str:
    """A 0–1 share as ``12.3%``."""
    if is_missing(value):
        return DASH
    return f"{value * 100:.{digits}f}%"  # type: ignore[operator]


def change(value: float | None) -> str:
    """A relative change as ``+12.3%`` / ``−4.0%``."""
    if is_missing(value):
        return DASH
    sign = "+" if value > 0 else "−" if value < 0 else "±"  # type: ignore[operator]
    return f"{sign}{abs(value) * 100:.1f}%"  # type: ignore[arg-type]


def points(value: float | None) -> str:
    """A difference of two shares (fractions) in percentage points: ``+12.8pt``."""
    if is_missing(value):
        return DASH
    pts = value * 100  # type: ignore[operator]
    sign = "+" if pts >= 0.05 else "−" if pts <= -0.05 else "±"
    return f"{sign}{abs(pts):.1f}pt"


def seconds(value: float | None) -> str:
    if is_missing(value):
        return DASH
    v = float(value)  # type: ignore[arg-type]
    if v >= 60:
        return f"{int(v // 60)}:{int(v % 60):02d}"
    return f"{v:.1f}s"


def metric(value: float | None, kind: str, short: bool = True, this_year: int | None = None) -> str:
    """Format by kind: count, rate, seconds, date, bool, text (a date outside ``this_year``
    shows its year)."""
    if kind == "rate":
        return pct(value)
    if kind == "seconds":
        return seconds(value)
    if kind == "date":
        if not isinstance(value, date):
            return DASH
        return short_day(value, this_year).strip()
    if kind == "bool":
        return DASH if value is None else ("yes" if value else "no")
    if kind == "count":
        return compact(value) if short else exact(value)
    return DASH if value is None else str(value)


def day(d: date | None, year: bool = False) -> str:
    """``19 Nov`` (``19 Nov 2026`` with ``year``)."""
    if d is None:
        return DASH
    return d.strftime("%-d %b %Y" if year else "%-d %b")


def short_day(d: date | None, this_year: int | None = None) -> str:
    """`` 9 Nov`` in ``this_year``, `` 9 Nov 25`` in any other: the date in tables.

    The day is padded to two cells so the months line up in a column.
    """
    if d is None:
        return DASH
    text = f"{d.day:>2} {d:%b}"
    return text if this_year is None or d.year == this_year else f"{text} {d:%y}"


def flow(items: Sequence[Text], width: int, sep: str = "  ") -> Text:
    """Items side by side, wrapping to a new line only *between* items, never inside one
    (a legend entry or a ``label value`` pair stays whole)."""
    out = Text()
    used = 0
    for item in items:
        size = item.cell_len
        if used and used + len(sep) + size > width:
            out.append("\n")
            used = 0
        elif used:
            out.append(sep)
            used += len(sep)
        out.append_text(item)
        used += size
    return out


def date_range(start: date, end: date) -> str:
    if start.year == end.year:
        return f"{day(start)} – {day(end, year=True)}"
    return f"{day(start, year=True)} – {day(end, year=True)}"


def age(fresh: date | None, today: date) -> str:
    """How old the newest data is, in words."""
    if fresh is None:
        return "no daily data"
    days = (today - fresh).days
    if days <= 0:
        return f"data to {day(fresh)} (today)"
    if days == 1:
        return f"data to {day(fresh)} (yesterday)"
    return f"data to {day(fresh)} ({days} days old)"


def sparkline(values: Sequence[float | None], width: int, stretch: bool = False) -> str:
    """Values as block characters, resampled (bucket means) to ``width``; gaps as spaces.

    With ``stretch`` a short series is widened to fill ``width`` (each value repeated),
    so rows of different lengths line up in a column.
    """
    if width <= 0 or not values:
        return ""
    n = len(values)
    buckets: list[float | None] = []
    if n <= width and stretch:
        buckets = [values[i * n // width] for i in range(width)]
    elif n <= width:
        buckets = list(values)
    else:
        for i in range(width):
            lo, hi = i * n // width, max((i + 1) * n // width, i * n // width + 1)
            known = [v for v in values[lo:hi] if not is_missing(v)]
            buckets.append(sum(known) / len(known) if known else None)  # type: ignore[arg-type]
    known = [v for v in buckets if not is_missing(v)]
    if not known:
        return " " * len(buckets)
    lo_v, hi_v = min(known), max(known)  # type: ignore[type-var]
    span = (hi_v - lo_v) or 1.0  # type: ignore[operator]
    out = []
    for v in buckets:
        if is_missing(v):
            out.append(" ")
        elif hi_v == lo_v:
            out.append(BLOCKS[0] if hi_v == 0 else BLOCKS[3])
        else:
            out.append(BLOCKS[min(int((v - lo_v) / span * 8), 7)])  # type: ignore[operator]
    return "".join(out)
