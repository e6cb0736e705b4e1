"""A KPI card: label, the period's value, its change against the previous period, a sparkline."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widget import Widget

from ...data.period import ENGAGEMENT_FORMULA
from .. import format as fmt

SHORT_LABELS = {"engagement_rate": "Engagement", "followers_net": "Net followers"}
# For cards too narrow for the label and the change side by side (80 columns).
SHORTER_LABELS = {
    "video_views": "Views",
    "profile_views": "Profile",
    "comments": "Comms",
    "followers_net": "Net fol.",
    "engagement_rate": "Eng.",
}


def kpi_value(kpi: Any) -> str:
    if kpi.value is None:
        return fmt.DASH
    if kpi.is_rate:
        return fmt.pct(kpi.value)
    text = fmt.compact(kpi.value)
    return f"+{text}" if kpi.name == "followers_net" and kpi.value > 0 else text


def kpi_change(kpi: Any) -> Content:
    """``▲+5.6%`` (a count, relative) or ``▼−1.1 pts`` (a rate, in points), in the theme's
    success or error colour; the Overview's header says what it is compared with."""
    text = fmt.kpi_change(kpi.value, kpi.previous, kpi.is_rate)
    if text == fmt.DASH:
        return Content.styled(text, "$text-muted")  # no earlier period to compare with
    if text.startswith("±"):
        return Content.styled(text, "$text-muted")
    arrow, style = ("▲", "$text-success") if text.startswith("+") else ("▼", "$text-error")
    return Content.styled(f"{arrow}{text[1:]}", style)


def kpi_tooltip(kpi: Any, basis: str = "") -> str:
    """The exact numbers behind a card, with what the change is compared with."""

    def value(v: float | None) -> str:
        return fmt.pct(v, "exact") if kpi.is_rate else fmt.exact(v)

    what = f" = {ENGAGEMENT_FORMULA}, account-wide" if kpi.is_rate else ""
    head = f"{kpi.label}: {value(kpi.value)}{what}"
    if not basis:
        return f"{head}\nno earlier period to compare with"
    if kpi.previous is None:
        return f"{head}\nno data to compare with ({basis.removeprefix('vs ')})"
    change = fmt.kpi_change(kpi.value, kpi.previous, kpi.is_rate, "exact")
    return f"{head}\n{change} {basis} ({value(kpi.previous)})"


class KpiCard(Widget):
    """Three lines; the sparkline fills the card's width."""

    DEFAULT_CSS = """
    KpiCard {
        height: 2;
        width: 1fr;
        padding: 0 1;
        background: $boost;
    }
    """

    def __init__(self, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.kpi: Any = None

    def set_kpi(self, kpi: Any, basis: str = "") -> None:
        self.kpi = kpi
        self.tooltip = None if kpi is None else kpi_tooltip(kpi, basis)
        self.refresh()

    def render(self) -> Content:
        """Three lines when there is room; two (label and change / value and sparkline) at 24
        rows, so the whole Overview fits an 80×24 terminal."""
        kpi = self.kpi
        if kpi is None:
            return Content("")
        width = max(self.size.width, 8)
        value = kpi_value(kpi)
        change = kpi_change(kpi)
        label = Content.styled(SHORT_LABELS.get(kpi.name, kpi.label), "$text-muted")
        if self.size.height >= 3:
            line2 = Content.assemble((value, "bold"), " ", change).truncate(width)
            spark = fmt.sparkline(kpi.series, width, stretch=True)
            return Content.assemble(
                label.truncate(width, ellipsis=True), "\n", line2, "\n", (spark, "$accent")
            )
        room = max(width - change.cell_length - 1, 4)
        if label.cell_length > room:
            label = Content.styled(SHORTER_LABELS.get(kpi.name, kpi.label), "$text-muted")
        line1 = label.truncate(room, ellipsis=True)
        line1 = line1 + Content(" " * max(width - line1.cell_length - change.cell_length, 1))
        line1 = (line1 + change).truncate(width)
        spark = fmt.sparkline(kpi.series, max(width - len(value) - 1, 0), stretch=True)
        return Content.assemble(line1, "\n", (value, "bold"), " ", (spark, "$accent"))
