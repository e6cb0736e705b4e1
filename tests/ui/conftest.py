"""Shared fixtures for the UI tests: fixed tables, a frozen today, and a way to wait for workers."""

from __future__ import annotations

import pytest

from tiktui.data.schema import Tables
from tiktui.ui.app import TikTuiApp

from .factory import TODAY, make_tables

_TABLES: Tables | None = None


def fixture_tables() -> Tables:
    """Built once per session: frames are immutable, so tests can share them."""
    global _TABLES
    if _TABLES is None:
        _TABLES = make_tables()
    return _TABLES


@pytest.fixture
def tables() -> Tables:
    return fixture_tables()


def make_app(**kwargs) -> TikTuiApp:
    kwargs.setdefault("tables", fixture_tables())
    kwargs.setdefault("today", TODAY)
    return TikTuiApp(**kwargs)


async def settle(pilot) -> None:
    """Wait until every worker finished and its result was shown.

    DirectoryTree's ``_loader`` worker never finishes (it waits for folders to
    read), so it is left out.
    """
    for _ in range(4):
        await pilot.pause()
        workers = [w for w in pilot.app.workers if w.group != "_loader"]
        if workers:
            await pilot.app.workers.wait_for_complete(workers)
    await pilot.pause()


async def press(pilot, *keys: str) -> None:
    """Press keys, letting workers started by each key finish before the next."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def screen_text(app) -> str:
    """What a person would read on the screen right now (no styles)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


def aio(fn):
    """Run an ``async def`` test without an asyncio plugin (none is a dependency)."""
    import asyncio
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return wrapper
