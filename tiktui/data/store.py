"""The local store: every import kept for good, in parquet, never half-written.

Layout of a data directory::

    CURRENT                  name of the live generation, replaced atomically
    gen-00000042/
        <table>.parquet      the canonical tables, what queries read
        facts/<table>.parquet every row every import contributed (+ _batch, _as_of, _rank)
    raw/<sha256>             the bytes of every imported file
    lock                     held by the one process that writes

Why generations rather than one parquet per table renamed in place: an import
touches several tables, and renaming them one after the other is not atomic —
a crash between two renames would leave a store whose tables disagree. A new
generation is written beside the old one (unchanged tables are hard links, so
this costs little), and a single ``os.replace`` of ``CURRENT`` switches to it.

Why facts: the canonical tables are a pure function of every contribution
(:func:`reduce_facts`: per column, the best-ranked then newest export that has
a value wins).
Keeping the contributions makes the merge exact whatever order exports arrive
in, lets a newer file that lacks a column keep the older value instead of
blanking it, and lets ``rebuild`` start from ``raw/`` alone.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from filelock import FileLock, Timeout

from .importers.base import Rank
from .schema import DATA_TABLES, IMPORTS, SET_GROUPS, TABLES, Table, Tables

BATCH = "_batch"
AS_OF = "_as_of"
RANK = "_rank"  # a Rank: facts written before ranks existed have none and read as STATED
_GEN_PREFIX = "gen-"
_KEEP_GENERATIONS = 3  # readers that opened an older generation keep working
LOCK_TIMEOUT_S = 60.0


class StoreBusy(Exception):
    """Another process holds the store's lock for longer than we wait."""


def default_data_dir() -> Path:
    """Where the store lives: ``TIKTUI_DATA_DIR`` or the platform's user data dir."""
    env = os.environ.get("TIKTUI_DATA_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("tiktui"))


def facts_schema(table: Table) -> dict[str, pl.DataType]:
    return {**table.schema, BATCH: pl.Int64, AS_OF: pl.Datetime("us", "UTC"), RANK: pl.Int8}


def with_rank(facts: pl.DataFrame) -> pl.DataFrame:
    """Facts with a ``_rank`` column: a store written before ranks existed held only
    Studio downloads and API files, so a missing rank is STATED."""
    if RANK in facts.columns:
        return facts
    return facts.with_columns(pl.lit(int(Rank.STATED), pl.Int8).alias(RANK))


# The one ranking every column is chosen by (DESIGN.md, Store): first the rank —
# a value a Studio download or the Business API states (Rank.STATED), then one a
# browser capture states (CAPTURED), then one worked out from others (DERIVED) —
# and only within a rank the newest export (``_as_of``), then the latest import.
# So a captured history fills the days no file gave but never overrides a Studio
# row, and a stated net beats a derived net, whatever the order files arrive in.
PRECEDENCE = (RANK, AS_OF, BATCH)
_DESCENDING = (False, True, True)


def reduce_facts(table: Table, facts: pl.DataFrame) -> pl.DataFrame:
    """The canonical table from every contribution: best rank, then newest, wins.

    See ``PRECEDENCE``: importing an old file after a new one never rolls a
    number back, and recency never lets a weaker kind of value replace a
    stronger one. For plain tables the choice is made per column among non-null
    values (a Viewers file and an Overview file fill different columns of the
    same day); for set tables (see ``SET_GROUPS``) the best contribution
    replaces the whole set.
    """
    if facts.is_empty():
        return table.empty()
    ordered = with_rank(facts).sort(list(PRECEDENCE), descending=list(_DESCENDING), nulls_last=True)
    group = SET_GROUPS.get(table.name)
    if group:
        winner = [f"_w{c}" for c in PRECEDENCE]
        best = ordered.group_by(list(group), maintain_order=True).agg(
            [pl.col(c).first().alias(w) for c, w in zip(PRECEDENCE, winner, strict=True)]
        )
        kept = ordered.join(best, on=list(group), how="inner", nulls_equal=True).filter(
            pl.all_horizontal(
                [pl.col(c).eq_missing(pl.col(w)) for c, w in zip(PRECEDENCE, winner, strict=True)]
            )
        )
        out = kept.unique(subset=list(table.key), keep="first", maintain_order=True)
    else:
        out = ordered.group_by(list(table.key), maintain_order=True).agg(
            [_pick(c) for c in table.values]
        )
    return table.conform(out.select(list(table.schema))).sort(list(table.key), nulls_last=True)


def _pick(col: str) -> pl.Expr:
    """Per column, the newest export's value; a year is inferred only if no export gave it."""
    if col == "year_inferred":
        return pl.col(col).drop_nulls().min()
    return pl.col(col).drop_nulls().first()


@dataclass
class Snapshot:
    """One generation read into memory: what a transaction starts from."""

    generation: str | None
    tables: dict[str, pl.DataFrame] = field(default_factory=dict)
    facts: dict[str, pl.DataFrame] = field(default_factory=dict)


class Store:
    """A data directory. Reading needs no lock; writing goes through :meth:`transaction`."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._cache: tuple[str | None, Tables] | None = None

    @classmethod
    def open(cls, root: Path | str | None = None) -> Store:
        path = Path(root).expanduser() if root is not None else default_data_dir()
        (path / "raw").mkdir(parents=True, exist_ok=True)
        return cls(path)

    # -- reading -----------------------------------------------------------

    def current_generation(self) -> str | None:
        try:
            name = (self.root / "CURRENT").read_text().strip()
        except FileNotFoundError:
            return None
        return name or None

    def tables(self) -> Tables:
        """Every canonical table of the live generation (cached until it changes)."""
        gen = self.current_generation()
        if self._cache and self._cache[0] == gen:
            return self._cache[1]
        loaded = {name: self._read(gen, f"{name}.parquet", TABLES[name]) for name in TABLES}
        self._cache = (gen, loaded)
        return loaded

    def load(self, name: str) -> pl.DataFrame:
        return self.tables()[name]

    def is_empty(self) -> bool:
        return self.load("imports").is_empty()

    def accounts(self) -> list[str]:
        return sorted(self.load("accounts")["account"].drop_nulls().unique().to_list())

    def raw_path(self, sha256: str) -> Path:
        return self.root / "raw" / sha256

    def _read(self, gen: str | None, rel: str, table: Table, facts: bool = False) -> pl.DataFrame:
        empty = pl.DataFrame(schema=facts_schema(table)) if facts else table.empty()
        if gen is None:
            return empty
        path = self.root / gen / rel
        if not path.exists():
            return empty
        frame = pl.read_parquet(path)
        return with_rank(frame) if facts else frame

    def snapshot(self) -> Snapshot:
        gen = self.current_generation()
        snap = Snapshot(gen)
        for table in (*DATA_TABLES, IMPORTS):
            snap.tables[table.name] = self._read(gen, f"{table.name}.parquet", table)
        for table in DATA_TABLES:
            snap.facts[table.name] = self._read(gen, f"facts/{table.name}.parquet", table, True)
        return snap

    # -- writing -----------------------------------------------------------

    def archive_raw(self, sha256: str, data: bytes) -> None:
        """Keep the file's bytes; content-addressed, so a crash here leaves only a spare file."""
        target = self.raw_path(sha256)
        if target.exists():
            return
        tmp = target.with_name(f".{sha256}.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)

    @contextlib.contextmanager
    def transaction(self, timeout: float = LOCK_TIMEOUT_S) -> Iterator[Transaction]:
        """Hold the write lock; the caller commits each unit of work it wants kept."""
        lock = FileLock(str(self.root / "lock"))
        try:
            lock.acquire(timeout=timeout)
        except Timeout as exc:
            raise StoreBusy(
                f"the store {self.root} is busy: another tiktui is writing to it"
            ) from exc
        try:
            yield Transaction(self, self.snapshot())
        finally:
            lock.release()

    def _write_generation(self, base: Snapshot, new: Snapshot) -> str:
        number = 0
        if base.generation:
            number = int(base.generation.removeprefix(_GEN_PREFIX)) + 1
        name = f"{_GEN_PREFIX}{number:08d}"
        tmp = self.root / f".{name}.tmp"
        if tmp.exists():
            shutil.rmtree(tmp)
        (tmp / "facts").mkdir(parents=True)
        for rel, frame, old in _files(base, new):
            dest = tmp / rel
            if old is not None and frame is old and base.generation:
                src = self.root / base.generation / rel
                if src.exists():
                    os.link(src, dest)
                    continue
            frame.write_parquet(dest)
            with open(dest, "rb") as fh:
                os.fsync(fh.fileno())
        os.replace(tmp, self.root / name)
        pointer = self.root / ".CURRENT.tmp"
        with open(pointer, "w") as fh:
            fh.write(name + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(pointer, self.root / "CURRENT")
        self._prune(number)
        self._cache = None
        return name

    def _prune(self, number: int) -> None:
        for path in self.root.glob(f"{_GEN_PREFIX}*"):
            try:
                n = int(path.name.removeprefix(_GEN_PREFIX))
            except ValueError:
                continue
            if n <= number - _KEEP_GENERATIONS:
                shutil.rmtree(path, ignore_errors=True)
        for path in self.root.glob(f".{_GEN_PREFIX}*.tmp"):
            shutil.rmtree(path, ignore_errors=True)


def _files(base: Snapshot, new: Snapshot):
    for name, frame in new.tables.items():
        yield f"{name}.parquet", frame, base.tables.get(name)
    for name, frame in new.facts.items():
        yield f"facts/{name}.parquet", frame, base.facts.get(name)


class Transaction:
    """Changes staged in memory and made live, all at once, by :meth:`commit`."""

    def __init__(self, store: Store, snap: Snapshot):
        self.store = store
        self.base = snap
        self.tables = dict(snap.tables)
        self.facts = dict(snap.facts)
        self._mark = (dict(self.tables), dict(self.facts))

    def next_batch_id(self) -> int:
        ids = self.tables["imports"]["batch_id"]
        return 1 if ids.is_empty() else int(ids.max()) + 1  # type: ignore[arg-type]

    def stage(self, name: str, facts: pl.DataFrame) -> pl.DataFrame:
        """Add contributions to a table; returns the table's new canonical frame.

        Only the keys (or sets) the contributions touch are reduced again: the
        rest of the table cannot have changed, and re-reducing a year of
        facts for every file would make a big import quadratic.
        """
        table = TABLES[name]
        merged = pl.concat([self.facts[name], facts.select(list(facts_schema(table)))])
        self.facts[name] = merged
        group = list(SET_GROUPS.get(name) or table.key)
        touched = facts.select(group).unique()
        fresh = reduce_facts(table, merged.join(touched, on=group, how="semi", nulls_equal=True))
        kept = self.tables[name].join(touched, on=group, how="anti", nulls_equal=True)
        # Sorted once, when written (commit): sorting here would cost a full sort per file.
        self.tables[name] = pl.concat([kept, fresh], rechunk=False)
        return self.tables[name]

    def replace(self, name: str, frame: pl.DataFrame, facts: pl.DataFrame | None = None) -> None:
        self.tables[name] = frame
        if facts is not None:
            self.facts[name] = facts

    def mark(self) -> None:
        """Remember the staged state as good: a later :meth:`rollback` returns here."""
        self._mark = (dict(self.tables), dict(self.facts))

    def commit(self) -> None:
        """Make everything staged live at once; on failure the store is as it was."""
        for name, frame in self.tables.items():
            if frame is not self.base.tables.get(name) and name in TABLES:
                key = list(TABLES[name].key)
                self.tables[name] = frame.sort(key, nulls_last=True).rechunk()
        new = Snapshot(self.base.generation, dict(self.tables), dict(self.facts))
        gen = self.store._write_generation(self.base, new)
        self.base = Snapshot(gen, dict(self.tables), dict(self.facts))
        self.mark()

    def rollback(self) -> None:
        """Forget what was staged since the last :meth:`mark` (a refused file)."""
        self.tables, self.facts = dict(self._mark[0]), dict(self._mark[1])

    def rollback_all(self) -> None:
        """Forget everything since the last commit (the commit itself failed)."""
        self.tables = dict(self.base.tables)
        self.facts = dict(self.base.facts)
        self.mark()
