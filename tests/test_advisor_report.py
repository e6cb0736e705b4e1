"""``tiktui report``: Markdown for people, JSON with a stable shape for scripts."""

from __future__ import annotations

import io
import json
from argparse import Namespace
from datetime import timedelta

import polars as pl

from tests.test_advisor_fixtures import ACCOUNT, END, START, TODAY, V, build, spread
from tiktui.advisor.report import SCHEMA, build_report, render_report

PREV = START - timedelta(days=28)
SEARCHY = {"for_you": 0.771, "profile": 0.02, "search": 0.10, "following": 0.003, "other": 0.106}


def tables():
    vids = spread(10, first=PREV) + spread(
        12,
        sources=SEARCHY,
        completion=0.3,
        terms={"[best] ramen": 0.5, "ramen *recipe*": 0.5},
        caption="ramen | night",
    )
    vids.append(V("ad1", START + timedelta(days=20), is_ad=True, views=90_000))
    extra = {
        END - timedelta(days=i): {"likes": 500, "comments": 40, "shares": 20, "profile_views": 300}
        for i in range(60)
    }
    t = build(vids, daily_extra=extra)
    t["videos"] = t["videos"].with_columns(
        (pl.lit("https://www.tiktok.com/@chef/video/") + pl.col("video_id")).alias("url")
    )
    return t


class FakeStore:
    def __init__(self, t):
        self._t = t

    def tables(self):
        return self._t


def args(**kw) -> Namespace:
    base = {
        "period": "28d",
        "format": "md",
        "account": None,
        "config": None,
        "data_dir": None,
        "today": TODAY,
    }
    return Namespace(**{**base, **kw})


def render(t, **kw) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = render_report(FakeStore(t), args(**kw), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_json_has_the_documented_shape() -> None:
    code, out, err = render(tables(), format="json")
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert list(doc) == [
        "schema",
        "generated_on",
        "account",
        "timezone",
        "period",
        "previous_period",
        "kpis",
        "source_mix",
        "source_mix_origin",
        "search_terms",
        "search_terms_origin",
        "advice",
        "unavailable",
        "data_notes",
    ]
    assert doc["timezone"] == "UTC"  # the suite runs in TZ=UTC; hours in advice are on it
    assert doc["schema"] == SCHEMA == "tiktui.report/1"
    assert doc["generated_on"] == "2026-03-02" and doc["account"] == ACCOUNT
    assert doc["period"] == {"start": "2026-02-02", "end": "2026-03-01", "days": 28}
    assert doc["previous_period"] == {"start": "2026-01-05", "end": "2026-02-01", "days": 28}

    kpis = {k["name"]: k for k in doc["kpis"]}
    views = kpis["video_views"]
    assert views == {
        "name": "video_views",
        "label": "Video views",
        "unit": "count",
        "value": 280_000,
        "previous": 280_000,
        "change": 0.0,
        "change_abs": 0,
    }
    assert kpis["engagement_rate"]["unit"] == "rate"
    assert isinstance(kpis["engagement_rate"]["value"], float)

    mix = {r["source"]: r for r in doc["source_mix"]}
    assert set(mix["search"]) == {"source", "label", "share", "organic_share", "views", "n_videos"}
    assert mix["search"]["organic_share"] == 0.1 and mix["search"]["share"] < 0.1  # paid dilutes
    assert mix["search"]["n_videos"] == 13
    assert doc["source_mix_origin"] == {
        "label": "estimated",
        "kind": "estimated",
        "windows": [],
        "n_videos": 13,
        "fallback": None,
    }
    terms = {t["term"]: t for t in doc["search_terms"]}
    assert set(terms) == {"[best] ramen", "ramen *recipe*"}
    assert set(terms["[best] ramen"]) == {"term", "share", "views", "videos"}
    assert terms["[best] ramen"]["share"] == 0.5 and terms["[best] ramen"]["videos"] == 12
    assert doc["search_terms_origin"]["label"] == "estimated"

    assert doc["advice"], "the fixture fires several rules"
    first = doc["advice"][0]
    assert set(first) >= {
        "id",
        "rule",
        "rule_title",
        "kind",
        "source",
        "headline",
        "evidence",
        "actions",
        "confidence",
        "confidence_reason",
        "videos",
        "sample_videos",
        "period",
        "threshold",
        "benchmark",
        "views_at_stake",
        "expected_views",
        "notes",
        "also",
    }
    assert first["period"] == {"start": "2026-02-02", "end": "2026-03-01"}
    assert all(isinstance(a["views_at_stake"], int) for a in doc["advice"])
    for a in doc["advice"]:
        for e in a["evidence"]:
            assert set(e) == {"label", "value", "unit", "text"}
            if e["unit"] in ("share", "rate", "views", "count", "ratio", "points", "seconds"):
                assert e["value"] is None or isinstance(e["value"], int | float), e
    expected = [a["expected_views"] for a in doc["advice"]]
    assert expected == sorted(expected, reverse=True)
    assert {u["rule"] for u in doc["unavailable"]} >= {"timing"}
    assert all(set(u) == {"rule", "rule_title", "reason"} for u in doc["unavailable"])


def test_markdown_reads_as_a_report_and_escapes_user_words() -> None:
    code, md, _ = render(tables())
    assert code == 0
    assert md.startswith("# @chef — tiktui report\n")
    assert (
        "**28 days**: 2 Feb to 1 Mar 2026 (compared with 5 Jan to 1 Feb) · made on 2 Mar 2026"
    ) in md
    for heading in (
        "## Key numbers",
        "## Where views come from",
        "## Advice",
        "## Not enough data",
        "## About the data",
    ):
        assert heading in md
    assert "| Video views | 280,000 | 280,000 | ±0.0% |" in md
    assert "Engagement rate ((likes + comments + shares) ÷ views, account-wide)" in md
    assert "| source | share | organic only | ≈ views |" in md  # a paid video is in the mix
    assert "### 1. " in md and "**Confidence: " in md and "What to do:" in md
    assert "“\\[best\\] ramen”" in md and "\\*recipe\\*" in md
    # videos are linked under the name the creator knows: caption quote and posting day
    assert "[“ramen \\| night” (13 Feb)](https://www.tiktok.com/@chef/video/v2026-02-02-11)" in md
    assert "Benchmark: quso.ai" in md


def test_all_time_has_no_previous_period() -> None:
    code, out, _ = render(tables(), format="json", period="all")
    doc = json.loads(out)
    assert code == 0 and doc["period"]["days"] is None and doc["previous_period"] is None
    assert any(u["rule"] == "shifts" for u in doc["unavailable"])


def test_accounts_are_chosen_clearly() -> None:
    t = tables()
    code, out, _ = render(t, account="@CHEF", format="json")
    assert code == 0 and json.loads(out)["account"] == ACCOUNT
    code, out, err = render(t, account="nobody")
    assert code == 2 and out == "" and "no account @nobody" in err and "@chef" in err
    two = dict(t)
    two["accounts"] = pl.concat(
        [t["accounts"], t["accounts"].with_columns(pl.lit("other").alias("account"))]
    )
    code, _, err = render(two)
    assert code == 2 and "several accounts" in err and "--account" in err
    empty = build([], daily_views={})
    empty["accounts"] = empty["accounts"].clear()
    code, _, err = render(empty)
    assert code == 1 and "the store is empty" in err


def test_report_python_api_takes_today() -> None:
    rep = build_report(tables(), ACCOUNT, 7, TODAY)
    assert rep.period.days == 7 and rep.to_json()["period"]["start"] == "2026-02-23"
    assert rep.to_markdown().startswith("# @chef")


EVIL = "[bold red]NEW[/] *x* | y"


def test_video_refs_from_captions_stay_plain_data_and_are_escaped_in_markdown() -> None:
    vids = spread(10, first=PREV) + spread(12, sources=SEARCHY, caption=EVIL + "\n#ok")
    t = build(vids)
    code, md, _ = render(t)
    assert code == 0
    advice = md[md.index("## Advice") :]
    assert "“\\[bold red\\]NEW\\[/\\] \\*x\\* \\| y \\#ok” (13 Feb)" in advice
    assert "[bold red]" not in advice and "*x*" not in advice  # never live markup
    assert "Study the videos that drew most from Search: “\\[bold red\\]" in advice
    # in JSON the same text is plain (unescaped) and the ids stay machine data
    code, out, _ = render(t, format="json")
    doc = json.loads(out)
    mix = next(a for a in doc["advice"] if a["id"] == "mix.high.search")
    assert f"“{EVIL} #ok” (13 Feb)" in mix["actions"][-1]
    assert mix["videos"][0] == "v2026-02-02-11"
    assert doc["period"] == {"start": "2026-02-02", "end": "2026-03-01", "days": 28}


def test_markdown_neutralises_control_characters() -> None:
    from tiktui.advisor.report import _esc

    # made visible as on screen (formatting.safe), never passed to the terminal
    assert _esc("a\x1b[2Jb\nc\u202ed") == "a␛\\[2Jb⏎c�d"


def _captured(t, start, end, mix: dict[str, float], table: str = "account_sources"):
    from datetime import UTC, datetime

    from tiktui.data.schema import TABLES

    col = "source" if table == "account_sources" else "term"
    extra = {"raw_label": list(mix)} if table == "account_sources" else {}
    rows = TABLES[table].conform(
        pl.DataFrame(
            {
                "account": [ACCOUNT] * len(mix),
                "window_start": [start] * len(mix),
                "window_end": [end] * len(mix),
                col: list(mix),
                "share": list(mix.values()),
                "captured_at": [datetime(2026, 3, 2, 9, tzinfo=UTC)] * len(mix),
                **extra,
            }
        )
    )
    return {**t, table: rows}


def test_a_captured_mix_is_tiktoks_figure_in_json_and_markdown() -> None:
    from tiktui.data.account_mix import account_mix
    from tiktui.data.queries import Period

    t = _captured(tables(), START, END, {"for_you": 0.6, "search": 0.3, "profile": 0.1})
    t = _captured(t, START, END, {"acme": 0.7, "ramen": 0.3}, table="account_search_terms")
    code, out, _ = render(t, format="json")
    doc = json.loads(out)
    assert code == 0 and doc["source_mix_origin"]["label"] == "TikTok's figure"
    assert doc["source_mix_origin"]["kind"] == "captured"
    assert doc["source_mix_origin"]["windows"][0]["start"] == START.isoformat()
    mix = {r["source"]: r for r in doc["source_mix"]}
    assert mix["search"]["share"] == 0.3 and mix["following"]["share"] == 0.0
    assert mix["search"]["organic_share"] is None and mix["search"]["n_videos"] is None
    assert mix["search"]["views"] == 0.3 * 280_000
    # the same numbers the Overview shows: one query behind both
    figure = account_mix(t, ACCOUNT, Period(START, END, 28))
    assert {r["source"]: r["share"] for r in doc["source_mix"]} == figure.shares()
    assert [x["term"] for x in doc["search_terms"]] == ["acme", "ramen"]
    assert doc["search_terms_origin"]["label"] == "TikTok's figure"

    _, md, _ = render(t)
    mix_section = md.split("## Where views come from")[1].split("## ")[0]
    assert "TikTok's figure" in mix_section and "stimated" not in mix_section
    assert "| Search | 30.0% | 84.0k |" in mix_section
    terms_section = md.split("## What people search to find you")[1].split("## ")[0]
    assert "TikTok's figure" in terms_section and "| acme | 70.0% |" in terms_section


def test_the_estimated_mix_says_so_in_markdown() -> None:
    _, md, _ = render(tables())
    mix_section = md.split("## Where views come from")[1].split("## ")[0]
    assert "Estimated" in mix_section and "TikTok's figure" not in mix_section
