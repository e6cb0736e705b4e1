"""4 Compare: the marked videos side by side, the best value highlighted, deltas to the first."""

from __future__ import annotations

from typing import Any, ClassVar

from rich import box
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...data.sources import SOURCES
from ...data.views import Comparison, compare
from .. import format as fmt
from ..state import State
from ..widgets.mix import mix_bar
from .base import MainScreen
from .common import open_video

LABEL_W = 17  # "■ Direct messages" whole


def _cell(
    kind: str,
    value: Any,
    delta: float | None,
    best: bool,
    width: int,
    colors: dict[str, str],
    this_year: int | None = None,
) -> Text:
    text = Text(fmt.metric(value, kind, this_year=this_year), style="bold" if best else "")
    if best:
        text.stylize("reverse")
    if delta is not None and width >= 12:
        sign_style = colors["success"] if delta > 0 else colors["error"] if delta < 0 else "dim"
        shown = fmt.points(delta) if kind == "rate" else fmt.change(delta)
        text.append(f" {shown}", style=sign_style if abs(delta) >= 0.0005 else "dim")
    return text


def comparison_table(
    c: Comparison, width: int, colors: dict[str, str], this_year: int | None = None
) -> Table:
    """Rows are metrics, columns are videos in the order they were marked.

    ``colors`` are the theme's accent/success/error: a Rich table cannot read CSS
    variables, so the screen passes the current theme's values in.
    """
    accent = Style(color=colors["accent"], bold=True)
    n = max(len(c.video_ids), 1)
    # Each column costs its width, one cell of padding and one of separator.
    col_w = max(min((width - LABEL_W - 2) // n - 2, 24), 7)
    table = Table(
        box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0), expand=False, show_edge=False, pad_edge=False
    )
    table.add_column("", width=LABEL_W, no_wrap=True, style="dim")
    for i, caption in enumerate(c.captions):
        head = Text(f"{i + 1} ", style=accent)
        head.append(fmt.caption_of(caption))  # user text: plain, never markup
        head.truncate(col_w, overflow="ellipsis")
        table.add_column(head, width=col_w, no_wrap=True, justify="right", overflow="ellipsis")
    for row in c.rows:
        cells = [
            _cell(row.kind, v, d, row.best == i, col_w, colors, this_year)
            for i, (v, d) in enumerate(zip(row.values, row.deltas, strict=False))
        ]
        table.add_row(row.label, *cells)
    table.add_row("", *["" for _ in c.video_ids])
    table.add_row(
        Text("Source mix", style="bold"), *[mix_bar(m, col_w, empty="no data") for m in c.mixes]
    )
    for src in SOURCES:
        values = [None if m is None else m.get(src.key) for m in c.mixes]
        known = [v for v in values if v is not None]
        if not known or max(known) <= 0:
            continue
        best = max(known)
        first = values[0]
        cells = []
        for i, v in enumerate(values):
            text = Text(fmt.pct(v), style=Style(color=src.color, bold=v == best))
            if i and v is not None and first is not None and col_w >= 12:
                text.append(f" {fmt.points(v - first)}", style="dim")
            cells.append(text)
        table.add_row(Text("■ ", style=Style(color=src.color)) + Text(src.label), *cells)
    return table


class RenderedOnce:
    """A Rich renderable drawn once per width. Textual draws a Static's Rich content to
    measure its height, again to paint it, and again at each layout; the table of six
    videos took 15–25 ms each time. A table ignores the height it is given (it sizes its
    rows itself), so the width and the text options are the whole key."""

    def __init__(self, renderable: Table) -> None:
        self.renderable = renderable
        self._drawn: dict[tuple, list[Segment]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> list[Segment]:
        key = (
            options.max_width,
            options.min_width,
            options.justify,
            options.overflow,
            options.no_wrap,
            options.highlight,
            options.markup,
        )
        drawn = self._drawn.get(key)
        if drawn is None:
            drawn = self._drawn[key] = list(console.render(self.renderable, options))
        return drawn

    def prime(self, console: Console, options: ConsoleOptions) -> None:
        """Draw it now (in the worker that computed it) for the options Textual will ask
        with: the UI thread then only lays out and paints."""
        self.__rich_console__(console, options)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)


class CompareScreen(MainScreen):
    MODE = "compare"
    # A comparison is a few ms (the account's video table is built): a line says it is
    # coming rather than a loading indicator mounted and removed (two layouts).
    LOADING_WHEN_EMPTY = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("u", "unmark", "Unmark all", tooltip="Clear the marks"),
        Binding(
            "enter", "open_first", "Open 1st", show=False, tooltip="Open the first video's detail"
        ),
        Binding("j", "scroll(1)", "Down", show=False),
        Binding("k", "scroll(-1)", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="compare-scroll"):
            yield Static("", id="compare-table")
            yield Static("", id="compare-note", classes="note")

    def state_key(self, state: State) -> Any:
        return (state.version, state.marks)

    def reload(self, force: bool = False) -> None:
        marks = self.state.marks
        if len(marks) < 2:
            self._shown_key = None
            self.result = None
            self.set_context(Content.styled("Nothing to compare yet", "bold"))
            self.query_one("#compare-table", Static).update(
                Content.assemble(
                    "Mark 2 to 6 videos on the Videos screen (",
                    ("2", "bold"),
                    ", then ",
                    ("space", "bold"),
                    " on each), then press ",
                    ("c", "bold"),
                    " to compare them.",
                    f"\n\n{len(marks)} marked so far.",
                )
            )
            self.query_one("#compare-note", Static).update("")
            return
        if self.result is None:  # not "0 marked so far" while the comparison comes
            self.query_one("#compare-table", Static).update(f"Comparing {len(marks)} videos…")
        super().reload(force)

    _drawn: tuple[Comparison, int, RenderedOnce] | None = None  # drawn by the worker

    def compute(self, state: State) -> Comparison:
        # The account's video table is built already (prefetch): filtered, not rebuilt.
        result = compare(state.tables, list(state.marks), state.account)
        # Its table drawn here too, at the width it will be shown at (15-25 ms of Rich
        # that would otherwise run on the UI thread between the key and the paint).
        width = self._table_width()
        app = self.app
        options = app.console_options.update_width(width).update(highlight=False)
        table = RenderedOnce(self._table(result, width, state.today.year))
        table.prime(app.console, options)
        self._drawn = (result, width, table)
        return result

    def show(self, result: Comparison) -> None:
        self.set_context(
            Content.assemble(
                (f"{len(result.video_ids)} videos", "bold"), " side by side, in the order marked"
            )
        )
        self._render_table()
        note = (
            "Highlighted: the best value of each row. Changes are against video 1. "
            "Engagement = (likes + comments + shares) ÷ views."
        )
        if result.missing:
            note += f" {len(result.missing)} marked videos are no longer in the store."
        self.query_one("#compare-note", Static).update(note)

    def _render_table(self) -> None:
        if self.result is None:
            return
        width = self._table_width()
        drawn = self._drawn
        if drawn is not None and drawn[0] is self.result and drawn[1] == width:
            table = drawn[2]
        else:
            table = RenderedOnce(self._table(self.result, width, self.state.today.year))
        self.query_one("#compare-table", Static).update(table)

    def _table_width(self) -> int:
        return max(self.size.width - 2, 40)

    def _table(self, result: Comparison, width: int, this_year: int) -> Table:
        theme = self.app.current_theme
        colors = {
            "accent": theme.accent or theme.primary,
            "success": theme.success or "",
            "error": theme.error or "",
        }
        return comparison_table(result, width, colors, this_year=this_year)

    def on_resize(self) -> None:
        self._render_table()

    def action_unmark(self) -> None:
        self.app.clear_marks()  # type: ignore[attr-defined]
        self.reload()

    def action_open_first(self) -> None:
        if self.result is not None and self.result.video_ids:
            open_video(self.app, self.result.video_ids[0])

    def action_scroll(self, step: int) -> None:
        self.query_one("#compare-scroll", VerticalScroll).scroll_relative(y=step * 2, animate=False)

    def action_scroll_home(self) -> None:
        self.query_one("#compare-scroll", VerticalScroll).scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.query_one("#compare-scroll", VerticalScroll).scroll_end(animate=False)
