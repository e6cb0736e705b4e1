"""The paths a command is given, checked before anything is read or written.

Each problem becomes one plain line naming the path and what is wrong with it
(exit 2), never the text of an ``OSError``: "-o out/x.csv: the folder out does
not exist", not ``FileNotFoundError: [Errno 2] …``.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from ..data import scan


class PathError(Exception):
    """Paths on the command line that cannot be used: one line each (exit 2)."""

    def __init__(self, *lines: str) -> None:
        super().__init__(*lines)
        self.lines = list(lines)


class NoStore(PathError):
    """A command that reads the store was pointed at a folder that holds none (a typo)."""

    @classmethod
    def at(cls, root: Path) -> NoStore:
        return cls(f"no tiktui store in {root}: import your exports first (tiktui import PATH)")


def default_config_file() -> Path:
    """The advisor's ``config.toml`` (as ``advisor.config.default_config_path``, which this
    does not import: the advisor is not needed to import files or to print help)."""
    import platformdirs

    return Path(platformdirs.user_config_dir("tiktui")) / "config.toml"


def _mode(path: Path, where: str) -> int | None:
    """``st_mode`` of ``path``, None when it does not exist; any other failure is a PathError."""
    try:
        return path.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise PathError(f"{where}: {scan.reason(exc)}") from None


def config_file(given: str | None) -> Path | None:
    """``--config FILE`` (must be a readable file), or the default file if there is one."""
    if given is None:
        target, where = default_config_file(), "config file"
        if not os.path.lexists(target):
            return None
    else:
        target, where = Path(given).expanduser(), "--config"
    where = f"{where} {target}"
    mode = _mode(target, where)
    if mode is None:
        raise PathError(f"{where}: does not exist")
    if stat.S_ISDIR(mode):
        raise PathError(f"{where}: is a folder, not a file (give the path of a config.toml)")
    if not scan.can(target, os.R_OK):
        raise PathError(f"{where}: cannot be read (permission denied)")
    return target


_ELSEWHERE = ": choose another with --data-dir or TIKTUI_DATA_DIR"


def data_dir(given: str | None, *, write: bool, must_exist: bool) -> Path:
    """The store's folder, from ``--data-dir``, ``$TIKTUI_DATA_DIR`` or the platform's default.

    ``must_exist``: commands that only read (or rebuild) refuse a folder without a
    store rather than create one at a typo. ``write``: the folder, or the nearest
    one that exists above it, must be writable.
    """
    from ..data.location import default_data_dir

    if given:
        root, where = Path(given).expanduser(), "--data-dir"
    else:
        root = default_data_dir()
        where = "TIKTUI_DATA_DIR" if os.environ.get("TIKTUI_DATA_DIR") else "data folder"
    where = f"{where} {root}"
    mode = _mode(root, where)
    if mode is None:
        if must_exist:
            raise NoStore.at(root)
        above = next(p for p in root.absolute().parents if os.path.lexists(p))
        if write and not scan.can(above, os.W_OK | os.X_OK):
            raise PathError(f"{where}: cannot be created: {above} is read-only{_ELSEWHERE}")
        return root
    if not stat.S_ISDIR(mode):
        raise PathError(f"{where}: is a file, not a folder")
    if not scan.can(root, os.R_OK | os.X_OK):
        raise PathError(f"{where}: cannot be read (permission denied)")
    if must_exist and not _holds_store(root):
        raise NoStore.at(root)
    if write:
        folders = [root] + [root / "raw"] * (root / "raw").is_dir()
        if not all(scan.can(f, os.W_OK | os.X_OK) for f in folders):
            raise PathError(
                f"{where}: is read-only, and the store needs to write there{_ELSEWHERE}"
            )
    return root


def _holds_store(root: Path) -> bool:
    """A store's manifest (or 0.1's ``CURRENT``), or imported files in ``raw/`` whose
    manifest was lost: ``rebuild`` re-creates it and ``doctor`` says so."""
    if any((root / n).exists() for n in ("manifest.json", "CURRENT")):
        return True
    from ..data.raw_meta import raw_files

    return bool(raw_files(root))


def output_file(given: str) -> Path:
    """``-o FILE``: a file (new or not) in a folder that exists and can be written to."""
    target = Path(given).expanduser()
    where = f"-o {target}"
    mode = _mode(target, where)
    if mode is not None and stat.S_ISDIR(mode):
        raise PathError(f"{where}: is a folder: give a file name, e.g. {target / 'table.csv'}")
    if mode is not None:
        if not scan.can(target, os.W_OK):
            raise PathError(f"{where}: cannot be written (permission denied)")
        return target
    folder = target.parent
    folder_mode = _mode(folder, where)
    if folder_mode is None:
        raise PathError(f"{where}: the folder {folder} does not exist")
    if not stat.S_ISDIR(folder_mode):
        raise PathError(f"{where}: {folder} is a file, not a folder")
    if not scan.can(folder, os.W_OK | os.X_OK):
        raise PathError(f"{where}: cannot write in {folder} (permission denied)")
    return target


def temp_folder() -> Path:
    """Where the demo builds its throwaway store."""
    try:
        return Path(tempfile.gettempdir())
    except OSError:
        raise PathError(
            "no writable temporary folder (tried $TMPDIR, /tmp, /var/tmp and the current "
            "folder): set TMPDIR to a folder you can write to"
        ) from None
