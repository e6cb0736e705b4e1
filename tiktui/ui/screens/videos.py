"""2 Videos: one row per video, a column per traffic source, sort, filter, mark, open."""

from __future__ import annotations

from typing import Any, ClassVar

import polars as pl
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Input

from ...data import queries
from ...data.sources import SOURCES
from ...data.views import (
    FILTER_HELP,
    FilterError,
    VideoFilter,
    apply_filter,
    parse_filter,
    sort_videos,
)
from ..state import State
from ..widgets.grid import Column, Grid
from .base import MainScreen
from .common import open_video

MAX_COMPARE = 6

VIDEO_COLUMNS: list[Column] = [
    Column("video_id", "", 1, kind="mark", sortable=False),
    Column("posted_on", "Posted", 9, kind="date", align="left"),
    Column("caption", "Caption", 14, kind="text", align="left", flex=True, max_width=72),
    Column("views", "Views", 6),
    Column(
        "engagement_rate",
        "Eng.",
        5,
        kind="rate",
        tooltip="engagement rate = (likes + comments + shares) ÷ views",
    ),
    Column("avg_watch_s", "Watch", 5, kind="seconds"),
    Column("completion", "Compl", 5, kind="rate"),
    *[Column(s.key, s.short, 4, kind="source", tooltip=s.label) for s in SOURCES],
    Column("dominant", "Top", 4, kind="dominant", align="left"),
    Column("is_ad", "Paid", 4, kind="paid", align="left"),
]

# Text columns read best A→Z; numbers best biggest first.
_TEXT_KINDS = {"text", "dominant", "date"}


class VideosScreen(MainScreen):
    MODE = "videos"
    AUTO_FOCUS = "#videos-grid"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash",
            "filter",
            "Filter",
            tooltip="Filter: caption words or views>50k, search>10%, paid…",
        ),
        Binding("n", "match(1)", "Next", tooltip="Next match of the filter"),
        Binding("N", "match(-1)", "Prev", show=False, tooltip="Previous match of the filter"),
        Binding("s", "sort(False)", "Sort", tooltip="Sort by the current column"),
        Binding(
            "S",
            "sort(True)",
            "Sort rev.",
            show=False,
            tooltip="Sort by the current column, the other way round",
        ),
        Binding("space", "mark", "Mark", tooltip="Mark for Compare"),
        Binding("c", "compare", "Compare", tooltip="Compare the marked videos"),
        Binding("u", "unmark", "Unmark all", show=False, tooltip="Unmark every video"),
        Binding(
            "escape",
            "clear_filter",
            "Clear filter",
            show=False,
            tooltip="Close the filter bar, or clear the filter",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.base: pl.DataFrame = pl.DataFrame()
        self.filter: VideoFilter | None = None
        self.sort_key = "posted_on"
        self.sort_descending = True
        self.match_pos = 0

    def compose_body(self) -> ComposeResult:
        yield Input(
            placeholder="enter applies, esc cancels — " + FILTER_HELP,
            id="filter-input",
            classes="hidden",
        )
        yield Grid(
            VIDEO_COLUMNS,
            fixed=3,
            id="videos-grid",
            empty_text="No videos match. Press esc to clear the filter.",
        )

    @property
    def grid(self) -> Grid:
        return self.query_one("#videos-grid", Grid)

    def state_key(self, state: State) -> Any:
        return (state.version, state.account)

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        pending = self.app.pop_pending_filter()  # type: ignore[attr-defined]
        if pending is not None:
            self.filter = pending
            if not self.base.is_empty():
                self.refilter()
        self.grid.set_marks(set(self.app.marks))  # type: ignore[attr-defined]
        self.update_status()

    def compute(self, state: State) -> pl.DataFrame:
        assert state.account is not None
        return queries.video_table(state.tables, state.account)

    def show(self, result: pl.DataFrame) -> None:
        self.base = result
        self.refilter()

    # -- filter & sort ---------------------------------------------------------------

    def refilter(self, keep_cursor: bool = True) -> None:
        frame = apply_filter(self.base, self.filter)
        frame = sort_videos(frame, self.sort_key, self.sort_descending)
        grid = self.grid
        grid.sort_key, grid.sort_descending = self.sort_key, self.sort_descending
        grid.set_data(frame, keep_cursor=keep_cursor)
        grid.set_marks(set(self.app.marks))  # type: ignore[attr-defined]
        self.match_pos = grid.cursor_row
        self.update_status()

    def update_status(self) -> None:
        total, shown = self.base.height, self.grid.row_count
        parts: list[Content | str | tuple[str, str]] = []
        if self.filter is not None:
            parts += [
                (f"{shown} of {total}", "bold"),
                " match ",
                (self.filter.text, "$accent"),
                " (esc clears)",
            ]
        else:
            parts += [(f"{total} videos", "bold")]
        col = next((c for c in VIDEO_COLUMNS if c.key == self.sort_key), None)
        if col is not None:
            arrow = "▼" if self.sort_descending else "▲"
            parts += [" · by ", f"{col.tooltip or col.label or col.key} {arrow}"]
        marks = len(self.app.marks)  # type: ignore[attr-defined]
        if marks:
            parts += [" · ", (f"{marks} marked", "$accent")]
        parts += [(" · sources: % of views", "$text-muted")]
        self.set_context(Content.assemble(*parts))

    def action_filter(self) -> None:
        box = self.query_one("#filter-input", Input)
        box.remove_class("hidden")
        box.value = self.filter.text if self.filter else ""
        box.focus()

    @on(Input.Submitted, "#filter-input")
    def submit_filter(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        try:
            flt = parse_filter(text) if text else None
        except FilterError as exc:
            self.notify(str(exc), title="Filter not understood", severity="error")
            return
        self.filter = flt if flt and flt.expr is not None else None
        event.input.add_class("hidden")
        self.grid.focus()
        self.refilter(keep_cursor=False)

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter-input", Input)
        if not box.has_class("hidden"):
            box.add_class("hidden")
            self.grid.focus()
            return
        if self.filter is None:
            return
        self.filter = None
        self.refilter()

    def action_match(self, step: int) -> None:
        grid = self.grid
        if self.filter is None:
            self.notify("No filter yet: press / and type caption words or views>50k.")
            return
        if not grid.row_count:
            return
        grid.cursor_row = (grid.cursor_row + step) % grid.row_count
        self.topbar.set_status(
            Content.styled(f"match {grid.cursor_row + 1} of {grid.row_count}", "$accent")
        )

    def action_sort(self, reverse: bool) -> None:
        col = self.grid.current_column
        if col is None or not col.sortable:
            return
        self.sort_by(col, reverse)

    def sort_by(self, col: Column, reverse: bool) -> None:
        descending = col.kind not in _TEXT_KINDS or col.kind == "date"
        if col.kind in ("text", "dominant"):
            descending = False
        self.sort_key = col.key
        self.sort_descending = descending != reverse
        self.refilter(keep_cursor=False)  # a new order is read from the top

    def on_grid_header_clicked(self, event: Grid.HeaderClicked) -> None:
        event.stop()
        same = event.column.key == self.sort_key
        if same:
            self.sort_descending = not self.sort_descending
            self.refilter(keep_cursor=False)
        else:
            self.sort_by(event.column, reverse=False)

    # -- marks, compare, open ----------------------------------------------------------

    def action_mark(self) -> None:
        key = self.grid.key_at(self.grid.cursor_row)
        if key is None:
            return
        marks: list[str] = self.app.marks  # type: ignore[attr-defined]
        if key not in marks and len(marks) >= MAX_COMPARE:
            self.notify(
                f"Compare takes up to {MAX_COMPARE} videos: unmark one first (space).",
                severity="warning",
            )
            return
        self.app.toggle_mark(key)  # type: ignore[attr-defined]
        self.grid.set_marks(set(self.app.marks))  # type: ignore[attr-defined]
        self.grid.cursor_row += 1
        self.update_status()

    def action_unmark(self) -> None:
        self.app.clear_marks()  # type: ignore[attr-defined]
        self.grid.set_marks(set())
        self.update_status()

    def action_compare(self) -> None:
        self.app.action_compare()  # type: ignore[attr-defined]

    def on_grid_selected(self, event: Grid.Selected) -> None:
        event.stop()
        if event.key:
            open_video(self.app, event.key)
