"""Number, date and sparkline formatting: the look UX.md asks for."""

from __future__ import annotations

from datetime import date

from tiktui.ui import format as fmt
from tiktui.ui.widgets.chart import bar_rows, resample
from tiktui.ui.widgets.mix import allocate, mix_bar


def test_compact_numbers() -> None:
    assert fmt.compact(None) == "–"
    assert fmt.compact(0) == "0"
    assert fmt.compact(950) == "950"
    assert fmt.compact(438.4) == "438"
    assert fmt.compact(2.5) == "2.5"
    assert fmt.compact(12_345) == "12.3k"
    assert fmt.compact(123_456) == "123k"
    assert fmt.compact(999_999) == "1.0M"
    assert fmt.compact(1_234_567) == "1.2M"
    assert fmt.compact(-1_500) == "-1.5k"


def test_exact_pct_change_seconds() -> None:
    assert fmt.exact(1234567) == "1,234,567"
    assert fmt.pct(0.1234) == "12.3%"
    assert fmt.pct(None) == "–"
    assert fmt.change(0.056) == "+5.6%"
    assert fmt.change(-0.2) == "−20.0%"
    assert fmt.seconds(7.94) == "7.9s"
    assert fmt.seconds(75) == "1:15"


def test_dates() -> None:
    assert fmt.day(date(2026, 11, 9)) == "9 Nov"
    assert fmt.date_range(date(2026, 10, 23), date(2026, 11, 19)) == "23 Oct – 19 Nov 2026"
    assert fmt.date_range(date(2025, 12, 1), date(2026, 1, 5)) == "1 Dec 2025 – 5 Jan 2026"
    assert fmt.age(date(2026, 11, 19), date(2026, 11, 20)) == "data to 19 Nov (yesterday)"
    assert fmt.age(date(2026, 11, 10), date(2026, 11, 20)) == "data to 10 Nov (10 days old)"
    assert fmt.age(None, date(2026, 11, 20)) == "no daily data"


def test_sparkline_keeps_gaps_and_resamples() -> None:
    assert fmt.sparkline([0, 1, None, 3], 4) == "▁▃ █"
    assert len(fmt.sparkline(list(range(100)), 10)) == 10
    assert fmt.sparkline([5, 5, 5], 3) == "▄▄▄"
    assert fmt.sparkline([None, None], 2) == "  "
    assert fmt.sparkline([], 5) == ""


def test_mix_bar_fills_its_width_in_taxonomy_order() -> None:
    shares = {"for_you": 0.8, "search": 0.15, "other": 0.05}
    cells = allocate(shares, 20)
    assert sum(c for _, c in cells) == 20
    assert [k for k, _ in cells] == ["for_you", "search", "other"]
    assert mix_bar(shares, 33).cell_len == 33
    assert "no source data" in mix_bar(None, 20).plain


def test_chart_rows() -> None:
    lines, lo, hi = bar_rows([0, 5, 10], 3, 2)
    assert (lo, hi) == (0.0, 10.0)
    assert lines == ["  █", " ██"]
    assert len(resample(list(range(100)), 10)) == 10


def test_sparkline_stretch_fills_the_width() -> None:
    assert fmt.sparkline([0, 1], 6, stretch=True) == "▁▁▁███"
    assert len(fmt.sparkline(list(range(28)), 50, stretch=True)) == 50


def test_points() -> None:
    assert fmt.points(0.128) == "+12.8pt"
    assert fmt.points(-0.016) == "−1.6pt"
    assert fmt.points(0.0001) == "±0.0pt"
