"""The shift rule's two data paths: TikTok's own figure for both periods, or the estimate
over the videos' mixes (then said to be estimated, with TikTok's figure beside it)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.test_advisor_fixtures import ACCOUNT, END, START, TODAY, build, captured, spread
from tiktui.advisor import advise
from tiktui.advisor.config import AdvisorConfig
from tiktui.advisor.context import Context
from tiktui.advisor.finding import Lacking
from tiktui.advisor.rules import shifts
from tiktui.data.queries import Period

PREV = START - timedelta(days=28)
SEARCHY = {"for_you": 0.771, "profile": 0.02, "search": 0.10, "following": 0.003, "other": 0.106}


def _ctx(tables, period: int | None = 28) -> Context:
    p = Period(START, END, 28) if period else Period(PREV, END, None)
    return Context(tables, ACCOUNT, p, TODAY, AdvisorConfig())


NOW = {"for_you": 0.6, "search": 0.3, "profile": 0.1}
BEFORE = {"for_you": 0.8, "search": 0.1, "profile": 0.1}


def test_both_periods_captured_reads_tiktoks_figure() -> None:
    vids = spread(10, first=PREV) + spread(10, sources=SEARCHY)
    tables = captured(captured(build(vids), NOW), BEFORE, PREV, START - timedelta(1))
    found = shifts.measure(_ctx(tables))
    assert not isinstance(found, Lacking)
    assert found.path == "account_sources" and not found.mixes.estimated
    by = {s.source: s for s in found.shifts}
    assert by["search"].now == 0.3 and by["search"].before == 0.1
    # the views from Search over each period: TikTok's share × the account's daily views
    assert by["search"].from_now == pytest.approx(0.3 * 28 * 10_000)
    assert by["search"].stake == pytest.approx(0.2 * 28 * 10_000)
    assert found.mixes.sample.unit == "days" and found.mixes.sample.n == 28
    a = next(x for x in advise(tables, ACCOUNT, 28, TODAY).advice if x.id == "mix.high.search")
    assert "shifts.search" in a.also  # the same numbers as the mix: one finding


def test_only_this_period_captured_estimates_both_and_gives_tiktoks_figure() -> None:
    vids = spread(10, first=PREV) + spread(10, sources=SEARCHY)
    tables = captured(build(vids), NOW)
    found = shifts.measure(_ctx(tables))
    assert not isinstance(found, Lacking)
    assert found.path == "video_sources" and found.mixes.estimated
    assert {k: v for k, v in (found.mixes.tiktok_now or {}).items() if v} == NOW
    search = next(s for s in found.shifts if s.source == "search")
    assert search.now == pytest.approx(0.10) and search.before == pytest.approx(0.011)
    advice = advise(tables, ACCOUNT, 28, TODAY).advice
    shift = next(x for x in advice if x.id == "shifts.search")
    assert shift.data == "video_sources"
    assert 0.3 in [e.value for e in shift.evidence]  # TikTok's figure beside the estimate


def test_no_capture_is_the_estimate_on_videos() -> None:
    vids = spread(10, first=PREV) + spread(10, sources=SEARCHY)
    found = shifts.measure(_ctx(build(vids)))
    assert not isinstance(found, Lacking)
    assert found.path == "video_sources" and found.mixes.tiktok_now is None
    assert found.mixes.sample.n == 10 and found.mixes.sample.minimum == 3


def test_lacking_names_the_window_that_fell_short() -> None:
    found = shifts.measure(_ctx(build(spread(10))))
    assert isinstance(found, Lacking) and found.window == "before" and found.sample.n == 0
    found = shifts.measure(_ctx(build(spread(10, first=PREV) + spread(2))))
    assert isinstance(found, Lacking) and found.window == "now" and found.sample.n == 2
    found = shifts.measure(_ctx(build(spread(10)), period=None))
    assert isinstance(found, Lacking) and found.window == "no_previous"
