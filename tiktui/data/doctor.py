"""``tiktui doctor``: check a store whole, and say what fixes what is wrong.

Checks, in order: the manifest parses and has this version's layout; every part it
names is there with its size and checksum, reads as parquet with its table's
columns, holds the rows the manifest says and (a canonical part) unique keys;
every account has every table (a missing table is damage, never "0 rows"); every
file the import log names is in ``raw/`` with its checksum. Files under
``parts/`` no manifest names and temporary files are leftovers of writes that
never committed: counted, harmless.

Nothing here writes: a 0.1 store is reported as such, not migrated. Findings are
plain fields; the CLI words them (:mod:`tiktui.cli.doctor`).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from . import manifest as mf
from .damage import DamagedManifest, DamagedPart, absent, damaged, parse, read_verified
from .manifest import STORE_WIDE, Manifest, Part
from .raw_meta import raw_files
from .reduce import RANK, facts_schema
from .schema import DATA_TABLES, IMPORTS, TABLES

# Kinds of finding, in the order they are reported and fixed.
MANIFEST = "manifest"  # manifest.json cannot be read: nothing else can be checked
IMPORT_LOG = "import_log"  # the import log's part is damaged or absent: rebuild needs it
RAW_MISSING = "raw_missing"  # an imported file's copy is not in raw/
RAW_MISMATCH = "raw_mismatch"  # ...or is there with other bytes
PART = "part"  # a part of an account's table is damaged
MISSING_TABLE = "missing_table"  # an account lacks a table (or its fact segments)
LEFTOVER = "leftover"  # a file of a write that never committed: harmless
OLD_LAYOUT = "old_layout"  # a 0.1 store: the next command migrates it
KINDS = (MANIFEST, IMPORT_LOG, RAW_MISSING, RAW_MISMATCH, PART, MISSING_TABLE, LEFTOVER, OLD_LAYOUT)
HARMLESS = frozenset({LEFTOVER, OLD_LAYOUT})


@dataclass(frozen=True)
class Finding:
    kind: str  # one of KINDS
    problem: str  # a key of damage.PROBLEMS ("missing", "checksum", …), or "temp" for leftovers
    path: str  # relative to the store
    account: str | None = None
    table: str | None = None
    sha256: str | None = None  # raw findings: the import's sha256
    detail: str = ""  # a file name (raw findings), sizes, the manifest's parse error


@dataclass
class Checkup:
    root: Path
    findings: list[Finding] = field(default_factory=list)
    commit: int | None = None
    accounts: int = 0
    parts: int = 0
    imports: int | None = None  # None: the import log could not be read
    raw_checked: int = 0

    @property
    def ok(self) -> bool:
        return all(f.kind in HARMLESS for f in self.findings)

    def of(self, kind: str) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]


def check(root: Path) -> Checkup:
    """Every check, reading everything once; never writes."""
    root = Path(root)
    up = Checkup(root)
    man = _manifest(up)
    if man is None:
        return up
    up.commit, up.accounts, up.parts = man.commit, len(man.accounts), len(man.parts)
    log = None
    for part in sorted(man.parts.values(), key=lambda p: p.path):
        frame = _check_part(up, part)
        if frame is not None and part.account == STORE_WIDE and part.table == IMPORTS.name:
            log = frame if part == man.table_part(STORE_WIDE, IMPORTS.name) else log
    _missing_tables(up, man)
    if log is not None:
        up.imports = log.height
        _check_raw(up, log)
    elif man.commit == 0:
        up.imports = 0
    _leftovers(up, man)
    return up


def _manifest(up: Checkup) -> Manifest | None:
    path = up.root / mf.NAME
    if not path.exists() and (up.root / "CURRENT").exists():
        up.findings.append(Finding(OLD_LAYOUT, "layout", "CURRENT"))
        return None
    try:
        man = mf.read(up.root)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) else type(exc).__name__
        up.findings.append(Finding(MANIFEST, "unreadable", mf.NAME, detail=why or ""))
        return None
    if man is None:
        if held := raw_files(up.root):  # imports were made: the commit point is lost
            detail = f"raw/ holds {len(held)} imported file{'s' * (len(held) != 1)}"
            up.findings.append(Finding(MANIFEST, "missing", mf.NAME, detail=detail))
            return None
        return Manifest(commit=0)
    if man.layout != mf.LAYOUT:
        detail = f"layout {man.layout}, this tiktui reads {mf.LAYOUT}"
        up.findings.append(Finding(MANIFEST, "layout", mf.NAME, detail=detail))
        return None
    return man


def _finding(exc: DamagedPart) -> Finding:
    kind = IMPORT_LOG if exc.account == STORE_WIDE and exc.table == IMPORTS.name else PART
    return Finding(kind, exc.problem, exc.path, exc.account, exc.table, detail=exc.detail)


def _check_part(up: Checkup, part: Part) -> pl.DataFrame | None:
    """The part's rows when they are whole; else one finding and None."""
    try:
        table = TABLES.get(part.table)
        if table is None:
            raise damaged(part, "schema", "no such table")
        frame = parse(part, read_verified(up.root, part))
        schema = table.schema if part.kind == mf.TABLE else facts_schema(table)
        wrong = [
            c
            for c, t in frame.schema.items()
            if c not in schema or (schema[c] != t and not (c == RANK and t.is_integer()))
        ]
        if wrong:
            raise damaged(part, "schema", ", ".join(wrong))
        if frame.height != part.rows:
            raise damaged(part, "rows", f"{frame.height:,}, the manifest says {part.rows:,}")
        key = list(table.key)
        if part.kind == mf.TABLE and set(key) <= set(frame.columns):
            if frame.select(key).is_duplicated().any():
                raise damaged(part, "keys")
        return frame
    except DamagedPart as exc:
        up.findings.append(_finding(exc))
        return None


def _missing_tables(up: Checkup, man: Manifest) -> None:
    for account in man.accounts:
        for table in DATA_TABLES:
            gone = man.table_part(account, table.name) is None
            if gone or not man.fact_parts(account, table.name):
                exc = absent(account, table.name)
                detail = "" if gone else "no fact segments"
                up.findings.append(
                    Finding(MISSING_TABLE, "absent", exc.path, account, table.name, detail=detail)
                )
    if man.commit and man.table_part(STORE_WIDE, IMPORTS.name) is None:
        up.findings.append(_finding(absent(STORE_WIDE, IMPORTS.name)))


def _check_raw(up: Checkup, log: pl.DataFrame) -> None:
    cols = [c for c in ("sha256", "stored_sha256", "file_name", "batch_id") if c in log.columns]
    seen: set[str] = set()
    for row in log.select(cols).iter_rows(named=True):
        sha = row["sha256"]
        if not sha or sha in seen:
            continue
        seen.add(sha)
        raw = up.root / "raw" / sha
        name = f"{row.get('file_name') or '?'} (batch {row.get('batch_id')})"
        rel = f"raw/{sha}"
        try:
            with open(raw, "rb") as fh:
                digest = hashlib.file_digest(fh, "sha256").hexdigest()
        except FileNotFoundError:
            up.findings.append(Finding(RAW_MISSING, "missing", rel, sha256=sha, detail=name))
            continue
        except OSError as exc:
            why = f"{name}: {exc.strerror or type(exc).__name__}"
            up.findings.append(Finding(RAW_MISSING, "unreadable", rel, sha256=sha, detail=why))
            continue
        up.raw_checked += 1
        if digest not in (sha, row.get("stored_sha256") or _sidecar(raw)):
            up.findings.append(Finding(RAW_MISMATCH, "checksum", rel, sha256=sha, detail=name))


def _sidecar(raw: Path) -> str | None:
    """The stored copy's checksum as stores before the import log's column kept it."""
    try:
        return raw.with_name(f"{raw.name}.stored-sha256").read_text(encoding="ascii").strip()
    except OSError:
        return None


def _leftovers(up: Checkup, man: Manifest) -> None:
    named = set(man.parts) | {path for _c, path in man.retired}
    parts = up.root / mf.PARTS
    for folder, _dirs, files in os.walk(parts):
        for name in files:
            rel = (Path(folder) / name).relative_to(up.root).as_posix()
            if rel not in named:
                up.findings.append(Finding(LEFTOVER, "part", rel))
    for folder in (up.root, up.root / "raw"):
        for tmp in sorted(folder.glob(".*.tmp")):
            rel = tmp.relative_to(up.root).as_posix()
            up.findings.append(Finding(LEFTOVER, "temp", rel))


__all__ = ["KINDS", "Checkup", "DamagedManifest", "Finding", "check"]
