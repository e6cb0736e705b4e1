"""A captured history is checked against the Studio rows of the same days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from tiktui.data.importers.base import Parsed, Rank
from tiktui.data.placing import find_shifts
from tiktui.data.store import Store

from .test_store import _import, _views

DAY0 = date(2026, 3, 1)
T0 = datetime(2026, 4, 1, tzinfo=UTC)


def _days(values: list[int | None], first: date, col: str = "video_views") -> pl.DataFrame:
    return pl.DataFrame(
        {
            "account": ["acct"] * len(values),
            "date": [first + timedelta(days=i) for i in range(len(values))],
            col: values,
        }
    )


@given(
    values=st.lists(st.integers(0, 10**6), min_size=12, max_size=20, unique=True),
    shift=st.integers(-2, 2),
)
def test_the_shift_found_is_the_one_made(values: list[int], shift: int) -> None:
    stated = _days(values, DAY0)
    # the capture holds the stated values but on days `shift` earlier than Studio says
    captured = _days(values[3:10], DAY0 + timedelta(days=3 - shift))
    assert find_shifts(captured, stated) == ({} if shift == 0 else {"video_views": shift})


def test_no_shift_is_claimed_without_evidence() -> None:
    stated = _days([5, 6, 7, 8, 9, 10], DAY0)
    flat = _days([1, 1, 1, 1, 1, 1], DAY0)  # agrees nowhere
    assert find_shifts(flat, stated) == {}
    assert find_shifts(_days([6, 7], DAY0), stated) == {}  # too few common days
    same = _days([3, 3, 3, 3, 3, 3], DAY0)  # agrees everywhere, so also unmoved
    assert find_shifts(same, _days([3] * 6, DAY0)) == {}


def test_each_column_gets_its_own_shift() -> None:
    stated = _days(list(range(100, 110)), DAY0).with_columns(
        pl.Series("followers_net", list(range(10)))
    )
    captured = _days(list(range(100, 110)), DAY0).with_columns(
        pl.Series("followers_net", [*range(1, 10), None])  # followers placed a day early
    )
    assert find_shifts(captured, stated) == {"followers_net": 1}


def _part(values: list[int], first: date, rank: Rank, as_of: datetime) -> Parsed:
    rows = {"date": [first + timedelta(days=i) for i in range(len(values))], "video_views": values}
    kind = "studio-web" if rank == Rank.CAPTURED else "studio-overview"
    return Parsed(kind, {"account_daily": pl.DataFrame(rows)}, as_of, account="acct", rank=rank)


def test_the_import_line_notes_a_shift_whichever_file_comes_first(tmp_path: Path) -> None:
    values = [120, 340, 90, 410, 77, 260, 515, 38]
    studio = _part(values, DAY0, Rank.STATED, T0)
    # the capture's request placed it one day early, and it runs two days past Studio's file
    capture = _part([*values[2:], 700, 800], DAY0 + timedelta(days=1), Rank.CAPTURED, T0)
    for order in ((studio, capture), (capture, studio)):
        store = Store.open(tmp_path / order[0].kind)
        first = _import(store, "first", [order[0]])
        second = _import(store, "second", [order[1]])
        assert first.notes == [] and len(second.notes) == 1
        assert second.notes[0] in second.line()
        # not moved: Studio's days as stated, the capture's extra days where it placed them
        views = _views(store)
        assert [views[DAY0 + timedelta(days=i)] for i in range(8)] == values
        assert views[DAY0 + timedelta(days=8)] == 800


def test_a_capture_placed_right_gets_no_note(tmp_path: Path) -> None:
    values = [120, 340, 90, 410, 77, 260]
    store = Store.open(tmp_path)
    _import(store, "studio", [_part(values, DAY0, Rank.STATED, T0)])
    res = _import(store, "capture", [_part(values[1:], DAY0 + timedelta(1), Rank.CAPTURED, T0)])
    assert res.notes == []
