"""Dates as TikTok Studio writes them: often without a year, often localized.

Studio writes ``September 25``, ``28 May``, ``Sep 1``, ``18 января``,
``28 de febrero``, ``9月13日``, ``18 tháng Tám`` — the month in the interface's
language even when the headers are English — and only sometimes a year
(``2024/10/01``, ``2026-07-12 09:00``). Parsing a cell (:func:`parse_date_cell`)
and giving it a year (:func:`infer_years`, :func:`latest_not_after`) are
separate steps, because the year comes from the export's date and from the
order of the rows, not from the cell.

Month names live in tables (:data:`MONTH_NAMES`, :data:`VI_MONTH_WORDS`), one
per language, so adding a language is adding a row, not code.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from .numbers import refuse_value, to_number

# Month names per language: index 0 is January. Every spelling seen or
# plausible: full names, genitive forms (ru, pl), abbreviations with or without
# their dot (the dot is ignored). Lookup ignores case and accents.
MONTH_NAMES: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    "es": (
        ("enero", "ene"),
        ("febrero", "feb"),
        ("marzo", "mar"),
        ("abril", "abr"),
        ("mayo", "may"),
        ("junio", "jun"),
        ("julio", "jul"),
        ("agosto", "ago"),
        ("septiembre", "setiembre", "sep", "sept", "set"),
        ("octubre", "oct"),
        ("noviembre", "nov"),
        ("diciembre", "dic"),
    ),
    "fr": (
        ("janvier", "janv", "jan"),
        ("février", "févr", "fév", "fevrier"),
        ("mars", "mar"),
        ("avril", "avr"),
        ("mai",),
        ("juin",),
        ("juillet", "juil"),
        ("août", "aout", "aoû"),
        ("septembre", "sept", "sep"),
        ("octobre", "oct"),
        ("novembre", "nov"),
        ("décembre", "déc", "dec"),
    ),
    "de": (
        ("januar", "jänner", "jan", "jän"),
        ("februar", "feber", "feb"),
        ("märz", "maerz", "mär", "mrz"),
        ("april", "apr"),
        ("mai",),
        ("juni", "jun"),
        ("juli", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("oktober", "okt"),
        ("november", "nov"),
        ("dezember", "dez"),
    ),
    "it": (
        ("gennaio", "gen"),
        ("febbraio", "feb"),
        ("marzo", "mar"),
        ("aprile", "apr"),
        ("maggio", "mag"),
        ("giugno", "giu"),
        ("luglio", "lug"),
        ("agosto", "ago"),
        ("settembre", "set"),
        ("ottobre", "ott"),
        ("novembre", "nov"),
        ("dicembre", "dic"),
    ),
    "pt": (
        ("janeiro", "jan"),
        ("fevereiro", "fev"),
        ("março", "marco", "mar"),
        ("abril", "abr"),
        ("maio", "mai"),
        ("junho", "jun"),
        ("julho", "jul"),
        ("agosto", "ago"),
        ("setembro", "set"),
        ("outubro", "out"),
        ("novembro", "nov"),
        ("dezembro", "dez"),
    ),
    "ru": (  # nominative, genitive (what dates use), abbreviations
        ("январь", "января", "янв"),
        ("февраль", "февраля", "фев", "февр"),
        ("март", "марта", "мар"),
        ("апрель", "апреля", "апр"),
        ("май", "мая"),
        ("июнь", "июня", "июн"),
        ("июль", "июля", "июл"),
        ("август", "августа", "авг"),
        ("сентябрь", "сентября", "сен", "сент"),
        ("октябрь", "октября", "окт"),
        ("ноябрь", "ноября", "ноя", "нояб"),
        ("декабрь", "декабря", "дек"),
    ),
    "uk": (  # Ukrainian: genitive and nominative
        ("січня", "січень", "січ"),
        ("лютого", "лютий", "лют"),
        ("березня", "березень", "бер"),
        ("квітня", "квітень", "квіт", "кві"),
        ("травня", "травень", "трав", "тра"),
        ("червня", "червень", "черв", "чер"),
        ("липня", "липень", "лип"),
        ("серпня", "серпень", "серп", "сер"),
        ("вересня", "вересень", "вер"),
        ("жовтня", "жовтень", "жовт", "жов"),
        ("листопада", "листопад", "лист", "лис"),
        ("грудня", "грудень", "груд", "гру"),
    ),
    "sv": (
        ("januari", "jan"),
        ("februari", "feb"),
        ("mars", "mar"),
        ("april", "apr"),
        ("maj",),
        ("juni", "jun"),
        ("juli", "jul"),
        ("augusti", "aug"),
        ("september", "sep", "sept"),
        ("oktober", "okt"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    "nl": (
        ("januari", "jan"),
        ("februari", "feb"),
        ("maart", "mrt"),
        ("april", "apr"),
        ("mei",),
        ("juni", "jun"),
        ("juli", "jul"),
        ("augustus", "aug"),
        ("september", "sep", "sept"),
        ("oktober", "okt"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    "id": (
        ("januari", "jan"),
        ("februari", "feb"),
        ("maret", "mar"),
        ("april", "apr"),
        ("mei",),
        ("juni", "jun"),
        ("juli", "jul"),
        ("agustus", "agu", "agt", "ags"),
        ("september", "sep"),
        ("oktober", "okt"),
        ("november", "nov"),
        ("desember", "des"),
    ),
    "pl": (  # genitive (what dates use), nominative, abbreviations
        ("stycznia", "styczeń", "sty"),
        ("lutego", "luty", "lut"),
        ("marca", "marzec", "mar"),
        ("kwietnia", "kwiecień", "kwi"),
        ("maja", "maj"),
        ("czerwca", "czerwiec", "cze"),
        ("lipca", "lipiec", "lip"),
        ("sierpnia", "sierpień", "sie"),
        ("września", "wrzesień", "wrz"),
        ("października", "październik", "paź"),
        ("listopada", "listopad"),
        ("grudnia", "grudzień", "gru"),
    ),
    "tr": (
        ("ocak", "oca"),
        ("şubat", "şub"),
        ("mart", "mar"),
        ("nisan", "nis"),
        ("mayıs", "may"),
        ("haziran", "haz"),
        ("temmuz", "tem"),
        ("ağustos", "ağu"),
        ("eylül", "eyl"),
        ("ekim", "eki"),
        ("kasım", "kas"),
        ("aralık", "ara"),
    ),
}

# Vietnamese names a month with "tháng" and a number or a word: "18 tháng Tám",
# "18 tháng 8", "18 thg 8". The words only count after "tháng", since several
# are ordinary words ("hai", "ba", "năm").
VI_MONTH_WORDS: tuple[tuple[str, ...], ...] = (
    ("một", "giêng"),
    ("hai",),
    ("ba",),
    ("tư", "bốn"),
    ("năm",),
    ("sáu",),
    ("bảy",),
    ("tám",),
    ("chín",),
    ("mười",),
    ("mười một",),
    ("mười hai", "chạp"),
)
VI_MONTH_MARKERS: frozenset[str] = frozenset({"thang", "thg"})

# Words that may sit around a date and say nothing: articles and prepositions
# ("28 de febrero", "1st of March", "den 3 maj"), ordinal suffixes, the year
# word ("2024 г.", "ngày 18"), weekdays in English.
FILLER_WORDS: frozenset[str] = frozenset(
    {
        "de", "del", "of", "the", "den", "der", "am", "um", "le", "el", "la", "on",
        "st", "nd", "rd", "th", "er", "re", "eme", "e", "o", "a",
        "г", "года", "год", "р", "року", "roku", "r", "ngay", "nam",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    }
)  # fmt: skip


def fold(text: str) -> str:
    """Case- and accent-free form for comparing words (``Mär.`` → ``mar``)."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.casefold().replace("ı", "i").strip().rstrip(".")  # Turkish dotless i


def _build_month_lookup() -> dict[str, int]:
    lookup: dict[str, int] = {}
    for lang, months in MONTH_NAMES.items():
        if len(months) != 12:
            raise ValueError(f"MONTH_NAMES[{lang!r}] must name 12 months")
        for number, names in enumerate(months, start=1):
            for name in names:
                key = fold(name)
                if lookup.setdefault(key, number) != number:
                    raise ValueError(f"month name {name!r} ({lang}) is ambiguous")
    return lookup


MONTH_LOOKUP: dict[str, int] = _build_month_lookup()
VI_MONTH_LOOKUP: dict[str, int] = {
    fold(name): number for number, names in enumerate(VI_MONTH_WORDS, start=1) for name in names
}
if set(FILLER_WORDS) & set(MONTH_LOOKUP):  # pragma: no cover - a table error
    raise ValueError(f"filler words that are months: {set(FILLER_WORDS) & set(MONTH_LOOKUP)}")


class AmbiguousDate(ValueError):
    """``03/04/2024``: day and month could be either way round."""


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
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_EPOCH = re.compile(r"\d{10}")


def _check(year: int | None, month: int, day: int, text: str) -> None:
    if not 1 <= month <= 12:
        raise ValueError(f'"{text}" is not a date')
    leap_ok = 2000 if year is None else year  # no year: allow February 29
    if not 1 <= day <= calendar.monthrange(leap_ok, month)[1]:
        raise ValueError(f'"{text}" is not a date')
    if year is not None and not 1900 <= year <= 2200:
        raise ValueError(f'"{text}" is not a date')


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


def parse_date_cell(text: str, dayfirst: bool | None = None) -> DateCell:
    """Read one date cell in any language and layout Studio (or Excel) writes.

    ``dayfirst`` settles all-numeric dates like ``03/04/2024``; without it
    they raise :class:`AmbiguousDate` (``25/09/2024`` needs no help).
    Raises :class:`ValueError` naming the text for anything that is not a date.
    """
    raw = text
    text = unicodedata.normalize("NFKC", text).strip()
    text = re.sub(r"(?<=\d)T(?=\d)", " ", text)  # ISO 8601 "2026-07-12T09:00"
    bad = ValueError(f'"{raw.strip()}" is not a date')
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

    return _worded(rest, raw.strip(), clock, tz)


def _numeric(
    match: re.Match[str], dayfirst: bool | None, raw: str, clock: time | None, tz: timezone | None
) -> DateCell:
    """``25/09/2024``, ``9/25/2024``, ``25.09.`` — day or month first."""
    first, sep, second, third = match[1], match[2], match[3], match[4]
    if len(first) == 4 or (third is not None and len(third) not in (2, 4)):
        raise ValueError(f'"{raw}" is not a date')
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
        raise AmbiguousDate(f'"{raw}" could be day/month or month/day')
    day, month = (a, b) if dayfirst or a == b else (b, a)
    _check(year, month, day, raw)
    return DateCell(month, day, year, clock, tz)


def _worded(text: str, raw: str, clock: time | None, tz: timezone | None) -> DateCell:
    """A date with its month spelled out, in any language of the tables."""
    bad = ValueError(f'"{raw}" is not a date')
    tokens = [fold(t) for t in _TOKEN.findall(text)]
    month: int | None = None
    numbers: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in VI_MONTH_MARKERS and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            two = f"{nxt} {tokens[i + 2]}" if i + 2 < len(tokens) else ""
            if month is not None:
                raise bad
            if nxt.isdigit():
                month, i = int(nxt), i + 2
            elif two in VI_MONTH_LOOKUP:
                month, i = VI_MONTH_LOOKUP[two], i + 3
            elif nxt in VI_MONTH_LOOKUP:
                month, i = VI_MONTH_LOOKUP[nxt], i + 2
            else:
                raise bad
            continue
        if token.isdigit():
            numbers.append(token)
        elif token in MONTH_LOOKUP:
            if month is not None:
                raise bad
            month = MONTH_LOOKUP[token]
        elif token not in FILLER_WORDS:
            raise bad
        i += 1
    if month is None:
        raise bad
    years = [n for n in numbers if len(n) == 4]
    days = [n for n in numbers if len(n) <= 2]
    if len(days) != 1 or len(years) > 1 or len(years) + len(days) != len(numbers):
        raise bad
    year = int(years[0]) if years else None
    day = int(days[0])
    _check(year, month, day, raw)
    return DateCell(month, day, year, clock, tz)


def parse_hour(text: str) -> int:
    """An hour of the day 0..23 from ``"0"``, ``"13"``, ``"12 AM"``, ``"1 PM"``, ``"13:00"``."""
    raw = text.strip()
    folded = unicodedata.normalize("NFKC", raw).casefold().replace(".", "").replace(" ", "")
    match = re.fullmatch(r"(\d{1,2})(?::00(?::00)?)?(h|ч|時|시|giờ|uhr)?(am|pm)?", folded)
    if not match:
        raise ValueError(f'"{raw}" is not an hour')
    hour = int(match[1])
    if match[3]:
        if not 1 <= hour <= 12:
            raise ValueError(f'"{raw}" is not an hour')
        hour = hour % 12 + (12 if match[3] == "pm" else 0)
    if hour > 23:
        raise ValueError(f'"{raw}" is not an hour')
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
    and more often than up, or, with only two distinct days, they are a few
    days apart read one way and most of a year the other), so Studio's own
    files are never flipped.
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
    if ups + downs == 1:  # two runs of dates: which reading puts them closer?
        far = _distance([d for d, _ in forward])
        near = _distance([d for d, _ in backward])
        if near * 4 < far:
            return backward
    return forward


class DateColumnError(ValueError):
    """A date column that cannot be read; ``index`` is the offending cell's position."""

    def __init__(self, index: int, message: str) -> None:
        super().__init__(message)
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


def parse_date_column(texts: Sequence[str | None]) -> list[DateCell | None]:
    """Parse a whole column, so all-numeric dates share one day/month order.

    The order comes from a cell that can only be read one way (``25/09/2024``),
    else from the one reading under which the rows are in date order (and, if
    both are, the one whose rows lie closer together, as daily rows do). ``None``
    cells (blank) stay ``None``. Raises :class:`DateColumnError`.
    """
    votes: dict[bool, int] = {}
    for index, text in enumerate(texts):
        if text is not None:
            vote = numeric_order(text)
            if vote is not None:
                votes.setdefault(vote, index)
    if len(votes) == 2:
        raise DateColumnError(
            max(votes.values()), "dates are written both day-first and month-first"
        )
    dayfirst = next(iter(votes), None)

    def parse_all(order: bool | None) -> list[DateCell | None]:
        out: list[DateCell | None] = []
        for index, text in enumerate(texts):
            if text is None:
                out.append(None)
                continue
            try:
                out.append(parse_date_cell(text, order))
            except AmbiguousDate:
                raise
            except ValueError as exc:
                raise DateColumnError(index, str(exc)) from None
        return out

    try:
        return parse_all(dayfirst)
    except AmbiguousDate as exc:
        first = next(i for i, t in enumerate(texts) if t is not None and _is_ambiguous(t))
        readings = []
        for order in (True, False):
            cells = parse_all(order)
            if _monotonic([c for c in cells if c is not None]):
                readings.append(cells)
        if len(readings) == 2:  # both in order: a daily series moves by days, not months
            spans = [_spread([c for c in r if c is not None]) for r in readings]
            if spans[0] != spans[1]:
                readings = [readings[spans.index(min(spans))]]
        if len(readings) == 1:
            return readings[0]
        raise DateColumnError(first, f"{exc}; write dates as YYYY-MM-DD") from None


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
    if number > 1e11:  # milliseconds: seconds this large would be after year 5000
        number = number / 1000
    try:
        return datetime.fromtimestamp(number, UTC)
    except (OverflowError, OSError, ValueError):
        raise refuse_value(where, value, "a Unix time") from None


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
    raise refuse_value(where, value, "a date (YYYY-MM-DD)")
