"""Sparklines, the mix bar and chart rows (numbers and dates: tests/test_formatting.py)."""

from __future__ import annotations

from tiktui.ui import format as fmt
from tiktui.ui.widgets.chart import bar_rows, resample
from tiktui.ui.widgets.mix import allocate, mix_bar


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
