"""Each rule's measure on small hand-built tables: the finding's numbers, the data path it
used and its sample against the minimum — not the sentences (the word functions say them)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.test_advisor_fixtures import ACCOUNT, START, TODAY, V, build, captured, spread
from tiktui.advisor.config import AdvisorConfig
from tiktui.advisor.context import Context
from tiktui.advisor.finding import Lacking
from tiktui.data.queries import period_for

SEARCHY = {"for_you": 0.771, "profile": 0.02, "search": 0.10, "following": 0.003, "other": 0.106}


def ctx(tables, period: int | None = 28, **config) -> Context:
    c = AdvisorConfig(**config) if config else AdvisorConfig()
    return Context(tables, ACCOUNT, period_for(tables, ACCOUNT, period, TODAY), TODAY, c)


# -- mix -----------------------------------------------------------------------------------------


def test_mix_on_the_estimate_measures_shares_over_the_organic_videos() -> None:
    from tiktui.advisor.rules import mix

    vids = [*spread(10, sources=SEARCHY), V("ad", START, is_ad=True, views=1_000_000)]
    found = mix.measure(ctx(build(vids)))
    assert not isinstance(found, Lacking)
    assert found.path == "video_sources" and found.basis.estimated
    assert found.basis.sample.n == 10 and found.basis.sample.minimum == 3
    assert found.basis.views == 100_000  # the paid video's million is left out
    (search,) = [s for s in found.standings if s.source == "search"]
    assert search.level == "high" and search.trigger == "multiple"
    assert search.share == pytest.approx(0.10) and search.median == pytest.approx(0.011)
    assert search.stake == pytest.approx((0.10 - 0.011) * 100_000)
    assert search.effect == pytest.approx(0.10 / (2.5 * 0.011))


def test_mix_on_tiktoks_figure_measures_over_the_days_it_covers() -> None:
    from tiktui.advisor.rules import mix

    tables = captured(build(spread(2)), {"for_you": 0.6, "search": 0.3, "profile": 0.1})
    found = mix.measure(ctx(tables))  # two videos are too few to estimate, not to read TikTok
    assert not isinstance(found, Lacking)
    assert found.path == "account_sources" and found.basis.sample.unit == "days"
    assert found.basis.sample.n == 28 and found.basis.views == 28 * 10_000
    by = {s.source: s for s in found.standings}
    assert by["search"].share == 0.3 and by["profile"].trigger == "multiple"
    assert by["following"].level == "low"  # 0 % against a 0.3 % median: an opening


def test_mix_without_enough_videos_is_lacking_on_the_video_path() -> None:
    from tiktui.advisor.rules import mix

    found = mix.measure(ctx(build(spread(2))))
    assert isinstance(found, Lacking)
    assert found.sample.n == 2 and found.sample.minimum == 3 and found.path == "video_sources"


def test_for_you_above_ninety_percent_is_its_own_trigger() -> None:
    from tiktui.advisor.rules import mix

    viral = {"for_you": 0.95, "profile": 0.02, "search": 0.011, "following": 0.003, "other": 0.016}
    found = mix.measure(ctx(build(spread(10, sources=viral))))
    assert not isinstance(found, Lacking)
    (fy,) = [s for s in found.standings if s.source == "for_you"]
    assert fy.trigger == "for_you_high" and fy.effect == pytest.approx(0.10 / 0.05)


# -- outliers ------------------------------------------------------------------------------------

PASTA = {"for_you": 0.70, "profile": 0.02, "search": 0.20, "following": 0.003, "other": 0.077}


def test_outliers_measure_the_bar_the_videos_and_what_they_share() -> None:
    from tiktui.advisor.rules import outliers

    base = spread(10, caption="my day in the kitchen", hour=9)
    hits = [
        V(f"hit{i}", START + timedelta(days=12 + i), caption=f"Easy pasta recipe #{i}",
          duration=60.0, hour=18, sources=PASTA, views=10_000 * (i + 1))
        for i in range(3)
    ]  # fmt: skip
    found = outliers.measure(ctx(build(base + hits), timezone="UTC"))
    assert not isinstance(found, Lacking)
    assert found.path == "video_sources" and found.sample.n == 13
    (search,) = found.groups
    assert search.source == "search" and search.median == pytest.approx(0.011)
    assert search.bar == pytest.approx(0.011 + 0.05)  # 2× a tiny median is not enough: +5 pts
    assert search.video_ids == ("hit2", "hit1", "hit0")  # most views from Search first
    assert search.stake == pytest.approx((0.20 - 0.011) * 60_000)
    t = search.traits
    assert {w.word for w in t.words} == {"easy", "pasta", "recipe"}
    assert all(w.n == 3 and w.share_rest == 0 for w in t.words)
    assert t.length_ratio == pytest.approx(2.0) and t.hours == (18, 18, 18) and t.paid == 0


def test_outliers_are_lacking_below_the_minimum() -> None:
    from tiktui.advisor.rules import outliers

    found = outliers.measure(ctx(build(spread(2))))
    assert isinstance(found, Lacking) and (found.sample.n, found.sample.minimum) == (2, 3)
    found = outliers.measure(ctx(build(spread(10))))
    assert not isinstance(found, Lacking) and found.groups == ()  # uniform: nothing stands out


# -- engagement ----------------------------------------------------------------------------------


def test_engagement_measures_the_rate_and_each_benchmark() -> None:
    from tiktui.advisor.rules import engagement

    history = spread(5, first=START - timedelta(days=40), likes=900)  # 10 % each
    now = spread(5, likes=300)  # (300 + 50 + 50) ÷ 10,000 = 4 %
    found = engagement.measure(ctx(build(history + now)))
    assert not isinstance(found, Lacking)
    assert found.path == "period_videos" and found.sample.n == 5
    assert found.rate == pytest.approx(0.04) and found.own == pytest.approx(0.10)
    assert found.history == 5 and found.tier is not None and found.tier[2] == 0.075
    assert [b.what for b in found.benchmarks] == ["own", "tier"]
    assert all(b.fired for b in found.benchmarks) and found.below
    assert found.stake == pytest.approx(50_000 * (0.10 - 0.04))


def test_engagement_reads_the_listed_videos_when_too_few_were_posted() -> None:
    from tiktui.advisor.rules import engagement

    older = spread(5, first=START - timedelta(days=40), likes=2_000)
    found = engagement.measure(ctx(build(older)))
    assert not isinstance(found, Lacking)
    assert found.path == "listed" and found.rate == pytest.approx(0.21)
    assert found.own is None  # nothing posted before the listed videos


def test_engagement_lacks_data_without_enough_counted_videos() -> None:
    from tiktui.advisor.rules import engagement

    found = engagement.measure(ctx(build(spread(2))))
    assert isinstance(found, Lacking) and found.window == "none" and found.sample.n == 2


# -- retention -----------------------------------------------------------------------------------


def test_retention_measures_completion_its_band_and_the_split_by_length() -> None:
    from tiktui.advisor.rules import retention

    short = spread(3, completion=0.30, duration=20.0)
    long = spread(3, first=START + timedelta(days=5), completion=0.20, duration=60.0)
    found = retention.measure(ctx(build(short + long)))
    assert not isinstance(found, Lacking)
    assert found.path == "full_watch" and found.sample.n == 6 and found.band == "problem"
    assert found.completion == pytest.approx(0.25)
    assert found.by_length is not None and found.by_length.median_length == pytest.approx(40.0)
    assert (found.by_length.short, found.by_length.long) == pytest.approx((0.30, 0.20))
    assert found.stake == pytest.approx(60_000 * (0.40 - 0.25))


def test_retention_in_the_middle_band_measures_the_weak_videos() -> None:
    from tiktui.advisor.rules import retention

    vids = spread(8, completion=0.60) + spread(
        2, first=START + timedelta(days=10), completion=0.20, views=20_000
    )
    found = retention.measure(ctx(build(vids)))
    assert not isinstance(found, Lacking) and found.band == "middle"
    assert found.weak is not None and len(found.weak.video_ids) == 2
    assert found.weak.completion == pytest.approx(0.20)
    assert found.weak.stake == pytest.approx(40_000 * (0.40 - 0.20))


def test_retention_lacks_the_full_watch_rate_on_studio_files() -> None:
    from tiktui.advisor.rules import retention

    found = retention.measure(ctx(build(spread(5))))
    assert isinstance(found, Lacking) and found.sample.n == 0 and found.path == "full_watch"


# -- organic vs paid -----------------------------------------------------------------------------


def test_paid_measures_both_groups() -> None:
    from tiktui.advisor.rules import paid

    org = spread(6, views=10_000, new_followers=50)
    ads = [
        V(f"ad{i}", START + timedelta(days=10 + i), is_ad=True, views=40_000, likes=800,
          new_followers=40)
        for i in range(2)
    ]  # fmt: skip
    found = paid.measure(ctx(build(org + ads)))
    assert isinstance(found, paid.PaidFinding)
    assert found.path == "is_ad" and (found.paid, found.organic) == (2, 6)
    assert found.sample.n == 2 and found.views_ratio == pytest.approx(4.0)
    assert found.er_paid == pytest.approx(900 / 40_000) and found.er_organic == pytest.approx(0.07)
    assert (found.fol_paid, found.fol_organic) == pytest.approx((1.0, 5.0)) and found.fewer_fans
    assert found.bought == pytest.approx(2 * 30_000)
    assert found.effect == pytest.approx(4.0 / 1.5)


def test_paid_is_silent_without_paid_videos_and_lacking_without_the_flag() -> None:
    from tiktui.advisor.rules import paid

    assert paid.measure(ctx(build(spread(5)))) is None  # flagged, none paid
    found = paid.measure(ctx(build(spread(5, is_ad=None))))
    assert isinstance(found, Lacking) and found.what == paid.NO_FLAG and found.path == "is_ad"
    found = paid.measure(ctx(build(spread(3, is_ad=True))))
    assert isinstance(found, Lacking) and found.what == paid.ALL_PAID


# -- search terms --------------------------------------------------------------------------------


def test_search_terms_measure_views_videos_captions_and_the_brand() -> None:
    from tiktui.advisor.rules import search_terms

    vids = spread(4, sources=SEARCHY, caption="easy pasta tonight",
                  terms={"easy pasta": 0.6, "pasta recipe": 0.3, "chef": 0.1})  # fmt: skip
    found = search_terms.measure(ctx(build(vids)))
    assert not isinstance(found, Lacking)
    assert found.path == "search_terms" and found.sample.n == 4 and found.total == 3
    by = {t.term: t for t in found.top}
    assert by["easy pasta"].views == pytest.approx(4 * 0.6 * 10_000 * 0.10)
    assert by["easy pasta"].in_captions and not by["pasta recipe"].in_captions
    assert by["chef"].brand and found.missing == ["pasta recipe"]
    assert found.effect == 4 and found.stake == pytest.approx(4 * 10_000 * 0.10)


def test_search_terms_without_source_data_have_no_views() -> None:
    from tiktui.advisor.rules import search_terms

    found = search_terms.measure(ctx(build(spread(3, sources=None, terms={"pasta": 1.0}))))
    assert not isinstance(found, Lacking)
    assert found.top[0].views is None and found.top[0].videos == 3 and found.stake == 0


def test_search_terms_lacking_says_which_window() -> None:
    from tiktui.advisor.rules import search_terms

    found = search_terms.measure(ctx(build(spread(5))))
    assert isinstance(found, Lacking) and found.window == "none"
    old = spread(3, first=START - timedelta(days=28), terms={"pasta": 1.0})
    found = search_terms.measure(ctx(build(old + spread(5))))
    assert isinstance(found, Lacking) and found.window == "now"


def test_search_terms_read_tiktoks_list_for_the_account_first() -> None:
    from datetime import UTC, datetime

    from tests.test_advisor_fixtures import END, frame
    from tiktui.advisor import advise
    from tiktui.advisor.rules import search_terms

    vids = spread(4, sources=SEARCHY, caption="easy pasta tonight", terms={"pasta": 1.0})
    at = datetime(2026, 3, 2, 9, tzinfo=UTC)
    listed = {"easy pasta": 0.5, "pasta recipe": 0.3, "chef": 0.2}
    rows = [
        {"account": ACCOUNT, "window_start": START, "window_end": END, "term": t, "share": s,
         "captured_at": at}
        for t, s in listed.items()
    ]  # fmt: skip
    # the same window's account mix: Search is 10 % of the account's 280,000 views
    tables = captured(build(vids), {"for_you": 0.9, "search": 0.1})
    tables["account_search_terms"] = frame("account_search_terms", rows)
    found = search_terms.measure(ctx(tables))
    assert not isinstance(found, Lacking)
    assert found.path == "account_search_terms" and found.sample.unit == "days"
    assert found.sample.n == 28 and found.total == 3
    by = {t.term: t for t in found.top}
    assert by["easy pasta"].share == 0.5 and by["easy pasta"].videos is None
    assert by["easy pasta"].views == pytest.approx(0.5 * 0.1 * 28 * 10_000)
    assert by["easy pasta"].in_captions and by["chef"].brand and found.missing == ["pasta recipe"]
    assert found.effect == pytest.approx(0.5 / 0.05)
    a = next(x for x in advise(tables, ACCOUNT, 28, TODAY).advice if x.rule.key == "search_terms")
    assert a.data == "account_search_terms" and a.views_at_stake == round(found.stake)
    # without TikTok's list: the videos' own terms
    del tables["account_search_terms"]
    found = search_terms.measure(ctx(tables))
    assert not isinstance(found, Lacking) and found.path == "search_terms"
