"""``a``: pick which account the screens show."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static
from textual.widgets.option_list import Option

from .. import format as fmt
from ..widgets.lists import NavList


class AccountScreen(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss(None)", "Cancel"),
    ]

    def __init__(self, accounts: list[str], current: str | None) -> None:
        super().__init__()
        self.accounts = accounts
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="account-box"):
            yield Static("Switch account", classes="section-title")
            options = []
            for acct in self.accounts:
                mark = "● " if acct == self.current else "  "
                options.append(
                    Option(Content.assemble(mark, ("@" + fmt.safe(acct), "bold")), id=acct)
                )
            yield NavList(*options, id="account-list")
            yield Static("enter picks · esc cancels", classes="note")

    def on_mount(self) -> None:
        lst = self.query_one(NavList)
        if self.current in self.accounts:
            lst.highlighted = self.accounts.index(self.current)
        lst.focus()

    def on_option_list_option_selected(self, event: NavList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
