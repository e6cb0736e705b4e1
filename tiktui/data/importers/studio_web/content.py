"""Studio's content list, ``POST /tiktok/creator/manage/item_list/v1/`` (FORMATS.md 3f).

Counts come as strings (``"287"``), durations in milliseconds; a pinned old
post can head the list, so nothing is inferred from the order.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..base import Refused
from ..dates import posted, to_epoch
from ..ids import to_id
from ..numbers import to_float, to_int
from ..values import at, to_text
from .shapes import Found

_COUNTS = {
    "play_count": "views",
    "like_count": "likes",
    "comment_count": "comments",
    "share_count": "shares",
    "favorite_count": "saves",
}
ENVELOPE = frozenset(
    {"has_more", "cursor", "total", "status_code", "status_msg", "extra", "log_pb"}
)


def is_item_list(body: dict[str, Any]) -> bool:
    return isinstance(body.get("item_list"), list)


def read_item_list(body: dict[str, Any], on: date, found: Found) -> None:
    found.read.add("item_list")
    videos, snaps = [], []
    for i, item in enumerate(body["item_list"]):
        where = at("item_list", i)
        if not isinstance(item, dict):
            raise Refused("expected_object", where=where)
        video_id = to_id(item.get("item_id", item.get("aweme_id")), at(where, "item_id"))
        if video_id is None:
            continue
        video: dict[str, Any] = {"video_id": video_id}
        if "desc" in item:
            video["caption"] = to_text(item["desc"])
        if "create_time" in item:
            video.update(posted(to_epoch(item["create_time"], at(where, "create_time"))))
        if "duration" in item:
            ms = to_float(item["duration"], at(where, "duration"))
            video["duration_s"] = None if ms is None else ms / 1000
        videos.append(video)
        snap = {col: to_int(item[f], at(where, f)) for f, col in _COUNTS.items() if f in item}
        if snap:
            snaps.append({"video_id": video_id, "captured_on": on, **snap})
    found.add("videos", videos)
    found.add("video_snapshots", snaps)
