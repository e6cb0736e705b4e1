"""Results kept per set of tables, so that screens, the advisor and prefetching share them.

A store's tables are one object per account and commit (``Store.tables``): a
commit reads new frames, so a result keyed by the *identity* of the frames it
was computed from can never be shown for another commit — it is a stricter key
than the manifest's commit counter, and it works for tables that never came
from a store (the demo, tests). The key's objects are kept alive with the
result, so their ids cannot be reused while the entry exists.

Two threads asking for the same missing result (a prefetch and the screen the
user just opened) compute it once: the second waits for the first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Memo(Generic[T]):
    """The last ``kept`` results, keyed by object identities plus hashable values."""

    def __init__(self, kept: int = 8) -> None:
        self.kept = kept
        self._entries: OrderedDict[tuple, tuple[tuple[Any, ...], T]] = OrderedDict()
        self._building: dict[tuple, threading.Event] = {}
        self._lock = threading.Lock()

    def get(self, objects: Iterable[Any], values: Hashable, build: Callable[[], T]) -> T:
        """The result for these objects (by identity) and values, built once."""
        held = tuple(objects)
        key = (*(id(o) for o in held), values)
        while True:
            with self._lock:
                hit = self._entries.get(key)
                if hit is not None and all(a is b for a, b in zip(hit[0], held, strict=True)):
                    self._entries.move_to_end(key)
                    return hit[1]
                waiting = self._building.get(key)
                if waiting is None:
                    done = self._building[key] = threading.Event()
                    break
            waiting.wait()  # another thread builds it; then read it (or build it if it failed)
        try:
            result = build()
            with self._lock:
                self._entries[key] = (held, result)
                self._entries.move_to_end(key)
                while len(self._entries) > self.kept:
                    self._entries.popitem(last=False)
            return result
        finally:
            with self._lock:
                del self._building[key]
            done.set()

    def peek(self, objects: Iterable[Any], values: Hashable) -> T | None:
        """The kept result, or None (nothing is built)."""
        held = tuple(objects)
        key = (*(id(o) for o in held), values)
        with self._lock:
            hit = self._entries.get(key)
        if hit is not None and all(a is b for a, b in zip(hit[0], held, strict=True)):
            return hit[1]
        return None

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def frames(tables: dict[str, Any], names: Iterable[str] | None = None) -> tuple[Any, ...]:
    """The frames a result depends on, in a fixed order: these ``names`` or every table."""
    return tuple(tables.get(n) for n in (sorted(tables) if names is None else names))
