"""Where the store lives, and a store opened on first use: what starting the app needs
before anything is read, without Polars.

Opening the app draws its first screen from the summary beside the store
(:mod:`tiktui.summary`); all it needs of the store until then is its folder and the
manifest's version. :class:`LazyStore` gives those at once and opens the real
:class:`~tiktui.data.store.Store` (which loads Polars) the first time anything else
is asked of it, in the worker that reads the tables.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .store import Store

MANIFEST = "manifest.json"  # the commit point (see :mod:`.manifest`)


def default_data_dir() -> Path:
    """Where the store lives: ``TIKTUI_DATA_DIR`` or the platform's user data dir."""
    env = os.environ.get("TIKTUI_DATA_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("tiktui"))


def prepare(root: Path | str | None = None) -> Path:
    """The store's folder (``root``, else the default), created with its ``raw/`` folder."""
    path = Path(root).expanduser() if root is not None else default_data_dir()
    (path / "raw").mkdir(parents=True, exist_ok=True)
    return path


def manifest_token(root: Path) -> tuple[int, int, int] | None:
    """A cheap token that changes with every commit (one ``stat``): for polling."""
    try:
        st = os.stat(root / MANIFEST)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class LazyStore:
    """A :class:`~tiktui.data.store.Store` at ``root``, opened the first time anything but
    its folder or its version is asked of it (from any thread, once)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._store: Store | None = None
        self._opening = threading.Lock()

    def version(self) -> tuple[int, int, int] | None:
        return manifest_token(self.root)

    def opened(self) -> Store:
        with self._opening:
            if self._store is None:
                from .store import Store

                self._store = Store(self.root)
            return self._store

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_store", "_opening"):
            raise AttributeError(name)
        return getattr(self.opened(), name)
