"""The results kept per set of tables: never another set's, built once, bounded."""

from __future__ import annotations

import threading
from datetime import date

import polars as pl

from tiktui.advisor.engine import advise
from tiktui.data import queries as q
from tiktui.data.memo import Memo, frames
from tiktui.data.schema import TABLES


def test_same_objects_same_result_other_objects_rebuilt():
    memo: Memo[int] = Memo(kept=2)
    a, b = pl.DataFrame({"x": [1]}), pl.DataFrame({"x": [1]})  # equal, not the same
    calls: list[str] = []

    def build(tag: str, value: int):
        return lambda: calls.append(tag) or value

    assert memo.get([a], "k", build("a", 1)) == 1
    assert memo.get([a], "k", build("a again", 2)) == 1
    assert memo.get([b], "k", build("b", 3)) == 3
    assert memo.get([a], "other", build("a other", 4)) == 4
    assert calls == ["a", "b", "a other"]
    assert memo.peek([b], "k") == 3
    assert memo.peek([a], "k") is None  # evicted: only the last two are kept


def test_two_threads_build_once():
    memo: Memo[str] = Memo()
    frame = pl.DataFrame({"x": [1]})
    started, release = threading.Event(), threading.Event()
    built: list[int] = []
    got: list[str] = []

    def slow() -> str:
        started.set()
        release.wait(5)
        built.append(1)
        return "done"

    first = threading.Thread(target=lambda: got.append(memo.get([frame], 1, slow)))
    first.start()
    started.wait(5)
    second = threading.Thread(target=lambda: got.append(memo.get([frame], 1, slow)))
    second.start()
    release.set()
    first.join(5)
    second.join(5)
    assert got == ["done", "done"] and built == [1]


def test_a_failed_build_is_not_kept():
    memo: Memo[int] = Memo()

    def fail() -> int:
        raise ValueError("no")

    try:
        memo.get([], "k", fail)
    except ValueError:
        pass
    assert memo.get([], "k", lambda: 5) == 5


def _tables(views: int) -> dict[str, pl.DataFrame]:
    tables = {name: t.empty() for name, t in TABLES.items()}
    tables["accounts"] = pl.DataFrame(
        {"account": ["me"], "display_name": ["Me"], "is_business": [False]},
        schema=TABLES["accounts"].schema,
    )
    tables["account_daily"] = TABLES["account_daily"].conform(
        pl.DataFrame(
            {
                "account": ["me"] * 60,
                "date": pl.date_range(date(2026, 1, 1), date(2026, 3, 1), eager=True),
                "video_views": [views] * 60,
            }
        )
    )
    return tables


def test_a_new_commit_is_never_answered_from_the_old_one():
    """Tables of another commit are other objects: the kept numbers are not theirs."""
    today = date(2026, 3, 2)
    old, new = _tables(100), _tables(200)
    period = q.period_for(old, "me", 28, today)
    kpi_old = {k.name: k.value for k in q.kpis(old, "me", period)}
    assert advise(old, "me", period, today) is advise(old, "me", period, today)
    again = advise(new, "me", period, today)
    assert again is not advise(old, "me", period, today)
    assert kpi_old["video_views"] == 2800
    assert {k.name: k.value for k in q.kpis(new, "me", period)}["video_views"] == 5600
    assert q.video_table(new, "me") is q.video_table(new, "me")
    assert frames(new, ["videos"]) == (new["videos"],)
