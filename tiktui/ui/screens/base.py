"""What every main screen shares: the header, the footer, and loading numbers off the UI thread.

A screen says what it depends on (:meth:`MainScreen.state_key`), computes its
numbers from an immutable :class:`~tiktui.ui.state.State` in a thread worker
(:meth:`compute`, pure Polars), and shows them on the UI thread (:meth:`show`).
It recomputes only when its key changed, when it is resumed or when the app
says the state changed, so switching screens is instant and a stale result
(the user pressed ``]`` twice quickly) is dropped.
"""

from __future__ import annotations

import contextlib
import traceback
from typing import Any, ClassVar

from textual import work
from textual._context import NoActiveAppError
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from ..state import State
from ..widgets.footer import KeyFooter
from ..widgets.topbar import TopBar

# The period keys of every screen whose numbers cover a period (``PERIOD_KEYS = True``).
PERIOD_BINDINGS: list[BindingType] = [
    Binding("p", "app.cycle_period(1)", "Period", tooltip="Cycle 7/28/60/90/365 days/all"),
    Binding(
        "left_square_bracket",
        "app.cycle_period(-1)",
        "Shorter",
        show=False,
        tooltip="Shorter period (the choice before)",
    ),
    Binding(
        "right_square_bracket",
        "app.cycle_period(1)",
        "Longer",
        show=False,
        tooltip="Longer period (the next choice)",
    ),
]


class MainScreen(Screen):
    """A top-level screen (one App mode)."""

    MODE: ClassVar[str] = ""
    TITLE_TEXT: ClassVar[str] = ""
    PERIOD_KEYS: ClassVar[bool] = False  # does the period apply here?
    PREFETCH: ClassVar[bool] = False  # once shown, compute what the next keys need (prefetch.py)
    LOADING_WHEN_EMPTY: ClassVar[bool] = True  # False: the screen says itself what it waits for

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "Quit", tooltip="Quit tiktui"),
    ]

    def __init__(self) -> None:
        super().__init__()
        # Its widgets take their styles from the stylesheet as it is when they mount. Left at
        # -1, Textual re-parses every CSS source and restyles every widget of the app, twice,
        # when the mode is first shown (0.1–0.3 s a screen); a theme change still does.
        with contextlib.suppress(NoActiveAppError):  # made outside an app (a test)
            self._css_update_count = self.app._css_update_count
        self._shown_key: Any = None
        self._loading_timer: Timer | None = None
        self._computing = False  # a load for ``_shown_key`` is under way
        self._prefetched_for: tuple[int, str | None] | None = None  # (version, account)
        self.result: Any = None

    # -- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TopBar(self.MODE, id="topbar")
        with Container(id="body"):
            yield from self.compose_body()
        yield KeyFooter()

    def compose_body(self) -> ComposeResult:
        yield Static("")

    @property
    def topbar(self) -> TopBar:
        return self.query_one(TopBar)

    # -- state -----------------------------------------------------------------------

    @property
    def state(self) -> State:
        return self.app.state  # type: ignore[attr-defined]

    def state_key(self, state: State) -> Any:
        """What this screen's numbers depend on; a change triggers a recompute."""
        return (state.version, state.account, state.period_days if self.PERIOD_KEYS else None)

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self, force: bool = False) -> None:
        state = self.state
        if state.account is None or not getattr(self.app, "tables_ready", True):
            return  # the first screen drawn from the kept summary: computed once tables are read
        key = self.state_key(state)
        if not force and key == self._shown_key:
            if self._computing and self.result is None and self.is_current:
                self._show_loading()  # prepared in the background, shown before its numbers
            self.topbar.refresh_app_facts()
            return
        self._shown_key = key
        self._computing = True
        if self.result is None:
            if self.is_current and self.LOADING_WHEN_EMPTY:  # (one prepared is not on screen)
                self._show_loading()  # nothing to show yet: say so rather than show empty widgets
        elif self._loading_timer is None:
            self._loading_timer = self.set_timer(0.25, self._show_loading)
        self._load(state, key)

    def adopt(self) -> None:
        """The shown numbers are those of the current state: take its key, compute nothing."""
        self._shown_key = self.state_key(self.state)
        self.topbar.refresh()
        self.call_after_refresh(self._prefetch)  # after the paint: no GIL taken from it

    def _show_loading(self) -> None:
        # A timer may fire before the screen has composed its body (a commit noticed
        # while the first screen is still being built): nothing to mark yet.
        for body in self.query("#body"):
            body.loading = True

    @work(thread=True, exclusive=True, group="screen-load")
    def _load(self, state: State, key: Any) -> None:
        try:
            result = self.compute(state)
        except Exception:  # a bug in a query must not take the app down with it
            self.app.call_from_thread(self._failed, key, traceback.format_exc(limit=4))
            return
        self.app.call_from_thread(self._deliver, key, result)

    def _stop_loading(self) -> None:
        if self._loading_timer is not None:
            self._loading_timer.stop()
            self._loading_timer = None
        for body in self.query("#body"):
            body.loading = False

    def _deliver(self, key: Any, result: Any) -> None:
        if key != self._shown_key:
            return
        self._computing = False
        self._stop_loading()
        self.result = result
        self.show(result)
        self.topbar.refresh()
        self.call_after_refresh(self._prefetch)  # after the paint: no GIL taken from it

    def _prefetch(self) -> None:
        if self.PREFETCH and self.state.account is not None:
            from ..prefetch import warm

            state = self.state
            # On new tables, two periods ahead: ``p`` then finds the period after it ready too.
            tables = (state.version, state.account)
            ahead = 1 if tables == self._prefetched_for else 2
            self._prefetched_for = tables
            self.run_worker(  # a prefetch that fails leaves the screen to compute it, and say so
                lambda: warm(state, ahead),
                thread=True,
                group="prefetch",
                exclusive=True,
                name="prefetch",
                exit_on_error=False,
            )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """What the next keys need is computed: prepare the other screens (see the App)."""
        worker = event.worker
        if worker.name == "prefetch" and event.state in (WorkerState.SUCCESS, WorkerState.ERROR):
            prepare = getattr(self.app, "prepare_screens", None)
            if prepare is not None:
                prepare()

    def _failed(self, key: Any, error: str) -> None:
        if key != self._shown_key:
            return
        self._computing = False
        self._stop_loading()
        self.notify(
            error.strip().splitlines()[-1],
            title="Could not compute this screen",
            severity="error",
            timeout=10,
        )

    def compute(self, state: State) -> Any:
        """Runs in a worker thread: pure data work only, no widgets."""
        return None

    def show(self, result: Any) -> None:
        """Runs on the UI thread with what :meth:`compute` returned."""

    def set_context(self, context: Content | str, status: Content | str = "") -> None:
        self.topbar.set_context(context, status)
