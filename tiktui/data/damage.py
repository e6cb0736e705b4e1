"""Damage to a store, named: which part, of which account and table, and what is wrong.

A part is checked at three costs. Every read checks its size against the
manifest (one ``stat``: a truncated or deleted part is caught before Polars
sees it). A write checks the checksum of every part it builds on (it reads
those bytes anyway), so a transaction never carries damaged rows forward.
``tiktui doctor`` checks everything (:mod:`.doctor`).

The errors carry plain fields (``problem`` is one of :data:`PROBLEMS`); their
text names the part and the command that fixes it, with every value from the
store made visible (:func:`tiktui.formatting.text.safe`).
"""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl
from polars.exceptions import PanicException

from ..formatting.text import safe

if TYPE_CHECKING:
    from .manifest import Part

PROBLEMS = {
    "missing": "the file is missing",
    "absent": "the manifest lists no part for this table",
    "size": "its size differs from the manifest's",
    "checksum": "its bytes differ from the manifest's checksum",
    "unreadable": "it cannot be read as parquet",
    "schema": "its columns are not the table's",
    "keys": "its keys are not unique",
    "rows": "its row count differs from the manifest's",
}
IMPORT_LOG = "imports"


class StoreDamage(Exception):
    """Something the store is made of is damaged: one plain line says what and the fix."""


class DamagedPart(StoreDamage):
    """One part of the store cannot be trusted (see :data:`PROBLEMS`)."""

    def __init__(self, path: str, account: str, table: str, problem: str, detail: str = ""):
        self.path, self.account, self.table = path, account, table
        self.problem, self.detail = problem, detail
        super().__init__(self.line())

    @property
    def whose(self) -> str:
        """Whose part it is, for people: ``@handle videos`` or ``the import log``."""
        if self.table == IMPORT_LOG and not self.account:
            return "the import log"
        return f"@{safe(self.account)} {self.table}"

    def what(self) -> str:
        text = PROBLEMS.get(self.problem, self.problem)
        return f"{text} ({safe(self.detail)})" if self.detail else text

    def line(self) -> str:
        fix = (
            "rebuild needs it: run `tiktui doctor`"
            if self.table == IMPORT_LOG
            else "`tiktui rebuild` re-creates it from raw/"
        )
        return f"damaged part {safe(self.path)} ({self.whose}): {self.what()}; {fix}"


class DamagedManifest(StoreDamage):
    """``manifest.json`` cannot be read, or was written by a newer layout."""

    def __init__(self, path: Path, problem: str):
        self.path, self.problem = path, problem
        super().__init__(f"the store's manifest {safe(str(path))} {problem}: run `tiktui doctor`")


def size_problem(root: Path, part: Part) -> DamagedPart | None:
    """The cheap check every read makes: the file is there with the manifest's size."""
    try:
        size = os.stat(f"{root}/{part.path}").st_size  # a str: Path joins cost more than stat
    except FileNotFoundError:
        return damaged(part, "missing")
    except OSError as exc:
        return damaged(part, "unreadable", exc.strerror or type(exc).__name__)
    if size != part.size:
        return damaged(part, "size", f"{size:,} bytes, the manifest says {part.size:,}")
    return None


def read_verified(root: Path, part: Part) -> bytes:
    """The part's bytes, checked against the manifest's size and checksum."""
    try:
        data = (root / part.path).read_bytes()
    except FileNotFoundError:
        raise damaged(part, "missing") from None
    except OSError as exc:
        raise damaged(part, "unreadable", exc.strerror or type(exc).__name__) from None
    if len(data) != part.size:
        raise damaged(part, "size", f"{len(data):,} bytes, the manifest says {part.size:,}")
    if hashlib.blake2b(data, digest_size=16).hexdigest() != part.blake2b:
        raise damaged(part, "checksum")
    return data


def parse(part: Part, data: bytes | Path, **options) -> pl.DataFrame:
    """Parquet bytes (or a file) as a frame; anything Polars cannot read names the part."""
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    try:
        return pl.read_parquet(source, **options)
    except FileNotFoundError:
        raise damaged(part, "missing") from None
    except PanicException as exc:  # damaged bytes can make Polars panic, not raise
        raise damaged(part, "unreadable") from exc
    except Exception as exc:  # noqa: BLE001 — whatever Polars says, the part is unreadable
        raise damaged(part, "unreadable") from exc


def absent(account: str, table: str) -> DamagedPart:
    """The part an account (or the store, for the import log) must have is not in the
    manifest: damage, never an empty table."""
    from .manifest import PARTS, account_dir

    return DamagedPart(f"{PARTS}/{account_dir(account)}/{table}/", account, table, "absent")


def damaged(part: Part, problem: str, detail: str = "") -> DamagedPart:
    return DamagedPart(part.path, part.account, part.table, problem, detail)
