"""The local store: every import kept for good, in parquet, never half-written.

Layout of a data directory (layout 2)::

    manifest.json                      every part, its size, rows and checksum; the
                                       commit counter. Replaced atomically: the commit point
    parts/a-<handle>/<table>/t-*.parquet   one account's canonical table (what queries read)
    parts/a-<handle>/<table>/f-*.parquet   fact segments: every row an import contributed
                                       (+ _batch, _as_of, _rank), append-only
    parts/_store/imports/t-*.parquet   the import log, store-wide
    raw/<sha256>                       the bytes of every imported file
    raw/<sha256>.json                  how each import of it was read, for rebuild (raw_meta)
    raw/forgets.jsonl                  the imports ``tiktui forget`` undid, for rebuild
    lock                               held by the one process that writes
    lock.holder                        who holds it (pid, command, host, since)

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
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import polars as pl
from polars.exceptions import PanicException

from . import manifest as mf
from .damage import DamagedManifest, DamagedPart, absent, parse, read_verified, size_problem
from .durable import StoreError, StoreFull, StoreReadOnly, crashpoint, store_error, write_atomic
from .location import default_data_dir, manifest_token
from .lock import StoreBusy, held
from .manifest import STORE_WIDE, Manifest, Part
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
from .schema import DATA_TABLES, IMPORTS, TABLES, Table, Tables
from .transaction import Transaction

_PART_NAME = re.compile(r"[tf]-(\d{8})-\d{3}\.parquet")


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
        try:
            found = mf.read(self.root) or Manifest()
        except (ValueError, KeyError, TypeError, AttributeError) as exc:  # not a manifest
            raise DamagedManifest(self.root / mf.NAME, "cannot be read") from exc
        if found.layout != mf.LAYOUT:
            raise DamagedManifest(
                self.root / mf.NAME, f"has layout {found.layout}, this tiktui reads {mf.LAYOUT}"
            )
        self._manifest = (token, found)
        return found

    def commit_number(self) -> int:
        return self.manifest().commit

    def tables(self, account: str | None = None) -> Tables:
        """Every canonical table, of one account or of all (cached per account and commit).

        The import log is store-wide; scoped to an account it keeps that account's files.
        A damaged part raises :class:`DamagedPart`; :meth:`readable` reads around it.
        """
        loaded, damaged = self.readable(account)
        if damaged:
            raise damaged[0]
        return loaded

    def readable(self, account: str | None = None) -> tuple[Tables, list[DamagedPart]]:
        """The tables of every account (or of one) whose parts are whole, and the damaged
        parts that kept the others out: a reader shows the rest and names those.

        Every part is checked against the manifest's size (one ``stat``); a part Polars
        cannot read is found and named too. An account with any damaged part is left
        out whole (part of an account's tables would show missing rows as absent ones);
        a damaged import log reads as empty.
        """
        for attempt in range(3):  # a writer may retire a part between reading and scanning
            token = self.version()
            man = self.manifest()
            key = (account, man.commit)
            if key in self._cache:
                return self._cache[key]
            try:
                loaded = self._read_around(man, account)
            except FileNotFoundError:
                loaded = None
            moved = loaded is None or (loaded[1] and attempt < 2 and self.version() != token)
            if moved:
                self._manifest = None  # read again at the newer commit
                continue
            if len(self._cache) > 8:
                self._cache.clear()
            self._cache[key] = loaded
            return loaded
        raise FileNotFoundError(f"the store {self.root} changed while it was read")

    def _read_around(
        self, man: Manifest, account: str | None
    ) -> tuple[Tables, list[DamagedPart]] | None:
        owners = _owners(man, account)
        found: list[DamagedPart] = []
        for owner in [*owners, STORE_WIDE]:
            names = [IMPORTS.name] if owner == STORE_WIDE else [t.name for t in DATA_TABLES]
            found += [d for n in names if (d := self._part_problem(man, owner, n))]
        while True:
            bad = {d.account for d in found}
            good = [o for o in owners if o not in bad]
            try:
                loaded = {
                    name: self._read_table(man, name, account, good)
                    for name in TABLES
                    if name != IMPORTS.name or STORE_WIDE not in bad
                }
            except DamagedPart as exc:
                found.append(exc)
                continue
            loaded.setdefault(IMPORTS.name, IMPORTS.empty())
            return loaded, found

    def _part_problem(self, man: Manifest, owner: str, name: str) -> DamagedPart | None:
        part = man.table_part(owner, name)
        if part is not None:
            return size_problem(self.root, part)
        if owner == STORE_WIDE and not man.commit:
            return None  # a store nothing was committed to yet
        return absent(owner, name)

    def scan(self, name: str, account: str | None = None) -> pl.LazyFrame:
        """One table of one account (or all), lazily: only those parts are opened."""
        man = self.manifest()
        return self._scan(man, name, _owners(man, account))

    def _scan(self, man: Manifest, name: str, owners: list[str]) -> pl.LazyFrame:
        table = TABLES[name]
        owners = [STORE_WIDE] if name == IMPORTS.name else owners
        paths = [
            str(self.root / p.path)
            for a in owners
            if (p := man.table_part(a, name)) is not None and p.rows
        ]
        if not paths:
            return table.empty().lazy()
        return pl.scan_parquet(paths, schema=table.schema, missing_columns="insert")

    def _read_table(
        self, man: Manifest, name: str, account: str | None, owners: list[str] | None = None
    ) -> pl.DataFrame:
        owners = _owners(man, account) if owners is None else owners
        try:
            frame = self._scan(man, name, owners).collect()
        except FileNotFoundError:
            raise
        except (Exception, PanicException):  # which part could not be read? (rare path)
            self._name_unreadable(man, name, owners)
            raise
        if name == IMPORTS.name and account is not None:
            frame = frame.filter(pl.col("account").str.split(",").list.contains(account))
        return frame

    def _name_unreadable(self, man: Manifest, name: str, owners: list[str]) -> None:
        """Raise :class:`DamagedPart` for the first of these parts Polars cannot read."""
        for owner in [STORE_WIDE] if name == IMPORTS.name else owners:
            part = man.table_part(owner, name)
            if part is not None and part.rows:
                self.read_part(part, TABLES[name])

    def facts(self, name: str, account: str | None = None) -> pl.DataFrame:
        """Every contribution to one table (of one account or all)."""
        man = self.manifest()
        return pl.concat(
            [self.read_facts(man, a, name) for a in _owners(man, account)]
            or [empty_facts(TABLES[name])]
        )

    def read_facts(
        self, man: Manifest, account: str, name: str, verify: bool = False
    ) -> pl.DataFrame:
        """One account's fact segments; ``verify``: against their checksums (a write
        builds on them)."""
        table = TABLES[name]
        frames = [
            with_rank(self._read(p, verify))
            for p in man.fact_parts(account, name)
            if p.rows or verify
        ]
        frames = [f for f in frames if f.height]
        if not frames:
            return empty_facts(table)
        return conform_facts(table, pl.concat(frames, how="diagonal_relaxed"))

    def read_part(self, part: Part, table: Table, verify: bool = False) -> pl.DataFrame:
        """One canonical part; ``verify``: against its checksum (a write builds on it)."""
        return self._read(part, verify, schema=table.schema, missing_columns="insert")

    def _read(self, part: Part, verify: bool, **options) -> pl.DataFrame:
        if verify:
            return parse(part, read_verified(self.root, part), **options)
        if (problem := size_problem(self.root, part)) is not None:
            raise problem
        return parse(part, self.root / part.path, **options)

    def read_log(self, man: Manifest) -> pl.DataFrame:
        """The import log a write builds on, checked against its checksum."""
        part = man.table_part(STORE_WIDE, IMPORTS.name)
        if part is None:
            if (problem := self._part_problem(man, STORE_WIDE, IMPORTS.name)) is not None:
                raise problem
            return IMPORTS.empty()
        return self.read_part(part, IMPORTS, verify=True)

    def load(self, name: str, account: str | None = None) -> pl.DataFrame:
        if name == IMPORTS.name and account is None:
            man = self.manifest()  # the log alone, no other part
            if (problem := self._part_problem(man, STORE_WIDE, name)) is not None:
                raise problem
            return self._read_table(man, name, None)
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
        write_atomic(target, data, self.root, sync=sync, step="raw-written")
        return target

    def lock(self, timeout: float | None = None) -> contextlib.AbstractContextManager[None]:
        """Hold the writers' lock (:mod:`.lock`), named by who holds it."""
        return held(self.root, timeout)

    @contextlib.contextmanager
    def transaction(
        self, timeout: float | None = None, blank: bool = False
    ) -> Iterator[Transaction]:
        """Hold the write lock; the caller commits each unit of work it wants kept.

        ``blank``: a transaction that reads nothing committed (a rebuild), and works
        even when the manifest itself cannot be read.
        """
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise store_error(exc, self.root) from exc
        try:
            self.manifest()  # a 0.1 store is migrated first (under the lock, which it takes)
        except Exception:
            if not blank:
                raise
        with self.lock(timeout):
            self._manifest = None
            if not blank:
                yield Transaction(self, self.manifest().copy())
                return
            try:
                base = self.manifest().copy()
            except Exception:  # noqa: BLE001 — a damaged manifest: rebuild starts past its parts
                named = (_PART_NAME.fullmatch(r.rsplit("/", 1)[-1]) for r in self.part_files())
                base = Manifest(commit=max((int(m[1]) for m in named if m), default=0))
            yield Transaction(self, base, blank=True)

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
        crashpoint("retired-deleted")
        with contextlib.suppress(OSError):  # after the commit point: never fails a commit
            self.sweep(man)
        crashpoint("swept")

    def part_files(self) -> list[str]:
        """Every parquet file under ``parts/``, named by a manifest or not."""
        return list(_part_files(str(self.root / mf.PARTS), mf.PARTS))

    def sweep(self, man: Manifest) -> None:
        """Delete leftovers of writes that never committed (and a migrated 0.1 layout)."""
        live = set(man.parts) | {path for _c, path in man.retired}
        for rel in self.part_files():
            if rel not in live:
                (self.root / rel).unlink(missing_ok=True)
        for leftover in (*self.root.glob(".*.tmp"), *(self.root / "raw").glob(".*.tmp")):
            leftover.unlink(missing_ok=True)  # temp manifests, raw copies, sidecars
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
    "DamagedManifest",
    "DamagedPart",
    "Store",
    "StoreBusy",
    "StoreError",
    "StoreFull",
    "StoreReadOnly",
    "Transaction",
    "default_data_dir",
    "facts_schema",
    "reduce_facts",
    "with_rank",
]
