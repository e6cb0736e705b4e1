"""The Import screen reaches any file: a typed path (``~``, completion, recent folders, up a
folder), the tree beside it, and ``enter`` importing what the field names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tiktui.data.demo import write_demo_files
from tiktui.data.store import Store
from tiktui.ui.app import TikTuiApp
from tiktui.ui.prefs import UiPrefs
from tiktui.ui.screens.importer import ImportScreen
from tiktui.ui.widgets.filetree import PickTree
from tiktui.ui.widgets.pathfield import PathInput

from .conftest import aio, press, screen_text, settle
from .factory import TODAY

STUDIO = Path(__file__).parent.parent / "fixtures" / "studio"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own: ``~`` and the tree's start point."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def _app(tmp_path: Path, prefs: UiPrefs | None = None) -> TikTuiApp:
    store = Store.open(tmp_path / "store")
    return TikTuiApp(store, today=TODAY, store_label="(test)", prefs=prefs)


def _log(app: TikTuiApp) -> str:
    return "".join(line.text for line in app.screen.query_one("#import-log").lines)  # unwrapped


def _field(app: TikTuiApp) -> PathInput:
    return app.screen.query_one(PathInput)


def _tree_root(app: TikTuiApp) -> Path:
    return Path(app.screen.query_one(PickTree).path)


async def _open(pilot) -> ImportScreen:
    await settle(pilot)
    await press(pilot, "i")
    assert isinstance(pilot.app.screen, ImportScreen)
    for _ in range(5):  # the tree reads its folder in a never-ending worker
        await pilot.pause(0.02)
    return pilot.app.screen


async def _type(pilot, text: str) -> None:
    field = _field(pilot.app)
    field.set_text("")
    await pilot.press(*text)  # one character at a time, as typed
    await settle(pilot)


async def _import_typed(pilot, text: str, account: str = "me") -> str:
    """Type ``text`` in the path field, ``enter``, wait: the log, unwrapped."""
    pilot.app.screen.query_one("#import-account").value = account
    await _type(pilot, text)
    await press(pilot, "enter")
    await settle(pilot)
    return _log(pilot.app)


def _studio_folder(root: Path) -> Path:
    folder = root / "exports"
    folder.mkdir(parents=True)
    for name in ("Overview.csv", "FollowerHistory.csv"):
        shutil.copy(STUDIO / name, folder / name)
    return folder


@aio
async def test_typing_a_folder_and_enter_imports_every_file_in_it(tmp_path, home) -> None:
    written = write_demo_files(tmp_path / "downloads" / "tiktok", today=TODAY)
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open(pilot)
        assert screen.focused is _field(app)  # the field has the focus on open
        await _type(pilot, f"{tmp_path}/downloads/tiktok/")
        assert _tree_root(app) == tmp_path / "downloads" / "tiktok"  # the tree follows
        await press(pilot, "enter")
        await settle(pilot)
        assert f"{len(written)} imported, 0 unchanged, 0 refused" in _log(app)
        assert app.store.load("imports").height == len(written)
        assert app.accounts == ["lena.cooks"]
        assert app.store.load("videos").height > 0
        await press(pilot, "enter")  # the same folder again changes nothing
        await settle(pilot)
        assert f"0 imported, {len(written)} unchanged, 0 refused" in _log(app)
        await press(pilot, "escape", "q")  # out of the field, then the screen's own key
        assert app.current_mode == "overview" and app.account == "lena.cooks"


@aio
async def test_a_path_that_does_not_exist_is_one_plain_line(tmp_path, home) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot)
        await _type(pilot, f"{tmp_path}/nowhere/Overview.zip")
        assert "No file or folder starts" in str(app.screen.query_one("#import-hint").render())
        await press(pilot, "enter")
        log = _log(app)
        assert "No such file or folder" in log and "nowhere/Overview.zip" in log
        assert "Traceback" not in log and "Error" not in log
        assert app.store.is_empty() and not app.screen.running
        await _type(pilot, "~")
        await press(pilot, "enter")  # the whole home folder is refused, not read
        assert "too wide" in _log(app)
        assert app.store.is_empty()


@aio
async def test_tilde_expands_and_tab_completes(tmp_path, home) -> None:
    _studio_folder(home / "Downloads")
    (home / "Documents").mkdir()
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot)
        await _type(pilot, "~/Do")
        await press(pilot, "tab")  # two fit: their common prefix, and both listed
        assert _field(app).value == "~/Do"
        hint = str(app.screen.query_one("#import-hint").render())
        assert "Documents/" in hint and "Downloads/" in hint
        await press(pilot, "w", "tab")
        assert _field(app).value == "~/Downloads/"
        assert _tree_root(app) == home / "Downloads"
        await press(pilot, "e", "tab")
        assert _field(app).value == "~/Downloads/exports/"
        await press(pilot, "O", "tab")
        assert _field(app).value == "~/Downloads/exports/Overview.csv"
        app.screen.query_one("#import-account").value = "@me"
        await press(pilot, "enter")
        await settle(pilot)
        assert "1 imported" in _log(app)
        assert app.accounts == ["me"]


@aio
async def test_up_a_folder_from_the_field_the_tree_and_its_dotdot(tmp_path, home) -> None:
    inner = _studio_folder(home / "a" / "b")
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot)
        await _type(pilot, f"{inner}/")
        assert _tree_root(app) == inner
        await press(pilot, "alt+up")  # in the field
        assert _field(app).value == "~/a/b/" and _tree_root(app) == home / "a" / "b"
        await press(pilot, "escape", "backspace")  # in the tree
        assert _tree_root(app) == home / "a"
        assert _field(app).value == "~/a/"
        for _ in range(5):
            await pilot.pause(0.02)
        tree = app.screen.query_one(PickTree)
        tree.cursor_line = 1  # the ``..`` entry, first under the root
        assert tree.cursor_node.data.path.name == ".."
        await press(pilot, "enter")
        assert _tree_root(app) == home
        assert _field(app).value == "~/"


@aio
async def test_esc_leaves_the_field_for_the_tree_whose_keys_then_work(tmp_path, home) -> None:
    folder = _studio_folder(home)
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open(pilot)
        assert "enter imports this path" in screen_text(app)  # the header says what keys do
        await _type(pilot, "~/exports/")
        await press(pilot, "escape")
        assert isinstance(screen.focused, PickTree)
        assert app.screen is screen  # esc in the field does not close the screen
        assert "space picks" in screen_text(app)
        for _ in range(5):
            await pilot.pause(0.02)
        await press(pilot, "j", "j", "space")  # past the root and ``..``: FollowerHistory.csv
        assert screen.picked == {folder / "FollowerHistory.csv"}
        assert _field(app).value == "~/exports/FollowerHistory.csv"  # the tree fills the field
        await press(pilot, "slash")
        assert screen.focused is _field(app)
        assert _field(app).value == "~/exports/FollowerHistory.csv"  # ``/`` was not typed


@aio
async def test_recent_folders_are_remembered_across_two_runs(tmp_path, home) -> None:
    folder = _studio_folder(tmp_path / "elsewhere")
    prefs_file = tmp_path / "config" / "ui.json"
    app = _app(tmp_path, UiPrefs(prefs_file))
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot)
        assert "2 imported" in await _import_typed(pilot, f"{folder}/")

    again = _app(tmp_path, UiPrefs(prefs_file))
    async with again.run_test(size=(100, 30)) as pilot:
        screen = await _open(pilot)
        assert _tree_root(again) == folder  # opens where the last import came from
        recent = screen.query_one("#import-recent")
        assert recent.option_count == 1 and recent.get_option_at_index(0).id == str(folder)
        await _type(pilot, "~/")
        await press(pilot, "up")  # ↑ in the field recalls it, ↓ goes back to what was typed
        assert _field(again).value == f"{folder}/"
        await press(pilot, "down")
        assert _field(again).value == "~/"
        await press(pilot, "escape", "tab", "enter")  # the list beside the tree: to the field
        assert screen.focused is _field(again) and _field(again).value == f"{folder}/"


def test_prefs_keep_the_theme_and_the_recent_folders_together(tmp_path: Path) -> None:
    path = tmp_path / "ui.json"
    folders = [tmp_path / f"f{i}" for i in range(10)]
    for f in folders:
        f.mkdir()
    prefs = UiPrefs(path)
    prefs.save_theme("nord")
    for f in folders:
        prefs.add_recent_folder(f)
    prefs.add_recent_folder(folders[3])
    again = UiPrefs(path)
    assert again.theme({"nord": object()}) == "nord"
    recent = again.recent_folders()
    assert recent[0] == folders[3] and len(recent) == 8 and len(set(recent)) == 8
    folders[9].rmdir()  # a folder that is gone is not offered
    assert folders[9] not in UiPrefs(path).recent_folders()
    memory = UiPrefs()  # no file: this run only
    memory.add_recent_folder(folders[0])
    assert memory.recent_folders() == [folders[0]]


@aio
async def test_a_big_folder_asks_for_a_second_enter(tmp_path, home, monkeypatch) -> None:
    from tiktui.ui.screens import importer

    monkeypatch.setattr(importer, "CONFIRM_OVER", 1)
    folder = _studio_folder(tmp_path)
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot)
        log = await _import_typed(pilot, f"{folder}/")
        assert "2 files" in log and "again" in log
        assert app.store.is_empty() and not app.screen.running
        await press(pilot, "enter")
        await settle(pilot)
        assert "2 imported" in _log(app)


@aio
async def test_control_characters_in_names_are_shown_visible(tmp_path, home) -> None:
    folder = tmp_path / "in\x1b[31mbox"
    folder.mkdir()
    shutil.copy(STUDIO / "Overview.csv", folder / "Over\x07view.csv")
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot)
        await _type(pilot, f"{tmp_path}/in")
        await press(pilot, "tab")
        assert _field(app).value == f"{tmp_path}/in␛[31mbox/"
        assert _tree_root(app) == folder
        for _ in range(5):
            await pilot.pause(0.02)
        text = screen_text(app)
        assert "Over␇view.csv" in text and "\x07" not in text and "\x1b" not in text
        app.screen.query_one("#import-account").value = "me"
        await press(pilot, "escape", "j", "j", "space")
        assert app.screen.picked == {folder / "Over\x07view.csv"}
        await press(pilot, "slash", "enter")  # the shown name still finds the file
        await settle(pilot)
        log = _log(app)
        assert "1 imported" in log and "Over␇view.csv" in log and "\x07" not in log


@aio
async def test_a_relative_path_starts_from_the_folder_shown_when_typing_began(
    tmp_path, home
) -> None:
    (home / "a" / "b" / "c").mkdir(parents=True)
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot)
        await _type(pilot, "a/b/c/")  # the tree follows at a/ and a/b/: the start stays ~
        assert _tree_root(app) == home / "a" / "b" / "c"


MAY = '\ufeff"Date","Video Views","Likes"\n' + "\n".join(
    f'"May {d}","{100 + d}","{d}"' for d in range(13, 20)
)


@aio
async def test_the_export_day_field_fixes_the_year_of_undated_files(tmp_path, home) -> None:
    """issue 9, item 4: the screen's export day does what ``--exported-on`` does."""
    import os
    from datetime import UTC, date, datetime, timedelta

    path = tmp_path / "Overview.csv"
    path.write_text(MAY, encoding="utf-8")
    stamp = datetime(2026, 5, 25, tzinfo=UTC).timestamp()  # a copy reset it: not the day
    os.utime(path, (stamp, stamp))
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot)
        day = app.screen.query_one("#import-exported-on")
        day.value = (TODAY + timedelta(days=1)).isoformat()  # in the future: refused
        log = await _import_typed(pilot, str(path))
        assert "Export day:" in log and "future" in log
        assert app.store.load("imports").height == 0  # nothing was read
        day.value = "2025-05-20"
        _field(app).focus()
        log = await _import_typed(pilot, str(path))
        assert "1 imported" in log and "stated export day 2025-05-20" in log
        dates = app.store.load("account_daily")["date"].to_list()
        assert sorted(dates) == [date(2025, 5, 13) + timedelta(d) for d in range(7)]
        assert app.store.load("imports")["exported_on"].to_list() == [date(2025, 5, 20)]
