"""In-process key timings: the app on a store at 120×36 under Textual's Pilot.

A key's time runs from the key being sent to the app being *settled*: every
event the key caused has been handled, no worker is pending or running, nothing
on the screen shows a loading indicator, and the screen has been painted since.
The handler returning is not the end: screens compute in thread workers.

Run one app per process (``run_once``) so every "first visit" is a first visit
and the process's peak RSS is the app's.
"""

from __future__ import annotations

import asyncio
import resource
import sys
import time
from pathlib import Path

from textual.worker import WorkerState

SIZE = (120, 36)
BUSY = (WorkerState.PENDING, WorkerState.RUNNING)


def _busy(app) -> str | None:
    """Why the app is not settled, or None."""
    if any(w.state in BUSY for w in app.workers):
        return "worker"
    for screen in app.screen_stack:
        if any(getattr(w, "loading", False) for w in screen.walk_children(with_self=True)):
            return "loading"
    return None


def _unpainted(screen) -> bool:
    """Something on the screen on top waits to be laid out or painted: a widget refreshed
    (its flags are passed to the screen when it next idles) or the screen itself."""
    if (
        screen._layout_required
        or screen._repaint_required
        or screen._scroll_required
        or screen._recompose_required
        or screen._dirty_widgets
    ):
        return True
    return any(
        w._layout_required or w._repaint_required or w._recompose_required or w._scroll_required
        for w in screen.walk_children()
    )


async def settle(pilot, timeout: float = 120.0) -> None:
    """Wait until no worker runs, nothing is loading and every change is laid out and
    painted, with every queued event handled, twice in a row.

    A widget refreshed by the last handler tells its screen only when it next idles, which
    can come after the events ``_wait_for_screen`` waits for: the screen's and its widgets'
    refresh flags are checked too, and while one is set the app is left to lay out and paint
    as it would in a terminal (its update timer, at most a frame later).
    """
    app = pilot.app
    end = time.perf_counter() + timeout
    calm = 0
    while calm < 2:
        if time.perf_counter() > end:
            why = _busy(app) or ("painting" if _unpainted(app.screen) else "?")
            raise TimeoutError(f"not settled after {timeout} s: {why}")
        if _busy(app) is not None:
            # Wait cheaply while a worker computes: ``_wait_for_screen`` posts a callback to
            # every widget of the screen, and polled each millisecond it was most of the CPU
            # a key seemed to cost (and took the GIL from the worker it waited for).
            calm = 0
            await asyncio.sleep(0.002)
            continue
        await pilot._wait_for_screen()  # every queued event of the screen handled
        if _busy(app) is not None:
            calm = 0
        elif _unpainted(app.screen):
            calm = 0
            await asyncio.sleep(0.001)  # Textual's update timer lays out and paints it
        else:
            calm += 1


async def timed(pilot, key: str, shows: str | None = None) -> tuple[float, float]:
    """Seconds from sending ``key`` to settled (and, with ``shows``, to a screen whose
    class name holds that word being the one on top: a pushed screen mounts later),
    and the CPU seconds of every thread of the process meanwhile.

    The key is posted as a terminal would send it (``App.simulate_key``), not with
    ``Pilot.press``, which waits for the process to look idle for at least 20 ms.
    """
    t0, c0 = time.perf_counter(), time.process_time()
    pilot.app.simulate_key(key)
    await settle(pilot)
    end = t0 + 120
    while shows and shows not in type(pilot.app.screen).__name__.lower():
        if time.perf_counter() > end:
            raise TimeoutError(f"{key}: the {shows} screen never showed")
        await asyncio.sleep(0.001)
        await settle(pilot)
    return time.perf_counter() - t0, time.process_time() - c0


async def untimed(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def _session(store_dir: Path, today) -> tuple[dict[str, float], dict[str, float]]:
    from tiktui.advisor.config import load_config
    from tiktui.data.store import Store
    from tiktui.ui.app import TikTuiApp

    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}

    async def key(name: str, key: str, shows: str | None = None) -> None:
        wall[name], cpu[name] = await timed(pilot, key, shows)

    t0, c0 = time.perf_counter(), time.process_time()
    app = TikTuiApp(Store.open(store_dir), config=load_config(None), today=today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        name = "1 Overview (open to settled)"
        wall[name], cpu[name] = time.perf_counter() - t0, time.process_time() - c0
        for k, screen in (("2", "Videos"), ("3", "Trends"), ("4", "Compare"), ("5", "Advisor")):
            await key(f"{k} {screen} (first visit)", k, screen.lower())
        await key("1 Overview (return)", "1", "overview")
        await key("p (period, Overview)", "p")
        await untimed(pilot, "2")
        await untimed(pilot, "right", "right", "right")
        await key("s (sort, Videos)", "s")
        await untimed(pilot, "slash", *"views>1k")
        await key("filter views>1k (enter)", "enter")
        await untimed(pilot, "escape")  # back to the grid, filter kept
        await untimed(pilot, "escape")  # filter cleared
        sorted_by = _context(app)
        await key("detail (enter on a video)", "enter", "detail")
        await untimed(pilot, "escape")
        await untimed(pilot, *["space"] * 6)
        await key("compare of 6 (c)", "c", "compare")
        marks = len(getattr(app, "marks", []))
        if marks != 6:
            raise RuntimeError(f"compare: {marks} videos marked, not 6")
        await key("no-op key (the method's own cost)", "f12")
        print(f"[bench] videos context after sort and filter: {sorted_by}", file=sys.stderr)
    return wall, cpu


def _context(app) -> str:
    """The Videos screen's top line as text (what the sort and filter said)."""
    try:
        return " ".join(str(w.render()) for w in app.screen.query("TopBar"))[:200]
    except Exception as exc:  # noqa: BLE001 — for the log only
        return repr(exc)


def run_once(store_dir: Path, today=None) -> dict:
    """One app, every key once: {"keys": {name: s}, "cpu_s": {name: s}, "peak_rss_mb": …}."""
    keys, cpu = asyncio.run(_session(store_dir, today))
    return {"keys": keys, "cpu_s": cpu, "peak_rss_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """This process's peak RSS since its exec (VmHWM). Not ``ru_maxrss``: Linux carries
    that over from the parent across fork and exec, so a big parent inflates it."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
