"""Where the store lives, found without loading the store's code (Polars, the lock)."""

from __future__ import annotations

import os
from pathlib import Path


def default_data_dir() -> Path:
    """Where the store lives: ``TIKTUI_DATA_DIR`` or the platform's user data dir."""
    env = os.environ.get("TIKTUI_DATA_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("tiktui"))
