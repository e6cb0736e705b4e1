"""When to post: the finding carries both windows (the followers' peak, and when to post
before it) with their relation, and weekdays are the account's, not UTC's."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_advisor_fixtures import ACCOUNT, END, TODAY, build, frame
from tiktui.advisor import advise
from tiktui.advisor.config import AdvisorConfig
from tiktui.advisor.context import Context
from tiktui.advisor.hours import by_weekday
from tiktui.advisor.rules import timing
from tiktui.data.queries import period_for

PEAK = {19: 900, 20: 1000, 21: 800}


def _ctx(tables, zone: str = "UTC", config: AdvisorConfig | None = None) -> Context:
    c = replace(config or AdvisorConfig(), timezone=zone)
    return Context(tables, ACCOUNT, period_for(tables, ACCOUNT, 28, TODAY), TODAY, c)


def test_the_posting_window_leads_the_busiest_hour_inside_the_peak() -> None:
    found = timing.measure(_ctx(build([], activity=PEAK)))
    assert found is not None
    assert found.peak == [19, 20, 21]  # when followers are most active
    assert found.post == (18, 20) and found.lead == 2  # when to post: the 2 hours up to 20:00
    assert found.hours.busiest == 20 and found.hours.busiest in found.peak


def test_the_advice_states_when_to_post_as_evidence_with_its_hour() -> None:
    utc = replace(AdvisorConfig(), timezone="UTC")
    result = advise(build([], activity=PEAK), ACCOUNT, 28, TODAY, utc)
    a = next(x for x in result.advice if x.rule.key == "timing")
    post = next(e for e in a.evidence if e.label == "When to post")
    assert post.value == 18 and post.unit == "hour"
    # the headline names the window with the busiest hour it leads to, never alone
    assert "18:00–20:00 UTC" in a.headline and "20:00 UTC" in a.headline.split("18:00")[0]


@settings(max_examples=30, deadline=None)
@given(busiest=st.integers(0, 23), tolerance=st.integers(0, 3))
def test_the_window_always_ends_at_the_busiest_hour(busiest: int, tolerance: int) -> None:
    activity = {busiest: 1000, (busiest + 1) % 24: 700, (busiest - 1) % 24: 600}
    config = replace(AdvisorConfig(), post_hour_tolerance=tolerance)
    found = timing.measure(_ctx(build([], activity=activity), config=config))
    assert found is not None
    assert found.post[1] == busiest and found.lead == min(tolerance, 2)
    assert (found.post[0] + found.lead) % 24 == busiest


def _week(busy_utc_day: date, zone_hours: range) -> pl.DataFrame:
    """A week of activity: 100 an hour, 1,000 in ``zone_hours`` (UTC) of one UTC day."""
    rows = []
    for i in range(7):
        d = END - timedelta(days=i)
        for h in range(24):
            n = 1000 if d == busy_utc_day and h in zone_hours else 100
            rows.append({"account": ACCOUNT, "date": d, "hour": h, "active_followers": n})
    return frame("follower_activity", rows)


def test_weekdays_are_the_accounts_not_utcs() -> None:
    busy = END - timedelta(days=3)  # its UTC evening is the next morning in Kiribati (UTC+14)
    tables = {**build([]), "follower_activity": _week(busy, range(12, 24))}
    utc = by_weekday(tables, ACCOUNT, _ctx(tables).period, TODAY, _ctx(tables).zone)
    assert max(utc, key=utc.get) == busy.weekday()
    ctx = _ctx(tables, "Pacific/Kiritimati")
    local = by_weekday(tables, ACCOUNT, ctx.period, TODAY, ctx.zone)
    assert max(local, key=local.get) == (busy.weekday() + 1) % 7
    # seven UTC days span eight local days: the edges complete one weekday, none is lost
    assert len(local) == 7
    found = timing.measure(ctx)
    assert found is not None
    assert max(found.weekdays, key=found.weekdays.get) == (busy.weekday() + 1) % 7


def test_a_flat_week_gives_the_same_total_to_every_local_weekday() -> None:
    tables = {**build([]), "follower_activity": _week(END, range(0))}
    for zone in ("UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kathmandu"):
        ctx = _ctx(tables, zone)
        days = by_weekday(tables, ACCOUNT, ctx.period, TODAY, ctx.zone)
        assert len(days) == 7 and all(abs(v - 2400) < 1e-6 for v in days.values()), zone
