"""One number, one text: the Overview's KPI tiles, ``tiktui report`` (Markdown and JSON) and
the advisor show the same KPI the same way at the same precision, and every piece of
advice that names hours names the same ones, with their zone."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from tiktui import formatting as f
from tiktui.advisor import AdvisorConfig, advise
from tiktui.advisor.context import Context
from tiktui.advisor.report import build_report
from tiktui.data.demo import HANDLE, build_demo_store
from tiktui.data.queries import period_for
from tiktui.ui.widgets.kpi import KpiCard

from .conftest import aio, make_app, settle

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo_tables(tmp_path_factory: pytest.TempPathFactory):
    return build_demo_store(tmp_path_factory.mktemp("same-numbers"), today=TODAY).tables()


async def _tiles(tables) -> dict[str, tuple[str, str]]:
    """Each KPI card's text as drawn, and its tooltip (the exact numbers)."""
    app = make_app(tables=tables, today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        return {
            card.kpi.name: (card.render().plain, str(card.tooltip))
            for card in app.screen.query(KpiCard)
        }


def _md_rows(md: str) -> dict[str, list[str]]:
    """The report's key-numbers table: label → [this period, previous, change]."""
    section = md.split("## Key numbers", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 4 and cells[1] and cells[1][0].isdigit():
            rows[cells[0]] = cells[1:]
    return rows


@aio
async def test_tile_report_and_advisor_show_the_same_kpis(demo_tables) -> None:
    tiles = await _tiles(demo_tables)
    report = build_report(demo_tables, HANDLE, 28, TODAY)
    doc = report.to_json()
    rows = _md_rows(report.to_markdown())
    assert len(doc["kpis"]) == len(tiles) == 7
    for k in doc["kpis"]:
        drawn, tooltip = tiles[k["name"]]
        is_rate = k["unit"] == "rate"
        md = next(v for label, v in rows.items() if label.startswith(k["label"]))
        # compact: the tile's value is the JSON value at compact precision
        compact = f.pct(k["value"]) if is_rate else f.compact(k["value"])
        assert compact in drawn, (k["name"], drawn)
        # exact: the report's cells are the JSON values at exact precision, and so is the
        # tile's tooltip
        exact_now = f.pct(k["value"], "exact") if is_rate else f.exact(k["value"])
        exact_before = f.pct(k["previous"], "exact") if is_rate else f.exact(k["previous"])
        assert md[:2] == [exact_now, exact_before]
        assert exact_now in tooltip and exact_before in tooltip
        # the change: points for the rate, percent for counts, the same text everywhere
        change = md[2]
        assert change.endswith(" pts" if is_rate else "%")
        assert change in tooltip and "vs the previous 28 days" in tooltip
        assert change[1:] in drawn  # the tile draws ▲/▼ in place of the sign
        if k["previous"] and not is_rate:
            assert change == f.change(k["change"])

    # the advisor's engagement advice quotes the account-wide figure as the tile does
    engagement = next(k for k in doc["kpis"] if k["name"] == "engagement_rate")
    advice = advise(demo_tables, HANDLE, 28, TODAY)
    found = next(a for a in advice if a.rule.key == "engagement")
    account_wide = next(e for e in found.evidence if e.label == "Account-wide engagement")
    assert account_wide.value == pytest.approx(engagement["value"])
    row = rows[next(label for label in rows if label.startswith("Engagement"))]
    assert f"{row[0]} ({row[2]} vs the previous 28 days)" in account_wide.text
    assert row[0] in tiles["engagement_rate"][0]


HOUR = re.compile(r"\d\d:00")
RANGE = re.compile(r"\d\d:00–\d\d:00")


@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Asia/Kathmandu"])
@pytest.mark.parametrize("days", [28, 90, None])
def test_every_piece_of_advice_names_the_same_hours_with_the_zone(
    demo_tables, zone: str, days: int | None
) -> None:
    config = replace(AdvisorConfig(), timezone=zone)
    period = period_for(demo_tables, HANDLE, days, TODAY)
    best = Context(demo_tables, HANDLE, period, TODAY, config).best_hours
    assert best is not None
    label = f.zone_label(f.zone(zone), period.end)
    assert best.zone == label
    named = 0
    for a in advise(demo_tables, HANDLE, period, TODAY, config):
        for text in (a.headline, *a.actions):
            for hours in RANGE.findall(text):
                # a range of hours in advice is when to post or the followers' peak: the one
                # answer, on the account's clock, with its zone
                assert f"{hours} {label}" in (best.window, best.peak_text), (a.id, text)
                named += 1
        for text in (a.headline, *a.actions, *(e.text for e in a.evidence)):
            if HOUR.search(text):
                # every list of hours ends with the zone's name
                tail = text[HOUR.search(text).start() :]
                assert label in tail, (a.id, text)
    assert named, "the demo's timing advice names hours"
