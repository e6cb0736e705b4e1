"""The two header lines of every main screen: where you are, and what the numbers cover."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from .. import format as fmt

SCREENS: tuple[tuple[str, str, str], ...] = (
    ("1", "overview", "Overview"),
    ("2", "videos", "Videos"),
    ("3", "trends", "Trends"),
    ("4", "compare", "Compare"),
    ("5", "advisor", "Advisor"),
)


class TopBar(Widget):
    """Line 1: the screens (current one highlighted, clickable) and the account.
    Line 2: the period, how fresh the data is, and the screen's own status."""

    DEFAULT_CSS = """
    TopBar {
        height: 2;
        background: $panel;
        color: $foreground;
    }
    """

    def __init__(self, mode: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.mode = mode
        self.context = Content("")
        self.status = Content("")
        self._drawn_facts: tuple[object, object] | None = None

    def set_context(self, context: Content | str, status: Content | str = "") -> None:
        self.context = Content(context) if isinstance(context, str) else context
        self.status = Content(status) if isinstance(status, str) else status
        self.refresh()

    def _app_facts(self) -> tuple[object, object]:
        """What line 1 shows of the app: the account and how fresh its data is."""
        return getattr(self.app, "account", None), getattr(self.app, "fresh", None)

    def refresh_app_facts(self) -> None:
        """Repaint when the account or its freshness changed since the last paint (a screen
        shown again: a repaint is a render of the whole bar, and a paint of the screen)."""
        if self._app_facts() != self._drawn_facts:
            self.refresh()

    def set_status(self, status: Content | str) -> None:
        self.status = Content(status) if isinstance(status, str) else status
        self.refresh()

    def render(self) -> Content:
        self._drawn_facts = self._app_facts()
        width = max(self.size.width, 20)
        parts: list[Content | str | tuple[str, str]] = [(" tiktui ", "bold $accent"), " "]
        for key, mode, label in SCREENS:
            text = f" {key} {label} "
            if mode == self.mode:
                parts.append((text, "reverse bold $accent"))
            else:
                parts.append((text, f"@click=app.switch_mode('{mode}')"))
        nav = Content.assemble(*parts)
        account = getattr(self.app, "account", None)
        who = Content.styled(f"@{fmt.safe(account)} " if account else "", "bold")
        fresh = getattr(self.app, "fresh", None)
        if fresh is not None:
            # How fresh the data is, on every screen, when the line has room for it.
            stamp = Content.styled(f"data to {fmt.day(fresh)} · ", "$text-muted")
            if nav.cell_length + stamp.cell_length + who.cell_length + 1 <= width:
                who = stamp + who
        if nav.cell_length + who.cell_length > width:
            who = who.truncate(max(width - nav.cell_length, 0), ellipsis=True)
        line1 = nav + Content(" " * max(width - nav.cell_length - who.cell_length, 0)) + who
        left = Content(" ") + self.context
        status = self.status + Content(" ")
        if status.cell_length > 1 and left.cell_length + status.cell_length + 1 > width:
            # The screen's status (e.g. "7-day rolling average") matters more than the
            # freshness note in brackets at the end of the period line: drop that first.
            plain = left.plain
            cut = plain.rfind(" (")
            if cut > 0 and plain.endswith(")"):
                left = left[:cut]
            if left.cell_length + status.cell_length + 1 > width:
                keep = max(width - status.cell_length - 1, width * 3 // 5)
                left = left.truncate(keep, ellipsis=True)
        room = width - left.cell_length
        if status.cell_length > room - 1:
            status = status.truncate(max(room - 1, 0), ellipsis=True)
        line2 = left + Content(" " * max(width - left.cell_length - status.cell_length, 0))
        line2 = line2 + status
        return Content("\n").join([line1.truncate(width), line2.truncate(width)])
