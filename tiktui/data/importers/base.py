"""What every importer takes and gives back.

An importer turns the bytes of one file into canonical frames (see
:mod:`tiktui.data.schema`) or raises :class:`Refused` with one line a person
can act on. It never touches the store: the pipeline decides the account,
merges and writes, so a refusal can never leave anything half-written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for the annotation: a re-import is told without loading Polars
    import polars as pl

from ...formatting.text import one_line as one_line  # re-exported: every importer's one rule
from .reasons import BadValue as BadValue  # re-exported: importers take them from here
from .reasons import Refused as Refused


@dataclass(frozen=True)
class SourceFile:
    """One file to parse, already read into memory.

    ``container`` is the ZIP it came from, whose name carries the handle and,
    for Overview exports, the window's first day and end epoch.
    """

    name: str  # the file's own name (a ZIP entry's name inside the ZIP)
    data: bytes
    mtime: datetime | None = None  # the file's own timestamp (UTC), if known
    container: str | None = None  # name of the ZIP holding it


@dataclass(frozen=True)
class ParseContext:
    """What the pipeline knows before parsing.

    ``anchor`` is the export's last day when the ZIP name fixes it; otherwise
    the export day the user stated (``exported_on``, ``tiktui import
    --exported-on``), then the file's timestamp, then ``today``.
    ``handle`` is the @handle from a ZIP name, when there is one.
    """

    today: date
    anchor: date | None = None
    handle: str | None = None
    window_start: date | None = None  # first day of an Overview ZIP's window
    exported_on: date | None = None  # the export day the user stated, for undated names


class Rank(IntEnum):
    """How much a value is to be believed, checked before recency (DESIGN.md, Store).

    For each column of each row the store keeps the value of the best rank,
    and within a rank the newest export's: a Studio download or the Business
    API *states* a number; a browser capture of Studio's web responses states
    it too but is placed by inference (history arrays carry no dates); a value
    worked out from others (net followers from two totals) is *derived*.
    """

    STATED = 0
    CAPTURED = 1
    DERIVED = 2


@dataclass
class Parsed:
    """The canonical rows one file holds.

    ``tables`` maps a canonical table name to a frame holding some of that
    table's columns, always its key columns except ``account`` (filled in by the
    pipeline when the file names no account). ``as_of`` is when the export was
    made: the newest export of a row wins.
    """

    kind: str  # e.g. "studio-overview", "business-video-list", "insight-har"
    tables: dict[str, pl.DataFrame]
    as_of: datetime
    account: str | None = None  # a handle found inside the file, if any
    display_name: str | None = None
    is_business: bool | None = None
    anchor: date | None = None  # the day used to infer years, when one was
    notes: list[str] = field(default_factory=list)
    rank: Rank = Rank.STATED  # the rank of every value this file gives …
    derived: dict[str, set[str]] = field(default_factory=dict)  # … but these: table → columns
    # worked out from other columns of the same file (ranked DERIVED)
    keys_unique: bool = False  # the reader made sure no table holds a key twice


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def epoch_micros(when: datetime) -> int:
    """Microseconds since the epoch, a naive time read as UTC (as Polars reads it)."""
    aware = when if when.tzinfo else when.replace(tzinfo=UTC)
    return (aware - _EPOCH) // timedelta(microseconds=1)
