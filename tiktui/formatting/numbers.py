"""Counts, shares, changes and durations at two precisions (see the package's docstring)."""

from __future__ import annotations

import math
from typing import Literal

Precision = Literal["compact", "exact"]

DASH = "–"  # missing at compact precision: never 0
NA = "n/a"  # missing at exact precision
MINUS = "−"  # U+2212: a minus sign lines up with "+" and never breaks a line


def missing(precision: Precision = "compact") -> str:
    """How a number that is not known reads at ``precision``."""
    return NA if precision == "exact" else DASH


def is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _signed(text: str, negative: bool) -> str:
    return MINUS + text if negative else text


# -- counts ------------------------------------------------------------------

_UNITS = (("k", 1e3), ("M", 1e6), ("B", 1e9), ("T", 1e12))


def _compact_abs(a: float) -> str:
    small = f"{a:.1f}"
    if a == int(a) or float(small) >= 10:
        small = f"{a:.0f}"
    if float(small) < 1000:
        return small
    text = ""
    for suffix, unit in _UNITS:
        scaled = a / unit
        text = f"{scaled:.1f}"
        if float(text) >= 100:
            text = f"{scaled:.0f}"
        if float(text) < 1000:
            return text + suffix
    return text + "T"


def compact(value: float | None) -> str:
    """``950``, ``2.5``, ``12.3k``, ``123k``, ``1.0M`` (from 999,500): tables and tiles."""
    if is_missing(value):
        return DASH
    v = float(value)  # type: ignore[arg-type]
    text = _compact_abs(abs(v))
    return _signed(text, v < 0 and text.strip("0.") != "")


def exact(value: float | None) -> str:
    """``12,345`` (``12,345.5`` for a fraction): details and evidence."""
    if is_missing(value):
        return NA
    v = float(value)  # type: ignore[arg-type]
    a = abs(v)
    text = f"{a:,.0f}" if a == int(a) else f"{a:,.1f}"
    return _signed(text, v < 0 and text.strip("0.,") != "")


def count(value: float | None, precision: Precision = "compact") -> str:
    return exact(value) if precision == "exact" else compact(value)


# -- shares, rates and changes -------------------------------------------------


def pct(share: float | None, precision: Precision = "compact") -> str:
    """A share or rate 0–1 as ``9.2%`` (one decimal at both precisions; ``<0.1%`` when tiny)."""
    if is_missing(share):
        return missing(precision)
    value = float(share) * 100  # type: ignore[arg-type]
    text = f"{abs(value):.1f}"
    if text == "0.0" and value != 0:
        return "<0.1%" if value > 0 else f">{MINUS}0.1%"
    return _signed(text, value < 0 and text != "0.0") + "%"


def _sign(text: str, value: float) -> str:
    if text.strip("0.") == "":
        return "±" + text
    return ("+" if value > 0 else MINUS) + text


def change(relative: float | None, precision: Precision = "compact") -> str:
    """A count's relative change as ``+12.3%`` / ``−4.0%`` / ``±0.0%``."""
    if is_missing(relative):
        return missing(precision)
    v = float(relative) * 100  # type: ignore[arg-type]
    return _sign(f"{abs(v):.1f}", v) + "%"


def points(delta: float | None, precision: Precision = "compact") -> str:
    """A rate's change, the difference of two shares, in percentage points: ``−1.1 pts``."""
    if is_missing(delta):
        return missing(precision)
    v = float(delta) * 100  # type: ignore[arg-type]
    return _sign(f"{abs(v):.1f}", v) + " pts"


def kpi_change(
    value: float | None, previous: float | None, is_rate: bool, precision: Precision = "compact"
) -> str:
    """The change of a KPI: points for a rate, percent (of ``previous``) for a count."""
    if is_missing(value) or is_missing(previous):
        return missing(precision)
    if is_rate:
        return points(value - previous, precision)  # type: ignore[operator]
    if previous == 0:
        return missing(precision)  # from nothing: no percentage means anything
    return change((value - previous) / abs(previous), precision)  # type: ignore[operator]


def times(ratio: float) -> str:
    """A multiple: ``8.9×``; whole numbers from 10× on."""
    if ratio >= 9.95:
        return f"{ratio:.0f}×"
    return f"{ratio:.1f}×"


def threshold(share: float) -> str:
    """A configured bar as people say it: ``40%``, ``2.5%`` (measured values use ``pct``)."""
    return f"{share * 100:g}%"


def basis(days: int | None) -> str:
    """What a change is compared with: ``vs the previous 28 days``; "" for all time."""
    if days is None:
        return ""
    return f"vs the previous {days} days" if days != 1 else "vs the day before"


# -- durations -----------------------------------------------------------------


def seconds(value: float | None, precision: Precision = "compact") -> str:
    """``7.5 s`` under 10 s, ``45 s`` under a minute, ``1:05`` (m:ss), ``1:02:05`` (h:mm:ss)."""
    if is_missing(value):
        return missing(precision)
    v = float(value)  # type: ignore[arg-type]
    if v < 0:
        return MINUS + seconds(-v, precision)
    if round(v, 1) < 10:
        return f"{v:.1f} s"
    whole = round(v)
    if whole < 60:
        return f"{whole} s"
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
