"""An opt-in timing trace of ``tiktui import``: where each file's time went.

``TIKTUI_TRACE=path tiktui import …`` writes ``path`` once the import is done,
one JSON line per file, in the order the files were given::

    {"file": "…/page_007.json", "status": "imported",
     "read": [0.412, 0.413], "stage": [1.201, 1.203], "commit": [2.080, 2.310],
     "commit_files": 96, "cpu": {"read": …, "stage": …, "commit": …}}

``read`` is reading and parsing the file, ``stage`` staging its rows in the
transaction, ``commit`` the commit that made it live (shared by
``commit_files`` files); each a pair of ``time.monotonic()`` seconds since
the import began. ``cpu`` holds the same spans' process CPU seconds
(``time.process_time()``, every thread), which a busy machine moves less. A
file refused or already imported has no ``commit``. Without the variable
nothing is timed and nothing is written.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path

ENV = "TIKTUI_TRACE"


class Trace:
    """The spans of each file of one import, by the file's index."""

    def __init__(self) -> None:
        self._t0 = time.monotonic()
        self._c0 = time.process_time()
        self._spans: dict[int, dict[str, list[float]]] = {}
        self._commits: dict[int, int] = {}  # file index -> files in its commit

    @staticmethod
    def from_env() -> tuple[Trace, Path] | None:
        path = os.environ.get(ENV)
        return (Trace(), Path(path)) if path else None

    def _now(self) -> list[float]:
        return [time.monotonic() - self._t0, time.process_time() - self._c0]

    @contextlib.contextmanager
    def timed(self, span: str, files: Sequence[int]) -> Iterator[None]:
        """Time ``span`` (``read``, ``stage`` or ``commit``) of these files, by index."""
        began = self._now()
        yield
        now = self._now()
        for i in files:
            self._spans.setdefault(i, {})[span] = [*began, *now]
            if span == "commit":
                self._commits[i] = len(files)

    def lines(self, names: Sequence[str], statuses: Sequence[str]) -> list[str]:
        out = []
        for i, (name, status) in enumerate(zip(names, statuses, strict=True)):
            spans = self._spans.get(i, {})
            row: dict = {"file": name, "status": status}
            row.update({k: [round(v[0], 6), round(v[2], 6)] for k, v in spans.items()})
            if i in self._commits:
                row["commit_files"] = self._commits[i]
            row["cpu"] = {k: round(v[3] - v[1], 6) for k, v in spans.items()}
            out.append(json.dumps(row, ensure_ascii=False))
        return out

    def write(self, path: Path, names: Sequence[str], statuses: Sequence[str]) -> None:
        path.write_text("".join(f"{line}\n" for line in self.lines(names, statuses)), "utf-8")


class NoTrace:
    """No trace: nothing timed."""

    _none = contextlib.nullcontext()

    def timed(self, span: str, files: Sequence[int]) -> AbstractContextManager[None]:
        return self._none


OFF = NoTrace()
