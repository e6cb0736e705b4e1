"""The export day a person states for files whose name carries none (issue 9, item 4).

A Studio file's rows have no year; it is inferred from the export's last day.
A dated ZIP name fixes that day; a loose file has only its timestamp, which a
copy, a sync or a checkout resets. ``tiktui import --exported-on`` and the
import screen's "export day" field let the user say it instead; both read it
here, so both refuse the same things with the same line.
"""

from __future__ import annotations

from datetime import date


class BadExportDay(ValueError):
    """The stated export day cannot be used; ``str(exc)`` is one line saying why."""


def parse_export_day(text: str, today: date) -> date:
    """``YYYY-MM-DD``, not after ``today`` (an export cannot come from the future)."""
    shown = text.strip()
    try:
        day = date.fromisoformat(shown)
    except ValueError:
        shown = shown.encode("unicode_escape").decode("ascii")  # control characters inert
        raise BadExportDay(f'"{shown}" is not a date: write it as YYYY-MM-DD') from None
    if len(shown) != 10:  # fromisoformat also takes 20250520 and week dates
        raise BadExportDay(f'"{shown}" is not a date: write it as YYYY-MM-DD')
    if day > today:
        raise BadExportDay(f"{day} is in the future: an export day is today or earlier")
    return day
