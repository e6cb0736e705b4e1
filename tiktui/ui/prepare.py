"""The other main screens, built in the background once the first one has settled.

A first visit used to compose a screen, style its widgets, lay it out and fill
it with its numbers while the user waited (0.1–0.2 s for Trends and the
Advisor). Once the Overview is drawn and the prefetch (:mod:`.prefetch`) has
computed what the next keys need, each other mode's screen is installed here,
one at a time and without being shown: it composes, computes its numbers (cache
hits by then) and is laid out at the terminal's size, as a screen visited
earlier would be. Pressing its key is then a switch to a drawn screen.

The video detail screen is built the same way (empty, filled when a video is
opened). This runs as a Textual worker, so whoever waits for the app to settle (the
tests, the benchmark) waits for it too; a key pressed meanwhile is handled
between two steps.

Textual lays out and paints only the screen on top; laying out a hidden one
takes two of its private methods (``App._init_mode``, ``Screen._refresh_layout``),
pinned with Textual's version in pyproject.toml.
"""

from __future__ import annotations

import asyncio
import gc
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

if TYPE_CHECKING:
    from textual.widget import AwaitMount

# In the order a user is likely to visit them.
PREPARED = ("videos", "trends", "advisor", "compare")
LAYOUT_ROUNDS = 4  # a list re-wrapped at its laid-out width asks for one more layout


async def prepare_modes(app: Any, modes: tuple[str, ...] = PREPARED) -> None:
    """Install each mode's base screen that is not installed yet (a worker on the UI loop)."""
    for mode in modes:
        if app.is_quitting or app.account is None:
            return
        if mode in app._screen_stacks:  # visited already (or being prepared)
            continue
        # What ``App.switch_mode`` does for a new mode, less the switch: the screen composes,
        # and its ScreenResume starts its load (see ``MainScreen.reload``).
        await app._init_mode(mode)
        screen = app._screen_stacks[mode][0]
        await _lay_out(app, screen)
    await _prepare_detail(app)
    settle_memory()


async def _prepare_detail(app: Any) -> None:
    """The one video detail screen (``screens.common.open_video`` reuses it), composed and
    laid out without a video: enter on a video then fills it and pushes it."""
    from .screens.common import DETAIL
    from .screens.detail import VideoDetailScreen

    if app.is_quitting or app.is_screen_installed(DETAIL):
        return
    screen = VideoDetailScreen(None)
    app.install_screen(screen, DETAIL)
    _screen, mounted = app._get_screen(DETAIL)  # composed, as push_screen would
    await mounted
    screen._refresh_layout(app.size)  # its breakpoints and sizes, as when it is pushed
    await _lay_out(app, screen)


def settle_memory() -> None:
    """What is alive now lives as long as these tables: collect the garbage once and leave
    the rest out of later collections (``gc.freeze``). A full collection then scans only
    what was made since: 5–15 ms rather than 50–100 ms landing on whichever key trips it.
    Undone before the next freeze (new tables: a commit or another account), so nothing
    that dies later is kept beyond that."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


async def _lay_out(app: Any, screen: Screen) -> None:
    """Lay out a hidden screen once its numbers are in, until nothing asks for more."""
    while getattr(screen, "_computing", False) and not app.is_quitting:
        await asyncio.sleep(0.002)  # its load worker: a cache hit, a few ms
    for _ in range(LAYOUT_ROUNDS):
        await _drained(screen)
        if app.is_quitting or screen.is_current:
            return
        if not screen._layout_required:
            screen._compositor.render_strips()  # its widgets' lines, kept until they change
            return
        screen._layout_required = False
        screen._refresh_layout(app.size)  # Resize events: a list may re-wrap to its width


async def _drained(screen: Screen) -> None:
    """Every message already sent to the screen or one of its widgets has been handled."""
    waits = []
    for widget in screen.walk_children(with_self=True):
        done = asyncio.Event()
        widget.call_later(done.set)
        waits.append(done.wait())
    await asyncio.gather(*waits)


class PreparedModes:
    """The App's side of it (mixed into ``TikTuiApp`` before Textual's ``App``): when to
    prepare, and switching to a prepared screen without Textual's 50 ms hold."""

    _prepared = False  # the other modes' screens were prepared (once per app)
    _settled_version = 0  # the tables (state version) the memory was last settled for

    def prepare_screens(self) -> None:
        """The Overview is settled and the prefetch done: build the other main screens now
        (once), so that a first visit is a switch to a drawn screen; on new tables (a commit,
        another account) settle the memory again (see ``prepare.settle_memory``)."""
        if self.is_quitting or self.account is None:
            return
        if not self._prepared:
            self._prepared = True
            self._settled_version = self.version
            self.run_worker(
                prepare_modes(self), name="prepare", group="prepare", exit_on_error=False
            )
        elif self._settled_version != self.version:
            self._settled_version = self.version
            settle_memory()

    _switch_at_once = False  # the mode being switched to is composed already

    def switch_mode(self, mode: str) -> AwaitMount:
        """Textual holds every paint for 50 ms at a mode switch, to hide the new screen
        composing. A screen composed already (prepared, or shown before) is painted as soon
        as it has handled its ScreenResume (restyled, its numbers checked), once."""
        at_once = mode in self._screen_stacks and mode != self.current_mode
        self._switch_at_once = at_once
        if at_once:
            self._begin_batch()
        try:
            done = super().switch_mode(mode)
        except BaseException:
            if at_once:
                self._end_batch()
            raise
        finally:
            self._switch_at_once = False
        if at_once:
            self.screen.call_later(self._end_switch)  # queued after its ScreenResume
        return done

    def delay_update(self, delay: float = 0.05) -> None:
        if not self._switch_at_once:
            super().delay_update(delay)

    def _end_switch(self) -> None:
        self._end_batch()
        if not self._batch_count:
            self.screen.refresh()
