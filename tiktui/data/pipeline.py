"""From paths on disk to the store: one file at a time, each all-or-nothing.

The pipeline owns what no single importer can know: which account a file
belongs to, whether it was imported before, how its rows merge with what the
store holds, and the one line a person reads about it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl

from .facts import Rows, shape
from .importers.archive.match import ARCHIVE_KIND, match_archive
from .importers.base import Parsed, Rank, Refused, SourceFile, epoch_micros, one_line
from .importers.limits import max_bytes
from .known import ALREADY, FileResult, TableCounts, identity, name_with_studio_folder
from .placing import placement_notes
from .scan import NotReadable, read_regular, reason, scan
from .schema import TABLES
from .store import DamagedPart, Store, StoreError, Transaction
from .trace import OFF, NoTrace, Trace


@dataclass
class _Pending:
    display: str
    name: str
    data: bytes
    sha256: str
    mtime: datetime | None
    exported_on: date | None = None  # the export day the user stated, if any
    parts: list[Parsed] | None = None
    error: str | None = None

    @property
    def names_account(self) -> bool:
        return bool(self.parts) and all(p.account for p in self.parts or [])

    @property
    def is_archive(self) -> bool:
        """An account archive: staged after the files whose videos its posts are matched to."""
        return any(p.kind == ARCHIVE_KIND for p in self.parts or [])


def _norm_handle(handle: str | None) -> str | None:
    if handle is None:
        return None
    handle = handle.strip().lstrip("@").lower()
    return handle or None


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given, folders recursively (hidden files skipped), in a stable order.

    A path that cannot be used is kept as given, so its file is refused with the reason.
    """
    out: list[Path] = []
    for raw in paths:
        found = scan(raw)
        out.extend(found.files if found.is_dir else [found.path])
    return out


def _known(imports: pl.DataFrame) -> dict[tuple[str, object], int]:
    return {
        identity(sha, name): batch
        for sha, name, batch in imports.select("sha256", "file_name", "batch_id").iter_rows()
    }


def _read(
    path: Path,
    today: date,
    known: Mapping[tuple[str, object], int],
    exported_on: date | None = None,
) -> _Pending:
    display = str(path)
    try:  # a pipe, a device or a file over the limit is refused without reading it
        data = read_regular(path, max_bytes())
        mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except NotReadable as exc:
        return _Pending(display, path.name, b"", "", None, error=str(exc))
    except OSError as exc:
        return _Pending(display, path.name, b"", "", None, error=f"cannot read: {reason(exc)}")
    pending = _Pending(
        display,
        name_with_studio_folder(path),
        data,
        hashlib.sha256(data).hexdigest(),
        mtime,
        exported_on,
    )
    if identity(pending.sha256, pending.name) not in known:  # imported before: not parsed again
        _parse(pending, today)
    return pending


def _parse(pending: _Pending, today: date) -> None:
    try:
        folder, _, name = pending.name.rpartition("/")
        container = f"{folder}.zip" if folder else None
        src = SourceFile(name, pending.data, pending.mtime, container)
        from .importers.detect import parse_file  # not loaded when every file is known

        pending.parts = parse_file(src, today, pending.exported_on)
    except Refused as exc:
        pending.error = str(exc)
    except Exception:  # an importer bug must not become a traceback, a lost batch or its text
        pending.error = str(Refused("internal_error"))


COMMIT_EVERY_S = 1.0
COMMIT_SHARE = 0.2  # at most about this share of an import's time goes to commits


def import_paths(
    store: Store,
    paths: Iterable[Path | str],
    account: str | None = None,
    today: date | None = None,
    progress: Callable[[FileResult, int, int], None] | None = None,
    exported_on: date | None = None,
    trace: Trace | None = None,
) -> list[FileResult]:
    """Import files and folders; refusals are reported and never stop the others.

    ``exported_on`` is the export day the user states for files whose name
    carries none (``--exported-on``); it is kept per file for ``rebuild``.

    Files are parsed first, then those that name their own account are merged
    first, so a Business API video list (no handle inside) imported together
    with the account file that names it finds its account.

    Each file is staged all-or-nothing in memory; what was staged is made live
    at least every ``COMMIT_EVERY_S`` (longer when a commit is costly, so commits stay
    about ``COMMIT_SHARE`` of the time) and at the end, in one atomic switch. A
    file is reported only once it is live, so a line that says "imported" is
    never taken back by a crash or a full disk.

    ``trace`` (:mod:`.trace`) records when each file was read, staged and committed.
    """
    today = today or date.today()
    known = _known(store.load("imports"))
    timer = trace or OFF
    pending = []
    for n, path in enumerate(expand_paths(paths)):
        with timer.timed("read", [n]):
            pending.append(_read(path, today, known, exported_on))
    order = sorted(
        range(len(pending)),
        key=lambda i: (pending[i].is_archive, not pending[i].names_account, i),
    )
    results: dict[int, FileResult] = {}
    done = 0

    def report(indices: list[int]) -> None:
        nonlocal done
        for i in indices:
            done += 1
            if progress:
                progress(results[i], done, len(order))

    with store.transaction() as tx:  # a busy, full or read-only store: StoreError, one line
        live = _known(tx.imports)  # under the lock: what another process imported counts
        staged: list[int] = []
        last, every = time.monotonic(), COMMIT_EVERY_S
        for i in order:
            with timer.timed("stage", [i]):
                results[i] = _import_one(tx, pending[i], _norm_handle(account), live)
            if results[i].status == "restate":  # re-read below, once this is live
                continue
            if results[i].status != "imported":
                report([i])
                continue
            staged.append(i)
            if time.monotonic() - last >= every:
                began = time.monotonic()
                if not _commit(tx, staged, results, timer):
                    live = _known(tx.imports)
                report(staged)
                staged, last = [], time.monotonic()
                every = max(COMMIT_EVERY_S, (last - began) / COMMIT_SHARE)
        if staged:
            _commit(tx, staged, results, timer)
            report(staged)
    restate = [i for i in order if results[i].status == "restate"]
    if restate:
        _restate(store, pending, results, restate)
        report(restate)
    return [results[i] for i in range(len(pending))]


def _restate(
    store: Store, pending: list[_Pending], results: dict[int, FileResult], which: list[int]
) -> None:
    """Files imported before, given now with another export day: rebuild with the new day.

    The rows read with the wrong year must go, not linger beside the right ones,
    so every table is rebuilt from ``raw/`` (all or nothing) with the new day.
    """
    from .rebuild import rebuild  # rebuild stages through this module: imported when used

    batches = {int(results[i].message): i for i in which}
    stated = {batch: pending[i].exported_on for batch, i in batches.items()}
    rebuilt = {r.path: r for r in rebuild(store, stated)}  # type: ignore[arg-type]
    failed = next((r for r in rebuilt.values() if not r.ok), None)
    for batch, i in batches.items():
        p = pending[i]
        if failed is not None:
            why = f"re-reading it with the export day {p.exported_on} failed ({failed.line()})"
            results[i] = FileResult(p.display, "refused", one_line(why + "; nothing changed"))
            continue
        again = next(r for path, r in rebuilt.items() if path.endswith(f"(batch {batch})"))
        note = f"imported before (batch {batch}): re-read with the stated export day"
        results[i] = FileResult(
            p.display, "imported", "", again.kinds, again.accounts, again.rows, [note, *again.notes]
        )


def _commit(
    tx: Transaction, staged: list[int], results: dict[int, FileResult], timer: Trace | NoTrace = OFF
) -> bool:
    """Make the staged files live together; False (each refused) when the write failed."""
    try:
        with timer.timed("commit", staged):
            tx.commit()
        return True
    except StoreError:  # a full disk, a read-only folder: the whole import stops here
        tx.rollback_all()
        raise
    except Exception as exc:  # nothing staged since the last commit is kept
        tx.rollback_all()
        for i in staged:
            results[i] = FileResult(results[i].path, "refused", not_stored(exc))
        return False


def _import_one(
    tx: Transaction,
    p: _Pending,
    account_given: str | None,
    known: dict[tuple[str, object], int] | None = None,
) -> FileResult:
    """Stage one file, or leave the transaction exactly as it was before it.

    ``known``: the identities of the imports the transaction holds, kept up to date
    by the caller across many files (reading them from the log per file is quadratic).
    """
    if p.error is not None:
        return FileResult(p.display, "refused", p.error)
    if known is None:
        known = _known(tx.imports)
    batch = known.get(identity(p.sha256, p.name))
    if batch is not None:
        if p.exported_on is not None and p.exported_on != _stated(tx.imports, batch):
            return FileResult(p.display, "restate", str(batch))  # the user corrects the day
        return FileResult(p.display, "unchanged", ALREADY.format(batch=batch))
    from .importers.detect import archive_copy  # not loaded when every file is known

    batch = tx.next_batch_id()
    try:
        stored = archive_copy(p.data)
        stored_sha = None if stored is p.data else hashlib.sha256(stored).hexdigest()
        result = _stage(tx, p, account_given, batch, stored_sha)
        tx.archive_raw(p.sha256, stored)
        if stored_sha:
            result.notes.append("kept in raw/ without cookies, auth headers and tokens")
    except (Refused, DamagedPart) as exc:  # a write never builds on a damaged part
        tx.rollback()
        return FileResult(p.display, "refused", str(exc))
    except StoreError:
        tx.rollback()
        raise
    except Exception as exc:
        tx.rollback()
        return FileResult(p.display, "refused", not_stored(exc))
    tx.mark()
    known[identity(p.sha256, p.name)] = batch
    return result


def not_stored(exc: BaseException) -> str:
    """Why a file could not be stored, in words: an operating-system error says what
    (``the disk is full``), anything else is a bug; never the exception's own text."""
    if isinstance(exc, OSError):
        return str(Refused("store_failed", why=reason(exc)))
    return str(Refused("store_failed", why="an internal error; please report it"))


def _stated(log: pl.DataFrame, batch: int) -> date | None:
    """The export day a batch was imported with (none in a store from before the column)."""
    if "exported_on" not in log.columns:
        return None
    return log.filter(pl.col("batch_id") == batch)["exported_on"].item()


def _resolve_account(tx: Transaction, part: Parsed, given: str | None) -> str:
    own = _norm_handle(part.account)
    if own:
        return own
    if given:
        return given
    known = tx.accounts()
    if len(known) == 1:
        part.notes.append(
            f"the file names no account: imported into @{known[0]}, the store's only account"
        )
        return known[0]
    if known:
        listed = ", ".join(sorted(known))
        raise Refused("no_account_several", accounts=listed)
    raise Refused("no_account")


def _stage(
    tx: Transaction,
    p: _Pending,
    given: str | None,
    batch_id: int,
    stored_sha256: str | None = None,
) -> FileResult:
    """Stage one file's rows, per account and table, and its line in the import log.

    ``stored_sha256``: the checksum of the copy kept in ``raw/`` when it is not the
    file itself (a HAR is kept redacted).
    """
    parts = p.parts or []
    frames: dict[tuple[str, str], list[Rows]] = {}
    accounts: dict[str, tuple[str | None, bool | None]] = {}
    ranks: dict[str, Rank] = {}  # per account, the best rank of the parts that name it
    notes: list[str] = []
    for part in parts:
        acct = _resolve_account(tx, part, given)
        if part.kind == ARCHIVE_KIND:  # its id-less posts, to the videos known so far
            match_archive(part, tx.table(acct, "videos"), tx.table(acct, "video_snapshots"), acct)
        if given and part.account and _norm_handle(part.account) != given:
            notes.append(f"file names @{_norm_handle(part.account)}, not --account {given}")
        old = accounts.get(acct, (None, None))
        accounts[acct] = (
            part.display_name or old[0],
            part.is_business if part.is_business is not None else old[1],
        )
        ranks[acct] = min(ranks.get(acct, part.rank), part.rank)
        notes.extend(part.notes)
        as_of = epoch_micros(part.as_of)
        for name, frame in part.tables.items():
            frames.setdefault((name, acct), []).extend(
                _ranked_rows(name, frame, batch_id, as_of, part)
            )
    for acct, (display, is_business) in accounts.items():
        row = _account_row(acct, display, is_business)
        as_of = epoch_micros(max(p_.as_of for p_ in parts))
        frames.setdefault(("accounts", acct), []).append(
            Rows(row, batch_id, as_of, int(ranks[acct]))
        )
    shaped: dict[tuple[str, str], pl.DataFrame] = {}
    for (name, acct), chunks in frames.items():
        if name == "account_daily":
            new_days = shaped[(name, acct)] = shape(name, acct, chunks)
            notes.extend(placement_notes(tx.facts(acct, name), new_days))
    counts: TableCounts = {}
    for (name, acct), chunks in frames.items():
        old = counts.get(name, (0, 0, 0))
        if (name, acct) in shaped or len(chunks) > 1:
            facts = shaped[(name, acct)] if (name, acct) in shaped else shape(name, acct, chunks)
            new = tx.stage(name, facts, acct)
        else:  # the common case: one file's rows, shaped with the other files' at commit
            new = tx.stage_rows(name, chunks[0], acct)
        counts[name] = (old[0] + new[0], old[1] + new[1], old[2] + new[2])
    kinds = [part.kind for part in parts]
    added = sum(c[0] for c in counts.values())
    updated = sum(c[1] for c in counts.values())
    unchanged = sum(c[2] for c in counts.values())
    anchor = next((part.anchor for part in parts if part.anchor), None)
    row = {
        "batch_id": batch_id,
        "file_name": p.name,
        "sha256": p.sha256,
        "stored_sha256": stored_sha256,
        "format": "+".join(dict.fromkeys(kinds)),
        "account": ",".join(accounts),
        "account_given": given,
        "imported_at": datetime.now(UTC),
        "as_of": max((part.as_of for part in parts), default=None),
        "file_mtime": p.mtime,
        "anchor": anchor,
        "exported_on": p.exported_on,
        "rows_added": added,
        "rows_updated": updated,
        "rows_unchanged": unchanged,
        "rows": json.dumps({t: list(c) for t, c in counts.items()}),
        "notes": "; ".join(dict.fromkeys(notes)) or None,
    }
    tx.log_import(row)
    return FileResult(p.display, "imported", "", kinds, list(accounts), counts, notes)


@functools.lru_cache(maxsize=256)  # every page of a video list gives the same row
def _account_row(account: str, display: str | None, is_business: bool | None) -> pl.DataFrame:
    return pl.DataFrame(
        {"account": [account], "display_name": [display], "is_business": [is_business]},
        schema={"account": pl.String, "display_name": pl.String, "is_business": pl.Boolean},
    )


def _ranked_rows(
    name: str, frame: pl.DataFrame, batch: int, as_of: int, part: Parsed
) -> list[Rows]:
    """A file's rows at its rank; the columns it worked out from others
    (``Parsed.derived``) as separate rows of rank DERIVED, so a value a file states
    elsewhere beats them whichever is newer (``store.PRECEDENCE``)."""
    derived = sorted(c for c in part.derived.get(name, ()) if c in frame.columns)
    if not derived:
        return [Rows(frame, batch, as_of, int(part.rank))]
    kept = [c for c in frame.columns if c not in derived]
    stated = Rows(frame.select(kept), batch, as_of, int(part.rank))
    keys = [c for c in TABLES[name].key if c in frame.columns]
    keys += [c for c in ("year_inferred",) if c in frame.columns and c not in derived]
    worked_out = frame.select(*keys, *derived).filter(
        pl.any_horizontal(pl.col(c).is_not_null() for c in derived)
    )
    return [stated, Rows(worked_out, batch, as_of, int(Rank.DERIVED))]
