"""Counts and shares as Studio and spreadsheets write them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiktui.data.importers.numbers import (
    fractions_of_column,
    is_missing,
    parse_count,
    parse_fraction,
    parse_share,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0", 0),
        ("1234", 1234),
        ("-1", -1),
        ("+5", 5),
        ("1,234", 1234),
        ("1,234,567", 1234567),
        ("1 234", 1234),
        ("1\u00a0234", 1234),  # no-break space, as French/Swedish Excel groups
        ("1\u202f234\u202f567", 1234567),  # narrow no-break space
        ("1.234", 1234),  # German grouping: a count is never fractional
        ("1'234", 1234),
        ("12.0", 12),  # a numeric Excel cell
        ("12,0", 12),
        ("1,234.0", 1234),
        ("1.234,0", 1234),
        ("1.2E+5", 120000),
        (" 42 ", 42),
        ("\u2212" + "7", -7),  # a typographic minus
        ("\uff11\uff12", 12),  # full-width digits
    ],
)
def test_counts(text: str, value: int) -> None:
    assert parse_count(text) == value


@pytest.mark.parametrize(
    "text", ["undefined", "", "  ", "-", "--", "NaN", "nan", "N/A", "null", "None", "\u2014", None]
)
def test_missing_is_none_never_zero(text: str | None) -> None:
    assert is_missing(text)
    assert parse_count(text) is None
    assert parse_fraction(text) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("12k3", '"12k3" is not a number'),
        ("1.2K", '"1.2K" is not a number'),
        ("abc", '"abc" is not a number'),
        ("12.5", '"12.5" is not a whole number'),
        ("true", '"true" is not a number'),
        ("1,23,4", '"1,23,4" is not a number'),
    ],
)
def test_bad_counts_say_what_they_are(text: str, message: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_count(text)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0.61", 0.61),
        ("61%", 0.61),
        ("61.5 %", 0.615),
        ("61,5 %", 0.615),
        ("0,59", 0.59),
        ("%61", 0.61),  # Turkish
        ("1", 1.0),
        ("0", 0.0),
        ("100%", 1.0),
    ],
)
def test_shares(text: str, value: float) -> None:
    assert parse_share(text) == pytest.approx(value)


def test_bare_numbers_above_one_make_the_column_percent() -> None:
    cells = [parse_fraction(t) for t in ("59", "38", "3", "undefined")]
    assert fractions_of_column(cells) == pytest.approx([0.59, 0.38, 0.03, None])


def test_fraction_column_stays_fractions() -> None:
    cells = [parse_fraction(t) for t in ("0.59", "0.38", "3%")]
    assert fractions_of_column(cells) == pytest.approx([0.59, 0.38, 0.03])


def test_bad_share() -> None:
    with pytest.raises(ValueError, match='"<1%" is not a number'):
        parse_fraction("<1%")


def _group(n: int, sep: str) -> str:
    digits = str(abs(n))
    parts = []
    while digits:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    return ("-" if n < 0 else "") + sep.join(parts)


@given(
    st.integers(min_value=-(10**12), max_value=10**12),
    st.sampled_from(["", ",", " ", "\u00a0", "\u202f", "'"]),
)
def test_grouped_integers_round_trip(n: int, sep: str) -> None:
    assert parse_count(_group(n, sep)) == n


@given(st.integers(min_value=-(10**9), max_value=10**9))
def test_excel_floats_round_trip(n: int) -> None:
    assert parse_count(f"{float(n)}") == n
    assert parse_count(repr(float(n))) == n


@given(st.integers(min_value=0, max_value=10000))
def test_percent_and_fraction_agree(basis_points: int) -> None:
    share = basis_points / 10000
    as_percent = f"{basis_points / 100:g}%"
    as_fraction = f"{share:.4f}"
    assert parse_share(as_percent) == pytest.approx(share)
    assert parse_share(as_fraction) == pytest.approx(share)
    column = fractions_of_column([parse_fraction(as_percent), parse_fraction(as_fraction)])
    assert column == pytest.approx([share, share])
