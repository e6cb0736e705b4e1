"""The Import screen's file tree: folders and importable files, a ``..`` entry on top,
``space`` picks, names shown with their control characters visible."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DirectoryTree
from textual.widgets._directory_tree import DirEntry
from textual.widgets.tree import TreeNode
from textual.worker import Worker

from .. import paths
from ..format import safe

UP = ".."


class PickTree(DirectoryTree):
    """``space`` picks, ``enter`` opens a folder or picks a file, ``..`` goes up a folder."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "pick", "Pick", tooltip="Pick or unpick this file or folder"),
        Binding("backspace,alt+up", "screen.up_folder", "Up a folder", tooltip="Up a folder"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]

    class Pick(Message):
        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    def __init__(self, path: Path, picked: set[Path], id: str | None = None) -> None:
        super().__init__(path, id=id)
        self.picked = picked
        self.came_from: Path | None = None  # after going up: the cursor lands on it

    def filter_paths(self, paths_: Iterable[Path]) -> Iterable[Path]:
        """Folders and the file types tiktui reads, hidden entries left out; ``..`` kept."""
        for path in paths_:
            if path.name == UP:
                yield path
            else:
                yield from paths.listed([path])

    def _directory_content(self, location: Path, worker: Worker) -> Iterator[Path]:
        if location == Path(self.path).resolve() and location.parent != location:
            yield location / UP
        yield from super()._directory_content(location, worker)

    def _populate_node(self, node: TreeNode[DirEntry], content: Iterable[Path]) -> None:
        node.remove_children()
        target = None
        for path in sorted(content, key=lambda p: p.name != UP):  # ``..`` first
            up = path.name == UP
            child = node.add(
                UP if up else safe(path.name),
                data=DirEntry(path),
                allow_expand=not up and self._safe_is_dir(path),
            )
            if node is self.root and self.came_from is not None and path == self.came_from:
                target = child
        node.expand()
        if target is not None:  # after the loader puts the cursor back on the root
            self.call_later(self.move_cursor, target, False)
            self.came_from = None

    def render_label(self, node: TreeNode[Any], base_style: Style, style: Style) -> Text:
        if node is self.root:
            label = Text.assemble(("📂 ", base_style), (paths.shown(self.path, folder=True), style))
        elif node.data is not None and node.data.path.name == UP:
            label = Text.assemble(("↑ ", base_style), (".. up a folder", style))
        else:
            label = super().render_label(node, base_style, style)
        if node.data is not None and node.data.path in self.picked:
            return Text("✓ ", style="bold") + label
        return label

    def show_picks(self) -> None:
        """Redraw the labels: the ✓ marks are part of them, and cached."""
        self._invalidate()
        self.refresh()

    def action_pick(self) -> None:
        node = self.cursor_node
        if node is None or node.data is None or node.data.path.name == UP:
            return
        self.post_message(self.Pick(node.data.path))

    def action_scroll_home(self) -> None:
        self.cursor_line = 0

    def action_scroll_end(self) -> None:
        self.cursor_line = self.last_line
