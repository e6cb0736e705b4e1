"""The advisor on the demo account: every rule has something to say, and says it well.

The demo (tiktui.data.demo) is built to trigger every rule; this checks the
advisor actually does, through the same store and CLI a user runs.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from tiktui.advisor import advise
from tiktui.advisor.rules import RULE_KEYS
from tiktui.cli import main
from tiktui.data.demo import HANDLE, STUDIO_HANDLE, build_demo_store
from tiktui.data.queries import video_table

TODAY = date(2026, 7, 14)
PERIODS = (28, 90, None)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("advisor-demo")
    store = build_demo_store(root, today=TODAY)
    return store


@pytest.fixture(scope="module")
def results(demo):
    tables = demo.tables()
    return {p: advise(tables, HANDLE, p, TODAY) for p in PERIODS}


@pytest.fixture(scope="module")
def studio_results(demo):
    """The demo's second account: Studio downloads only."""
    tables = demo.tables()
    return {p: advise(tables, STUDIO_HANDLE, p, TODAY) for p in PERIODS}


def test_every_rule_produces_advice_on_the_demo(results, studio_results) -> None:
    both = [*results.values(), *studio_results.values()]
    fired = {a.rule.key for r in both for a in r.advice}
    fired |= {also.split(".")[0] for r in both for a in r.advice for also in a.also}
    assert fired == set(RULE_KEYS), f"silent rules: {set(RULE_KEYS) - fired}"
    # and the 28-day view, the default, holds the headline findings of the demo
    ids28 = {a.id for a in results[28].advice}
    assert "mix.high.search" in ids28 and "search_terms.keywords" in ids28


def test_the_studio_only_demo_account_gets_specific_advice(studio_results) -> None:
    for p in (90, None):
        rules = {a.rule.key for a in studio_results[p].advice}
        assert len(rules) >= 4 and "timing" in rules, (p, rules)


def test_no_rule_breaks_on_real_imported_data(results, studio_results) -> None:
    for r in [*results.values(), *studio_results.values()]:
        assert not [u for u in r.unavailable if "could not be evaluated" in u.reason]


def test_demo_advice_is_specific_and_well_formed(demo, results) -> None:
    known = set(video_table(demo.tables(), HANDLE)["video_id"].to_list())
    for r in results.values():
        expected = [a.expected_views for a in r.advice]
        assert expected == sorted(expected, reverse=True)
        for a in r.advice:
            assert re.search(r"\d", a.headline), a.headline
            assert a.evidence and 2 <= len(a.actions) <= 4, a.id
            assert a.confidence in ("high", "medium", "low")
            assert a.rule.threshold and a.rule.benchmark
            assert set(a.video_ids) <= known, a.id
            assert a.views_at_stake >= 0
            assert "None" not in a.headline and "nan" not in a.headline.lower()


def test_report_on_the_demo_store_from_the_command_line(demo, capsys) -> None:
    store_dir = str(Path(demo.root))
    code = main(
        [
            "report",
            "--data-dir",
            store_dir,
            "--account",
            HANDLE,
            "--format",
            "json",
            "--period",
            "90d",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    doc = json.loads(out)
    assert doc["schema"] == "tiktui.report/1" and doc["account"] == HANDLE
    assert doc["period"]["days"] == 90 and doc["advice"]
    code = main(["report", "--data-dir", store_dir, "--account", HANDLE])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.startswith(f"# @{HANDLE} — tiktui report")
    assert "## Advice" in out and "### 1. " in out


BARE_ID = re.compile(r"(?<!\d)\d{19}(?!\d)")


def test_demo_advice_names_videos_by_caption_never_by_id(demo, results) -> None:
    """Creators do not know their video ids: human text names a video by caption and day;
    the ids stay in ``video_ids`` for the UI's jump-to-videos."""
    for r in results.values():
        for a in r.advice:
            for text in (a.headline, *(e.text for e in a.evidence), *a.actions, *a.notes):
                assert not BARE_ID.search(text), (a.id, text)
            assert all(BARE_ID.fullmatch(v) for v in a.video_ids), a.id
    named = [
        a
        for r in results.values()
        for a in r.advice
        if any("” (" in t for t in (a.headline, *a.actions))
    ]
    assert named, "the demo's advice quotes captions somewhere"
    for r in results.values():
        for u in r.unavailable:
            assert not BARE_ID.search(u.reason), u.reason


def test_demo_markdown_report_names_videos_by_caption(demo, capsys) -> None:
    code = main(
        ["report", "--data-dir", str(Path(demo.root)), "--account", HANDLE, "--period", "90d"]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    advice = out[out.index("## Advice") :]
    for line in advice.splitlines():
        text = re.sub(r"\]\(https?://[^)]*\)", "]", line)  # ids may sit in link targets
        assert not BARE_ID.search(text), line
    assert "Videos: [“" in advice
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", advice)  # "9 Oct", not ISO, for people
