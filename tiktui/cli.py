"""The ``tiktui`` command: open the app, or import, export, rebuild and report.

Textual is imported only by the commands that open the app, so scripted
imports and exports start fast and run where there is no terminal.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

from .data.schema import TABLES

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def _add_common(p: argparse.ArgumentParser, top: bool = False) -> None:
    # A subcommand's copy must not overwrite a value given before the command
    # (`tiktui --data-dir D report`): its default is "not given".
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        default=None if top else argparse.SUPPRESS,
        help="the store's folder (default: $TIKTUI_DATA_DIR or the platform's user data dir)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tiktui",
        description="Where your TikTok views come from: import your analytics exports, "
        "keep them, and explore them in the terminal. Run without a command to open the app.",
    )
    _add_common(parser, top=True)
    parser.add_argument("--config", metavar="FILE", help="advisor settings (config.toml)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("demo", help="open the demo account in a throwaway store")
    p.add_argument(
        "--config", metavar="FILE", default=argparse.SUPPRESS, help="advisor settings (config.toml)"
    )

    p = sub.add_parser(
        "import",
        help="import export files, folders (recursively) and ZIPs into the store",
        description="Import TikTok exports. One line per file says what it was and what "
        "changed. Exit 0 when every file was imported, 1 when any was refused.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument(
        "--account", metavar="HANDLE", help="the @handle for files that do not name their account"
    )
    _add_common(p)

    p = sub.add_parser(
        "export",
        help="write one canonical table as CSV, JSON or parquet",
        description="Write one table. JSON is an array of objects with ISO dates. "
        "Without -o the table goes to standard output.",
    )
    p.add_argument(
        "table",
        choices=sorted(TABLES),
        metavar="TABLE",
        help="one of: " + ", ".join(sorted(TABLES)),
    )
    p.add_argument("--format", choices=["csv", "json", "parquet"], default="csv")
    p.add_argument("-o", "--output", metavar="FILE")
    _add_common(p)

    p = sub.add_parser(
        "rebuild",
        help="re-create every table from the archived raw files",
        description="Re-parse every archived file in raw/ and replace the tables, all at once "
        "or not at all.",
    )
    _add_common(p)

    p = sub.add_parser(
        "report",
        help="KPIs, traffic-source mix and advice for a period, as Markdown or JSON",
    )
    p.add_argument("--period", choices=["7d", "28d", "60d", "90d", "365d", "all"], default="28d")
    p.add_argument("--format", choices=["md", "json"], default="md")
    p.add_argument("--account", metavar="HANDLE", help="which account (default: the only one)")
    p.add_argument(
        "--config", metavar="FILE", default=argparse.SUPPRESS, help="advisor settings (config.toml)"
    )
    _add_common(p)
    return parser


def _store(args: argparse.Namespace, must_exist: bool = False, create: bool = True):
    """The store; commands that only read refuse a folder that holds none (a typo)."""
    from .data.store import Store, default_data_dir

    root = Path(args.data_dir).expanduser() if args.data_dir else default_data_dir()
    if must_exist and not (root / "CURRENT").exists():
        raise NoStore(f"no tiktui store in {root}: import files first (tiktui import PATH)")
    return Store.open(root) if create else Store(root)


class NoStore(Exception):
    """A read-only command was pointed at a folder without a store."""


def _say(line: str) -> None:
    """Print a progress line; a closed pipe (``| head``) must not stop the import itself."""
    try:
        print(line, flush=True)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def cmd_import(args: argparse.Namespace) -> int:
    from .data.pipeline import import_paths

    store = _store(args)
    results = import_paths(
        store, args.paths, account=args.account, progress=lambda r, n, total: _say(r.line())
    )
    refused = sum(not r.ok for r in results)
    imported = sum(r.status == "imported" for r in results)
    _say(
        f"{imported} imported, {sum(r.status == 'unchanged' for r in results)} unchanged, "
        f"{refused} refused — store: {store.root}"
    )
    return EXIT_REFUSED if refused else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from .data.export import write_table

    store = _store(args, must_exist=True)
    frame = store.load(args.table)
    if args.output:
        with open(args.output, "wb") as fh:
            write_table(frame, args.format, fh)
        print(f"{frame.height} rows of {args.table} written to {args.output}", file=sys.stderr)
        return EXIT_OK
    if args.format == "parquet" and sys.stdout.isatty():
        print(
            "tiktui export: parquet is binary: give -o FILE or redirect the output", file=sys.stderr
        )
        return EXIT_USAGE
    buf = io.BytesIO()
    write_table(frame, args.format, buf)
    sys.stdout.buffer.write(buf.getvalue())
    sys.stdout.flush()
    return EXIT_OK


def cmd_rebuild(args: argparse.Namespace) -> int:
    from .data.pipeline import rebuild

    store = _store(args, must_exist=True)
    results = rebuild(store)
    for r in results:
        if not r.ok:
            print(r.line())
    if any(not r.ok for r in results):
        print("rebuild refused: the tables were left as they were")
        return EXIT_REFUSED
    print(f"rebuilt every table from {len(results)} archived files in {store.root / 'raw'}")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from .advisor.report import render_report

    # The report checks its config before it reads the store, and says itself when
    # the store is empty; reading never creates a store folder.
    return render_report(_store(args, create=False), args)


def cmd_open(args: argparse.Namespace, demo: bool) -> int:
    from .ui.app import run_app

    return run_app(data_dir=args.data_dir, demo=demo, config=getattr(args, "config", None))


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "import":
            return cmd_import(args)
        if args.command == "export":
            return cmd_export(args)
        if args.command == "rebuild":
            return cmd_rebuild(args)
        if args.command == "report":
            return cmd_report(args)
        return cmd_open(args, demo=args.command == "demo")
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 — one clear line, never a traceback
        from .data.store import StoreBusy

        if isinstance(exc, StoreBusy | NoStore):
            print(f"tiktui: {exc}", file=sys.stderr)
            return EXIT_REFUSED
        if os.environ.get("TIKTUI_DEBUG"):
            raise
        print(
            f"tiktui: {type(exc).__name__}: {exc} (set TIKTUI_DEBUG=1 for details)", file=sys.stderr
        )
        return EXIT_REFUSED


if __name__ == "__main__":
    sys.exit(main())


