"""Textual's Footer, rebuilt only when the keys it shows change.

Textual's Footer recomposes every key at each bindings signal — a focus
change, a screen pushed or popped anywhere in the stack — and each new key
restyles itself once more when its ``compact`` binding arrives: three to five
rebuilds per key press, a large part of every first visit. This one compares
what it would show with what it shows and keeps the keys when nothing changed.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """A Footer that recomposes only when its keys (or their state) changed."""

    _shown: tuple[Any, ...] | None = None

    def _keys(self) -> tuple[Any, ...]:
        """What :meth:`Footer.compose` reads: every shown binding, its state and tooltip."""
        active = self.screen.active_bindings
        keys = tuple(
            (b.key, b.action, b.description, b.group, b.key_display, enabled, tooltip)
            for _node, b, enabled, tooltip in active.values()
            if b.show
        )
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        return (
            keys,
            self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE,
            None if palette is None else (palette[1].key, palette[2], palette[3]),
        )

    def compose(self) -> ComposeResult:
        self._shown = self._keys() if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if not self.is_attached or self._keys() == self._shown:
            return
        await self.recompose()
