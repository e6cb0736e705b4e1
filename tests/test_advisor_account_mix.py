"""The mix rule reads the same figure as the report and the Overview: TikTok's where captured."""

from __future__ import annotations

from datetime import timedelta

import polars as pl
import pytest

from tests.test_advisor_fixtures import ACCOUNT, END, START, TODAY, V, build, captured, spread
from tiktui.advisor import advise
from tiktui.data.account_mix import account_mix
from tiktui.data.queries import Period

SEARCHY = {"for_you": 0.771, "profile": 0.02, "search": 0.10, "following": 0.003, "other": 0.106}
TIKTOK = {"for_you": 0.6, "search": 0.3, "profile": 0.1}


def _mix_advice(result, source: str = "search"):
    return next(a for a in result.advice if a.id == f"mix.high.{source}")


def test_the_mix_rule_uses_tiktoks_figure_wherecaptured() -> None:
    plain = build(spread(20, sources=SEARCHY))
    tables = captured(plain, TIKTOK)
    a = _mix_advice(advise(tables, ACCOUNT, 28, TODAY))
    figure = account_mix(tables, ACCOUNT, Period(START, END, 28))
    assert a.evidence[0].value == (figure.shares() or {})["search"] == 0.3
    period_views = float(
        tables["account_daily"].filter(pl.col("date").is_between(START, END))["video_views"].sum()
    )
    assert a.views_at_stake == round((0.3 - 0.011) * period_views)
    assert a.confidence_reason.startswith("28 days")  # the sample is the days TikTok counted
    assert a.data == "account_sources"
    # without the capture: the estimate over the videos, as before
    b = _mix_advice(advise(plain, ACCOUNT, 28, TODAY))
    assert b.evidence[0].value == pytest.approx(0.10) and b.data == "video_sources"


def test_a_shift_on_the_estimate_is_not_folded_into_tiktoks_figure() -> None:
    before = spread(10, first=START - timedelta(days=28))  # little search the period before
    vids = before + spread(12, sources=SEARCHY)
    estimated = advise(build(vids), ACCOUNT, 28, TODAY)
    folded = _mix_advice(estimated)
    assert folded.also == ("shifts.search",)  # one finding on the same numbers

    on_tiktok = advise(captured(build(vids), TIKTOK), ACCOUNT, 28, TODAY)
    a = _mix_advice(on_tiktok)
    assert a.also == () and a.evidence[0].value == 0.3
    shift = [x for x in on_tiktok.advice if x.rule.key == "shifts" and x.source == "search"]
    assert all(s.evidence[0].value != 0.3 for s in shift)


def test_paid_videos_are_noted_under_tiktoks_figure() -> None:
    vids = [*spread(20, sources=SEARCHY), V("ad1", START + timedelta(days=3), is_ad=True)]
    a = _mix_advice(advise(captured(build(vids), TIKTOK), ACCOUNT, 28, TODAY))
    assert any("1 promoted" in n for n in a.notes)
