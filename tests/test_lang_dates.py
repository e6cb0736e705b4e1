"""Day-month cells in every interface language: babel's own output, seen samples, glibc's names."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from babel.dates import format_date, format_skeleton
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tiktui.data.lang import (
    DayMonth,
    LanguageError,
    NotADate,
    language_codes,
    parse_day_month,
    read_column,
    readings,
)
from tiktui.data.lang.tables import cldr_data

FIXTURES = Path(__file__).parent / "fixtures" / "lang"
CODES = language_codes()
DAYS = [date(2024, month, day) for month in range(1, 13) for day in (1, 28)]
# Real patterns: long, short, genitive and stand-alone names, a leading weekday.
PATTERNS = ("d MMMM", "MMMM d", "EEEE d MMMM", "d LLLL", "d LLL", "d MMM", "EEE, d MMM")
SKELETONS = ("MMMMd", "MMMd", "MMMMEd", "yMMMMd", "yMMMd")
# A few regional variants whose names differ from the language's main locale.
VARIANTS = {"de": "de_AT", "es": "es_MX", "pt": "pt_PT", "sr": "sr_Latn", "fr": "fr_CA"}
# Native digits per CLDR numbering system (the Unicode zero of each).
ZEROS = {
    "arab": 0x660,
    "arabext": 0x6F0,
    "beng": 0x9E6,
    "deva": 0x966,
    "mymr": 0x1040,
    "khmr": 0x17E0,
    "tamldec": 0xBE6,
    "telu": 0xC66,
    "thai": 0xE50,
}


def _formats(locale: str, when: date) -> list[str]:
    out = [format_date(when, pattern, locale=locale) for pattern in PATTERNS]
    out += [format_skeleton(s, when, locale=locale) for s in SKELETONS]
    out += [format_date(when, width, locale=locale) for width in ("long", "full")]
    return [text for text in out if _worded(text)]


def _worded(text: str) -> bool:
    """Some locales' ``MMMd`` is all digits (cs ``1. 1.``): not a month name, not read here."""
    return any(ch.isalpha() for ch in text)


def _expected(text: str, when: date) -> DayMonth:
    return DayMonth(when.month, when.day, when.year if str(when.year) in text else None)


@pytest.mark.parametrize("code", CODES)
def test_every_language_reads_what_babel_writes(code: str) -> None:
    """Every month, days 1 and 28, in the patterns real files use, in the locale's own skeletons."""
    locales = [code] + ([VARIANTS[code]] if code in VARIANTS else [])
    for locale in locales:
        for when in DAYS:
            for text in _formats(locale, when):
                if code == "th" and "พ.ศ." in text:
                    continue  # never: babel writes Gregorian years
                assert parse_day_month(text, code) == _expected(text, when), (locale, text)


@pytest.mark.parametrize(
    "code", [c for c in CODES if cldr_data()["languages"][c]["numbering"]["native"] in ZEROS]
)
def test_native_digits_read(code: str) -> None:
    zero = ZEROS[cldr_data()["languages"][code]["numbering"]["native"]]
    native = str.maketrans({str(n): chr(zero + n) for n in range(10)})
    for when in DAYS:
        text = format_date(when, "d MMMM", locale=code).translate(native)
        assert parse_day_month(text, code) == DayMonth(when.month, when.day), text


@pytest.mark.parametrize(
    ("text", "month", "day"),
    [
        ("September 25", 9, 25),
        ("28 May", 5, 28),
        ("Sep 1", 9, 1),
        ("18 января", 1, 18),
        ("28 de febrero", 2, 28),
        ("30 de abril", 4, 30),
        ("25 Φεβρουαρίου", 2, 25),
        ("Σάββατο 25 Φεβρουαρίου", 2, 25),
        ("11 septembre", 9, 11),
        ("18 tháng Tám", 8, 18),
        ("9月13日", 9, 13),
        ("13 de set.", 9, 13),
        ("١٣ سبتمبر", 9, 13),
        ("2월 13일", 2, 13),
    ],
)
def test_seen_samples_read(text: str, month: int, day: int) -> None:
    column = read_column([text])
    assert column.dates == [DayMonth(month, day)]


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        ("25\u00a0févr.", "fr", DayMonth(2, 25)),  # NBSP
        ("25\u202ffévr", "fr", DayMonth(2, 25)),  # narrow NBSP, no dot
        ("25 fevrier", "fr", DayMonth(2, 25)),  # no accent
        ("ΣΆΒΒΑΤΟ 25 ΦΕΒΡΟΥΑΡΊΟΥ", "el", DayMonth(2, 25)),  # capitals
        ("25 φεβρουαριου", "el", DayMonth(2, 25)),  # no tonos
        ("25 Fe\u0301vrier 2024", "fr", DayMonth(2, 25, 2024)),  # decomposed (NFD)
        ("２５ 九月", "zh_Hans", DayMonth(9, 25)),  # full-width digits
        ("2024年9月13日", "ja", DayMonth(9, 13, 2024)),
        ("25 בפברואר", "he", DayMonth(2, 25)),
        ("25 ก.พ. 2567", "th", DayMonth(2, 25, 2024)),  # Buddhist era
        ("ngày 18 tháng 12 năm 2024", "vi", DayMonth(12, 18, 2024)),
        ("25th of March", "en", DayMonth(3, 25)),
        ("29 February", "en", DayMonth(2, 29)),  # no year: a leap day may be
        ("mar, 5 mar", "es", DayMonth(3, 5)),  # martes 5 de marzo: one word, both
        ("mar., 5 mar.", "ro", DayMonth(3, 5)),
    ],
)
def test_spellings_read(text: str, code: str, expected: DayMonth) -> None:
    assert parse_day_month(text, code) == expected


@pytest.mark.parametrize(
    "text",
    ["2024/10/01", "25.09.", "", "September", "32 May", "30 February", "29 February 2023",
     "1 2 May", "May June 3", "Ma 5", "25 Mai 24"],
)  # fmt: skip
def test_not_a_day_and_month_name(text: str) -> None:
    assert readings(text) == {}
    with pytest.raises(NotADate):
        parse_day_month(text, "en")


def test_refusal_names_the_cell_with_control_characters_visible() -> None:
    with pytest.raises(NotADate) as caught:
        parse_day_month("3\x1b[2J May", "fr")
    assert "\\u001b" in str(caught.value)


# Column level: month names collide across languages.


def test_listopad_is_refused_unless_the_language_is_known() -> None:
    cells = ["3 listopad", "4 listopad"]
    with pytest.raises(LanguageError) as caught:
        read_column(cells)
    assert caught.value.index == 0
    assert "hr" in caught.value.languages
    assert read_column(cells, prefer="hr").dates[0] == DayMonth(10, 3)
    assert read_column(cells, prefer="cs").dates[0] == DayMonth(11, 3)
    assert read_column(cells, prefer=["de", "pl"]).language == "pl"
    with pytest.raises(LanguageError):  # a preference that reads none of it settles nothing
        read_column(cells, prefer="de")
    assert read_column(["9月13日"], prefer="zh-Hant").language == "zh_Hant"  # BCP 47 spelling


def test_a_column_settles_its_language_from_any_cell() -> None:
    """``listopada`` is hr or pl; ``lutego`` only Polish: the column is Polish."""
    column = read_column(["30 listopada", None, "1 lutego", ""])
    assert column.language == "pl"
    assert column.dates == [DayMonth(11, 30), None, DayMonth(2, 1), None]


def test_languages_that_agree_are_named_not_refused() -> None:
    column = read_column(["Sep 1", "Sep 2"])
    assert column.language == "en"
    assert "nl" in column.also
    assert column.dates == [DayMonth(9, 1), DayMonth(9, 2)]


def test_no_language_reads_every_cell() -> None:
    with pytest.raises(LanguageError) as caught:
        read_column(["25 Φεβρουαρίου", "18 января"])
    assert caught.value.index == 1
    assert caught.value.languages == ("ru",)


def test_a_cell_that_is_no_date_anywhere() -> None:
    with pytest.raises(LanguageError) as caught:
        read_column(["25 Φεβρουαρίου", "soon"])
    assert caught.value.index == 1
    assert caught.value.languages == ()


# glibc's locale data: a source outside CLDR.

GLIBC = json.loads((FIXTURES / "glibc_months.json").read_text(encoding="utf-8"))["languages"]
# glibc's Khmer abbreviated months are bare numerals (១..១២): a number alone is
# not a month name, so they are deliberately not read.
NUMERALS = {("km", "abmon")}


@pytest.mark.parametrize("code", [c for c, item in GLIBC.items() if item["locale"]])
def test_glibc_dates_and_month_names_read(code: str) -> None:
    item = GLIBC[code]
    stated = item["date"]
    expected = DayMonth(stated["month"], stated["day"], stated["year"])
    assert parse_day_month(stated["text"], code) == expected, (item["locale"], stated["text"])
    for key in ("mon", "abmon", "alt_mon", "ab_alt_mon"):
        if (code, key) in NUMERALS:
            continue
        for month, name in enumerate(item.get(key, []), start=1):
            assert parse_day_month(f"7 {name}", code) == DayMonth(month, 7), (key, name)


def test_glibc_covers_every_language_it_has() -> None:
    missing = sorted(c for c, item in GLIBC.items() if not item["locale"])
    assert missing == ["ceb", "jv"]
    assert set(GLIBC) == set(CODES)


# Hypothesis: random dates, languages and patterns.

ALL_PATTERNS = PATTERNS + tuple(f"skeleton:{s}" for s in SKELETONS) + ("long", "full")


@settings(max_examples=300, deadline=None)
@given(
    when=st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
    code=st.sampled_from(CODES),
    pattern=st.sampled_from(ALL_PATTERNS),
)
# Tuesday in March: the weekday's abbreviation is the month's ("mar., 5 mar.").
@example(when=date(2024, 3, 5), code="ro", pattern="EEE, d MMM")
@example(when=date(2024, 3, 26), code="es", pattern="EEE, d MMM")
@example(when=date(2024, 3, 12), code="ceb", pattern="EEE, d MMM")
def test_round_trip(when: date, code: str, pattern: str) -> None:
    if pattern.startswith("skeleton:"):
        text = format_skeleton(pattern.split(":", 1)[1], when, locale=code)
    else:
        text = format_date(when, pattern, locale=code)
    if not _worded(text):
        assert readings(text) == {}
        return
    assert parse_day_month(text, code) == _expected(text, when), text
    found = readings(text)
    assert found[code] == _expected(text, when)
    assert read_column([text], prefer=code).language == code  # the preference settles it


# Where glibc has no locale (ceb, jv): other sources outside CLDR.

OTHER = json.loads((FIXTURES / "other_sources.json").read_text(encoding="utf-8"))["languages"]


@pytest.mark.parametrize("key", sorted(OTHER))
def test_other_sources_read(key: str) -> None:
    item = OTHER[key]
    code = item.get("language", key)
    for names in ("months", "months_genitive", "months_short"):
        for month, name in enumerate(item.get(names, []), start=1):
            assert parse_day_month(f"7 {name}", code) == DayMonth(month, 7), (names, name)
    for weekday in item["weekdays"]:
        assert parse_day_month(f"{weekday}, 7 {item['months'][4]}", code) == DayMonth(5, 7)
    for sample in item["samples"]:
        expected = DayMonth(sample["month"], sample["day"], sample["year"])
        assert parse_day_month(sample["text"], code) == expected


def test_every_language_is_checked_against_a_source_outside_cldr() -> None:
    glibc = {c for c, item in GLIBC.items() if item["locale"]}
    other = {item.get("language", key) for key, item in OTHER.items()}
    assert glibc | other == set(CODES)
