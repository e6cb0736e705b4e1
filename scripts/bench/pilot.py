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


async def settle(pilot, timeout: float = 120.0) -> None:
    """Wait until no worker runs and nothing is loading, twice in a row, then paint."""
    app = pilot.app
    end = time.perf_counter() + timeout
    calm = 0
    while calm < 2:
        await pilot._wait_for_screen()  # every queued event of the screen handled
        if _busy(app) is None:
            calm += 1
        else:
            calm = 0
            await asyncio.sleep(0.001)
        if time.perf_counter() > end:
            raise TimeoutError(f"not settled after {timeout} s: {_busy(app)}")
    app.screen._on_timer_update()  # the paint that shows the final numbers (as Pilot does)
    await pilot._wait_for_screen()


async def timed(pilot, key: str, shows: str | None = None) -> float:
    """Seconds from sending ``key`` to settled (and, with ``shows``, to a screen whose
    class name holds that word being the one on top: a pushed screen mounts later).

    The key is posted as a terminal would send it (``App.simulate_key``), not with
    ``Pilot.press``, which waits for the process to look idle for at least 20 ms.
    """
    t0 = time.perf_counter()
    pilot.app.simulate_key(key)
    await settle(pilot)
    end = t0 + 120
    while shows and shows not in type(pilot.app.screen).__name__.lower():
        if time.perf_counter() > end:
            raise TimeoutError(f"{key}: the {shows} screen never showed")
        await asyncio.sleep(0.001)
        await settle(pilot)
    return time.perf_counter() - t0


async def untimed(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def _session(store_dir: Path, today) -> dict[str, float]:
    from tiktui.advisor.config import load_config
    from tiktui.data.store import Store
    from tiktui.ui.app import TikTuiApp

    out: dict[str, float] = {}
    t0 = time.perf_counter()
    app = TikTuiApp(Store.open(store_dir), config=load_config(None), today=today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        out["1 Overview (open to settled)"] = time.perf_counter() - t0
        for key, name in (("2", "Videos"), ("3", "Trends"), ("4", "Compare"), ("5", "Advisor")):
            out[f"{key} {name} (first visit)"] = await timed(pilot, key, name.lower())
        out["1 Overview (return)"] = await timed(pilot, "1", "overview")
        out["p (period, Overview)"] = await timed(pilot, "p")
        await untimed(pilot, "2")
        await untimed(pilot, "right", "right", "right")
        out["s (sort, Videos)"] = await timed(pilot, "s")
        await untimed(pilot, "slash", *"views>1k")
        out["filter views>1k (enter)"] = await timed(pilot, "enter")
        await untimed(pilot, "escape")  # back to the grid, filter kept
        await untimed(pilot, "escape")  # filter cleared
        sorted_by = _context(app)
        out["detail (enter on a video)"] = await timed(pilot, "enter", "detail")
        await untimed(pilot, "escape")
        await untimed(pilot, *["space"] * 6)
        out["compare of 6 (c)"] = await timed(pilot, "c", "compare")
        out["no-op key (the method's own cost)"] = await timed(pilot, "f12")
        print(f"[bench] videos context after sort and filter: {sorted_by}", file=sys.stderr)
        marks = len(getattr(app, "marks", []))
        if marks != 6:
            raise RuntimeError(f"compare: {marks} videos marked, not 6")
    return out


def _context(app) -> str:
    """The Videos screen's top line as text (what the sort and filter said)."""
    try:
        return " ".join(str(w.render()) for w in app.screen.query("TopBar"))[:200]
    except Exception as exc:  # noqa: BLE001 — for the log only
        return repr(exc)


def run_once(store_dir: Path, today=None) -> dict:
    """One app, every key once: {"keys": {name: seconds}, "peak_rss_mb": …}."""
    keys = asyncio.run(_session(store_dir, today))
    return {"keys": keys, "peak_rss_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """This process's peak RSS since its exec (VmHWM). Not ``ru_maxrss``: Linux carries
    that over from the parent across fork and exec, so a big parent inflates it."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
