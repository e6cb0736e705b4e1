"""Rebuilding the store from ``raw/``, and undoing one import (``tiktui forget``).

A forget is recorded beside ``raw/`` (``raw/forgets.jsonl``: one JSON line per
undone import, its sha256 and batch) so a rebuild, which re-reads every
archived file, undoes it again rather than bringing the wrong rows back.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl

from . import raw_meta
from .durable import crashpoint, store_error
from .importers.archive.match import ARCHIVE_KIND
from .importers.base import Refused
from .manifest import STORE_WIDE, checksum
from .pipeline import FileResult, _parse, _Pending, _stage, identity, not_stored
from .schema import IMPORTS
from .store import Store

FORGETS = "forgets.jsonl"
GUESSED = "no record of how it was first imported: read as a plain import would"


def _forget_lines(store: Store) -> set[tuple[str, int]]:
    path = store.root / "raw" / FORGETS
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return set()
    out: set[tuple[str, int]] = set()
    for line in lines:
        try:
            entry = json.loads(line)
            out.add((str(entry["sha256"]), int(entry["batch_id"])))
        except (ValueError, KeyError, TypeError):
            continue  # a torn last line of a killed forget: that forget never committed
    return out


def forgotten(store: Store, log: pl.DataFrame | None = None) -> set[tuple[str, int]]:
    """(sha256, batch) of every import ``forget`` undid.

    A forget is recorded before its commit; a line whose import the committed log
    still lists is of a forget that never committed (killed, disk full), and
    does not count. With no readable log every line counts.
    """
    lines = _forget_lines(store)
    if log is None:
        log = _readable_log(store)
    if log is None or not lines:
        return lines
    listed = set(log.select("sha256", "batch_id").iter_rows())
    return lines - listed


def _readable_log(store: Store) -> pl.DataFrame | None:
    """The committed import log when its part is whole (its checksum matches), else None."""
    try:
        man = store.manifest()
        part = man.table_part(STORE_WIDE, IMPORTS.name)
        if part is None:
            return None
        data = (store.root / part.path).read_bytes()
        if len(data) != part.size or checksum(data) != part.blake2b:
            return None
        frame = pl.read_parquet(io.BytesIO(data))
        return IMPORTS.conform(frame)
    except Exception:  # noqa: BLE001 — a damaged manifest or part: rebuild goes without
        return None


@dataclass
class Forgot:
    batches: list[tuple[int, str, str]]  # (batch, file name, accounts)
    accounts: list[str]


class NothingToForget(Exception):
    """No import matches what was given."""


def _matching(log: pl.DataFrame, what: str) -> pl.DataFrame:
    """Imports whose sha256 starts with ``what`` (8+ hex digits), or whose file is ``what``."""
    text = what.strip()
    if len(text) >= 8 and all(c in "0123456789abcdef" for c in text.lower()):
        found = log.filter(pl.col("sha256").str.starts_with(text.lower()))
        if found.height:
            return found
    path = Path(text).expanduser()
    if path.is_file():
        import hashlib

        with open(path, "rb") as fh:
            sha = hashlib.file_digest(fh, "sha256").hexdigest()
        return log.filter(pl.col("sha256") == sha)
    return log.filter(pl.col("file_name") == path.name)


def forget(store: Store, what: str) -> Forgot:
    """Undo the import(s) of one file: its rows leave every table, its log line goes.

    The raw copy stays (a later import of the same file, with the right
    ``--account``, is a new import), and the forget is recorded for rebuild.
    """
    with store.transaction() as tx:
        rows = _matching(tx.imports, what)
        if rows.is_empty():
            raise NothingToForget(f"{what}: no import of that file is in the store")
        batches = {int(b) for b in rows["batch_id"]}
        accounts = tx.forget(batches)
        # Recorded before the commit, so no committed forget goes unrecorded for a
        # rebuild from raw/ alone; a line whose import is still in the log (the commit
        # never happened) does not count (:func:`forgotten`).
        when = datetime.now(UTC).isoformat(timespec="seconds")
        lines = "".join(
            json.dumps(
                {
                    "sha256": r["sha256"],
                    "batch_id": r["batch_id"],
                    "at": when,
                    "file_name": r["file_name"],
                }
            )
            + "\n"
            for r in rows.iter_rows(named=True)
        )
        _append(store, lines)
        crashpoint("forget-recorded")
        tx.commit()
    listed = [
        (int(r["batch_id"]), r["file_name"], r["account"]) for r in rows.iter_rows(named=True)
    ]
    return Forgot(listed, accounts)


def _append(store: Store, text: str) -> None:
    path = store.root / "raw" / FORGETS
    try:
        with open(path, "a+b") as fh:
            if fh.tell():  # after a torn last line (a killed forget), on a line of its own
                fh.seek(-1, os.SEEK_END)
                if fh.read(1) != b"\n":
                    text = "\n" + text
            fh.write(text.encode())
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise store_error(exc, store.root, len(text)) from exc


@dataclass
class _Entry:
    """One import to re-read: as recorded in the log or beside its raw file, or guessed."""

    sha256: str
    batch_id: int
    file_name: str
    account_given: str | None
    exported_on: date | None
    imported_at: datetime | None
    file_mtime: datetime | None
    stored_sha256: str | None
    format: str = ""
    guessed: bool = False


def _entries(store: Store, log: pl.DataFrame | None, undone: set, floor: int = 0) -> list[_Entry]:
    """Every import rebuild re-reads: the log's, the sidecars' (the import log may be
    missing or damaged), and a guessed one for a raw file neither records."""
    fields = [f.name for f in _Entry.__dataclass_fields__.values() if f.name != "guessed"]
    recorded: dict[tuple[str, int], _Entry] = {}
    for row in log.iter_rows(named=True) if log is not None else ():
        recorded[(row["sha256"], row["batch_id"])] = _Entry(**{k: row.get(k) for k in fields})
    extra: list[_Entry] = []
    raw = raw_meta.raw_files(store.root)
    for sha in raw:
        for e in raw_meta.read(store.root, sha):
            if (sha, e["batch_id"]) not in recorded:
                extra.append(_Entry(sha256=sha, **e))
    seen = {identity(e.sha256, e.file_name) for e in recorded.values()}
    taken = {b for _s, b in recorded}
    out = list(recorded.values())
    for e in sorted(extra, key=lambda e: (e.batch_id, str(e.imported_at))):
        if (e.sha256, e.batch_id) in undone or identity(e.sha256, e.file_name) in seen:
            continue  # forgotten, or a killed import of a file imported since
        seen.add(identity(e.sha256, e.file_name))
        if log is not None or e.batch_id in taken:
            e.batch_id = -1  # a batch the log lacks is of a killed commit: a new number
        taken.add(e.batch_id)
        out.append(e)
    have = {e.sha256 for e in out} | {sha for sha, _b in undone}
    for sha in raw:
        if sha not in have and not raw_meta.read(store.root, sha):
            when = datetime.fromtimestamp((store.raw_path(sha)).stat().st_mtime, UTC)
            out.append(_Entry(sha, -1, sha, None, None, when, when, None, guessed=True))
    # New numbers follow every batch ever given (a forgotten one's included).
    nxt = max([floor, *(e.batch_id for e in out), *(b for _s, b in undone)]) + 1
    for e in out:
        if e.batch_id < 0:
            e.batch_id, nxt = nxt, nxt + 1
    return [e for e in out if (e.sha256, e.batch_id) not in undone]


def _legacy_stored_sha256(store: Store, sha256: str) -> str | None:
    """The redacted copy's checksum from the sidecar file stores before the log kept it."""
    try:
        text = store.raw_path(sha256).with_name(f"{sha256}.stored-sha256").read_text("ascii")
    except OSError:
        return None
    return text.strip() or None


def rebuild(store: Store, exported_on: Mapping[int, date] | None = None) -> list[FileResult]:
    """Re-create every table from ``raw/``, all at once or not at all.

    For after a format fix or damage to the tables: each archived file is
    parsed again as it was first imported (same name, account, dates, export
    day: from the import log when it is whole, else from the ``raw/<sha256>.json``
    beside each file), except the batches in ``exported_on``, read with that
    export day from now on; the imports ``forget`` undid stay undone. No
    committed part but the (checksummed) import log is read. A raw file nothing
    records is read as a plain import would (its result says so). It commits
    only when every raw file not forgotten was re-read.
    """
    exported_on = exported_on or {}
    results: list[FileResult] = []
    with store.transaction(blank=True) as tx:
        log = _readable_log(store)
        undone = forgotten(store, log)
        entries = _entries(store, log, undone, tx.base.next_batch - 1)
        # Archives last, as on import: their posts are matched to the others' videos.
        entries.sort(key=lambda e: (e.format == ARCHIVE_KIND, e.batch_id))
        failed = False
        reread: set[str] = set()
        for e in entries:
            raw = store.raw_path(e.sha256)
            display = f"{e.file_name} (batch {e.batch_id})"
            try:
                data = raw.read_bytes()
            except OSError:
                results.append(FileResult(display, "refused", f"raw copy {raw} is missing"))
                failed = True
                continue
            today = (e.imported_at or datetime.now(UTC)).date()
            p = _Pending(
                display,
                e.file_name,
                data,
                e.sha256,
                e.file_mtime,
                exported_on.get(e.batch_id, e.exported_on),
            )
            _parse(p, today)
            if p.error:
                results.append(FileResult(display, "refused", p.error))
                failed = True
                continue
            stored = e.stored_sha256 or _legacy_stored_sha256(store, e.sha256)
            try:
                res = _stage(tx, p, e.account_given, e.batch_id, stored)
            except Refused as exc:
                results.append(FileResult(display, "refused", str(exc)))
                failed = True
                continue
            except Exception as exc:  # a bug: named by its reason, never its own text
                results.append(FileResult(display, "refused", not_stored(exc)))
                failed = True
                continue
            if e.guessed:
                res.notes.append(GUESSED)
            results.append(res)
            reread.add(e.sha256)
        needed = set(raw_meta.raw_files(store.root)) - {s for s, _b in undone}
        missing = needed - reread
        if missing and not failed:  # every raw file is an entry or forgotten, but never
            failed = True  # report success on less than raw/ holds
            results.append(FileResult(f"{len(missing)} raw files", "refused", "were not re-read"))
        if failed:
            return results  # nothing committed: the store is as it was
        crashpoint("rebuild-staged")
        # The log keeps when each file was first imported; the rest is as re-read now.
        first = pl.DataFrame(
            {
                "batch_id": [e.batch_id for e in entries],
                "imported_at": [e.imported_at for e in entries],
            },
            schema={"batch_id": pl.Int64, "imported_at": IMPORTS.schema["imported_at"]},
        )
        rebuilt = tx.imports
        tx.set_imports(
            rebuilt.drop("imported_at")
            .join(first, on="batch_id", how="left")
            .select(rebuilt.columns)
        )
        tx.commit()
    return results
