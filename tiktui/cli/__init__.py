"""The ``tiktui`` command: open the app, or import, export, rebuild and report.

Textual is imported only by the commands that open the app, so scripted
imports and exports start fast and run where there is no terminal.

Every path is checked before anything is read or written (:mod:`.paths`); a
path that cannot be used is one line on stderr and exit 2. Every line printed
here goes through ``formatting.safe`` (``one_line``): one line, whatever a file's
name or cells hold, and no control character reaches the terminal.
"""

from __future__ import annotations

import argparse
import io
import os
import sys

from ..data.importers import limits
from ..data.scan import reason, scan
from ..formatting.text import one_line
from . import paths
from .parser import build_parser
from .paths import NoStore, PathError

__all__ = [
    "EXIT_OK",
    "EXIT_REFUSED",
    "EXIT_STORE",
    "EXIT_USAGE",
    "NoStore",
    "PathError",
    "build_parser",
    "main",
]

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_STORE = 0, 1, 2, 3


def _say(line: str) -> None:
    """Print a progress line; a closed pipe (``| head``) must not stop the import itself."""
    try:
        print(one_line(line), flush=True)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _say_raw(text: str) -> None:
    """Print lines whose every value from a file was made visible by their writer."""
    try:
        print(text, flush=True)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _warn(line: str) -> None:
    print(one_line(line), file=sys.stderr, flush=True)


def _open_store(root, create: bool = True):
    from ..data.store import Store

    if not create:
        return Store(root)
    try:
        return Store.open(root)
    except OSError as exc:
        raise PathError(f"cannot create the store in {root}: {reason(exc)}") from None


def _prepare(root) -> None:
    """Create the store's folder (and ``raw/``) without opening the store: no Polars yet."""
    from ..data.location import prepare

    try:
        prepare(root)
    except OSError as exc:
        raise PathError(f"cannot create the store in {root}: {reason(exc)}") from None


def _exported_on(args: argparse.Namespace):
    """The stated export day, or None; a bad one is one line and exit 2."""
    from datetime import date

    from ..data.export_day import BadExportDay, parse_export_day

    if args.exported_on is None:
        return None
    try:
        return parse_export_day(args.exported_on, date.today())
    except BadExportDay as exc:
        raise PathError(f"--exported-on: {exc}") from None


def cmd_import(args: argparse.Namespace) -> int:
    exported_on = _exported_on(args)
    found = [scan(p) for p in args.paths]
    unusable = [f"{f.path}: {f.problem}" for f in found if f.problem]
    if unusable:
        raise PathError(*unusable)
    root = paths.data_dir(args.data_dir, write=True, must_exist=False)
    empty = [f for f in found if f.is_dir and not f.files]
    for folder in empty:
        _warn(f"tiktui import: {folder.nothing()}")
    unread = [u for f in found if f.files for u in f.unreadable]
    for sub, why in unread:  # files that may be exports, not read: not a success either
        _warn(f"tiktui import: skipped the folder {sub}: cannot be read ({why})")
    files = [file for f in found for file in f.files]
    if not files:  # nothing to read: not a success, and no store made for it
        return EXIT_REFUSED
    with limits.applied(args.max_file_size):
        # Every file imported before: told from the manifest alone, without Polars or the
        # importers (a stated export day may differ from the logged one: the pipeline decides).
        results = None
        if exported_on is None:
            from ..data.known import already_imported

            results = already_imported(root, files)
            for r in results or ():
                _say(r.line())
        if results is None:
            from ..data.pipeline import import_paths
            from ..data.trace import Trace

            store = _open_store(root)
            traced = Trace.from_env()  # TIKTUI_TRACE=path: when each file was read, committed
            results = import_paths(
                store,
                files,
                account=args.account,
                progress=lambda r, n, total: _say_raw(r.line()),  # line() made it one line
                exported_on=exported_on,
                trace=traced and traced[0],
            )
            if traced:
                _write_trace(*traced, results)
            if any(r.status == "imported" for r in results):
                _keep_summary(store)
    refused = sum(not r.ok for r in results)
    imported = sum(r.status == "imported" for r in results)
    unchanged = sum(r.status == "unchanged" for r in results)
    passed = [
        f", {n} folder{'s' * (n > 1)} {what}"
        for n, what in ((len(empty), "without exports"), (len(unread), "not readable"))
        if n
    ]
    _say(
        f"{imported} imported, {unchanged} unchanged, {refused} refused{''.join(passed)}"
        f" — store: {root}"
    )
    return EXIT_REFUSED if refused or empty or unread else EXIT_OK


def _keep_summary(store) -> None:
    """After a commit: the summary the app's next start draws from (``summary.refresh``).
    It is a cache beside the store, so whatever stops it never fails the command that
    committed; ``TIKTUI_DEBUG=1`` shows why."""
    from datetime import date

    from .. import summary
    from ..advisor.config import ConfigError, load_config

    try:
        summary.refresh(store, date.today(), load_config(None))
    except ConfigError:
        return  # the app will say what is wrong with the config when it opens
    except Exception:
        if os.environ.get("TIKTUI_DEBUG"):
            raise


def _write_trace(trace, path, results) -> None:
    """The import's trace (``TIKTUI_TRACE``); a path it cannot be written to is one line."""
    try:
        trace.write(path, [r.path for r in results], [r.status for r in results])
    except OSError as exc:
        _warn(f"tiktui import: the trace could not be written to {path}: {reason(exc)}")


def cmd_export(args: argparse.Namespace) -> int:
    from ..data.export import write_table

    target = paths.output_file(args.output) if args.output else None
    if target is None and args.format == "parquet" and sys.stdout.isatty():
        raise PathError("parquet is binary: give -o FILE or redirect the output")
    root = paths.data_dir(args.data_dir, write=False, must_exist=True)
    store = _open_store(root, create=False)
    damaged = []
    if args.table == "imports":
        frame = store.load(args.table)  # the log alone; damaged, it is one line and exit 1
    else:
        tables, damaged = _readable(store, "tiktui export")
        frame = tables[args.table]
    buf = io.BytesIO()
    write_table(frame, args.format, buf, raw=args.raw)
    if target is None:
        sys.stdout.buffer.write(buf.getvalue())
        sys.stdout.flush()
        return EXIT_REFUSED if damaged else EXIT_OK
    try:
        target.write_bytes(buf.getvalue())
    except OSError as exc:
        raise PathError(f"-o {target}: cannot be written: {reason(exc)}") from None
    _warn(f"{frame.height} rows of {args.table} written to {target}")
    return EXIT_REFUSED if damaged else EXIT_OK


def cmd_rebuild(args: argparse.Namespace) -> int:
    from ..data.rebuild import GUESSED, rebuild

    store = _open_store(paths.data_dir(args.data_dir, write=True, must_exist=True))
    with limits.applied(args.max_file_size):
        results = rebuild(store)
    for r in results:
        if not r.ok or GUESSED in r.notes:
            _say(r.line())
    if any(not r.ok for r in results):
        _say("rebuild refused: the tables were left as they were")
        return EXIT_REFUSED
    files = len({r.path.rpartition(" (batch ")[0] for r in results})
    _keep_summary(store)
    _say(f"rebuilt every table from {files} archived files in {store.root / 'raw'}")
    return EXIT_OK


def cmd_doctor(args: argparse.Namespace) -> int:
    from ..data.doctor import check
    from .doctor import as_json, render

    checkup = check(paths.data_dir(args.data_dir, write=False, must_exist=True))
    _say_raw(as_json(checkup) if args.json else "\n".join(render(checkup)))
    return EXIT_OK if checkup.ok else EXIT_REFUSED


def cmd_forget(args: argparse.Namespace) -> int:
    from ..data.rebuild import NothingToForget, forget

    store = _open_store(paths.data_dir(args.data_dir, write=True, must_exist=True))
    try:
        done = forget(store, args.file)
    except NothingToForget as exc:
        _say(f"nothing forgotten: {exc}")
        return EXIT_REFUSED
    for batch, name, accounts in done.batches:
        who = ", ".join(f"@{a}" for a in (accounts or "").split(",") if a)
        _say(f"forgotten {name} (batch {batch}, {who}): its rows are out of every table")
    _keep_summary(store)
    _say(f"recorded in {store.root / 'raw' / 'forgets.jsonl'}, so rebuild keeps it undone")
    return EXIT_OK


def _config_is_usable(args: argparse.Namespace, who: str) -> bool:
    """A wrong value in config.toml is said first (before a missing store), on stderr."""
    from ..advisor.config import ConfigError, load_config

    paths.config_file(getattr(args, "config", None))
    try:
        load_config(getattr(args, "config", None))
    except ConfigError as exc:
        _warn(f"{who}: {exc}")
        return False
    return True


def cmd_report(args: argparse.Namespace) -> int:
    from ..advisor.report import render_report

    if not _config_is_usable(args, "tiktui report"):
        return EXIT_USAGE
    # Reading never creates a store folder.
    root = paths.data_dir(args.data_dir, write=False, must_exist=True)
    tables, damaged = _readable(_open_store(root, create=False), "tiktui report")
    wanted = (args.account or "").strip().lstrip("@").lower()
    if wanted and any(d.account == wanted for d in damaged):
        return EXIT_REFUSED  # that account's damage is named above
    return render_report(_Whole(tables), args)


class _Whole:
    """The store as a reader sees it: the accounts whose parts are whole."""

    def __init__(self, tables) -> None:  # noqa: ANN001
        self._tables = tables

    def tables(self):  # noqa: ANN202
        return self._tables


def _readable(store, who: str):  # noqa: ANN001, ANN202
    """Every whole account's tables; one line on stderr per damaged part left out."""
    tables, damaged = store.readable()
    for part in damaged:
        _warn(f"{who}: {part} (the other accounts are read)")
    return tables, damaged


def cmd_open(args: argparse.Namespace, demo: bool) -> int:
    from ..ui import gc_hold

    gc_hold.hold()  # until the first screen is drawn (see gc_hold)
    if not _config_is_usable(args, "tiktui"):  # before the screen is taken over
        return EXIT_USAGE
    config = getattr(args, "config", None)
    if demo:
        paths.temp_folder()
    else:  # the folder only: the store itself is read once the first screen is drawn
        _prepare(paths.data_dir(args.data_dir, write=True, must_exist=False))
    from ..ui.app import run_app

    return run_app(data_dir=args.data_dir, demo=demo, config=config)


COMMANDS = {
    "import": cmd_import,
    "export": cmd_export,
    "rebuild": cmd_rebuild,
    "doctor": cmd_doctor,
    "forget": cmd_forget,
    "report": cmd_report,
}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    who = f"tiktui {args.command}" if args.command else "tiktui"
    from ..data import durable

    durable.COMMAND = who  # named to another tiktui that finds the store busy
    try:
        if args.command in COMMANDS:
            return COMMANDS[args.command](args)
        return cmd_open(args, demo=args.command == "demo")
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except PathError as exc:
        for line in exc.lines:
            _warn(f"{who}: {line}")
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001 — one clear line, never a traceback
        from ..data.damage import StoreDamage
        from ..data.store import StoreError

        if isinstance(exc, StoreError):  # busy, full or read-only: its own one line
            _warn(f"{who}: {exc}")
            return EXIT_STORE
        if isinstance(exc, StoreDamage):  # a damaged part, named; doctor says more
            _warn(f"{who}: {exc}")
            return EXIT_REFUSED
        if os.environ.get("TIKTUI_DEBUG"):
            raise
        if isinstance(exc, OSError):  # a disk that filled up or went away mid-command
            where = f"{exc.filename}: " if exc.filename else ""
            _warn(f"{who}: {where}{reason(exc)} (set TIKTUI_DEBUG=1 for details)")
            return EXIT_REFUSED
        _warn(f"{who}: {type(exc).__name__}: {exc} (set TIKTUI_DEBUG=1 for details)")
        return EXIT_REFUSED
