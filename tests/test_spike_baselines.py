"""The spike rule's rolling baseline (Polars) against the plain definition it replaced."""

from __future__ import annotations

import statistics
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tiktui.advisor.rules.spikes import baselines

START = date(2024, 1, 1)


def plain(series: dict[date, int], window: int, min_days: int) -> dict[date, tuple[float, int]]:
    """The definition: per day, the median of the days with data among the ``window`` before."""
    out: dict[date, tuple[float, int]] = {}
    for d in series:
        before = [
            series[d - timedelta(days=i)]
            for i in range(1, window + 1)
            if d - timedelta(days=i) in series
        ]
        if len(before) >= min_days:
            out[d] = (float(statistics.median(before)), len(before))
    return out


@given(
    days=st.dictionaries(
        st.integers(0, 150), st.one_of(st.integers(0, 50), st.integers(0, 10**7)), max_size=120
    ),
    window=st.integers(1, 40),
    min_days=st.integers(1, 20),
)
def test_rolling_baseline_is_the_median_of_the_days_before(
    days: dict[int, int], window: int, min_days: int
) -> None:
    series = {START + timedelta(days=i): v for i, v in sorted(days.items())}
    assert baselines(series, window, min_days) == plain(series, window, min_days)


def test_gaps_count_only_days_with_data() -> None:
    series = {START: 10, START + timedelta(days=2): 30, START + timedelta(days=3): 1000}
    assert baselines(series, 3, 2) == {START + timedelta(days=3): (20.0, 2)}
