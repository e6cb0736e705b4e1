"""How long the Videos screen takes with many videos (default 10,000).

    python scripts/bench_videos.py [N]

Prints the time to compute the table (Polars, in the worker), to show it (switch to the
Videos screen until the rows are on screen), then the UI-thread time of painting a screen
of rows, sorting, filtering and jumping to the end.
Headless (Textual's test driver), so it runs anywhere; no assertions, only numbers.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.ui.factory import ACCOUNT, TODAY, make_tables  # noqa: E402
from tiktui.data.queries import video_table  # noqa: E402
from tiktui.data.views import parse_filter  # noqa: E402
from tiktui.ui.app import TikTuiApp  # noqa: E402
from tiktui.ui.widgets.grid import Grid  # noqa: E402


async def _settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def bench(n: int) -> None:
    t0 = time.perf_counter()
    tables = make_tables(n_videos=n, history=False)
    t1 = time.perf_counter()
    frame = video_table(tables, ACCOUNT)
    t2 = time.perf_counter()
    print(f"videos: {frame.height:,}")
    print(f"build synthetic tables     {t1 - t0:7.3f} s (test data, not part of the app)")
    print(f"video_table() query        {t2 - t1:7.3f} s")

    app = TikTuiApp(tables=tables, today=TODAY)
    async with app.run_test(size=(160, 50)) as pilot:
        await _settle(pilot)
        start = time.perf_counter()
        await pilot.press("2")
        grid = app.screen.query_one("#videos-grid", Grid)
        while grid.row_count < n:
            await asyncio.sleep(0.005)
        await pilot.pause()
        shown = time.perf_counter()
        print(f"2 → Videos, {n:,} rows shown {shown - start:7.3f} s (query + first paint)")

        # The UI-thread work behind each key, timed directly: pilot.press() itself adds
        # ~60 ms of test-driver overhead per key, which a person at a terminal never pays.
        screen = app.screen
        views_col = next(c for c in grid.columns if c.key == "views")

        def paint() -> None:
            grid._lines.clear()
            for y in range(grid.size.height):
                grid.render_line(y)

        for label, work in (
            ("paint one screen of rows", paint),
            ("sort by views (s)", lambda: screen.sort_by(views_col, False)),
            ("reverse sort (S)", lambda: screen.sort_by(views_col, True)),
            ("jump to last row (G)", lambda: (grid.action_last(), paint())),
            (
                "filter views>50k",
                lambda: (setattr(screen, "filter", parse_filter("views>50k")), screen.refilter()),
            ),
            (
                "filter caption words",
                lambda: (setattr(screen, "filter", parse_filter("pasta")), screen.refilter()),
            ),
            ("clear filter (esc)", screen.action_clear_filter),
        ):
            t = time.perf_counter()
            work()
            elapsed = time.perf_counter() - t
            await pilot.pause()
            print(f"{label:<27}{elapsed * 1000:7.1f} ms  ({grid.row_count:,} rows)")


if __name__ == "__main__":
    asyncio.run(bench(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
