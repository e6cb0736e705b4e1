"""Files staged as they are and shaped together at commit (``Transaction.stage_rows``).

One import command commits many files together; their rows are shaped and
reduced in one pass. Every guarantee of staging one file at a time must hold:
the same tables and counts, in any order and any split into commits, a
refused file left out whole, a crash leaving whole files only, forget of one
file of a commit, and a re-import told from the manifest alone.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from tiktui.data import facts as shaping
from tiktui.data import known, pipeline
from tiktui.data.importers.base import Parsed
from tiktui.data.rebuild import forget
from tiktui.data.schema import TABLES
from tiktui.data.store import Store
from tiktui.data.transaction import Transaction

DAY = date(2026, 3, 1)
SOURCES = ["For You", "Follow", "Search"]

# A page: its account (None: the file names none) and its videos (id, views or None, the
# share of each source or None). Page i is captured at hour i: the newer one wins (two
# captures of the same moment are told apart by the order of import, by design).
Page = tuple[str | None, list[tuple[int, int | None, list[float | None]]]]


def _page(account: str | None, videos: list, hours: int) -> Parsed:
    """A Business API video list: videos, snapshots and source mixes (a set table)."""
    as_of = datetime(2026, 3, 1, 8, tzinfo=UTC) + timedelta(hours=hours)
    ids = [f"v{n}" for n, _, _ in videos]
    vid = pl.DataFrame(
        {"video_id": ids, "caption": [f"video {n} at {hours}" for n, _, _ in videos]},
        schema={"video_id": pl.String, "caption": pl.String},
    )
    snap = pl.DataFrame(
        {
            "video_id": ids,
            "captured_on": [as_of.date()] * len(ids),
            "views": [v for _, v, _ in videos],
        },
        schema={"video_id": pl.String, "captured_on": pl.Date, "views": pl.Int64},
    )
    rows = [
        (f"v{n}", as_of.date(), label.lower().replace(" ", "_"), share, label)
        for n, _, shares in videos
        for label, share in zip(SOURCES, shares, strict=False)
        if share is not None
    ]
    src = pl.DataFrame(
        rows,
        schema={
            "video_id": pl.String,
            "captured_on": pl.Date,
            "source": pl.String,
            "share": pl.Float64,
            "raw_label": pl.String,
        },
        orient="row",
    )
    tables = {"videos": vid, "video_snapshots": snap}
    if rows:
        tables["video_sources"] = src
    return Parsed("business-video-list", tables, as_of, account=account)


def _pending(name: str, part: Parsed) -> pipeline._Pending:
    data = (name + repr(part.tables) + str(part.as_of)).encode()
    sha = hashlib.sha256(data).hexdigest()
    return pipeline._Pending(name, name, data, sha, datetime(2026, 1, 1, tzinfo=UTC), parts=[part])


def _import(store: Store, files: list[tuple[str, Parsed]], account: str | None = "a.one"):
    """Stage the files in one transaction and commit them together (one `import`)."""
    with store.transaction() as tx:
        results = {
            i: pipeline._import_one(tx, _pending(n, p), account) for i, (n, p) in enumerate(files)
        }
        staged = [i for i, r in results.items() if r.status == "imported"]
        if staged:
            pipeline._commit(tx, staged, results)
    return [results[i] for i in range(len(files))]


def _one_by_one(monkeypatch) -> None:
    """Stage every file as before stage_rows: shaped and reduced on its own."""

    def stage_rows(self, name, rows, account):
        return Transaction.stage(self, name, shaping.shape(name, account, [rows]), account)

    monkeypatch.setattr(Transaction, "stage_rows", stage_rows)


def _tables(store: Store) -> dict[str, pl.DataFrame]:
    return {
        name: frame.sort(list(TABLES[name].key), nulls_last=True)
        for name, frame in store.tables().items()
        if name != "imports"
    }


def _same(a: dict[str, pl.DataFrame], b: dict[str, pl.DataFrame]) -> None:
    assert a.keys() == b.keys()
    for name in a:
        assert_frame_equal(a[name], b[name], check_row_order=True)


shares = st.lists(st.one_of(st.none(), st.floats(0, 1)), max_size=3)
pages = st.lists(
    st.tuples(
        st.sampled_from([None, "a.one", "b.two"]),
        st.lists(
            st.tuples(st.integers(0, 6), st.one_of(st.none(), st.integers(0, 99)), shares),
            max_size=4,
            unique_by=lambda v: v[0],
        ),
    ),
    min_size=1,
    max_size=6,
)
SLOW = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SLOW
@given(pages, st.randoms(use_true_random=False), st.integers(1, 3))
def test_property_batched_staging_gives_the_tables_and_counts_of_one_file_at_a_time(
    tmp_path_factory, monkeypatch, spec: list[Page], rnd, commits: int
) -> None:
    files = [(f"p{i}.json", _page(*page, i)) for i, page in enumerate(spec)]
    batched = Store.open(tmp_path_factory.mktemp("batched"))
    got = _import(batched, files)
    with monkeypatch.context() as m:
        _one_by_one(m)
        single = Store.open(tmp_path_factory.mktemp("single"))
        want = _import(single, files)
    assert [(r.status, r.rows) for r in got] == [(r.status, r.rows) for r in want]
    _same(_tables(batched), _tables(single))
    # any order, any split into commits: the same tables
    shuffled = files[:]
    rnd.shuffle(shuffled)
    other = Store.open(tmp_path_factory.mktemp("shuffled"))
    size = max(1, len(shuffled) // commits)
    for start in range(0, len(shuffled), size):
        _import(other, shuffled[start : start + size])
    _same(_tables(other), _tables(batched))
    # idempotent: the same files again change nothing
    again = _import(batched, files)
    assert {r.status for r in again} == {"unchanged"}
    _same(_tables(batched), _tables(single))


def test_a_refused_file_among_good_ones_is_left_out_whole(tmp_path: Path) -> None:
    good = [(f"p{i}.json", _page("a.one", [(i, 10 * i, [0.5, 0.5])], 0)) for i in range(4)]
    bad = _page("a.one", [(9, 666, [1.0])], 0)
    bad.tables["video_snapshots"] = bad.tables["video_snapshots"].drop("captured_on")
    files = [*good[:2], ("bad.json", bad), *good[2:]]
    store = Store.open(tmp_path / "s")
    got = [r.status for r in _import(store, files)]
    assert got == ["imported", "imported", "refused", "imported", "imported"]
    clean = Store.open(tmp_path / "clean")
    _import(clean, good)
    _same(_tables(store), _tables(clean))
    assert "v9" not in store.tables()["videos"]["video_id"].to_list()  # none of its rows
    assert sorted(store.load("imports")["file_name"]) == [n for n, _ in good]


def test_a_failed_commit_refuses_every_file_of_it_and_keeps_the_last_commit(
    tmp_path: Path, monkeypatch
) -> None:
    store = Store.open(tmp_path / "s")
    first = [("p0.json", _page("a.one", [(0, 1, [1.0])], 0))]
    _import(store, first)
    before = _tables(store)
    real = shaping.shape

    def shape(name, account, chunks):  # the disk fills while the commit writes
        if any(c.frame.height and "v7" in c.frame["video_id"].to_list() for c in chunks):
            raise OSError("No space left on device")
        return real(name, account, chunks)

    monkeypatch.setattr(shaping, "shape", shape)
    files = [(f"p{i}.json", _page("a.one", [(i, i, [0.2])], 1)) for i in (5, 6, 7)]
    assert [r.status for r in _import(store, files)] == ["refused"] * 3
    monkeypatch.undo()
    _same(_tables(Store(store.root)), before)
    assert [r.status for r in _import(store, files)] == ["imported"] * 3


def test_a_crash_between_files_leaves_whole_files_only(tmp_path: Path, monkeypatch) -> None:
    """Killed in the middle of an import: what was committed is whole files."""
    folder = tmp_path / "pages"
    folder.mkdir()
    pages = {
        f"p{i}.json": _page("a.one", [(i, i, [0.5, 0.5]), (i + 10, 1, [])], 0) for i in range(5)
    }
    for name in pages:
        (folder / name).write_text(name)
    monkeypatch.setattr(pipeline, "COMMIT_EVERY_S", 0.0)  # a commit after every file
    parsed = iter(pages.values())
    monkeypatch.setattr(pipeline, "_parse", lambda p, today: setattr(p, "parts", [next(parsed)]))
    real = pipeline._import_one
    seen = []

    def import_one(tx, p, account, live=None):
        if len(seen) == 3:
            raise KeyboardInterrupt  # the process is killed before the fourth file
        seen.append(p.name)
        return real(tx, p, account, live)

    monkeypatch.setattr(pipeline, "_import_one", import_one)
    store = Store.open(tmp_path / "s")
    with pytest.raises(KeyboardInterrupt):
        pipeline.import_paths(store, [folder])
    monkeypatch.undo()
    store = Store(store.root)
    logged = sorted(store.load("imports")["file_name"])
    assert logged == seen[: len(logged)] and logged  # whole files, in order, no partial one
    clean = Store.open(tmp_path / "clean")
    _import(clean, [(n, pages[n]) for n in logged])
    _same(_tables(store), _tables(clean))


def test_forget_one_file_of_a_commit(tmp_path: Path) -> None:
    files = [
        ("p0.json", _page("a.one", [(0, 5, [0.7, 0.3]), (1, 6, [1.0])], 0)),
        ("p1.json", _page("a.one", [(1, 9, [0.1, 0.9]), (2, 2, [])], 1)),
        ("p2.json", _page("b.two", [(3, 3, [0.4])], 2)),
    ]
    store = Store.open(tmp_path / "s")
    _import(store, files)
    forget(store, "p1.json")
    clean = Store.open(tmp_path / "clean")
    _import(clean, [files[0], files[2]])
    _same(_tables(store), _tables(clean))
    assert sorted(store.load("imports")["file_name"]) == ["p0.json", "p2.json"]


def test_a_re_import_is_told_from_the_manifest_alone(tmp_path: Path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    day = folder / "Overview_2026-09-20_1794960000_lena.cooks.zip"
    day.write_bytes(b"bytes of a zip")
    twin = folder / "Overview_2026-09-20_1794960000_other.acct.zip"  # same bytes, other name
    twin.write_bytes(b"bytes of a zip")
    store = Store.open(tmp_path / "s")
    with store.transaction() as tx:
        row = dict.fromkeys(TABLES["imports"].schema)
        sha = hashlib.sha256(day.read_bytes()).hexdigest()
        tx.log_import(row | {"batch_id": tx.next_batch_id(), "file_name": day.name, "sha256": sha})
        tx.commit()
    found = known.already_imported(store.root, [day])
    assert found is not None and [(r.status, r.message) for r in found] == [
        ("unchanged", known.ALREADY.format(batch=1))
    ]
    assert known.already_imported(store.root, [day, twin]) is None  # another creator's ZIP
    # the pipeline decides the same way with the log in hand
    results = pipeline.import_paths(store, [day])
    assert [(r.status, r.message) for r in results] == [(r.status, r.message) for r in found]
    # a manifest from before the list: the pipeline decides
    man = json.loads((store.root / "manifest.json").read_text())
    del man["imported"]
    (store.root / "manifest.json").write_text(json.dumps(man))
    assert known.already_imported(store.root, [day]) is None
