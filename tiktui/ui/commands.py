"""The command palette (``ctrl+p``): every action of the app, searchable by name.

Like Posting's provider: the app lists its commands once
(:meth:`TikTuiApp.palette_commands`), and this provider offers them on
discovery (empty query) and fuzzy-matches them while typing. Textual's own
system commands (theme, quit, screenshot…) stay beside them.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class TiktuiCommands(Provider):
    def _commands(self) -> list[tuple[str, str, object]]:
        return list(self.app.palette_commands())  # type: ignore[attr-defined]

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
