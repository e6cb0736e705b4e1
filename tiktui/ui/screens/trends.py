"""3 Trends: a sparkline row per daily metric and per traffic source; enter for a full chart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static
from textual.widgets.option_list import Option

from ...data.queries import Period
from ...data.sources import BY_KEY
from ...data.views import TrendRow, trend_rows
from .. import format as fmt
from ..state import State
from ..widgets.chart import Chart, bar_rows
from ..widgets.footer import KeyFooter
from ..widgets.lists import NavList
from .base import PERIOD_BINDINGS, MainScreen
from .common import header_context

ROLLING_DAYS = 7
LABEL_W = 22


@dataclass
class TrendsData:
    period: Period
    fresh: date | None
    rows: list[TrendRow]


def source_color(row: TrendRow) -> str | None:
    """The traffic source's own colour for a source row; None for an account metric."""
    return BY_KEY[row.key.split(":", 1)[1]].color if row.kind == "source" else None


def value_text(row: TrendRow, value: float | None) -> str:
    return fmt.pct(value) if row.is_rate else fmt.compact(value)


def row_prompt(row: TrendRow, width: int, lines: int = 1) -> Content:
    """``Video views        ▂▃▅▇▅▃  min 1.2k  max 5.6k  last 3.4k`` fitted to ``width``;
    with ``lines=2`` the sparkline is two rows tall (16 levels), for tall terminals."""
    stats = (
        f" min {value_text(row, row.min):>6} max {value_text(row, row.max):>6} "
        f"last {value_text(row, row.last):>6}"
    )
    spark_w = max(width - LABEL_W - len(stats) - 1, 8)
    color = source_color(row) or "$accent"
    label = fmt.safe(row.label)
    label = label[: LABEL_W - 1].ljust(LABEL_W)
    label_style = "bold" if row.kind == "metric" else ""
    if lines == 1:
        return Content.assemble(
            (label, label_style),
            (fmt.sparkline(row.values, spark_w, stretch=True).ljust(spark_w), color),
            (stats, "$text-muted"),
        )
    values = _stretch(row.values, spark_w)
    top, bottom = bar_rows(values, spark_w, 2, zero_base=False)[0]
    return Content.assemble(
        (label, label_style),
        (top.ljust(spark_w), color),
        (stats, "$text-muted"),
        "\n",
        " " * LABEL_W,
        (bottom.ljust(spark_w), color),
    )


def _stretch(values: list[float | None], width: int) -> list[float | None]:
    n = len(values)
    if not n or n >= width:
        return values
    return [values[i * n // width] for i in range(width)]


class TrendsScreen(MainScreen):
    MODE = "trends"
    AUTO_FOCUS = "#trend-list"
    PERIOD_KEYS = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "app.toggle_rolling", "Rolling avg", tooltip="7-day rolling average"),
        *PERIOD_BINDINGS,
        Binding("enter", "open_chart", "Chart", tooltip="Full-size chart of this row"),
    ]

    def compose_body(self) -> ComposeResult:
        yield NavList(id="trend-list")
        yield Static("", id="trend-note", classes="note")

    def state_key(self, state: State) -> Any:
        return (state.version, state.account, state.period_days, state.rolling)

    def compute(self, state: State) -> TrendsData:
        assert state.account is not None
        period = state.period()
        rows = trend_rows(
            state.tables, state.account, period, rolling=ROLLING_DAYS if state.rolling else None
        )
        return TrendsData(period, state.fresh, rows)

    def show(self, result: TrendsData) -> None:
        status = f"{ROLLING_DAYS}-day rolling average" if self.state.rolling else "daily values"
        self.set_context(
            header_context(result.period, result.fresh, self.state.today),
            Content.styled(status, "$text-muted"),
        )
        self._fill()
        self.call_after_refresh(self._fill)  # again once laid out, at the real width
        self.query_one("#trend-note", Static).update(
            "≈ rows are estimates: each day's views × the source mix of the videos posted "
            "in the 28 days before it (TikTok gives no daily split)."
        )

    def _fill(self) -> None:
        if self.result is None:
            return
        lst = self.query_one("#trend-list", NavList)
        keep = lst.highlighted or 0
        # Before its first layout the list has no width yet: size to the terminal then.
        region = lst.scrollable_content_region.width or self.app.size.width - 2
        width = max(region - 2, 40)
        # Two-row sparklines when every row fits twice over (160×50), one row otherwise.
        lines = 2 if lst.size.height >= 2 * len(self.result.rows) else 1
        lst.clear_options()
        lst.add_options([Option(row_prompt(r, width, lines), id=r.key) for r in self.result.rows])
        if self.result.rows:
            lst.highlighted = min(keep, len(self.result.rows) - 1)

    def on_resize(self) -> None:
        self._fill()

    def action_open_chart(self) -> None:
        lst = self.query_one("#trend-list", NavList)
        if self.result is None or lst.highlighted is None:
            return
        self.app.push_screen(ChartScreen(self.result.rows[lst.highlighted], self.result.period))

    def on_option_list_option_selected(self, event: NavList.OptionSelected) -> None:
        event.stop()
        self.action_open_chart()


class ChartScreen(Screen):
    """One trend row as a full-size chart."""

    HELP_TITLE = "the chart"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "app.pop_screen", "Back"),
    ]

    def __init__(self, row: TrendRow, period: Period) -> None:
        super().__init__()
        self.row = row
        self.period = period

    def compose(self) -> ComposeResult:
        row = self.row
        est = "  (estimated)" if row.estimated else ""
        title = Content.assemble(
            (fmt.safe(row.label), "bold"),
            est,
            "  ·  ",
            fmt.date_range(self.period.start, self.period.end),
            ("   q back", "$text-muted"),
        )
        yield Static(title, classes="screen-title")
        with Vertical(id="chart-box"):
            yield Chart(id="big-chart")
            stats = [
                f"min {value_text(row, row.min)}",
                f"max {value_text(row, row.max)}",
                f"last {value_text(row, row.last)}",
            ]
            if row.total is not None:
                stats.append(f"total {fmt.exact(round(row.total))}")
            if row.rolling:
                stats.append(f"({row.rolling}-day rolling average)")
            yield Static("   ".join(stats), id="chart-stats", classes="note")
        yield KeyFooter()

    def on_mount(self) -> None:
        row = self.row
        color = source_color(row) or ""
        dates = row.dates
        labels = (fmt.day(dates[0]), fmt.day(dates[-1])) if dates else ("", "")
        self.query_one(Chart).set_series(
            row.values, labels, formatter=fmt.pct if row.is_rate else fmt.compact, color=color
        )
