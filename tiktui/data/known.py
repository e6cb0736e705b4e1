"""What the store already holds, told from its manifest alone, and the line about a file.

Importing a file again changes nothing, and saying so should cost no more
than starting Python: the manifest lists every imported file's sha256 with its
batch and name (``Manifest.imported``), so :func:`already_imported` answers
without Polars, the importers or the import log. The pipeline decides the same
way (:func:`identity`) with the log in hand.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..formatting.text import one_line
from .importers.limits import max_bytes
from .importers.zips import parse_zip_name
from .scan import NotReadable, read_regular

ALREADY = "already imported (batch {batch}); nothing changed"
MANIFEST = "manifest.json"  # manifest.NAME, read here without building every part's entry

TableCounts = dict[str, tuple[int, int, int]]  # table -> (added, updated, unchanged)


@dataclass
class FileResult:
    path: str
    status: str  # "imported" | "unchanged" | "refused"
    message: str = ""
    kinds: list[str] = field(default_factory=list)
    accounts: list[str] = field(default_factory=list)
    rows: TableCounts = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status != "refused"

    def line(self) -> str:
        """The one line a person reads about this file, its file's text made harmless
        (a note may quote a key or a cell, a path may hold a line break)."""
        return one_line(self._line())

    def _line(self) -> str:
        if self.status == "refused":
            return f"refused   {self.path}: {self.message}"
        if self.status == "unchanged":
            return f"unchanged {self.path}: {self.message}"
        kinds = "+".join(dict.fromkeys(self.kinds))
        who = ", ".join(f"@{a}" for a in self.accounts)
        counts = "; ".join(
            f"{table} {_describe(*c)}"
            for table, c in self.rows.items()
            if any(c) and not (table == "accounts" and not (c[0] or c[1]))
        )
        notes = f" ({'; '.join(dict.fromkeys(self.notes))})" if self.notes else ""
        return f"imported  {self.path}: {kinds} {who}: {counts or 'no rows'}{notes}"


def _describe(added: int, updated: int, unchanged: int) -> str:
    parts = [
        f"{n} {word}"
        for n, word in ((added, "added"), (updated, "updated"), (unchanged, "unchanged"))
        if n
    ]
    return ", ".join(parts)


def name_with_studio_folder(path: Path) -> str:
    """``Overview_…_handle/Overview.csv`` when the file sits in an unzipped Studio folder.

    Unzipping a Studio ZIP (macOS and Windows do it on a double click) leaves a
    folder named like the ZIP, and that name is the only place the handle and
    the export window are written. The name is kept in the import log so a
    rebuild reads the file the same way.
    """
    if parse_zip_name(path.parent.name + ".zip").section:
        return f"{path.parent.name}/{path.name}"
    return path.name


def identity(sha256: str, file_name: str) -> tuple[str, object]:
    """What makes two imports the same: the bytes, and what the file's name says.

    A Studio ZIP's name is part of its data (the handle, the window), so two
    creators' byte-identical ZIPs are two imports; a browser's ``(1)`` copy of
    one ZIP is not.
    """
    zn = parse_zip_name(file_name.split("/")[0] + ".zip" if "/" in file_name else file_name)
    return sha256, (zn.handle, zn.window_start, zn.window_end_epoch)


def index(rows: Iterable[tuple[str, str, int]]) -> dict[str, list[list]]:
    """``Manifest.imported`` from the import log's (sha256, file_name, batch_id) rows."""
    out: dict[str, list[list]] = {}
    for sha, name, batch in rows:
        out.setdefault(sha, []).append([int(batch), name])
    return out


def _batch_of(known: Mapping[str, list], sha: str, name: str) -> int | None:
    wanted = identity(sha, name)
    for entry in known.get(sha, ()):
        batch, logged = entry
        if identity(sha, logged) == wanted:
            return int(batch)
    return None


def already_imported(root: Path, files: list[Path]) -> list[FileResult] | None:
    """Each file's "unchanged" result when every one was imported before, else None
    (as soon as one was not, or the manifest does not say: the pipeline decides)."""
    try:
        with open(os.path.join(root, MANIFEST), "rb") as fh:
            known = json.loads(fh.read()).get("imported")
    except (OSError, ValueError):
        return None
    if not isinstance(known, dict):
        return None
    out = []
    for path in files:
        try:
            data = read_regular(path, max_bytes())
        except (NotReadable, OSError):
            return None
        sha = hashlib.sha256(data).hexdigest()
        batch = _batch_of(known, sha, name_with_studio_folder(path))
        if batch is None:
            return None
        out.append(FileResult(str(path), "unchanged", ALREADY.format(batch=batch)))
    return out
