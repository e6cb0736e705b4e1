"""The writers' lock: one process writes a store at a time, and a second one is told who.

Readers never take it (a commit is one atomic rename of the manifest). A writer
waits up to ``LOCK_TIMEOUT_S``, then gives up with one line naming the holder from
``lock.holder``, the small file the holder writes beside the lock: its command, pid,
host and since when (another tiktui in another terminal is the usual case).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from . import durable
from .durable import StoreError, store_error, write_atomic

LOCK_TIMEOUT_S = 60.0
HOLDER = "lock.holder"  # who holds the lock (pid, command, host, since): for the busy line


class StoreBusy(StoreError):
    """Another process holds the store's lock for longer than we wait."""


@contextlib.contextmanager
def held(root: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the writers' lock of the store at ``root`` (waiting up to ``LOCK_TIMEOUT_S``)."""
    timeout = LOCK_TIMEOUT_S if timeout is None else timeout
    lock = FileLock(str(root / "lock"))
    try:
        lock.acquire(timeout=timeout)
    except Timeout as exc:
        raise StoreBusy(busy_line(root, timeout)) from exc
    except OSError as exc:
        raise store_error(exc, root) from exc
    try:
        holder = {
            "pid": os.getpid(),
            "command": durable.COMMAND,
            "host": socket.gethostname(),
            "since": time.time(),
        }
        with contextlib.suppress(StoreError, OSError):  # only ever informative
            write_atomic(root / HOLDER, json.dumps(holder).encode(), root, sync=False)
        yield
    finally:
        with contextlib.suppress(OSError):
            (root / HOLDER).unlink()
        lock.release()


def busy_line(root: Path, waited: float) -> str:
    """Who holds the store, from the file its holder wrote beside the lock."""
    try:
        who = json.loads((root / HOLDER).read_text(encoding="utf-8"))
        since = time.localtime(float(who["since"]))
        when = time.strftime(
            "%H:%M:%S" if since[:3] == time.localtime()[:3] else "%Y-%m-%d %H:%M:%S", since
        )
        host = "" if who.get("host") == socket.gethostname() else f" on {who.get('host')}"
        holder = f"`{who['command']}` (pid {int(who['pid'])}{host}) has held it since {when}"
    except (OSError, ValueError, KeyError, TypeError, OverflowError):
        holder = "another tiktui is writing to it"
    return f"the store {root} is busy: {holder}; waited {waited:g} s, nothing was changed"
