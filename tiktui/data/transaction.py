"""Writing the store: changes staged in memory, made live by one manifest switch.

A transaction reads only what it touches: an account's table and facts are
loaded the first time a file stages rows for them. Staging a file appends its
facts (in memory) and reduces again only the keys they touch; a commit writes,
per account and table it changed, one new fact segment and the new canonical
part, then each new import's record beside its raw file (:mod:`.raw_meta`), then
the manifest that names them (:mod:`.manifest`). Each step is a named crash
point (:mod:`.durable`); a failed commit removes the parts it wrote.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from . import facts as shaping
from . import known, raw_meta
from . import manifest as mf
from .damage import absent
from .durable import StoreError, crashpoint, store_error
from .facts import Rows
from .manifest import STORE_WIDE, Manifest
from .reduce import BATCH, PRECEDENCE, conform_facts, empty_facts, reduce_facts
from .schema import DATA_TABLES, IMPORTS, SET_GROUPS, TABLES

if TYPE_CHECKING:
    from .store import Store

MAX_SEGMENTS = 8  # fact segments per account and table before they are compacted into one

Key = tuple[str, str]  # (account, table)


@dataclass
class _Staged:
    """What a transaction changed since its last commit (copied whole by :meth:`mark`)."""

    accounts: tuple[str, ...]
    imports: pl.DataFrame
    next_batch: int
    tables: dict[Key, pl.DataFrame] = field(default_factory=dict)
    new: dict[Key, tuple[pl.DataFrame, ...]] = field(default_factory=dict)  # facts to append
    rewritten: dict[Key, pl.DataFrame] = field(default_factory=dict)  # facts replacing all
    queued: dict[Key, tuple[pl.DataFrame, ...]] = field(default_factory=dict)  # see stage
    deferred: dict[Key, tuple[tuple[Rows, bool], ...]] = field(default_factory=dict)  # stage_rows
    logged: tuple[dict, ...] = ()  # import-log rows not yet in ``imports`` (log_import)
    logged_max: int = 0  # their highest batch id
    dirty: frozenset[Key] = frozenset()
    reset: bool = False  # every committed part is dropped (rebuild)

    def copy(self) -> _Staged:
        return replace(
            self,
            tables=dict(self.tables),
            new=dict(self.new),
            rewritten=dict(self.rewritten),
            queued=dict(self.queued),
            deferred=dict(self.deferred),
        )


class Transaction:
    """Changes staged in memory and made live, all at once, by :meth:`commit`."""

    def __init__(self, store: Store, base: Manifest, blank: bool = False):
        self.store = store
        self.base = base
        self.blank = blank  # see _fresh
        self._logged: set[int] = set()  # batches whose raw/<sha256>.json is written
        self._facts: dict[Key, pl.DataFrame] = {}  # committed facts, read on first use
        self._keys: dict[Key, set[tuple]] = {}  # see _groups
        self._present: dict[Key, set[tuple]] = {}  # see _has_rows
        self._unsynced: set[Path] = set()  # raw copies to fsync before the next commit
        self._staged = self._fresh()
        self._mark = self._staged.copy()

    def _fresh(self) -> _Staged:
        if self.blank:  # a rebuild: nothing committed is read, a damaged part included
            return _Staged((), IMPORTS.empty(), self.base.next_batch, reset=True)
        imports = self.store.read_log(self.base)  # checked: every commit rewrites it
        self._logged = set(imports["batch_id"].to_list())
        return _Staged(tuple(self.base.accounts), imports, self.base.next_batch)

    # -- reading what is staged --------------------------------------------

    @property
    def imports(self) -> pl.DataFrame:
        s = self._staged
        if s.logged:  # one frame for every file logged since the log was last read
            new = pl.DataFrame(list(s.logged), schema=IMPORTS.schema)
            old = s.imports if s.imports.schema == IMPORTS.schema else IMPORTS.conform(s.imports)
            s.imports, s.logged = pl.concat([old, new]).rechunk(), ()
        return s.imports

    def accounts(self) -> list[str]:
        return list(self._staged.accounts)

    def table(self, account: str, name: str) -> pl.DataFrame:
        if name == IMPORTS.name:
            return self.imports
        key = (account, name)
        self._shape(key)
        frame = self._staged.tables.get(key)
        if frame is None:
            frame = self._committed(account, name)
            self._staged.tables[key] = frame
        if key in self._staged.queued:
            self._flush(key)
            frame = self._staged.tables[key]
        return frame

    def _committed(self, account: str, name: str) -> pl.DataFrame:
        """The committed table a write builds on, checked against its checksum; an account
        the store holds without this table is damage, never an empty table."""
        if self._staged.reset or account not in self.base.accounts:
            return TABLES[name].empty()
        part = self.base.table_part(account, name)
        if part is None:
            raise absent(account, name)
        return self.store.read_part(part, TABLES[name], verify=True)

    def facts(self, account: str, name: str) -> pl.DataFrame:
        """Every contribution to one account's table: committed, then staged."""
        key = (account, name)
        self._shape(key)
        base = self._staged.rewritten.get(key)
        if base is None:
            if self._staged.reset:
                base = empty_facts(TABLES[name])
            elif key not in self._facts:
                base = self.store.read_facts(self.base, account, name, verify=True)
                self._facts[key] = base
            else:
                base = self._facts[key]
        chunks = self._staged.new.get(key, ())
        if len(chunks) > 1:  # kept as one, so a table every file touches is not quadratic
            chunks = self._staged.new[key] = (pl.concat(chunks),)
        return pl.concat([base, *chunks], rechunk=False) if chunks else base

    def next_batch_id(self) -> int:
        ids = self._staged.imports["batch_id"]
        last = 0 if ids.is_empty() else int(ids.max())  # type: ignore[arg-type]
        return max(self._staged.next_batch, last + 1, self._staged.logged_max + 1)

    # -- staging -------------------------------------------------------------

    def archive_raw(self, sha256: str, data: bytes) -> None:
        """Keep a file's bytes in ``raw/``; made durable by the next :meth:`commit`,
        before the manifest that counts on them (one fsync pass per commit, not per file)."""
        self._unsynced.add(self.store.archive_raw(sha256, data, sync=False))

    def _touch(self, account: str, key: Key | None = None) -> None:
        s = self._staged
        if account != STORE_WIDE and account not in s.accounts:
            s.accounts = (*s.accounts, account)
        if key is not None:
            s.dirty = s.dirty | {key}

    def _groups(self, account: str, name: str) -> set[tuple]:
        """The keys (or sets) the account's table holds, facts and rows: so a file of
        new videos or days skips the joins over everything the table already has."""
        key = (account, name)
        found = self._keys.get(key)
        if found is None:
            group = list(SET_GROUPS.get(name) or TABLES[name].key)
            both = pl.concat(
                [self.facts(account, name).select(group), self.table(account, name).select(group)]
            )
            found = self._keys[key] = set(both.unique().iter_rows())
        return found

    def stage(self, name: str, facts: pl.DataFrame, account: str) -> tuple[int, int, int]:
        """Add one account's contributions to a table; return the rows they added,
        changed, or confirmed unchanged, by the table's key.

        Only the keys (or sets) the contributions touch are reduced again: the
        rest of the table cannot have changed. Contributions whose keys are all
        new (to the table and to everything staged) are only queued: the queue is
        reduced in one pass when the table is next read (at the latest, the
        commit). Their keys meet no other rows, so reducing them together gives
        the rows reducing them one file at a time would, and what they add is
        their count of keys.
        """
        table = TABLES[name]
        key = (account, name)
        facts = conform_facts(table, facts)
        group = list(SET_GROUPS.get(name) or table.key)
        keys = _rows(facts, group)
        known = self._groups(account, name)
        if known.isdisjoint(keys) and _one_row_per_key(name, facts):
            added = len(keys) if group == list(table.key) else len(_rows(facts, table.key))
            counts = (added, 0, 0)
            self._staged.queued[key] = (*self._staged.queued.get(key, ()), facts)
        elif self._confirms(account, name, facts, keys):
            counts = (0, 0, len(keys))  # the table cannot change: no reduce, no joins
        else:
            touched = facts.select(group).unique()
            current = self.table(account, name)
            before = self.facts(account, name)
            relevant = pl.concat(
                [before.join(touched, on=group, how="semi", nulls_equal=True), facts]
            )
            fresh = reduce_facts(table, relevant)
            old = current.join(touched, on=group, how="semi", nulls_equal=True)
            kept = current.join(touched, on=group, how="anti", nulls_equal=True)
            self._staged.tables[key] = pl.concat([kept, fresh], rechunk=False)
            counts = _count(table.key, old, fresh)
        known |= keys
        if key in self._present and name not in SET_GROUPS:  # a plain table has a row per key
            self._present[key] |= keys
        self._staged.new[key] = (*self._staged.new.get(key, ()), facts)
        self._touch(account, key)
        return counts

    def stage_rows(self, name: str, rows: Rows, account: str) -> tuple[int, int, int]:
        """:meth:`stage` for one file's rows not yet shaped as facts (:mod:`.facts`).

        Rows that only add keys, or only confirm keys the table has (no value), are
        kept as they are and shaped together with every other file's at the next
        read of the table (at the latest, the commit): one pass for a whole import,
        where shaping and staging each file costs several Polars calls. The facts,
        the table and the counts are those :meth:`stage` gives; other rows go
        through it.
        """
        table = TABLES[name]
        key = (account, name)
        group = list(SET_GROUPS.get(name) or table.key)
        shaping.check(name, rows.frame.columns)
        whole = [] if group == list(table.key) else [table.key]  # a set table counts rows
        found = shaping.keys(name, rows.frame, account, group, *whole)
        if found is not None:
            keys = found[0]
            known = self._groups(account, name)
            fresh = known.isdisjoint(keys)
            if fresh or self._only_confirms(account, name, rows.frame, keys):
                if not fresh:
                    counts = (0, 0, len(keys))
                else:
                    counts = (len(found[-1]), 0, 0)
                deferred = self._staged.deferred.get(key, ())
                self._staged.deferred[key] = (*deferred, (rows, fresh))
                known |= keys
                if key in self._present and name not in SET_GROUPS:
                    self._present[key] |= keys
                self._touch(account, key)
                return counts
        return self.stage(name, shaping.shape(name, account, [rows]), account)

    def _only_confirms(
        self, account: str, name: str, frame: pl.DataFrame, keys: set[tuple]
    ) -> bool:
        """:meth:`_confirms` on rows not yet shaped (the account row of every API page)."""
        table = TABLES[name]
        if name in SET_GROUPS or not table.values:
            return False
        if "year_inferred" in table.values and "year_inferred" not in frame.columns:
            return False  # shaped as False, a value
        height = frame.height
        if any(frame[c].null_count() != height for c in table.values if c in frame.columns):
            return False
        return keys <= self._has_rows(account, name)

    def _has_rows(self, account: str, name: str) -> set[tuple]:
        """The keys the account's (plain) table has rows for, kept up to date by staging."""
        key = (account, name)
        found = self._present.get(key)
        if found is None:
            found = self._present[key] = _rows(self.table(account, name), TABLES[name].key)
        return found

    def _shape(self, key: Key) -> None:
        """Shape the rows :meth:`stage_rows` kept, as one batch of facts per kind."""
        items = self._staged.deferred.pop(key, None)
        if not items:
            return
        s = self._staged
        for fresh in (True, False):
            chunks = [rows for rows, is_fresh in items if is_fresh is fresh]
            if not chunks:
                continue
            facts = shaping.shape(key[1], key[0], chunks)
            s.new[key] = (*s.new.get(key, ()), facts)
            if fresh:
                s.queued[key] = (*s.queued.get(key, ()), facts)

    def log_import(self, row: dict) -> None:
        """Add one file's line to the import log (built into a frame when the log is read)."""
        s = self._staged
        s.logged, s.logged_max = (*s.logged, row), max(s.logged_max, int(row["batch_id"]))
        self._touch(STORE_WIDE, (STORE_WIDE, IMPORTS.name))

    def _confirms(self, account: str, name: str, facts: pl.DataFrame, keys: set[tuple]) -> bool:
        """Whether these facts only confirm rows the table has: a plain table's keys it
        holds, with no value (a null never wins a column), like the account row every
        page of a Business API video list stages."""
        table = TABLES[name]
        if name in SET_GROUPS or not table.values:
            return False
        if not facts.select(pl.all_horizontal(pl.col(list(table.values)).is_null()).all()).item():
            return False
        return keys <= _rows(self.table(account, name), table.key)

    def _flush(self, key: Key) -> None:
        """Reduce the queued contributions of all-new keys into the staged table."""
        queued = self._staged.queued.pop(key, ())
        if queued:
            fresh = reduce_facts(TABLES[key[1]], pl.concat(queued, rechunk=False))
            frame = self._staged.tables[key]
            self._staged.tables[key] = pl.concat([frame, fresh], rechunk=False)  # sorted at commit

    def set_imports(self, frame: pl.DataFrame) -> None:
        self._staged.imports = frame
        self._touch(STORE_WIDE, (STORE_WIDE, IMPORTS.name))

    def replace(
        self,
        name: str,
        frame: pl.DataFrame,
        facts: pl.DataFrame | None = None,
        account: str | None = None,
    ) -> None:
        """Set a canonical table outright (tests, fixtures); ``facts`` replace its facts.

        Without ``account`` the rows are split by their ``account`` column, or for the
        per-video tables by the account of their video.
        """
        if name == IMPORTS.name:
            self.set_imports(frame)
            return
        for acct, rows in self._split(name, frame, account):
            key = (acct, name)
            self._shape(key)
            self._keys.pop(key, None)
            self._present.pop(key, None)
            self._staged.tables[key] = TABLES[name].conform(rows)
            if facts is not None:
                mine = facts.filter(pl.col(BATCH).is_not_null())
                self._staged.rewritten[key] = conform_facts(TABLES[name], mine)
                self._staged.new.pop(key, None)
            self._staged.queued.pop(key, None)
            self._touch(acct, key)

    def _split(
        self, name: str, frame: pl.DataFrame, account: str | None
    ) -> list[tuple[str, pl.DataFrame]]:
        if account is not None:
            return [(account, frame)]
        if "account" in frame.columns:
            return [
                (str(acct), rows)
                for (acct,), rows in frame.partition_by("account", as_dict=True).items()
            ]
        owners = pl.concat(
            [
                self.table(a, "videos").select("video_id", pl.lit(a).alias("_owner"))
                for a in self.accounts()
            ]
            or [pl.DataFrame(schema={"video_id": pl.String, "_owner": pl.String})]
        )
        first = self.accounts()[0] if self.accounts() else ""
        owned = frame.join(owners.unique("video_id"), on="video_id", how="left").with_columns(
            pl.col("_owner").fill_null(first)
        )
        return [
            (str(acct), rows.drop("_owner"))
            for (acct,), rows in owned.partition_by("_owner", as_dict=True).items()
        ]

    def forget(self, batch_ids: set[int]) -> list[str]:
        """Take every contribution of these imports out; return the accounts they touched."""
        touched: list[str] = []
        for account in self.accounts():
            for table in DATA_TABLES:
                key = (account, table.name)
                facts = self.facts(account, table.name)
                kept = facts.filter(~pl.col(BATCH).is_in(list(batch_ids)))
                if kept.height == facts.height:
                    continue
                self._staged.rewritten[key] = kept
                self._staged.new.pop(key, None)
                self._staged.queued.pop(key, None)
                self._keys.pop(key, None)
                self._present.pop(key, None)
                self._staged.tables[key] = reduce_facts(table, kept)
                self._touch(account, key)
                if account not in touched:
                    touched.append(account)
        for account in touched:  # an account only the forgotten files named goes with them
            if self.table(account, "accounts").is_empty() and all(
                self.facts(account, t.name).is_empty() for t in DATA_TABLES
            ):
                self._staged.accounts = tuple(a for a in self._staged.accounts if a != account)
        self.set_imports(self.imports.filter(~pl.col("batch_id").is_in(list(batch_ids))))
        return touched

    def reset(self) -> None:
        """Stage an empty store (rebuild then stages every file again)."""
        empty = IMPORTS.empty()
        self._keys, self._present = {}, {}
        self._staged = _Staged((), empty, self.next_batch_id(), reset=True)
        self._touch(STORE_WIDE, (STORE_WIDE, IMPORTS.name))

    def mark(self) -> None:
        """Remember the staged state as good: a later :meth:`rollback` returns here."""
        self._mark = self._staged.copy()

    def rollback(self) -> None:
        """Forget what was staged since the last :meth:`mark` (a refused file)."""
        self._staged = self._mark.copy()
        self._keys, self._present = {}, {}  # they may hold the refused file's keys

    def rollback_all(self) -> None:
        """Forget everything since the last commit (the commit itself failed)."""
        self._staged = self._fresh()
        self._keys, self._present = {}, {}
        self.mark()

    # -- committing ----------------------------------------------------------

    def commit(self) -> None:
        """Make everything staged live at once; on failure the store is as it was.

        A failure removes the parts it wrote; one from a full disk or a read-only
        folder is raised as the store's typed error (:mod:`.durable`)."""
        try:
            self._commit()
        except (OSError, StoreError) as exc:
            self._remove_unpublished()
            if isinstance(exc, OSError):
                raise store_error(exc, self.store.root) from exc
            raise

    def _remove_unpublished(self) -> None:
        """The parts a failed commit wrote (named by its number, by no manifest): gone."""
        try:
            now = mf.read(self.store.root)
        except (OSError, ValueError, KeyError, TypeError):
            return
        if now is not None and now.commit > self.base.commit:
            return  # (the manifest was replaced: the failure came after the commit point)
        tag = f"-{self.base.commit + 1:08d}-"
        for rel in self.store.part_files():
            if tag in rel and rel not in self.base.parts:
                with contextlib.suppress(OSError):
                    os.unlink(self.store.root / rel)

    def _commit(self) -> None:
        s = self._staged
        man = self.base.copy()
        man.commit += 1
        if s.reset:
            for path in list(man.parts):
                man.drop(path)
        for gone in set(man.accounts) - set(s.accounts):
            for part in man.of_account(gone):
                man.drop(part.path)
        todo = set(s.dirty)
        for account in s.accounts:  # every account has every table, so "missing" is damage:
            if account in self.base.accounts and not s.reset:
                continue  # ...left for doctor and rebuild, never written over as empty
            todo |= {(account, t.name) for t in DATA_TABLES if not man.table_part(account, t.name)}
        if s.reset or not man.table_part(STORE_WIDE, IMPORTS.name):
            todo.add((STORE_WIDE, IMPORTS.name))
        full: dict[Key, pl.DataFrame] = {}
        for n, (account, name) in enumerate(sorted(todo)):
            if account != STORE_WIDE and account not in s.accounts:
                continue
            if name != IMPORTS.name:
                full[(account, name)] = self._write_facts(man, account, name, n)
            frame = self.table(account, name)
            frame = frame.sort(list(TABLES[name].key), nulls_last=True).rechunk()
            old = man.table_part(account, name)
            part = mf.write_part(self.store.root, frame, account, name, mf.TABLE, man.commit, n)
            if old is not None:
                man.drop(old.path)
            man.add(part)
            s.tables[(account, name)] = frame
        if (STORE_WIDE, IMPORTS.name) in todo or man.imported is None:
            rows = self.imports.select("sha256", "file_name", "batch_id").iter_rows()
            man.imported = known.index(rows)
        man.accounts = sorted(s.accounts)
        man.next_batch = self.next_batch_id()
        unsynced = sorted(self._unsynced)
        mf.sync_files(unsynced)
        if unsynced:
            crashpoint("raw-synced")
        # Before the manifest that names them: how each new file was read, beside it.
        logged = self._logged
        new = (
            s.imports
            if not self.base.sidecars or s.reset
            else s.imports.filter(~pl.col("batch_id").is_in(list(logged)))
        )
        if new.height:
            mf.sync_files(list(raw_meta.write(self.store.root, new.iter_rows(named=True))))
        man.sidecars = True
        self._unsynced.clear()
        self.store.publish(man)
        self._logged = set(s.imports["batch_id"].to_list())
        self.base, self.blank = man, False
        self._facts = {} if s.reset else self._facts
        self._facts.update(full)
        self._staged = _Staged(tuple(man.accounts), self.imports, man.next_batch, tables=s.tables)
        self.mark()

    def _write_facts(self, man: Manifest, account: str, name: str, n: int) -> pl.DataFrame:
        """Append the staged facts as a segment (or compact); return all the key's facts."""
        s = self._staged
        key = (account, name)
        self._shape(key)
        segments = man.fact_parts(account, name)
        chunks = s.new.get(key, ())
        everything = self.facts(account, name)
        rewrite = key in s.rewritten or len(segments) + 1 > MAX_SEGMENTS
        if rewrite:
            for seg in segments:
                man.drop(seg.path)
            written = everything
        else:
            written = pl.concat(chunks) if chunks else None
        if written is None and not segments:
            written = empty_facts(TABLES[name])
        if written is not None and (written.height or not man.fact_parts(account, name)):
            root = self.store.root
            man.add(mf.write_part(root, written, account, name, mf.FACTS, man.commit, n))
        return everything.rechunk()


def _one_row_per_key(name: str, facts: pl.DataFrame) -> bool:
    """Whether the rows reducing these facts gives are one per distinct key: always for
    plain tables; for set tables only when every fact ranks alike (else a losing
    contribution's keys are dropped)."""
    if name not in SET_GROUPS:
        return True
    return all(facts[c].n_unique() <= 1 for c in PRECEDENCE)


def _count(key: tuple[str, ...], old: pl.DataFrame, new: pl.DataFrame) -> tuple[int, int, int]:
    """Rows added, changed, or unchanged: ``old`` and ``new`` are the table's rows of the
    keys a file touched, before and after it."""
    if old.is_empty():
        return new.height, 0, 0
    added = new.join(old, on=list(key), how="anti", nulls_equal=True).height
    same = new.join(old, on=new.columns, how="semi", nulls_equal=True).height
    return added, new.height - added - same, same


def _rows(frame: pl.DataFrame, columns: list[str] | tuple[str, ...]) -> set[tuple]:
    """The distinct values of these columns, as tuples (cheaper than a frame for a page)."""
    return set(zip(*(frame[c].to_list() for c in columns), strict=True))
