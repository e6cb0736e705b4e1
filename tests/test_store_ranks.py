"""One ranking for every column, checked before recency: stated, then captured, then derived."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiktui.data import manifest as mf
from tiktui.data.importers.base import Parsed, Rank
from tiktui.data.store import RANK, Store

from .test_store import _import, _views, assert_any_order_gives

DAY0 = date(2026, 1, 1)
T0 = datetime(2026, 2, 1, tzinfo=UTC)


def _part(
    rows: dict[str, list],
    as_of: datetime,
    rank: Rank = Rank.STATED,
    table: str = "account_daily",
    derived: dict[str, set[str]] | None = None,
) -> Parsed:
    return Parsed(
        kind="studio-web" if rank == Rank.CAPTURED else "studio-overview",
        tables={table: pl.DataFrame(rows)},
        as_of=as_of,
        account="acct",
        rank=rank,
        derived=derived or {},
    )


def _column(store: Store, col: str) -> dict[date, object]:
    frame = store.load("account_daily")
    return dict(zip(frame["date"].to_list(), frame[col].to_list(), strict=True))


def test_a_capture_fills_days_but_never_overrides_a_studio_row(tmp_path: Path) -> None:
    studio = _part({"date": [DAY0, DAY0 + timedelta(1)], "video_views": [10, 20]}, T0)
    capture = _part(
        {"date": [DAY0 + timedelta(d) for d in range(4)], "video_views": [11, 21, 31, 41]},
        T0 + timedelta(days=5),  # newer, yet a capture
        Rank.CAPTURED,
    )
    expected = {DAY0: 10, DAY0 + timedelta(1): 20, DAY0 + timedelta(2): 31, DAY0 + timedelta(3): 41}
    for order in ((studio, capture), (capture, studio)):
        store = Store.open(tmp_path / str(id(order)))
        for i, part in enumerate(order):
            assert _import(store, f"f{i}-{part.kind}", [part]).status == "imported"
        assert _views(store) == expected


def test_a_stated_net_beats_a_derived_net_whatever_the_order(tmp_path: Path) -> None:
    # A follower-history file works the net out from two totals (derived), newer than
    # the Overview file that states the net; the stated one is kept either way.
    stated = _part({"date": [DAY0, DAY0 + timedelta(1)], "followers_net": [3, None]}, T0)
    worked_out = _part(
        {
            "date": [DAY0, DAY0 + timedelta(1)],
            "followers": [103, 105],
            "followers_net": [5, 2],
        },
        T0 + timedelta(days=3),
        derived={"account_daily": {"followers_net"}},
    )
    for order in ((stated, worked_out), (worked_out, stated)):
        store = Store.open(tmp_path / str(id(order)))
        for i, part in enumerate(order):
            _import(store, f"f{i}", [part])
        # the stated net wins on day 0; on day 1 the stated file has none, so the derived fills it
        assert _column(store, "followers_net") == {DAY0: 3, DAY0 + timedelta(1): 2}
        # the totals the same file states are not derived: they are kept as stated
        assert _column(store, "followers") == {DAY0: 103, DAY0 + timedelta(1): 105}


def test_a_derived_value_loses_to_a_captured_one_and_newest_wins_within_a_rank(
    tmp_path: Path,
) -> None:
    derived = _part(
        {"date": [DAY0], "followers_net": [9]},
        T0 + timedelta(days=9),
        derived={"account_daily": {"followers_net"}},
    )
    captured_old = _part({"date": [DAY0], "followers_net": [4]}, T0, Rank.CAPTURED)
    captured_new = _part({"date": [DAY0], "followers_net": [6]}, T0 + timedelta(1), Rank.CAPTURED)
    store = Store.open(tmp_path)
    for i, part in enumerate((captured_new, derived, captured_old)):
        _import(store, f"f{i}", [part])
    assert _column(store, "followers_net") == {DAY0: 6}


def test_a_stated_set_is_kept_over_a_newer_captured_one(tmp_path: Path) -> None:
    def mix(sources: list[str], shares: list[float], as_of: datetime, rank: Rank) -> Parsed:
        rows = {
            "video_id": ["1"] * len(sources),
            "captured_on": [DAY0] * len(sources),
            "source": sources,
            "share": shares,
        }
        return _part(rows, as_of, rank, table="video_sources")

    api = mix(["for_you", "search"], [0.8, 0.2], T0, Rank.STATED)
    web = mix(["for_you", "following", "other"], [0.5, 0.3, 0.2], T0 + timedelta(1), Rank.CAPTURED)
    for order in ((api, web), (web, api)):
        store = Store.open(tmp_path / str(id(order)))
        for i, part in enumerate(order):
            _import(store, f"f{i}", [part])
        src = store.load("video_sources")
        assert dict(zip(src["source"], src["share"], strict=True)) == {
            "for_you": 0.8,
            "search": 0.2,
        }


def test_a_store_written_before_ranks_reads_as_stated(tmp_path: Path) -> None:
    """Facts from before ranks (a 0.1 store's first versions) have no _rank column."""
    store = Store.open(tmp_path)
    _import(store, "old", [_part({"date": [DAY0], "video_views": [10]}, T0)])
    (seg,) = store.manifest().fact_parts("acct", "account_daily")
    path = tmp_path / seg.path
    pl.read_parquet(path).drop(RANK).write_parquet(path)
    data = path.read_bytes()  # as that version wrote it: the manifest names these bytes
    man = store.manifest().copy()
    man.add(replace(seg, size=len(data), blake2b=mf.checksum(data)))
    mf.write(tmp_path, man)

    reopened = Store(tmp_path)
    assert reopened.facts("account_daily")[RANK].to_list() == [int(Rank.STATED)]
    newer = _part({"date": [DAY0, DAY0 + timedelta(1)], "video_views": [99, 5]}, T0, Rank.CAPTURED)
    assert _import(reopened, "capture", [newer]).status == "imported"
    assert _views(reopened) == {DAY0: 10, DAY0 + timedelta(1): 5}


exports = st.lists(
    st.tuples(
        st.sampled_from(list(Rank)),
        st.integers(0, 6),  # first day offset
        st.integers(1, 5),  # length
        st.lists(st.one_of(st.none(), st.integers(0, 1000)), min_size=5, max_size=5),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(exports=exports, order=st.randoms(use_true_random=False))
def test_property_rank_then_recency_whatever_the_order(tmp_path_factory, exports, order) -> None:
    parts = []
    for i, (rank, start, length, values) in enumerate(exports):
        dates = [DAY0 + timedelta(start + d) for d in range(length)]
        rows = {"date": dates, "video_views": values[:length]}
        derived = {"account_daily": {"video_views"}} if rank == Rank.DERIVED else None
        as_of = T0 + timedelta(hours=i)  # each export its own time: import order never decides
        parts.append((f"e{i}", _part(rows, as_of, min(rank, Rank.CAPTURED), derived=derived)))
    # The model: per day, the value of the best (rank, newest) export that has one.
    seen: dict[date, list[tuple[tuple[int, float], int]]] = {}
    for (rank, start, length, values), (_n, part) in zip(exports, parts, strict=True):
        for d in range(length):
            found = seen.setdefault(DAY0 + timedelta(start + d), [])
            if values[d] is not None:
                found.append(((int(rank), -part.as_of.timestamp()), values[d]))
    expected = {day: min(found)[1] if found else None for day, found in seen.items()}
    assert_any_order_gives(Store.open(tmp_path_factory.mktemp("s")), parts, order, expected)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    sets=st.lists(
        st.tuples(
            st.sampled_from([Rank.STATED, Rank.CAPTURED]),
            st.lists(
                st.sampled_from(["for_you", "search", "profile", "sound"]),
                min_size=1,
                max_size=4,
                unique=True,
            ),
        ),
        min_size=1,
        max_size=5,
    ),
    order=st.randoms(use_true_random=False),
)
def test_property_the_best_ranked_newest_set_is_kept_whole(tmp_path_factory, sets, order) -> None:
    parts = []
    for i, (rank, sources) in enumerate(sets):
        rows = {
            "video_id": ["1"] * len(sources),
            "captured_on": [DAY0] * len(sources),
            "source": sources,
            "share": [1 / len(sources)] * len(sources),
        }
        parts.append((f"s{i}", _part(rows, T0 + timedelta(hours=i), rank, table="video_sources")))
    best = min(range(len(sets)), key=lambda i: (int(sets[i][0]), -i))
    shuffled = list(parts)
    order.shuffle(shuffled)
    store = Store.open(tmp_path_factory.mktemp("s"))
    for name, part in shuffled:
        _import(store, name, [part])
    assert sorted(store.load("video_sources")["source"].to_list()) == sorted(sets[best][1])
