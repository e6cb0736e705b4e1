"""In-place migration of a store written by 0.1 (``CURRENT`` + ``gen-*/``) to layout 2.

0.1 kept each table whole, every account together, with all facts beside it.
The migration splits the live generation by account — tables with an
``account`` column by it; the per-video tables by their video's account, else
by the account of the import that gave the row — and writes them as the new
parts. The canonical rows are copied, not reduced again, so nothing changes
on the way; a table 0.1 did not have is created empty for every account. The
old generations are deleted only after the manifest is in place, so a crash
mid-migration leaves the 0.1 store as it was and the next open migrates again.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from .durable import crashpoint
from .manifest import Manifest
from .reduce import BATCH, empty_facts, with_rank
from .schema import DATA_TABLES, IMPORTS, Table

_OWNER = "_owner"


def _read(path: Path, table: Table, facts: bool) -> pl.DataFrame:
    if not path.exists():
        return empty_facts(table) if facts else table.empty()
    frame = pl.read_parquet(path)
    if facts:
        return with_rank(frame)
    return frame.select([c for c in frame.columns if c in table.schema])


def _stored_sha256(root: Path, imports: pl.DataFrame) -> pl.DataFrame:
    """The redacted copies' checksums, from the sidecar files 0.1 kept beside them."""
    found = []
    for sha in imports["sha256"].to_list():
        try:
            text = (root / "raw" / f"{sha}.stored-sha256").read_text(encoding="ascii").strip()
        except OSError:
            text = ""
        found.append(text or None)
    return imports.with_columns(pl.Series("stored_sha256", found, dtype=pl.String))


def migrate(store) -> bool:  # noqa: ANN001  (a Store; typed loosely to keep the modules acyclic)
    """Migrate the 0.1 store at ``store.root`` if it is one; True when it was."""
    from .transaction import Transaction

    root: Path = store.root
    with store.lock():
        if (root / "manifest.json").exists():
            return False
        try:
            gen = (root / "CURRENT").read_text().strip()
        except FileNotFoundError:
            return False
        folder = root / gen
        imports = _read(folder / "imports.parquet", IMPORTS, False)
        imports = IMPORTS.conform(_stored_sha256(root, imports))
        tables = {t.name: _read(folder / f"{t.name}.parquet", t, False) for t in DATA_TABLES}
        facts = {
            t.name: _read(folder / "facts" / f"{t.name}.parquet", t, True) for t in DATA_TABLES
        }
        batch_account = imports.select(
            pl.col("batch_id").alias(BATCH),
            pl.col("account").str.split(",").list.first().alias("_by_batch"),
        )
        videos = tables["videos"].select("video_id", pl.col("account").alias(_OWNER))
        videos = videos.unique("video_id", keep="first")
        named = {a for t in DATA_TABLES if "account" in t.schema for a in tables[t.name]["account"]}
        accounts = sorted(a for a in named | set(batch_account["_by_batch"]) if a)
        first = accounts[0] if accounts else ""

        def owned(frame: pl.DataFrame, table: Table) -> pl.DataFrame:
            if "account" in table.schema:
                return frame.with_columns(pl.col("account").fill_null(first).alias(_OWNER))
            out = frame.join(videos, on="video_id", how="left")
            if BATCH in out.columns:
                out = (
                    out.join(batch_account, on=BATCH, how="left")
                    .with_columns(pl.coalesce(_OWNER, "_by_batch").alias(_OWNER))
                    .drop("_by_batch")
                )
            return out.with_columns(pl.col(_OWNER).fill_null(first))

        crashpoint("migrate-read")
        tx = Transaction(store, Manifest())
        for table in DATA_TABLES:
            rows = owned(tables[table.name], table)
            contributions = owned(facts[table.name], table)
            for account in accounts:
                tx.replace(
                    table.name,
                    rows.filter(pl.col(_OWNER) == account).drop(_OWNER),
                    facts=contributions.filter(pl.col(_OWNER) == account).drop(_OWNER),
                    account=account,
                )
        tx.set_imports(imports)
        tx.commit()  # the manifest is the commit point; then the 0.1 generations go
        return True
