"""The welcome screen of an empty store, the demo, and the Import screen with a real store."""

from __future__ import annotations

from pathlib import Path

from tiktui.data.store import Store
from tiktui.ui.app import TikTuiApp
from tiktui.ui.screens.importer import ImportScreen

from .conftest import aio, press, screen_text, settle
from .factory import TODAY

OVERVIEW_CSV = (
    '\ufeff"Date","Video Views","Profile Views","Likes","Comments","Shares"\n'
    '"November 17","100","5","10","1","2"\n"November 18","120","6","12","1","2"'
)


def _files(root: Path) -> Path:
    folder = root / "downloads"
    folder.mkdir()
    (folder / "Overview.csv").write_text(OVERVIEW_CSV, encoding="utf-8")
    (folder / "notes.txt").write_text("not an export\n", encoding="utf-8")
    return folder


def _log(app) -> str:
    log = app.screen.query_one("#import-log")
    return "\n".join(line.text for line in log.lines)


@aio
async def test_empty_store_welcomes_then_imports_and_explains_refusals(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "store")
    app = TikTuiApp(store, today=TODAY, import_root=_files(tmp_path), store_label="(test)")
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Welcome to tiktui" in text and "Download data" in text
        assert "Analytics" in text and "demo account" in text
        await press(pilot, "2")  # no data yet: number keys do nothing
        assert app.current_mode == "start"

        await press(pilot, "i")
        assert isinstance(app.screen, ImportScreen)
        await press(pilot, "escape", "j", "j", "space", "j", "space")  # past ``..``: 2 files
        assert {p.name for p in app.screen.picked} == {"Overview.csv", "notes.txt"}
        await press(pilot, "i")
        await settle(pilot)
        log = _log(app)
        assert "the file names no account" in log
        assert "not a TikTok export" in log
        assert "0 imported, 0 unchanged, 2 refused" in log
        assert store.is_empty()

        app.screen.query_one("#import-account").value = "me"
        await press(pilot, "g", "space", "i")
        await settle(pilot)
        assert "1 imported" in _log(app)
        assert app.accounts == ["me"]
        await press(pilot, "q")
        assert app.current_mode == "overview" and app.account == "me"
        assert "@me" in screen_text(app)


@aio
async def test_demo_from_the_welcome_screen_leaves_the_users_store_alone(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "store")
    app = TikTuiApp(store, today=TODAY, store_label="(test)")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "d")
        await settle(pilot)
        assert app.current_mode == "overview"
        assert app.account == "lena.cooks"
        assert app.is_demo and app.store is not store
        demo_root = app.store.root
        assert store.is_empty()
        assert not (tmp_path / "store" / "manifest.json").exists()
    app.cleanup()
    assert not demo_root.exists()


@aio
async def test_tiktui_demo_builds_in_a_worker_with_a_loading_screen() -> None:
    app = TikTuiApp(demo=True, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        start = app._start_screen()
        message = start.query_one("#start-message")
        assert "Building the demo account" in str(message.render())
        await settle(pilot)
        assert app.current_mode == "overview" and app.account == "lena.cooks"
        folder = Path(app._demo_dirs[0])
        assert folder.exists()
    app.cleanup()
    assert not folder.exists()


def test_theme_choice_is_kept_for_the_next_start(tmp_path: Path) -> None:
    from tiktui.ui.app import UiPrefs

    prefs = UiPrefs(tmp_path / "ui.json")
    assert prefs.theme({"nord": object()}) is None
    prefs.save_theme("nord")
    assert prefs.theme({"nord": object(), "textual-dark": object()}) == "nord"
    assert prefs.theme({"textual-dark": object()}) is None  # a theme that is gone is ignored
    (tmp_path / "ui.json").write_text("not json")
    assert prefs.theme({"nord": object()}) is None
