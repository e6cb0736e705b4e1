"""Each advisor rule on small hand-built tables: it fires when it should, stays silent when
it should not, and says "not enough data" once, honestly, instead of guessing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from tests.test_advisor_fixtures import ACCOUNT, END, START, TODAY, V, build, spread
from tiktui.advisor import AdviceList, AdvisorConfig, advise
from tiktui.advisor.config import parse_config
from tiktui.advisor.model import Advice
from tiktui.advisor.rules import RULE_KEYS

PREV = START - timedelta(days=28)
SEARCHY = {"for_you": 0.771, "profile": 0.02, "search": 0.10, "following": 0.003, "other": 0.106}


def run(tables, period=28, config=None) -> AdviceList:
    return advise(tables, ACCOUNT, period, TODAY, config)


def ids(result: AdviceList, rule: str) -> list[str]:
    return [a.id for a in result.advice if a.rule.key == rule]


def one(result: AdviceList, advice_id: str) -> Advice:
    found = [a for a in result.advice if a.id == advice_id]
    assert found, f"{advice_id} not in {[a.id for a in result.advice]}"
    return found[0]


def unavailable(result: AdviceList, rule: str) -> str | None:
    reasons = [u.reason for u in result.unavailable if u.rule == rule]
    assert len(reasons) <= 1, "a rule says it lacks data once"
    return reasons[0] if reasons else None


def all_text(a: Advice) -> str:
    return " ".join([a.headline, *(e.text for e in a.evidence), *a.actions, *a.notes])


# -- 1. mix against the benchmark ------------------------------------------------------


def test_mix_fires_the_search_playbook_with_specific_numbers() -> None:
    result = run(build(spread(20, sources=SEARCHY)))
    a = one(result, "mix.high.search")
    assert a.headline == ("Search brings you 10.0% of views, 9.1× the typical 1.1% — write for it")
    assert a.kind == "strength" and a.source == "search"
    assert a.confidence == "high"  # 20 videos, 3.6× past the 2.5× trigger
    assert "quso.ai" in a.rule.benchmark and "2.5×" in a.rule.threshold
    assert any("20 videos posted in the 28 days to 1 Mar" in e.text for e in a.evidence)
    assert 2 <= len(a.actions) <= 4
    assert a.views_at_stake == round((0.10 - 0.011) * 200_000)
    assert a.video_ids


def test_mix_for_you_above_90_percent_fires_its_playbook() -> None:
    fy = {"for_you": 0.95, "profile": 0.02, "search": 0.011, "following": 0.003, "other": 0.016}
    a = one(run(build(spread(10, sources=fy))), "mix.high.for_you")
    assert "95.0%" in a.headline and "ride it" in a.headline


def test_mix_far_below_the_median_is_an_opportunity() -> None:
    none = {"for_you": 0.86, "profile": 0.0, "search": 0.011, "following": 0.003, "other": 0.126}
    a = one(run(build(spread(10, sources=none))), "mix.low.profile")
    assert a.kind == "opportunity"
    assert "no views against a typical 2.0%" in a.headline


def test_mix_is_silent_on_a_typical_account() -> None:
    result = run(build(spread(10)))
    assert ids(result, "mix") == [] and unavailable(result, "mix") is None


def test_mix_without_source_data_says_so_and_missing_is_not_zero() -> None:
    vids = spread(2, sources=SEARCHY) + spread(5, first=START + timedelta(days=5), sources=None)
    result = run(build(vids))
    assert ids(result, "mix") == []
    reason = unavailable(result, "mix")
    assert reason and "2 videos" in reason and "traffic-source data" in reason
    # the five videos without sources are not 0 % of everything: no "far below" advice
    assert not any(a.id.startswith("mix.low") for a in result.advice)


def test_mix_ignores_paid_videos() -> None:
    paid = spread(
        5, first=START + timedelta(days=10), is_ad=True, sources={"for_you": 0.5, "search": 0.5}
    )
    result = run(build(spread(10) + paid))
    assert "mix.high.search" not in ids(result, "mix")


def test_mix_sources_without_a_median_fire_at_five_percent() -> None:
    sound = {
        "for_you": 0.78,
        "profile": 0.02,
        "search": 0.011,
        "following": 0.003,
        "sound": 0.08,
        "other": 0.106,
    }
    a = one(run(build(spread(10, sources=sound))), "mix.high.sound")
    assert "Sound brings you 8.0% of views" in a.headline
    assert "no published median" in all_text(a)


def test_mix_medians_come_from_the_config_and_are_cited_as_yours() -> None:
    cfg = parse_config({"advisor": {"source_medians": {"search": 5.0}}})
    result = run(build(spread(20, sources=SEARCHY)), config=cfg)
    assert "mix.high.search" not in ids(result, "mix")  # 10 % is only 2× a 5 % median
    cfg = parse_config({"advisor": {"source_medians": {"search": 3.0}}})
    a = one(run(build(spread(20, sources=SEARCHY)), config=cfg), "mix.high.search")
    assert "3.3× the typical 3.0%" in a.headline
    assert "config.toml" in a.rule.benchmark
    assert any("your config.toml" in e.text for e in a.evidence)


# -- 2. shifts -----------------------------------------------------------------------------


def test_shift_down_names_both_periods() -> None:
    down = {"for_you": 0.70, "profile": 0.02, "search": 0.011, "following": 0.003, "other": 0.266}
    vids = spread(10, first=PREV) + spread(10, sources=down)
    a = one(run(build(vids)), "shifts.for_you")
    assert [e.value for e in a.evidence[:3]] == pytest.approx([0.70, 0.86, -0.16])
    assert a.data == "video_sources"  # estimated from the videos' own mixes, and said so
    assert "find out what changed" in a.headline
    texts = " ".join(e.text for e in a.evidence)
    assert "(5 Jan to 1 Feb)" in texts and "28 days to 1 Mar" in texts
    assert "2026-" not in texts  # dates read "5 Jan" in human text; JSON keeps ISO
    assert a.kind == "change"


def test_shift_that_only_dilutes_a_source_is_not_an_alarm() -> None:
    up = {"for_you": 0.70, "profile": 0.02, "search": 0.171, "following": 0.003, "other": 0.106}
    vids = spread(10, first=PREV) + spread(10, views=13_000, sources=up)
    result = run(build(vids))
    a = one(result, "shifts.for_you")
    assert "as Search grew to 17.1%" in a.headline and "not a loss" in a.headline
    assert a.kind == "insight"


def test_shift_in_the_mix_direction_is_folded_into_the_mix_advice() -> None:
    vids = spread(10, first=PREV) + spread(10, sources=SEARCHY)
    result = run(build(vids))
    a = one(result, "mix.high.search")
    assert "(up from 1.1% the previous period)" in a.headline
    assert "shifts.search" in a.also
    assert "shifts.search" not in [x.id for x in result.advice]


def test_a_share_that_rose_only_because_others_shrank_is_not_news() -> None:
    snd = {
        "for_you": 0.854,
        "profile": 0.02,
        "search": 0.011,
        "following": 0.003,
        "sound": 0.035,
        "other": 0.077,
    }
    before = {**snd, "sound": 0.02, "other": 0.092}
    vids = spread(10, first=PREV, views=20_000, sources=before) + spread(10, sources=snd)
    assert "shifts.sound" not in ids(run(build(vids)), "shifts")  # 400 → 350 per video


# The source mix of a video For You pushed far beyond the account's usual reach.
FOR_YOU_HIT = {"for_you": 0.95, "profile": 0.01, "search": 0.01, "following": 0.003, "other": 0.027}


def test_a_fall_that_is_one_past_hit_not_repeating_says_so() -> None:
    hit = V(
        "7646145851338292079",
        PREV + timedelta(days=3),
        views=200_000,
        caption="Pasta\nfor one — the   trick nobody tells you about",
        sources=FOR_YOU_HIT,
    )
    down = {"for_you": 0.70, "profile": 0.02, "search": 0.011, "following": 0.003, "other": 0.266}
    vids = spread(9, first=PREV + timedelta(days=5)) + [hit] + spread(10, sources=down)
    a = one(run(build(vids)), "shifts.for_you")
    # what the numbers show (one video carried For You before), named as the creator knows it
    assert a.headline.endswith(
        "— 71.1% of the earlier For You views came from one hit, "
        "“Pasta for one — the trick…” (8 Jan)"
    )
    assert a.actions[0].startswith("Study “Pasta for one — the trick…” (8 Jan):")
    assert "7646145851338292079" not in all_text(a)
    assert a.video_ids[0] == "7646145851338292079"  # the id stays for the UI's jump


def test_shift_ratio_needs_a_share_that_matters() -> None:
    tiny = {
        "for_you": 0.854,
        "profile": 0.02,
        "search": 0.011,
        "following": 0.003,
        "hashtag": 0.012,
        "other": 0.1,
    }
    before = {**tiny, "hashtag": 0.006, "other": 0.106}
    vids = spread(10, first=PREV, sources=before) + spread(10, sources=tiny)
    assert ids(run(build(vids)), "shifts") == []  # 0.6 % → 1.2 % is ×2 but not news
    sound = {**tiny, "hashtag": 0.0, "sound": 0.035, "other": 0.089}
    sound_before = {**sound, "sound": 0.02, "other": 0.104}
    vids = spread(10, first=PREV, sources=sound_before) + spread(10, sources=sound)
    a = one(run(build(vids)), "shifts.sound")
    assert "1.8× up" in a.headline


def test_shifts_silent_when_nothing_moved_and_honest_without_a_previous_period() -> None:
    result = run(build(spread(10, first=PREV) + spread(10)))
    assert ids(result, "shifts") == [] and unavailable(result, "shifts") is None
    reason = unavailable(run(build(spread(10))), "shifts")
    assert reason and "28 days before" in reason
    reason = unavailable(run(build(spread(10, first=PREV) + spread(10)), period=None), "shifts")
    assert reason and "all time" in reason


# -- 3. outlier videos ---------------------------------------------------------------------


def test_outliers_name_what_they_have_in_common() -> None:
    base = spread(10, caption="my day in the kitchen", hour=9)
    hits = [
        V(
            f"hit{i}",
            START + timedelta(days=12 + i),
            caption=f"Easy pasta recipe #{i}",
            duration=60.0,
            hour=18,
            sources={
                "for_you": 0.70,
                "profile": 0.02,
                "search": 0.20,
                "following": 0.003,
                "other": 0.077,
            },
        )
        for i in range(3)
    ]
    result = run(build(base + hits))
    a = one(result, "outliers.search")
    assert a.headline.startswith(
        "3 videos drew a median 20.0% of their views from Search, 18× your usual 1.1%"
    )
    text = all_text(a)
    assert "“pasta”" in text and "“recipe”" in text and "“easy”" in text
    assert "median length 1:00 for the outliers vs 30 s for the others" in text
    assert "18:00" in text
    assert "none of the 3 outliers is paid" in text
    assert "(with “easy”, “pasta” and “recipe” in the caption; about 1:00 long)" in text
    assert "Watch “Easy pasta recipe #2” (16 Feb), “Easy pasta recipe #1” (15 Feb) and " in text
    assert set(a.video_ids) == {"hit0", "hit1", "hit2"}
    assert a.confidence == "low"  # three videos are an anecdote, however big the effect


def test_the_same_videos_standing_out_for_two_sources_are_one_finding() -> None:
    story = {"for_you": 0.70, "profile": 0.09, "search": 0.011, "following": 0.08, "other": 0.119}
    hits = [V(f"story{i}", START + timedelta(days=15 + i), sources=story) for i in range(2)]
    result = run(build(spread(10) + hits))
    assert ids(result, "outliers") == ["outliers.following"]  # the larger stake leads
    a = one(result, "outliers.following")
    assert a.headline.startswith(
        "2 videos drew a median 8.0% of their views from Following, 27× your usual 0.3%, and "
        "9.0% from Profile (4.5× your usual 2.0%)"
    )
    assert a.also == ("outliers.profile",)
    labels = [e.label for e in a.evidence]  # each source's share and list, side by side
    assert labels[:4] == [
        "Median Following share",
        "Outlier videos",
        "Median Profile share",
        "Outlier videos",
    ]


def test_outliers_need_a_real_gap_when_the_median_is_zero() -> None:
    dm = {"for_you": 0.856, "profile": 0.02, "search": 0.011, "following": 0.003, "other": 0.11}
    small = [
        V(
            "dm-small",
            START + timedelta(days=20),
            sources={**dm, "direct_message": 0.004, "other": 0.106},
        )
    ]
    assert ids(run(build(spread(10, sources=dm) + small)), "outliers") == []
    big = [
        V(
            "dm-big",
            START + timedelta(days=20),
            sources={**dm, "direct_message": 0.08, "other": 0.03},
        )
    ]
    a = one(run(build(spread(10, sources=dm) + big)), "outliers.direct_message")
    assert a.video_ids == ("dm-big",)
    assert "where your usual share is 0.0%" in a.headline
    # one video: its caption words are not a pattern, and it is not watched "back to back"
    text = all_text(a)
    assert "caption words" not in text and "back to back" not in text
    assert "Watch “a video” (22 Feb) again" in text and "it is not paid" in text
    assert "outliers" not in text


def test_outliers_silent_on_uniform_videos_and_honest_without_sources() -> None:
    result = run(build(spread(10)))
    assert ids(result, "outliers") == [] and unavailable(result, "outliers") is None
    reason = unavailable(run(build(spread(2))), "outliers")
    assert reason and "min_videos" in reason


def test_paid_outliers_are_flagged_but_do_not_set_the_median() -> None:
    srch = {"for_you": 0.60, "profile": 0.02, "search": 0.30, "following": 0.003, "other": 0.077}
    paid = [V(f"ad{i}", START + timedelta(days=15 + i), is_ad=True, sources=srch) for i in range(6)]
    a = one(run(build(spread(5) + paid)), "outliers.search")
    assert "your usual 1.1%" in a.headline  # the six paid videos did not move the median
    assert any("paid" in n for n in a.notes)


# -- 4. spikes ------------------------------------------------------------------------------


def _days(value: int = 10_000, n: int = 120) -> dict[date, int | None]:
    return {END - timedelta(days=i): value for i in range(n)}


def test_spike_names_the_day_the_multiple_and_the_video_behind_it() -> None:
    days = _days()
    spike_day = END - timedelta(days=5)
    days[spike_day] = 45_000
    viral = V(
        "viral",
        spike_day - timedelta(days=1),
        views=300_000,
        caption="",
        sources=FOR_YOU_HIT,
    )
    result = run(build(spread(10) + [viral], daily_views=days))
    a = one(result, f"spikes.{spike_day.isoformat()}")
    assert a.headline == (
        "On 24 Feb views hit 45.0k, 4.5× your usual 10.0k a day, led by the video posted "
        "23 Feb, which drew 95.0% of its views from For You — study it"
    )
    assert a.views_at_stake == 35_000
    assert a.video_ids[0] == "viral"
    assert a.confidence == "high"  # 28 baseline days (2 points), 1.5× past the trigger (1)


def test_spike_below_the_multiple_is_silent() -> None:
    days = _days()
    days[END - timedelta(days=5)] = 29_999
    result = run(build(spread(10), daily_views=days))
    assert ids(result, "spikes") == [] and unavailable(result, "spikes") is None


def test_spike_without_enough_history_or_daily_data_says_so() -> None:
    assert "Overview" in (unavailable(run(build(spread(10), daily_views={})), "spikes") or "")
    short = {END - timedelta(days=i): 10_000 for i in range(10)}
    reason = unavailable(run(build(spread(10), daily_views=short)), "spikes")
    assert reason and "14 days" in reason


def test_spike_baseline_skips_missing_days_instead_of_counting_zeros() -> None:
    days = _days()
    for i in range(6, 40, 2):  # every other day before the spike is missing
        days[END - timedelta(days=i)] = None
    days[END - timedelta(days=5)] = 20_000  # 2× the real level: no spike
    result = run(build(spread(10), daily_views=days))
    assert ids(result, "spikes") == []


def test_spike_led_by_a_paid_video_says_the_reach_may_be_bought() -> None:
    days = _days()
    days[END - timedelta(days=3)] = 80_000
    ad = V("ad", END - timedelta(days=4), views=200_000, is_ad=True)
    a = one(run(build(spread(10) + [ad], daily_views=days)), "spikes.2026-02-26")
    assert any("bought reach" in n for n in a.notes)


# -- 5. engagement ---------------------------------------------------------------------------


def test_engagement_below_own_median_and_tier_names_the_formula() -> None:
    history = spread(10, first=PREV)  # 7 %
    low = spread(10, likes=200, comments=50, shares=50)  # 3 %
    a = one(run(build(history + low)), "engagement.period")
    assert a.headline == (
        "Organic engagement is 3.0% ((likes + comments + shares) ÷ views), below your own "
        "median of 7.0%, and below the 7.5% typical for accounts with under 100k followers — "
        "get people to react"
    )
    assert a.kind == "problem"
    assert any("Influencer Marketing Factory 2025" in e.text for e in a.evidence)


def test_engagement_says_in_line_for_the_benchmark_that_did_not_fire() -> None:
    vids = spread(10, first=PREV, likes=860) + spread(10, likes=850)
    a = one(run(build(vids)), "engagement.period")
    assert a.headline == (
        "Organic engagement is 9.5% ((likes + comments + shares) ÷ views), above the 7.5% "
        "typical for accounts with under 100k followers, and in line with your own median of "
        "9.6% — turn it into reach"
    )


def test_engagement_near_both_benchmarks_is_silent() -> None:
    result = run(build(spread(10, first=PREV) + spread(10)))
    assert ids(result, "engagement") == [] and unavailable(result, "engagement") is None


def test_engagement_uses_the_follower_tier() -> None:
    vids = spread(10, likes=400)  # 5 %
    a = one(run(build(vids, followers=2_000_000)), "engagement.period")
    assert "above the 3.8% typical for accounts with 1M–5M followers" in a.headline
    assert a.kind == "strength"
    assert ids(run(build(vids, followers=7_000_000)), "engagement") == []  # 5 % vs 4.22 %


def test_engagement_without_benchmarks_or_videos_says_so() -> None:
    reason = unavailable(run(build(spread(10), followers=None)), "engagement")
    assert reason and "no follower count" in reason
    reason = unavailable(run(build(spread(2))), "engagement")
    assert reason and "min_videos" in reason


def test_engagement_leaves_out_videos_with_missing_counts() -> None:
    vids = spread(10, likes=200, comments=50, shares=50)
    vids += [V("nolikes", START + timedelta(days=20), likes=None, comments=0, shares=0)]
    a = one(run(build(vids)), "engagement.period")
    assert "3.0%" in a.headline  # not diluted by a video whose likes are unknown
    assert "10 videos posted" in a.evidence[0].text


# -- 6. retention ------------------------------------------------------------------------------


def test_retention_problem_is_flagged_as_a_rule_of_thumb_and_capped_at_medium() -> None:
    a = one(run(build(spread(20, completion=0.10))), "retention.period")
    assert a.headline.startswith("Only 10.0% of views watch to the end")
    assert "rule of thumb" in a.headline and "low authority" in a.rule.benchmark
    assert a.confidence == "medium" and "capped" in a.confidence_reason


def test_retention_excellent_and_middle_band() -> None:
    a = one(run(build(spread(10, completion=0.80))), "retention.period")
    assert a.kind == "strength" and "80.0%" in a.headline
    assert ids(run(build(spread(10, completion=0.55))), "retention") == []


def test_retention_names_weak_videos_when_the_period_is_in_the_middle() -> None:
    vids = spread(8, completion=0.62, duration=20.0)
    vids += [
        V(f"long{i}", START + timedelta(days=20 + i), completion=0.25, duration=120.0)
        for i in range(3)
    ]
    a = one(run(build(vids)), "retention.videos")
    assert a.headline.startswith("3 of your 11 videos lose most viewers before the end")
    assert "longer ones (2:00 vs 20 s)" in a.headline
    assert set(a.video_ids) == {"long0", "long1", "long2"}


def test_retention_without_completion_data_says_so() -> None:
    reason = unavailable(run(build(spread(10))), "retention")
    assert reason and "full-watch rate" in reason


# -- 7. profile to follower ---------------------------------------------------------------------


def _conversion_days(before: int, now: int) -> dict[date, dict]:
    extra = {}
    for i in range(56):
        d = END - timedelta(days=i)
        extra[d] = {"profile_views": 100, "followers_new": now if i < 28 else before}
    return extra


def test_conversion_drop_names_both_rates() -> None:
    tables = build(spread(10), daily_extra=_conversion_days(before=10, now=5))
    a = one(run(tables), "conversion.trend")
    assert a.headline.startswith(
        "Fewer profile visitors follow you: new followers ÷ profile views is 5.0%, down from 10.0%"
    )
    assert a.kind == "problem"
    assert a.confidence == "high"  # 28 days each, a halving is 2.5× the 20 % trigger


def test_conversion_small_change_is_silent_and_missing_days_are_skipped() -> None:
    extra = _conversion_days(before=10, now=11)
    assert ids(run(build(spread(10), daily_extra=extra)), "conversion") == []
    for i in range(0, 28, 2):  # half the days lack new followers: skipped, not zeros
        extra[END - timedelta(days=i)]["followers_new"] = None
    assert ids(run(build(spread(10), daily_extra=extra)), "conversion") == []


def test_conversion_falls_back_to_videos_and_needs_a_previous_period() -> None:
    vids = spread(5, first=PREV, new_followers=10, profile_views=100)
    vids += spread(5, new_followers=20, profile_views=100)
    a = one(run(build(vids)), "conversion.trend")
    assert "up from 10.0%" in a.headline and "videos" in a.confidence_reason
    reason = unavailable(run(build(spread(5, new_followers=20, profile_views=100))), "conversion")
    assert reason and "the one before" in reason  # names the window it lacks


# -- 8. when to post ---------------------------------------------------------------------------


PEAK = {19: 900, 20: 1000, 21: 800}


def _interleaved(peak_views: int, off_views: int, peak_hour: int = 19) -> list[V]:
    """Peak and off-peak videos posted on alternate days: the same ages, so views per day
    of age compare as the totals do (within a day of age)."""
    return spread(6, step=2, hour=peak_hour, views=peak_views) + spread(
        6, first=START + timedelta(days=1), step=2, hour=8, views=off_views
    )


def _ratio(a: Advice) -> float:
    return next(float(e.value) for e in a.evidence if e.label == "Views at vs off peak")


def test_timing_posts_near_the_peak_do_better() -> None:
    a = one(run(build(_interleaved(20_000, 10_000), activity=PEAK)), "timing.peak")
    assert _ratio(a) == pytest.approx(2.0, rel=0.1) and a.data == "posting_times"
    assert "19:00–22:00" in a.headline and "18:00–20:00" in a.headline


def test_timing_off_peak_posts_doing_better_is_said_plainly() -> None:
    a = one(run(build(_interleaved(10_000, 20_000, 20), activity=PEAK)), "timing.offpeak")
    assert 1 / _ratio(a) == pytest.approx(2.0, rel=0.1) and "19:00–22:00 UTC" in a.headline
    assert any("08:00" in e.text for e in a.evidence)  # when the best ones went out: evidence


def test_timing_compares_views_per_day_of_age_not_lifetime_totals() -> None:
    # peak videos are twice as old with twice the views: the same views per day of age
    vids = spread(6, hour=19, views=20_000) + spread(
        6, first=START + timedelta(days=14), hour=8, views=10_000
    )
    result = run(build(vids, activity=PEAK))
    assert ids(result, "timing") == []  # 26 days vs 13: 20k and 10k are the same pace


def test_timing_from_follower_activity_alone_names_the_peak_with_its_caveat() -> None:
    a = one(run(build([], activity=PEAK)), "timing.followers")
    assert a.data == "follower_activity" and a.confidence == "low"
    assert a.evidence[0].value == 20 and a.notes  # followers, not viewers


def test_timing_stays_silent_on_flat_follower_activity() -> None:
    result = run(build([], activity={h: 100 + h % 3 for h in range(24)}))
    assert ids(result, "timing") == [] and unavailable(result, "timing") is None


def test_timing_untested_peak_is_a_low_confidence_suggestion() -> None:
    a = one(run(build(spread(10, hour=12), activity=PEAK)), "timing.untested")
    assert a.confidence == "low" and "You did not post near" in a.headline


def test_timing_silent_when_already_posting_at_peak_and_honest_without_activity() -> None:
    result = run(build(spread(10, hour=20), activity=PEAK))
    assert ids(result, "timing") == [] and unavailable(result, "timing") is None
    reason = unavailable(run(build(spread(10, hour=20))), "timing")
    assert reason and "follower activity" in reason


def test_timing_ignores_the_unfinished_hours_of_the_newest_day() -> None:
    from tiktui.advisor.context import Context
    from tiktui.advisor.hours import activity_by_hour

    tables = build(spread(3), activity={h: 100 for h in range(24)} | {22: 150})
    act = tables["follower_activity"]
    import polars as pl

    newest = act["date"].max()
    tables["follower_activity"] = act.with_columns(
        pl.when((pl.col("date") == newest) & (pl.col("hour") > 15))
        .then(0)
        .otherwise(pl.col("active_followers"))
        .alias("active_followers")
    )
    from tiktui.data.queries import period_for

    ctx = Context(tables, ACCOUNT, period_for(tables, ACCOUNT, 28, TODAY), TODAY, AdvisorConfig())
    by_hour, _days = activity_by_hour(ctx.tables, ACCOUNT, ctx.period, TODAY, ctx.zone)
    assert by_hour[22] == 150  # the newest day's 0 is a future hour, not a quiet one


# -- 9. organic vs paid ---------------------------------------------------------------------------


def test_paid_compares_views_engagement_and_followers() -> None:
    org = spread(10, new_followers=10)
    ads = [
        V(
            f"ad{i}",
            START + timedelta(days=20 + i),
            is_ad=True,
            views=50_000,
            likes=1000,
            comments=100,
            shares=100,
            new_followers=10,
        )
        for i in range(3)
    ]
    a = one(run(build(org + ads)), "paid.compare")
    assert a.headline == (
        "Paid videos got 5.0× the views of organic ones (median 50.0k vs 10.0k) but 4.6 pts lower "
        "engagement (2.4% vs 7.0%) — promotion bought views, not fans"
    )
    text = all_text(a)
    assert "0.2 paid, 1.0 organic" in text and "organic-only" in text
    assert a.views_at_stake == 3 * 40_000
    assert a.confidence == "low"  # three paid videos


def test_paid_silent_without_paid_videos_and_honest_without_the_flag() -> None:
    result = run(build(spread(10)))
    assert ids(result, "paid") == [] and unavailable(result, "paid") is None
    reason = unavailable(run(build(spread(10, is_ad=None))), "paid")
    assert reason and "promoted" in reason


# -- 10. search terms ---------------------------------------------------------------------


def test_search_terms_make_the_keyword_list() -> None:
    vids = spread(
        4,
        sources=SEARCHY,
        caption="easy pasta tonight",
        terms={"easy pasta": 0.6, "pasta recipe": 0.3, "chef": 0.1},
    )
    a = one(run(build(vids)), "search_terms.keywords")
    assert a.headline == (
        "People find you by searching “easy pasta”, “pasta recipe” and “chef” — 1 of them is "
        "not in your captions yet"
    )
    text = all_text(a)
    assert "“easy pasta” ≈ 2.4k views, 4 videos" in text
    assert "people search for you by name (“chef”)" in text
    assert "not yet in any caption of the period: “pasta recipe”" in text


def test_search_terms_without_source_data_count_videos_not_views() -> None:
    vids = spread(3, sources=None, terms={"pasta": 1.0})
    a = one(run(build(vids)), "search_terms.keywords")
    assert "views unknown, 3 videos" in all_text(a)
    assert a.views_at_stake == 0


def test_search_terms_missing_says_where_they_come_from() -> None:
    reason = unavailable(run(build(spread(5))), "search_terms")
    assert reason and "HAR" in reason
    old = spread(3, first=PREV, terms={"pasta": 1.0})
    reason = unavailable(run(build(old + spread(5))), "search_terms")
    assert reason and "none of the 5 organic videos" in reason


# -- the engine ------------------------------------------------------------------------------------


def test_ranked_by_expected_views_and_top_advice() -> None:
    from tiktui.advisor import top_advice

    days = _days()
    days[END - timedelta(days=5)] = 60_000
    tables = build(spread(20, sources=SEARCHY, completion=0.2), daily_views=days)
    result = run(tables)
    expected = [a.expected_views for a in result.advice]
    assert expected == sorted(expected, reverse=True)
    assert top_advice(tables, ACCOUNT, 28, TODAY) == result.advice[0]


def test_period_can_be_given_in_every_form() -> None:
    from tiktui.data.queries import period_for

    tables = build(spread(20, sources=SEARCHY))
    p = period_for(tables, ACCOUNT, 28, TODAY)
    heads = {tuple(a.id for a in advise(tables, ACCOUNT, arg, TODAY)) for arg in (28, "28d", p)}
    assert len(heads) == 1
    assert advise(tables, ACCOUNT, None, TODAY).period_days is None


def test_a_failing_rule_is_reported_once_and_does_not_hide_the_others(monkeypatch) -> None:
    from tiktui.advisor.rules import spikes

    def boom(ctx):
        raise ValueError("bad day")

    monkeypatch.delenv("TIKTUI_DEBUG", raising=False)
    monkeypatch.setattr(spikes, "evaluate", boom)
    result = run(build(spread(20, sources=SEARCHY)))
    assert "could not be evaluated (ValueError: bad day)" in (unavailable(result, "spikes") or "")
    assert "mix.high.search" in ids(result, "mix")


def test_an_empty_account_says_each_rule_lacks_data_once() -> None:
    result = run(build([], daily_views={}))
    assert result.advice == []
    rules = [u.rule for u in result.unavailable]
    assert len(rules) == len(set(rules)) == len(RULE_KEYS)


@pytest.mark.parametrize(
    ("n", "effect", "level"),
    [
        (1, 10.0, "low"),
        (4, 5.0, "low"),
        (5, 1.0, "low"),
        (5, 1.5, "medium"),
        (5, 3.0, "high"),
        (20, 1.0, "medium"),
        (20, 1.5, "high"),
        (19, 2.9, "medium"),
    ],
)
def test_confidence_from_sample_and_effect(n: int, effect: float, level: str) -> None:
    from tiktui.advisor.confidence import confidence

    got, reason = confidence(n, effect, AdvisorConfig())
    assert got == level
    assert f"{n} video" in reason


def test_confidence_for_days_and_caps() -> None:
    from tiktui.advisor.confidence import confidence

    assert confidence(28, 1.0, AdvisorConfig(), unit="days")[0] == "medium"
    assert confidence(13, 9.0, AdvisorConfig(), unit="days")[0] == "low"
    level, reason = confidence(40, 9.0, AdvisorConfig(), cap="medium")
    assert level == "medium" and "rule of thumb" in reason
    cfg = replace(AdvisorConfig(), videos_for_medium=2, videos_for_high=3)
    assert confidence(3, 1.0, cfg)[0] == "medium"


# -- robustness: any mix of missing values, never a crash, never a made-up number ----------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_maybe_int = st.one_of(st.none(), st.integers(min_value=0, max_value=2_000_000))
_maybe_share = st.one_of(st.none(), st.floats(min_value=0, max_value=1))


@st.composite
def _videos(draw) -> list[V]:
    out = []
    for i in range(draw(st.integers(min_value=0, max_value=12))):
        fy = draw(st.floats(min_value=0, max_value=1))
        srch = draw(st.floats(min_value=0, max_value=1 - fy))
        sources = draw(
            st.one_of(st.none(), st.just({"for_you": fy, "search": srch, "other": 1 - fy - srch}))
        )
        out.append(
            V(
                f"p{i}",
                START - timedelta(days=draw(st.integers(min_value=-27, max_value=60))),
                views=draw(_maybe_int),
                likes=draw(_maybe_int),
                comments=draw(_maybe_int),
                shares=draw(_maybe_int),
                hour=draw(st.one_of(st.none(), st.integers(0, 23))),
                duration=draw(st.one_of(st.none(), st.floats(min_value=1, max_value=600))),
                completion=draw(_maybe_share),
                is_ad=draw(st.one_of(st.none(), st.booleans())),
                caption=draw(st.text(alphabet="ab #é🍜", max_size=30)),
                sources=sources,
                new_followers=draw(_maybe_int),
                profile_views=draw(_maybe_int),
                terms=draw(st.one_of(st.none(), st.just({"pasta": 1.0}))),
            )
        )
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    vids=_videos(),
    daily=st.lists(st.one_of(st.none(), st.integers(0, 10**6)), min_size=0, max_size=90),
    activity=st.one_of(st.none(), st.dictionaries(st.integers(0, 23), st.integers(0, 500))),
)
def test_no_rule_crashes_or_invents_numbers(vids, daily, activity) -> None:
    import math
    import os
    import re

    days = {END - timedelta(days=i): v for i, v in enumerate(daily)}
    tables = build(vids, daily_views=days, activity=activity or None)
    os.environ["TIKTUI_DEBUG"] = "1"  # a rule error must fail the test, not hide as "unavailable"
    try:
        result = advise(tables, ACCOUNT, 28, TODAY)
    finally:
        del os.environ["TIKTUI_DEBUG"]
    for a in result.advice:
        assert a.views_at_stake >= 0
        assert not re.search(r"\b(nan|inf|None)\b", a.headline, re.IGNORECASE), a.headline
        for e in a.evidence:
            if isinstance(e.value, float):
                assert math.isfinite(e.value), (a.id, e)
    assert len({u.rule for u in result.unavailable}) == len(result.unavailable)
