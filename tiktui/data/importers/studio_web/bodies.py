"""TikTok Studio's own web responses: ``/aweme/v2/data/insight/`` bodies and HAR captures.

This is where a creator without a Business account gets traffic sources,
search terms, watch time and retention per video: the Studio page loads them
from ``/aweme/v2/data/insight/`` and people save those responses (the body
alone, a list of bodies, JSONL, or the whole network log as a HAR file).

Two things make these awkward. TikTok writes ``status: 2`` for a metric it
has not computed yet: that is missing, never zero. And the Studio page asks
for one video's metrics in several requests, so the bodies of one video are
merged before they become rows, and a body that names no video (its id was
only in the request) takes the id from the request URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..base import Parsed, Refused
from ..dates import posted, to_epoch
from ..ids import handle_from_url, norm_account, to_id, video_url
from ..numbers import to_float, to_int, to_number
from ..values import (
    Capture,
    at,
    fractions,
    get_any,
    located,
    retention_rows,
    source_rows,
    tables,
    to_text,
)

_INSIGHT_URL = re.compile(r"/aweme/v\d+/data/insight", re.IGNORECASE)

# Top-level body keys (each optional; TikTok appends "_realtime" to most of them).
_BASES = (
    "video_info",
    "video_traffic_source_percent",
    "item_search_terms",
    "video_per_duration",
    "video_total_duration",
    "video_finish_rate",
    "video_retention_rate",
)

_ID_KEYS = ("item_id", "aweme_id", "itemId", "awemeId", "item_id_str", "aweme_id_str")

# video_info.statistics field → video_snapshots column.
_STATISTICS = {
    "play_count": "views",
    "digg_count": "likes",
    "comment_count": "comments",
    "share_count": "shares",
    "collect_count": "saves",
}

# Scalar metric → video_snapshots column.
_SCALARS = {
    "video_per_duration": "avg_watch_s",
    "video_total_duration": "total_watch_s",
    "video_finish_rate": "full_watch_rate",
}

NO_VIDEO_ID = (
    "the insight response names no video (no video_info, and no item_id or aweme_id "
    "in the body or its request)"
)


class _Missing:
    """TikTok's ``status: 2`` ("not computed yet"): distinct from None and from 0."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True)
class InsightBody:
    """One insight body waiting to be merged with the others of its video.

    ``video_id`` is the id found in the request (a HAR's URL), used when the
    body itself has no ``video_info``; ``where`` locates it for messages.
    """

    body: dict[str, Any]
    video_id: str | None
    capture: Capture
    where: str
    kind: str  # "insight-json" or "insight-har"


# --------------------------------------------------------------------------- detection


def is_har(obj: dict[str, Any]) -> bool:
    log = obj.get("log")
    return isinstance(log, dict) and isinstance(log.get("entries"), list)


def _base(key: str) -> str:
    return key.removesuffix("_realtime")


def is_body(obj: dict[str, Any]) -> bool:
    """Any known insight key at the top level (all of them are optional)."""
    return any(_base(k) in _BASES for k in obj)


def api_error(obj: dict[str, Any]) -> str | None:
    """Studio web responses carry ``status_code``/``status_msg``; non-zero is an error."""
    code = obj.get("status_code")
    if code is None or str(code).strip() == "0":
        return None
    message = to_text(obj.get("status_msg")) or "no message"
    return f"TikTok error {code}: {message}"


# --------------------------------------------------------------------------- body values


def _status_missing(node: dict[str, Any]) -> bool:
    status = node.get("status")
    if isinstance(status, bool) or not isinstance(status, (int, float, str)):
        return False  # aweme objects have a "status" object of their own
    try:
        return to_number(status, "status") not in (0, None)
    except Refused:
        return False


def unwrap(node: Any) -> Any:
    """``{"value":{"status":0,"value":X}}`` → X, tolerating one level more or less.

    Returns :data:`MISSING` when any level says a non-zero ``status``
    (``2`` = not computed yet). Retention puts its points under ``list``.
    """
    for _ in range(4):
        if not isinstance(node, dict):
            break
        if _status_missing(node):
            return MISSING
        if "value" in node:
            node = node["value"]
        elif "list" in node:
            node = node["list"]
        else:
            break
    return node


def _pick(body: dict[str, Any], base: str) -> tuple[bool, Any]:
    """(present, raw) for a key, preferring the ``_realtime`` spelling."""
    for key in (f"{base}_realtime", base):
        if key in body:
            return True, body[key]
    return False, None


def _video_info(body: dict[str, Any]) -> dict[str, Any] | None:
    present, raw = _pick(body, "video_info")
    if not present:
        return None
    info = raw if isinstance(raw, dict) and _has_id(raw) else unwrap(raw)
    return info if isinstance(info, dict) else None


def _has_id(obj: dict[str, Any]) -> bool:
    return any(obj.get(k) not in (None, "") for k in (*_ID_KEYS, "id"))


def _body_video_id(body: dict[str, Any]) -> str | None:
    info = _video_info(body)
    if info is not None:
        found = to_id(get_any(info, *_ID_KEYS, "id"), "video_info.aweme_id")
        if found:
            return found
    return to_id(get_any(body, *_ID_KEYS), "item_id")


def _pairs(value: Any, where: str) -> list[tuple[str, float | None]]:
    """``[{"key":"For You","value":0.84}]`` (or ``{"For You":0.84}``) → (label, share)."""
    if isinstance(value, dict):
        return [(str(k), to_float(v, at(where, str(k)))) for k, v in value.items()]
    if not isinstance(value, list):
        raise Refused(f"{where}: expected a list of key/value pairs")
    pairs = []
    for i, item in enumerate(value):
        iw = at(where, i)
        if isinstance(item, list) and len(item) == 2:
            label, share = item
        elif isinstance(item, dict):
            if _status_missing(item):
                continue
            label = get_any(item, "key", "name", "label", "source")
            share = get_any(item, "value", "percentage", "share")
        else:
            raise Refused(f"{iw}: expected a key/value pair")
        if label is None:
            raise Refused(f"{iw}: no key")
        pairs.append((to_text(label) or "", to_float(share, at(iw, "value"))))
    return pairs


# --------------------------------------------------------------------------- bodies → parts


def parse_bodies(bodies: list[InsightBody]) -> list[Parsed]:
    """Merge the bodies of each video captured on the same day, then parse each video.

    Each body is parsed alone first, so an error names the body it is in.
    """
    groups: dict[tuple[str, date], list[InsightBody]] = {}
    for item in bodies:
        with located(item.where):
            video_id = _body_video_id(item.body) or item.video_id
            if video_id is None:
                raise Refused(NO_VIDEO_ID)
            _parse_one(item.body, video_id, item.capture, item.kind)
        groups.setdefault((video_id, item.capture.on), []).append(item)
    parts = []
    for (video_id, _), members in groups.items():
        members.sort(key=lambda m: m.capture.as_of)
        kind = "insight-har" if any(m.kind == "insight-har" for m in members) else "insight-json"
        merged = _merge([m.body for m in members])
        parts.append(_parse_one(merged, video_id, members[-1].capture, kind))
    return parts


def _merge(bodies: list[dict[str, Any]]) -> dict[str, Any]:
    """Later bodies win key by key, except that "not computed yet" never hides a value."""
    merged: dict[str, Any] = {}
    for body in bodies:
        for key, value in body.items():
            if key in merged and unwrap(value) is MISSING and unwrap(merged[key]) is not MISSING:
                continue
            merged[key] = value
    return merged


def _parse_one(body: dict[str, Any], video_id: str, capture: Capture, kind: str) -> Parsed:
    notes = list(capture.notes)
    on = capture.on
    videos: list[dict[str, Any]] = []
    snap: dict[str, Any] = {}
    handle = None

    info = _video_info(body)
    if info is not None:
        author = info.get("author")
        if isinstance(author, dict):
            handle = norm_account(get_any(author, "unique_id", "uniqueId"))
        handle = handle or handle_from_url(info.get("share_url"))
        video: dict[str, Any] = {"video_id": video_id}
        if handle:
            video["account"] = handle
        url = to_text(info.get("share_url")) or video_url(handle, video_id)
        if url:
            video["url"] = url
        if "desc" in info:
            video["caption"] = to_text(info["desc"])
        if "create_time" in info:
            video.update(posted(to_epoch(info["create_time"], "video_info.create_time")))
        media = info.get("video")
        duration = media.get("duration") if isinstance(media, dict) else info.get("duration")
        if duration is not None:
            ms = to_float(duration, "video_info.video.duration")
            video["duration_s"] = None if ms is None else ms / 1000
        videos.append(video)
        stats = unwrap(info.get("statistics"))
        if isinstance(stats, dict):
            for field, col in _STATISTICS.items():
                if field in stats:
                    snap[col] = to_int(stats[field], f"video_info.statistics.{field}")

    for base, col in _SCALARS.items():
        present, raw = _pick(body, base)
        if present:
            value = unwrap(raw)
            snap[col] = None if value is MISSING else to_float(value, base)
    if snap.get("full_watch_rate") is not None:
        snap["full_watch_rate"] = fractions([snap["full_watch_rate"]], "finish rate", notes)[0]
    snapshots = [{"video_id": video_id, "captured_on": on, **snap}] if snap else []

    sources: list[dict[str, Any]] = []
    present, raw = _pick(body, "video_traffic_source_percent")
    value = unwrap(raw) if present else None
    if value is not None and value is not MISSING:
        pairs = _pairs(value, "video_traffic_source_percent")
        sources = source_rows(pairs, video_id, on, notes)

    terms: list[dict[str, Any]] = []
    present, raw = _pick(body, "item_search_terms")
    value = unwrap(raw) if present else None
    if value is not None and value is not MISSING:
        pairs = _pairs(value, "item_search_terms")
        shares = fractions([s for _, s in pairs], "search-term shares", notes)
        by_term: dict[str, float] = {}
        for (term, _), share in zip(pairs, shares, strict=True):
            if share is not None:  # the term is user text: kept exactly, not normalised
                by_term[term] = by_term.get(term, 0.0) + share
        terms = [
            {"video_id": video_id, "captured_on": on, "term": t, "share": s}
            for t, s in by_term.items()
        ]

    retention = _retention(body, video_id, on, notes)

    return Parsed(
        kind=kind,
        tables=tables(
            videos=videos,
            video_snapshots=snapshots,
            video_sources=sources,
            video_search_terms=terms,
            video_retention=retention,
        ),
        as_of=capture.as_of,
        account=handle,
        notes=notes,
    )


def _retention(
    body: dict[str, Any], video_id: str, on: date, notes: list[str]
) -> list[dict[str, Any]]:
    """``{"list":[{"timestamp":"1000","value":0.8}]}``: timestamps are milliseconds."""
    present, raw = _pick(body, "video_retention_rate")
    points = unwrap(raw) if present else None
    if points is None or points is MISSING:
        return []
    where = "video_retention_rate"
    if not isinstance(points, list):
        raise Refused(f"{where}: expected a list of points")
    seconds, values = [], []
    for i, point in enumerate(points):
        pw = at(where, i)
        if not isinstance(point, dict):
            raise Refused(f"{pw}: expected an object")
        if "timestamp" in point:
            ms = to_float(point["timestamp"], at(pw, "timestamp"))
            second = None if ms is None else ms / 1000
        else:
            second = to_float(point.get("second"), at(pw, "second"))
        if second is None:
            raise Refused(f"{pw}: no timestamp")
        seconds.append(second)
        values.append(to_float(get_any(point, "value", "percentage"), at(pw, "value")))
    return retention_rows(seconds, values, video_id, on, "retention", notes)
