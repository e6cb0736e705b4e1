"""The Import screen: pick files and folders, import them, read what happened to each.

The pipeline does all the work (:func:`tiktui.data.pipeline.import_paths`) in a
worker thread; its progress callback runs in that thread, so it hands every
result to the UI with ``call_from_thread``. This screen never reads a file.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DirectoryTree, Footer, Input, ProgressBar, RichLog, Static

from .. import format as fmt

IMPORTABLE = {".zip", ".csv", ".xlsx", ".json", ".har", ".txt"}


class PickTree(DirectoryTree):
    """A DirectoryTree where ``space`` picks (and ``enter`` opens folders / picks files)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "pick", "Pick", tooltip="Pick or unpick this file or folder"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
        Binding("backspace", "cursor_parent", "Parent", show=False),
    ]

    def __init__(self, path: str | Path, picked: set[Path], id: str | None = None) -> None:
        super().__init__(path, id=id)
        self.picked = picked

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        """Folders and the file types tiktui reads; hidden entries left out."""
        for path in paths:
            if path.name.startswith("."):
                continue
            try:
                if path.is_dir() or path.suffix.lower() in IMPORTABLE:
                    yield path
            except OSError:
                continue

    def render_label(self, node: Any, base_style: Style, style: Style) -> Text:
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
        if node is None or node.data is None:
            return
        self.post_message(ImportScreen.Pick(node.data.path))

    def action_scroll_home(self) -> None:
        self.cursor_line = 0

    def action_scroll_end(self) -> None:
        self.cursor_line = self.last_line


class ImportScreen(Screen):
    """Pushed by ``i`` from anywhere; the pipeline runs in a worker, results stream in."""

    HELP_TITLE = "Import"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Back"),
        Binding("i", "run_import", "Import picked", tooltip="Import every picked file and folder"),
        Binding("x", "clear_picks", "Clear picks", show=False),
        Binding("tab", "app.focus_next", "Next field", show=False),
    ]

    class Pick(Message):
        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root
        self.picked: set[Path] = set()
        self.running = False

    def compose(self) -> ComposeResult:
        yield Static(
            Content.assemble(
                ("Import", "bold"),
                "  ·  ",
                ("space", "bold"),
                " picks files or folders, ",
                ("i", "bold"),
                " imports them, ",
                ("q", "bold"),
                " goes back",
            ),
            classes="screen-title",
        )
        with Horizontal(id="import-top"):
            yield PickTree(self.root, self.picked, id="import-tree")
            with Vertical(id="import-side"):
                yield Static("Picked: nothing yet", id="import-picked")
                yield Static("Account for files that name none (enter imports):", classes="label")
                yield Input(
                    value=getattr(self.app, "account", None) or "",
                    placeholder="@handle",
                    id="import-account",
                )
                yield Static(
                    "Studio ZIPs (Overview, Content, Followers, Viewers), loose "
                    "CSV/XLSX, Business API JSON and browser HAR files. A folder is "
                    "read recursively.",
                    classes="note",
                )
        yield ProgressBar(id="import-progress", show_eta=False, classes="hidden")
        yield RichLog(id="import-log", markup=False, highlight=False, wrap=True)
        yield Footer()

    def on_mount(self) -> None:
        log = self.query_one("#import-log", RichLog)
        store = getattr(self.app, "store", None)
        if store is None:
            log.write(Text("No store is open: nothing can be imported.", style="bold"))
        elif getattr(self.app, "is_demo", False):
            log.write(
                Text(
                    "This is the demo's throwaway store: imports here vanish on exit. "
                    "Quit and run `tiktui` to import into your own store.",
                    style="bold",
                )
            )
        self.query_one(PickTree).focus()

    @on(Pick)
    def toggle_pick(self, event: Pick) -> None:
        path = event.path
        if path in self.picked:
            self.picked.discard(path)
        else:
            self.picked.add(path)
        self.query_one(PickTree).show_picks()
        self._show_picked()

    @on(Input.Submitted, "#import-account")
    def account_submitted(self) -> None:
        """Enter in the account field imports (``i`` would be typed into it)."""
        self.action_run_import()

    @on(DirectoryTree.FileSelected)
    def file_selected(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self.post_message(self.Pick(event.path))

    def _show_picked(self) -> None:
        box = self.query_one("#import-picked", Static)
        if not self.picked:
            box.update("Picked: nothing yet")
            return
        names = sorted(self.picked)
        text = Text(f"Picked ({len(names)}):", style="bold")
        for path in names[:8]:
            text.append("\n  " + fmt.safe(path.name) + ("/" if path.is_dir() else ""))
        if len(names) > 8:
            text.append(f"\n  … and {len(names) - 8} more")
        box.update(text)

    def action_clear_picks(self) -> None:
        self.picked.clear()
        self.query_one(PickTree).show_picks()
        self._show_picked()

    def action_close(self) -> None:
        if self.running:
            self.notify("Importing: wait until it finishes.", severity="warning")
            return
        self.dismiss()

    def action_run_import(self) -> None:
        store = getattr(self.app, "store", None)
        if store is None or self.running:
            return
        if not self.picked:
            node = self.query_one(PickTree).cursor_node
            if node is None or node.data is None:
                self.notify("Pick files or folders with space first.", severity="warning")
                return
            self.picked.add(node.data.path)
            self._show_picked()
        account = self.query_one("#import-account", Input).value.strip().lstrip("@") or None
        paths = sorted(self.picked)
        bar = self.query_one("#import-progress", ProgressBar)
        bar.remove_class("hidden")
        bar.update(total=None, progress=0)
        log = self.query_one("#import-log", RichLog)
        log.write(Text(f"Reading {len(paths)} picked item(s)…", style="dim"))
        self.running = True
        self._import(store, paths, account)

    @work(thread=True, exclusive=True, group="import")
    def _import(self, store: Any, paths: list[Path], account: str | None) -> None:
        from ...data.pipeline import import_paths

        def progress(result: Any, n: int, total: int) -> None:
            self.app.call_from_thread(self._progress, result, n, total)

        try:
            results = import_paths(
                store,
                paths,
                account=account,
                today=self.app.today,  # type: ignore[attr-defined]
                progress=progress,
            )
        except Exception as exc:  # the pipeline reports per file; this is the unexpected
            self.app.call_from_thread(self._failed, f"{type(exc).__name__}: {exc}")
            return
        self.app.call_from_thread(self._done, results)

    def _line(self, result: Any) -> Text:
        theme = self.app.current_theme
        color = {"refused": theme.error, "unchanged": None}.get(result.status, theme.success)
        # Paths under the browsed folder are shown relative to it: shorter, same meaning.
        line = result.line().replace(f"{self.root}/", "", 1)
        # The pipeline speaks CLI; here the account is typed in the field beside the tree.
        line = line.replace(
            "pass --account HANDLE", "type its @handle in the account field and import again"
        )
        return Text(fmt.safe(line), style=Style(color=color) if color else "dim")

    def _progress(self, result: Any, n: int, total: int) -> None:
        self.query_one("#import-progress", ProgressBar).update(total=total, progress=n)
        self.query_one("#import-log", RichLog).write(self._line(result))

    def _failed(self, message: str) -> None:
        self.running = False
        self.query_one("#import-log", RichLog).write(
            Text(f"The import stopped: {fmt.safe(message)}", style="bold")
        )

    def _done(self, results: list[Any]) -> None:
        self.running = False
        counts = {
            s: sum(r.status == s for r in results) for s in ("imported", "unchanged", "refused")
        }
        summary = (
            f"{counts['imported']} imported, {counts['unchanged']} unchanged, "
            f"{counts['refused']} refused"
        )
        log = self.query_one("#import-log", RichLog)
        log.write(Text(summary, style="bold"))
        if counts["refused"]:
            log.write(
                Text("Refused files changed nothing; the reason is on their line.", style="dim")
            )
        self.picked.clear()
        self.query_one(PickTree)._invalidate()
        self._show_picked()
        self.app.reload_store()  # type: ignore[attr-defined]
        self.notify(
            summary,
            title="Import finished",
            severity="warning" if counts["refused"] else "information",
        )
