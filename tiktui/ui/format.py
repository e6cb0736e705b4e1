"""How user text and series look on screen: the Rich ``Text`` wrappers and sparklines.

Every number, date, hour and the control-character cleaning live in
:mod:`tiktui.formatting` (no Rich there, so the CLI and the report use the same
rules); they are re-exported here so a screen imports one module.

Captions and search terms are user data that may hold Rich markup, Textual
actions (``[@click=app.quit]``) or terminal escape codes. :func:`safe` makes
every control character visible and :func:`plain` wraps the result in a Rich
``Text`` — never a markup string — so such a caption shows literally and does
nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from ..formatting import (
    DASH,
    NA,
    age,
    basis,
    caption_of,
    change,
    clock,
    compact,
    date_range,
    day,
    exact,
    full_day,
    is_missing,
    kpi_change,
    metric,
    pct,
    points,
    safe,
    seconds,
    short_day,
    zone,
)

__all__ = [
    "BLOCKS",
    "DASH",
    "NA",
    "age",
    "basis",
    "caption_of",
    "change",
    "clock",
    "compact",
    "date_range",
    "day",
    "exact",
    "flow",
    "full_day",
    "is_missing",
    "kpi_change",
    "metric",
    "pct",
    "plain",
    "points",
    "safe",
    "seconds",
    "short_day",
    "sparkline",
    "zone",
]

BLOCKS = "▁▂▃▄▅▆▇█"


def plain(text: str | None, style: str = "") -> Text:
    """User text as a Rich ``Text``: never parsed as markup, control characters visible."""
    return Text(safe(text), style=style, no_wrap=True, overflow="ellipsis")


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
