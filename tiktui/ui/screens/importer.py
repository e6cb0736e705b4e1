"""The Import screen: type a path or pick in the tree, import, read what happened to each file.

The path field has the focus when the screen opens: a shell's keys work in it
(see :mod:`tiktui.ui.widgets.pathfield`), ``enter`` imports what it names and
``esc`` leaves it for the tree, which follows the field and fills it. The
pipeline does all the work (:func:`tiktui.data.pipeline.import_paths`) in a
worker thread; its progress callback runs in that thread, so it hands every
result to the UI with ``call_from_thread``. This screen never reads a file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DirectoryTree, Footer, Input, OptionList, ProgressBar, RichLog, Static
from textual.widgets.option_list import Option

from ...data.export_day import BadExportDay, parse_export_day
from .. import format as fmt
from .. import paths
from ..prefs import UiPrefs
from ..widgets.filetree import UP, PickTree
from ..widgets.pathfield import PathInput

CONFIRM_OVER = 200  # files in one go: a Studio export is a handful; more asks first

INTRO = Text(
    "Reads Studio ZIPs (Overview, Content, Followers, Viewers), loose CSV/XLSX, "
    "Business API JSON and browser HAR files; a folder is read with its subfolders.",
    style="dim",
)

# The header's one line of keys for where the focus is: each hint's first word is its key.
KEY_HINTS: dict[str, tuple[str, ...]] = {
    "path": ("enter imports this path", "tab completes", "↑ recent", "esc to the tree"),
    "tree": ("space picks", "i imports", "⌫ up a folder", "/ types a path", "q back"),
    "recent": ("enter opens the folder", "/ types a path", "q back"),
    "account": ("enter imports", "esc to the tree"),
    "exported": ("enter imports", "esc to the tree"),
}


class AccountInput(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.to_tree", "To the tree", tooltip="Leave the field for the tree")
    ]


class ExportDayInput(AccountInput):
    """The export day (YYYY-MM-DD) for files whose name carries none: it fixes their year."""


class ImportScreen(Screen):
    """Pushed by ``i`` from anywhere; the pipeline runs in a worker, results stream in."""

    HELP_TITLE = "Import"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Back"),
        Binding("i", "run_import", "Import picked", tooltip="Import every picked file and folder"),
        Binding("x", "clear_picks", "Clear picks", show=False),
        Binding("slash,ctrl+l", "type_path", "Type a path", tooltip="Type a path"),
        Binding("tab", "app.focus_next", "Next field", show=False),
    ]

    def __init__(self, root: Path, prefs: UiPrefs | None = None) -> None:
        super().__init__()
        self.root = root.expanduser().resolve()
        self.prefs = prefs or UiPrefs()
        self.picked: set[Path] = set()
        self.running = False
        self._quiet: str | None = None  # the field's text set here, not typed: no re-rooting
        self._base = self.root  # what a relative path in the field starts from
        self._confirmed: tuple[Path, ...] = ()
        self._shown_root = self.root  # result lines are shown relative to it

    def compose(self) -> ComposeResult:
        yield Static(id="import-keys", classes="screen-title")
        field = PathInput(
            lambda: self._base,
            self.prefs.recent_folders,
            value=paths.shown(self.root, folder=True),
            placeholder="a file or folder: ~/Downloads/, /tmp/exports/…",
            id="import-path",
        )
        field.border_title = "Import from"
        yield field
        yield Static(id="import-hint", classes="note")
        with Horizontal(id="import-top"):
            yield PickTree(self.root, self.picked, id="import-tree")
            with Vertical(id="import-side"):
                yield Static("Recent folders", classes="label", id="import-recent-label")
                yield OptionList(id="import-recent")
                yield Static("Picked: nothing yet", id="import-picked")
                yield Static("Account for files that name none:", classes="label")
                yield AccountInput(
                    value=getattr(self.app, "account", None) or "",
                    placeholder="@handle",
                    id="import-account",
                    compact=True,
                )
                yield Static("Export day of undated files:", classes="label")
                yield ExportDayInput(
                    placeholder="YYYY-MM-DD",
                    id="import-exported-on",
                    compact=True,
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
        log.write(INTRO)
        self._show_recent()
        self._show_keys("path")
        self.query_one(PathInput).focus()

    # -- where the focus is, and what the keys do there ------------------------------

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        kind = {
            "import-path": "path",
            "import-recent": "recent",
            "import-account": "account",
            "import-exported-on": "exported",
        }
        self._show_keys(kind.get(event.widget.id or "", "tree"))

    def _show_keys(self, kind: str) -> None:
        parts: list[str | tuple[str, str]] = [("Import", "bold")]
        for hint in KEY_HINTS[kind]:
            key, what = hint.split(" ", 1)
            parts += ["  ·  " if len(parts) == 1 else ", ", (key, "bold"), f" {what}"]
        self.query_one("#import-keys", Static).update(Content.assemble(*parts))

    def action_to_tree(self) -> None:
        self.query_one(PickTree).focus()

    def action_type_path(self) -> None:
        field = self.query_one(PathInput)
        field.focus()
        field.cursor_position = len(field.value)

    # -- the field and the tree follow each other ------------------------------------

    def set_root(self, folder: Path, fill: bool = True, came_from: Path | None = None) -> None:
        """Show ``folder`` in the tree (and in the field unless it was typed there)."""
        folder = folder.resolve()
        tree = self.query_one(PickTree)
        if folder != self.root:
            self.root = folder
            tree.came_from = came_from
            tree.path = folder
        if fill:
            self._fill(paths.shown(folder, folder=True))

    def _fill(self, text: str) -> None:
        self._quiet = text
        self._base = self.root  # the tree follows typing: relative paths must not
        self.query_one(PathInput).set_text(text)

    @on(Input.Changed, "#import-path")
    def path_typed(self, event: Input.Changed) -> None:
        self._hint("")
        if event.value == self._quiet:
            return
        self._quiet = None
        folder = paths.folder_of(event.value, self._base)
        if folder is not None:
            self.set_root(folder, fill=False)
        if paths.leads_nowhere(event.value, self._base):  # as a shell colours it red
            self._hint("No file or folder starts like this.")

    @on(PathInput.Completed)
    def completed(self, event: PathInput.Completed) -> None:
        if not event.candidates:
            return
        shown = "  ".join(event.candidates[:12])
        more = len(event.candidates) - 12
        self._hint(shown + (f"  … {more} more" if more > 0 else ""))

    def _hint(self, text: str) -> None:
        self.query_one("#import-hint", Static).update(Text(text, no_wrap=True, overflow="ellipsis"))

    def action_up_folder(self) -> None:
        if self.root.parent != self.root:
            self.set_root(self.root.parent, came_from=self.root)

    @on(DirectoryTree.DirectorySelected)
    def folder_chosen(self, event: DirectoryTree.DirectorySelected) -> None:
        event.stop()
        if event.path.name == UP:
            self.action_up_folder()
        else:
            self._fill(paths.shown(event.path, folder=True))

    @on(DirectoryTree.FileSelected)
    def file_chosen(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self.post_message(PickTree.Pick(event.path))

    @on(PickTree.Pick)
    def toggle_pick(self, event: PickTree.Pick) -> None:
        path = event.path
        if path in self.picked:
            self.picked.discard(path)
        else:
            self.picked.add(path)
            self._fill(paths.shown(path, folder=paths.is_dir(path)))
        self.query_one(PickTree).show_picks()
        self._show_picked()

    @on(OptionList.OptionSelected, "#import-recent")
    def recent_chosen(self, event: OptionList.OptionSelected) -> None:
        self.set_root(Path(event.option.id or "/"))
        self.action_type_path()

    def _show_recent(self) -> None:
        box = self.query_one("#import-recent", OptionList)
        folders = self.prefs.recent_folders()
        box.clear_options()
        box.add_options(Option(Text(paths.shown(f, folder=True)), id=str(f)) for f in folders)
        box.highlighted = 0 if folders else None  # enter works as soon as it has the focus
        box.display = bool(folders)
        self.query_one("#import-recent-label").display = bool(folders)

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

    # -- importing -------------------------------------------------------------------

    @on(Input.Submitted, "#import-path")
    def path_submitted(self, event: Input.Submitted) -> None:
        self.import_typed(event.value)

    def import_typed(self, text: str) -> None:
        """``enter`` in the field: import the file or folder it names."""
        if not text.strip():
            self._say("Type the path of a file or folder to import.")
            return
        path = paths.resolve(text, self._base)
        if not path.exists():
            self._say(f"No such file or folder: {paths.shown(path)}")
            return
        if path == Path(path.anchor) or path in (Path.home(), *Path.home().parents):
            self._say(
                f"{paths.shown(path, folder=True)} is too wide to read whole: "
                "type the folder the exports are in (e.g. ~/Downloads/)."
            )
            return
        if path.is_dir():
            self.set_root(path, fill=False)
        self._start([path])

    @on(Input.Submitted, "#import-account, #import-exported-on")
    def account_submitted(self) -> None:
        """Enter in the account or export-day field imports the picks, else the typed path."""
        if self.picked:
            self.action_run_import()
        else:
            self.import_typed(self.query_one(PathInput).value)

    def action_run_import(self) -> None:
        if not self.picked:
            node = self.query_one(PickTree).cursor_node
            if node is None or node.data is None or node.data.path.name == UP:
                self.notify("Pick files or folders with space first.", severity="warning")
                return
            self.picked.add(node.data.path)
            self._show_picked()
        self._start(sorted(self.picked))

    def _say(self, line: str) -> None:
        """One plain line in the log (and under the field, where the eyes are)."""
        self.query_one("#import-log", RichLog).write(Text(fmt.safe(line), style="bold"))
        self._hint(line)

    def _start(self, chosen: list[Path]) -> None:
        store = getattr(self.app, "store", None)
        if store is None:
            self._say("No store is open: nothing can be imported.")
            return
        if self.running:
            self.notify("Importing: wait until it finishes.", severity="warning")
            return
        try:
            exported_on = self._exported_on()
        except BadExportDay as exc:
            self._say(f"Export day: {exc}")
            self.query_one("#import-exported-on", Input).focus()
            return
        for path in chosen:
            self.prefs.add_recent_folder(path if path.is_dir() else path.parent)
        self._show_recent()
        account = self.query_one("#import-account", Input).value.strip().lstrip("@") or None
        bar = self.query_one("#import-progress", ProgressBar)
        bar.remove_class("hidden")
        bar.update(total=None, progress=0)
        names = ", ".join(paths.shown(p, folder=p.is_dir()) for p in chosen[:3])
        more = f" and {len(chosen) - 3} more" if len(chosen) > 3 else ""
        self.query_one("#import-log", RichLog).write(Text(f"Reading {names}{more}…", style="dim"))
        self.running = True
        self._shown_root = self.root
        confirmed = tuple(chosen) == self._confirmed
        self._import(store, chosen, account, confirmed, exported_on)

    def _exported_on(self) -> date | None:
        """The export day typed in its field, or None; a bad one raises :class:`BadExportDay`."""
        text = self.query_one("#import-exported-on", Input).value.strip()
        return parse_export_day(text, self.app.today) if text else None  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True, group="import")
    def _import(
        self,
        store: Any,
        chosen: list[Path],
        account: str | None,
        confirmed: bool,
        exported_on: date | None = None,
    ) -> None:
        from ...data.pipeline import expand_paths, import_paths

        def progress(result: Any, n: int, total: int) -> None:
            self.app.call_from_thread(self._progress, result, n, total)

        try:
            files = expand_paths(chosen)
            if len(files) > CONFIRM_OVER and not confirmed:
                self.app.call_from_thread(self._ask, chosen, len(files))
                return
            results = import_paths(
                store,
                files,
                account=account,
                today=self.app.today,  # type: ignore[attr-defined]
                progress=progress,
                exported_on=exported_on,
            )
        except Exception as exc:  # the pipeline reports per file; this is the unexpected
            self.app.call_from_thread(self._failed, _why(exc))
            return
        self.app.call_from_thread(self._done, chosen, results)

    def _ask(self, chosen: list[Path], n: int) -> None:
        self._stopped()
        self._confirmed = tuple(chosen)
        self._say(f"That is {n:,} files: press enter (or i) again to read them all.")

    def _line(self, result: Any) -> Text:
        theme = self.app.current_theme
        color = {"refused": theme.error, "unchanged": None}.get(result.status, theme.success)
        # Paths under the folder shown when the import began are shown relative to it.
        line = result.line().replace(f"{self._shown_root}/", "", 1)
        # The pipeline speaks CLI; here the account is typed in the field beside the tree.
        line = line.replace(
            "pass --account HANDLE", "type its @handle in the account field and import again"
        )
        return Text(fmt.safe(line), style=Style(color=color) if color else "dim")

    def _progress(self, result: Any, n: int, total: int) -> None:
        self.query_one("#import-progress", ProgressBar).update(total=total, progress=n)
        self.query_one("#import-log", RichLog).write(self._line(result))

    def _stopped(self) -> None:
        self.running = False
        self.query_one("#import-progress", ProgressBar).add_class("hidden")

    def _failed(self, message: str) -> None:
        self._stopped()
        self._say(f"The import stopped: {message}")

    def _done(self, chosen: list[Path], results: list[Any]) -> None:
        self.running = False
        self._confirmed = ()
        if not results:
            self._stopped()
            names = ", ".join(paths.shown(p, folder=True) for p in chosen)
            self._say(f"Nothing to import: {names} holds no files.")
            return
        counts = {
            s: sum(r.status == s for r in results) for s in ("imported", "unchanged", "refused")
        }
        summary = (
            f"{counts['imported']} imported, {counts['unchanged']} unchanged, "
            f"{counts['refused']} refused"
        )
        log = self.query_one("#import-log", RichLog)
        log.write(Text(summary, style="bold"))
        self._hint(summary)
        if counts["refused"]:
            log.write(
                Text("Refused files changed nothing; the reason is on their line.", style="dim")
            )
        self.picked.clear()
        self.query_one(PickTree).show_picks()
        self._show_picked()
        self.app.reload_store()  # type: ignore[attr-defined]
        self.notify(
            summary,
            title="Import finished",
            severity="warning" if counts["refused"] else "information",
        )


def _why(exc: Exception) -> str:
    """One line for what stopped a whole import: the store's own words when it is busy,
    full or read-only, the system's for another disk error, else only the error's kind
    (never its internals)."""
    from ...data.store import StoreError

    if isinstance(exc, StoreError):
        return str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        return f"the store could not be written ({exc.strerror})"
    return (
        f"an unexpected error ({type(exc).__name__}); the files reported above are in the "
        "store, nothing else changed"
    )
