"""How numbers read in advice: one style everywhere, so "9.8%" means the same thing twice."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date


def pct(share: float | None) -> str:
    """A share 0–1 as a percent: one decimal, two below 0.1 % so tiny is not shown as 0."""
    if share is None:
        return "n/a"
    value = share * 100
    if 0 < abs(value) < 0.1:
        return f"{value:.2f}%"
    return f"{value:.1f}%"


def points(delta: float) -> str:
    """A difference of two shares, in percentage points, with its sign."""
    return f"{delta * 100:+.1f} points".replace("-", "−")


def times(ratio: float) -> str:
    """A multiple: ``8.9×``; whole numbers from 10× on."""
    if ratio >= 10:
        return f"{ratio:.0f}×"
    return f"{ratio:.1f}×"


def compact(n: float | None) -> str:
    """A count as people read it: 950, 12.3k, 1.2M."""
    if n is None:
        return "n/a"
    value = float(n)
    sign = "−" if value < 0 else ""
    value = abs(value)
    if value >= 999_950:
        return f"{sign}{value / 1e6:.1f}M"
    if value >= 1000:
        return f"{sign}{value / 1e3:.1f}k"
    return f"{sign}{value:.0f}"


def seconds(s: float | None) -> str:
    return "n/a" if s is None else f"{s:.0f} s"


def hour(h: int) -> str:
    return f"{h % 24:02d}:00"


def hour_range(hours: Sequence[int]) -> str:
    """``19:00–21:00`` for a run of hours, ``08:00, 13:00`` for scattered ones."""
    hs = sorted({h % 24 for h in hours})
    if not hs:
        return "n/a"
    if hs == list(range(hs[0], hs[-1] + 1)) and len(hs) > 1:
        return f"{hour(hs[0])}–{hour(hs[-1] + 1)}"
    return ", ".join(hour(h) for h in hs)


def day(d: date) -> str:
    return d.isoformat()


def quote_list(items: Sequence[str], limit: int = 5) -> str:
    """``"a", "b" and "c"``: captions and search terms, quoted so they read as user words."""
    shown = [f"“{i}”" for i in items[:limit]]
    if not shown:
        return ""
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"
