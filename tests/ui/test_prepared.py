"""The other screens are built in the background once the Overview settles (ui/prepare.py):
a first visit shows numbers computed for the current state, and computes nothing again."""

from __future__ import annotations

from rich.console import Console

from tiktui.data.views import compare
from tiktui.ui.screens.common import DETAIL
from tiktui.ui.screens.compare import RenderedOnce, comparison_table

from .conftest import aio, fixture_tables, make_app, press, screen_text, settle
from .factory import ACCOUNT, TODAY

MODES = {"videos": "2", "trends": "3", "advisor": "5"}


@aio
async def test_the_other_screens_are_ready_before_their_first_visit() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await settle(pilot)  # the prefetch, then the preparation
        assert {"overview", "compare", *MODES} <= set(app._screen_stacks)
        assert app.is_screen_installed(DETAIL)
        ready = {mode: app._screen_stacks[mode][0] for mode in MODES}
        state_key = {mode: s.state_key(app.state) for mode, s in ready.items()}
        assert all(s.result is not None for s in ready.values())
        assert all(s._shown_key == state_key[m] for m, s in ready.items())
        for mode, key in MODES.items():
            screen, shown = ready[mode], ready[mode].result
            await press(pilot, key)
            assert app.screen is screen and screen.result is shown  # nothing recomputed
        await press(pilot, "p")  # the period changes: the Advisor shown recomputes for it
        assert ready["advisor"].result.period.days == 60
        assert "60 days" in screen_text(app)
        await press(pilot, "3")  # Trends, prepared for 28 days, is brought up to date
        assert ready["trends"].result.period.days == 60


@aio
async def test_the_prepared_detail_screen_shows_the_video_opened() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await settle(pilot)
        prepared = app.get_screen(DETAIL)
        assert prepared.video_id is None and prepared.detail is None
        await press(pilot, "enter")  # the Overview's top video
        assert app.screen is prepared and prepared.detail is not None
        assert prepared.detail.info["video_id"] == prepared.video_id


def test_a_table_drawn_once_per_width_is_drawn_as_the_table(monkeypatch) -> None:
    from rich.table import Table

    tables = fixture_tables()
    ids = tables["videos"]["video_id"].to_list()[:4]
    colors = {"accent": "#ff8800", "success": "#00aa00", "error": "#aa0000"}
    table = comparison_table(compare(tables, ids, ACCOUNT), 100, colors, TODAY.year)
    once = RenderedOnce(table)
    drawn = []
    real = Table.__rich_console__

    def counted(self, console, options):
        drawn.append(options.max_width)
        return real(self, console, options)

    for width in (100, 60, 100, 60):
        console = Console(width=width, color_system="truecolor", record=False)
        monkeypatch.setattr(Table, "__rich_console__", real)
        direct = console.render_lines(table, console.options)
        monkeypatch.setattr(Table, "__rich_console__", counted)
        assert console.render_lines(once, console.options) == direct
    assert drawn == [100, 60]  # once per width


@aio
async def test_the_comparison_table_is_drawn_by_its_worker_not_on_the_ui_thread(
    monkeypatch,
) -> None:
    """Rich drawing the table of six videos took 15-25 ms between the key and the paint."""
    import threading

    from rich.table import Table

    on_ui_thread: list[bool] = []
    real = Table.__rich_console__

    def counted(self, console, options):
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return real(self, console, options)

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await settle(pilot)
        await press(pilot, "2")
        await press(pilot, "space", "space", "space")
        assert len(app.marks) == 3
        monkeypatch.setattr(Table, "__rich_console__", counted)
        await press(pilot, "c")
        assert "3 videos side by side" in screen_text(app)
    assert on_ui_thread and not any(on_ui_thread)
