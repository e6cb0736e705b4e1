"""``?``: every key of the screen it was opened from, then the keys that work everywhere."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

# Keys that widgets handle without a binding of ours, documented so help is complete.
EXTRA_KEYS: dict[str, list[tuple[str, str]]] = {
    "list": [
        ("j / k, ↓ / ↑", "move down / up"),
        ("g / G, home / end", "first / last"),
        ("pgdn / pgup", "page down / up"),
    ],
    "grid": [
        ("j / k, ↓ / ↑", "move down / up"),
        ("h / l, ← / →", "column left / right"),
        ("g / G, home / end", "first / last row"),
        ("pgdn / pgup", "page down / up"),
    ],
    "scroll": [
        ("j / k, ↓ / ↑", "scroll down / up"),
        ("g / G", "top / bottom"),
        ("pgdn / pgup", "page down / up"),
    ],
}

GLOBAL_KEYS: list[tuple[str, str]] = [
    ("1 … 5", "Overview, Videos, Trends, Compare, Advisor"),
    ("i", "import files"),
    ("a", "switch account (when the store holds several)"),
    ("?", "this help"),
    ("ctrl+p", "command palette: every action, and themes"),
    ("q / esc", "back one level (q on a main screen quits)"),
    ("ctrl+q", "quit"),
]

_KEY_NAMES = {
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "slash": "/",
    "question_mark": "?",
    "space": "space",
    "escape": "esc",
    "enter": "enter",
}


def key_label(keys: str) -> str:
    return " / ".join(_KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(","))


def screen_keys(screen: Screen) -> list[tuple[str, str]]:
    """The screen's own bindings and those of its focused widget, with descriptions."""
    seen: set[str] = set()
    rows: list[tuple[str, str]] = []
    nodes = [screen]
    if screen.focused is not None:
        nodes.insert(0, screen.focused)  # type: ignore[arg-type]
    for node in nodes:
        for binding in getattr(node, "BINDINGS", []):
            if not isinstance(binding, Binding):
                continue
            if binding.action.startswith(("cursor_", "first", "last", "page", "scroll")):
                continue
            label = key_label(binding.key)
            if label in seen or not binding.description:
                continue
            seen.add(label)
            desc = binding.tooltip or binding.description
            rows.append((label, desc))
    focused = type(screen.focused).__name__
    kind = (
        "grid"
        if focused == "Grid"
        else "list"
        if focused in ("NavList", "OptionList")
        else ("scroll")
    )
    rows.extend(EXTRA_KEYS[kind])
    if kind == "grid" and hasattr(screen, "on_grid_header_clicked"):
        rows.append(("click a header", "sort by it"))
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close"),
        Binding("j", "scroll(1)", "Down", show=False),
        Binding("k", "scroll(-1)", "Up", show=False),
    ]

    def __init__(self, title: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.keys = keys

    def compose(self) -> ComposeResult:
        table = Table(show_header=False, box=None, padding=(0, 2, 0, 0), expand=True)
        table.add_column(style="bold", no_wrap=True)
        table.add_column(ratio=1)
        table.add_row(Text(self.title_text, style="bold underline"), "")
        for key, desc in self.keys:
            table.add_row(key, desc)
        table.add_row("", "")
        table.add_row(Text("Everywhere", style="bold underline"), "")
        for key, desc in GLOBAL_KEYS:
            table.add_row(key, desc)
        with VerticalScroll(id="help-box"):
            yield Static(table, id="help-table")
            yield Static("esc, q or ? closes", classes="note")

    def action_scroll(self, step: int) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_relative(y=step * 2, animate=False)
