"""The Studio export kinds: each recognised sheet into canonical frames."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import polars as pl

from ... import schema
from ..base import ParseContext, Refused, SourceFile
from ..dates import DateCell, as_utc, infer_years, latest_not_after, parse_hour
from ..ids import HANDLE_IN_URL, video_id_from_link
from ..ranges import LIFETIME
from . import headers as H
from .followers import derived_net, net_from_totals, place_new_followers
from .grid import Sheet

# --------------------------------------------------------------------------- dates


@dataclass
class Anchor:
    """The day years are inferred from, and what fixed it (FORMATS.md 1, Dates).

    ``source`` is "export" (the ZIP name's end epoch), "stated" (the export day
    the user gave, ``--exported-on``), "file" (the file's own timestamp: weak, a
    copy or a checkout resets it) or "today".
    """

    day: date
    source: str
    used: bool = False
    inferred: bool = False

    def note(self) -> str:
        if self.source == "export":
            return f"year inferred from the export date {self.day} in the ZIP name"
        if self.source == "stated":
            return f"year inferred from the stated export day {self.day}"
        if self.source == "file":
            return (
                f"year inferred from the file's date {self.day} only: if that is not the "
                "export day, re-import with --exported-on"
            )
        return f"year inferred from today's date {self.day} (the file carries no date)"


def anchor_for(src: SourceFile, ctx: ParseContext) -> Anchor:
    if ctx.anchor is not None:
        return Anchor(ctx.anchor, "export")
    if ctx.exported_on is not None:
        return Anchor(ctx.exported_on, "stated")
    if src.mtime is not None:
        return Anchor(as_utc(src.mtime).date(), "file")
    return Anchor(ctx.today, "today")


def as_of_for(src: SourceFile, ctx: ParseContext) -> datetime:
    """When the export was made: the end of the export day, the file's time, or today."""
    day = ctx.anchor or ctx.exported_on
    if day is not None:
        return datetime.combine(day, time.max, UTC)
    if src.mtime is not None:
        return as_utc(src.mtime)
    return datetime.combine(ctx.today, time.min, UTC)


# Rows carry the creator's local days, but the anchor is a UTC date (the ZIP
# name's end epoch, a file or ZIP-entry timestamp): east of UTC (Europe, Asia)
# the local day is often the UTC day after, so a row one day past the anchor is
# still this year's (FollowerActivity's partial "today", a video posted today,
# a window ending at local midnight). Years are inferred, and windows checked,
# against the anchor plus this slack.
_CLOCK_SLACK = timedelta(days=1)


def _daily_dates(
    table: Sheet, anchor: Anchor, window: tuple[date, date] | None = None
) -> tuple[list[date], list[bool]]:
    """The Date column with years: given, fitted into the window, or inferred.

    Years are inferred over the distinct days in order of first appearance, so
    FollowerActivity's 24 rows a day read the same whether sorted by day or hour.
    """
    cells = [c for c in table.date_cells("date") if c is not None]
    days = list(dict.fromkeys((c.year, c.month, c.day) for c in cells))
    last_day = (window[1] if window is not None else anchor.day) + _CLOCK_SLACK
    walked = infer_years([DateCell(m, d, y) for y, m, d in days], last_day)
    found = dict(zip(days, walked, strict=True))
    dates = [found[(c.year, c.month, c.day)][0] for c in cells]
    inferred = [found[(c.year, c.month, c.day)][1] for c in cells]
    if window is not None:
        start, end = window[0], window[1] + _CLOCK_SLACK
        for index, cell in enumerate(cells):
            if cell.year is None:
                fits = [
                    cell.on(y)
                    for y in range(start.year, end.year + 1)
                    if _valid(cell, y) and start <= cell.on(y) <= end
                ]
                if len(fits) == 1:
                    dates[index] = fits[0]
        for row, day in zip(table.rows, dates, strict=True):
            if not start <= day <= end:
                raise Refused(
                    "date_outside_window",
                    where=table.line(row, "date"),
                    day=day,
                    start=window[0],
                    end=window[1],
                )
    if any(inferred):
        anchor.used = anchor.inferred = True
    return dates, inferred


def _valid(cell: DateCell, year: int) -> bool:
    try:
        cell.on(year)
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------- frames


def _frame(table: schema.Table, columns: dict[str, list[Any]]) -> pl.DataFrame:
    return pl.DataFrame(columns, schema={c: table.schema[c] for c in columns})


def _unique(
    table: Sheet,
    keys: Sequence[tuple[Any, ...]],
    values: Sequence[tuple[Any, ...]],
    what: str,
    rows: Sequence[int] | None = None,
) -> list[int]:
    """Indices (into ``keys``) to keep: identical repeats dropped, conflicting ones refused.

    ``rows`` maps each key to its data row when the keys cover only some rows.
    """
    rows = range(len(keys)) if rows is None else rows
    seen: dict[tuple[Any, ...], int] = {}
    keep = []
    for index, key in enumerate(keys):
        if key in seen:
            first = seen[key]
            if values[first] != values[index]:
                raise Refused(
                    "duplicate_conflict",
                    where=table.line(table.rows[rows[index]]),
                    what=what,
                    key=_show(key),
                    other=table.line(table.rows[rows[first]]),
                )
            continue
        seen[key] = index
        keep.append(index)
    return keep


def _show(key: tuple[Any, ...]) -> str:
    return " ".join(str(k) for k in key)


def _pick(columns: dict[str, list[Any]], keep: list[int]) -> dict[str, list[Any]]:
    return {name: [values[i] for i in keep] for name, values in columns.items()}


# --------------------------------------------------------------------------- kinds


@dataclass
class Result:
    tables: dict[str, pl.DataFrame]
    notes: list[str] = field(default_factory=list)
    account: str | None = None
    derived: dict[str, set[str]] = field(default_factory=dict)  # worked out, not stated


def overview(table: Sheet, anchor: Anchor, ctx: ParseContext) -> Result:
    window = (ctx.window_start, anchor.day) if ctx.window_start and ctx.anchor else None
    dates, inferred = _daily_dates(table, anchor, window)
    cols: dict[str, list[Any]] = {"date": dates}
    direct = {
        "video_views": "video_views",
        "profile_views": "profile_views",
        "likes": "likes",
        "comments": "comments",
        "shares": "shares",
        "reached_audience": "reached_audience",
        "followers": "followers",
        "net_growth": "followers_net",
        "lost_followers": "followers_lost",
    }
    for cid, column in direct.items():
        if table.has(cid):
            cols[column] = table.counts(cid)
    notes: list[str] = []
    if table.has("new_followers"):
        notes.append(place_new_followers(cols, table.counts("new_followers")))
    derived: set[str] = set()
    if "followers_net" not in cols:
        net = derived_net(cols, dates)
        if net is not None:
            cols["followers_net"], how = net
            derived.add("followers_net")  # worked out: ranked below a stated figure
            notes.append(f"net followers derived from {how}")
    values = list(zip(*(v for k, v in cols.items() if k != "date"), strict=True))
    keep = _unique(table, [(d,) for d in dates], values, "date")
    cols["year_inferred"] = inferred
    return Result(
        {"account_daily": _frame(schema.ACCOUNT_DAILY, _pick(cols, keep))},
        notes,
        derived={"account_daily": derived} if derived else {},
    )


def history(table: Sheet, anchor: Anchor) -> Result:
    dates, inferred = _daily_dates(table, anchor)
    totals = table.counts("followers", lifetime=True)
    keep = _unique(table, [(d,) for d in dates], [(t,) for t in totals], "date")
    # TikTok's own difference column was found shifted by a day: derive the
    # change from the totals, and only across two consecutive days we have.
    net = net_from_totals([dates[i] for i in keep], [totals[i] for i in keep])
    cols = {
        "date": [dates[i] for i in keep],
        "followers": [totals[i] for i in keep],
        "followers_net": net,
        "year_inferred": [inferred[i] for i in keep],
    }
    # Net followers are worked out from two totals: ranked below a stated figure.
    return Result(
        {"account_daily": _frame(schema.ACCOUNT_DAILY, cols)},
        ["net followers derived from totals"],
        derived={"account_daily": {"followers_net"}},
    )


def activity(table: Sheet, anchor: Anchor) -> Result:
    dates, inferred = _daily_dates(table, anchor)
    hours = []
    for row in table.rows:
        try:
            hours.append(parse_hour(table.text(row, "hour") or ""))
        except ValueError as exc:
            raise Refused.at(table.where(row, "hour"), exc) from None
    active = table.counts("active_followers")
    keep = _unique(
        table, list(zip(dates, hours, strict=True)), [(a,) for a in active], "date and hour"
    )
    notes = []
    if keep:
        # The export day is partial: its future hours read 0. Drop them, not
        # as zeros: they have not happened yet.
        last = max(dates[i] for i in keep)
        today = [i for i in keep if dates[i] == last]
        lit = [hours[i] for i in today if active[i]]
        cutoff = max(lit) if lit else -1
        dropped = [i for i in today if hours[i] > cutoff]
        if dropped:
            gone = set(dropped)
            keep = [i for i in keep if i not in gone]
            notes.append(
                f"dropped {len(dropped)} future hours of {last} (the export day is partial)"
            )
    cols = {
        "date": [dates[i] for i in keep],
        "hour": [hours[i] for i in keep],
        "active_followers": [active[i] for i in keep],
        "year_inferred": [inferred[i] for i in keep],
    }
    return Result({"follower_activity": _frame(schema.FOLLOWER_ACTIVITY, cols)}, notes)


_AUDIENCE_COLUMN = {"gender": "gender", "country": "territories", "age": "age", "city": "cities"}


def audience(table: Sheet, anchor: Anchor, dimension: str) -> Result:
    anchor.used = True
    labels = table.labels(_AUDIENCE_COLUMN[dimension])
    shares = table.shares("distribution")
    buckets, odd = [], []
    for label in labels:
        if dimension == "gender":
            bucket = H.gender_bucket(label)
            if bucket is None:
                bucket = H.fold_header(label)
                odd.append(label)
        elif H.is_others_territory(label):
            bucket = "Others"
        elif dimension == "age":
            bucket = re.sub(r"\s*[-\u2013\u2014~]\s*", "-", label).replace(" ", "")
        elif dimension == "city":
            bucket = label
        elif re.fullmatch(r"[A-Za-z]{2}", label):
            bucket = label.upper()
        else:
            bucket = label
            odd.append(label)
        buckets.append(bucket)
    keep = _unique(table, [(b,) for b in buckets], [(s,) for s in shares], dimension)
    n = len(keep)
    cols = {
        "as_of": [anchor.day] * n,
        "scope": ["followers"] * n,
        "video_id": [""] * n,
        "dimension": [dimension] * n,
        "bucket": [buckets[i] for i in keep],
        "share": [shares[i] for i in keep],
    }
    notes = []
    if odd:
        what = "gender" if dimension == "gender" else "territory code"
        notes.append(f"kept unknown {what} labels as written: {', '.join(odd)}")
    return Result({"audience": _frame(schema.AUDIENCE, cols)}, notes)


def viewers(table: Sheet, anchor: Anchor) -> Result:
    dates, inferred = _daily_dates(table, anchor)
    cols: dict[str, list[Any]] = {"date": dates}
    for cid in ("viewers_total", "viewers_new", "viewers_returning"):
        if table.has(cid):
            cols[cid] = table.counts(cid)
    cols["year_inferred"] = inferred
    values = list(zip(*(cols[c] for c in cols if c.startswith("viewers")), strict=True))
    keep = _unique(table, [(d,) for d in dates], values, "date")
    return Result({"account_daily": _frame(schema.ACCOUNT_DAILY, _pick(cols, keep))})


def content(table: Sheet, anchor: Anchor) -> Result:
    notes: list[str] = []
    # The export day: the Time column when there is one (its year, if absent,
    # is the latest not after the anchor), else the anchor itself.
    time_col = "time" if table.has("time") else "hour" if table.has("hour") else "date"
    captured: list[date] = []
    limits: list[date] = []  # the latest a post can be: the export day, or the anchor's slack
    clock_limit = anchor.day + _CLOCK_SLACK
    if table.has(time_col):
        for cell in table.date_cells(time_col, required=False):
            if cell is None:
                captured.append(anchor.day)
                limits.append(clock_limit)
                anchor.used = True
            else:
                day, guessed = latest_not_after(cell, clock_limit)
                captured.append(day)
                limits.append(day)
                if guessed:
                    anchor.used = anchor.inferred = True
    else:
        captured = [anchor.day] * len(table.rows)
        limits = [clock_limit] * len(table.rows)
        anchor.used = True

    ids: list[str | None] = []
    handles: set[str] = set()
    skipped = []
    for row in table.rows:
        link = (table.text(row, "video_link") or "").strip()
        video_id = video_id_from_link(link)
        if video_id is None:
            skipped.append(f'{table.where(row, "video_link")}: "{link}"')
        ids.append(video_id)
        handle = HANDLE_IN_URL.search(link)
        if handle:
            handles.add(handle[1])
    if skipped:
        notes.append("skipped rows without a video id in the link: " + "; ".join(skipped))
    posted_on: list[date | None] = [None] * len(table.rows)
    posted_at: list[datetime | None] = [None] * len(table.rows)
    year_inferred: list[bool] = [False] * len(table.rows)
    if table.has("post_time"):
        cells = table.date_cells("post_time", required=False)
        for index, (cell, limit) in enumerate(zip(cells, limits, strict=True)):
            if cell is None:
                continue
            # No year: the latest such day not after the export day.
            day, guessed = latest_not_after(cell, limit)
            posted_on[index] = day
            year_inferred[index] = guessed
            anchor.inferred |= guessed
            anchor.used |= guessed
            if cell.time is not None:
                moment = datetime.combine(day, cell.time, cell.tz or UTC)
                posted_at[index] = moment.astimezone(UTC)

    metrics: dict[str, list[int | None]] = {}
    for column, choices in (
        ("views", ("total_views", "video_views")),
        ("likes", ("total_likes", "likes")),
        ("comments", ("total_comments", "comments")),
        ("shares", ("total_shares", "shares")),
        ("saves", ("saves",)),
        ("reach", ("reached_audience",)),
        ("profile_views", ("profile_views",)),
        ("new_followers", ("new_followers",)),
    ):
        cid = next((c for c in choices if table.has(c)), None)
        if cid:
            metrics[column] = table.counts(cid, lifetime=column in LIFETIME["video_snapshots"])

    rows = [i for i, v in enumerate(ids) if v is not None]
    snap_values = [tuple(m[i] for m in metrics.values()) for i in range(len(ids))]
    snap_keys = [(ids[i], captured[i]) for i in rows]
    unique = _unique(table, snap_keys, [snap_values[i] for i in rows], "video and day", rows)
    keep_snaps = [rows[k] for k in unique]
    snaps = {
        "video_id": [ids[i] for i in keep_snaps],
        "captured_on": [captured[i] for i in keep_snaps],
        **{name: [vals[i] for i in keep_snaps] for name, vals in metrics.items()},
    }
    # One row per video: the latest capture describes it.
    latest: dict[str, int] = {}
    for i in rows:
        video_id = ids[i]
        assert video_id is not None
        if video_id not in latest or captured[i] >= captured[latest[video_id]]:
            latest[video_id] = i
    order = sorted(latest.values())
    videos: dict[str, list[Any]] = {
        "video_id": [ids[i] for i in order],
        "url": [(table.text(table.rows[i], "video_link") or "").strip() for i in order],
    }
    if table.has("video_title"):
        videos["caption"] = [table.text(table.rows[i], "video_title") for i in order]
    if table.has("post_time"):
        videos["posted_on"] = [posted_on[i] for i in order]
        videos["posted_at"] = [posted_at[i] for i in order]
    videos["year_inferred"] = [year_inferred[i] for i in order]
    account = next(iter(handles)) if len(handles) == 1 else None
    if len(handles) > 1:
        notes.append(f"links name several accounts: {', '.join(sorted(handles))}")
    return Result(
        {
            "videos": _frame(schema.VIDEOS, videos),
            "video_snapshots": _frame(schema.VIDEO_SNAPSHOTS, snaps),
        },
        notes,
        account,
    )
