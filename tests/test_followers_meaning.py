"""Followers by meaning (issue 9, item 2): gained, lost and net each go where they belong.

Real business-suite files carry the number *gained* under ``New followers``
(beside ``Lost followers`` and ``Net growth``), and so does the audience file
``Date, New followers, Total followers, Reached audience, Engaged audience``.
Read as the net change, it overwrote the stated net on every day it covered.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tiktui.data.importers.base import ParseContext, SourceFile
from tiktui.data.importers.studio import parse_tabular
from tiktui.data.pipeline import import_paths
from tiktui.data.store import Store

DAYS = [date(2025, 11, 1) + timedelta(d) for d in range(6)]
NEW = [12, 8, 20, 5, 9, 14]  # gained
LOST = [3, 6, 2, 7, 1, 4]
NET = [10, 1, 17, -3, 9, 11]  # TikTok's own net: not new − lost on any of the six days
TOTALS = [1010, 1011, 1028, 1025, 1034, 1045]


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    lines = [",".join(f'"{c}"' for c in header)] + [",".join(f'"{c}"' for c in r) for r in rows]
    return ("\ufeff" + "\n".join(lines)).encode()


def _long_overview() -> bytes:
    header = ["Date", "Video Views", "Reached Audience", "Net growth", "New followers"]
    header += ["Lost followers"]
    rows = [
        [d.strftime("%Y/%m/%d"), "100", "80", str(net), str(new), str(lost)]
        for d, net, new, lost in zip(DAYS, NET, NEW, LOST, strict=True)
    ]
    return _csv(header, rows)


def _audience() -> bytes:
    header = ["Date", "New followers", "Total followers", "Reached audience", "Engaged audience"]
    rows = [
        [d.strftime("%Y/%m/%d"), str(new), str(total), "NAN" if i == 2 else "70", "--"]
        for i, (d, new, total) in enumerate(zip(DAYS, NEW, TOTALS, strict=True))
    ]
    return _csv(header, rows)


def _history() -> bytes:
    rows = [[d.strftime("%B %-d"), str(t), "0"] for d, t in zip(DAYS, TOTALS, strict=True)]
    return _csv(["Date", "Followers", "Difference in followers from previous day"], rows)


FILES = {"Overview.csv": _long_overview, "audience.csv": _audience}
FILES["FollowerHistory.csv"] = _history


def _parse(data: bytes):
    src = SourceFile("file.csv", data, datetime(2025, 11, 8, tzinfo=UTC))
    return parse_tabular(src, ParseContext(today=date(2025, 11, 8)))


def test_new_followers_without_negatives_is_gained_and_the_line_says_so() -> None:
    parsed = _parse(_audience())
    frame = parsed.tables["account_daily"]
    assert frame["followers_new"].to_list() == NEW
    assert frame["followers"].to_list() == TOTALS
    # Net from the totals, day over day: derived, ranked below a stated net.
    assert frame["followers_net"].to_list() == [None, 1, 17, -3, 9, 11]
    assert parsed.derived == {"account_daily": {"followers_net"}}
    assert frame["reached_audience"].to_list() == [70, 70, None, 70, 70, 70]  # NAN: missing
    assert "New followers read as gained" in parsed.notes
    assert "net followers derived from totals" in parsed.notes


def test_a_negative_value_makes_new_followers_the_net_change() -> None:
    parsed = _parse(_csv(["Date", "New followers"], [["2025/11/01", "4"], ["2025/11/02", "-2"]]))
    frame = parsed.tables["account_daily"]
    assert frame["followers_net"].to_list() == [4, -2]
    assert "followers_new" not in frame.columns
    assert parsed.derived == {}  # stated, not worked out


def test_the_long_overview_states_net_gained_and_lost() -> None:
    parsed = _parse(_long_overview())
    frame = parsed.tables["account_daily"]
    assert frame["followers_net"].to_list() == NET
    assert frame["followers_new"].to_list() == NEW
    assert frame["followers_lost"].to_list() == LOST
    assert parsed.derived == {}


@given(
    st.permutations(list(FILES)),
    st.lists(st.integers(0, 86400), min_size=3, max_size=3),  # exported on the 7th or 8th
)
def test_six_days_stored_right_in_any_order(order: list[str], ages: list[int]) -> None:
    """Before: the audience file's gained numbers overwrote the stated net (net ≠ new − lost)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = Store.open(folder / "store")
        for name, age in zip(order, ages, strict=True):
            path = folder / name
            path.write_bytes(FILES[name]())
            stamp = datetime(2025, 11, 8, tzinfo=UTC).timestamp() - age
            os.utime(path, (stamp, stamp))
        results = []
        for name in order:  # one at a time: each import is a newer export than the last
            results += import_paths(store, [folder / name], account="shop", today=DAYS[-1])
        assert all(r.status == "imported" for r in results), [r.line() for r in results]
        frame = store.load("account_daily").sort("date")
        assert frame["date"].to_list() == DAYS
        assert frame["followers_net"].to_list() == NET
        assert frame["followers_new"].to_list() == NEW
        assert frame["followers_lost"].to_list() == LOST
        assert frame["followers"].to_list() == TOTALS
