"""The first screen: a loading indicator, then either the Overview or, for an empty store, a
welcome that says where the files come from."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, LoadingIndicator, Static

WELCOME = Content.assemble(
    ("Welcome to tiktui", "bold $accent"),
    "\n\n",
    "Your store is empty. Bring in the analytics TikTok gives you:\n\n",
    ("1. ", "bold"),
    "On a computer, open ",
    ("TikTok Studio", "bold"),
    " → ",
    ("Analytics", "bold"),
    " (tiktok.com/tiktokstudio).\n",
    ("2. ", "bold"),
    "On each tab — Overview, Content, Viewers, Followers — press ",
    ("Download data", "bold"),
    " and choose the longest range (60 or 365 days), CSV or XLSX.\n",
    ("3. ", "bold"),
    "For traffic sources per video: a Business account's API video list "
    "(JSON), or each video's Studio analytics page saved from the browser as a HAR file.\n",
    ("4. ", "bold"),
    "Press ",
    ("i", "bold $accent"),
    " and pick the downloaded ZIPs, or the folder that holds them.\n\n",
    "Import again every few weeks: TikTok keeps only the last 60–365 days, tiktui keeps "
    "everything you import.\n\n",
    ("i", "bold $accent"),
    "  import files    ",
    ("d", "bold $accent"),
    "  open the demo account    ",
    ("q", "bold $accent"),
    "  quit",
)


class StartScreen(Screen):
    """Mode "start": shown while the store loads and whenever it is empty."""

    HELP_TITLE = "the welcome screen"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("i", "app.open_import", "Import"),
        Binding("d", "app.open_demo", "Demo account"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="start-loading"):
            yield LoadingIndicator()
            yield Static("Opening your store…", id="start-message", classes="note")
        with VerticalScroll(id="start-welcome"):
            yield Static(WELCOME, id="welcome-text")
            yield Static("", id="welcome-store", classes="note")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#start-welcome").display = False

    def show_loading(self, message: str) -> None:
        self.query_one("#start-loading").display = True
        self.query_one("#start-welcome").display = False
        self.query_one("#start-message", Static).update(message)

    def show_welcome(self, store_label: str) -> None:
        self.query_one("#start-loading").display = False
        self.query_one("#start-welcome").display = True
        self.query_one("#welcome-store", Static).update(
            Content.assemble("Store: ", (store_label, "bold")) if store_label else ""
        )

    def on_screen_resume(self) -> None:
        self.app.leave_start_if_ready()  # type: ignore[attr-defined]
