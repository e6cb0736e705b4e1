"""The one formatter: counts, shares, changes, durations, dates, hours with their zone."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiktui import formatting as f

finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15)


def _number(text: str) -> float:
    """The value a compact text stands for (``−1.5k`` → -1500)."""
    sign = -1 if text.startswith(f.MINUS) else 1
    text = text.lstrip(f.MINUS)
    scale = {"k": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}.get(text[-1], 1)
    return sign * float(text.rstrip("kMBT")) * scale


def test_compact_counts() -> None:
    assert f.compact(None) == f.compact(math.nan) == "–"
    assert f.compact(0) == "0"
    assert f.compact(950) == "950"
    assert f.compact(438.4) == "438"
    assert f.compact(2.5) == "2.5"
    assert f.compact(9.96) == "10"
    assert f.compact(999.4) == "999"
    assert f.compact(999.6) == "1.0k"
    assert f.compact(12_345) == "12.3k"
    assert f.compact(99_950) == "100k"
    assert f.compact(123_456) == "123k"
    assert f.compact(999_499) == "999k"
    assert f.compact(999_950) == "1.0M"  # 999.95k rounds up a unit, never "1000k"
    assert f.compact(1_234_567) == "1.2M"
    assert f.compact(-1_500) == "−1.5k"
    assert f.compact(-0.2) == "−0.2"


@given(finite)
def test_compact_is_short_signed_and_close(value: float) -> None:
    text = f.compact(value)
    body = text.lstrip(f.MINUS)
    assert len(body) <= 5, text
    assert text.startswith(f.MINUS) == (value < 0 and _number(text) != 0)
    # never "1000k": a unit that rounds up moves to the next one
    if body[-1] in "kMB":
        assert float(body[:-1]) < 1000, text
    if abs(value) >= 1:
        assert abs(_number(text) - value) <= abs(value) * 0.051


def test_exact_counts() -> None:
    assert f.exact(1_234_567) == "1,234,567"
    assert f.exact(12.5) == "12.5"
    assert f.exact(-1500) == "−1,500"
    assert f.exact(None) == f.exact(math.nan) == "n/a"
    assert f.count(12_345, "exact") == "12,345" and f.count(12_345) == "12.3k"


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_exact_reads_back_the_same_integer(value: int) -> None:
    text = f.exact(value)
    assert int(text.replace(",", "").replace(f.MINUS, "-")) == value


def test_shares_read_the_same_at_both_precisions_but_missing() -> None:
    assert f.pct(0.1234) == f.pct(0.1234, "exact") == "12.3%"
    assert f.pct(0.0912) == "9.1%"
    assert f.pct(0) == "0.0%"
    assert f.pct(0.00001) == "<0.1%"  # tiny is not zero
    assert f.pct(None) == "–" and f.pct(None, "exact") == "n/a"
    assert f.pct(math.nan) == "–"


def test_changes_percent_for_counts_points_for_rates() -> None:
    assert f.change(0.056) == "+5.6%"
    assert f.change(-0.2) == "−20.0%"
    assert f.change(0.00001) == f.change(-0.0004) == "±0.0%"
    assert f.points(0.128) == "+12.8 pts"
    assert f.points(-0.016) == "−1.6 pts"
    assert f.points(0.0001) == "±0.0 pts"
    # engagement 10.3% → 9.2%: a rate moves in points, not "−10.7%"
    assert f.kpi_change(0.092, 0.103, is_rate=True) == "−1.1 pts"
    assert f.kpi_change(150, 100, is_rate=False) == "+50.0%"
    assert f.kpi_change(150, 0, is_rate=False) == "–"  # from nothing: no percentage
    assert f.kpi_change(None, 100, is_rate=False, precision="exact") == "n/a"
    assert f.basis(28) == "vs the previous 28 days" and f.basis(None) == ""


@given(st.floats(min_value=-10, max_value=10, allow_nan=False))
def test_change_sign_matches_the_rounded_number(value: float) -> None:
    for text in (f.change(value), f.points(value)):
        digits = float(text[1:].split("%")[0].split(" ")[0])
        if digits == 0:
            assert text.startswith("±")
        else:
            assert text[0] == ("+" if value > 0 else f.MINUS)
            assert digits == pytest.approx(abs(value) * 100, abs=0.051)


def test_durations() -> None:
    assert f.seconds(7.94) == "7.9 s"
    assert f.seconds(9.96) == "10 s"
    assert f.seconds(45.4) == "45 s"
    assert f.seconds(59.6) == "1:00"
    assert f.seconds(65) == "1:05"
    assert f.seconds(3725) == "1:02:05"
    assert f.seconds(None) == "–" and f.seconds(None, "exact") == "n/a"


@given(st.floats(min_value=0, max_value=10**6, allow_nan=False))
def test_durations_read_back(value: float) -> None:
    text = f.seconds(value)
    if text.endswith(" s"):
        assert float(text[:-2]) == pytest.approx(value, abs=0.51)
    else:
        parts = [int(p) for p in text.split(":")]
        total = sum(p * 60**i for i, p in enumerate(reversed(parts)))
        assert total == round(value)
        assert all(0 <= p < 60 for p in parts[1:])


def test_dates() -> None:
    oct9 = date(2026, 10, 9)
    assert f.day(oct9) == "9 Oct" and f.day(oct9, 2026) == "9 Oct"
    assert f.day(oct9, 2027) == "9 Oct 2026"
    assert f.full_day(oct9) == "9 Oct 2026"
    assert f.short_day(oct9, 2026) == " 9 Oct" and f.short_day(oct9, 2027) == " 9 Oct 26"
    assert f.date_range(date(2026, 10, 23), date(2026, 11, 19)) == "23 Oct – 19 Nov 2026"
    assert f.date_range(date(2025, 12, 1), date(2026, 1, 5)) == "1 Dec 2025 – 5 Jan 2026"
    assert f.day_span(date(2026, 9, 25), oct9, 2026) == "25 Sep to 9 Oct"
    assert f.age(date(2026, 11, 19), date(2026, 11, 20)) == "data to 19 Nov (yesterday)"
    assert f.age(date(2026, 11, 10), date(2026, 11, 20)) == "data to 10 Nov (10 days old)"
    assert f.age(None, date(2026, 11, 20)) == "no daily data"


def test_hours_and_zones() -> None:
    assert f.hour(19) == "19:00" and f.hour(25) == "01:00"
    assert f.hour_range([19, 20, 21]) == "19:00–22:00"
    assert f.hour_range([8, 13]) == "08:00, 13:00"
    assert f.hours_counted([19, 20, 19, 9, 20, 19]) == "19:00 ×3, 20:00 ×2, 09:00"
    berlin = f.zone("Europe/Berlin")
    assert f.zone_label(berlin, date(2026, 1, 10)) == "CET"
    assert f.zone_label(berlin, date(2026, 7, 10)) == "CEST"
    assert f.zone_label(f.zone("UTC")) == "UTC"
    assert f.zone_label(f.zone("Asia/Kathmandu")) == "UTC+5:45"
    assert f.zone_label(f.zone("America/Sao_Paulo")) == "UTC−3"
    # stored hours are UTC; shown on the account's clock, daylight saving included
    assert f.utc_hour_in(date(2026, 1, 10), 18, berlin) == 19
    assert f.utc_hour_in(date(2026, 7, 10), 18, berlin) == 20
    moment = datetime(2026, 11, 9, 18, 5)  # naive = UTC, as stored
    assert f.clock(moment, berlin) == "9 Nov 2026 19:05 CET"
    assert f.clock(moment.replace(tzinfo=UTC), f.zone("UTC")) == "9 Nov 2026 18:05 UTC"
    with pytest.raises(ValueError):
        f.zone("Mars/Olympus_Mons")


def test_local_zone_follows_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert f.zone_label(f.zone("local")) == "JST"
    monkeypatch.setenv("TZ", "Not/A_Zone")
    f.zone("local")  # falls back to the system's zone, never raises


@given(st.text())
def test_safe_is_one_visible_line(text: str) -> None:
    out = f.safe(text)
    assert "\n" not in out and "\x1b" not in out and "\r" not in out
    assert not any(0x80 <= ord(c) < 0xA0 or ord(c) in (0x202E, 0x2066) for c in out)
