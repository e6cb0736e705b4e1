"""Day and month (and maybe year) from a cell with a month name, in any interface language.

``25 Φεβρουαρίου``, ``Σάββατο 25 Φεβρουαρίου``, ``9月13日``, ``13 de set.``,
``١٣ سبتمبر``, ``18 tháng Tám``, ``September 25, 2024``: one month name (or the
CJK/Korean month marker, or Vietnamese ``tháng``), one day, maybe a four-digit
year, maybe a weekday, and the small words a language puts around them. Which
token is which comes from the tables, so word order does not matter. Dates
written only in digits (``2024/10/01``, ``25.09.``), two-digit years and times
of day are not read here: the caller reads the first and strips the last.

Month names collide across languages (``listopad`` is October in Croatian and
November in Czech and Polish; ``mar`` is March in English and Tuesday in
French), so a column is read with :func:`read_column`, which picks the
language in which every cell reads and refuses when languages that all read
the column disagree on a date.
"""

from __future__ import annotations

import calendar
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from tiktui.data.lang.tables import Language, language_codes, languages
from tiktui.data.lang.text import fold, tokens

_MONTHS = (
    "January February March April May June July August September October November December"
).split()
# Thai dates may count years in the Buddhist era (2567 = 2024).
_BUDDHIST_ERA = {"th": 543}


class DayMonth(NamedTuple):
    """What a cell says: a month and a day, and the year only when it is written."""

    month: int
    day: int
    year: int | None = None


class NotADate(ValueError):
    """The cell is not a day and a month name in the language(s) tried."""


class LanguageError(ValueError):
    """A column no single language reads, or that reads differently in two languages.

    ``index`` is the position of the cell that shows it; ``languages`` the
    languages involved (empty when no language reads that cell). ``code`` and
    ``fields`` are the refusal reason an importer gives for it
    (:mod:`tiktui.data.importers.reasons`).
    """

    def __init__(
        self,
        message: str,
        index: int,
        languages: tuple[str, ...] = (),
        code: str = "month_in_no_language",
        /,
        **fields: str,
    ) -> None:
        super().__init__(message)
        self.index = index
        self.languages = languages
        self.code = code
        self.fields = fields


@dataclass(frozen=True)
class ColumnDates:
    """A column read in one language: ``dates`` parallels the cells (``None`` for blanks)."""

    language: str
    dates: list[DayMonth | None]
    also: tuple[str, ...] = ()  # other languages that read every cell the same way


def _quote(text: str) -> str:
    """The cell as a message shows it: trimmed, control characters made visible."""
    shown = "".join(
        f"\\u{ord(ch):04x}" if unicodedata.category(ch)[0] == "C" or ch in "\u2028\u2029" else ch
        for ch in text.strip()
    )
    return f'"{shown[:60]}…"' if len(shown) > 60 else f'"{shown}"'


def _read(lang: Language, words: tuple[str, ...], bare: tuple[str, ...]) -> DayMonth | None:
    months: list[tuple[int, bool]] = []  # (month, could be a weekday)
    numbers: list[str] = []
    at = 0
    while at < len(words):
        found = lang.match(words, bare, at)
        if found is None:
            if not words[at].isdigit():
                return None
            numbers.append(words[at])
            at += 1
            continue
        (kind, value), size = found
        if kind == "month":  # weekdays and fillers are skipped
            span = slice(at, at + size)
            months.append((value, lang.also_weekday(words[span], bare[span])))
        at += size
    if len(months) > 1:  # Cebuano "Mar, 28 May": Martes, not Marso
        only = [m for m in months if not m[1]]
        if not only and len(months) == 2 and months[0][0] == months[1][0]:
            # Spanish "mar, 5 mar" (martes 5 de marzo): the same word is both the
            # weekday and the month, so whichever is which, the month is March.
            only = months[:1]
        months = only
    if len(months) != 1:
        return None
    month = months[0][0]
    days = [int(n) for n in numbers if len(n) <= 2]
    years = [int(n) for n in numbers if len(n) == 4]
    if len(days) != 1 or len(years) > 1 or len(days) + len(years) != len(numbers):
        return None
    year = years[0] if years else None
    if year is not None:
        year -= _BUDDHIST_ERA.get(lang.code, 0) if year > 2400 else 0
        if not 1900 <= year <= 2200:
            return None
    if not 1 <= days[0] <= calendar.monthrange(year or 2000, month)[1]:
        return None
    return DayMonth(month, days[0], year)


def _words(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    words = tokens(text)
    return words, tuple(fold(w) for w in words)


def parse_day_month(text: str, language: str) -> DayMonth:
    """Read one cell in one language (a CLDR code from :func:`language_codes`).

    Case-insensitive; dots, commas and spacing are free; accents may be
    missing where that leaves the word unambiguous; any Unicode digits.
    Raises :class:`NotADate` naming the cell, or :class:`KeyError` for an
    unknown language.
    """
    found = _read(languages()[language], *_words(text))
    if found is None:
        raise NotADate(f"{_quote(text)} is not a date in {language}")
    return found


def readings(text: str, candidates: Iterable[str] | None = None) -> dict[str, DayMonth]:
    """Every language (of ``candidates``, default all) in which the cell reads, and as what."""
    words, bare = _words(text)
    tables = languages()
    out: dict[str, DayMonth] = {}
    for code in language_codes() if candidates is None else candidates:
        found = _read(tables[code], words, bare)
        if found is not None:
            out[code] = found
    return out


def _preferred(prefer: str | Sequence[str] | None) -> list[str]:
    if prefer is None:
        return []
    codes = [prefer] if isinstance(prefer, str) else list(prefer)
    return [code.replace("-", "_") for code in codes]  # "zh-Hant" as BCP 47 writes it


def read_column(
    cells: Sequence[str | None], prefer: str | Sequence[str] | None = None
) -> ColumnDates:
    """Read a column of date cells in the one language in which every cell reads.

    ``prefer`` (a code or codes, e.g. the language of the file's headers)
    settles a tie: the first preferred language that reads every cell wins.
    Otherwise the languages that read every cell must agree on every date;
    the result names the first of them (``en`` before the rest), and ``also``
    the others. ``None`` and blank cells stay ``None``.

    Raises :class:`LanguageError` when a cell reads in no language, when no
    one language reads every cell, or when two languages read the column with
    different dates (``listopad``: October in hr, November in cs).
    """
    order = {code: n for n, code in enumerate(language_codes())}
    order["en"] = -1
    candidates: list[str] = sorted(order, key=order.__getitem__)
    per_cell: list[dict[str, DayMonth] | None] = []
    for index, cell in enumerate(cells):
        if cell is None or not cell.strip():
            per_cell.append(None)
            continue
        found = readings(cell, candidates)
        if not found:
            raise _no_reading(cells, index, per_cell)
        candidates = [c for c in candidates if c in found]
        per_cell.append(found)
    for code in _preferred(prefer):
        if code in candidates:
            return _column(code, per_cell, [c for c in candidates if c != code])
    first = candidates[0]
    for index, found in enumerate(per_cell):
        if found is None:
            continue
        other = next((c for c in candidates if found[c] != found[first]), None)
        if other is not None:
            raise _disagree(cells[index] or "", index, found, first, other)
    return _column(first, per_cell, candidates[1:])


def _column(
    code: str, per_cell: list[dict[str, DayMonth] | None], others: list[str]
) -> ColumnDates:
    dates = [None if found is None else found[code] for found in per_cell]
    agree = tuple(c for c in others if all(f is None or f[c] == f[code] for f in per_cell))
    return ColumnDates(code, dates, agree)


def _no_reading(
    cells: Sequence[str | None], index: int, per_cell: list[dict[str, DayMonth] | None]
) -> LanguageError:
    text = cells[index] or ""
    everywhere = readings(text)
    if not everywhere:
        return LanguageError(
            f"{_quote(text)} is not a day and month in any language", index, value=_quote(text)
        )
    earlier = next(i for i, found in enumerate(per_cell) if found is not None)
    langs = tuple(everywhere)
    return LanguageError(
        f"no one language reads both {_quote(cells[earlier] or '')} and {_quote(text)} "
        f"(the latter reads in {', '.join(langs)})",
        index,
        langs,
        "month_languages_differ",
        first=_quote(cells[earlier] or ""),
        value=_quote(text),
        languages=", ".join(langs),
    )


def _disagree(
    text: str, index: int, found: dict[str, DayMonth], first: str, other: str
) -> LanguageError:
    a, b = found[first], found[other]
    return LanguageError(
        f"{_quote(text)} is {_MONTHS[a.month - 1]} {a.day} in {first} but "
        f"{_MONTHS[b.month - 1]} {b.day} in {other}; say the interface language",
        index,
        (first, other),
        "month_reads_differently",
        value=_quote(text),
        one=f"{_MONTHS[a.month - 1]} {a.day}",
        first=first,
        other=f"{_MONTHS[b.month - 1]} {b.day}",
        second=other,
    )
