"""The tiktui App: modes for the five main screens, global keys, the command palette.

The App owns the state (store, tables, account, period, marks) and nothing
else: every number is computed by a screen in a worker thread from an
immutable :class:`~tiktui.ui.state.State`. Nothing here depends on the clock
when ``today`` is given, so tests and screenshots are reproducible.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import platformdirs
from textual import work
from textual.app import App
from textual.binding import Binding, BindingType

from .. import summary
from ..advisor.config import ConfigError, load_config
from ..data.period import PERIOD_CHOICES as PERIODS
from ..summary import OverviewData
from . import gc_hold
from .commands import TiktuiCommands
from .loading import LATER_SCREENS, LoadedTables, later, warm_up
from .prefs import UiPrefs
from .prepare import PreparedModes
from .screens.base import MainScreen
from .screens.overview import OverviewScreen
from .screens.start import StartScreen
from .state import State
from .widgets.topbar import SCREENS

if TYPE_CHECKING:
    from ..data.schema import Tables
    from ..data.views import VideoFilter

DEMO_SEED = 7
POLL_S = 2.0  # how often the open app looks for a commit made by another process


class TikTuiApp(PreparedModes, App[int]):
    """Where your TikTok views come from."""

    CSS_PATH = "app.tcss"
    TITLE = "tiktui"
    MODES: ClassVar[dict[str, Any]] = {
        "start": StartScreen,
        "overview": OverviewScreen,
        **{mode: later(*where) for mode, where in LATER_SCREENS.items()},
    }
    DEFAULT_MODE = "start"
    COMMANDS = App.COMMANDS | {TiktuiCommands}
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (36, "-tall")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "goto('overview')", "Overview", show=False),
        Binding("2", "goto('videos')", "Videos", show=False),
        Binding("3", "goto('trends')", "Trends", show=False),
        Binding("4", "goto('compare')", "Compare", show=False),
        Binding("5", "goto('advisor')", "Advisor", show=False),
        Binding("i", "open_import", "Import", tooltip="Import TikTok export files"),
        Binding("a", "switch_account", "Account", tooltip="Switch account"),
        Binding("question_mark", "help", "Help", tooltip="Every key of this screen"),
    ]

    def __init__(
        self,
        store: Any = None,
        *,
        tables: Tables | None = None,
        today: date | None = None,
        demo: bool = False,
        config: Any = None,
        store_label: str | None = None,
        import_root: Path | None = None,
        period_days: int | None = summary.START_PERIOD_DAYS,
        prefs: UiPrefs | None = None,
    ) -> None:
        today = today or date.today()
        kept = None
        if store is not None and tables is None and not demo:
            kept = _fresh_summary(store, period_days, today, config)
        if kept is not None:  # straight to the Overview: no start screen to build and leave
            self.DEFAULT_MODE = "overview"
        super().__init__()
        self.store = store
        self.today: date = today
        self.is_demo = demo
        self.config = config
        self.store_label = store_label
        self.import_root = import_root  # None: the most recent import folder, else home
        self.prefs = prefs or UiPrefs()  # no file: remembered for this run only
        self.tables: Tables = {}
        self.account: str | None = None
        self.accounts: list[str] = []
        self.fresh: date | None = None  # the account's last day with data, for the header
        self._fresh_by_account: dict[str, date | None] = {}
        self.period_days: int | None = period_days
        self.marks: list[str] = []
        self.rolling = False
        self.version = 0
        self._initial_tables = tables
        self._pending_filter: VideoFilter | None = None
        self._demo_dirs: list[str] = []  # throwaway demo stores, removed by cleanup()
        self._scoped = False  # self.tables hold only self.account's rows (read from a store)
        self._store_token: object = None
        self._start_period = period_days  # the period a summary is kept for
        self._commit: tuple[int, int | None] = (0, None)  # (state version, its commit)
        self.startup_overview: OverviewData | None = None  # drawn before the tables load
        self._startup_commit: int | None = None
        self._warmed = False
        self._painted = False  # a frame was handed to the terminal (see _display)
        self._paint_waited = False  # first_paint_done came before that frame
        self._damage_shown: tuple[str, ...] = ()  # named once, not at every reload
        if kept is not None:
            self.startup_overview = kept.overview
            self._startup_commit = kept.commit
            self.account = kept.account
            self.accounts = list(kept.accounts)
            self.fresh = kept.overview.fresh

    # -- state -----------------------------------------------------------------------

    @property
    def state(self) -> State:
        return State(
            self.tables,
            self.account,
            self.period_days,
            self.today,
            tuple(self.marks),
            self.rolling,
            self.version,
            self.config,
            tuple(self.accounts),
            self.fresh,
        )

    def _changed(self) -> None:
        """Tell the visible main screen; the others recompute when next shown."""
        if isinstance(self.screen, MainScreen):
            self.screen.reload()

    def set_account(self, account: str | None) -> None:
        if account is None or account == self.account:
            return
        if self.store is not None and self._scoped:
            self._load_store(self.store, account)  # switched once its tables are read
            return
        self.account = account
        self.fresh = self._fresh_by_account.get(account)
        self.marks.clear()
        self._changed()

    def action_cycle_period(self, step: int) -> None:
        index = PERIODS.index(self.period_days) if self.period_days in PERIODS else 1
        self.period_days = PERIODS[(index + step) % len(PERIODS)]
        self._changed()

    def action_set_period(self, days: int | None) -> None:
        self.period_days = days
        self._changed()

    def action_toggle_rolling(self) -> None:
        self.rolling = not self.rolling
        self._changed()

    def toggle_mark(self, video_id: str) -> None:
        if video_id in self.marks:
            self.marks.remove(video_id)
        else:
            self.marks.append(video_id)

    def clear_marks(self) -> None:
        self.marks.clear()

    def show_videos(self, flt: VideoFilter) -> None:
        """Open the Videos screen filtered (the Advisor's "show me the videos")."""
        self._pending_filter = flt
        self.switch_mode("videos")

    def pop_pending_filter(self) -> VideoFilter | None:
        flt, self._pending_filter = self._pending_filter, None
        return flt

    # -- loading ---------------------------------------------------------------------

    @property
    def tables_ready(self) -> bool:
        """The tables are read (False while the first screen shows the kept summary)."""
        return self.startup_overview is None or self.version > 0

    def on_mount(self) -> None:
        if self._initial_tables is not None:
            self._open_tables(self._initial_tables)
        elif self.is_demo:
            self.action_open_demo()
        elif self.startup_overview is None:
            self._start_screen().show_loading("Opening your store…")
            self.reload_store()
        # else the Overview is drawn from the summary: the tables are read once it is on
        # screen (first_paint_done)
        self.set_interval(POLL_S, self._poll_store)

    def first_paint_done(self) -> None:
        """The Overview is on screen: read the tables behind it (when it was drawn from the
        summary) and load the other screens' code, both in the background."""
        if self._warmed:
            return
        if not self._painted:  # Textual dropped the frame (start-up batch): wait for one
            self._paint_waited = True
            return
        self._warmed = True
        gc_hold.release()
        if not self.tables_ready:
            self.reload_store()
        threading.Thread(target=warm_up, name="tiktui-warm-up", daemon=True).start()

    def _display(self, screen: Any, renderable: Any) -> None:
        """Textual's hand-over of a frame to the terminal, watched for the first one.

        Frames made while Textual batches its start-up are dropped, so a callback "after
        refresh" can run before anything is on screen. Started then, the background reads
        (Polars, the tables) took the CPU from the first frame: measured, the Overview
        reached the terminal 50–130 ms later than it does when they wait for this.
        """
        super()._display(screen, renderable)
        if not self._painted and renderable is not None and not self._batch_count:
            self._painted = True
            if self._paint_waited:
                self.call_later(self.first_paint_done)

    def remember_overview(self, state: State, data: OverviewData) -> None:
        """Keep the Overview's numbers beside the store for the next start (worker thread)."""
        version, commit = self._commit
        if (
            self.store is None
            or self.is_demo
            or commit is None
            or version != state.version
            or state.account is None
            or state.period_days != self._start_period
        ):
            return
        kept = summary.Summary(
            commit,
            state.account,
            list(state.accounts),
            state.period_days,
            state.today,
            summary.config_key(state.config),
            data,
        )
        summary.write(Path(self.store.root), kept)

    def _poll_store(self) -> None:
        """Notice a commit another process made (``tiktui import`` in another terminal):
        one ``stat`` of the manifest; the tables are read again only when it changed.

        Not before the first read nor during any: a read takes the token it was made at, and
        the next poll compares with that. Read again meanwhile, the same commit arrives twice
        and the second recomputes what the first adopted (the Overview drawn from the summary).
        """
        if self.store is None or self._initial_tables is not None:
            return
        if self.version == 0 or any(w.group == "store" and not w.is_finished for w in self.workers):
            return
        token = self.store.version()
        if token is not None and token != self._store_token:
            self._store_token = token
            self.reload_store()

    def _start_screen(self) -> StartScreen:
        """The base screen of the "start" mode (created with the app, never removed)."""
        screen = self._screen_stacks["start"][0]
        assert isinstance(screen, StartScreen)
        return screen

    def reload_store(self) -> None:
        if self.store is not None:
            self._load_store(self.store, self.account)

    @work(thread=True, exclusive=True, group="store")
    def _load_store(self, store: Any, account: str | None) -> None:
        self.call_from_thread(self._tables_loaded, LoadedTables.of_store(store, account))

    @work(thread=True, exclusive=True, group="store")
    def _open_tables(self, tables: Tables) -> None:
        """Tables given to the App (tests, screenshots): indexed off the UI thread too."""
        self.call_from_thread(self._tables_loaded, LoadedTables.of(tables))

    def _tables_loaded(self, loaded: LoadedTables) -> None:
        gc_hold.release()  # whatever the first screen is, the app has started
        if loaded.damaged and loaded.damaged != self._damage_shown:
            self.notify(
                "\n".join(loaded.damaged)
                + "\nWhat is whole is shown; `tiktui doctor` says what fixes the rest.",
                title="Part of the store is damaged",
                severity="error",
                timeout=30,
                markup=False,
            )
        self._damage_shown = loaded.damaged
        self.tables = loaded.tables
        self.accounts = loaded.accounts
        self._fresh_by_account = loaded.fresh
        self._scoped = loaded.account is not None
        if loaded.token is not None:
            self._store_token = loaded.token
        if loaded.account is not None and loaded.account != self.account:
            self.account = loaded.account
            self.marks.clear()
        if self.account not in self.accounts:
            self.account = self.accounts[0] if self.accounts else None
            self.marks.clear()
        self.fresh = loaded.fresh.get(self.account) if self.account else None
        self.version += 1
        self._commit = (self.version, loaded.commit)
        early, self._startup_commit = self._startup_commit, None
        screen = self.screen
        if (
            early is not None
            and early == loaded.commit
            and self.account == loaded.account
            and self.period_days == self._start_period
            and isinstance(screen, OverviewScreen)
            and screen.result in (None, self.startup_overview)  # None: drawn on its resume
        ):
            screen.adopt()  # what the summary drew is what these tables give: no recompute
            return
        if self.account is None:
            label = self.store_label
            if label is None and self.store is not None:
                label = _home_relative(Path(self.store.root))
            if self.current_mode == "start":
                self._start_screen().show_welcome(label or "")
            return
        if self.current_mode == "start" and self.screen is self._start_screen():
            self.leave_start_if_ready()
        else:
            self._changed()

    def leave_start_if_ready(self) -> None:
        if self.account is not None and self.current_mode == "start":
            self.switch_mode("overview")

    def action_open_demo(self) -> None:
        """Build the demo account in a throwaway folder; the user's store is never touched."""
        if self.current_mode == "start":
            self._start_screen().show_loading("Building the demo account (a year of data)…")
        # Made here, not in the worker, so cleanup() knows it even if the user quits mid-build.
        folder = tempfile.mkdtemp(prefix="tiktui-demo-")
        self._demo_dirs.append(folder)
        self._build_demo(folder)

    @work(thread=True, exclusive=True, group="store")
    def _build_demo(self, folder: str) -> None:
        from ..data.demo import build_demo_store  # only the demo needs it

        store = build_demo_store(Path(folder), today=self.today, seed=DEMO_SEED)
        loaded = LoadedTables.of_store(store, None)
        self.call_from_thread(self._demo_ready, folder, store, loaded)

    def _demo_ready(self, folder: str, store: Any, loaded: LoadedTables) -> None:
        for old in [d for d in self._demo_dirs if d != folder]:
            shutil.rmtree(old, ignore_errors=True)
        self._demo_dirs = [folder]
        self.store = store
        self.is_demo = True
        self.account = None
        self._tables_loaded(loaded)

    def cleanup(self) -> None:
        """Remove the demo's throwaway store(s)."""
        for folder in self._demo_dirs:
            shutil.rmtree(folder, ignore_errors=True)
        self._demo_dirs = []

    # -- actions ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.is_quitting:
            return False  # keys typed right after q: opening a screen now would crash the exit
        if action == "goto":
            if self.account is None or not self.tables_ready:
                return False
            return None if parameters and self.current_mode == parameters[0] else True
        if action == "switch_account":
            return len(self.accounts) > 1
        return True

    @property
    def is_quitting(self) -> bool:
        """True once the app was told to exit (Textual keeps handling the keys already sent)."""
        return bool(getattr(self, "_exit", False))

    def action_goto(self, mode: str) -> None:
        if self.account is None:
            return
        self.switch_mode(mode)

    def action_compare(self) -> None:
        if len(self.marks) < 2:
            self.notify(
                "Mark 2 to 6 videos with space on the Videos screen first.", severity="warning"
            )
            return
        self.switch_mode("compare")

    def action_open_import(self) -> None:
        from .screens.importer import ImportScreen

        if isinstance(self.screen, ImportScreen):
            return
        recent = self.prefs.recent_folders()
        root = self.import_root or (recent[0] if recent else Path.home())
        self.push_screen(ImportScreen(root, self.prefs))

    def action_switch_account(self) -> None:
        if len(self.accounts) < 2:
            self.notify("The store holds one account.", timeout=3)
            return
        from .screens.accounts import AccountScreen

        self.push_screen(AccountScreen(self.accounts, self.account), self.set_account)

    def action_help(self) -> None:
        from .screens.help import HelpScreen, screen_keys

        if isinstance(self.screen, HelpScreen):
            return
        name = getattr(self.screen, "HELP_TITLE", "")
        if isinstance(self.screen, MainScreen):
            name = next((label for _, m, label in SCREENS if m == self.current_mode), name)
        title = f"Keys of {name or type(self.screen).__name__.removesuffix('Screen')}"
        self.push_screen(HelpScreen(title, screen_keys(self.screen)))


def _fresh_summary(
    store: Any, period_days: int | None, today: date, config: Any
) -> summary.Summary | None:
    """The summary beside the store when it is fresh (same commit, period, day and advice
    config): the Overview is drawn from it, no table read and no number computed."""
    kept = summary.fresh(Path(store.root), period_days, today, config)
    if kept is None or kept.account not in kept.accounts:
        return None
    return kept


def _home_relative(path: Path) -> str:
    try:
        return "~/" + str(path.resolve().relative_to(Path.home().resolve()))
    except ValueError:
        return str(path)


def run_app(data_dir: str | None = None, demo: bool = False, config: str | None = None) -> int:
    """Open the app (``tiktui``) or the demo (``tiktui demo``); the CLI's entry point.
    The store is opened on first use: the first screen is drawn from the summary beside
    it, before Polars is loaded (see :mod:`tiktui.data.location`)."""
    from ..data.location import LazyStore, prepare

    gc_hold.freeze_imports()
    try:
        advisor_config = load_config(config)
    except ConfigError as exc:
        print(f"tiktui: {exc}")
        return 2
    store = None if demo else LazyStore(prepare(data_dir))
    prefs = UiPrefs(Path(platformdirs.user_config_dir("tiktui")) / "ui.json")
    app = TikTuiApp(store, demo=demo, config=advisor_config, prefs=prefs)
    app.theme = prefs.theme(app.available_themes) or app.theme
    try:
        app.run()
    finally:
        app.cleanup()
        prefs.save_theme(app.theme)
    return app.return_code or 0
