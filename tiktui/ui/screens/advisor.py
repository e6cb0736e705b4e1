"""5 Advisor: the strategy advice, most important first; enter shows the videos behind one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

import polars as pl
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, VerticalScroll
from textual.content import Content
from textual.widgets import Static
from textual.widgets.option_list import Option

from ...advisor import items
from ...advisor.items import AdviceItem
from ...data.queries import Period
from ...data.views import VideoFilter
from .. import format as fmt
from ..state import State
from ..widgets.lists import NavList
from .base import PERIOD_BINDINGS, MainScreen
from .common import header_context

CONFIDENCE_STYLE = {
    "high": "bold $text-success",
    "medium": "bold $text-warning",
    "low": "bold $text-error",
}


@dataclass
class AdvisorData:
    period: Period
    fresh: date | None
    items: list[AdviceItem]


HEAD_INDENT = 11  # " 1. medium " — where a wrapped headline's next lines start


def advice_headline(item: AdviceItem, n: int, width: int | None = None) -> Content:
    """One list entry: number, confidence, headline. With ``width`` the headline is wrapped
    under itself (a hanging indent), so the numbers and confidences stand out in a column."""
    parts: list[Content | str | tuple[str, str]] = [(f"{n:>2}. ", "$text-muted")]
    conf = item.confidence.lower()
    if conf:
        parts += [(f"{conf:<6} ", CONFIDENCE_STYLE.get(conf, "$text-muted"))]
    head = Content.styled(fmt.safe(item.headline), "" if item.is_fact else "bold")
    prefix = Content.assemble(*parts)
    if width is not None and width - HEAD_INDENT >= 20:
        prefix = prefix + Content(" " * max(HEAD_INDENT - prefix.cell_length, 0))
        lines = head.wrap(width - HEAD_INDENT)
        head = Content("\n" + " " * HEAD_INDENT).join(line.rstrip() for line in lines)
    return prefix + head


def advice_detail(item: AdviceItem) -> Content:
    """Everything behind one piece of advice: evidence, actions, videos, rule and source."""
    parts: list[Content | str | tuple[str, str]] = [(fmt.safe(item.headline), "bold")]
    conf = item.confidence.lower()
    if conf:
        parts += [
            "\n",
            ("confidence: ", "$text-muted"),
            (conf, CONFIDENCE_STYLE.get(conf, "$text-muted")),
        ]
    if item.evidence:
        parts += ["\n\n", ("The numbers", "bold $text-accent")]
        for line in item.evidence:
            parts += ["\n• ", fmt.safe(line)]
    if item.actions:
        parts += ["\n\n", ("What to do", "bold $text-accent")]
        for action in item.actions:
            parts += ["\n→ ", fmt.safe(action)]
    if item.video_ids:
        n = len(item.video_ids)
        parts += [
            "\n\n",
            ("Videos", "bold $text-accent"),
            f"\n{n} video{'s' if n != 1 else ''}: press ",
            ("enter", "bold"),
            " to see them on the Videos screen",
        ]
    if item.rule or item.source:
        parts += ["\n\n", ("Rule", "bold $text-accent")]
        if item.rule:
            parts += ["\n", fmt.safe(item.rule)]
        if item.source:
            parts += ["\n", (fmt.safe(item.source), "$text-muted")]
    return Content.assemble(*parts)


class AdvisorScreen(MainScreen):
    MODE = "advisor"
    AUTO_FOCUS = "#advice-list"
    PERIOD_KEYS = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "videos", "Show videos", tooltip="The videos behind this advice"),
        *PERIOD_BINDINGS,
    ]

    _list_width = -1

    def compose_body(self) -> ComposeResult:
        yield Static("", id="advisor-banner", classes="note")
        with Container(id="advisor-panes"):
            yield NavList(id="advice-list")
            with VerticalScroll(id="advice-detail-box"):
                yield Static("", id="advice-detail")

    def compute(self, state: State) -> AdvisorData:
        assert state.account is not None
        period = state.period()
        found = items.advice_items(state.tables, state.account, period, state.today, state.config)
        return AdvisorData(period, state.fresh, found)

    def show(self, result: AdvisorData) -> None:
        self.set_context(
            header_context(result.period, result.fresh, self.state.today),
            Content.styled(f"{len(result.items)} items", "$text-muted"),
        )
        self.query_one("#advisor-banner", Static).update(
            "Most important first. Every number names its period and sample."
        )
        lst = self.query_one("#advice-list", NavList)
        lst.clear_options()
        if not result.items:
            lst.add_option(
                Option(
                    Content.styled("Nothing to say for this period yet.", "$text-muted"),
                    disabled=True,
                )
            )
            return
        self._fill_list(result.items, 0)
        self._show_detail()
        self.call_after_refresh(self._refit)

    def _fill_list(self, found: list[AdviceItem], highlighted: int | None) -> None:
        lst = self.query_one("#advice-list", NavList)
        lst.clear_options()
        # The option's own padding and a scrollbar take some of the list's width.
        width = lst.scrollable_content_region.width - 2 if lst.size.width else None
        self._list_width = lst.size.width
        lst.add_options(
            [
                Option(advice_headline(item, i, width), id=f"advice-{i}")
                for i, item in enumerate(found, 1)
            ]
        )
        lst.highlighted = highlighted

    def _refit(self) -> None:
        """Wrap the headlines again when the list's width changed (first layout, resize)."""
        if self.result is None or not self.result.items:
            return
        lst = self.query_one("#advice-list", NavList)
        if lst.size.width and lst.size.width != self._list_width:
            self._fill_list(self.result.items, lst.highlighted)

    def on_resize(self) -> None:
        self.call_after_refresh(self._refit)

    def on_nav_list_resized(self, event: NavList.Resized) -> None:
        """The list was laid out (the advice may have arrived before): wrap at its width."""
        event.stop()
        self.call_after_refresh(self._refit)

    def _show_detail(self) -> None:
        item = self._current()
        box = self.query_one("#advice-detail", Static)
        box.update(advice_detail(item) if item is not None else "")
        self.query_one("#advice-detail-box", VerticalScroll).scroll_home(animate=False)

    def on_option_list_option_highlighted(self, event: Any) -> None:
        event.stop()
        self._show_detail()

    def _current(self) -> AdviceItem | None:
        lst = self.query_one("#advice-list", NavList)
        if self.result is None or lst.highlighted is None:
            return None
        option = lst.get_option_at_index(lst.highlighted)
        if option.id is None:
            return None
        return self.result.items[int(option.id.split("-")[1]) - 1]

    def action_videos(self) -> None:
        item = self._current()
        if item is None:
            return
        if not item.video_ids:
            self.notify("This one rests on no particular videos.", timeout=3)
            return
        flt = VideoFilter(
            f"advice: {fmt.safe(item.headline)[:40]}", pl.col("video_id").is_in(item.video_ids), ()
        )
        self.app.show_videos(flt)  # type: ignore[attr-defined]

    def on_option_list_option_selected(self, event: Any) -> None:
        event.stop()
        self.action_videos()
