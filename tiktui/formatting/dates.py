"""Dates, time zones and hours: English month names whatever the locale, hours on the
account's clock with the zone's name."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .numbers import DASH, MINUS, NA

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day(d: date | None, this_year: int | None = None) -> str:
    """``9 Nov``; ``9 Nov 2025`` when ``d`` falls outside ``this_year`` (the year the reader
    is looking at). English month names whatever the locale; JSON keeps ISO dates."""
    if d is None:
        return DASH
    text = f"{d.day} {MONTHS[d.month - 1]}"
    return text if this_year is None or d.year == this_year else f"{text} {d.year}"


def full_day(d: date | None) -> str:
    """``9 Nov 2026``: a date that stands alone."""
    return DASH if d is None else f"{day(d)} {d.year}"


def short_day(d: date | None, this_year: int | None = None) -> str:
    """`` 9 Nov`` in ``this_year``, `` 9 Nov 25`` in any other: the date in tables.

    The day is padded to two cells so the months line up in a column.
    """
    if d is None:
        return DASH
    text = f"{d.day:>2} {MONTHS[d.month - 1]}"
    return text if this_year is None or d.year == this_year else f"{text} {d.year % 100:02d}"


def date_range(start: date, end: date) -> str:
    """``23 Oct – 19 Nov 2026``: a period in a header."""
    return f"{day(start, end.year)} – {full_day(end)}"


def day_span(start: date, end: date, this_year: int | None = None) -> str:
    """``25 Sep to 22 Oct``: a period inside a sentence."""
    return f"{day(start, this_year)} to {day(end, this_year)}"


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


# -- time zones and hours ----------------------------------------------------------

LOCAL = "local"


def zone(name: str = LOCAL) -> tzinfo:
    """The zone called ``name``: an IANA name (``Europe/Berlin``), ``UTC``, or ``local`` (the
    system's zone). Raises ``ValueError`` for a name that is not a known zone."""
    if name == LOCAL:
        return local_zone()
    if name.upper() in ("UTC", "ETC/UTC", "Z"):
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"{name!r} is not a known time zone") from exc


def local_zone() -> tzinfo:
    """The system's zone: ``$TZ``, else the zone ``/etc/localtime`` links to, else the
    current UTC offset (a fixed offset: no daylight-saving switch)."""
    env = os.environ.get("TZ", "").lstrip(":")
    if env:
        try:
            return zone(env)
        except ValueError:
            pass
    try:
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in target:
            return zone(target.split("zoneinfo/", 1)[1])
    except (OSError, ValueError):
        pass
    return datetime.now().astimezone().tzinfo or UTC


def zone_label(tz: tzinfo, on: date | None = None) -> str:
    """The zone's short name on ``on`` (``CET``, ``CEST``, ``UTC``), or ``UTC+5:30`` where
    the zone has no lettered abbreviation."""
    moment = datetime.combine(on or date.today(), time(12), tz)
    name = tz.tzname(moment) or ""
    if name.isalpha():
        return name
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    h, m = divmod(abs(minutes), 60)
    sign = "+" if minutes > 0 else MINUS
    return f"UTC{sign}{h}" + (f":{m:02d}" if m else "")


def local_hour(moment: datetime, tz: tzinfo) -> int:
    """The hour of ``moment`` (naive means UTC, as stored) on the clock of ``tz``."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(tz).hour


def utc_hour_in(d: date, hour: int, tz: tzinfo) -> int:
    """The hour on ``tz``'s clock of a stored (UTC) ``hour`` on day ``d``."""
    return local_hour(datetime.combine(d, time(hour % 24), UTC), tz)


def clock(moment: datetime | None, tz: tzinfo) -> str:
    """``9 Nov 2026 19:05 CET``: a moment on the account's clock."""
    if moment is None:
        return DASH
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(tz)
    return f"{full_day(local.date())} {local:%H:%M} {zone_label(tz, local.date())}"


def hour(h: int) -> str:
    return f"{h % 24:02d}:00"


def hour_range(hours: Iterable[int]) -> str:
    """``19:00–22:00`` for a run of hours (to the end of the last), ``08:00, 13:00`` else."""
    hs = sorted({int(h) % 24 for h in hours})
    if not hs:
        return NA
    if len(hs) > 1 and hs == list(range(hs[0], hs[-1] + 1)):
        return f"{hour(hs[0])}–{hour(hs[-1] + 1)}"
    return ", ".join(hour(h) for h in hs)


def hours_counted(hours: Iterable[int]) -> str:
    """``19:00 ×5, 20:00 ×4, 09:00``: posting hours, most frequent first."""
    counts = Counter(int(h) % 24 for h in hours)
    return ", ".join(
        hour(h) + (f" ×{n}" if n > 1 else "")
        for h, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
