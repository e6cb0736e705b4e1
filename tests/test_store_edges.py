"""Refusals at the store's edges and recovery from raw/: a busy store names its holder,
a full disk or a read-only folder is one line (nothing left behind), rebuild needs
only raw/ with the sidecars and forgets, and never succeeds on less than raw/ holds."""

from __future__ import annotations

import builtins
import errno
import hashlib
import json
import os
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from tiktui.cli import EXIT_STORE, main
from tiktui.data import durable, raw_meta
from tiktui.data import manifest as mf
from tiktui.data.pipeline import import_paths
from tiktui.data.rebuild import FORGETS, GUESSED, forgotten, rebuild
from tiktui.data.schema import TABLES
from tiktui.data.store import Store, StoreBusy, StoreFull, StoreReadOnly

STUDIO = Path(__file__).parent / "fixtures" / "studio"
TODAY = __import__("datetime").date(2026, 11, 22)
FILES = ["Overview.csv", "Content.csv", "FollowerActivity.csv"]


def _store(root: Path, files: list[str] = FILES) -> Store:
    store = Store.open(root)
    results = import_paths(store, [STUDIO / f for f in files], "lena", TODAY)
    assert all(r.ok for r in results)
    return store


def _tables(store: Store) -> dict[str, pl.DataFrame]:
    fresh = Store(store.root)
    return {
        name: fresh.load(name).sort(list(t.key), nulls_last=True)
        for name, t in TABLES.items()
        if name != "imports"
    }


def _assert_same(a: dict[str, pl.DataFrame], b: dict[str, pl.DataFrame]) -> None:
    assert a.keys() == b.keys()
    for name in a:
        assert_frame_equal(a[name], b[name])


def _log_part(store: Store) -> Path:
    part = store.manifest().table_part("", "imports")
    assert part is not None
    return store.root / part.path


# -- sidecars and rebuild -------------------------------------------------------


def test_each_import_is_recorded_beside_its_raw_file(tmp_path: Path) -> None:
    store = _store(tmp_path, ["Overview.csv"])
    (row,) = store.load("imports").iter_rows(named=True)
    (entry,) = raw_meta.read(store.root, row["sha256"])
    assert entry["batch_id"] == row["batch_id"] and entry["file_name"] == "Overview.csv"
    assert entry["account_given"] == "lena" and entry["imported_at"] == row["imported_at"]
    assert entry["file_mtime"] == row["file_mtime"]


def test_a_store_without_sidecars_gains_them_on_the_next_write(tmp_path: Path) -> None:
    store = _store(tmp_path, ["Overview.csv", "Content.csv"])
    for side in (store.root / "raw").glob("*.json"):
        side.unlink()
    man = store.manifest().copy()
    man.sidecars = False  # as written before sidecars
    mf.write(store.root, man)
    import_paths(Store(store.root), [STUDIO / "FollowerActivity.csv"], "lena", TODAY)
    log = Store(store.root).load("imports")
    assert log.height == 3
    for sha, batch in log.select("sha256", "batch_id").iter_rows():
        assert batch in {e["batch_id"] for e in raw_meta.read(store.root, sha)}


@pytest.mark.parametrize("damage", ["log-deleted", "log-flipped", "manifest-deleted", "all"])
def test_rebuild_needs_only_raw_and_the_sidecars(tmp_path: Path, damage: str) -> None:
    """Fails on 0.1: with the import log gone, rebuild emptied every table and said ok."""
    store = _store(tmp_path)
    before = _tables(store)
    log = _log_part(store)
    if damage in ("log-deleted", "all"):
        log.unlink()
    if damage == "log-flipped":
        data = bytearray(log.read_bytes())
        data[len(data) // 2] ^= 0xFF
        log.write_bytes(bytes(data))
    if damage == "all":  # every part damaged: none may be read
        for part in Store(tmp_path).part_files():
            (tmp_path / part).write_bytes(b"PAR1 not a table")
    if damage in ("manifest-deleted", "all"):
        (tmp_path / mf.NAME).unlink()
    results = rebuild(Store(tmp_path))
    assert all(r.ok for r in results) and len(results) == len(FILES)
    _assert_same(_tables(store), before)
    assert Store(tmp_path).load("imports")["file_name"].sort().to_list() == sorted(FILES)


def test_rebuild_refuses_rather_than_succeed_on_less_than_raw_holds(tmp_path: Path) -> None:
    store = _store(tmp_path)
    commit, before = store.commit_number(), _tables(store)
    (sha,) = store.load("imports").filter(pl.col("file_name") == "Content.csv")["sha256"]
    store.raw_path(sha).write_bytes(b"\x00 not an export any more")
    _log_part(store).unlink()
    results = rebuild(Store(tmp_path))
    assert [r.ok for r in results].count(False) == 1
    assert Store(tmp_path).commit_number() == commit  # nothing committed
    store.raw_path(sha).write_bytes((STUDIO / "Content.csv").read_bytes())
    assert all(r.ok for r in rebuild(Store(tmp_path)))
    _assert_same(_tables(store), before)


def test_a_raw_file_nothing_records_is_read_as_a_plain_import_and_said_so(
    tmp_path: Path, capsys
) -> None:
    store = _store(tmp_path, ["Overview.csv"])
    data = (STUDIO / "FollowerActivity.csv").read_bytes()
    store.archive_raw(hashlib.sha256(data).hexdigest(), data)  # no sidecar, no log line
    other = _store(tmp_path / "other", ["Overview.csv", "FollowerActivity.csv"])
    code = main(["rebuild", "--data-dir", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0 and out.count("\n") == 2 and "FollowerActivity" not in out
    assert "plain import" in out  # the guessed file's line says so
    results = rebuild(Store(tmp_path))
    assert sum(GUESSED in r.notes for r in results) == 0  # recorded by the first rebuild
    _assert_same(_tables(store), _tables(other))


def test_forgets_recorded_but_never_committed_do_not_count(tmp_path: Path) -> None:
    store = _store(tmp_path, ["Overview.csv", "Content.csv"])
    row = store.load("imports").row(1, named=True)
    line = {"sha256": row["sha256"], "batch_id": row["batch_id"], "file_name": "x"}
    (tmp_path / "raw" / FORGETS).write_text(json.dumps(line) + "\n")  # a killed forget's
    assert forgotten(store) == set()
    before = _tables(store)
    assert all(r.ok for r in rebuild(store))
    _assert_same(_tables(store), before)
    _log_part(store).unlink()  # with no log, the record is all there is: it counts
    assert forgotten(Store(tmp_path)) == {(row["sha256"], row["batch_id"])}


def test_a_forget_after_a_torn_record_is_kept_on_its_own_line(tmp_path: Path) -> None:
    from tiktui.data.rebuild import forget

    store = _store(tmp_path, ["Overview.csv", "Content.csv"])
    (tmp_path / "raw" / FORGETS).write_text('{"sha256": "ab')  # a forget killed mid-line
    content = store.load("imports").filter(pl.col("file_name") == "Content.csv")
    forget(store, str(STUDIO / "Content.csv"))
    assert forgotten(store) == set(content.select("sha256", "batch_id").iter_rows())


def test_leftovers_of_a_killed_write_go_with_the_next_one(tmp_path: Path) -> None:
    store = _store(tmp_path, ["Overview.csv"])
    planted = [
        tmp_path / f".{mf.NAME}.999.tmp",
        tmp_path / "raw" / f".{'0' * 64}.999.tmp",
        tmp_path / "raw" / f".{'0' * 64}.json.999.tmp",
        tmp_path / "parts" / "a-lena" / "videos" / "t-00000009-000.parquet",
    ]
    for path in planted:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half")
    before = _tables(store)  # ignored by readers
    import_paths(Store(tmp_path), [STUDIO / "Content.csv"], "lena", TODAY)
    assert not any(p.exists() for p in planted)
    assert before["account_daily"].height == _tables(store)["account_daily"].height


# -- a busy store ------------------------------------------------------------


def test_a_busy_store_names_who_holds_it_and_since_when(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    store = _store(tmp_path, ["Overview.csv"])
    monkeypatch.setattr("tiktui.data.lock.LOCK_TIMEOUT_S", 0.2)
    monkeypatch.setattr(durable, "COMMAND", "tiktui import")
    with store.lock():
        with pytest.raises(StoreBusy) as busy:
            with Store(tmp_path).transaction():
                pass
        assert f"`tiktui import` (pid {os.getpid()}) has held it since" in str(busy.value)
        code = main(["import", str(STUDIO / "Content.csv"), "--data-dir", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == EXIT_STORE == 3 and out == ""
    assert err.count("\n") == 1 and f"(pid {os.getpid()})" in err and str(tmp_path) in err
    assert Store(tmp_path).load("imports").height == 1  # nothing changed
    assert not (tmp_path / "lock.holder").exists()  # the holder's file goes with the lock


# -- a full disk, a read-only folder -----------------------------------------------


def _failing_open(where: str, error: int, tmp_path: Path):
    """``open`` for the store's writes that fails (after writing half) for paths under
    ``where``: the raw copy, a sidecar, a part or the manifest."""
    real = builtins.open

    class Half:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            self.fh.write(data[: len(data) // 2])
            raise OSError(error, os.strerror(error), str(self.fh.name))

        def __getattr__(self, name):
            return getattr(self.fh, name)

    def fake(path, mode="r", *args, **kwargs):
        fh = real(path, mode, *args, **kwargs)
        rel = Path(path).relative_to(tmp_path).as_posix()
        if "w" in mode and where in rel:
            if error != errno.ENOSPC:
                fh.close()
                os.unlink(path)
                raise OSError(error, os.strerror(error), str(path))
            return Half(fh)
        return fh

    return fake


WRITES = {"raw copy": "raw/.", "sidecar": ".json.", "part": "parts/", "manifest": mf.NAME}


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EROFS, errno.EACCES])
@pytest.mark.parametrize("where", sorted(WRITES))
def test_a_full_disk_or_read_only_store_is_one_line_and_leaves_nothing(
    tmp_path: Path, monkeypatch, capsys, where: str, error: int
) -> None:
    """Fails on 0.1: partial raw/ temp files stayed forever, and a bare PermissionError."""
    store = _store(tmp_path, ["Overview.csv"])
    before, commit = _tables(store), store.commit_number()
    fake = _failing_open(WRITES[where], error, tmp_path)
    monkeypatch.setattr(durable, "open", fake, raising=False)
    with pytest.raises(StoreFull if error == errno.ENOSPC else StoreReadOnly):
        import_paths(Store(tmp_path), [STUDIO / "Content.csv"], "lena", TODAY)
    code = main(["import", str(STUDIO / "Content.csv"), "--data-dir", str(tmp_path)])
    monkeypatch.undo()
    out, err = capsys.readouterr()
    assert code == EXIT_STORE and err.count("\n") == 1 and str(tmp_path) in err
    assert "Error" not in err and "Errno" not in err and "imported" not in out
    if error == errno.ENOSPC:
        assert "full" in err and "more were needed" in err
    else:
        assert "read-only" in err and "--data-dir" in err and "TIKTUI_DATA_DIR" in err
    fresh = Store(tmp_path)
    assert fresh.commit_number() == commit
    _assert_same(_tables(fresh), before)
    assert not list(tmp_path.glob(".*.tmp")) and not list((tmp_path / "raw").glob(".*"))
    assert set(fresh.part_files()) <= set(fresh.manifest().parts) | {
        p for _c, p in fresh.manifest().retired
    }
    results = import_paths(fresh, [STUDIO / "Content.csv"], "lena", TODAY)
    assert [r.status for r in results] == ["imported"]


def test_a_forgotten_import_stays_forgotten_with_or_without_the_log(tmp_path: Path) -> None:
    from tiktui.data.rebuild import forget

    store = _store(tmp_path)
    forget(store, str(STUDIO / "Content.csv"))
    after = _tables(store)
    assert all(r.ok for r in rebuild(Store(tmp_path)))  # the log says what is left
    _assert_same(_tables(store), after)
    _log_part(Store(tmp_path)).unlink()  # only raw/, the sidecars and forgets.jsonl
    assert all(r.ok for r in rebuild(Store(tmp_path)))
    _assert_same(_tables(store), after)
    names = Store(tmp_path).load("imports")["file_name"].sort().to_list()
    assert names == ["FollowerActivity.csv", "Overview.csv"]
