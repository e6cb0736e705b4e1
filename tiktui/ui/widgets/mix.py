"""The traffic-source mix as one coloured bar with a legend.

The same bar is drawn on the Overview, the video detail and, one per video and
at the same width, on Compare, so mixes can be compared by eye. Each source
has one fixed colour everywhere (``sources.SOURCES``).
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from ...data.sources import SOURCES
from .. import format as fmt


def allocate(shares: dict[str, float], width: int) -> list[tuple[str, int]]:
    """Cells per source, summing to ``width`` (largest remainder), in taxonomy order."""
    total = sum(v for v in shares.values() if v and v > 0)
    if width <= 0 or total <= 0:
        return []
    exact = [(s.key, max(shares.get(s.key) or 0.0, 0.0) / total * width) for s in SOURCES]
    cells = [(k, int(v)) for k, v in exact]
    left = width - sum(c for _, c in cells)
    order = sorted(range(len(exact)), key=lambda i: exact[i][1] - int(exact[i][1]), reverse=True)
    for i in order[:left]:
        cells[i] = (cells[i][0], cells[i][1] + 1)
    return [(k, c) for k, c in cells if c > 0]


def mix_bar(shares: dict[str, float] | None, width: int, empty: str = "no source data") -> Text:
    """One line: a block of each source's colour, as wide as its share."""
    if not shares or sum(v or 0 for v in shares.values()) <= 0:
        return Text(empty.ljust(width)[:width], style="dim italic")
    text = Text()
    colors = {s.key: s.color for s in SOURCES}
    for key, cells in allocate(shares, width):
        text.append("█" * cells, style=Style(color=colors[key]))
    return text


def mix_legend(
    shares: dict[str, float], min_share: float = 0.0005, width: int | None = None
) -> Text:
    """``■ For You 79.1%  ■ Search 11.2%  …`` biggest first. With ``width`` it wraps between
    entries only, so no entry is split over two lines."""
    ranked = sorted(
        (s for s in SOURCES if (shares.get(s.key) or 0) >= min_share),
        key=lambda s: -(shares.get(s.key) or 0),
    )
    items = []
    for src in ranked:
        item = Text("■ ", style=Style(color=src.color))
        item.append(f"{src.label} {fmt.pct(shares[src.key])}")
        items.append(item)
    return fmt.flow(items, width if width is not None else 10**6)


class MixBar(Widget):
    """A bar the width of the widget, a legend under it, and a note (what it rests on)."""

    DEFAULT_CSS = """
    MixBar { height: auto; min-height: 2; }
    """

    def __init__(self, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.shares: dict[str, float] | None = None
        self.note = ""

    def set_mix(self, shares: dict[str, float] | None, note: str = "") -> None:
        self.shares = shares
        self.note = note
        self.refresh(layout=True)

    EMPTY = (
        "No traffic-source data for this period (import a Business API video list or "
        "Studio video pages)."
    )

    def _text(self, width: int) -> Text:
        if not self.shares:
            out = Text(self.EMPTY, style="dim italic")
        else:
            out = mix_bar(self.shares, width)
            out.append("\n")
            out.append_text(mix_legend(self.shares, width=width))
        if self.note:
            out.append("\n")
            out.append(self.note, style="dim")
        return out

    def render(self) -> Text:
        return self._text(max(self.size.width, 10))

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[override]
        return len(self._text(max(width, 10)).wrap(self.app.console, max(width, 10)))
