"""The local store: every import kept for good, in parquet, never half-written.

Layout of a data directory (layout 2)::

    manifest.json                      every part, its size, rows and checksum; the
                                       commit counter. Replaced atomically: the commit point
    parts/a-<handle>/<table>/t-*.parquet   one account's canonical table (what queries read)
    parts/a-<handle>/<table>/f-*.parquet   fact segments: every row an import contributed
                                       (+ _batch, _as_of, _rank), append-only
    parts/_store/imports/t-*.parquet   the import log, store-wide
    raw/<sha256>                       the bytes of every imported file
    raw/forgets.jsonl                  the imports ``tiktui forget`` undid, for rebuild
    lock                               held by the one process that writes

Why per-account parts: a write touches only the accounts and tables a file
changes, so its cost follows the file, not the store's history; a screen reads
only the account it shows. Why append-only facts: the canonical tables are a
pure function of every contribution (:func:`reduce_facts`), so a file adds a
segment and only the keys it touched are reduced again; segments are compacted
into one when an account's table has more than ``MAX_SEGMENTS``.

Every write goes to new files; nothing is live until the manifest naming them
replaces the old one, so a crash at any step leaves the previous commit whole.
A store written by 0.1 (``CURRENT`` + ``gen-*/``) is migrated in place on first
use (:mod:`.migrate`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import polars as pl
from filelock import FileLock, Timeout

from . import manifest as mf
from .location import default_data_dir, manifest_token
from .manifest import STORE_WIDE, Manifest
from .reduce import (
    AS_OF,
    BATCH,
    PRECEDENCE,
    RANK,
    conform_facts,
    empty_facts,
    facts_schema,
    reduce_facts,
    with_rank,
)
from .schema import IMPORTS, TABLES, Table, Tables
from .transaction import Transaction

LOCK_TIMEOUT_S = 60.0


class StoreBusy(Exception):
    """Another process holds the store's lock for longer than we wait."""


class Store:
    """A data directory. Reading needs no lock; writing goes through :meth:`transaction`."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._manifest: tuple[tuple[int, int, int], Manifest] | None = None
        self._cache: dict[tuple[str | None, int], Tables] = {}

    @classmethod
    def open(cls, root: Path | str | None = None) -> Store:
        path = Path(root).expanduser() if root is not None else default_data_dir()
        (path / "raw").mkdir(parents=True, exist_ok=True)
        return cls(path)

    @staticmethod
    def exists_at(root: Path) -> bool:
        """A store has been written here (by this version or by 0.1)."""
        return (root / mf.NAME).exists() or (root / "CURRENT").exists()

    # -- reading -----------------------------------------------------------

    def version(self) -> tuple[int, int, int] | None:
        """A cheap token that changes with every commit (one ``stat``): for polling."""
        return manifest_token(self.root)

    def manifest(self) -> Manifest:
        """The committed manifest (re-read only when the file changed)."""
        token = self.version()
        if token is None and (self.root / "CURRENT").exists():
            from .migrate import migrate

            migrate(self)
            token = self.version()
        if token is None:
            return Manifest()
        if self._manifest and self._manifest[0] == token:
            return self._manifest[1]
        found = mf.read(self.root) or Manifest()
        self._manifest = (token, found)
        return found

    def commit_number(self) -> int:
        return self.manifest().commit

    def tables(self, account: str | None = None) -> Tables:
        """Every canonical table, of one account or of all (cached per account and commit).

        The import log is store-wide; scoped to an account it keeps that account's files.
        """
        for _attempt in range(3):  # a writer may retire a part between reading and scanning
            man = self.manifest()
            key = (account, man.commit)
            if key in self._cache:
                return self._cache[key]
            try:
                loaded = {name: self._read_table(man, name, account) for name in TABLES}
            except FileNotFoundError:
                self._manifest = None
                continue
            if len(self._cache) > 8:
                self._cache.clear()
            self._cache[key] = loaded
            return loaded
        raise FileNotFoundError(f"the store {self.root} changed while it was read")

    def scan(self, name: str, account: str | None = None) -> pl.LazyFrame:
        """One table of one account (or all), lazily: only those parts are opened."""
        return self._scan(self.manifest(), name, account)

    def _scan(self, man: Manifest, name: str, account: str | None) -> pl.LazyFrame:
        table = TABLES[name]
        owners = [STORE_WIDE] if name == IMPORTS.name else _owners(man, account)
        paths = [
            str(self.root / p.path)
            for a in owners
            if (p := man.table_part(a, name)) is not None and p.rows
        ]
        if not paths:
            return table.empty().lazy()
        return pl.scan_parquet(paths, schema=table.schema, missing_columns="insert")

    def _read_table(self, man: Manifest, name: str, account: str | None) -> pl.DataFrame:
        frame = self._scan(man, name, account).collect()
        if name == IMPORTS.name and account is not None:
            frame = frame.filter(pl.col("account").str.split(",").list.contains(account))
        return frame

    def facts(self, name: str, account: str | None = None) -> pl.DataFrame:
        """Every contribution to one table (of one account or all)."""
        man = self.manifest()
        return pl.concat(
            [self.read_facts(man, a, name) for a in _owners(man, account)]
            or [empty_facts(TABLES[name])]
        )

    def read_facts(self, man: Manifest, account: str, name: str) -> pl.DataFrame:
        table = TABLES[name]
        paths = [str(self.root / p.path) for p in man.fact_parts(account, name) if p.rows]
        if not paths:
            return empty_facts(table)
        frames = [with_rank(pl.read_parquet(p)) for p in paths]
        return conform_facts(table, pl.concat(frames, how="diagonal_relaxed"))

    def read_part(self, path: str, table: Table) -> pl.DataFrame:
        return pl.read_parquet(self.root / path, schema=table.schema, missing_columns="insert")

    def load(self, name: str, account: str | None = None) -> pl.DataFrame:
        if name == IMPORTS.name and account is None:
            return self._read_table(self.manifest(), name, None)  # the log alone, no other part
        return self.tables(account)[name]

    def is_empty(self) -> bool:
        return self.load("imports").is_empty()

    def accounts(self) -> list[str]:
        return sorted(self.manifest().accounts)

    def raw_path(self, sha256: str) -> Path:
        return self.root / "raw" / sha256

    def stored_sha256(self, sha256: str) -> str | None:
        """The checksum of the stored (redacted) copy when it differs from the original.

        Kept in the import log; stores written before that kept it in a sidecar file.
        """
        log = self.load("imports").filter(pl.col("sha256") == sha256)
        found = log["stored_sha256"].drop_nulls()
        if len(found):
            return str(found[0])
        sidecar = self.raw_path(sha256).with_name(f"{sha256}.stored-sha256")
        try:
            return sidecar.read_text(encoding="ascii").strip() or None
        except OSError:
            return None

    # -- writing -----------------------------------------------------------

    def archive_raw(self, sha256: str, data: bytes, sync: bool = True) -> Path:
        """Keep the file's bytes; content-addressed, so a crash here leaves only a spare file.

        ``sync=False`` leaves the fsync to the caller, who must call :func:`sync_files`
        on the returned path before a manifest that counts on it is published (a
        transaction does, once per commit, for every file it archived).
        """
        target = self.raw_path(sha256)
        try:
            if target.stat().st_size == len(data):
                return target
        except FileNotFoundError:
            pass
        tmp = target.with_name(f".{sha256}.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            fh.write(data)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, target)
        return target

    @contextlib.contextmanager
    def lock(self, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
        lock = FileLock(str(self.root / "lock"))
        try:
            lock.acquire(timeout=timeout)
        except Timeout as exc:
            raise StoreBusy(
                f"the store {self.root} is busy: another tiktui is writing to it"
            ) from exc
        try:
            yield
        finally:
            lock.release()

    @contextlib.contextmanager
    def transaction(self, timeout: float = LOCK_TIMEOUT_S) -> Iterator[Transaction]:
        """Hold the write lock; the caller commits each unit of work it wants kept."""
        self.root.mkdir(parents=True, exist_ok=True)
        self.manifest()  # a 0.1 store is migrated first (under the lock, which it takes)
        with self.lock(timeout):
            self._manifest = None
            yield Transaction(self, self.manifest().copy())

    def publish(self, man: Manifest) -> None:
        """The commit point; then drop what no reader can still need."""
        keep = man.commit - mf.KEEP_RETIRED
        gone = [path for commit, path in man.retired if commit <= keep]
        man.retired = [r for r in man.retired if r[0] > keep]
        mf.write(self.root, man)
        self._manifest = None
        self._cache.clear()
        for path in gone:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.root / path)
        self.sweep(man)

    def sweep(self, man: Manifest) -> None:
        """Delete leftovers of writes that never committed (and a migrated 0.1 layout)."""
        live = set(man.parts) | {path for _c, path in man.retired}
        for rel in _part_files(str(self.root / mf.PARTS), mf.PARTS):
            if rel not in live:
                (self.root / rel).unlink(missing_ok=True)
        for leftover in self.root.glob(".*.tmp"):
            leftover.unlink(missing_ok=True)
        for old in (*self.root.glob("gen-*"), *self.root.glob(".gen-*.tmp")):
            shutil.rmtree(old, ignore_errors=True)
        (self.root / "CURRENT").unlink(missing_ok=True)


def _part_files(folder: str, rel: str, depth: int = 3) -> Iterator[str]:
    """``parts/<account>/<table>/<file>.parquet`` paths, relative to the store
    (os.scandir: a 50-account store has thousands of parts, swept at every commit)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:  # as glob did: a folder it cannot list is left for a later sweep
        return
    for entry in entries:
        path = f"{rel}/{entry.name}"
        if depth > 1 and entry.is_dir(follow_symlinks=False):
            yield from _part_files(entry.path, path, depth - 1)
        elif depth == 1 and entry.name.endswith(".parquet"):
            yield path


def _owners(man: Manifest, account: str | None) -> list[str]:
    if account is None:
        return list(man.accounts)
    return [account] if account in man.accounts else []


__all__ = [
    "AS_OF",
    "BATCH",
    "PRECEDENCE",
    "RANK",
    "Store",
    "StoreBusy",
    "Transaction",
    "default_data_dir",
    "facts_schema",
    "reduce_facts",
    "with_rank",
]
