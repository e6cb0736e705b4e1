"""A virtual table over a Polars frame: only the rows on screen are ever formatted.

Why not Textual's DataTable: it builds every cell up front (~3 s for 10,000
rows). Why not textual-fastdatatable: its cells are formatted from Arrow values
with no hook for per-cell colour, and the traffic-source columns are coloured
by intensity, the marks and the sorted column need their own looks. This
widget keeps the frame, reads ``frame.row(i)`` for the visible lines only
(cached), and draws a header that stays put while the body scrolls. The first
``fixed`` columns stay put while the rest scroll sideways, so the caption is
always readable at 80 columns. A few plain :class:`~tiktui.data.rows.Rows` serve as well
(the first screen's top videos, drawn before Polars is loaded).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...data.rows import Rows
from ...data.sources import BY_KEY
from .. import format as fmt

if TYPE_CHECKING:
    import polars as pl


@dataclass(frozen=True)
class Column:
    """One column: which frame column, its header, its width and how to show values."""

    key: str
    label: str
    width: int
    kind: str = "count"  # count exact rate seconds date day text source dominant paid mark
    align: str = "right"
    flex: bool = False  # takes the spare width (the caption)
    max_width: int = 60
    sortable: bool = True
    tooltip: str = ""


# A cell: its text and either a component class name or a ready Rich style.
Cell = tuple[str, str | Style]


class RowMessage(Message):
    """What a grid says about one of its rows: the row's index and its key."""

    def __init__(self, grid: Grid, row: int, key: Any) -> None:
        super().__init__()
        self.grid, self.row, self.key = grid, row, key

    @property
    def control(self) -> Grid:
        return self.grid


class Grid(ScrollView, can_focus=True):
    """Rows of a frame with a row cursor, a column cursor and optional marks."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False),
        Binding("k,up", "cursor_up", "Up", show=False),
        Binding("h,left", "cursor_left", "Left", show=False),
        Binding("l,right", "cursor_right", "Right", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
        Binding("pagedown,ctrl+f", "page(1)", "Page down", show=False),
        Binding("pageup,ctrl+b", "page(-1)", "Page up", show=False),
        Binding("enter", "select", "Open", show=False, tooltip="Open the row's detail"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "grid--header",
        "grid--header-cursor",
        "grid--cursor",
        "grid--cursor-cell",
        "grid--marked",
        "grid--muted",
        "grid--paid",
        "grid--empty",
    }

    DEFAULT_CSS = """
    Grid {
        height: 1fr;
        background: $surface;
        color: $foreground;
        & > .grid--header { background: $panel; color: $text; text-style: bold; }
        & > .grid--header-cursor { background: $panel; color: $accent; text-style: bold; }
        & > .grid--cursor { background: $surface-lighten-2; }
        &:focus > .grid--cursor { background: $primary 35%; }
        & > .grid--cursor-cell { background: $surface-lighten-2; text-style: bold; }
        &:focus > .grid--cursor-cell { background: $primary 70%; text-style: bold; }
        & > .grid--marked { color: $accent; text-style: bold; }
        & > .grid--muted { color: $text-muted; }
        & > .grid--paid { color: $warning; text-style: bold; }
        & > .grid--empty { color: $text-muted; text-style: italic; }
    }
    """

    cursor_row: reactive[int] = reactive(0, always_update=True, init=False)
    cursor_col: reactive[int] = reactive(0, init=False)

    class Highlighted(RowMessage):
        """The cursor moved to another row."""

    class Selected(RowMessage):
        """Enter (or a double click) on a row."""

    class HeaderClicked(Message):
        def __init__(self, grid: Grid, column: Column) -> None:
            super().__init__()
            self.grid, self.column = grid, column

        @property
        def control(self) -> Grid:
            return self.grid

    def __init__(
        self,
        columns: list[Column] | None = None,
        *,
        key_column: str = "video_id",
        fixed: int = 0,
        empty_text: str = "Nothing to show.",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.columns: list[Column] = list(columns or [])
        self.key_column = key_column
        self.fixed = fixed
        self.empty_text = empty_text
        self.frame: pl.DataFrame | Rows = Rows()
        self.marks: set[Any] = set()
        self.sort_key: str | None = None
        self.sort_descending = False
        self._widths: list[int] = []
        self._index: dict[str, int] = {}
        self._rows: dict[int, tuple[Any, ...]] = {}
        self._lines: dict[int, list[Cell]] = {}
        self._source_styles: dict[tuple[str, int], Style] = {}
        # Dates in this year show as ``9 Nov``, others as ``9 Nov 25`` (the App's today).
        self.this_year: int | None = None

    def on_mount(self) -> None:
        today = getattr(self.app, "today", None)
        if self.this_year is None and today is not None:
            self.this_year = today.year

    # -- data ------------------------------------------------------------------------

    def set_data(
        self,
        frame: pl.DataFrame | Rows,
        columns: list[Column] | None = None,
        keep_cursor: bool = True,
    ) -> None:
        """Show a new frame; the cursor stays on the same row key when it is still there."""
        old_key = self.key_at(self.cursor_row) if keep_cursor else None
        if columns is not None:
            self.columns = list(columns)
        self.frame = frame
        self._index = {name: i for i, name in enumerate(frame.columns)}
        self._clear_cache()
        self._layout()
        row = 0
        if old_key is not None:
            row = _find(frame, self.key_column, old_key) or 0
        self.cursor_col = min(self.cursor_col, max(len(self.columns) - 1, 0))
        self.cursor_row = min(row, max(frame.height - 1, 0))
        self.scroll_to_cursor()
        self.refresh()

    def set_marks(self, marks: set[Any]) -> None:
        self.marks = set(marks)
        self._lines.clear()
        self.refresh()

    @property
    def row_count(self) -> int:
        return self.frame.height

    def key_at(self, row: int) -> Any:
        if self.key_column not in self._index or not 0 <= row < self.frame.height:
            return None
        return self._row(row)[self._index[self.key_column]]

    @property
    def current_column(self) -> Column | None:
        return self.columns[self.cursor_col] if self.columns else None

    def move_to_key(self, key: Any) -> bool:
        row = _find(self.frame, self.key_column, key)
        if row is None:
            return False
        self.cursor_row = row
        return True

    def _row(self, row: int) -> tuple[Any, ...]:
        cached = self._rows.get(row)
        if cached is None:
            if len(self._rows) > 2000:
                self._rows.clear()
            cached = self._rows[row] = self.frame.row(row)
        return cached

    def _clear_cache(self) -> None:
        self._rows.clear()
        self._lines.clear()

    # -- layout ----------------------------------------------------------------------

    def _layout(self) -> None:
        widths = [c.width for c in self.columns]
        # Reserve the vertical scrollbar's width up front: it appears once rows overflow,
        # and the last column must not be clipped when it does.
        avail = (self.size.width or 80) - self.styles.scrollbar_size_vertical
        used = sum(widths) + len(widths)
        for i, col in enumerate(self.columns):
            if col.flex and used < avail:
                widths[i] = min(col.max_width, widths[i] + avail - used)
                break
        self._widths = widths
        self.virtual_size = Size(sum(w + 1 for w in widths), self.frame.height + 1)
        self._lines.clear()

    def on_resize(self, event: events.Resize) -> None:
        self._layout()
        self.scroll_to_cursor()

    def _fixed_width(self) -> int:
        return sum(w + 1 for w in self._widths[: self.fixed])

    # -- cursor ----------------------------------------------------------------------

    def watch_cursor_row(self, old: int, new: int) -> None:
        self.scroll_to_cursor()
        self.refresh()
        if self.frame.height:
            self.post_message(self.Highlighted(self, new, self.key_at(new)))

    def watch_cursor_col(self) -> None:
        self.scroll_to_cursor()
        self.refresh()

    def validate_cursor_row(self, value: int) -> int:
        return max(0, min(value, self.frame.height - 1)) if self.frame.height else 0

    def validate_cursor_col(self, value: int) -> int:
        return max(0, min(value, len(self.columns) - 1)) if self.columns else 0

    def _body_height(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def scroll_to_cursor(self) -> None:
        if not self.is_mounted:
            return
        top = int(self.scroll_y)
        body = self._body_height()
        y = top
        if self.cursor_row < top:
            y = self.cursor_row
        elif self.cursor_row >= top + body:
            y = self.cursor_row - body + 1
        x = int(self.scroll_x)
        if self._widths and self.cursor_col >= self.fixed:
            start = sum(w + 1 for w in self._widths[self.fixed : self.cursor_col])
            end = start + self._widths[self.cursor_col] + 1
            view = self.scrollable_content_region.width - self._fixed_width()
            if start < x:
                x = start
            elif end > x + view:
                x = end - view
        self.scroll_to(x=x, y=y, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        self.cursor_row += 1

    def action_cursor_up(self) -> None:
        self.cursor_row -= 1

    def action_cursor_left(self) -> None:
        self.cursor_col -= 1

    def action_cursor_right(self) -> None:
        self.cursor_col += 1

    def action_first(self) -> None:
        self.cursor_row = 0

    def action_last(self) -> None:
        self.cursor_row = self.frame.height - 1

    def action_page(self, direction: int) -> None:
        self.cursor_row += direction * self._body_height()

    def action_select(self) -> None:
        if self.frame.height:
            self.post_message(self.Selected(self, self.cursor_row, self.key_at(self.cursor_row)))

    def _column_at(self, x: int) -> int | None:
        fixed_w = self._fixed_width()
        pos = x if x < fixed_w else x - fixed_w + int(self.scroll_x) + fixed_w
        edge = 0
        for i, w in enumerate(self._widths):
            edge += w + 1
            if pos < edge:
                return i
        return None

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        col = self._column_at(offset.x)
        if offset.y == 0:
            if col is not None and self.columns[col].sortable:
                self.cursor_col = col
                self.post_message(self.HeaderClicked(self, self.columns[col]))
            return
        row = int(self.scroll_y) + offset.y - 1
        if 0 <= row < self.frame.height:
            if col is not None:
                self.cursor_col = col
            self.cursor_row = row
            if event.chain >= 2:
                self.action_select()

    # -- rendering -------------------------------------------------------------------

    def _source_style(self, key: str, share: float) -> Style:
        """The source's colour at a strength that grows with its share of views."""
        level = max(0, min(10, round(share**0.5 * 10)))
        cached = self._source_styles.get((key, level))
        if cached is None:
            base = (
                Color.from_rich_color(self.rich_style.bgcolor)
                if self.rich_style.bgcolor
                else Color(0, 0, 0)
            )
            bg = base.blend(Color.parse(BY_KEY[key].color), 0.08 + 0.08 * level)
            fg = bg.get_contrast_text(0.9)
            cached = Style(bgcolor=bg.rich_color, color=fg.rich_color)
            self._source_styles[(key, level)] = cached
        return cached

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._source_styles.clear()
        self._lines.clear()

    def _format(self, col: Column, value: Any, row: tuple[Any, ...]) -> Cell:
        kind = col.kind
        if kind == "mark":
            return ("●" if self.key_at_row_values(row) in self.marks else " ", "grid--marked")
        if kind == "text":
            return (fmt.caption_of(value), "")
        if kind == "source":
            if value is None:
                return (fmt.DASH, "grid--muted")
            if value <= 0:
                return ("·", "grid--muted")
            # One decimal everywhere (the header line says they are % of views);
            # only a full 100 drops it to fit the column.
            text = "100" if value >= 0.9995 else f"{value * 100:.1f}"
            return (text, self._source_style(col.key, float(value)))
        if kind == "dominant":
            if value is None:
                return (fmt.DASH, "grid--muted")
            src = BY_KEY.get(value)
            return (src.short if src else str(value), Style(color=src.color) if src else "")
        if kind == "paid":
            return ("paid", "grid--paid") if value else ("", "")
        if kind in ("day", "date"):
            return (fmt.short_day(value, self.this_year), "")
        if kind == "exact":
            text = fmt.metric(value, "count", "exact")
        else:
            text = fmt.metric(value, kind)
        return (text, "grid--muted" if text in (fmt.DASH, fmt.NA) else "")

    def key_at_row_values(self, row: tuple[Any, ...]) -> Any:
        idx = self._index.get(self.key_column)
        return None if idx is None else row[idx]

    def _cells(self, r: int) -> list[Cell]:
        cells = self._lines.get(r)
        if cells is None:
            if len(self._lines) > 500:
                self._lines.clear()
            row = self._row(r)
            cells = []
            for col in self.columns:
                idx = self._index.get(col.key)
                value = row[idx] if idx is not None else None
                cells.append(self._format(col, value, row))
            self._lines[r] = cells
        return cells

    def _fit(self, text: str, width: int, align: str) -> str:
        if cell_len(text) > width:
            return set_cell_size(text, max(width - 1, 0)) + "…" if width > 1 else text[:width]
        pad = width - cell_len(text)
        return " " * pad + text if align == "right" else text + " " * pad

    def _header_cells(self) -> list[Cell]:
        cells: list[Cell] = []
        for i, col in enumerate(self.columns):
            label = col.label
            if col.key == self.sort_key:
                label = ("▼" if self.sort_descending else "▲") + label
            cls = "grid--header-cursor" if i == self.cursor_col else "grid--header"
            cells.append((label, cls))
        return cells

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            return self._compose_line(self._header_cells(), width, base, header=True)
        r = int(self.scroll_y) + y - 1
        if not self.frame.height and y == 1:
            return Strip(
                [
                    Segment(
                        " " + self.empty_text, base + self.get_component_rich_style("grid--empty")
                    )
                ]
            ).adjust_cell_length(width, base)
        if r >= self.frame.height:
            return Strip.blank(width, base)
        line_style = base
        if r == self.cursor_row:
            line_style = base + self.get_component_rich_style("grid--cursor")
        return self._compose_line(self._cells(r), width, line_style, row=r)

    def _compose_line(
        self, cells: list[Cell], width: int, line_style: Style, header: bool = False, row: int = -1
    ) -> Strip:
        fixed: list[Segment] = []
        rest: list[Segment] = []
        for i, ((text, style), col, w) in enumerate(
            zip(cells, self.columns, self._widths, strict=False)
        ):
            align = "left" if header and col.align == "left" else col.align
            if header:
                align = col.align
            body = self._fit(text, w, align)
            if isinstance(style, str):
                cell_style = line_style + (
                    self.get_component_rich_style(style) if style else Style()
                )
            else:
                cell_style = line_style + style
            if row == self.cursor_row and i == self.cursor_col and not header:
                cell_style = cell_style + self.get_component_rich_style("grid--cursor-cell")
            target = fixed if i < self.fixed else rest
            target.append(Segment(body, cell_style))
            target.append(Segment(" ", line_style))
        fixed_w = self._fixed_width()
        strip = Strip(fixed).adjust_cell_length(min(fixed_w, width), line_style)
        if width > fixed_w:
            x = int(self.scroll_x)
            body = Strip(rest).crop(x, x + width - fixed_w)
            strip = Strip.join([strip, body])
        return strip.adjust_cell_length(width, line_style)


def _find(frame: pl.DataFrame | Rows, column: str, key: Any) -> int | None:
    """The index of the first row whose ``column`` is ``key``, or None."""
    if isinstance(frame, Rows):
        return frame.find(column, key)
    if column not in frame.columns:
        return None
    import polars as pl  # loaded by whoever built the frame

    hits = frame.select(pl.arg_where(pl.col(column) == key)).to_series()
    return int(hits[0]) if hits.len() else None
