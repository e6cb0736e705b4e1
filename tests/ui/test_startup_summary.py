"""Start-up: the Overview drawn from the summary kept beside the store looks exactly like the
Overview computed from the tables; a stale summary is never used; one detail screen is reused."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from tiktui import summary
from tiktui.data.rows import Rows
from tiktui.data.store import Store
from tiktui.ui.app import TikTuiApp
from tiktui.ui.loading import LoadedTables
from tiktui.ui.screens.detail import VideoDetailScreen
from tiktui.ui.screens.overview import OverviewScreen

from .conftest import aio, fixture_tables, press, screen_text, settle
from .factory import TODAY, write_store

SIZE = (120, 36)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return write_store(tmp_path / "store", fixture_tables())


async def _full_overview(store: Store) -> str:
    """Open the app with no summary: the Overview computed from the tables (and kept)."""
    assert summary.read(store.root) is None
    app = TikTuiApp(store, today=TODAY, store_label="(test)")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.startup_overview is None and app.current_mode == "overview"
        return screen_text(app)


def _count_computes(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """A list that gets one item each time the Overview computes its numbers."""
    computed: list[object] = []
    original = OverviewScreen.compute
    monkeypatch.setattr(
        OverviewScreen, "compute", lambda self, state: computed.append(1) or original(self, state)
    )
    return computed


@aio
async def test_the_overview_drawn_from_the_summary_is_the_computed_one(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    computed = await _full_overview(store)
    kept = summary.fresh(store.root, 28, TODAY, None)
    assert kept is not None and kept.commit == store.commit_number()

    # The tables are never read: what shows is the summary alone.
    monkeypatch.setattr(TikTuiApp, "reload_store", lambda self: None)
    app = TikTuiApp(store, today=TODAY, store_label="(test)")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.current_mode == "overview" and app.tables == {}
        assert isinstance(app.screen, OverviewScreen) and app.screen.result is not None
        assert screen_text(app) == computed
        assert not app.check_action("goto", ("videos",))  # other screens wait for the tables


@aio
async def test_the_tables_read_behind_the_summary_are_adopted_without_computing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _full_overview(store)
    computed = _count_computes(monkeypatch)
    app = TikTuiApp(store, today=TODAY, store_label="(test)")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.tables and app.tables_ready
        assert computed == []
        await press(pilot, "p")  # another period: computed from the tables as ever
        assert computed == [1]
        await press(pilot, "2")
        assert app.current_mode == "videos"


@aio
async def test_the_tables_are_read_only_after_a_frame_reached_the_terminal(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual drops the frames it makes while it batches its start-up: reading the tables
    (Polars, in a thread) from an "after refresh" then took the CPU from the first frame."""
    await _full_overview(store)
    frames: list[int] = []
    display = TikTuiApp._display

    def counted(self: TikTuiApp, screen: object, renderable: object) -> None:
        display(self, screen, renderable)  # type: ignore[arg-type]
        if renderable is not None and not self._batch_count:
            frames.append(1)

    reads: list[int] = []
    monkeypatch.setattr(TikTuiApp, "_display", counted)
    monkeypatch.setattr(TikTuiApp, "reload_store", lambda self: reads.append(len(frames)))
    app = TikTuiApp(store, today=TODAY, store_label="(test)")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.result is not None  # drawn from the summary
    assert reads and reads[0] >= 1


@aio
async def test_a_poll_while_the_tables_are_read_reads_them_once(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stat-poll that notices other processes' commits fires (every POLL_S) while the
    tables behind the summary are read: it must not read them again and recompute."""
    await _full_overview(store)
    computed = _count_computes(monkeypatch)
    app = TikTuiApp(store, today=TODAY, store_label="(test)")
    reads: list[object] = []
    of_store = LoadedTables.of_store

    def read(store: Store, account: str | None) -> LoadedTables:
        reads.append(account)
        app.call_from_thread(app._poll_store)  # the poll comes while this read is under way
        return of_store(store, account)

    monkeypatch.setattr(LoadedTables, "of_store", read)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.tables_ready
        assert (len(reads), app.version, computed) == (1, 1, [])


def test_a_stale_summary_is_ignored(tmp_path: Path) -> None:
    root = tmp_path / "store"
    store = write_store(root, fixture_tables())
    data = summary.OverviewData(TODAY, TODAY, 28, None, [], "t", None, "", Rows(), [], "")
    kept = summary.Summary(store.commit_number(), "a", ["a"], 28, TODAY, "", data)
    summary.write(root, kept)
    assert summary.read(root) == kept
    assert summary.fresh(root, 28, TODAY, None) == kept
    assert summary.fresh(root, 7, TODAY, None) is None  # another period
    assert summary.fresh(root, 28, TODAY + timedelta(days=1), None) is None  # another day
    assert summary.fresh(root, 28, TODAY, object()) is None  # another advice config
    summary.write(root, replace(kept, commit=kept.commit - 1))  # another commit
    assert summary.fresh(root, 28, TODAY, None) is None
    (root / summary.NAME).write_text("{not json", encoding="utf-8")  # damaged: no summary
    assert summary.read(root) is None
    assert not list(root.glob(f".{summary.NAME}*"))  # written atomically, nothing left over


def test_reading_a_summary_imports_neither_polars_nor_the_advisor() -> None:
    code = (
        "import sys, tiktui.summary as s; s.read('.'); s.commit_of('.');"
        "print(any(m == 'polars' or m.startswith('tiktui.advisor') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@aio
async def test_one_detail_screen_is_reused(store: Store) -> None:
    app = TikTuiApp(store, today=TODAY, store_label="(test)")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        first = app.screen
        assert isinstance(first, VideoDetailScreen)
        shown = first.video_id
        await press(pilot, "escape", "down", "enter")
        assert app.screen is first and first.video_id != shown
        assert first.detail is not None and first.detail.info["video_id"] == first.video_id


# What the first paint may not wait for when the summary is fresh: Polars, the store and its
# tables, the advisor (its config, read to check the summary's key, excepted), the importers
# (the size limit the CLI parses excepted), and every screen but the Overview.
FIRST_PAINT = """
import asyncio, sys
from datetime import date
from pathlib import Path

import tiktui.cli as cli
from tiktui.data.location import LazyStore
from tiktui.ui.app import TikTuiApp

args = cli.build_parser().parse_args(["--data-dir", sys.argv[1]])
seen = {}

def first_paint(app):
    seen["modules"] = sorted(sys.modules)
    seen["drawn"] = app.screen.result is not None and app.current_mode == "overview"
    app.exit()

TikTuiApp.first_paint_done = first_paint

async def main():
    app = TikTuiApp(LazyStore(Path(args.data_dir)), today=date.fromisoformat(sys.argv[2]))
    async with app.run_test(size=(120, 36)) as pilot:
        while "modules" not in seen:
            await pilot.pause(0.02)

asyncio.run(main())
print(seen["drawn"])
print("\\n".join(seen["modules"]))
"""

ALLOWED = {"tiktui.advisor", "tiktui.advisor.config", "tiktui.data.importers.limits"}
LATER = (
    "polars",
    "pyarrow",
    "babel",
    "tiktui.advisor.",
    "tiktui.data.importers.",
    "tiktui.data.store",
    "tiktui.data.schema",
    "tiktui.data.queries",
    "tiktui.data.views",
    "tiktui.data.pipeline",
    *(f"tiktui.ui.screens.{s}" for s in ("videos", "trends", "compare", "advisor")),
    *(f"tiktui.ui.screens.{s}" for s in ("detail", "help", "importer", "accounts")),
)


@aio
async def test_the_first_paint_from_a_fresh_summary_loads_no_polars_advisor_or_importer(
    store: Store,
) -> None:
    await _full_overview(store)  # keeps the summary
    out = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(store.root), TODAY.isoformat()],
        capture_output=True,
        text=True,
        check=True,
    )
    drawn, *modules = out.stdout.split()
    assert drawn == "True"  # the Overview, from the summary
    loaded = [m for m in modules if m not in ALLOWED and m.startswith(LATER) or m in LATER]
    assert loaded == []
    assert "textual.app" in modules and "tiktui.ui.screens.overview" in modules  # it did run
