"""The store's manifest: the one small file that says which parts make the store.

``manifest.json`` lists every part (path, size, rows, blake2b checksum, which
account and table it belongs to, table or fact segment), the layout version,
the commit counter and the next batch id. It is written to a temporary file,
fsynced and put in place with one ``os.replace``: that rename is the commit
point. A part no manifest names is a leftover of a write that never committed.

Parts are written under names that carry the commit that wrote them, so a part
is never rewritten in place: a reader holding the previous manifest keeps
reading the files it names, which are deleted only a few commits later
(``retired``).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a re-import is told from the manifest without loading Polars
    import polars as pl

from .durable import crashpoint, write_atomic, write_new

LAYOUT = 2
NAME = "manifest.json"
PARTS = "parts"
STORE_WIDE = ""  # the "account" of store-wide tables (the import log)
TABLE = "table"  # a canonical part: the reduced rows of one account's table
FACTS = "facts"  # a fact segment: contributions, append-only until compacted
KEEP_RETIRED = 2  # commits a dropped part stays readable for readers of older manifests


def checksum(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def account_dir(account: str) -> str:
    """A folder name for an account: the handle when it is plainly one, else a hash."""
    if account == STORE_WIDE:
        return "_store"
    if re.fullmatch(r"[a-z0-9_][a-z0-9._-]{0,63}", account):
        return f"a-{account}"
    return f"h-{hashlib.blake2b(account.encode(), digest_size=8).hexdigest()}"


@dataclass(frozen=True)
class Part:
    path: str  # relative to the store's root
    account: str
    table: str
    kind: str  # TABLE | FACTS
    size: int
    rows: int
    blake2b: str
    commit: int

    def to_json(self) -> dict:
        return {
            "account": self.account,
            "table": self.table,
            "kind": self.kind,
            "size": self.size,
            "rows": self.rows,
            "blake2b": self.blake2b,
            "commit": self.commit,
        }


@dataclass
class Manifest:
    commit: int = 0
    next_batch: int = 1
    layout: int = LAYOUT
    accounts: list[str] = field(default_factory=list)
    parts: dict[str, Part] = field(default_factory=dict)
    retired: list[tuple[int, str]] = field(default_factory=list)  # (commit dropped, path)
    sidecars: bool = False  # every import in the log has its raw/<sha256>.json (raw_meta)
    # Every imported file: sha256 -> [[batch, file name], ...] (the import log's identity
    # columns), so a re-import is told without the log; None in a store written before it.
    imported: dict[str, list[list]] | None = None

    # -- finding and changing parts -----------------------------------------

    def _by(self) -> dict[tuple[str, str, str], list[Part]]:
        index = self.__dict__.get("_index")
        if index is None:
            index = {}
            for part in sorted(self.parts.values(), key=lambda p: p.path):
                index.setdefault((part.account, part.table, part.kind), []).append(part)
            self.__dict__["_index"] = index
        return index

    def table_part(self, account: str, table: str) -> Part | None:
        found = self._by().get((account, table, TABLE))
        return found[-1] if found else None

    def fact_parts(self, account: str, table: str) -> list[Part]:
        return list(self._by().get((account, table, FACTS), ()))

    def of_account(self, account: str) -> list[Part]:
        return [p for p in self.parts.values() if p.account == account]

    def add(self, part: Part) -> None:
        self.parts[part.path] = part
        self.__dict__.pop("_index", None)

    def drop(self, path: str) -> None:
        """Take a part out; its file stays readable for ``KEEP_RETIRED`` commits."""
        if self.parts.pop(path, None) is not None:
            self.retired.append((self.commit, path))
        self.__dict__.pop("_index", None)

    def copy(self) -> Manifest:
        return Manifest(
            self.commit,
            self.next_batch,
            self.layout,
            list(self.accounts),
            dict(self.parts),
            list(self.retired),
            self.sidecars,
            self.imported,  # replaced whole at a commit, never changed in place
        )

    # -- (de)serialising -----------------------------------------------------

    def to_json(self) -> str:
        return json.dumps(
            {
                "layout": self.layout,
                "commit": self.commit,
                "next_batch": self.next_batch,
                "accounts": self.accounts,
                "parts": {path: part.to_json() for path, part in sorted(self.parts.items())},
                "retired": [list(r) for r in self.retired],
                "sidecars": self.sidecars,
                **({} if self.imported is None else {"imported": self.imported}),
            },
            separators=(",", ":"),  # an indent would use the pure-Python encoder: 10x slower
        )

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        raw = json.loads(text)
        parts = {path: Part(path=path, **fields) for path, fields in raw["parts"].items()}
        return cls(
            commit=int(raw["commit"]),
            next_batch=int(raw.get("next_batch", 1)),
            layout=int(raw["layout"]),
            accounts=list(raw.get("accounts", [])),
            parts=parts,
            retired=[(int(c), str(p)) for c, p in raw.get("retired", [])],
            sidecars=bool(raw.get("sidecars", False)),
            imported=raw.get("imported"),
        )


def read(root: Path) -> Manifest | None:
    try:
        text = (root / NAME).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return Manifest.from_json(text)


def write(root: Path, manifest: Manifest) -> None:
    """Put the manifest in place atomically: the commit point of every write."""
    data = manifest.to_json().encode()
    write_atomic(
        root / NAME, data, root, temp_step="manifest-temp-written", step="manifest-replaced"
    )
    _fsync_dir(root)


def write_part(
    root: Path, frame: pl.DataFrame, account: str, table: str, kind: str, commit: int, n: int = 0
) -> Part:
    """Write one part under a name no committed manifest uses yet; return its entry."""
    prefix = "t" if kind == TABLE else "f"
    rel = f"{PARTS}/{account_dir(account)}/{table}/{prefix}-{commit:08d}-{n:03d}.parquet"
    buf = io.BytesIO()
    frame.write_parquet(buf)
    data = buf.getvalue()
    write_new(root / rel, data, root)
    crashpoint("part-written")
    return Part(rel, account, table, kind, len(data), frame.height, checksum(data), commit)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def sync_files(paths: Iterable[Path]) -> None:
    """Make files written without an fsync durable, and their folders' entries too."""
    paths = list(paths)
    if len(paths) > 1:  # the disk's journal takes concurrent fsyncs together: 10 times faster
        workers = min(16, len(paths))  # each syncs its share in turn: a task per file costs
        with ThreadPoolExecutor(max_workers=workers) as pool:  # more than its fsync's CPU
            list(pool.map(_fsync_each, [paths[i::workers] for i in range(workers)]))
    else:
        _fsync_each(paths)
    for folder in {path.parent for path in paths}:
        _fsync_dir(folder)


def _fsync_each(paths: list[Path]) -> None:
    for path in paths:
        _fsync_file(path)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
