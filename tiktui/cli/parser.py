"""The ``tiktui`` command line: every command says what it does, its defaults and an example."""

from __future__ import annotations

import argparse
import os
import textwrap

from ..data.importers import limits
from .paths import default_config_file

EXIT_CODES = """\
Exit codes:
  0  done
  1  a file was refused, a folder held no export files, or a part of the
     store is damaged (named; tiktui doctor says more)
  2  a usage or path error: a path that does not exist or cannot be read or
     written, a folder where a file is needed or a file where a folder is,
     no store in the data folder yet, an unusable config file
  3  the store could not be written: busy (another tiktui held it for 60 s;
     the line says which, since when), the disk full, or the folder read-only;
     what was reported before that line is stored, nothing else changed
  130  interrupted (ctrl+c)"""

DOCTOR_EXIT_CODES = """\
Exit codes:
  0  the store is whole (leftover files alone are harmless)
  1  something is damaged or missing: the output says what, and the fix
  2  a usage or path error: a path that does not exist or cannot be read,
     no store in the data folder
  130  interrupted (ctrl+c)"""


class _Help(argparse.RawDescriptionHelpFormatter, argparse.ArgumentDefaultsHelpFormatter):
    """Descriptions and examples as written; "(default: …)" after options that have one."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        if action.default in (None, argparse.SUPPRESS) or "default" in text:
            return text
        return super()._get_help_string(action)


def _wrap(text: str) -> str:
    """Paragraphs filled to 79 columns: descriptions are printed as written (examples are)."""
    return "\n".join(textwrap.fill(line, 79) for line in text.split("\n"))


def _command(
    sub, name: str, summary: str, description: str, examples: str, exit_codes: str = EXIT_CODES
):
    return sub.add_parser(
        name,
        help=summary,
        description=_wrap(description),
        epilog=f"Example{'s' if examples.count(chr(10)) else ''}:\n{examples}\n\n{exit_codes}",
        formatter_class=_Help,
    )


class _TableNames:
    """The store's table names, read from the schema (which loads Polars) only when
    ``export`` checks its argument or prints its help: opening the app never does."""

    def _names(self) -> list[str]:
        from ..data.schema import TABLES

        return sorted(TABLES)

    def __contains__(self, name: object) -> bool:
        return name in self._names()

    def __iter__(self):
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())


def _data_dir_help() -> str:
    from ..data.location import default_data_dir

    how = "from $TIKTUI_DATA_DIR" if os.environ.get("TIKTUI_DATA_DIR") else "or $TIKTUI_DATA_DIR"
    return f"the store's folder (default: {default_data_dir()}, {how})"


def _add_data_dir(p: argparse.ArgumentParser, top: bool = False) -> None:
    # A subcommand's copy must not overwrite a value given before the command
    # (`tiktui --data-dir D report`): its default is "not given".
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        default=None if top else argparse.SUPPRESS,
        help=_data_dir_help(),
    )


def _add_config(p: argparse.ArgumentParser, top: bool = False) -> None:
    p.add_argument(
        "--config",
        metavar="FILE",
        default=None if top else argparse.SUPPRESS,
        help=f"the advisor's thresholds and benchmarks (default: {default_config_file()}, "
        "if it exists; otherwise built-in values)",
    )


def _size(text: str) -> int:
    try:
        return limits.parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_max_file_size(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--max-file-size",
        metavar="SIZE",
        type=_size,
        default=None,
        help="the largest file read, and the most a ZIP's or XLSX's content may expand to "
        f"(default: {limits.size_text(limits.DEFAULT_MAX_BYTES)}; e.g. 500MB, 1GB). "
        "Pipes, devices and sockets are never read",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tiktui",
        description=_wrap(
            "Where your TikTok views come from: import your analytics exports, keep them "
            "in a local store, and explore them in the terminal.\n"
            "Run without a command to open the app on your store."
        ),
        epilog="Examples:\n"
        "  tiktui demo                      try the app on a made-up account\n"
        "  tiktui import ~/Downloads        import every export in a folder\n"
        "  tiktui report --period 90d       the last 90 days as Markdown\n\n" + EXIT_CODES,
        formatter_class=_Help,
    )
    _add_data_dir(parser, top=True)
    _add_config(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = _command(
        sub,
        "demo",
        "open the demo account in a throwaway store",
        "Open the app on a made-up account with a year of data, built in a temporary "
        "folder and deleted on exit. Your own store is never read or changed.",
        "  tiktui demo",
    )
    _add_config(p)

    p = _command(
        sub,
        "import",
        "import export files, folders (recursively) and ZIPs into the store",
        "Import TikTok exports: Studio ZIPs, CSV and XLSX files, Business API and "
        "Display API JSON, HAR captures. Folders are read recursively (hidden files "
        "skipped); files are recognised by their content, whatever their name. One line "
        "per file says what it was and what changed; each file is imported whole or not "
        "at all, and importing a file twice changes nothing. Studio files carry no year: "
        "it comes from the export day in a Studio ZIP's name, else --exported-on, else the "
        "file's timestamp (reset by a copy or a sync), else today; each line says which.",
        "  tiktui import ~/Downloads/Overview_2026-11-18_1763683200_lena.cooks.zip\n"
        "  tiktui import exports/ --account lena.cooks\n"
        "  tiktui import Overview.csv --exported-on 2025-05-20",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="export files, folders or ZIPs")
    p.add_argument(
        "--account",
        metavar="HANDLE",
        help="the @handle for files that do not name their account "
        "(default: the store's only account, if it has exactly one)",
    )
    _add_max_file_size(p)
    p.add_argument(
        "--exported-on",
        metavar="YYYY-MM-DD",
        help="the day the files were exported, for files whose name carries no date "
        "(loose CSV/XLSX files, renamed ZIPs): it fixes the year of their rows and is "
        "kept for rebuild. A Studio ZIP's own date wins (default: the file's timestamp, "
        "else today)",
    )
    _add_data_dir(p)

    p = _command(
        sub,
        "export",
        "write one canonical table as CSV, JSON or parquet",
        "Write one table of the store. CSV has a header row; JSON is an array of "
        "objects with ISO dates; a missing value is empty (CSV) or null (JSON), never 0.\n"
        "In CSV, a text cell that begins with =, +, -, @, a tab or a carriage return "
        "(a caption such as =HYPERLINK(…)) gets a leading ' so a spreadsheet shows it "
        "as text instead of running it as a formula; numbers are written as they are "
        "(-3 stays -3). --raw writes every cell as stored. JSON and parquet are "
        "always as stored.",
        "  tiktui export videos --format json -o videos.json\n"
        "  tiktui export account_daily > daily.csv",
    )
    p.add_argument(
        "table",
        choices=_TableNames(),
        metavar="TABLE",
        help="one of: %(choices)s",
    )
    p.add_argument(
        "--format", choices=["csv", "json", "parquet"], default="csv", help="the file's format"
    )
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (default: standard output)"
    )
    p.add_argument(
        "--raw",
        action="store_true",
        help="CSV: write text cells as stored, without the ' that defuses a formula "
        "(default: defused)",
    )
    _add_data_dir(p)

    p = _command(
        sub,
        "rebuild",
        "re-create every table from the archived raw files",
        "Re-read every file kept in the store's raw/ folder, as it was first imported, "
        "and replace every table: all at once or not at all. For after an update that "
        "reads a format better, or damage to the tables: it needs only raw/ (each file's "
        "record beside it, raw/<sha256>.json, and raw/forgets.jsonl), not the tables, "
        "the import log or the manifest. A raw file nothing records is read as a plain "
        "import would, and its line says so.",
        "  tiktui rebuild --data-dir ~/tiktui-store",
    )
    _add_max_file_size(p)
    _add_data_dir(p)

    p = _command(
        sub,
        "doctor",
        "check the store whole and say what fixes what is wrong",
        "Check the store without changing it: the manifest (the list of every part) "
        "reads and has this version's layout; every part it names is there with the "
        "manifest's size and checksum, reads as parquet with its table's columns and "
        "rows, and (a table) has unique keys; every account has every table; every "
        "imported file is in raw/ with its checksum. Files no commit names (leftovers "
        "of a write that was killed) are counted: tiktui never reads them, so they are "
        "harmless.\n"
        "Prints one screenful: each kind of problem, a few of the parts it concerns, "
        "and the commands that fix them, in the order to run them (tiktui rebuild for "
        "damaged parts; tiktui forget SHA, or the original file copied back, for a file "
        "missing from raw/). It reads every part and every raw file: seconds on a big "
        "store.",
        "  tiktui doctor\n  tiktui doctor --json --data-dir ~/tiktui-store",
        DOCTOR_EXIT_CODES,
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="print the findings as JSON (kind, problem, path, account, table, sha256) "
        "and the fixes, for scripts (default: text)",
    )
    _add_data_dir(p)

    p = _command(
        sub,
        "forget",
        "undo one import (a file imported with the wrong --account)",
        "Take every row one imported file gave out of the store, and its line out of the "
        "import log. The file stays in raw/, so importing it again (with the right "
        "--account) is a new import; the forget is recorded in raw/forgets.jsonl and "
        "rebuild keeps it undone. FILE is the file itself, its name as imported, or the "
        "first 8 or more hex digits of its sha256.",
        "  tiktui forget Overview_2026-11-18_1763424000_lena.cooks.zip\n  tiktui forget 3f9a2c1d",
    )
    p.add_argument("file", metavar="FILE|SHA", help="the file, its name, or its sha256 prefix")
    _add_data_dir(p)

    p = _command(
        sub,
        "report",
        "KPIs, traffic-source mix and advice for a period, as Markdown or JSON",
        "Print the period's key numbers against the period before, where views came "
        "from, and the advisor's advice with its evidence: Markdown to share, or JSON "
        "(schema tiktui.report/1) for scripts. Periods end on the last day with data.",
        "  tiktui report --period 90d > report.md\n"
        "  tiktui report --format json --account lena.cooks",
    )
    p.add_argument(
        "--period",
        choices=["7d", "28d", "60d", "90d", "365d", "all"],
        default="28d",
        help="how many days, or all of them",
    )
    p.add_argument("--format", choices=["md", "json"], default="md", help="Markdown or JSON")
    p.add_argument(
        "--account",
        metavar="HANDLE",
        help="which account (default: the only one; required when the store has several)",
    )
    _add_config(p)
    _add_data_dir(p)
    return parser
