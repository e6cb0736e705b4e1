"""Checking where a captured history was placed, against the days Studio states.

Studio's web responses give histories as bare arrays (FORMATS.md 3e): the
importer places them on days from the request's ``days``/``end_days``,
``tz_offset`` and the capture time, and public projects disagree by a day or
two on that rule. Where a Studio download states the same days, the two can be
compared: if they agree only when the capture is moved by one or two days, the
import says so.

The rows are *not* moved. The store is a pure function of the files (any import
order and ``rebuild`` give the same tables), and a shift found against whatever
the store happens to hold at import time would break that; a match on a few
days can also be chance. Where they overlap the stated rows win anyway
(``store.PRECEDENCE``); the note tells the person, and the importer's owner,
that the captured days beyond them may sit a day off.
"""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from .importers.base import Rank
from .schema import ACCOUNT_DAILY
from .store import RANK, reduce_facts

MAX_SHIFT = 2
MIN_OVERLAP = 3  # days both sides give a value on, for a shift to count
MIN_AGREEMENT = 0.8  # share of those days whose values are equal (Studio revises a few)

COMPARED = tuple(c for c, t in ACCOUNT_DAILY.schema.items() if t == pl.Int64)


def _agreement(captured: pl.DataFrame, stated: pl.DataFrame, col: str, shift: int) -> float | None:
    moved = captured.select(
        "account", (pl.col("date") + timedelta(days=shift)).alias("date"), pl.col(col).alias("_c")
    )
    pairs = moved.join(stated.select("account", "date", col), on=["account", "date"]).drop_nulls()
    if pairs.height < MIN_OVERLAP:
        return None
    return float((pairs["_c"] == pairs[col]).mean())  # type: ignore[arg-type]


def find_shifts(captured: pl.DataFrame, stated: pl.DataFrame) -> dict[str, int]:
    """Per column, the shift in days (captured day + shift = stated day) at which a
    captured history agrees with the stated rows, when it does not agree unmoved.

    Columns with too few common days, that agree as placed, that agree at no
    shift up to ``MAX_SHIFT``, or at two shifts equally well, are left out.
    """
    found: dict[str, int] = {}
    for col in COMPARED:
        if col not in captured.columns or col not in stated.columns:
            continue
        scores = {s: _agreement(captured, stated, col, s) for s in range(-MAX_SHIFT, MAX_SHIFT + 1)}
        if (scores[0] or 0.0) >= MIN_AGREEMENT:
            continue
        good = sorted(
            ((v, s) for s, v in scores.items() if s and v is not None and v >= MIN_AGREEMENT),
            reverse=True,
        )
        if good and (len(good) == 1 or good[0][0] > good[1][0]):
            found[col] = good[0][1]
    return found


def shift_notes(found: dict[str, int], new_is_capture: bool) -> list[str]:
    """One note per shift found, naming the columns."""
    by_shift: dict[int, list[str]] = {}
    for col, shift in found.items():
        by_shift.setdefault(shift, []).append(col)
    notes = []
    for shift, cols in sorted(by_shift.items()):
        plural = "s" if abs(shift) > 1 else ""
        days = f"{abs(shift)} day{plural} {'later' if shift > 0 else 'earlier'}"
        who = "this capture's history" if new_is_capture else "a captured history in the store"
        notes.append(
            f"{who} ({', '.join(cols)}) matches the Studio files' days only moved {days}: "
            "kept on the days its request gives, Studio's rows win where both have a day"
        )
    return notes


def placement_notes(existing: pl.DataFrame, new: pl.DataFrame) -> list[str]:
    """Notes for one file's ``account_daily`` facts (``new``) against the store's.

    Both ways, so the finding does not depend on which file came first: a
    capture is checked against the stated rows already kept, a Studio file
    against the captured ones.
    """
    notes: list[str] = []
    for mine, theirs in ((Rank.CAPTURED, Rank.STATED), (Rank.STATED, Rank.CAPTURED)):
        ours = new.filter(pl.col(RANK) == int(mine))
        if ours.is_empty():
            continue
        first = ours["date"].min() - timedelta(days=MAX_SHIFT)  # type: ignore[operator]
        last = ours["date"].max() + timedelta(days=MAX_SHIFT)  # type: ignore[operator]
        other = existing.filter(
            (pl.col(RANK) == int(theirs)) & pl.col("date").is_between(first, last)
        ).join(ours.select("account").unique(), on="account", how="semi")
        if other.is_empty():
            continue
        pair = (reduce_facts(ACCOUNT_DAILY, ours), reduce_facts(ACCOUNT_DAILY, other))
        found = find_shifts(*(pair if mine == Rank.CAPTURED else pair[::-1]))
        notes += shift_notes(found, new_is_capture=mine == Rank.CAPTURED)
    return notes
