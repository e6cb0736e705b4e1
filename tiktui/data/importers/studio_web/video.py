"""Per-video keys of Studio's insight responses: generation 1 (3c) and generation 2 (3d).

Generation 1 writes watch times in milliseconds (``video_per_duration``) and
the traffic source as ``video_page_percent``; generation 2 appends
``_realtime``, wraps values in ``{"value": {"status", "value"}}`` (or leaves
them bare) and writes seconds. ``_before`` twins are the previous period:
understood, and left out.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from ..base import Refused
from ..dates import posted, to_epoch
from ..ids import handle_from_url, norm_account, to_id, video_url
from ..numbers import to_float, to_int
from ..reasons import REASONS
from ..studio.headers import gender_bucket
from ..values import at, fractions, get_any, retention_rows, source_rows, to_text
from .request import ID_KEYS
from .shapes import MISSING, Found, pairs, pick, present, unwrap

# Keys that only a per-video body has (besides the ids); "_realtime" is stripped first.
VIDEO_KEYS = frozenset(
    {
        "video_info",
        "video_traffic_source_percent",
        "item_search_terms",
        "video_per_duration",
        "video_total_duration",
        "video_finish_rate",
        "finish_rate",
        "video_retention_rate",
        "video_region_percent",
        "realtime_total_video_views",
        "video_uv",
        "video_new_followers",
        "video_viewer_gender_percent",
        "video_viewer_location_percent",
    }
)
# Answered for a video but with no canonical table yet: kept in raw/, listed as not read.
_HOURLY = ("realtime_video_view_history", "video_vv_history_7d", "video_vv_history_48_hours")

_STATISTICS = {
    "play_count": "views",
    "digg_count": "likes",
    "comment_count": "comments",
    "share_count": "shares",
    "collect_count": "saves",
}
_COUNTS = {
    "realtime_total_video_views": "views",
    "video_uv": "reach",
    "video_new_followers": "new_followers",
}

NO_VIDEO_ID = REASONS["no_video_id"]


def base(key: str) -> str:
    return key.removesuffix("_realtime")


def is_video_body(body: dict[str, Any]) -> bool:
    return any(base(k) in VIDEO_KEYS for k in body)


def _video_info(body: dict[str, Any]) -> dict[str, Any] | None:
    found, raw = pick(body, "video_info")
    if not found:
        return None
    has_id = isinstance(raw, dict) and any(raw.get(k) not in (None, "") for k in (*ID_KEYS, "id"))
    info = raw if has_id else unwrap(raw)
    return info if isinstance(info, dict) else None


def body_video_id(body: dict[str, Any]) -> str | None:
    info = _video_info(body)
    if info is not None:
        found = to_id(get_any(info, *ID_KEYS, "id"), "video_info.aweme_id")
        if found:
            return found
    return to_id(get_any(body, *ID_KEYS), "item_id")


def read_video(body: dict[str, Any], video_id: str, on: date, found: Found) -> None:
    """Every per-video key of ``body`` into ``found``'s rows, captured on ``on``."""
    notes = found.notes
    found.read |= {k for k in body if k in ID_KEYS or k.endswith("_before")}
    snap: dict[str, Any] = {}
    duration_s = _info(body, video_id, snap, found)

    for key, col in _COUNTS.items():
        got, raw = pick(body, key)
        if got:
            found.read.add(key if key in body else f"{key}_realtime")
            value = unwrap(raw)
            snap[col] = to_int(value, key) if present(value) else None
    for key, col, gen1_ms in (
        ("video_per_duration", "avg_watch_s", True),
        ("video_total_duration", "total_watch_s", None),
        ("video_finish_rate", "full_watch_rate", False),
        ("finish_rate", "full_watch_rate", False),
    ):
        got, raw = pick(body, key)
        if not got:
            continue
        realtime = f"{key}_realtime" in body
        found.read.add(f"{key}_realtime" if realtime else key)
        value = unwrap(raw)
        number = to_float(value, key) if present(value) else None
        if number is not None and not realtime and gen1_ms:
            number /= 1000  # generation 1 writes milliseconds
        if number is not None and not realtime and gen1_ms is None:
            number = _total_watch(number, snap, duration_s, notes)
        if col not in snap or number is not None:
            snap[col] = number
    if snap.get("full_watch_rate") is not None:
        snap["full_watch_rate"] = fractions([snap["full_watch_rate"]], "finish rate", notes)[0]
    if snap:
        found.add("video_snapshots", [{"video_id": video_id, "captured_on": on, **snap}])

    for key in ("video_traffic_source_percent", "video_page_percent"):
        value = _value(body, key, found)
        if present(value):
            found.add("video_sources", source_rows(pairs(value, key), video_id, on, notes))
            break

    value = _value(body, "item_search_terms", found)
    if present(value):
        by_term = term_shares(pairs(value, "item_search_terms"), notes)
        found.add(
            "video_search_terms",
            [
                {"video_id": video_id, "captured_on": on, "term": t, "share": s}
                for t, s in by_term.items()
            ],
        )

    found.add("video_retention", _retention(body, video_id, on, found))
    for key, dimension in (
        ("video_region_percent", "country"),
        ("video_viewer_location_percent", "country"),
        ("video_viewer_gender_percent", "gender"),
    ):
        value = _value(body, key, found)
        if isinstance(value, dict) and "country_percent_list" in value:
            value = value["country_percent_list"]
        if present(value):
            found.add(
                "audience", audience_rows(pairs(value, key), on, "video", video_id, dimension)
            )


def term_shares(items: list[tuple[str, float | None]], notes: list[str]) -> dict[str, float]:
    """Search terms and their shares; a term is user text: kept exactly, not normalised."""
    shares = fractions([s for _, s in items], "search-term shares", notes)
    by_term: dict[str, float] = {}
    for (term, _), share in zip(items, shares, strict=True):
        if share is not None:
            by_term[term] = by_term.get(term, 0.0) + share
    return by_term


def _value(body: dict[str, Any], key: str, found: Found) -> Any:
    got, raw = pick(body, key)
    if not got:
        return None
    found.read.add(f"{key}_realtime" if f"{key}_realtime" in body else key)
    if isinstance(raw, dict) and "country_percent_list" in raw:
        return MISSING if raw.get("status") not in (None, 0) else raw["country_percent_list"]
    return unwrap(raw)


def _info(body: dict[str, Any], video_id: str, snap: dict[str, Any], found: Found) -> float | None:
    """``video_info``: the video row and its lifetime statistics; returns the duration (s)."""
    info = _video_info(body)
    if info is None:
        return None
    found.read |= {"video_info", "video_info_realtime"} & set(body)
    handle = None
    author = info.get("author")
    if isinstance(author, dict):
        handle = norm_account(get_any(author, "unique_id", "uniqueId"))
    handle = handle or handle_from_url(info.get("share_url"))
    found.account = found.account or handle
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
    seconds = None
    if duration is not None:
        ms = to_float(duration, "video_info.video.duration")
        seconds = None if ms is None else ms / 1000
        video["duration_s"] = seconds
    found.add("videos", [video])
    stats = unwrap(info.get("statistics"))
    if isinstance(stats, dict):
        for field, col in _STATISTICS.items():
            if field in stats:
                snap[col] = to_int(stats[field], f"video_info.statistics.{field}")
    return seconds


def _total_watch(
    value: float, snap: dict[str, Any], duration_s: float | None, notes: list[str]
) -> float:
    """Generation 1's total play time: seconds or milliseconds, decided by plausibility.

    No viewer watches longer than the video plays, over and over: the total
    is at most about duration × views. When the seconds reading is beyond
    that (or, without those, beyond avg watch × views), it is milliseconds.
    """
    views = snap.get("views")
    limit = None
    if views and duration_s:
        limit = duration_s * views * 1.5
    elif views and snap.get("avg_watch_s"):
        limit = snap["avg_watch_s"] * views * 1.5
    if limit is not None and value > limit:
        notes.append("total watch time read as milliseconds (more than duration × views)")
        return value / 1000
    return value


def _retention(body: dict[str, Any], video_id: str, on: date, found: Found) -> list[dict[str, Any]]:
    """``{"list":[{"timestamp":"1000","value":0.8}]}``: timestamps are milliseconds."""
    points = _value(body, "video_retention_rate", found)
    if not present(points):
        return []
    where = "video_retention_rate"
    if not isinstance(points, list):
        raise Refused("expected_points", where=where)
    seconds, values = [], []
    for i, point in enumerate(points):
        fast = _plain_point(point)  # the common case, without building messages
        if fast is not None:
            seconds.append(fast[0])
            values.append(fast[1])
            continue
        pw = at(where, i)
        if not isinstance(point, dict):
            raise Refused("expected_object", where=pw)
        if "timestamp" in point:
            ms = to_float(point["timestamp"], at(pw, "timestamp"))
            second = None if ms is None else ms / 1000
        else:
            second = to_float(point.get("second"), at(pw, "second"))
        if second is None:
            raise Refused("missing_field", where=pw, field="timestamp")
        seconds.append(second)
        values.append(to_float(get_any(point, "value", "percentage"), at(pw, "value")))
    return retention_rows(seconds, values, video_id, on, "retention", found.notes)


def _plain_point(point: Any) -> tuple[float, float] | None:
    """``{"timestamp": "1000", "value": 0.86}`` → (1.0, 0.86), or None for anything less plain."""
    if not isinstance(point, dict):
        return None
    ms, value = point.get("timestamp"), point.get("value")
    if (type(value) is not float and type(value) is not int) or not math.isfinite(value):
        return None
    if type(ms) is str and ms.isdigit():
        return int(ms) / 1000, float(value)
    if type(ms) is int:
        return ms / 1000, float(value)
    return None


def audience_rows(
    items: list[tuple[str, float | None]], on: date, scope: str, video_id: str, dimension: str
) -> list[dict[str, Any]]:
    """Shares per bucket (``US``, ``18-24``, ``Female``) → ``audience`` rows."""
    shares = fractions([s for _, s in items], f"{dimension} shares", [])
    out: dict[str, float] = {}
    for (label, _), share in zip(items, shares, strict=True):
        if share is None:
            continue
        bucket = label.upper() if dimension == "country" and len(label) == 2 else label
        if dimension == "gender":  # "male_vv", "Female": the buckets Studio files use
            bucket = gender_bucket(re.sub(r"_(vv|percent|ratio)$", "", label)) or label
        out[bucket] = out.get(bucket, 0.0) + share
    return [
        {
            "as_of": on,
            "scope": scope,
            "video_id": video_id,
            "dimension": dimension,
            "bucket": b,
            "share": s,
        }
        for b, s in out.items()
    ]


HOURLY_KEYS = _HOURLY
