"""The app reads only the account on screen, and notices commits made by another process."""

from __future__ import annotations

from pathlib import Path

from tiktui.data.pipeline import import_paths
from tiktui.data.store import Store
from tiktui.ui.app import TikTuiApp

from .conftest import aio, settle
from .factory import TODAY

OVERVIEW_CSV = (
    '\ufeff"Date","Video Views","Profile Views","Likes","Comments","Shares"\n'
    '"November 17","100","5","10","1","2"\n"November 18","120","6","12","1","2"'
)


def _import(root: Path, account: str) -> None:
    folder = root / f"in-{account}"
    folder.mkdir()
    text = OVERVIEW_CSV.replace('"120"', f'"{len(account)}"')  # different bytes per account
    (folder / "Overview.csv").write_text(text, encoding="utf-8")
    results = import_paths(Store.open(root / "store"), [folder], account=account, today=TODAY)
    assert [r.status for r in results] == ["imported"]


@aio
async def test_the_app_reads_one_account_and_picks_up_another_process_commit(
    tmp_path: Path,
) -> None:
    _import(tmp_path, "first.one")
    app = TikTuiApp(Store.open(tmp_path / "store"), today=TODAY, store_label="(test)")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.account == "first.one" and app.accounts == ["first.one"]
        _import(tmp_path, "second.one")  # another process (the CLI) commits
        app._poll_store()  # what the 2-second timer does
        await settle(pilot)
        assert app.accounts == ["first.one", "second.one"]
        assert set(app.tables["account_daily"]["account"]) == {"first.one"}  # scoped
        app.set_account("second.one")
        await settle(pilot)
        assert app.account == "second.one"
        assert set(app.tables["account_daily"]["account"]) == {"second.one"}
        token = app._store_token
        app._poll_store()  # nothing committed since: nothing read again
        await settle(pilot)
        assert app._store_token == token


@aio
async def test_a_damaged_part_is_named_and_the_whole_accounts_are_shown(tmp_path: Path) -> None:
    _import(tmp_path, "first.one")
    _import(tmp_path, "second.one")
    store = Store.open(tmp_path / "store")
    part = store.manifest().table_part("first.one", "account_daily")
    assert part is not None
    (store.root / part.path).write_bytes(b"PAR1")  # truncated
    app = TikTuiApp(Store.open(tmp_path / "store"), today=TODAY, store_label="(test)")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.account == "second.one" and app.accounts == ["second.one"]
        assert set(app.tables["account_daily"]["account"]) == {"second.one"}
        shown = [n.message for n in app._notifications]
        assert len(shown) == 1 and part.path in shown[0]


@aio
async def test_a_garbage_manifest_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    _import(tmp_path, "first.one")
    (tmp_path / "store" / "manifest.json").write_text("{", encoding="utf-8")
    app = TikTuiApp(Store.open(tmp_path / "store"), today=TODAY, store_label="(test)")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.is_running and app.accounts == []
        shown = [n.message for n in app._notifications]
        assert len(shown) == 1 and "manifest" in shown[0]
