"""Which Studio export a file is, from its header row, in any interface language."""

from __future__ import annotations

import re
import unicodedata

from ..base import Refused
from ..reasons import REASONS
from . import headers as H
from .grid import HEADER_SEARCH_ROWS, Grid, Layout

OVERVIEW = "studio-overview"
FOLLOWER_HISTORY = "studio-follower-history"
FOLLOWER_ACTIVITY = "studio-follower-activity"
FOLLOWER_GENDER = "studio-follower-gender"
FOLLOWER_TERRITORIES = "studio-follower-territories"
FOLLOWER_AGE = "studio-follower-age"  # not seen yet, but Studio shows it: read if it comes
FOLLOWER_CITIES = "studio-follower-cities"  # likewise
VIEWERS = "studio-viewers"
CONTENT = "studio-content"
KINDS: tuple[str, ...] = (
    OVERVIEW,
    FOLLOWER_HISTORY,
    FOLLOWER_ACTIVITY,
    FOLLOWER_GENDER,
    FOLLOWER_TERRITORIES,
    FOLLOWER_AGE,
    FOLLOWER_CITIES,
    VIEWERS,
    CONTENT,
)
EXPECTED = (
    "a TikTok Studio export (Overview, FollowerHistory, FollowerActivity, FollowerGender, "
    "FollowerTopTerritories, Viewers or Content)"
)
ADS_REFUSAL = REASONS["ads_report"]

# Column ids each kind reads; any other known id is ignored with a note.
_OVERVIEW_METRICS = frozenset(
    {
        "video_views", "profile_views", "likes", "comments", "shares", "reached_audience",
        "net_growth", "new_followers", "lost_followers",
    }
)  # fmt: skip
_USES: dict[str, frozenset[str]] = {
    OVERVIEW: _OVERVIEW_METRICS | {"date", "followers"},
    FOLLOWER_HISTORY: frozenset({"date", "followers", "followers_diff"}),
    FOLLOWER_ACTIVITY: frozenset({"date", "hour", "active_followers"}),
    FOLLOWER_GENDER: frozenset({"gender", "distribution"}),
    FOLLOWER_TERRITORIES: frozenset({"territories", "distribution"}),
    FOLLOWER_AGE: frozenset({"age", "distribution"}),
    FOLLOWER_CITIES: frozenset({"cities", "distribution"}),
    VIEWERS: frozenset({"date", "viewers_total", "viewers_new", "viewers_returning"}),
    CONTENT: frozenset(
        {
            "time",
            "hour",
            "video_title",
            "video_link",
            "post_time",
            "total_likes",
            "likes",
            "total_comments",
            "comments",
            "total_shares",
            "shares",
            "total_views",
            "video_views",
            "saves",
            "views_7d",
            "reached_audience",
            "profile_views",
            "new_followers",
            "date",
        }
    ),
}
_SILENTLY_IGNORED = frozenset({"views_7d", "followers_diff"})


# --------------------------------------------------------------------------- detection


def _trim(text: str) -> str:
    """A header as written, without BOM, zero-width or surrounding (incl. no-break) space."""
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return re.sub(r"\s+", " ", text).strip()


def _kind_of(ids: set[str]) -> str | None:
    if "video_link" in ids:
        return CONTENT
    if {"date", "hour", "active_followers"} <= ids:
        return FOLLOWER_ACTIVITY
    if "date" in ids and ids & {"viewers_total", "viewers_new", "viewers_returning"}:
        return VIEWERS
    if "date" in ids and ids & _OVERVIEW_METRICS:
        return OVERVIEW
    if {"date", "followers"} <= ids:
        return FOLLOWER_HISTORY
    if {"gender", "distribution"} <= ids:
        return FOLLOWER_GENDER
    if {"territories", "distribution"} <= ids:
        return FOLLOWER_TERRITORIES
    if {"age", "distribution"} <= ids:
        return FOLLOWER_AGE
    if {"cities", "distribution"} <= ids:
        return FOLLOWER_CITIES
    return None


def _layout(grid: Grid, index: int) -> Layout | None:
    headers = [_trim(h) for h in grid.rows[index].cells]
    ids, languages = H.read_header_row(headers)
    kind = _kind_of({i for i in ids if i})
    if kind is None:
        return None
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for position, (header, cid) in enumerate(zip(headers, ids, strict=True)):
        if not header:
            continue
        if cid is None or cid not in _USES[kind] or cid in columns:
            if cid is None or not (cid.startswith("ignored:") or cid in _SILENTLY_IGNORED):
                ignored.append(header)
            continue
        columns[cid] = position
    notes = [f"ignored columns: {', '.join(repr(h) for h in ignored)}"] if ignored else []
    return Layout(kind, index, headers, columns, notes, languages)


def detect(grid: Grid) -> Layout:
    for index in range(min(len(grid.rows), HEADER_SEARCH_ROWS)):
        row = grid.rows[index]
        if any(H.is_ads_manager_header(_trim(c)) for c in row.cells if c.strip()):
            raise Refused("ads_report")
        layout = _layout(grid, index)
        if layout is not None:
            if index:
                skipped = row.positions[0] - 1
                layout.notes.append(f"skipped {skipped} {grid.unit}s above the header")
            return layout
    raise _unknown_header(grid)


def _unknown_header(grid: Grid) -> Refused:
    # The header is the first row with two named columns (a title line may come first).
    candidates = grid.rows[:HEADER_SEARCH_ROWS]
    row = next((r for r in candidates if sum(1 for c in r.cells if c.strip()) > 1), grid.rows[0])
    headers = [_trim(h) for h in row.cells if h.strip()]
    ids = {H.column_id(h) for h in headers}
    seen = _listed(headers)
    if ids & {"video_title", "post_time", "total_views", "total_likes"}:
        return Refused("header_needs_link", headers=seen)
    unknown = [h for h in headers if H.column_id(h) is None]
    if unknown and len(unknown) == len(headers):
        return Refused("header_unknown", headers=seen, languages=len(H.HEADERS), expected=EXPECTED)
    if unknown:
        return Refused(
            "header_unknown_columns", headers=seen, unknown=_listed(unknown), expected=EXPECTED
        )
    return Refused("header_no_export", headers=seen, expected=EXPECTED)


def _listed(headers: list[str]) -> str:
    return ", ".join(f'"{h}"' for h in headers[:12]) + (", ..." if len(headers) > 12 else "")


def first_recognised(grids: list[Grid]) -> tuple[Grid, Layout]:
    """The first sheet whose header is a Studio one; the first sheet's refusal otherwise."""
    first_refusal: Refused | None = None
    for grid in grids:
        try:
            return grid, detect(grid)
        except Refused as exc:
            if exc.code == "ads_report":
                raise
            first_refusal = first_refusal or exc
    assert first_refusal is not None
    raise first_refusal
