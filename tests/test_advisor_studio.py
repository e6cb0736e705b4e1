"""Advice from Studio's own downloads (issue 12): the generator, the null accounts, and each
data path of the rules that read them. Numbers and data paths are checked, not sentences."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_advisor_fixtures import ACCOUNT, END, START, TODAY, V, build, spread
from tiktui.advisor import AdviceList, AdvisorConfig, advise
from tiktui.advisor.model import Advice
from tiktui.data.studio_generator import build_studio_store, simulate, write_studio_files

GEN_TODAY = date(2026, 3, 1)
UTC_CONFIG = AdvisorConfig(timezone="UTC")
MULTIPLE = re.compile(r"(\d+(?:[.,]\d+)?)×")


def _advise(store, period) -> AdviceList:
    tables = store.tables()
    (account,) = tables["accounts"]["account"].to_list()
    return advise(tables, account, period, GEN_TODAY, UTC_CONFIG)


@pytest.fixture(scope="module", params=[1, 2])
def planted(request, tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp(f"studio-{request.param}")
    store = build_studio_store(root, today=GEN_TODAY, seed=request.param)
    return {p: _advise(store, p) for p in (90, None)}


@pytest.fixture(scope="module", params=[1, 2])
def null(request, tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp(f"null-{request.param}")
    store = build_studio_store(root, today=GEN_TODAY, seed=request.param, null=True)
    return {p: _advise(store, p) for p in (28, 90, None)}


def by_rule(result: AdviceList) -> dict[str, Advice]:
    return {a.rule.key: a for a in result.advice}


# -- the generator -----------------------------------------------------------------------------


def test_the_generator_is_deterministic_and_writes_studio_zip_names(tmp_path: Path) -> None:
    first = write_studio_files(tmp_path / "a", today=GEN_TODAY, seed=3)
    again = write_studio_files(tmp_path / "b", today=GEN_TODAY, seed=3)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    names = {p.name for p in first}
    assert "Followers_sol.studio.zip" in names and "Content_sol.studio (1).zip" in names
    assert any(re.fullmatch(r"Overview_\d{4}-\d\d-\d\d_\d+_sol\.studio\.zip", n) for n in names)


def test_the_generator_plants_what_its_docstring_says() -> None:
    acc = simulate(GEN_TODAY, 1)
    now = [i for i in range(len(acc.views)) if acc.date_of(i) >= GEN_TODAY - timedelta(days=90)]
    before = [i - 90 for i in now]
    share = lambda idx: sum(acc.returning_share[i] for i in idx) / len(idx)  # noqa: E731
    assert share(now) == pytest.approx(0.25, rel=0.1)
    assert share(before) == pytest.approx(0.12, rel=0.1)
    assert max(acc.views[:30]) < 10  # the empty first weeks
    flat = simulate(GEN_TODAY, 1, null=True)
    assert max(flat.views) / min(flat.views) < 2


# -- done when: four specific, evidenced pieces of advice, timing among them -------------------


@pytest.mark.parametrize("period", [90, None])
def test_a_studio_only_account_gets_at_least_four_pieces_of_advice(planted, period) -> None:
    result = planted[period]
    rules = by_rule(result)
    assert len(rules) >= 4 and "timing" in rules, sorted(rules)
    for a in result.advice:
        assert a.evidence and any(re.search(r"\d", e.text) for e in a.evidence), a.id
        assert a.data is not None, a.id  # every finding names the data it rests on


@pytest.mark.parametrize("period", [90, None])
def test_the_planted_effects_are_measured(planted, period) -> None:
    rules = by_rule(planted[period])
    loyalty = rules["loyalty"]
    assert loyalty.evidence[0].value == pytest.approx(0.25, abs=0.03)
    assert loyalty.evidence[1].value == pytest.approx(0.12, abs=0.03)
    conversion = rules["conversion"]
    assert conversion.data == "daily_new"  # the 365-day Overview's gained followers
    assert conversion.evidence[2].value == pytest.approx(1.0, abs=0.35)  # ~4% → ~8%: doubled
    growth = rules["growth"]
    assert growth.evidence[0].value == pytest.approx(2 * growth.evidence[1].value, rel=0.3)
    cadence = rules["cadence"]
    assert cadence.id == "cadence.down"
    assert cadence.evidence[0].value == pytest.approx(1.0, abs=0.35)
    assert cadence.evidence[1].value == pytest.approx(3.0, abs=0.5)
    timing = rules["timing"]
    assert timing.id == "timing.peak" and timing.data == "posting_times"
    assert timing.evidence[0].value in (19, 20, 21)
    ratio = next(e.value for e in timing.evidence if e.label == "Views at vs off peak")
    assert 1.5 <= ratio <= 3.0  # planted ~2× per day of age


def test_the_viral_video_is_a_spike_against_a_held_level(planted) -> None:
    spike = by_rule(planted[90])["spikes"]
    day = date.fromisoformat(spike.id.removeprefix("spikes."))
    assert 0 <= (day - (GEN_TODAY - timedelta(days=40))).days <= 9  # the first post from then
    assert spike.data == "daily_views" and "from almost nothing" not in spike.headline
    assert spike.evidence[0].value >= 5 * 500


# -- a Greek-interface account is read and advised like any other ----------------------------


@pytest.fixture(scope="module")
def greek(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("studio-el")
    store = build_studio_store(root, today=GEN_TODAY, seed=1, language="el")
    return root, {p: _advise(store, p) for p in (90, None)}


def test_the_greek_files_are_written_in_greek(greek) -> None:
    import zipfile

    root, _ = greek
    texts = []
    for path in sorted((root / "exports").glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            texts += [z.read(n).decode("utf-8-sig") for n in z.namelist()]
    joined = "\n".join(texts)
    # headers from the importer's el.json, month names from the language data
    for word in ("Ημερομηνία", "Ενεργοί ακόλουθοι", "Επανερχόμενοι θεατές", "Φεβρουαρίου"):
        assert word in joined, word


@pytest.mark.parametrize("period", [90, None])
def test_a_greek_interface_account_gets_four_pieces_of_advice(greek, period) -> None:
    _, results = greek
    rules = by_rule(results[period])
    assert len(rules) >= 4 and "timing" in rules, sorted(rules)
    loyalty = rules["loyalty"]
    assert loyalty.evidence[0].value == pytest.approx(0.25, abs=0.03)  # the Greek Viewers file
    assert rules["timing"].data == "posting_times"  # the Greek FollowerActivity file


# -- done when: null accounts leave every rule silent ------------------------------------------


@pytest.mark.parametrize("period", [28, 90, None])
def test_a_null_account_gets_no_advice(null, period) -> None:
    assert null[period].advice == [], [a.headline for a in null[period].advice]


# -- done when: no multiple over 20× without "from almost nothing" -----------------------------


def _check_multiples(result: AdviceList) -> None:
    for a in result.advice:
        for m in MULTIPLE.finditer(a.headline):
            if float(m[1].replace(",", ".")) > 20:
                assert "from almost nothing" in a.headline, a.headline


def test_no_headline_shows_a_big_multiple_without_saying_so(planted, null) -> None:
    for result in [*planted.values(), *null.values()]:
        _check_multiples(result)


def test_a_spike_from_almost_nothing_is_worded_so() -> None:
    days = {END - timedelta(days=i): 3 for i in range(120)}
    days[END - timedelta(days=3)] = 5_000
    result = advise(build(spread(3), daily_views=days), ACCOUNT, 28, TODAY)
    (spike,) = [a for a in result.advice if a.rule.key == "spikes"]
    assert "from almost nothing" in spike.headline
    assert spike.evidence[0].value == 5_000
    _check_multiples(result)


def test_a_spike_is_measured_against_the_periods_own_median() -> None:
    # a quiet month before a busy period: the period's median is the level held
    days = {END - timedelta(days=i): (100 if i > 27 else 1_000) for i in range(120)}
    days[END - timedelta(days=2)] = 2_500  # 25× the quiet month, 2.5× the period's level
    result = advise(build(spread(3), daily_views=days), ACCOUNT, 28, TODAY)
    assert not [a for a in result.advice if a.rule.key == "spikes"]


# -- every data path of every Studio-fed rule --------------------------------------------------


def _daily(now: dict, before: dict, days: int = 56) -> dict[date, dict]:
    """Extra daily columns: ``now`` for the 28-day period, ``before`` for the 28 before."""
    return {END - timedelta(days=i): (now if i < 28 else before) for i in range(days)}


def _run(tables) -> AdviceList:
    return advise(tables, ACCOUNT, 28, TODAY)


def _one(result: AdviceList, rule: str) -> Advice:
    (a,) = [a for a in result.advice if a.rule.key == rule]
    return a


def _reason(result: AdviceList, rule: str) -> str:
    (u,) = [u for u in result.unavailable if u.rule == rule]
    return u.reason


def test_loyalty_from_viewers() -> None:
    extra = _daily(
        {"viewers_total": 1000, "viewers_returning": 300},
        {"viewers_total": 1000, "viewers_returning": 200},
    )
    a = _one(_run(build(spread(3), daily_extra=extra)), "loyalty")
    assert a.data == "viewers" and a.id == "loyalty.up"
    assert (a.evidence[0].value, a.evidence[1].value) == pytest.approx((0.3, 0.2))
    flat = _daily(
        {"viewers_total": 1000, "viewers_returning": 200},
        {"viewers_total": 1000, "viewers_returning": 190},
    )
    result = _run(build(spread(3), daily_extra=flat))
    assert not [a for a in result.advice if a.rule.key == "loyalty"]
    assert "Viewers.csv" in _reason(_run(build(spread(3))), "loyalty")


def test_growth_from_daily_net_followers() -> None:
    extra = _daily({"followers_net": 5}, {"followers_net": 10})
    a = _one(_run(build(spread(3), daily_extra=extra)), "growth")
    assert a.data == "daily_net" and a.id == "growth.down"
    assert (a.evidence[0].value, a.evidence[1].value) == pytest.approx((0.5, 1.0))
    assert "Overview.csv" in _reason(_run(build(spread(3))), "growth")


@pytest.mark.parametrize(
    ("now", "before", "path", "rates"),
    [
        (
            {"followers_new": 12, "followers_net": 1, "profile_views": 100},
            {"followers_new": 6, "followers_net": 1, "profile_views": 100},
            "daily_new",
            (0.12, 0.06),
        ),
        (
            {"followers_net": 9, "profile_views": 100},
            {"followers_net": 5, "profile_views": 100},
            "daily_net",
            (0.09, 0.05),
        ),
    ],
)
def test_conversion_takes_the_best_daily_path(now, before, path, rates) -> None:
    a = _one(_run(build(spread(3), daily_extra=_daily(now, before))), "conversion")
    assert a.data == path
    assert (a.evidence[0].value, a.evidence[1].value) == pytest.approx(rates)


def test_conversion_from_videos_when_no_daily_figures() -> None:
    vids = spread(5, first=START - timedelta(days=28), new_followers=10, profile_views=100)
    vids += spread(5, new_followers=20, profile_views=100)
    a = _one(_run(build(vids)), "conversion")
    assert a.data == "videos" and a.evidence[0].value == pytest.approx(0.2)


def test_conversion_all_time_compares_the_latest_90_days_with_the_90_before() -> None:
    extra = {
        END - timedelta(days=i): {"followers_net": 8 if i < 90 else 4, "profile_views": 100}
        for i in range(200)
    }
    days = {END - timedelta(days=i): 10_000 for i in range(200)}
    result = advise(build(spread(3), daily_views=days, daily_extra=extra), ACCOUNT, None, TODAY)
    a = _one(result, "conversion")
    assert a.data == "daily_net" and a.evidence[2].value == pytest.approx(1.0)


def test_cadence_from_the_video_lists() -> None:
    vids = spread(12, first=START - timedelta(days=28), step=2) + spread(3, step=9)
    a = _one(_run(build(vids)), "cadence")
    assert a.data == "video_lists" and a.id == "cadence.down"
    assert (a.evidence[0].value, a.evidence[1].value) == pytest.approx((0.75, 3.0))
    steady = spread(8, first=START - timedelta(days=28), step=3) + spread(9, step=3)
    assert not [a for a in _run(build(steady)).advice if a.rule.key == "cadence"]


def test_cadence_is_silent_when_the_lists_do_not_reach_back() -> None:
    # only this period's videos are known: a 15-video Content list, not a drop from zero
    result = _run(build(spread(10, step=2)))
    assert not [a for a in result.advice if a.rule.key == "cadence"]
    assert "Content.csv" in _reason(result, "cadence")


def test_timing_says_which_file_would_feed_it() -> None:
    assert "FollowerActivity.csv" in _reason(_run(build(spread(5))), "timing")


def test_timing_falls_back_to_every_known_video_when_the_period_has_too_few() -> None:
    old = [
        V(
            f"o{i}",
            START - timedelta(days=40 + 2 * i),
            hour=19 if i % 2 else 8,
            views=20_000 if i % 2 else 10_000,
        )
        for i in range(8)
    ]
    a = _one(_run(build(old, activity={19: 900, 20: 1000, 21: 800})), "timing")
    assert a.data == "posting_times" and a.id == "timing.peak"
    assert "every video known" in a.evidence[-2].text  # lifetime totals, and it says so


# -- every rule states its data, best first, and its minimum sample ----------------------------


def test_every_rule_lists_its_data_paths_and_minimum_sample() -> None:
    from tiktui.advisor.rules import MODULES

    for module in MODULES:
        assert module.PATHS and all(p.key and p.what and p.files for p in module.PATHS)
        assert re.search(r"minimum\s+sample", module.__doc__ or "", re.I), module.__name__


def test_a_silent_rule_names_the_file_that_would_feed_it() -> None:
    from tiktui.advisor.rules import MODULES

    result = advise(build([], daily_views={}), ACCOUNT, 28, TODAY)
    reasons = {u.rule: u.reason for u in result.unavailable}
    for module in MODULES:
        reason = reasons[module.RULE.key]
        assert any(p.files in reason for p in module.PATHS), (module.RULE.key, reason)


def test_engagement_reads_the_videos_a_download_listed_when_none_were_posted() -> None:
    older = spread(5, first=START - timedelta(days=40), likes=2_000)  # 21% engagement
    a = _one(_run(build(older)), "engagement")
    assert a.data == "listed" and a.evidence[0].value == pytest.approx(0.21)
    posted = spread(5, likes=2_000)
    assert _one(_run(build(posted)), "engagement").data == "period_videos"


def test_the_tail_of_a_spike_that_began_before_the_period_is_not_its_news() -> None:
    days = {END - timedelta(days=i): 1_000 for i in range(120)}
    for i in range(26, 32):  # a run of high days from 31 to 26 days before END
        days[END - timedelta(days=i)] = 8_000
    result = advise(build(spread(3), daily_views=days), ACCOUNT, 28, TODAY)
    assert not [a for a in result.advice if a.rule.key == "spikes"]
    days[END - timedelta(days=5)] = 8_000  # a new one inside the period is
    result = advise(build(spread(3), daily_views=days), ACCOUNT, 28, TODAY)
    (spike,) = [a for a in result.advice if a.rule.key == "spikes"]
    assert spike.id == f"spikes.{(END - timedelta(days=5)).isoformat()}"


def test_timing_names_the_busiest_weekday_from_follower_activity() -> None:
    import polars as pl

    tables = build([], activity={19: 900, 20: 1000, 21: 800})
    act = tables["follower_activity"]
    sunday = next(d for d in act["date"].unique().to_list() if d.weekday() == 6)
    tables["follower_activity"] = act.with_columns(
        pl.when(pl.col("date") == sunday)
        .then(pl.col("active_followers") * 2)
        .otherwise(pl.col("active_followers"))
        .alias("active_followers")
    )
    a = _one(_run(tables), "timing")
    (weekday,) = [e for e in a.evidence if e.label == "Busiest weekday"]
    assert weekday.value == "Sunday"
    flat = _one(_run(build([], activity={19: 900, 20: 1000, 21: 800})), "timing")
    assert not [e for e in flat.evidence if e.label == "Busiest weekday"]


_count = st.one_of(st.none(), st.integers(min_value=-50, max_value=5_000))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(
        st.fixed_dictionaries(
            {
                "viewers_total": _count,
                "viewers_returning": _count,
                "followers_net": _count,
                "followers_new": _count,
                "profile_views": _count,
            }
        ),
        min_size=0,
        max_size=70,
    )
)
def test_the_studio_rules_never_crash_or_invent_numbers(rows) -> None:
    import math
    import os

    extra = {END - timedelta(days=i): r for i, r in enumerate(rows)}
    os.environ["TIKTUI_DEBUG"] = "1"
    try:
        result = advise(build(spread(3), daily_extra=extra), ACCOUNT, 28, TODAY)
    finally:
        del os.environ["TIKTUI_DEBUG"]
    for a in result.advice:
        assert a.views_at_stake >= 0
        assert not re.search(r"\b(nan|inf|None)\b", a.headline, re.IGNORECASE), a.headline
        for e in a.evidence:
            assert not isinstance(e.value, float) or math.isfinite(e.value), (a.id, e)


@settings(max_examples=30, deadline=None)
@given(returning=st.integers(1, 999), net=st.integers(1, 50), pv=st.integers(50, 500))
def test_the_same_numbers_in_both_windows_say_nothing(returning, net, pv) -> None:
    same = {
        "viewers_total": 1000,
        "viewers_returning": returning,
        "followers_net": net,
        "followers_new": net,
        "profile_views": pv,
    }
    result = _run(build(spread(3), daily_extra=_daily(same, same)))
    fired = {a.rule.key for a in result.advice}
    assert not fired & {"loyalty", "growth", "conversion"}, fired
