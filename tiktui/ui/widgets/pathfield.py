"""The Import screen's path field: typed as in a shell, remembered folders on ↑ / ↓.

Keys inside the field (Textual moves focus with ``tab``, but a path is typed,
and a shell completes on ``tab``, so here ``tab`` completes and ``esc`` leaves):

- ``tab`` completes the last name (the longest common prefix when several fit,
  listed under the field); ``→`` at the end takes the grey suggestion, as fish
  and zsh-autosuggestions do;
- ``↑`` / ``↓`` step through the recent folders, then back to what was typed;
- ``alt+↑`` goes up a folder; ``enter`` submits; ``esc`` runs the screen's ``to_tree``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input

from .. import paths


class PathSuggester(Suggester):
    """The unique completion of what is typed, shown grey after the cursor."""

    def __init__(self, base: Callable[[], Path]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)  # folders change
        self.base = base

    async def get_suggestion(self, value: str) -> str | None:
        done = paths.complete(value, self.base())
        if done.unique and done.text != value and done.text.startswith(value):
            return done.text
        return None


class PathInput(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Import", tooltip="Import the file or folder typed here"),
        Binding("tab", "complete", "Complete", tooltip="Complete the name being typed"),
        Binding("up", "recent(1)", "Recent", tooltip="The previous recent folder"),
        Binding("down", "recent(-1)", "Recent", show=False),
        Binding("alt+up", "up_folder", "Up a folder", tooltip="Up a folder"),
        Binding("escape", "screen.to_tree", "To the tree", tooltip="Leave the field for the tree"),
    ]

    class Completed(Message):
        """``tab`` found several names (empty: one, or none)."""

        def __init__(self, candidates: list[str]) -> None:
            super().__init__()
            self.candidates = candidates

    def __init__(
        self, base: Callable[[], Path], recent: Callable[[], list[Path]], **kwargs: object
    ) -> None:
        super().__init__(suggester=PathSuggester(base), **kwargs)  # type: ignore[arg-type]
        self.base = base
        self.recent = recent
        self._recent_at = -1  # -1: what the user typed, 0: the most recent folder, …
        self._typed = ""
        self._recalled: str | None = None

    def set_text(self, text: str) -> None:
        """Replace the text, cursor at the end (as the shell does after a recall)."""
        self.value = text
        self.cursor_position = len(text)

    def action_complete(self) -> None:
        done = paths.complete(self.value, self.base())
        if done.text != self.value:
            self.set_text(done.text)
        self.post_message(self.Completed(done.candidates))

    def action_recent(self, step: int) -> None:
        folders = self.recent()
        if self.value != self._recalled:  # typed since the last recall: start from it
            self._recent_at, self._typed = -1, self.value
        at = max(-1, min(len(folders) - 1, self._recent_at + step))
        if at == self._recent_at:
            self.app.bell()
            return
        self._recent_at = at
        text = self._typed if at < 0 else paths.shown(folders[at], folder=True)
        self._recalled = text
        self.set_text(text)

    def action_up_folder(self) -> None:
        """The folder holding what is shown: ``~/a/b/`` and ``~/a/b.zip`` both go to ``~/a/``."""
        here = paths.resolve(self.value, self.base()) if self.value.strip() else self.base()
        self.set_text(paths.shown(here.parent, folder=True))
