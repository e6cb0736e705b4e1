"""Each screen at 80×24 and 120×36 on fixed data and a frozen today (pytest-textual-snapshot).

Update after an intended change with ``pytest tests/ui/test_snapshots.py --snapshot-update``
and look at the SVGs in ``tests/ui/__snapshots__/`` before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tiktui.advisor import items
from tiktui.advisor.items import AdviceItem

from .conftest import make_app, press, settle

SIZES = [(80, 24), (120, 36)]

SCREENS: dict[str, tuple[str, ...]] = {
    "overview": (),
    "videos": ("2",),
    "trends": ("3",),
    "compare": ("2", "space", "space", "j", "space", "4"),
    "advisor": ("5",),
    "detail": ("2", "j", "j", "enter"),
    "help": ("2", "question_mark"),
}


FIXED_ADVICE = [
    AdviceItem(
        "Search brings you 7.2% of views, 6.6× the typical 1.1% — write for it",
        [
            "Search: 7.2% of views over 8 videos posted in the 28 days to 2026-11-19",
            "typical Search share: 1.1% (median, quso.ai, 2025–26)",
        ],
        ["Put the search terms in captions, on-screen text and the words you say"],
        "medium",
        ["7300000000000007919"],
        "Source mix against the benchmark",
        "share ≥ 2.5× the median · quso.ai",
    ),
    AdviceItem(
        "Only 38% of views watch to the end — tighten the videos",
        ["38.2% < 40%"],
        ["Cut the intro"],
        "low",
        [],
        "Retention",
        "rule of thumb",
    ),
]


@pytest.fixture(autouse=True)
def fixed_advice(monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots test the screens' layout, so the advisor's wording is pinned here: a change
    in tiktui.advisor must not break UI snapshots (its own tests cover it)."""
    monkeypatch.setattr(items, "advice_items", lambda *args, **kwargs: list(FIXED_ADVICE))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, screen: str, size: tuple[int, int]) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        await press(pilot, *SCREENS[screen])

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_welcome_screen(snap_compare, size: tuple[int, int]) -> None:
    app = make_app(tables={}, store_label="~/.local/share/tiktui")
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_import_screen(
    snap_compare, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = Path(__file__).parent.parent / "fixtures" / "json"
    monkeypatch.setenv("HOME", str(root.parent))  # shown as ~/json/ wherever the checkout is

    async def run_before(pilot) -> None:
        await settle(pilot)
        await press(pilot, "i")
        for _ in range(10):  # the tree reads the folder in its own, never-ending worker
            await pilot.pause(0.05)
        await press(pilot, "escape", "down", "down", "space")  # past ``..``: the first file

    app = make_app(import_root=root)
    assert snap_compare(app, terminal_size=size, run_before=run_before)
