"""What the app remembers between starts: the theme picked with ctrl+p and the folders
imported from most recently.

A file of its own (``ui.json`` in platformdirs' user config folder) rather than
config.toml: that file is the user's, written by hand and commented, and
rewriting it would lose their comments. Only the real entry point gives the App
a file; tests give a temporary one or none (kept in memory), so they never see
a user's choice.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

RECENT_MAX = 8


class UiPrefs:
    """``ui.json``: read once, rewritten whole (atomically) on every change."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._data: dict[str, Any] = {}
        self._data = self._read()

    def _read(self) -> dict[str, Any]:
        """The file as it is now (another tiktui may have written it since)."""
        if self.path is None:
            return dict(self._data)
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self) -> None:
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(self._data, indent=1), encoding="utf-8")
            tmp.replace(self.path)
        except OSError:
            pass  # a read-only home must not turn importing or quitting into an error

    def theme(self, available: Mapping[str, object]) -> str | None:
        name = self._read().get("theme")
        return name if isinstance(name, str) and name in available else None

    def save_theme(self, name: str) -> None:
        self._data = self._read() | {"theme": name}
        self._write()

    def recent_folders(self) -> list[Path]:
        """Most recent first; folders that are gone (an unplugged disk) are kept but
        left out here, so they come back with the disk."""
        raw = self._data.get("recent_folders")
        if not isinstance(raw, list):
            return []
        return [Path(p) for p in raw if isinstance(p, str) and Path(p).is_dir()]

    def add_recent_folder(self, folder: Path) -> None:
        raw = self._read().get("recent_folders")
        kept = [p for p in raw if isinstance(p, str)] if isinstance(raw, list) else []
        first = str(folder)
        self._data = self._read() | {
            "recent_folders": [first, *[p for p in kept if p != first]][:RECENT_MAX]
        }
        self._write()
