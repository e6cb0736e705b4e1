"""Numbers as TikTok Studio exports (and spreadsheets re-saving them) write them.

Studio writes plain integers, but a file that went through Excel or a
localized interface comes back with thousands grouping (``1,234``, ``1 234``
with a non-breaking space, ``1.234``), floats (``12.0`` from a numeric cell),
percent signs and decimal commas. A day TikTok has not processed yet reads
``undefined``: that is missing, never zero, so it becomes ``None``.

Functions raise :class:`BadValue` (a :class:`ValueError` with a reason id:
``"12k3" is not a number``); the importer adds the line and column. JSON values (:func:`to_number`
and its kin) are numbers or numbers written as strings; they raise
:class:`Refused` naming where the value is.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from .base import BadValue, Refused
from .reasons import shown

#: Cell texts that mean "no value" (compared case-insensitively, after trimming).
MISSING_TOKENS: frozenset[str] = frozenset(
    {
        "",
        "-",
        "--",
        "\u2013",  # en dash
        "\u2014",  # em dash
        "undefined",
        "nan",
        "n/a",
        "null",
        "none",
        "#n/a",
    }
)

# Every character a spreadsheet may use to group thousands, besides "," and ".".
_GROUP_SPACES = "\u00a0\u202f\u2009\u2007 '\u2019_"
_SIGNS = {"\u2212": "-", "\u2013": "-", "\uff0d": "-", "\uff0b": "+"}  # minus look-alikes

_INT = re.compile(r"[+-]?\d+")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")
_DECIMAL = re.compile(r"[+-]?(?:\d+[.,]?\d*|[.,]\d+)(?:[eE][+-]?\d+)?")
_FRACTION_PART = re.compile(r"\d+(?:[eE][+-]?\d+)?")


def _clean(text: str) -> str:
    """NFKC (full-width digits), no surrounding or grouping space, ASCII signs."""
    text = unicodedata.normalize("NFKC", text).strip()
    for bad, good in _SIGNS.items():
        text = text.replace(bad, good)
    return text


def is_missing(text: str | None) -> bool:
    """True for a cell that holds no value (``undefined``, ``-``, ``NaN``, blank...)."""
    if text is None:
        return True
    return unicodedata.normalize("NFKC", text).strip().casefold() in MISSING_TOKENS


def _strip_groups(text: str) -> str:
    for ch in _GROUP_SPACES:
        text = text.replace(ch, "")
    return text


def _to_float(text: str) -> float:
    """A decimal number with ``.`` or ``,`` as the decimal mark, maybe grouped."""
    body = _strip_groups(text)
    if "," in body and "." in body:
        # "1,234.5" or "1.234,5": the last mark is the decimal one.
        decimal = "," if body.rfind(",") > body.rfind(".") else "."
        whole, _, frac = body.rpartition(decimal)
        if not _GROUPED.fullmatch(whole) or not _FRACTION_PART.fullmatch(frac):
            raise ValueError
        return float(whole.replace(",", "").replace(".", "") + "." + frac)
    if _DECIMAL.fullmatch(body):
        return float(body.replace(",", "."))
    raise ValueError


def parse_count(text: str | None) -> int | None:
    """A whole number, or None when the cell says the value is missing.

    Accepts a sign, thousands grouped by ``,`` ``.`` or any space, and a float
    that is whole (``12.0``, ``1.2E+5``). ``1.234`` and ``1,234`` are read as
    grouped thousands: a count is never fractional.
    """
    if is_missing(text):
        return None
    assert text is not None
    raw = text.strip()
    body = _clean(text)
    compact = _strip_groups(body)
    if _INT.fullmatch(compact):
        return _in_range(int(compact), raw)
    if _GROUPED.fullmatch(compact):
        return _in_range(int(compact.replace(",", "").replace(".", "")), raw)
    try:
        value = _to_float(body)
    except ValueError:
        raise BadValue("not_a_number", value=shown(raw)) from None
    if not math.isfinite(value) or value != int(value):
        raise BadValue("not_a_whole_number", value=shown(raw))
    return _in_range(int(value), raw)


_COUNT_LIMIT = 2**63  # counts are stored as Int64


def _in_range(value: int, raw: str) -> int:
    """A count the store can hold; a 20-digit cell is damage, not a count."""
    if not -_COUNT_LIMIT <= value < _COUNT_LIMIT:
        raise BadValue("count_too_large", value=shown(raw))
    return value


def parse_fraction(text: str | None) -> tuple[float, bool] | None:
    """A share as ``(value, had_percent_sign)``; None when missing.

    ``"61%"`` and ``"61.5 %"`` give ``(0.61, True)`` / ``(0.615, True)``;
    ``"0.61"`` gives ``(0.61, False)``. Whether a bare ``61`` is a percent is a
    question about the whole column, answered by :func:`fractions_of_column`.
    """
    if is_missing(text):
        return None
    assert text is not None
    raw = text.strip()
    body = _clean(text)
    percent = False
    if body.endswith("%") or body.endswith("\uff05"):
        percent = True
        body = body[:-1].strip()
    elif body.startswith("%"):  # Turkish writes %61
        percent = True
        body = body[1:].strip()
    try:
        value = _to_float(body)
    except ValueError:
        raise BadValue("not_a_number", value=shown(raw)) from None
    if not math.isfinite(value):
        raise BadValue("not_a_number", value=shown(raw))
    return (value / 100.0 if percent else value), percent


def fractions_of_column(cells: list[tuple[float, bool] | None]) -> list[float | None]:
    """Shares in 0..1 for a whole column of :func:`parse_fraction` results.

    Bare numbers are fractions (``0.59``) unless one of them exceeds 1, in which
    case the column was written in percent without the sign (``59``).
    """
    bare_percent = any(c is not None and not c[1] and c[0] > 1.0 for c in cells)
    out: list[float | None] = []
    for cell in cells:
        if cell is None:
            out.append(None)
        elif bare_percent and not cell[1]:
            out.append(cell[0] / 100.0)
        else:
            out.append(cell[0])
    return out


def parse_share(text: str | None) -> float | None:
    """One share on its own: ``"61%"`` → 0.61, ``"0.59"`` → 0.59, ``"59"`` → 0.59."""
    return fractions_of_column([parse_fraction(text)])[0]


# --------------------------------------------------------------------------- JSON values


def refuse_value(where: str, value: Any, code: str) -> Refused:
    """The refusal ``code`` for a JSON ``value`` at ``where`` (the value shown as JSON)."""
    return Refused(code, where=where, value=shown(value))


def to_number(value: Any, where: str) -> int | float | None:
    """A JSON number or a number written as a string; missing markers are None.

    TikTok writes many numbers as strings (``"create_time":"1700000000"``);
    ``NaN``, ``undefined`` and empty strings are missing, never zero.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise refuse_value(where, value, "not_a_number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        text = value.strip()
        if text.lower() in MISSING_TOKENS:
            return None
        if _INT.fullmatch(text):
            return int(text)
        try:
            number = float(text)
        except ValueError:
            raise refuse_value(where, value, "not_a_number") from None
        return number if math.isfinite(number) else None
    raise refuse_value(where, value, "not_a_number")


def to_int(value: Any, where: str) -> int | None:
    """A count: a whole number (``12``, ``"12"``, ``12.0``), else refused."""
    number = to_number(value, where)
    if number is not None and not isinstance(number, int):
        if not number.is_integer():
            raise refuse_value(where, value, "not_a_whole_number")
        number = int(number)
    if number is not None and not -(2**63) <= number < 2**63:
        raise refuse_value(where, value, "count_too_large")
    return number


def to_float(value: Any, where: str) -> float | None:
    number = to_number(value, where)
    try:
        return None if number is None else float(number)
    except OverflowError:  # an int past 1.8e308
        raise refuse_value(where, value, "number_too_large") from None


def to_bool(value: Any, where: str) -> bool | None:
    """``true``/``false``, ``1``/``0`` or those as strings."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("true", "1", "yes"):
            return True
        if text in ("false", "0", "no"):
            return False
        if text in MISSING_TOKENS:
            return None
    raise refuse_value(where, value, "not_a_bool")
