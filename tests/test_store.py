"""The store: newest export wins, re-imports change nothing, writes are all-or-nothing."""

from __future__ import annotations

import errno
import hashlib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import polars as pl
import pytest
from filelock import FileLock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiktui.data import pipeline
from tiktui.data.importers.base import Parsed
from tiktui.data.manifest import KEEP_RETIRED
from tiktui.data.schema import TABLES
from tiktui.data.store import Store, StoreBusy, reduce_facts
from tiktui.data.transaction import MAX_SEGMENTS

DAY0 = date(2026, 1, 1)


def _parsed(
    rows: dict[str, list],
    as_of: datetime,
    account: str | None = "acct",
    kind: str = "studio-overview",
    table: str = "account_daily",
) -> Parsed:
    return Parsed(kind=kind, tables={table: pl.DataFrame(rows)}, as_of=as_of, account=account)


def _import(
    store: Store,
    name: str,
    parts: list[Parsed],
    data: bytes | None = None,
    account: str | None = None,
) -> pipeline.FileResult:
    data = data if data is not None else (name + repr(parts)).encode()
    pending = pipeline._Pending(
        name,
        name,
        data,
        hashlib.sha256(data).hexdigest(),
        datetime(2026, 1, 1, tzinfo=UTC),
        parts=parts,
    )
    with store.transaction() as tx:
        result = pipeline._import_one(tx, pending, account)
        results = {0: result}
        if result.status == "imported":
            pipeline._commit(tx, [0], results)
        return results[0]


def _views(store: Store) -> dict[date, int | None]:
    frame = store.load("account_daily")
    return dict(zip(frame["date"].to_list(), frame["video_views"].to_list(), strict=True))


def test_newest_export_wins_whatever_the_import_order(tmp_path: Path) -> None:
    old = _parsed(
        {"date": [DAY0, DAY0 + timedelta(1)], "video_views": [10, 20]},
        datetime(2026, 1, 3, tzinfo=UTC),
    )
    new = _parsed(
        {"date": [DAY0 + timedelta(1), DAY0 + timedelta(2)], "video_views": [25, 30]},
        datetime(2026, 1, 4, tzinfo=UTC),
    )
    a, b = Store.open(tmp_path / "a"), Store.open(tmp_path / "b")
    _import(a, "old", [old]), _import(a, "new", [new])
    _import(b, "new", [new]), _import(b, "old", [old])
    expected = {DAY0: 10, DAY0 + timedelta(1): 25, DAY0 + timedelta(2): 30}
    assert _views(a) == expected == _views(b)


def test_a_newer_file_without_a_column_keeps_the_older_value(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    _import(
        store,
        "viewers",
        [_parsed({"date": [DAY0], "viewers_total": [7]}, datetime(2026, 1, 2, tzinfo=UTC))],
    )
    _import(
        store,
        "overview",
        [_parsed({"date": [DAY0], "video_views": [100]}, datetime(2026, 1, 5, tzinfo=UTC))],
    )
    row = store.load("account_daily").row(0, named=True)
    assert row["viewers_total"] == 7 and row["video_views"] == 100
    assert row["likes"] is None  # missing stays missing


def test_reimporting_the_same_file_changes_nothing(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    part = _parsed({"date": [DAY0], "video_views": [5]}, datetime(2026, 1, 2, tzinfo=UTC))
    first = _import(store, "f", [part], data=b"same bytes")
    gen = store.commit_number()
    again = _import(store, "f", [part], data=b"same bytes")
    assert first.status == "imported" and first.rows["account_daily"] == (1, 0, 0)
    assert again.status == "unchanged"
    assert store.commit_number() == gen
    assert store.load("imports").height == 1


def test_same_rows_in_another_file_count_as_unchanged(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    part = _parsed({"date": [DAY0], "video_views": [5]}, datetime(2026, 1, 2, tzinfo=UTC))
    _import(store, "f1", [part], data=b"1")
    res = _import(store, "f2", [part], data=b"2")
    assert res.rows["account_daily"] == (0, 0, 1)


def test_set_tables_are_replaced_as_a_whole(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    day = DAY0
    old = _parsed(
        {
            "video_id": ["1", "1"],
            "captured_on": [day, day],
            "source": ["for_you", "hashtag"],
            "share": [0.9, 0.1],
        },
        datetime(2026, 1, 2, tzinfo=UTC),
        table="video_sources",
    )
    new = _parsed(
        {
            "video_id": ["1", "1"],
            "captured_on": [day, day],
            "source": ["for_you", "search"],
            "share": [0.7, 0.3],
        },
        datetime(2026, 1, 3, tzinfo=UTC),
        table="video_sources",
    )
    _import(store, "new", [new]), _import(store, "old", [old])
    src = store.load("video_sources")
    assert sorted(src["source"].to_list()) == ["for_you", "search"]
    assert src["share"].sum() == pytest.approx(1.0)


def test_file_without_account_uses_the_only_account_else_is_refused(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    nameless = _parsed(
        {"date": [DAY0], "video_views": [1]}, datetime(2026, 1, 2, tzinfo=UTC), account=None
    )
    refused = _import(store, "x", [nameless])
    assert refused.status == "refused" and "--account" in refused.message
    assert store.is_empty() and store.commit_number() == 0
    assert _import(store, "y", [nameless], account="lena").accounts == ["lena"]
    assert _import(store, "z", [nameless], data=b"other").accounts == ["lena"]


def test_crash_while_writing_leaves_the_store_as_it_was(tmp_path: Path, monkeypatch) -> None:
    store = Store.open(tmp_path)
    _import(
        store,
        "a",
        [_parsed({"date": [DAY0], "video_views": [1]}, datetime(2026, 1, 2, tzinfo=UTC))],
    )
    gen, before = store.commit_number(), _views(store)
    calls = {"n": 0}
    real = pl.DataFrame.write_parquet

    def flaky(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pl.DataFrame, "write_parquet", flaky)
    res = _import(
        store,
        "b",
        [_parsed({"date": [DAY0], "video_views": [99]}, datetime(2026, 1, 9, tzinfo=UTC))],
    )
    monkeypatch.undo()
    assert res.status == "refused" and "the disk is full" in res.message
    fresh = Store(tmp_path)
    assert fresh.commit_number() == gen and _views(fresh) == before
    assert fresh.load("imports").height == 1


def test_second_writer_waits_then_is_told_the_store_is_busy(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    with FileLock(str(tmp_path / "lock")):
        with pytest.raises(StoreBusy), store.transaction(timeout=0.1):
            pass


def test_reduce_on_no_facts_is_the_empty_table() -> None:
    table = TABLES["account_daily"]
    facts = pl.DataFrame(
        schema={**table.schema, "_batch": pl.Int64, "_as_of": pl.Datetime("us", "UTC")}
    )
    assert reduce_facts(table, facts).schema == table.empty().schema


exports = st.lists(
    st.tuples(
        st.integers(0, 15),  # first day offset
        st.integers(1, 8),  # length
        st.lists(st.one_of(st.none(), st.integers(-5, 10_000)), min_size=8, max_size=8),
    ),
    min_size=1,
    max_size=5,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(exports=exports, order=st.randoms(use_true_random=False))
def test_property_newest_wins_and_order_does_not_matter(tmp_path_factory, exports, order) -> None:
    parts = []
    for i, (start, length, values) in enumerate(exports):
        dates = [DAY0 + timedelta(start + d) for d in range(length)]
        as_of = datetime(2026, 2, 1, tzinfo=UTC) + timedelta(hours=i)
        parts.append(
            (f"export{i}", _parsed({"date": dates, "video_views": values[:length]}, as_of))
        )
    expected: dict[date, int | None] = {}
    for _name, part in sorted(parts, key=lambda p: p[1].as_of):
        for d, v in zip(
            part.tables["account_daily"]["date"],
            part.tables["account_daily"]["video_views"],
            strict=True,
        ):
            if v is not None or d not in expected:
                expected[d] = v
    assert_any_order_gives(Store.open(tmp_path_factory.mktemp("s")), parts, order, expected)


def assert_any_order_gives(
    store: Store, parts: list[tuple[str, Parsed]], order, expected: dict[date, int | None]
) -> None:
    """Import ``parts`` in a shuffled order: ``expected`` views; again: nothing changes."""
    shuffled = list(parts)
    order.shuffle(shuffled)
    for name, part in shuffled:
        assert _import(store, name, [part]).status == "imported"
    assert _views(store) == expected
    gen = store.commit_number()
    for name, part in shuffled:  # idempotent: the same files again change nothing
        assert _import(store, name, [part]).status == "unchanged"
    assert store.commit_number() == gen and _views(store) == expected


def test_segments_are_compacted_and_retired_parts_deleted(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    for i in range(3 * MAX_SEGMENTS):
        _import(
            store,
            f"f{i}",
            [
                _parsed(
                    {"date": [DAY0 + timedelta(i)], "video_views": [i]},
                    datetime(2026, 1, 9, tzinfo=UTC),
                )
            ],
        )
    man = store.manifest()
    assert man.commit == 3 * MAX_SEGMENTS
    assert 1 <= len(man.fact_parts("acct", "account_daily")) <= MAX_SEGMENTS
    on_disk = {p.relative_to(tmp_path).as_posix() for p in (tmp_path / "parts").rglob("*.parquet")}
    # only the live parts and those retired in the last commits, for readers of older manifests
    assert on_disk == set(man.parts) | {path for _c, path in man.retired}
    assert all(c > man.commit - KEEP_RETIRED for c, _p in man.retired)
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
    assert store.load("account_daily").height == 3 * MAX_SEGMENTS
    assert store.facts("account_daily").height == 3 * MAX_SEGMENTS
