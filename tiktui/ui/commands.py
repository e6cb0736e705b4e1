"""The command palette (``ctrl+p``): every action of the app, searchable by name.

Like Posting's provider: the app lists its commands once
(:func:`app_commands`), and this provider offers them on
discovery (empty query) and fuzzy-matches them while typing. Textual's own
system commands (theme, quit, screenshot…) stay beside them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..data.period import PERIOD_CHOICES as PERIODS
from ..data.period import period_label
from .widgets.topbar import SCREENS


class TiktuiCommands(Provider):
    def _commands(self) -> list[tuple[str, str, object]]:
        return list(app_commands(self.app))

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    partial(callback),  # type: ignore
                    text=name,
                    help=help_text,
                )


def app_commands(app: Any) -> Iterable[tuple[str, str, Callable[[], Any]]]:
    """Every action of the app, for the command palette: (name, help, callback)."""
    if app.account is not None:
        for key, mode, label in SCREENS:
            yield (f"Go to {label}", f"Key {key}", partial(app.action_goto, mode))
        for days in PERIODS:
            yield (
                f"Period: {period_label(days)}",
                "The range the numbers cover",
                partial(app.action_set_period, days),
            )
        yield (
            "Toggle rolling average",
            "Trends: 7-day rolling average (r)",
            app.action_toggle_rolling,
        )
        yield ("Compare marked videos", "c on Videos", app.action_compare)
        yield ("Clear marks", "Unmark every video", app.clear_marks)
        for acct in app.accounts:
            yield (f"Switch account: @{acct}", "a", partial(app.set_account, acct))
    yield ("Import files", "Import TikTok exports (i)", app.action_open_import)
    yield (
        "Open the demo account",
        "A throwaway store with a realistic account",
        app.action_open_demo,
    )
    yield ("Help: keys of this screen", "?", app.action_help)
