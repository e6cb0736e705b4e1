"""An OptionList that moves like the rest of the app: ``j``/``k``, ``g``/``G``."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList


class NavList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    class Resized(Message):
        """The list's size changed (its first layout too): wrapped options may need wrapping
        again. A widget's own Resize does not reach its screen; this does."""

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized())
