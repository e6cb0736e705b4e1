"""TikTok Studio "Download data" files, CSV or XLSX, into canonical frames.

Studio exports one section at a time (Overview, Followers, Viewers,
Content); phones rename the files and users keep them loose, so the kind is
read from the header row, in any interface language (:mod:`.headers`), never
from the file name. Values go through :mod:`.numbers` and :mod:`..dates`;
every error names the physical line (CSV, where a caption may span several
lines) or the sheet row (XLSX) and the column, so a person can find it.

The pipeline calls :func:`looks_tabular` to route a file here and
:func:`parse_tabular` to read it.
"""

from __future__ import annotations

from ..base import ParseContext, Parsed, Refused, SourceFile, one_line
from ..zips import is_xlsx
from . import sections as S
from .grid import Sheet, looks_tabular, read_csv, read_xlsx
from .layout import (
    ADS_REFUSAL,
    EXPECTED,
    FOLLOWER_ACTIVITY,
    FOLLOWER_AGE,
    FOLLOWER_CITIES,
    FOLLOWER_GENDER,
    FOLLOWER_HISTORY,
    FOLLOWER_TERRITORIES,
    KINDS,
    OVERVIEW,
    VIEWERS,
    detect,
    first_recognised,
)

__all__ = ["ADS_REFUSAL", "EXPECTED", "KINDS", "looks_tabular", "parse_tabular"]


# --------------------------------------------------------------------------- entry point


def parse_tabular(src: SourceFile, ctx: ParseContext) -> Parsed:
    """Read one Studio CSV/XLSX export into canonical frames, or raise :class:`Refused`."""
    data = src.data
    if not data.strip():
        raise Refused("empty_file")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise Refused("old_xls")
    if data[:4] == b"PK\x03\x04":
        if not is_xlsx(data):
            raise Refused("zip_not_xlsx")
        grids = [g for g in read_xlsx(data) if g.rows]
        if not grids:
            raise Refused("empty_file")
        grid, layout = first_recognised(grids)
    else:
        grid = read_csv(data)
        if not grid.rows:
            raise Refused("empty_file")
        layout = detect(grid)

    table = Sheet(grid, layout)
    anchor = S.anchor_for(src, ctx)
    kind = layout.kind
    if kind == OVERVIEW:
        result = S.overview(table, anchor, ctx)
    elif kind == FOLLOWER_HISTORY:
        result = S.history(table, anchor)
    elif kind == FOLLOWER_ACTIVITY:
        result = S.activity(table, anchor)
    elif kind == FOLLOWER_GENDER:
        result = S.audience(table, anchor, "gender")
    elif kind == FOLLOWER_TERRITORIES:
        result = S.audience(table, anchor, "country")
    elif kind == FOLLOWER_AGE:
        result = S.audience(table, anchor, "age")
    elif kind == FOLLOWER_CITIES:
        result = S.audience(table, anchor, "city")
    elif kind == VIEWERS:
        result = S.viewers(table, anchor)
    else:
        result = S.content(table, anchor)

    # Notes quote cells (a link, a label) that may hold line breaks: keep them one line.
    notes = [one_line(n) for n in (*grid.notes, *layout.notes, *result.notes)]
    if not table.rows:
        notes.append("no data rows (header only)")
    if anchor.inferred:
        notes.append(anchor.note())
    account = result.account  # only Content links name one (tiktok.com/@handle/video/…)
    if account and ctx.handle:
        # The ZIP's name is the export's own word on the account; the pipeline uses it.
        if account.lower() != ctx.handle.strip().lstrip("@").lower():
            notes.append(f"video links name @{account}, the ZIP name @{ctx.handle}")
        account = None
    return Parsed(
        kind=kind,
        tables=result.tables,
        as_of=S.as_of_for(src, ctx),
        account=account,
        anchor=anchor.day if anchor.used else None,
        notes=notes,
        derived=result.derived,
    )
