"""The layout-2 store: per-account parts, fact segments, the manifest, migration, forget."""

from __future__ import annotations

import hashlib
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from tiktui.data import manifest as mf
from tiktui.data import pipeline
from tiktui.data.importers.base import Parsed
from tiktui.data.rebuild import NothingToForget, forget, forgotten, rebuild
from tiktui.data.schema import TABLES
from tiktui.data.store import DamagedPart, Store
from tiktui.data.transaction import MAX_SEGMENTS, Transaction

FIXTURE = Path(__file__).parent / "fixtures" / "store_v0_1"
DAY0 = date(2026, 1, 1)


def _pending(name: str, part: Parsed) -> pipeline._Pending:
    data = (name + repr(part)).encode()
    sha = hashlib.sha256(data).hexdigest()
    return pipeline._Pending(name, name, data, sha, datetime(2026, 1, 1, tzinfo=UTC), parts=[part])


def _daily(account: str | None, start: int, views: list[int | None], hours: int) -> Parsed:
    dates = [DAY0 + timedelta(start + i) for i in range(len(views))]
    as_of = datetime(2026, 3, 1, tzinfo=UTC) + timedelta(hours=hours)
    frame = pl.DataFrame(
        {"date": dates, "video_views": views}, schema_overrides={"video_views": pl.Int64}
    )
    return Parsed("studio-overview", {"account_daily": frame}, as_of, account=account)


def _commit_together(store: Store, files: list[tuple[str, Parsed]]) -> list[str]:
    """Stage several files in one transaction and commit them together (one `import`)."""
    with store.transaction() as tx:
        results = {
            i: pipeline._import_one(tx, _pending(n, p), None) for i, (n, p) in enumerate(files)
        }
        staged = [i for i, r in results.items() if r.status == "imported"]
        if staged:
            pipeline._commit(tx, staged, results)
    return [results[i].status for i in range(len(files))]


def _canonical(store: Store) -> dict[str, pl.DataFrame]:
    out = {}
    for name, frame in store.tables().items():
        if name == "imports":
            continue
        out[name] = frame.sort(list(TABLES[name].key), nulls_last=True)
    return out


def _assert_same_tables(a: dict[str, pl.DataFrame], b: dict[str, pl.DataFrame]) -> None:
    assert a.keys() == b.keys()
    for name in a:
        assert_frame_equal(a[name], b[name], check_row_order=True)


files = st.lists(
    st.tuples(
        st.sampled_from(["a.one", "b.two", "c.three"]),
        st.integers(0, 10),
        st.lists(st.one_of(st.none(), st.integers(0, 1000)), min_size=1, max_size=6),
    ),
    min_size=1,
    max_size=7,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(files=files, order=st.randoms(use_true_random=False), cut=st.integers(1, 7))
def test_property_accounts_commits_and_order_do_not_change_the_tables(
    tmp_path_factory, files, order, cut
) -> None:
    """Files for several accounts, committed one by one or several together, in any
    order, give the same tables; importing them again changes nothing."""
    parts = [
        (f"f{i}", _daily(acct, start, views, i)) for i, (acct, start, views) in enumerate(files)
    ]
    one_by_one = Store.open(tmp_path_factory.mktemp("a"))
    for name, part in parts:
        assert _commit_together(one_by_one, [(name, part)]) == ["imported"]
    shuffled = list(parts)
    order.shuffle(shuffled)
    together = Store.open(tmp_path_factory.mktemp("b"))
    _commit_together(together, shuffled[:cut])
    _commit_together(together, shuffled[cut:])
    _assert_same_tables(_canonical(one_by_one), _canonical(together))
    commit = together.commit_number()
    assert set(_commit_together(together, parts)) == {"unchanged"}
    assert together.commit_number() == commit
    assert together.accounts() == sorted({acct for acct, _s, _v in files})


def test_a_commit_touches_only_the_accounts_it_changes(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    _commit_together(
        store, [("a", _daily("a.one", 0, [1, 2], 0)), ("b", _daily("b.two", 0, [3], 1))]
    )
    before = {p.path for p in store.manifest().of_account("b.two")}
    _commit_together(store, [("a2", _daily("a.one", 1, [5], 2))])
    man = store.manifest()
    assert {p.path for p in man.of_account("b.two")} == before
    assert len(man.fact_parts("a.one", "account_daily")) == 2  # appended, not rewritten


def test_every_account_has_every_table_in_the_manifest(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    _commit_together(store, [("a", _daily("a.one", 0, [1], 0))])
    man = store.manifest()
    for table in TABLES.values():
        owner = mf.STORE_WIDE if table.name == "imports" else "a.one"
        part = man.table_part(owner, table.name)
        assert part is not None
        data = (tmp_path / part.path).read_bytes()
        assert len(data) == part.size and mf.checksum(data) == part.blake2b
    assert man.layout == mf.LAYOUT


def test_a_crash_at_any_step_of_a_commit_leaves_the_last_commit_whole(
    tmp_path: Path, monkeypatch
) -> None:
    files = [("b", _daily("b.two", 0, [7, 8], 5)), ("a2", _daily("a.one", 3, [9], 6))]
    clean = Store.open(tmp_path / "clean")
    _commit_together(clean, [("a", _daily("a.one", 0, [1, 2], 0))])
    _commit_together(clean, files)
    expected = _canonical(clean)

    real_part = mf.write_part
    steps = {"n": 0}

    def counting(*args, **kwargs):
        steps["n"] += 1
        return real_part(*args, **kwargs)

    counted = Store.open(tmp_path / "count")
    _commit_together(counted, [("a", _daily("a.one", 0, [1, 2], 0))])
    monkeypatch.setattr(mf, "write_part", counting)
    _commit_together(counted, files)
    monkeypatch.undo()
    assert steps["n"] > 4

    for crash_at in range(steps["n"] + 1):  # each part written, then the manifest itself
        store = Store.open(tmp_path / f"s{crash_at}")
        _commit_together(store, [("a", _daily("a.one", 0, [1, 2], 0))])
        before, commit = _canonical(store), store.commit_number()
        calls = {"n": 0}

        def failing(*args, _calls=calls, _at=crash_at, **kwargs):
            _calls["n"] += 1
            if _calls["n"] > _at:
                raise OSError("killed")
            return real_part(*args, **kwargs)

        def failing_manifest(*args, **kwargs):
            raise OSError("killed")

        monkeypatch.setattr(mf, "write_part", failing)
        if crash_at == steps["n"]:
            monkeypatch.setattr(mf, "write", failing_manifest)
        assert set(_commit_together(store, files)) == {"refused"}
        monkeypatch.undo()
        fresh = Store(store.root)
        assert fresh.commit_number() == commit
        _assert_same_tables(_canonical(fresh), before)
        assert set(_commit_together(fresh, files)) == {"imported"}  # and the leftovers go
        _assert_same_tables(_canonical(fresh), expected)
        man = fresh.manifest()
        on_disk = {
            p.relative_to(fresh.root).as_posix() for p in (fresh.root / "parts").rglob("*.parquet")
        }
        assert on_disk == set(man.parts) | {path for _c, path in man.retired}


def test_reads_of_one_account_open_only_its_parts(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    _commit_together(
        store, [("a", _daily("a.one", 0, [1, 2], 0)), ("b", _daily("b.two", 0, [3], 1))]
    )
    expected = store.tables("a.one")["account_daily"]
    shutil.rmtree(tmp_path / "parts" / mf.account_dir("b.two"))  # B's parts are gone
    scoped = Store(tmp_path)
    assert_frame_equal(scoped.tables("a.one")["account_daily"], expected)
    assert scoped.tables("a.one")["account_daily"]["video_views"].to_list() == [1, 2]
    assert scoped.scan("account_daily", "a.one").collect().height == 2
    with pytest.raises(DamagedPart) as err:
        scoped.tables()  # the whole store does need B, and names what of it is gone
    assert err.value.account == "b.two" and err.value.problem == "missing"
    rest, damaged = scoped.readable()  # a reader goes on with A
    assert rest["account_daily"]["video_views"].to_list() == [1, 2]
    assert {d.account for d in damaged} == {"b.two"}


def test_segments_past_the_limit_are_compacted(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    for i in range(MAX_SEGMENTS + 3):
        _commit_together(store, [(f"f{i}", _daily("a.one", i, [i], i))])
    assert len(store.manifest().fact_parts("a.one", "account_daily")) <= MAX_SEGMENTS
    assert store.load("account_daily")["video_views"].to_list() == list(range(MAX_SEGMENTS + 3))


def test_forget_undoes_one_import_and_rebuild_keeps_it_undone(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    right = _daily("a.one", 0, [1, 2], 0)
    wrong = _daily("b.two", 1, [50], 1)  # imported into the wrong account
    _commit_together(store, [("right", right), ("wrong", wrong)])
    (sha,) = store.load("imports").filter(pl.col("file_name") == "wrong")["sha256"]
    store.archive_raw(sha, b"x")  # rebuild below re-reads raw/: keep the test off the importers

    done = forget(store, sha[:12])
    assert done.accounts == ["b.two"] and store.accounts() == ["a.one"]
    assert store.load("imports")["file_name"].to_list() == ["right"]
    assert store.load("account_daily")["video_views"].to_list() == [1, 2]
    assert (sha, done.batches[0][0]) in forgotten(store)
    with pytest.raises(NothingToForget):
        forget(store, sha[:12])
    # The same file imported again (with the right account) is a new import.
    assert _commit_together(store, [("wrong", _daily("a.one", 1, [50], 1))]) == ["imported"]
    assert store.load("account_daily")["video_views"].to_list() == [1, 50]


def test_rebuild_skips_forgotten_imports(tmp_path: Path, monkeypatch) -> None:
    store = Store.open(tmp_path)
    parts = {"right": _daily("a.one", 0, [1, 2], 0), "wrong": _daily("a.one", 1, [50], 1)}
    _commit_together(store, list(parts.items()))
    for sha in store.load("imports")["sha256"]:
        store.archive_raw(sha, b"x")
    by_sha = dict(
        zip(store.load("imports")["sha256"], store.load("imports")["file_name"], strict=True)
    )

    def parse(p, today):
        p.parts = [parts[by_sha[p.sha256]]]

    monkeypatch.setattr("tiktui.data.rebuild._parse", parse)
    forget(store, next(s for s, n in by_sha.items() if n == "wrong"))
    forgotten_tables = _canonical(store)
    assert all(r.ok for r in rebuild(store))
    _assert_same_tables(_canonical(store), forgotten_tables)
    assert store.load("imports")["file_name"].to_list() == ["right"]


def _old_tables(root: Path) -> dict[str, pl.DataFrame]:
    gen = root / (root / "CURRENT").read_text().strip()
    out = {}
    for name, table in TABLES.items():
        path = gen / f"{name}.parquet"  # a table added after 0.1: empty before, so after too
        frame = pl.read_parquet(path) if path.exists() else table.empty()
        out[name] = table.conform(frame).sort(list(table.key), nulls_last=True)
    return out


def test_a_0_1_store_is_migrated_in_place_and_loses_nothing(tmp_path: Path) -> None:
    root = tmp_path / "store"
    shutil.copytree(FIXTURE, root)
    before = _old_tables(root)
    old_facts = {
        name: pl.read_parquet(
            root / (root / "CURRENT").read_text().strip() / "facts" / f"{name}.parquet"
        )
        for name in TABLES
        if name != "imports"
        and (root / (root / "CURRENT").read_text().strip() / "facts" / f"{name}.parquet").exists()
    }
    store = Store(root)
    after = store.tables()
    for name, frame in before.items():
        got = after[name].sort(list(TABLES[name].key), nulls_last=True)
        if name == "imports":
            frame, got = frame.drop("stored_sha256"), got.drop("stored_sha256")
        assert_frame_equal(got, frame)
    for name, facts in old_facts.items():
        got = store.facts(name).select(facts.columns).sort(facts.columns, nulls_last=True)
        assert_frame_equal(got, facts.sort(facts.columns, nulls_last=True))
    assert not (root / "CURRENT").exists() and not list(root.glob("gen-*"))
    assert store.accounts() == ["lena.cooks", "other.acct"]
    man = store.manifest()
    for account in store.accounts():
        assert all(man.table_part(account, t) for t in TABLES if t != "imports")
    # the redacted HAR's checksum moved from the sidecar into the import log
    har = after["imports"].filter(pl.col("format") == "insight-har")
    sidecar = next((root / "raw").glob("*.stored-sha256")).read_text().strip()
    assert har["stored_sha256"].to_list() == [sidecar]
    assert store.stored_sha256(har["sha256"][0]) == sidecar
    # the migrated store takes imports and rebuilds to the same tables
    assert all(r.ok for r in rebuild(store))
    for name, frame in before.items():
        if name != "imports":
            assert_frame_equal(
                store.load(name).sort(list(TABLES[name].key), nulls_last=True), frame
            )


def test_a_file_refused_in_the_middle_of_a_commit_leaves_the_others_whole(
    tmp_path: Path, monkeypatch
) -> None:
    """Files of all-new keys are queued and reduced together at commit: a file refused
    after its rows were queued takes them out, and the others stay whole and counted."""
    files = [
        ("a", _daily("a.one", 0, [1, 2], 0)),
        ("bad", _daily("a.one", 5, [666], 1)),
        ("c", _daily("a.one", 10, [3], 2)),
        ("d", _daily("b.two", 0, [4], 3)),
    ]
    real = Transaction.stage
    state = {"bad": False, "counts": []}

    def stage(self, name, facts, account):
        counts = real(self, name, facts, account)
        if name == "account_daily":
            state["bad"] = 666 in facts["video_views"].to_list()
            state["counts"].append(counts)
        elif state["bad"]:  # after the bad file's days were queued
            raise OSError("disk on fire")
        return counts

    real_rows = Transaction.stage_rows

    def stage_rows(self, name, rows, account):  # a page's other tables, shaped at commit
        counts = real_rows(self, name, rows, account)
        if state["bad"]:
            raise OSError("disk on fire")
        return counts

    store = Store.open(tmp_path / "s")
    monkeypatch.setattr(Transaction, "stage", stage)
    monkeypatch.setattr(Transaction, "stage_rows", stage_rows)
    assert _commit_together(store, files) == ["imported", "refused", "imported", "imported"]
    monkeypatch.undo()
    assert state["counts"] == [(2, 0, 0), (1, 0, 0), (1, 0, 0), (1, 0, 0)]  # all queued
    clean = Store.open(tmp_path / "clean")
    _commit_together(clean, [files[0], files[2], files[3]])
    _assert_same_tables(_canonical(store), _canonical(clean))
    assert 666 not in store.tables()["account_daily"]["video_views"].to_list()
    assert sorted(store.load("imports")["file_name"]) == ["a", "c", "d"]
    assert _commit_together(store, [files[1]]) == ["imported"]
    assert 666 in store.tables()["account_daily"]["video_views"].to_list()


def test_queued_and_reduced_rows_are_counted_like_staged_ones(tmp_path: Path) -> None:
    """A file of new keys is counted as added; one meeting queued keys of an earlier file
    in the same commit is counted against them, as if that file had been reduced."""
    store = Store.open(tmp_path)
    with store.transaction() as tx:
        first = pipeline._import_one(tx, _pending("a", _daily("a.one", 0, [1, 2], 0)), None)
        again = pipeline._import_one(tx, _pending("b", _daily("a.one", 1, [2, 5], 1)), None)
        pipeline._commit(tx, [0, 1], {0: first, 1: again})
    assert first.rows["account_daily"] == (2, 0, 0)
    assert again.rows["account_daily"] == (1, 0, 1)
    assert (first.rows["accounts"], again.rows["accounts"]) == ((1, 0, 0), (0, 0, 1))
    views = store.tables()["account_daily"].sort("date")["video_views"].to_list()
    assert views == [1, 2, 5]
