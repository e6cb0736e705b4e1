"""The summary the app's first screen draws from is written by the command that commits
(import, forget, rebuild), so the first start after it draws at once; it is a cache, so
nothing that stops it may fail the command."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.test_cli import OVERVIEW, overview_zip
from tiktui import summary
from tiktui.advisor.config import load_config
from tiktui.cli import main
from tiktui.data.queries import freshness
from tiktui.data.store import Store


def _fresh(root: Path) -> summary.Summary | None:
    return summary.fresh(root, summary.START_PERIOD_DAYS, date.today(), load_config(None))


def _as_the_app_computes(root: Path, account: str) -> summary.OverviewData:
    tables, damaged = Store(root).readable(account)
    assert not damaged
    return summary.compute(
        tables,
        account,
        summary.START_PERIOD_DAYS,
        date.today(),
        load_config(None),
        freshness(tables, account),
    )


def _import(root: Path, file: Path) -> None:
    assert main(["import", str(file), "--data-dir", str(root)]) == 0


def test_an_import_writes_the_summary_the_app_would_compute(tmp_path: Path) -> None:
    root = tmp_path / "store"
    _import(root, overview_zip(tmp_path))
    kept = _fresh(root)
    assert kept is not None
    assert (kept.account, kept.accounts, kept.commit) == (
        "lena.cooks",
        ["lena.cooks"],
        Store(root).commit_number(),
    )
    assert kept.overview == _as_the_app_computes(root, "lena.cooks")

    (root / summary.NAME).unlink()
    assert main(["rebuild", "--data-dir", str(root)]) == 0
    kept = _fresh(root)
    assert kept is not None and kept.commit == Store(root).commit_number()


def test_it_stays_on_the_account_the_app_opens_on_and_follows_each_commit(
    tmp_path: Path,
) -> None:
    root = tmp_path / "store"
    _import(root, overview_zip(tmp_path, handle="lena.cooks"))
    other = tmp_path / "other"
    other.mkdir()
    second = overview_zip(other, OVERVIEW.replace('"1200"', '"1300"'), handle="aaron.runs")
    _import(root, second)  # sorts first, imported second
    kept = _fresh(root)
    assert kept is not None and kept.account == "lena.cooks"
    assert sorted(kept.accounts) == ["aaron.runs", "lena.cooks"]
    assert kept.commit == Store(root).commit_number()

    assert main(["forget", str(second), "--data-dir", str(root)]) == 0
    kept = _fresh(root)
    assert kept is not None and kept.accounts == ["lena.cooks"]
    assert kept.commit == Store(root).commit_number()
    assert kept.overview == _as_the_app_computes(root, "lena.cooks")


def test_an_already_imported_file_writes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "store"
    file = overview_zip(tmp_path)
    _import(root, file)
    (root / summary.NAME).unlink()
    _import(root, file)
    assert not (root / summary.NAME).exists()


def test_a_summary_that_cannot_be_computed_never_fails_the_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kw: object) -> summary.OverviewData:
        raise RuntimeError("internal detail")

    monkeypatch.setattr(summary, "compute", broken)
    root = tmp_path / "store"
    _import(root, overview_zip(tmp_path))
    assert _fresh(root) is None
    assert "internal detail" not in "".join(capsys.readouterr())
    assert Store(root).commit_number() == 1
