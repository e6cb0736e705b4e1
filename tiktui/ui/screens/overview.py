"""1 Overview: the account at a glance for a period."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import ClassVar

import polars as pl
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid as GridLayout
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from ...advisor import items
from ...data import queries
from ...data.account_mix import COMBINED, Figure, account_mix
from ...data.queries import Kpi, Period
from .. import format as fmt
from ..state import State
from ..widgets.chart import Chart
from ..widgets.grid import Column, Grid
from ..widgets.kpi import KpiCard
from ..widgets.mix import MixBar
from .base import PERIOD_BINDINGS, MainScreen
from .common import header_context, open_video

TOP_COLUMNS = [
    Column("posted_on", "Posted", 6, kind="day", align="left"),
    Column("caption", "Caption", 16, kind="text", align="left", flex=True, max_width=70),
    Column("views", "Views", 6),
    Column("engagement_rate", "Eng.", 5, kind="rate"),
    Column("completion", "Compl", 5, kind="rate"),
    Column("dominant", "Top", 4, kind="dominant", align="left"),
]


class AdviceLine(Widget):
    """The first piece of advice in at most two lines: cut short with an ellipsis rather
    than clipped, and the "5 → all advice" hint always shown whole at the end."""

    HINT = "  · 5 → all advice"

    def __init__(self, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.headline = ""

    def set_headline(self, headline: str) -> None:
        self.headline = headline
        self.refresh(layout=True)

    def _content(self, width: int) -> Content:
        if not self.headline:
            return Content.styled("★ No advice for this period.", "$text-muted")
        head = Content.assemble(("★ ", "$accent"), ("Advice: ", "bold"), fmt.safe(self.headline))
        hint = Content.styled(self.HINT, "$text-muted")
        if len((head + hint).wrap(width)) <= 2:
            return head + hint
        lo, hi = 0, len(head)  # the longest cut of the headline that fits with the hint
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if len((head[:mid].rstrip() + "…" + hint).wrap(width)) <= 2:
                lo = mid
            else:
                hi = mid - 1
        space = head.plain.rfind(" ", 0, lo + 1)
        if space > lo - 20:  # end on a whole word when one is near
            lo = space
        return head[:lo].rstrip() + "…" + hint

    def render(self) -> Content:
        return self._content(max(self.content_region.width, 10))

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[override]
        return min(len(self._content(max(width, 10)).wrap(max(width, 10))), 2)


@dataclass
class OverviewData:
    period: Period
    fresh: date | None
    kpis: list[Kpi]
    mix: Figure
    top: pl.DataFrame
    notes: list[str]
    advice: str


def mix_title(mix: Figure, period: Period) -> str:
    """The mix's section title, saying where it comes from: TikTok's figure or an estimate."""
    title = "Where views come from"
    if mix.shares() is None:
        return title
    if mix.is_estimate:  # short enough for one line at 80 columns
        return f"{title} · {mix.label} from the period's {mix.n_videos} videos with source data"
    if mix.origin == COMBINED:
        days = (period.end - period.start).days + 1
        windows = f"{len(mix.windows)} window{'s' if len(mix.windows) > 1 else ''}"
        return f"{title} · {mix.label} for {mix.covered_days} of the {days} days ({windows})"
    window = mix.windows[0]
    return f"{title} · {mix.label} for {fmt.date_range(window.start, window.end)}"


class OverviewScreen(MainScreen):
    MODE = "overview"
    AUTO_FOCUS = "#top-videos"
    PERIOD_KEYS = True

    BINDINGS: ClassVar[list[BindingType]] = [
        *PERIOD_BINDINGS,
        Binding("enter", "open_top", "Open video", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="overview"):
            with GridLayout(id="kpis"):
                for name in queries.KPI_LABELS:
                    yield KpiCard(id=f"kpi-{name}")
            yield AdviceLine(id="advice-line", classes="advice-line")
            yield Static("Where views come from", classes="section-title", id="mix-title")
            yield MixBar(id="mix")
            with Horizontal(id="overview-lower"):
                with Vertical(id="top-box"):
                    yield Static(
                        "Top videos of the period", classes="section-title", id="top-title"
                    )
                    yield Grid(
                        TOP_COLUMNS, id="top-videos", empty_text="No videos posted in this period."
                    )
                with Vertical(id="notes-box"):
                    yield Static("Data quality", classes="section-title")
                    yield Static("", id="notes")
            with Vertical(id="daily-box"):
                yield Static("Daily video views", classes="section-title")
                yield Chart(id="daily-chart")

    def compute(self, state: State) -> OverviewData:
        assert state.account is not None
        tables, account = state.tables, state.account
        period = state.period()
        videos = queries.video_table(tables, account)  # built once for the mix, top and notes
        mix = account_mix(tables, account, period, videos=videos)  # as the report shows it
        advice = items.advice_items(tables, account, period, state.today, state.config)
        first = next((i for i in advice if not i.is_fact), None)
        return OverviewData(
            period=period,
            fresh=state.fresh,
            kpis=queries.kpis(tables, account, period),
            mix=mix,
            top=queries.top_videos(tables, account, period, n=10, videos=videos),
            notes=queries.data_quality(tables, account, period, state.today, videos=videos),
            advice=first.headline if first else "",
        )

    def show(self, result: OverviewData) -> None:
        basis = fmt.basis(result.period.days)
        # What the cards' ▲▼ compare with, on the header's right (all time has no change).
        self.set_context(
            header_context(result.period, result.fresh, self.state.today),
            Content.styled(f"▲▼ {basis}", "$text-muted") if basis else "",
        )
        for kpi in result.kpis:
            self.query_one(f"#kpi-{kpi.name}", KpiCard).set_kpi(kpi, basis)
            if kpi.name == "video_views":
                period = result.period
                self.query_one("#daily-chart", Chart).set_series(
                    kpi.series, (fmt.day(period.start), fmt.day(period.end))
                )
        self.query_one("#mix-title", Static).update(mix_title(result.mix, result.period))
        note = f"TikTok's own figure not used: {result.mix.fallback}" if result.mix.fallback else ""
        self.query_one("#mix", MixBar).set_mix(result.mix.shares(), note)
        # A video from another year shows its year ("4 Mar 25"): widen the column for it.
        years = (
            set(result.top["posted_on"].dt.year().drop_nulls().to_list())
            if ("posted_on" in result.top.columns)
            else set()
        )
        wide = bool(years - {self.state.today.year})
        columns = [replace(c, width=9) if c.key == "posted_on" and wide else c for c in TOP_COLUMNS]
        self.query_one("#top-videos", Grid).set_data(result.top, columns, keep_cursor=False)
        self.query_one("#top-title", Static).update(
            f"Top videos posted in the period ({result.top.height})"
        )
        notes = result.notes or ["Nothing to flag."]
        self.query_one("#notes", Static).update(
            Content("\n").join(Content.assemble(("• ", "$text-muted"), n) for n in notes)
        )
        self.query_one("#advice-line", AdviceLine).set_headline(result.advice)

    def action_open_top(self) -> None:
        grid = self.query_one("#top-videos", Grid)
        key = grid.key_at(grid.cursor_row)
        if key:
            open_video(self.app, key)

    def on_grid_selected(self, event: Grid.Selected) -> None:
        event.stop()
        if event.key:
            open_video(self.app, event.key)
