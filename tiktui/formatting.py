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

import math
import os
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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


# -- dates -----------------------------------------------------------------------

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


# -- user text -------------------------------------------------------------------

# Characters that could move the cursor, recolour the terminal or reorder text.
_BIDI = frozenset(
    {0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x061C}
)


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
    if 0x80 <= code < 0xA0 or code in _BIDI or code in (0x2028, 0x2029):
        return "�"
    return ch  # other invisible characters (a zero-width joiner in 👩‍🍳) are harmless


def safe(text: str | None) -> str:
    """The text with every control character replaced by a visible symbol (one line)."""
    if not text:
        return ""
    if text.isprintable() and not any(ord(c) in _BIDI for c in text):
        return text
    return "".join(_visible(c) if not c.isprintable() or ord(c) in _BIDI else c for c in text)


def caption_of(text: str | None, empty: str = "(no caption)") -> str:
    """A caption cleaned for a one-line cell: visible controls, collapsed spaces."""
    cleaned = " ".join(safe(text).split())
    return cleaned or empty


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
