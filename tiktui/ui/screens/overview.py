"""1 Overview: the account at a glance for a period."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid as GridLayout
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from ... import summary
from ...data.period import KPI_LABELS, Kpi, Period
from ...summary import OverviewData
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


class OverviewScreen(MainScreen):
    MODE = "overview"
    AUTO_FOCUS = "#top-videos"
    PERIOD_KEYS = True
    PREFETCH = True

    BINDINGS: ClassVar[list[BindingType]] = [
        *PERIOD_BINDINGS,
        Binding("enter", "open_top", "Open video", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="overview"):
            with GridLayout(id="kpis"):
                for name in KPI_LABELS:
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
        data = summary.compute(
            state.tables, state.account, state.period_days, state.today, state.config, state.fresh
        )
        remember = getattr(self.app, "remember_overview", None)
        if remember is not None:
            remember(state, data)  # the next start draws from it
        return data

    def on_screen_resume(self) -> None:
        if self.result is None:  # the first paint, from the summary kept beside the store
            early = getattr(self.app, "startup_overview", None)
            if early is not None:
                self.result = early
                self.show(early)
        super().on_screen_resume()

    def show(self, result: OverviewData) -> None:
        period = Period(result.period_start, result.period_end, result.period_days)
        basis = fmt.basis(period.days)
        # What the cards' ▲▼ compare with, on the header's right (all time has no change).
        self.set_context(
            header_context(period, result.fresh, self.state.today),
            Content.styled(f"▲▼ {basis}", "$text-muted") if basis else "",
        )
        for fields in result.kpis:
            kpi = Kpi(**fields)
            self.query_one(f"#kpi-{kpi.name}", KpiCard).set_kpi(kpi, basis)
            if kpi.name == "video_views":
                self.query_one("#daily-chart", Chart).set_series(
                    kpi.series, (fmt.day(period.start), fmt.day(period.end))
                )
        self.query_one("#mix-title", Static).update(result.mix_title)
        self.query_one("#mix", MixBar).set_mix(result.mix_shares, result.mix_note)
        top = result.top
        # A video from another year shows its year ("4 Mar 25"): widen the column for it.
        posted = top.column("posted_on") if "posted_on" in top.columns else []
        years = {day.year for day in posted if day is not None}
        wide = bool(years - {self.state.today.year})
        columns = [replace(c, width=9) if c.key == "posted_on" and wide else c for c in TOP_COLUMNS]
        self.query_one("#top-videos", Grid).set_data(top, columns, keep_cursor=False)
        self.query_one("#top-title", Static).update(
            f"Top videos posted in the period ({top.height})"
        )
        notes = result.notes or ["Nothing to flag."]
        self.query_one("#notes", Static).update(
            Content("\n").join(Content.assemble(("• ", "$text-muted"), n) for n in notes)
        )
        self.query_one("#advice-line", AdviceLine).set_headline(result.advice)
        done = getattr(self.app, "first_paint_done", None)
        if done is not None:
            self.call_after_refresh(done)

    def action_open_top(self) -> None:
        grid = self.query_one("#top-videos", Grid)
        key = grid.key_at(grid.cursor_row)
        if key:
            open_video(self.app, key)

    def on_grid_selected(self, event: Grid.Selected) -> None:
        event.stop()
        if event.key:
            open_video(self.app, event.key)
