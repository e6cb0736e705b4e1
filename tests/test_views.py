"""tiktui.data.views: the Videos filter language, detail, trends and compare."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from tiktui.data import queries, views
from tiktui.data.views import FilterError, apply_filter, parse_filter, sort_videos

from .ui.factory import ACCOUNT, EVIL_CAPTION, TODAY, make_tables

TABLES = make_tables()


@pytest.fixture(scope="module")
def vt() -> pl.DataFrame:
    return queries.video_table(TABLES, ACCOUNT)


def _rows(frame: pl.DataFrame, text: str) -> pl.DataFrame:
    return apply_filter(frame, parse_filter(text))


# -- filter ------------------------------------------------------------------------------


def test_number_filters_with_suffixes(vt) -> None:
    assert _rows(vt, "views>50k").height == vt.filter(pl.col("views") > 50_000).height
    assert _rows(vt, "views >= 1.2M").height == vt.filter(pl.col("views") >= 1_200_000).height
    assert _rows(vt, "likes<1,000").height == vt.filter(pl.col("likes") < 1000).height
    assert _rows(vt, "duration<=30").height == vt.filter(pl.col("duration_s") <= 30).height


def test_share_and_rate_filters_take_percent_or_fraction(vt) -> None:
    expected = vt.filter(pl.col("search") > 0.10).height
    assert expected > 0
    assert _rows(vt, "search>10%").height == expected
    assert _rows(vt, "search>10").height == expected  # a bare number above 1 is a percent
    assert _rows(vt, "search>0.1").height == expected
    assert _rows(vt, "srch > 10%").height == expected  # the column's short name, spaced
    assert _rows(vt, "fyp<50%").height == vt.filter(pl.col("for_you") < 0.5).height
    assert _rows(vt, "er>=10%").height == vt.filter(pl.col("engagement_rate") >= 0.1).height
    assert (
        _rows(vt, "directmessages>1%").height == vt.filter(pl.col("direct_message") > 0.01).height
    )


def test_videos_without_sources_never_match_a_source_filter(vt) -> None:
    no_src = vt.filter(~pl.col("has_sources"))
    assert no_src.height > 0
    assert _rows(no_src, "search<100%").height == 0
    assert _rows(vt, "nosources").height == no_src.height


def test_paid_organic_dominant_and_words(vt) -> None:
    paid = vt.filter(pl.col("is_ad")).height
    assert _rows(vt, "paid").height == paid > 0
    assert _rows(vt, "organic").height == vt.height - paid
    assert _rows(vt, "dominant=fyp").height == vt.filter(pl.col("dominant") == "for_you").height
    words = _rows(vt, "PASTA easy")
    assert words.height > 0
    assert all("pasta" in c.lower() and "easy" in c.lower() for c in words["caption"])
    assert _rows(vt, "pasta paid views>1").height <= paid


def test_caption_words_are_literal_not_regex(vt) -> None:
    hit = _rows(vt, "[@click=app.quit]tap[/]")
    assert hit["caption"].to_list() == [EVIL_CAPTION]
    assert _rows(vt, ".*").height == 0


def test_filter_errors_say_what_works() -> None:
    with pytest.raises(FilterError, match="unknown field 'bogus'"):
        parse_filter("bogus>3")
    with pytest.raises(FilterError, match="not a number"):
        parse_filter("views>lots")
    with pytest.raises(FilterError, match="not a traffic source"):
        parse_filter("dominant=moon")
    assert parse_filter("   ").expr is None


def test_sort_puts_missing_last_both_ways(vt) -> None:
    for desc in (True, False):
        out = sort_videos(vt, "search", desc)
        values = out["search"].to_list()
        known = [v for v in values if v is not None]
        assert values[: len(known)] == sorted(known, reverse=desc)
        assert all(v is None for v in values[len(known) :])
    by_caption = sort_videos(vt, "caption", False)["caption"].to_list()
    assert by_caption == sorted(by_caption, key=str.lower)
    assert sort_videos(vt, "nope", True).equals(vt)


# -- detail --------------------------------------------------------------------------------


def test_video_detail_has_every_part() -> None:
    vid = TABLES["videos"]["video_id"][2]
    d = views.video_detail(TABLES, vid)
    assert d is not None
    assert d.info["video_id"] == vid
    assert d.snapshots.height >= 2
    assert d.snapshots["captured_on"].is_sorted()
    assert d.views_series == sorted(d.views_series)  # lifetime views only grow
    assert d.sources.columns[0] == "captured_on" and "for_you" in d.sources.columns
    assert d.sources.height == d.snapshots.height
    assert d.retention.height > 0 and d.retention_on == date(2026, 11, 19)
    assert views.video_detail(TABLES, "nope") is None


def test_video_detail_without_sources_or_terms() -> None:
    vid = TABLES["videos"]["video_id"][8]  # n % 9 == 8: no source data
    d = views.video_detail(TABLES, vid)
    assert d is not None and d.sources.is_empty() and d.terms.is_empty()
    assert d.terms_on is None


# -- trends --------------------------------------------------------------------------------


def test_trend_rows_cover_metrics_and_sources() -> None:
    period = queries.period_for(TABLES, ACCOUNT, 28, TODAY)
    rows = views.trend_rows(TABLES, ACCOUNT, period)
    keys = [r.key for r in rows]
    assert keys[0] == "video_views" and "engagement_rate" in keys
    assert "source:for_you" in keys and "source:search" in keys
    for row in rows:
        assert len(row.values) == 28 == len(row.dates)
    views_row = rows[0]
    assert views_row.max >= views_row.last >= views_row.min
    assert views_row.total == sum(views_row.values)
    rolled = views.trend_rows(TABLES, ACCOUNT, period, rolling=7)[0]
    assert rolled.values[0] == views_row.values[0]
    assert rolled.values[6] == pytest.approx(sum(views_row.values[:7]) / 7)
    assert max(rolled.values) < views_row.max  # the spike is smoothed
    assert rolled.total is None  # a sum of rolling means would be meaningless


def test_trend_rows_skip_empty_metrics() -> None:
    tables = make_tables()
    tables["account_daily"] = tables["account_daily"].with_columns(
        pl.lit(None, pl.Int64).alias("reached_audience")
    )
    period = queries.period_for(tables, ACCOUNT, 7, TODAY)
    assert "reached_audience" not in [r.key for r in views.trend_rows(tables, ACCOUNT, period)]


# -- compare -------------------------------------------------------------------------------


def test_compare_in_marked_order_with_best_and_deltas() -> None:
    ids = TABLES["videos"]["video_id"].to_list()[:3]
    c = views.compare(TABLES, [ids[2], ids[0], "gone"])
    assert c.video_ids == [ids[2], ids[0]] and c.missing == ["gone"]
    rows = {r.key: r for r in c.rows}
    v = rows["views"]
    assert v.best == (0 if v.values[0] > v.values[1] else 1)
    assert v.deltas[0] is None
    assert v.deltas[1] == pytest.approx((v.values[1] - v.values[0]) / v.values[0])
    er = rows["engagement_rate"]
    assert er.deltas[1] == pytest.approx(er.values[1] - er.values[0])  # points, not relative
    assert rows["posted_on"].best is None
    assert all(m is None or abs(sum(m.values()) - 1) < 0.01 for m in c.mixes)


def test_a_half_typed_expression_is_explained_not_searched_for() -> None:
    import pytest

    from tiktui.data.views import FilterError, parse_filter

    with pytest.raises(FilterError, match="needs a value"):
        parse_filter("views>")


def test_compare_of_one_account_is_the_same_from_its_video_table() -> None:
    """Compare takes the account's shared video table (built once, filtered); the numbers
    are those of the videos joined alone, and another account's video counts as missing."""
    from .ui.factory import merge

    other = {  # another account's videos, with ids of their own
        name: frame.with_columns(("9" + pl.col("video_id")).alias("video_id"))
        if "video_id" in frame.columns
        else frame
        for name, frame in make_tables(n_videos=6, seed=3, account="other.one").items()
    }
    tables = merge(TABLES, other)
    mine = TABLES["videos"]["video_id"].to_list()[:3]
    theirs = other["videos"]["video_id"].to_list()[0]
    queries.video_table(tables, ACCOUNT)  # built, as the prefetch does
    alone = views.compare(tables, mine)
    scoped = views.compare(tables, [*mine, theirs], ACCOUNT)
    assert scoped.video_ids == alone.video_ids == mine and scoped.missing == [theirs]
    assert [r.values for r in scoped.rows] == [r.values for r in alone.rows]
    assert scoped.mixes == alone.mixes and scoped.captions == alone.captions
