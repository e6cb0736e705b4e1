"""Every key of UX.md, driven through Textual's Pilot on fixed data and a frozen today."""

from __future__ import annotations

import polars as pl

from tiktui.data.queries import video_table
from tiktui.ui.screens.compare import CompareScreen
from tiktui.ui.screens.detail import VideoDetailScreen
from tiktui.ui.screens.help import HelpScreen
from tiktui.ui.screens.trends import ChartScreen
from tiktui.ui.widgets.grid import Grid

from .conftest import aio, make_app, press, screen_text, settle
from .factory import ACCOUNT, make_tables, merge


def _grid(app) -> Grid:
    return app.screen.query_one("#videos-grid", Grid)


@aio
async def test_starts_on_overview_and_number_keys_switch_screens() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.current_mode == "overview"
        text = screen_text(app)
        assert "28 days · 23 Oct – 19 Nov 2026" in text
        assert "data to 19 Nov (yesterday)" in text
        for key, mode in zip(
            "23451", ("videos", "trends", "compare", "advisor", "overview"), strict=True
        ):
            await press(pilot, key)
            assert app.current_mode == mode


@aio
async def test_period_keys_cycle_and_change_the_header() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press(pilot, "p")
        assert app.period_days == 60
        assert "60 days" in screen_text(app)
        await press(pilot, "right_square_bracket")
        assert app.period_days == 90
        await press(pilot, "left_square_bracket", "left_square_bracket", "left_square_bracket")
        assert app.period_days == 7
        await press(pilot, "left_square_bracket")
        assert app.period_days is None
        assert "All time" in screen_text(app)


@aio
async def test_overview_enter_opens_top_video_and_q_esc_go_back() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, VideoDetailScreen)
        assert "Every snapshot" in screen_text(app)
        await press(pilot, "q")
        assert app.current_mode == "overview" and not isinstance(app.screen, VideoDetailScreen)
        await press(pilot, "j", "enter")
        assert isinstance(app.screen, VideoDetailScreen)
        await press(pilot, "escape")
        assert not isinstance(app.screen, VideoDetailScreen)


@aio
async def test_videos_navigation_and_sorting(tables) -> None:
    app = make_app()
    expected = video_table(tables, ACCOUNT)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        grid = _grid(app)
        assert grid.row_count == expected.height
        await press(pilot, "j", "j")
        assert grid.cursor_row == 2
        await press(pilot, "k")
        assert grid.cursor_row == 1
        await press(pilot, "G")
        assert grid.cursor_row == expected.height - 1
        await press(pilot, "g")
        assert grid.cursor_row == 0
        # move to the Views column and sort: biggest first, then reversed
        await press(pilot, "l", "l", "l")
        assert grid.current_column.key == "views"
        await press(pilot, "s")
        views = grid.frame["views"].to_list()
        assert views == sorted(views, reverse=True)
        await press(pilot, "S")
        views = grid.frame["views"].to_list()
        assert views == sorted(views)
        assert "by Views ▲" in screen_text(app)


@aio
async def test_videos_header_click_sorts() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        grid = _grid(app)
        # "Views" header: after the mark (1), posted (8) and caption columns
        x = sum(w + 1 for w in grid._widths[:3]) + 2
        await pilot.click(grid, offset=(x, 0))
        await settle(pilot)
        assert app.screen.sort_key == "views"
        first = grid.frame["views"].to_list()
        await pilot.click(grid, offset=(x, 0))
        await settle(pilot)
        assert grid.frame["views"].to_list() == list(reversed(first)) or grid.frame[
            "views"
        ].to_list() == sorted(first, reverse=not app.screen.sort_descending)


@aio
async def test_videos_filter_expressions_and_next_match(tables) -> None:
    app = make_app()
    expected = video_table(tables, ACCOUNT)
    big = expected.filter(pl.col("views") > 50_000).height
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "slash")
        await pilot.press(*"views>50k")
        await press(pilot, "enter")
        grid = _grid(app)
        assert 0 < grid.row_count == big
        assert f"{big} of {expected.height} match views>50k" in screen_text(app)
        await press(pilot, "n")
        assert grid.cursor_row == 1
        assert "match 2 of" in screen_text(app)
        await press(pilot, "N", "N")
        assert grid.cursor_row == big - 1  # wraps around
        # search share, and paid
        await press(pilot, "slash")
        app.screen.query_one("#filter-input").value = ""
        await pilot.press(*"search>10%")
        await press(pilot, "enter")
        srch = expected.filter(pl.col("search") > 0.10).height
        assert grid.row_count == srch > 0
        await press(pilot, "slash")
        app.screen.query_one("#filter-input").value = ""
        await pilot.press(*"paid")
        await press(pilot, "enter")
        assert grid.row_count == expected.filter(pl.col("is_ad")).height
        # esc clears the filter
        await press(pilot, "escape")
        assert grid.row_count == expected.height


@aio
async def test_videos_bad_filter_is_explained_and_esc_closes_the_bar() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "slash")
        await pilot.press(*"bogus>3")
        await press(pilot, "enter")
        assert any("unknown field 'bogus'" in str(n.message) for n in app._notifications)
        box = app.screen.query_one("#filter-input")
        assert box.has_focus
        await press(pilot, "escape")
        assert box.has_class("hidden") and app.focused is _grid(app)
        # a q typed into the filter bar is text, not "quit"
        await press(pilot, "slash")
        await pilot.press(*"quick")
        await press(pilot, "enter")
        assert app.is_running and _grid(app).row_count == 0


@aio
async def test_marks_compare_and_unmark() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "c")
        assert app.current_mode == "videos"  # fewer than 2 marks: stays, explains
        await press(pilot, "space", "space", "space")
        grid = _grid(app)
        assert len(app.marks) == 3 and grid.cursor_row == 3
        assert app.marks == [grid.key_at(0), grid.key_at(1), grid.key_at(2)]
        await press(pilot, "k", "space")  # unmark the third
        assert len(app.marks) == 2
        await press(pilot, "c")
        assert app.current_mode == "compare"
        assert isinstance(app.screen, CompareScreen)
        text = screen_text(app)
        assert "2 videos side by side" in text and "Engagement rate" in text
        assert "Source mix" in text
        await press(pilot, "u")
        assert app.marks == []
        assert "Mark 2 to 6 videos" in screen_text(app)


@aio
async def test_compare_caps_at_six_marks() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press(pilot, "2", *["space"] * 7)
        assert len(app.marks) == 6


@aio
async def test_videos_enter_opens_detail_with_every_part() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "2")
        grid = _grid(app)
        # a video with growth snapshots, sources and retention: the 3rd newest
        await press(pilot, "j", "j", "enter")
        assert isinstance(app.screen, VideoDetailScreen)
        text = screen_text(app)
        for part in (
            "Views growth",
            "Retention",
            "Search terms",
            "Traffic sources over time",
            "Every snapshot",
            "snapshots)",
        ):
            assert part in text, part
        await press(pilot, "space")
        assert app.screen.video_id in app.marks
        await press(pilot, "G", "g", "q")
        assert app.focused is grid


@aio
async def test_trends_rolling_and_chart() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        text = screen_text(app)
        assert "Video views" in text and "≈ For You" in text and "daily values" in text
        assert "min" in text and "max" in text and "last" in text
        await press(pilot, "r")
        assert app.rolling and "7-day rolling average" in screen_text(app)
        await press(pilot, "j", "enter")
        assert isinstance(app.screen, ChartScreen)
        assert app.screen.row.key == "profile_views"
        assert "Profile views" in screen_text(app)
        await press(pilot, "q")
        assert app.current_mode == "trends" and not isinstance(app.screen, ChartScreen)
        await press(pilot, "G", "enter")
        assert app.screen.row.key.startswith("source:")
        await press(pilot, "escape", "r")
        assert not app.rolling


@aio
async def test_advisor_enter_filters_videos_to_the_advice() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press(pilot, "5")
        screen = app.screen
        items = screen.result.items
        first_with_videos = next(i for i, it in enumerate(items) if it.video_ids)
        for _ in range(first_with_videos):
            await press(pilot, "j")
        ids = items[first_with_videos].video_ids
        await press(pilot, "enter")
        assert app.current_mode == "videos"
        grid = _grid(app)
        assert sorted(grid.frame["video_id"].to_list()) == sorted(set(ids))
        assert "advice:" in screen_text(app)
        await press(pilot, "escape")
        assert grid.row_count > len(set(ids))


@aio
async def test_help_lists_the_current_screens_keys() -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Keys of Videos" in text and "Filter" in text and "Mark for Compare" in text
        assert "Everywhere" in text and "command palette" in text
        await press(pilot, "question_mark")
        assert not isinstance(app.screen, HelpScreen)
        await press(pilot, "3", "question_mark")
        assert "Keys of Trends" in screen_text(app) and "rolling average" in screen_text(app)
        await press(pilot, "escape")
        assert app.current_mode == "trends" and not isinstance(app.screen, HelpScreen)
        await press(pilot, "2", "enter", "question_mark")
        assert "Keys of the video detail" in screen_text(app) and "Mark" in screen_text(app)


@aio
async def test_account_switcher() -> None:
    two = merge(make_tables(account="b.second", n_videos=5, seed=3), make_tables())
    app = make_app(tables=two)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.account == "b.second"
        await press(pilot, "2", "space")
        await press(pilot, "a")
        assert type(app.screen).__name__ == "AccountScreen"
        await press(pilot, "j", "enter")
        assert app.account == ACCOUNT and app.marks == []
        assert "@test.kitchen" in screen_text(app)
        assert _grid(app).row_count == 48


@aio
async def test_account_key_does_nothing_with_one_account() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        assert type(app.screen).__name__ == "OverviewScreen"


@aio
async def test_command_palette_runs_actions() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Go to Trends")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        assert app.current_mode == "trends"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Period: 90")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        assert app.period_days == 90
        # themes come from Textual's own theme command
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"theme")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        await pilot.press(*"nord")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        assert app.theme == "nord"


@aio
async def test_q_on_a_main_screen_quits() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


@aio
async def test_readable_at_80x24() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        for part in (
            "1 Overview",
            "5 Advisor",
            "Views",
            "Where views come from",
            "For You",
            "Top videos",
            "Data quality",
            "? Help",
        ):
            assert part in text, part
        await press(pilot, "2")
        assert "Caption" in screen_text(app) and "/ Filter" in screen_text(app)
