"""The month tables: generated from CLDR and current, seen spellings justified, 0.1 kept."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tiktui.data.lang import NotADate, language_codes, parse_day_month
from tiktui.data.lang.tables import _build, cldr_data, languages, seen_data
from tiktui.data.lang.text import tokens

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "lang"

# The languages of TikTok's interface the issue names; every one is in CLDR.
INTERFACE = (
    "ar bn ceb cs da de el en es et fa fi fil fr he hi hr hu id it ja jv km kk ko lt lv "
    "ms my nb nl pl pt ro ru sk sl sr sv sw ta te th tr uk ur uz vi zh_Hans zh_Hant"
).split()


def _script(name: str):  # noqa: ANN202 - a module
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_months_json_is_what_babel_generates_today() -> None:
    """Regenerating from CLDR gives the committed file byte for byte: it cannot go stale."""
    make = _script("make_lang_data")
    committed = (ROOT / "tiktui" / "data" / "lang" / "months.json").read_text(encoding="utf-8")
    assert make.render(make.build()) == committed, (
        "tiktui/data/lang/months.json is stale: run python scripts/make_lang_data.py"
    )


def test_every_interface_language_has_twelve_months_and_seven_weekdays() -> None:
    assert set(INTERFACE) <= set(language_codes())
    for code, entry in cldr_data()["languages"].items():
        assert len(entry["months"]) == 12, code
        assert all(entry["months"]), code
        assert len(entry["weekdays"]) == 7, code
        assert all(entry["weekdays"]), code


def test_greek_has_both_the_genitive_and_the_stand_alone_february() -> None:
    february = cldr_data()["languages"]["el"]["months"][1]
    assert "Φεβρουαρίου" in february and "Φεβρουάριος" in february


def test_native_digits_are_noted_where_cldr_uses_them_by_default() -> None:
    numbering = {c: e["numbering"] for c, e in cldr_data()["languages"].items()}
    assert numbering["fa"]["default"] == "arabext"
    assert numbering["bn"]["default"] == "beng"
    assert numbering["my"]["default"] == "mymr"
    assert "ar_EG" in numbering["ar"]["native_by_default_in"]


def test_every_seen_spelling_says_where_it_comes_from_and_is_not_in_cldr() -> None:
    """A seen spelling CLDR already has would be dead weight; one without a note, a guess."""
    seen = seen_data()
    for section, key in (("months", "month"), ("weekdays", "weekday")):
        for code, items in seen[section].items():
            bare = _build(code, cldr_data()["languages"][code], {})
            for item in items:
                assert item["note"].strip(), item
                if section == "months":
                    with pytest.raises(NotADate):
                        _read_with(bare, f"1 {item['spelling']}")
                else:
                    assert tokens(item["spelling"]) not in bare.exact, item
                assert item[key] >= 1
    for items in seen["fillers"].values():
        assert all(item["note"].strip() for item in items)


def _read_with(lang, text: str):  # noqa: ANN001, ANN202
    from tiktui.data.lang.dates import _read, _words

    found = _read(lang, *_words(text))
    if found is None:
        raise NotADate(text)
    return found


def test_vietnamese_word_months_are_all_there() -> None:
    words = ["Một", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười"]
    words += ["Mười Một", "Mười Hai"]
    for month, word in enumerate(words, start=1):
        assert parse_day_month(f"18 tháng {word}", "vi").month == month
    assert parse_day_month("18 tháng Bốn", "vi").month == 4


def test_every_spelling_of_0_1_still_reads_as_the_same_month() -> None:
    old = json.loads((FIXTURES / "textdates_0_1.json").read_text(encoding="utf-8"))
    for code, months in old["months"].items():
        for month, names in enumerate(months, start=1):
            for name in names:
                assert parse_day_month(f"1 {name}", code).month == month, (code, name)
    for month, words in enumerate(old["vi_month_words"], start=1):
        for word in words:
            assert parse_day_month(f"1 tháng {word}", "vi").month == month, word


def test_reading_needs_neither_babel_nor_textual_nor_polars() -> None:
    code = (
        "import sys\n"
        "from tiktui.data.lang import parse_day_month\n"
        "assert parse_day_month('25 Φεβρουαρίου', 'el').month == 2\n"
        "print(','.join(sorted(m for m in ('babel', 'textual', 'polars') if m in sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == ""


def test_no_month_spelling_is_only_a_number() -> None:
    """A bare number is a day, never a month name (glibc's Khmer abmon is ១..១២: not taken)."""
    for code, lang in languages().items():
        for key, (kind, _) in lang.exact.items():
            if kind == "month":
                assert not all(t.isdigit() for t in key), (code, key)
