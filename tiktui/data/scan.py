"""What a path given to import holds: the files to read, and what was passed over and why.

Importers pick a parser from a file's bytes, never its name, so every regular
file in a folder is a candidate; only hidden files (``.DS_Store``, a ``.git``
folder) and what is not a file at all are passed over. A folder that yields no
candidate is worth saying so: "0 imported" after pointing at the wrong folder
reads like success.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .importers.limits import over, size_text

# What the importers read (by content; these are the names TikTok gives them).
EXPORT_KINDS = ".zip .csv .xlsx .json .jsonl .har"

_REASONS = {
    errno.ENOENT: "does not exist",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "read-only file system",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "is a folder",
    errno.ENOSPC: "the disk is full",
    errno.ELOOP: "too many symbolic links",
    errno.ENAMETOOLONG: "the name is too long",
}


def reason(exc: OSError) -> str:
    """Why an operating-system call failed, in words, without the exception's own text."""
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    return (exc.strerror or "cannot be used").lower()


class NotReadable(Exception):
    """A path given as a file that cannot be read as one: ``str(exc)`` says why, in words."""


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or :class:`NotReadable`.

    Checked on the opened file itself, so a path swapped for a pipe after the
    folder was listed is caught too: a FIFO, a device (``/dev/zero``) or a
    socket is refused without reading from it (opening does not wait for a
    pipe's writer), and a file over the limit without reading it at all.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a device with nothing behind it
            raise NotReadable(_NOT_REGULAR) from None
        raise NotReadable(reason(exc)) from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise NotReadable("is a folder")
        if not stat.S_ISREG(st.st_mode):
            raise NotReadable(_NOT_REGULAR)
        if st.st_size > limit:
            raise NotReadable(over("is", st.st_size, limit))
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise NotReadable(reason(exc)) from None
    if len(data) > limit:  # grew while being read
        raise NotReadable(f"grew over the {size_text(limit)} limit while being read")
    return data


_NOT_REGULAR = "is not a regular file (a device, pipe or socket): not read"


def can(path: Path, mode: int) -> bool:
    """``os.access`` (one place, so a test run as root can pretend a folder is locked)."""
    return os.access(path, mode)


@dataclass
class Found:
    """One path as given: the files to import from it, or why it cannot be used."""

    path: Path
    is_dir: bool = False
    files: list[Path] = field(default_factory=list)
    problem: str | None = None  # the path itself is unusable (missing, unreadable, a device)
    hidden: int = 0  # hidden files and folders passed over
    not_files: int = 0  # sockets, pipes, devices inside a folder
    unreadable: list[tuple[Path, str]] = field(default_factory=list)  # subfolders not listed, why

    def nothing(self) -> str:
        """The line for a folder that holds nothing to import."""
        skipped = [
            f"{n} {what}"
            for n, what in (
                (self.hidden, "hidden"),
                (self.not_files, "not regular files"),
                (len(self.unreadable), "unreadable folders"),
            )
            if n
        ]
        seen = self.hidden + self.not_files
        return (
            f"no export files in {self.path}: looked for TikTok exports ({EXPORT_KINDS}, "
            f"any name) in it and its subfolders ({seen} file{'' if seen == 1 else 's'} found"
            + (f"; skipped {', '.join(skipped)}" if skipped else "")
            + ")"
        )


def scan(raw: Path | str) -> Found:
    """What importing ``raw`` would read: a file as given, a folder recursively."""
    path = Path(raw).expanduser()
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return Found(path, problem=reason(exc))
    if stat.S_ISDIR(mode):
        if not can(path, os.R_OK | os.X_OK):
            return Found(path, is_dir=True, problem="cannot be read (permission denied)")
        return _walk(path)
    if not stat.S_ISREG(mode):
        return Found(path, problem=_NOT_REGULAR)
    if not can(path, os.R_OK):
        return Found(path, problem="cannot be read (permission denied)")
    return Found(path, files=[path])


def _walk(root: Path) -> Found:
    found = Found(root, is_dir=True)
    seen: set[tuple[int, int]] = set()

    def unreadable(exc: OSError) -> None:
        found.unreadable.append((Path(exc.filename or root), reason(exc)))

    for folder, dirs, names in os.walk(root, onerror=unreadable, followlinks=True):
        here = Path(folder)
        st = here.stat()
        if (st.st_dev, st.st_ino) in seen:  # a link back up the tree
            dirs.clear()
            continue
        seen.add((st.st_dev, st.st_ino))
        found.hidden += sum(d.startswith(".") for d in dirs)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            child = here / name
            if name.startswith("."):
                found.hidden += 1
            elif child.is_file():
                found.files.append(child)
            elif not child.is_dir():  # not a symbolic link to a folder os.walk skips
                found.not_files += 1
    found.files.sort()
    return found
