"""Rebuilding the store from ``raw/``, and undoing one import (``tiktui forget``).

A forget is recorded beside ``raw/`` (``raw/forgets.jsonl``: one JSON line per
undone import, its sha256 and batch) so a rebuild, which re-reads every
archived file, undoes it again rather than bringing the wrong rows back.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl

from .importers.archive.match import ARCHIVE_KIND
from .importers.base import Refused
from .pipeline import FileResult, _parse, _Pending, _stage, not_stored
from .schema import TABLES
from .store import Store

FORGETS = "forgets.jsonl"


def forgotten(store: Store) -> set[tuple[str, int]]:
    """(sha256, batch) of every import ``forget`` undid."""
    path = store.root / "raw" / FORGETS
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return set()
    out: set[tuple[str, int]] = set()
    for line in lines:
        try:
            entry = json.loads(line)
            out.add((str(entry["sha256"]), int(entry["batch_id"])))
        except (ValueError, KeyError, TypeError):
            continue  # a torn last line of a killed forget: that forget never committed
    return out


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
        tx.commit()
        # Recorded once committed, so a record always means an undone import: the import
        # log no longer lists it, and a rebuild from raw/ alone must not bring it back.
        record = store.root / "raw" / FORGETS
        when = datetime.now(UTC).isoformat(timespec="seconds")
        with open(record, "a", encoding="utf-8") as fh:
            for r in rows.iter_rows(named=True):
                entry = {"sha256": r["sha256"], "batch_id": r["batch_id"], "at": when}
                entry["file_name"] = r["file_name"]
                fh.write(json.dumps(entry) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
    listed = [
        (int(r["batch_id"]), r["file_name"], r["account"]) for r in rows.iter_rows(named=True)
    ]
    return Forgot(listed, accounts)


def rebuild(store: Store, exported_on: Mapping[int, date] | None = None) -> list[FileResult]:
    """Re-create every table from ``raw/`` and the import log, all at once or not at all.

    For after a format fix or damage to the tables: each archived file is
    parsed again as it was first imported (same name, account, dates, export
    day), except the batches in ``exported_on``, read with that export day from
    now on; the imports ``forget`` undid stay undone.
    """
    exported_on = exported_on or {}
    results: list[FileResult] = []
    undone = forgotten(store)
    with store.transaction() as tx:
        # Archives last, as on import: their posts are matched to the others' videos.
        log = (
            TABLES["imports"].conform(tx.imports).sort(pl.col("format") == ARCHIVE_KIND, "batch_id")
        )
        if undone:
            gone = pl.DataFrame(
                sorted(undone), schema={"sha256": pl.String, "batch_id": pl.Int64}, orient="row"
            )
            log = log.join(gone, on=["sha256", "batch_id"], how="anti")
        tx.reset()
        failed = False
        for row in log.iter_rows(named=True):
            raw = store.raw_path(row["sha256"])
            display = f"{row['file_name']} (batch {row['batch_id']})"
            if not raw.exists():
                results.append(FileResult(display, "refused", f"raw copy {raw} is missing"))
                failed = True
                continue
            today = (row["imported_at"] or datetime.now(UTC)).date()
            p = _Pending(
                display,
                row["file_name"],
                raw.read_bytes(),
                row["sha256"],
                row["file_mtime"],
                exported_on.get(row["batch_id"], row["exported_on"]),
            )
            _parse(p, today)
            if p.error:
                results.append(FileResult(display, "refused", p.error))
                failed = True
                continue
            stored = row.get("stored_sha256") or store.stored_sha256(row["sha256"])
            try:
                res = _stage(tx, p, row["account_given"], row["batch_id"], stored)
            except Refused as exc:
                results.append(FileResult(display, "refused", str(exc)))
                failed = True
                continue
            except Exception as exc:  # a bug: named by its reason, never its own text
                results.append(FileResult(display, "refused", not_stored(exc)))
                failed = True
                continue
            results.append(res)
        if failed:
            return results  # nothing committed: the store is as it was
        # The log keeps when each file was first imported; the rest is as re-read now.
        rebuilt = tx.imports
        tx.set_imports(
            rebuilt.drop("imported_at")
            .join(log.select("batch_id", "imported_at"), on="batch_id", how="left")
            .select(rebuilt.columns)
        )
        tx.commit()
    return results
