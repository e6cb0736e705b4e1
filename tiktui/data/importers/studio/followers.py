"""Followers by meaning (FORMATS.md 1): gained, lost and net, each where it belongs.

``New followers`` is the number gained (business-suite Overview and audience
files) unless a value is negative, which only a net change can be. Net comes
from ``Net growth`` when a file states it, else is worked out from gained and
lost or from day-over-day totals, and then ranked below a stated net.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any


def place_new_followers(cols: dict[str, list[Any]], new: list[int | None]) -> str:
    """Place the ``New followers`` column by its meaning; say which it was read as.

    Real business-suite files (FORMATS.md 1) carry the number *gained* under
    that header, beside ``Lost followers`` and ``Net growth``, and so does the
    audience file with ``Total followers``. Only a negative value proves a
    column is the net change (a gain is never negative).
    """
    if any(v is not None and v < 0 for v in new):
        if "followers_net" in cols:  # a stated net already: this one is neither gained nor net
            return "New followers ignored: it holds negative values beside Net growth"
        cols["followers_net"] = new
        return "New followers read as the net change (a value is negative)"
    cols["followers_new"] = new
    return "New followers read as gained"


def derived_net(
    cols: dict[str, list[Any]], dates: list[date]
) -> tuple[list[int | None], str] | None:
    """Net followers from gained and lost, else from day-over-day totals."""
    if {"followers_new", "followers_lost"} <= set(cols):
        pairs = zip(cols["followers_new"], cols["followers_lost"], strict=True)
        net = [None if n is None or lost is None else n - abs(lost) for n, lost in pairs]
        return net, "new and lost followers"
    if "followers" in cols:
        return net_from_totals(dates, cols["followers"]), "totals"
    return None


def net_from_totals(dates: list[date], totals: list[int | None]) -> list[int | None]:
    """Each day's change from the day before, only across two consecutive days we have."""
    by_day: dict[date, int | None] = {}
    for day, total in zip(dates, totals, strict=True):
        by_day.setdefault(day, total)
    net: list[int | None] = []
    for day, now in zip(dates, totals, strict=True):
        before = by_day.get(day - timedelta(days=1))
        net.append(None if before is None or now is None else now - before)
    return net
