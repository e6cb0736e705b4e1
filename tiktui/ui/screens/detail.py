"""A video's detail: every snapshot, views growth, source mix over time, retention, searches."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ...data.views import VideoDetail, video_detail
from .. import format as fmt
from ..state import State
from ..widgets.chart import Chart
from ..widgets.footer import KeyFooter
from ..widgets.grid import Column, Grid
from ..widgets.mix import mix_bar, mix_legend

SNAPSHOT_COLUMNS = [
    Column("captured_on", "Captured", 11, kind="day", align="left"),
    Column("views", "Views", 10, kind="exact"),
    Column("likes", "Likes", 9, kind="exact"),
    Column("comments", "Comments", 8, kind="exact"),
    Column("shares", "Shares", 8, kind="exact"),
    Column("saves", "Saves", 8, kind="exact"),
    Column("avg_watch_s", "Avg watch", 9, kind="seconds"),
    Column("full_watch_rate", "Completion", 10, kind="rate"),
    Column("new_followers", "Followers+", 10, kind="exact"),
    Column("profile_views", "Profile views", 13, kind="exact"),
]


def _zone(app: Any) -> tzinfo:
    """The account's time zone (config.toml's ``[display] timezone``; the system's without)."""
    config = getattr(app, "config", None)
    return config.zone if config is not None else fmt.zone()


def _info_text(d: VideoDetail, zone: tzinfo) -> Text:
    """The caption (plain text, never markup) and the facts about the video."""
    info = d.info
    text = Text()
    text.append(fmt.caption_of(info.get("caption")), style="bold")
    text.append("\n")
    posted = info.get("posted_at")
    when = fmt.clock(posted, zone) if posted else fmt.full_day(info.get("posted_on"))
    bits = [f"posted {when}", f"length {fmt.seconds(info.get('duration_s'), 'exact')}"]
    if info.get("is_ad"):
        bits.append("paid (promoted)")
    text.append(" · ".join(bits), style="dim")
    if info.get("url"):
        text.append("\n")
        text.append(fmt.safe(info["url"]), style="dim underline")
    return text


def _numbers_text(d: VideoDetail, width: int = 10**6) -> Text:
    info = d.info
    pairs = [
        ("Views", fmt.exact(info.get("views"))),
        ("Likes", fmt.exact(info.get("likes"))),
        ("Comments", fmt.exact(info.get("comments"))),
        ("Shares", fmt.exact(info.get("shares"))),
        ("Saves", fmt.exact(info.get("saves"))),
        ("Engagement", fmt.pct(info.get("engagement_rate"), "exact")),
        ("Avg watch", fmt.seconds(info.get("avg_watch_s"), "exact")),
        ("Completion", fmt.pct(info.get("completion"), "exact")),
        ("New followers", fmt.exact(info.get("new_followers"))),
        ("Profile views", fmt.exact(info.get("profile_views"))),
    ]
    items = []
    for label, value in pairs:
        item = Text(f"{label} ", style="dim")
        item.append(value, style="bold")
        items.append(item)
    text = fmt.flow(items, width, sep="   ")  # a label never ends a line without its number
    captured = info.get("captured_on")
    if captured:
        text.append(
            f"\nas of {fmt.full_day(captured)}; engagement = (likes + comments + shares) ÷ views",
            style="dim",
        )
    return text


def _growth_text(d: VideoDetail, width: int) -> Text:
    snaps = d.snapshots
    text = Text()
    if snaps.height < 2:
        text.append(
            "One snapshot so far: growth shows once the video is imported again later.", style="dim"
        )
        return text
    views = d.views_series
    text.append(fmt.sparkline(views, min(width, 40), stretch=True), style="bold")
    first, last = snaps["captured_on"][0], snaps["captured_on"][-1]
    text.append(
        f"\n{fmt.exact(views[0])} on {fmt.day(first)} → {fmt.exact(views[-1])} on "
        f"{fmt.day(last)} ({snaps.height} snapshots)",
        style="dim",
    )
    return text


def _sources_text(d: VideoDetail, width: int) -> Text:
    if d.sources.is_empty():
        return Text("No traffic-source data for this video.", style="dim")
    text = Text()
    bar_w = max(width - 10, 10)
    rows = d.sources.iter_rows(named=True)
    last: dict[str, float] = {}
    for row in rows:
        last = {k: v for k, v in row.items() if k != "captured_on"}
        text.append(f"{fmt.day(row['captured_on']):>7}  ", style="dim")
        text.append_text(mix_bar(last, bar_w))
        text.append("\n")
    text.append_text(mix_legend(last, width=width))
    return text


def _terms_text(d: VideoDetail) -> Text:
    if d.terms.is_empty():
        return Text("No search terms recorded for this video.", style="dim")
    text = Text()
    for i, row in enumerate(d.terms.iter_rows(named=True)):
        if i:
            text.append("\n")
        text.append(f"{fmt.pct(row['share']):>6}  ", style="bold")
        text.append(fmt.safe(row["term"]))  # user data: plain, never markup
    return text


class VideoDetailScreen(Screen):
    """Pushed over any screen; ``q``/``esc`` goes back."""

    HELP_TITLE = "the video detail"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("space", "mark", "Mark", tooltip="Mark for Compare"),
        Binding("j", "scroll(1)", "Down", show=False),
        Binding("k", "scroll(-1)", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]

    def __init__(self, video_id: str | None) -> None:
        """``video_id`` None: built ahead of its first use (``show_video`` gives the video)."""
        super().__init__()
        self.video_id = video_id
        self.detail: VideoDetail | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="detail-title", classes="screen-title")
        with VerticalScroll(id="detail-body"):
            yield Static("", id="detail-info")
            yield Static("", id="detail-numbers", classes="box")
            with Horizontal(id="detail-row"):
                with Vertical(classes="half"):
                    yield Static("Views growth", classes="section-title")
                    yield Static("", id="detail-growth")
                    yield Static("Search terms", classes="section-title")
                    yield Static("", id="detail-terms")
                with Vertical(classes="half"):
                    yield Static("Retention", classes="section-title", id="retention-title")
                    yield Chart(id="detail-retention")
            yield Static("Traffic sources over time", classes="section-title")
            yield Static("", id="detail-sources")
            yield Static("Every snapshot", classes="section-title")
            yield Grid(
                SNAPSHOT_COLUMNS,
                key_column="captured_on",
                id="detail-snapshots",
                empty_text="No snapshots.",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#detail-title", Static).update("Video")
        if self.video_id is not None:
            self._load(self.app.state)  # type: ignore[attr-defined]

    def show_video(self, video_id: str) -> None:
        """Show another video in this (reused) screen: cleared, then loaded as when new."""
        self.video_id = video_id
        self.detail = None
        if not self.is_mounted:
            return  # on_mount loads it
        self.query_one("#detail-title", Static).update("Video")
        for name in ("info", "numbers", "growth", "terms", "sources"):
            self.query_one(f"#detail-{name}", Static).update("")
        self.query_one("#detail-retention", Chart).display = True
        self.query_one("#detail-body", VerticalScroll).scroll_home(animate=False)
        self._load(self.app.state)  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True)
    def _load(self, state: State) -> None:
        detail = video_detail(state.tables, self.video_id)
        self.app.call_from_thread(self._show, detail)

    def _show(self, d: VideoDetail | None) -> None:
        title = self.query_one("#detail-title", Static)
        if d is None:
            title.update(Text(f"Video {self.video_id} is not in the store.", style="bold"))
            return
        self.detail = d
        title.update(
            Content.assemble(
                ("Video ", "bold"), (self.video_id, "$text-muted"), ("   q back", "$text-muted")
            )
        )
        self.query_one("#detail-info", Static).update(_info_text(d, _zone(self.app)))
        self.query_one("#detail-terms", Static).update(_terms_text(d))
        self._show_sized()
        chart = self.query_one("#detail-retention", Chart)
        if d.retention.is_empty():
            self.query_one("#retention-title", Static).update("Retention: no curve recorded")
            chart.display = False
        else:
            seconds = d.retention["second"].to_list()
            self.query_one("#retention-title", Static).update(
                f"Retention (share still watching), {fmt.day(d.retention_on)}"
            )
            chart.set_series(
                d.retention["retained"].to_list(),
                ("0s", fmt.seconds(seconds[-1])),
                formatter=fmt.pct,
            )
        self.query_one("#detail-snapshots", Grid).set_data(d.snapshots, keep_cursor=False)

    def _show_sized(self) -> None:
        """The parts drawn to the screen's width (again when the terminal is resized)."""
        d = self.detail
        if d is None:
            return
        width = self.size.width - 4
        # The numbers box: the body's and the box's padding, and room for a scrollbar.
        self.query_one("#detail-numbers", Static).update(_numbers_text(d, width - 4))
        self.query_one("#detail-growth", Static).update(_growth_text(d, width // 2 - 2))
        self.query_one("#detail-sources", Static).update(_sources_text(d, width))

    def on_resize(self) -> None:
        self._show_sized()

    def action_scroll(self, step: int) -> None:
        self.query_one("#detail-body", VerticalScroll).scroll_relative(y=step * 2, animate=False)

    def action_scroll_home(self) -> None:
        self.query_one("#detail-body", VerticalScroll).scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.query_one("#detail-body", VerticalScroll).scroll_end(animate=False)

    def action_mark(self) -> None:
        self.app.toggle_mark(self.video_id)  # type: ignore[attr-defined]
        marked = self.video_id in self.app.marks  # type: ignore[attr-defined]
        self.notify("Marked for Compare." if marked else "Unmarked.", timeout=2)
