"""The query functions screens and the report read, on frames built by hand."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
import pytest

from tiktui.data import queries as q
from tiktui.data.schema import TABLES

D = date(2026, 3, 1)


def frame(table: str, **cols) -> pl.DataFrame:
    return TABLES[table].conform(pl.DataFrame(cols))


@pytest.fixture
def tables() -> dict[str, pl.DataFrame]:
    days = [D + timedelta(i) for i in range(14)]
    return {
        "accounts": frame("accounts", account=["a"], display_name=["A"], is_business=[True]),
        "account_daily": frame(
            "account_daily",
            account=["a"] * 14,
            date=days,
            video_views=[100] * 7 + [200] * 6 + [None],
            likes=[10] * 14,
            comments=[1] * 14,
            shares=[1] * 13 + [None],
            followers=list(range(1000, 1014)),
            year_inferred=[True] * 14,
        ),
        "videos": frame(
            "videos",
            video_id=["v1", "v2", "v3"],
            account=["a"] * 3,
            caption=["one", "two", "three"],
            posted_on=[D, D + timedelta(8), D + timedelta(9)],
            is_ad=[False, True, None],
        ),
        "video_snapshots": frame(
            "video_snapshots",
            video_id=["v1", "v1", "v2", "v3"],
            captured_on=[D + timedelta(2), D + timedelta(12), D + timedelta(12), D + timedelta(12)],
            views=[50, 100, 300, 10],
            likes=[5, 8, 30, 1],
            comments=[0, 1, 3, 0],
            shares=[0, 1, 0, 0],
            avg_watch_s=[4.0, None, 6.0, None],
        ),
        "video_sources": frame(
            "video_sources",
            video_id=["v1", "v1", "v2", "v2", "v2"],
            captured_on=[D + timedelta(12)] * 5,
            source=["for_you", "search", "for_you", "profile", "other"],
            share=[0.5, 0.5, 0.8, 0.1, 0.1],
        ),
        "video_search_terms": frame(
            "video_search_terms",
            video_id=["v1", "v1"],
            captured_on=[D + timedelta(12)] * 2,
            term=["[bold]pasta[/]", "easy pasta"],
            share=[0.6, 0.4],
        ),
    }


def test_period_ends_on_the_freshest_day_with_views(tables) -> None:
    p = q.period_for(tables, "a", 7, today=date(2026, 4, 1))
    assert (p.start, p.end) == (D + timedelta(6), D + timedelta(12))
    prev = p.previous()
    assert prev is not None and (prev.start, prev.end) == (D - timedelta(1), D + timedelta(5))
    everything = q.period_for(tables, "a", None, today=date(2026, 4, 1))
    assert everything.start == D and everything.previous() is None


def test_kpis_compare_with_the_previous_period_and_skip_missing(tables) -> None:
    p = q.period_for(tables, "a", 7, today=date(2026, 4, 1))
    k = {x.name: x for x in q.kpis(tables, "a", p)}
    assert k["video_views"].value == 100 + 6 * 200
    assert k["video_views"].previous == 6 * 100  # the day before D is not in the store
    assert k["video_views"].change_pct == pytest.approx((1300 - 600) / 600)
    # engagement only over days where views, likes, comments and shares are all known
    assert k["engagement_rate"].value == pytest.approx(7 * 12 / 1300)
    assert k["profile_views"].value is None  # never turned into 0
    assert k["followers_net"].value == 1012 - 1006
    assert len(k["video_views"].series) == 7


def test_daily_has_a_row_per_day_with_gaps_as_nulls(tables) -> None:
    p = q.Period(D - timedelta(2), D + timedelta(1), 4)
    d = q.daily(tables, "a", p)
    assert d["date"].to_list() == [D - timedelta(2 - i) for i in range(4)]
    assert d["video_views"].to_list() == [None, None, 100, 100]


def test_video_table_takes_the_newest_known_value_per_column(tables) -> None:
    v = q.video_table(tables, "a")
    row = v.filter(pl.col("video_id") == "v1").row(0, named=True)
    assert row["views"] == 100 and row["avg_watch_s"] == 4.0
    assert row["engagement_rate"] == pytest.approx(10 / 100)
    assert row["search"] == 0.5 and row["sound"] == 0.0 and row["dominant"] in {"for_you", "search"}
    v3 = v.filter(pl.col("video_id") == "v3").row(0, named=True)
    assert v3["has_sources"] is False and v3["for_you"] is None and v3["dominant"] is None
    assert v["video_id"].to_list() == ["v3", "v2", "v1"]  # newest first


def test_source_mix_is_view_weighted_over_videos_with_sources(tables) -> None:
    mix = q.source_mix(tables, "a").to_dicts()
    shares = {r["source"]: r["share"] for r in mix}
    assert shares["for_you"] == pytest.approx((100 * 0.5 + 300 * 0.8) / 400)
    assert shares["search"] == pytest.approx(50 / 400)
    assert sum(shares.values()) == pytest.approx(1.0)
    assert mix[0]["n_videos"] == 2


def test_source_mix_is_empty_without_source_data(tables) -> None:
    tables["video_sources"] = TABLES["video_sources"].empty()
    assert q.source_mix(tables, "a").is_empty()


def test_source_daily_splits_each_days_views(tables) -> None:
    est = q.source_daily(tables, "a")
    day = est.filter(pl.col("date") == D + timedelta(10))
    assert day["views"].sum() == pytest.approx(200)
    assert est.filter(pl.col("date") == D + timedelta(13))["views"].is_null().all()


def test_data_quality_names_what_the_numbers_rest_on(tables) -> None:
    p = q.period_for(tables, "a", 7, today=D + timedelta(14))
    notes = " | ".join(q.data_quality(tables, "a", p, today=D + timedelta(14)))
    assert "year inferred for 7 days" in notes
    assert "may still change" in notes
    assert "1 paid" in notes


def test_parse_period() -> None:
    assert q.parse_period("28d") == 28 and q.parse_period("all") is None


def test_followers_are_worked_back_from_net_changes_and_stop_at_a_gap() -> None:
    days = [D + timedelta(i) for i in range(6)]
    tables = {
        "account_daily": frame(
            "account_daily",
            account=["a"] * 6,
            date=days,
            followers=[None, None, None, None, 1010, 1012],
            followers_net=[5, None, 3, 4, 2, 2],
        )
    }
    s = q.followers_series(tables, "a")
    # a day's total = the next day's total − the next day's net change; day 1's net
    # is missing, so day 0 stays unknown
    assert s["followers"].to_list() == [None, 1001, 1004, 1008, 1010, 1012]
    assert s["estimated"].to_list() == [False, True, True, True, False, False]


def test_a_mostly_empty_previous_period_is_not_compared_with(tables) -> None:
    p = q.period_for(tables, "a", 14, today=date(2026, 4, 1))  # previous: 14 days, none held
    k = {x.name: x for x in q.kpis(tables, "a", p)}
    assert k["video_views"].previous is None and k["video_views"].change_pct is None


def test_the_video_table_is_built_once_per_tables_and_account(tables) -> None:
    """Overview, Videos, the advisor and detail share one video table per account and commit."""
    first = q.video_table(tables, "a")
    assert q.video_table(tables, "a") is first
    some = first["video_id"].to_list()[:1]
    assert first.height > 1 and some
    assert q.video_table(tables, "a", some).equals(first.filter(pl.col("video_id").is_in(some)))
    changed = dict(tables, videos=tables["videos"].clear())  # new tables: built again
    assert q.video_table(changed, "a").is_empty()
    fresh = dict(tables)  # same frames in a new dict, detail before any screen: built for one
    assert q.video_table(fresh, None, some).height == len(some)
