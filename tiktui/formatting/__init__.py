"""How every number, date, hour and piece of user text reads: one rule, no Rich, no Textual.

The screens, ``tiktui report`` and the advisor all format through here, so a
number reads the same wherever it appears at the same precision.

**Two precisions.**

* ``compact`` — tables, KPI tiles, headlines, estimates: ``950``, ``12.3k``,
  ``1.2M``; missing is ``–`` (a dash fits a narrow cell).
* ``exact`` — details (a video's numbers, tooltips), the report's key numbers
  and the evidence behind advice: ``12,345``; missing is ``n/a`` (a lone dash
  in a sentence reads as punctuation).

Shares and rates read ``9.2%`` at both precisions: TikTok gives source shares
to one decimal and an engagement rate's second decimal moves from one day's
export to the next, so more digits would be false precision. A tiny non-zero
share is ``<0.1%``, never ``0.0%``.

**Changes** say what kind of change they are: a count changes in **percent**
(``+12.3%``, relative to the earlier value), a rate or share in **points**
(``−1.1 pts``, the difference of two percentages), so "engagement went from
10.3% to 9.2%" is ``−1.1 pts``, never ``−10.7%``. A change that rounds to
zero is ``±0.0%``. :func:`basis` names what a change is compared with.

**Hours** are stored in UTC (the Business API's hours and every timestamp are
UTC; a time without a zone is read as UTC by the importers) and shown in the
account's time zone (``[display] timezone`` in config.toml, the system's zone
by default), always with the zone's name: ``19:00–22:00 CET``.

**User text** (captions, handles, search terms, file names) goes through
:func:`safe`: every control character becomes a visible symbol, so a caption
holding a terminal escape or a line break prints as one harmless line.
"""

from __future__ import annotations

from datetime import date

from .dates import (
    LOCAL,
    MONTHS,
    age,
    clock,
    date_range,
    day,
    day_span,
    full_day,
    hour,
    hour_range,
    hours_counted,
    local_hour,
    local_zone,
    short_day,
    utc_hour_in,
    zone,
    zone_label,
)
from .numbers import (
    DASH,
    MINUS,
    NA,
    Precision,
    basis,
    change,
    compact,
    count,
    exact,
    is_missing,
    kpi_change,
    missing,
    pct,
    points,
    seconds,
    threshold,
    times,
)
from .text import caption_of, safe

__all__ = [
    "DASH",
    "LOCAL",
    "MINUS",
    "MONTHS",
    "NA",
    "Precision",
    "age",
    "basis",
    "caption_of",
    "change",
    "clock",
    "compact",
    "count",
    "date_range",
    "day",
    "day_span",
    "exact",
    "full_day",
    "hour",
    "hour_range",
    "hours_counted",
    "is_missing",
    "kpi_change",
    "local_hour",
    "local_zone",
    "metric",
    "missing",
    "pct",
    "points",
    "safe",
    "seconds",
    "short_day",
    "threshold",
    "times",
    "utc_hour_in",
    "zone",
    "zone_label",
]


def metric(
    value: object, kind: str, precision: Precision = "compact", this_year: int | None = None
) -> str:
    """Format by kind: count, rate, seconds, date, bool, text (a date outside ``this_year``
    shows its year)."""
    if kind == "rate":
        return pct(value, precision)  # type: ignore[arg-type]
    if kind == "seconds":
        return seconds(value, precision)  # type: ignore[arg-type]
    if kind == "date":
        return short_day(value, this_year).strip() if isinstance(value, date) else DASH
    if kind == "bool":
        return missing(precision) if value is None else ("yes" if value else "no")
    if kind == "count":
        return count(value, precision)  # type: ignore[arg-type]
    return missing(precision) if value is None else str(value)
