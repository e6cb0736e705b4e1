"""Write an SVG of each main screen on the demo account, for the README.

    python -m tiktui.ui.screenshots [--out screenshots] [--size 120x36]

The demo is built with a fixed today (2026-11-20) and seed (7) in a throwaway
folder, hours are shown in UTC (not this computer's zone), and the app runs
headless, so the same command gives the same pictures on any machine and never
touches the user's store.
"""

from __future__ import annotations

import argparse
import asyncio
from datetime import date
from pathlib import Path

from ..advisor import AdvisorConfig
from .app import TikTuiApp

TODAY = date(2026, 11, 20)

# file name -> keys pressed from the Overview (each followed by waiting for the workers)
SHOTS: dict[str, tuple[str, ...]] = {
    "1-overview": (),
    "2-videos": ("2",),
    "3-trends": ("3",),
    # the three most-viewed videos, marked and compared
    "4-compare": ("2", "l", "l", "l", "s", "space", "space", "space", "4"),
    "5-advisor": ("5",),
    # a video with growth snapshots, a source mix over time, retention and search terms
    "video-detail": ("2", "j", "j", "j", "j", "j", "enter"),
}


async def _settle(pilot) -> None:
    for _ in range(4):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _shoot(name: str, keys: tuple[str, ...], size: tuple[int, int], out: Path) -> Path:
    app = TikTuiApp(demo=True, today=TODAY, config=AdvisorConfig(timezone="UTC"))
    try:
        async with app.run_test(size=size) as pilot:
            await _settle(pilot)
            for key in keys:
                await pilot.press(key)
                await _settle(pilot)
            path = out / f"{name}.svg"
            path.write_text(
                app.export_screenshot(title=f"tiktui — {name.split('-', 1)[-1]}"), encoding="utf-8"
            )
            return path
    finally:
        app.cleanup()


async def main(out: Path, size: tuple[int, int]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    return [await _shoot(name, keys, size, out) for name, keys in SHOTS.items()]


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tiktui.ui.screenshots", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--out", default="screenshots", type=Path)
    parser.add_argument("--size", default="120x36", help="COLSxROWS (default 120x36)")
    args = parser.parse_args(argv)
    cols, rows = (int(n) for n in args.size.lower().split("x"))
    for path in asyncio.run(main(args.out, (cols, rows))):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(cli())
