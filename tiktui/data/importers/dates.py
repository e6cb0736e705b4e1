"""Dates as TikTok Studio writes them: often without a year, often localized.

Studio writes ``September 25``, ``28 May``, ``Sep 1``, ``18 января``,
``28 de febrero``, ``9月13日``, ``18 tháng Tám`` — the month in the interface's
language even when the headers are English — and only sometimes a year
(``2024/10/01``, ``2026-07-12 09:00``). Parsing a cell (:func:`parse_date_cell`)
and giving it a year (:func:`infer_years`, :func:`latest_not_after`) are
separate steps, because the year comes from the export's date and from the
order of the rows, not from the cell.

Month names are not here: a cell with a month name is read by
:mod:`tiktui.data.lang` (CLDR's names for every interface language plus the
spellings seen in real files), a whole column in the one language that reads
every cell, preferring the language the headers were written in.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from tiktui.data.lang import DayMonth, LanguageError, NotADate, parse_day_month, read_column

from .base import BadValue
from .numbers import refuse_value, to_number
from .reasons import shown


class AmbiguousDate(BadValue):
    """``03/04/2024``: day and month could be either way round."""

    def __init__(self, raw: str) -> None:
        super().__init__("date_ambiguous", value=shown(raw))


@dataclass(frozen=True)
class DateCell:
    """What a date cell says: maybe no year, maybe a time of day."""

    month: int
    day: int
    year: int | None = None
    time: time | None = None
    tz: timezone | None = None  # only when the cell gave an offset

    @property
    def month_day(self) -> tuple[int, int]:
        return (self.month, self.day)

    def on(self, year: int) -> date:
        return date(year, self.month, self.day)


_TIME = re.compile(
    r"(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
    r"(?:\s*([ap])\.?\s*m\b\.?)?"
    r"(?:\s*(z\b|utc|gmt)?\s*([+-]\d{2}):?(\d{2})?\b|\s*(z|utc|gmt)\b)?",
    re.IGNORECASE,
)
_ISO = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\.?")
_CJK = re.compile(r"(?:(\d{4})\s*[年년]\s*)?(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일号]?")
_NUMERIC = re.compile(r"(\d{1,4})\s*([./-])\s*(\d{1,2})(?:\s*\2\s*(\d{2,4}))?\.?")
_EPOCH = re.compile(r"\d{10}")


def _not_a_date(text: str) -> BadValue:
    return BadValue("not_a_date", value=shown(text))


def _check(year: int | None, month: int, day: int, text: str) -> None:
    if not 1 <= month <= 12:
        raise _not_a_date(text)
    leap_ok = 2000 if year is None else year  # no year: allow February 29
    if not 1 <= day <= calendar.monthrange(leap_ok, month)[1]:
        raise _not_a_date(text)
    if year is not None and not 1900 <= year <= 2200:
        raise _not_a_date(text)


def _split_time(text: str) -> tuple[str, time | None, timezone | None]:
    """The text without its time of day, the time, and the offset when given."""
    match = _TIME.search(text)
    if not match:
        return text, None, None
    hour, minute = int(match[1]), int(match[2])
    second = int(match[3] or 0)
    ampm = (match[4] or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            raise ValueError
        hour = hour % 12 + (12 if ampm == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError
    tz: timezone | None = None
    if match[6]:
        sign = -1 if match[6][0] == "-" else 1
        offset = timedelta(hours=int(match[6][1:]), minutes=int(match[7] or 0))
        tz = timezone(sign * offset)
    elif match[5] or match[8]:
        tz = UTC
    rest = (text[: match.start()] + " " + text[match.end() :]).strip(" ,")
    return rest, time(hour, minute, second), tz


@dataclass(frozen=True)
class _Worded:
    """A cell whose month is a word, read with the rest of its column (:mod:`tiktui.data.lang`)."""

    rest: str  # without its time of day
    raw: str
    clock: time | None
    tz: timezone | None

    def cell(self, found: DayMonth) -> DateCell:
        return DateCell(found.month, found.day, found.year, self.clock, self.tz)


def _structure(text: str, dayfirst: bool | None) -> DateCell | _Worded:
    """A cell written in digits read at once; one with a month name left for its column."""
    raw = text
    text = unicodedata.normalize("NFKC", text).strip()
    text = re.sub(r"(?<=\d)T(?=\d)", " ", text)  # ISO 8601 "2026-07-12T09:00"
    bad = _not_a_date(raw.strip())
    if not text:
        raise bad
    if _EPOCH.fullmatch(text):  # Unix seconds, as API-minded tools write them
        moment = datetime.fromtimestamp(int(text), UTC)
        return DateCell(moment.month, moment.day, moment.year, moment.time(), UTC)
    try:
        rest, clock, tz = _split_time(text)
    except ValueError:
        raise bad from None

    for pattern in (_ISO, _CJK):
        match = pattern.fullmatch(rest)
        if match:
            year = int(match[1]) if match[1] else None
            month, day = int(match[2]), int(match[3])
            _check(year, month, day, raw.strip())
            return DateCell(month, day, year, clock, tz)

    match = _NUMERIC.fullmatch(rest)
    if match:
        return _numeric(match, dayfirst, raw.strip(), clock, tz)
    return _Worded(rest, raw.strip(), clock, tz)


def parse_date_cell(
    text: str, dayfirst: bool | None = None, language: str | None = None
) -> DateCell:
    """Read one date cell in any language and layout Studio (or Excel) writes.

    ``dayfirst`` settles all-numeric dates like ``03/04/2024``; without it
    they raise :class:`AmbiguousDate` (``25/09/2024`` needs no help). A month
    name is read in ``language`` (a code of :func:`tiktui.data.lang.language_codes`)
    when given, else in any language that reads it (English first; languages
    that read it as different days make it an error). A column is better read
    with :func:`parse_date_column`, which settles the language once.
    Raises :class:`ValueError` naming the text for anything that is not a date.
    """
    found = _structure(text, dayfirst)
    if isinstance(found, DateCell):
        return found
    if language is not None:
        try:
            return found.cell(parse_day_month(found.rest, language))
        except NotADate:
            raise BadValue("not_a_date_in", value=shown(found.raw), language=language) from None
    try:
        return found.cell(_read_worded([found.rest], None)[1][0])
    except DateColumnError as exc:
        raise BadValue(exc.code, **exc.fields) from None


def _read_worded(
    texts: Sequence[str], prefer: str | Sequence[str] | None
) -> tuple[str, list[DayMonth]]:
    """Month-name cells read in one language, and which; :class:`DateColumnError` names one."""
    try:
        column = read_column(texts, prefer)
    except LanguageError as exc:
        if exc.languages:
            raise DateColumnError(exc.index, exc.code, **exc.fields) from None
        # No language reads this cell at all: say so plainly.
        raise DateColumnError(
            exc.index, "not_a_date", value=shown(texts[exc.index].strip())
        ) from None
    return column.language, [found for found in column.dates if found is not None]


def _numeric(
    match: re.Match[str], dayfirst: bool | None, raw: str, clock: time | None, tz: timezone | None
) -> DateCell:
    """``25/09/2024``, ``9/25/2024``, ``25.09.`` — day or month first."""
    first, sep, second, third = match[1], match[2], match[3], match[4]
    if len(first) == 4 or (third is not None and len(third) not in (2, 4)):
        raise _not_a_date(raw)
    year = None
    if third is not None:
        year = int(third) if len(third) == 4 else 2000 + int(third)
    a, b = int(first), int(second)
    if sep == ".":
        dayfirst = True  # 25.09.2024 is day-first everywhere it is written
    elif a > 12 and b <= 12:
        dayfirst = True
    elif b > 12 and a <= 12:
        dayfirst = False
    elif a != b and dayfirst is None:
        raise AmbiguousDate(raw)
    day, month = (a, b) if dayfirst or a == b else (b, a)
    _check(year, month, day, raw)
    return DateCell(month, day, year, clock, tz)


def parse_hour(text: str) -> int:
    """An hour of the day 0..23 from ``"0"``, ``"13"``, ``"12 AM"``, ``"1 PM"``, ``"13:00"``."""
    raw = text.strip()
    folded = unicodedata.normalize("NFKC", raw).casefold().replace(".", "").replace(" ", "")
    match = re.fullmatch(r"(\d{1,2})(?::00(?::00)?)?(h|ч|時|시|giờ|uhr)?(am|pm)?", folded)
    bad = BadValue("not_an_hour", value=shown(raw))
    if not match:
        raise bad
    hour = int(match[1])
    if match[3]:
        if not 1 <= hour <= 12:
            raise bad
        hour = hour % 12 + (12 if match[3] == "pm" else 0)
    if hour > 23:
        raise bad
    return hour


def _year_on_or_before(cell: DateCell, year: int) -> int:
    """``year``, or the latest leap year before it for February 29."""
    if cell.month_day == (2, 29):
        while not calendar.isleap(year):
            year -= 1
    return year


def latest_not_after(cell: DateCell, limit: date) -> tuple[date, bool]:
    """The cell's date: its own year, else the latest such day not after ``limit``.

    Returns the date and whether its year was inferred.
    """
    if cell.year is not None:
        return cell.on(cell.year), False
    year = limit.year if cell.month_day <= (limit.month, limit.day) else limit.year - 1
    return cell.on(_year_on_or_before(cell, year)), True


def _walk(cells: Sequence[DateCell], order: Sequence[int], anchor: date) -> list[tuple[date, bool]]:
    """Years for ``cells`` visited newest first in ``order`` (see :func:`infer_years`)."""
    out: list[tuple[date, bool] | None] = [None] * len(cells)
    year: int | None = None
    previous: tuple[int, int] | None = None
    for index in order:
        cell = cells[index]
        if cell.year is not None:
            year, previous = cell.year, cell.month_day
            out[index] = (cell.on(cell.year), False)
            continue
        if year is None or previous is None:
            year = latest_not_after(cell, anchor)[0].year
        elif cell.month_day > previous:
            year -= 1
        year = _year_on_or_before(cell, year)
        previous = cell.month_day
        out[index] = (cell.on(year), True)
    return [item for item in out if item is not None]


def _distance(dates: Sequence[date]) -> int:
    """Total days between neighbouring rows: small for a daily series read the right way."""
    return sum(abs((b - a).days) for a, b in zip(dates, dates[1:], strict=False))


def _steps(cells: Sequence[DateCell]) -> tuple[int, int]:
    """How often the month/day goes up and down from one row to the next."""
    ups = downs = 0
    for before, after in zip(cells, cells[1:], strict=False):
        if after.month_day > before.month_day:
            ups += 1
        elif after.month_day < before.month_day:
            downs += 1
    return ups, downs


def infer_years(
    cells: Sequence[DateCell], anchor: date, order: str = "auto"
) -> list[tuple[date, bool]]:
    """Give every row its year, walking from the newest row to the oldest.

    The newest row gets the anchor's year if its month/day is not after the
    anchor's, else the year before; each older row keeps the year of the row
    after it unless its month/day is later, which means a New Year lies between
    them. A row with its own year keeps it and anchors the rows before it.

    ``order`` is ``"oldest_first"`` (Studio's), ``"newest_first"`` or
    ``"auto"``: a spreadsheet re-sorted newest first is read the other way
    round, but only on clear evidence (the month/day goes down more than once
    and more often than up, or else the rows span less than a quarter of the
    time read the other way round: ``1 Jan, 31 Dec, 30 Dec`` is three days
    newest first, not two years oldest first), so Studio's own files, whose
    reverse reading jumps a year at every step up, are never flipped.
    Returns ``(date, year_was_inferred)`` per row.
    """
    forward = _walk(cells, range(len(cells) - 1, -1, -1), anchor)  # last row is newest
    if order == "oldest_first" or len(cells) < 2:
        return forward
    backward = _walk(cells, range(len(cells)), anchor)  # first row is newest
    if order == "newest_first":
        return backward
    ups, downs = _steps(cells)
    if downs >= 2 and downs > ups:
        return backward
    if _distance([d for d, _ in backward]) * 4 < _distance([d for d, _ in forward]):
        return backward  # too few steps to count: which reading puts the rows closer?
    return forward


class DateColumnError(BadValue):
    """A date column that cannot be read; ``index`` is the offending cell's position."""

    def __init__(self, index: int, code: str, /, **fields: str) -> None:
        super().__init__(code, **fields)
        self.index = index


def numeric_order(text: str) -> bool | None:
    """For an all-numeric date: True if it can only be day-first, False if only month-first."""
    text = unicodedata.normalize("NFKC", text).strip()
    try:
        rest, _, _ = _split_time(text)
    except ValueError:
        return None
    match = _NUMERIC.fullmatch(rest)
    if not match or match[2] == "." or len(match[1]) == 4:
        return None
    a, b = int(match[1]), int(match[3])
    if a > 12 >= b:
        return True
    if b > 12 >= a:
        return False
    return None


def _monotonic(cells: Sequence[DateCell]) -> bool:
    keys = [(c.year or 0, c.month, c.day) for c in cells]
    pairs = list(zip(keys, keys[1:], strict=False))
    return all(a <= b for a, b in pairs) or all(a >= b for a, b in pairs)


def _spread(cells: Sequence[DateCell]) -> int:
    keys = [(c.year or 0) * 372 + c.month * 31 + c.day for c in cells]
    return sum(abs(a - b) for a, b in zip(keys, keys[1:], strict=False))


@dataclass(frozen=True)
class DateColumn:
    """A column's cells, and the language its month names were read in (None: none had one)."""

    cells: list[DateCell | None]
    language: str | None = None


def parse_date_column(
    texts: Sequence[str | None], prefer: str | Sequence[str] | None = None
) -> list[DateCell | None]:
    """The cells of :func:`read_date_column`."""
    return read_date_column(texts, prefer).cells


def read_date_column(
    texts: Sequence[str | None], prefer: str | Sequence[str] | None = None
) -> DateColumn:
    """Parse a whole column, so all-numeric dates share one day/month order.

    The order comes from a cell that can only be read one way (``25/09/2024``),
    else from the one reading under which the rows are in date order (and, if
    both are, the one whose rows lie closer together, as daily rows do). Cells
    with a month name are read in the one language that reads all of them,
    ``prefer`` (the language(s) of the file's headers) first. ``None`` cells
    (blank) stay ``None``. Raises :class:`DateColumnError`.
    """
    votes: dict[bool, int] = {}
    for index, text in enumerate(texts):
        if text is not None:
            vote = numeric_order(text)
            if vote is not None:
                votes.setdefault(vote, index)
    if len(votes) == 2:
        raise DateColumnError(max(votes.values()), "date_orders_mixed")
    dayfirst = next(iter(votes), None)

    def parse_all(order: bool | None) -> DateColumn:
        out: list[DateCell | None] = []
        worded: dict[int, _Worded] = {}
        for index, text in enumerate(texts):
            if text is None:
                out.append(None)
                continue
            try:
                found = _structure(text, order)
            except AmbiguousDate:
                raise
            except BadValue as exc:
                raise DateColumnError(index, exc.code, **exc.fields) from None
            except ValueError:
                raise DateColumnError(index, "not_a_date", value=shown(text)) from None
            if isinstance(found, _Worded):
                worded[index] = found
                out.append(None)
            else:
                out.append(found)
        if not worded:
            return DateColumn(out)
        where = list(worded)
        try:
            language, read = _read_worded([worded[i].rest for i in where], prefer)
        except DateColumnError as exc:
            raise DateColumnError(where[exc.index], exc.code, **exc.fields) from None
        for index, day_month in zip(where, read, strict=True):
            out[index] = worded[index].cell(day_month)
        return DateColumn(out, language)

    try:
        return parse_all(dayfirst)
    except AmbiguousDate as exc:
        first = next(i for i, t in enumerate(texts) if t is not None and _is_ambiguous(t))
        readings = []
        for order in (True, False):
            column = parse_all(order)
            if _monotonic([c for c in column.cells if c is not None]):
                readings.append(column)
        if len(readings) == 2:  # both in order: a daily series moves by days, not months
            spans = [_spread([c for c in r.cells if c is not None]) for r in readings]
            if spans[0] != spans[1]:
                readings = [readings[spans.index(min(spans))]]
        if len(readings) == 1:
            return readings[0]
        raise DateColumnError(first, exc.code, **exc.fields) from None


def _is_ambiguous(text: str) -> bool:
    try:
        parse_date_cell(text)
    except AmbiguousDate:
        return True
    except ValueError:
        return False
    return False


# --------------------------------------------------------------------------- JSON values


def as_utc(moment: datetime) -> datetime:
    """A naive datetime is taken to be UTC (SourceFile.mtime is documented as UTC)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def to_epoch(value: Any, where: str) -> datetime | None:
    """Unix seconds (often a string) → UTC datetime; 0 is missing, milliseconds tolerated."""
    number = to_number(value, where)
    if number is None or number == 0:
        return None
    try:
        if number > 1e11:  # milliseconds: seconds this large would be after year 5000
            number = number / 1000  # an int too large for a float overflows here
        return datetime.fromtimestamp(number, UTC)
    except (OverflowError, OSError, ValueError):
        raise refuse_value(where, value, "not_a_unix_time") from None


def posted(moment: datetime | None) -> dict[str, Any]:
    """A video's ``posted_at`` and the ``posted_on`` day it gives (both null when unknown)."""
    return {"posted_at": moment, "posted_on": moment.date() if moment else None}


def to_day(value: Any, where: str) -> date:
    """``YYYY-MM-DD`` (the Business API's daily ``date``); required, so never None."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise refuse_value(where, value, "not_a_day")
