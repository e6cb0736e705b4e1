"""Writing files so that a kill, a full disk or a read-only folder leaves nothing behind.

Every file the store writes goes through here: to a temporary name beside its
target, fsynced, then put in place with one ``os.replace``; on any failure the
temporary file is removed and an ``OSError`` that means "no space" or "may not
write here" becomes a :class:`StoreFull` or :class:`StoreReadOnly` whose text is
one plain line naming the store's folder (never the system's exception text).

Named crash points: each step of a write calls :func:`crashpoint` with the
step's name. When ``TIKTUI_CRASH_AT`` is ``<step>`` (or ``<step>#<n>``, the
n-th time that step is reached) the process ends there at once, as a kill
would (``os._exit``, no clean-up): the crash tests run a write in a
subprocess stopped at every step and check the store is whole after each.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

COMMAND = "tiktui"  # what this process is, as a busy store names its holder (the CLI sets it)
CRASH_ENV = "TIKTUI_CRASH_AT"
TRACE_ENV = "TIKTUI_CRASH_TRACE"  # a file each crash point reached is appended to
CRASH_EXIT = 77  # the exit status of a process stopped at a crash point

# Every named step, in the order a write reaches them (the crash tests iterate this).
STEPS = (
    "raw-written",  # a file's bytes are in raw/ (not yet fsynced)
    "raw-synced",  # every raw copy of the commit is durable
    "sidecar-written",  # one raw/<sha256>.json beside its raw file
    "part-written",  # one parquet part (a commit writes several)
    "manifest-temp-written",  # the new manifest, under its temporary name, fsynced
    "manifest-replaced",  # the commit point
    "retired-deleted",  # parts no reader can need any more, deleted
    "swept",  # leftovers of writes that never committed, deleted
    "forget-recorded",  # raw/forgets.jsonl has the line of a forget (before its commit)
    "rebuild-staged",  # a rebuild has re-read every raw file, nothing written yet
    "migrate-read",  # a 0.1 store's live generation is read, nothing written yet
)

_hits: dict[str, int] = {}


def crashpoint(step: str) -> None:
    """End the process here when ``TIKTUI_CRASH_AT`` names this step (see module doc)."""
    trace = os.environ.get(TRACE_ENV)
    if trace:  # the crash tests list every point a write reaches, then stop at each
        with open(trace, "a", encoding="utf-8") as fh:
            fh.write(step + "\n")
    wanted = os.environ.get(CRASH_ENV)
    if not wanted:
        return
    name, _, nth = wanted.partition("#")
    if name != step:
        return
    _hits[step] = _hits.get(step, 0) + 1
    if _hits[step] >= int(nth or 1):
        os._exit(CRASH_EXIT)


class StoreError(Exception):
    """The store cannot be written: ``str(exc)`` is one line a person can act on."""


class StoreFull(StoreError):
    """No space left where the store is (ENOSPC, EDQUOT)."""


class StoreReadOnly(StoreError):
    """The store's folder may not be written (EROFS, EACCES, EPERM)."""


_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


def size_words(n: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def store_error(exc: OSError, root: Path, needed: int | None = None) -> OSError | StoreError:
    """The typed error an ``OSError`` met while writing the store at ``root`` means
    (or the ``OSError`` itself when it is neither a full disk nor a read-only folder)."""
    if exc.errno in _FULL:
        more = f" (at least {size_words(needed)} more were needed)" if needed else ""
        return StoreFull(
            f"the disk holding the store {root} is full{more}: free some space and try"
            " again; the write that failed left nothing behind"
        )
    if exc.errno in _READ_ONLY:
        return StoreReadOnly(
            f"the data folder {root} is read-only: choose another with --data-dir"
            " or TIKTUI_DATA_DIR"
        )
    return exc


def write_atomic(
    path: Path,
    data: bytes,
    root: Path,
    *,
    sync: bool = True,
    step: str | None = None,
    temp_step: str | None = None,
) -> None:
    """Put ``data`` at ``path`` all at once: a temporary file beside it, then a rename.

    ``sync=False`` leaves the fsync to the caller (before a manifest counts on it).
    ``temp_step`` / ``step``: the crash points before and after the rename.
    On failure the temporary file is gone and the error is typed (:func:`store_error`).
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        if temp_step:
            crashpoint(temp_step)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise store_error(exc, root, len(data)) from exc
    if step:
        crashpoint(step)


def write_new(path: Path, data: bytes, root: Path) -> None:
    """Write a file under a name nothing live uses yet (a part); a failure leaves no file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise store_error(exc, root, len(data)) from exc
