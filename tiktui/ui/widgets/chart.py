"""A full-size bar chart drawn with eighth blocks: trends, retention curves.

No plotting library: a column of ``▁▂▃▄▅▆▇█`` per bucket of values is enough
to read a shape in a terminal, costs nothing, and renders identically in
snapshot tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.widget import Widget

from .. import format as fmt

EIGHTHS = " ▁▂▃▄▅▆▇█"


def resample(values: Sequence[float | None], width: int) -> list[float | None]:
    """Bucket means so ``width`` columns show every value (or each value once when few)."""
    n = len(values)
    if n <= width:
        return list(values)
    out: list[float | None] = []
    for i in range(width):
        lo, hi = i * n // width, max((i + 1) * n // width, i * n // width + 1)
        known = [v for v in values[lo:hi] if v is not None]
        out.append(sum(known) / len(known) if known else None)
    return out


def bar_rows(
    values: Sequence[float | None], width: int, height: int, zero_base: bool = True
) -> tuple[list[str], float, float]:
    """The chart's text lines (top first), and the low and high ends of the axis.

    ``zero_base`` draws bars up from 0 (a chart you read values from); without it the
    lowest value gets the smallest visible bar, like a sparkline (shape over level).
    """
    cols = resample(values, width)
    known = [v for v in cols if v is not None]
    if not known or height <= 0:
        return [" " * len(cols) for _ in range(max(height, 0))], 0.0, 0.0
    lo = min(0.0, min(known)) if zero_base else min(known)
    hi = max(known)
    span = (hi - lo) or 1.0
    # Each bucket gets an equal share of the width; stretch narrow series.
    rep = max(1, width // max(len(cols), 1))
    steps = height * 8
    if zero_base:
        levels = [None if v is None else round((v - lo) / span * steps) for v in cols]
    else:
        levels = [None if v is None else 1 + round((v - lo) / span * (steps - 1)) for v in cols]
    lines = []
    for row in range(height, 0, -1):
        floor = (row - 1) * 8
        line = []
        for level in levels:
            if level is None:
                ch = " "
            else:
                ch = EIGHTHS[max(0, min(8, level - floor))]
            line.append(ch * rep)
        lines.append("".join(line))
    return lines, lo, hi


class Chart(Widget):
    """A bar chart filling the widget, with y-axis labels and first/last x labels."""

    DEFAULT_CSS = """
    Chart { height: 1fr; min-height: 5; }
    """

    def __init__(self, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.values: list[float | None] = []
        self.x_labels: tuple[str, str] = ("", "")
        self.formatter: Callable[[float | None], str] = fmt.compact
        self.color = ""

    def set_series(
        self,
        values: Sequence[float | None],
        x_labels: tuple[str, str],
        formatter: Callable[[float | None], str] = fmt.compact,
        color: str = "",
    ) -> None:
        self.values = list(values)
        self.x_labels = x_labels
        self.formatter = formatter
        self.color = color
        self.refresh()

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        if not self.values or width < 12 or height < 3:
            return Text("no data", style="dim")
        known = [v for v in self.values if v is not None]
        labels_hi = self.formatter(max(known) if known else None)
        labels_lo = self.formatter(min(0.0, min(known)) if known else None)
        axis_w = max(len(labels_hi), len(labels_lo)) + 1
        lines, _lo, _hi = bar_rows(self.values, width - axis_w - 1, height - 1)
        style = self.color or self.get_component_rich_style("chart--bar", default=None) or ""
        text = Text()
        for i, line in enumerate(lines):
            label = labels_hi if i == 0 else labels_lo if i == len(lines) - 1 else ""
            text.append(label.rjust(axis_w) + "│", style="dim")
            text.append(line, style=style)
            text.append("\n")
        left, right = self.x_labels
        gap = max(width - axis_w - 1 - len(left) - len(right), 1)
        text.append(" " * (axis_w + 1) + left + " " * gap + right, style="dim")
        return text

    COMPONENT_CLASSES = {"chart--bar"}
