"""The account's own mix and search terms for a period: TikTok's figure, combined, or estimated."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiktui.data import account_mix as am
from tiktui.data import queries as q
from tiktui.data.importers.base import Parsed, Rank
from tiktui.data.schema import TABLES
from tiktui.data.store import Store

from .test_store import _import

D = date(2026, 3, 1)  # the period: 28 days from here
PERIOD = q.Period(D, D + timedelta(days=27), 28)
TWO_WEEKS = q.Period(D, D + timedelta(days=13), 14)
AT = datetime(2026, 3, 30, 8, tzinfo=UTC)


def frame(table: str, **cols) -> pl.DataFrame:
    return TABLES[table].conform(pl.DataFrame(cols))


def _daily(views: list[int | None]) -> pl.DataFrame:
    return frame(
        "account_daily",
        account=["a"] * len(views),
        date=[D + timedelta(i) for i in range(len(views))],
        video_views=views,
    )


def _sources(windows: list[tuple[int, int, dict[str, float]]]) -> pl.DataFrame:
    """(first day offset, last day offset, {source: share}) per captured window."""
    rows = [
        (D + timedelta(s), D + timedelta(e), src, share)
        for s, e, mix in windows
        for src, share in mix.items()
    ]
    return frame(
        "account_sources",
        account=["a"] * len(rows),
        window_start=[r[0] for r in rows],
        window_end=[r[1] for r in rows],
        source=[r[2] for r in rows],
        share=[r[3] for r in rows],
        raw_label=[r[2] for r in rows],
        captured_at=[AT] * len(rows),
    )


def _videos() -> dict[str, pl.DataFrame]:
    return {
        "videos": frame("videos", video_id=["v1", "v2"], account=["a", "a"], posted_on=[D, D]),
        "video_snapshots": frame(
            "video_snapshots", video_id=["v1", "v2"], captured_on=[D, D], views=[100, 300]
        ),
        "video_sources": frame(
            "video_sources",
            video_id=["v1", "v1", "v2"],
            captured_on=[D] * 3,
            source=["for_you", "search", "for_you"],
            share=[0.5, 0.5, 1.0],
        ),
        "video_search_terms": frame(
            "video_search_terms",
            video_id=["v1", "v1"],
            captured_on=[D, D],
            term=["Pasta ", "risotto"],
            share=[0.6, 0.4],
        ),
    }


def test_the_capture_of_the_period_is_tiktoks_figure() -> None:
    tables = {
        "account_daily": _daily([10] * 28),
        "account_sources": _sources(
            [(0, 27, {"for_you": 0.7, "search": 0.2, "other": 0.1}), (0, 6, {"search": 1.0})]
        ),
        **_videos(),
    }
    fig = am.account_mix(tables, "a", PERIOD)
    assert fig.origin == am.CAPTURED and fig.label == am.TIKTOK_FIGURE
    assert [(w.start, w.end, w.views) for w in fig.windows] == [(PERIOD.start, PERIOD.end, 280)]
    shares = fig.shares()
    assert shares is not None and set(shares) == set(q.SOURCE_KEYS)
    assert shares["for_you"] == 0.7 and shares["search"] == 0.2 and shares["following"] == 0.0
    views = dict(zip(fig.rows["source"], fig.rows["views"], strict=True))
    assert views["for_you"] == pytest.approx(196.0)


def test_windows_inside_the_period_are_weighted_by_their_views() -> None:
    tables = {
        "account_daily": _daily([10] * 7 + [30] * 7 + [None] * 14),
        "account_sources": _sources(
            [
                (0, 6, {"for_you": 1.0}),  # 70 views
                (7, 13, {"search": 1.0}),  # 210 views
                (5, 9, {"profile": 1.0}),  # overlaps both: left out
                (10, 40, {"sound": 1.0}),  # reaches past the period: left out
            ]
        ),
    }
    fig = am.account_mix(tables, "a", TWO_WEEKS)
    assert fig.origin == am.COMBINED and fig.label == am.TIKTOK_FIGURE
    assert [(w.start, w.end) for w in fig.windows] == [
        (D, D + timedelta(6)),
        (D + timedelta(7), D + timedelta(13)),
    ]
    assert fig.covered_days == 14
    shares = fig.shares() or {}
    assert shares["for_you"] == pytest.approx(0.25) and shares["search"] == pytest.approx(0.75)
    assert shares["profile"] == 0.0


def test_a_window_without_views_falls_back_to_the_estimate() -> None:
    tables = {
        "account_daily": _daily([10] * 3 + [None] * 25),
        "account_sources": _sources([(0, 6, {"for_you": 1.0})]),
        **_videos(),
    }
    fig = am.account_mix(tables, "a", PERIOD)
    assert fig.is_estimate and fig.label == am.ESTIMATED and fig.fallback
    assert fig.n_videos == 2
    # the same numbers as the per-video estimate
    est = q.source_mix(tables, "a", PERIOD)
    assert fig.shares() == dict(zip(est["source"], est["share"], strict=True))
    assert fig.shares()["search"] == pytest.approx(50 / 400)  # type: ignore[index]


def test_no_capture_and_no_sources_is_an_empty_estimate() -> None:
    fig = am.account_mix({"account_daily": _daily([1] * 28)}, "a", PERIOD)
    assert fig.is_estimate and fig.shares() is None and fig.rows.is_empty()


def test_another_accounts_capture_is_not_used() -> None:
    other = _sources([(0, 27, {"for_you": 1.0})]).with_columns(pl.lit("b").alias("account"))
    fig = am.account_mix({"account_sources": other, **_videos()}, "a", PERIOD)
    assert fig.is_estimate


@given(
    mixes=st.lists(
        st.dictionaries(st.sampled_from(q.SOURCE_KEYS), st.floats(0.01, 1.0), min_size=1),
        min_size=2,
        max_size=4,
    ),
    views=st.lists(st.integers(1, 10_000), min_size=28, max_size=28),
)
def test_combined_shares_stay_a_mix(mixes: list[dict[str, float]], views: list[int]) -> None:
    windows = []
    for i, mix in enumerate(mixes):  # 7-day windows side by side
        total = sum(mix.values())
        windows.append((7 * i, 7 * i + 6, {k: v / total for k, v in mix.items()}))
    period = q.Period(D, D + timedelta(days=7 * len(mixes) - 1), 7 * len(mixes))
    fig = am.account_mix(
        {"account_daily": _daily(views), "account_sources": _sources(windows)}, "a", period
    )
    assert fig.origin == am.COMBINED
    assert sum((fig.shares() or {}).values()) == pytest.approx(1.0)
    assert fig.rows["views"].sum() == pytest.approx(sum(views[: 7 * len(mixes)]))


def _terms(windows: list[tuple[int, int, dict[str, float]]]) -> pl.DataFrame:
    src = _sources(windows)
    return frame(
        "account_search_terms",
        account=src["account"],
        window_start=src["window_start"],
        window_end=src["window_end"],
        term=src["source"],
        share=src["share"],
        captured_at=src["captured_at"],
    )


def test_search_terms_follow_the_same_choice() -> None:
    tables = {"account_daily": _daily([10] * 28), **_videos()}
    exact = am.account_terms(
        {**tables, "account_search_terms": _terms([(0, 27, {"acme": 0.6, "pasta": 0.4})])},
        "a",
        PERIOD,
    )
    assert exact.origin == am.CAPTURED and exact.rows["term"].to_list() == ["acme", "pasta"]
    assert exact.rows["views"].null_count() == 2  # no captured mix: search views unknown

    # two weeks, weighted by the views that came from search in each
    weeks = {
        **tables,
        "account_sources": _sources([(0, 6, {"search": 0.1}), (7, 13, {"search": 0.3})]),
        "account_search_terms": _terms([(0, 6, {"acme": 1.0}), (7, 13, {"pasta": 1.0})]),
    }
    both = am.account_terms(weeks, "a", TWO_WEEKS)
    assert both.origin == am.COMBINED
    got = dict(zip(both.rows["term"], both.rows["share"], strict=True))
    assert got == pytest.approx({"acme": 0.25, "pasta": 0.75})
    assert dict(zip(both.rows["term"], both.rows["views"], strict=True)) == pytest.approx(
        {"acme": 7.0, "pasta": 21.0}
    )


def test_search_terms_estimated_from_the_videos() -> None:
    fig = am.account_terms({"account_daily": _daily([10] * 28), **_videos()}, "a", PERIOD)
    assert fig.is_estimate and fig.n_videos == 1
    rows = {r["term"]: r for r in fig.rows.iter_rows(named=True)}
    assert set(rows) == {"pasta", "risotto"}  # trimmed, lower case
    # v1: 100 views × 50 % search = 50 search views; "pasta" 60 % of them
    assert rows["pasta"]["views"] == pytest.approx(30.0) and rows["pasta"]["share"] == 0.6
    assert rows["risotto"]["videos"] == 1


def test_a_newer_capture_of_the_same_window_replaces_the_whole_set(tmp_path: Path) -> None:
    def capture(mix: dict[str, float], at: datetime) -> Parsed:
        rows = {
            "window_start": [D] * len(mix),
            "window_end": [PERIOD.end] * len(mix),
            "source": list(mix),
            "share": list(mix.values()),
            "raw_label": list(mix),
            "captured_at": [at] * len(mix),
        }
        return Parsed(
            "studio-web",
            {"account_sources": pl.DataFrame(rows)},
            at,
            account="a",
            rank=Rank.CAPTURED,
        )

    store = Store.open(tmp_path)
    _import(store, "new", [capture({"for_you": 0.9, "search": 0.1}, AT)])
    _import(store, "old", [capture({"for_you": 0.5, "hashtag": 0.5}, AT - timedelta(days=1))])
    fig = am.account_mix(store.tables(), "a", PERIOD)
    assert fig.origin == am.CAPTURED
    shares = fig.shares() or {}
    assert shares["for_you"] == 0.9 and shares["hashtag"] == 0.0
    assert sum(shares.values()) == pytest.approx(1.0)


def test_windows_with_no_views_at_all_fall_back_rather_than_divide_by_zero() -> None:
    tables = {
        "account_daily": _daily([0] * 28),
        "account_sources": _sources([(0, 6, {"for_you": 1.0})]),
        "account_search_terms": _terms([(0, 6, {"acme": 1.0})]),
        **_videos(),
    }
    mix, terms = am.account_mix(tables, "a", PERIOD), am.account_terms(tables, "a", PERIOD)
    assert mix.is_estimate and terms.is_estimate
    assert mix.fallback and "0 " not in mix.fallback


def test_windows_covering_little_of_the_period_fall_back_to_the_estimate() -> None:
    """One captured week is not where four weeks' views came from."""
    tables = {
        "account_daily": _daily([10] * 28),
        "account_sources": _sources([(0, 6, {"for_you": 1.0}), (7, 13, {"search": 1.0})]),
        "account_search_terms": _terms([(0, 6, {"acme": 1.0})]),
        **_videos(),
    }
    mix, terms = am.account_mix(tables, "a", PERIOD), am.account_terms(tables, "a", PERIOD)
    assert mix.is_estimate and terms.is_estimate
    assert mix.fallback and "14" in mix.fallback and "28" in mix.fallback
    # three weeks and a half of four is enough
    tables["account_sources"] = _sources(
        [(0, 6, {"for_you": 1.0}), (7, 13, {"search": 1.0}), (14, 26, {"profile": 1.0})]
    )
    assert am.account_mix(tables, "a", PERIOD).origin == am.COMBINED
