"""The Overview's mix: TikTok's figure where a capture covers the period, else estimated."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import polars as pl

from tiktui.data.account_mix import account_mix
from tiktui.data.queries import Period
from tiktui.data.schema import TABLES
from tiktui.ui.widgets.mix import MixBar

from .conftest import aio, fixture_tables, make_app, screen_text, settle
from .factory import ACCOUNT

END = date(2026, 11, 19)  # the fixture's freshest day: the 28-day period ends here
START = END - timedelta(days=27)


def _with_capture(start: date, end: date) -> dict[str, pl.DataFrame]:
    mix = {"for_you": 0.55, "search": 0.25, "following": 0.2}
    rows = TABLES["account_sources"].conform(
        pl.DataFrame(
            {
                "account": [ACCOUNT] * 3,
                "window_start": [start] * 3,
                "window_end": [end] * 3,
                "source": list(mix),
                "share": list(mix.values()),
                "raw_label": ["For You", "Search", "Follow"],
                "captured_at": [datetime(2026, 11, 20, 9, tzinfo=UTC)] * 3,
            }
        )
    )
    return {**fixture_tables(), "account_sources": rows}


@aio
async def test_the_overview_shows_tiktoks_figure_for_a_captured_period() -> None:
    tables = _with_capture(START, END)
    app = make_app(tables=tables)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "TikTok's figure for" in text and "estimated" not in text.split("Top videos")[0]
        shown = app.screen.query_one("#mix", MixBar).shares
        assert shown == account_mix(tables, ACCOUNT, Period(START, END, 28)).shares()
        assert shown is not None and shown["search"] == 0.25


@aio
async def test_a_capture_of_another_window_leaves_the_estimate() -> None:
    app = make_app(tables=_with_capture(START - timedelta(days=7), END - timedelta(days=7)))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "estimated from the period's" in text and "TikTok's figure" not in text


@aio
async def test_a_window_without_views_says_why_it_is_not_used() -> None:
    tables = _with_capture(START, START + timedelta(days=6))
    gap = pl.col("date") == START + timedelta(days=2)
    daily = tables["account_daily"].with_columns(
        pl.when(gap).then(None).otherwise(pl.col("video_views")).alias("video_views")
    )
    app = make_app(tables={**tables, "account_daily": daily})
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "estimated from the period's" in text and "own figure not used" in text
