"""TikTok Display API v2 video pages (``/v2/video/list/`` and ``/v2/video/query/``).

They only list videos, with lifetime counters, which become a series only by
comparing snapshots.
"""

from __future__ import annotations

from typing import Any

from ..base import Parsed, Refused
from ..dates import posted, to_epoch
from ..ids import handle_from_url, to_id, video_id_from_url
from ..numbers import to_float, to_int
from ..values import Capture, at, request_id_capture, tables, to_text

# Display API counter → video_snapshots column.
_COUNTERS = {
    "view_count": "views",
    "like_count": "likes",
    "comment_count": "comments",
    "share_count": "shares",
}
_VIDEO_FIELDS = frozenset(
    {
        "view_count",
        "like_count",
        "create_time",
        "share_url",
        "title",
        "video_description",
        "duration",
        "cover_image_url",
        "embed_link",
    }
)


# --------------------------------------------------------------------------- Display API


def is_video(obj: Any) -> bool:
    """A Display API video: ``id`` plus Display fields (Business videos have ``item_id``)."""
    return (
        isinstance(obj, dict)
        and "id" in obj
        and "item_id" not in obj
        and bool(_VIDEO_FIELDS & obj.keys())
    )


def _videos(obj: dict[str, Any]) -> Any:
    data = obj.get("data")
    if isinstance(data, dict) and "videos" in data:
        return data["videos"]
    return obj.get("videos")


def is_display(obj: dict[str, Any]) -> bool:
    """The ``{"data":…, "error":{"code":"ok",…}}`` envelope, or its bare ``data``."""
    error = obj.get("error")
    if isinstance(error, dict) and isinstance(error.get("code"), str):
        return True
    videos = _videos(obj)
    return isinstance(videos, list) and bool(videos) and all(is_video(v) for v in videos)


def is_video_list(obj: dict[str, Any]) -> bool:
    """A successful video list/query page (a HAR also holds user-info and other calls)."""
    videos = _videos(obj)
    return isinstance(videos, list) and all(is_video(v) for v in videos)


def api_error(obj: dict[str, Any]) -> str | None:
    """``error.code`` is ``"ok"`` on success; anything else is TikTok refusing the call."""
    error = obj.get("error")
    if not isinstance(error, dict):
        return None
    code = error.get("code")
    if code is None or str(code).strip().lower() == "ok":
        return None
    message = to_text(error.get("message")) or "no message"
    return f"TikTok API error {to_text(code)}: {message}"


def parse(obj: dict[str, Any], capture: Capture, where: str) -> list[Parsed]:
    """A Display API page → videos and lifetime snapshots."""
    error = api_error(obj)
    if error:
        raise Refused("tiktok_error", error=error)
    error_obj = obj.get("error")
    if isinstance(error_obj, dict) and capture.note:
        # Display log ids start with the server's YYYYMMDDhhmmss, like Business request ids.
        capture = request_id_capture(error_obj.get("log_id")) or capture
    videos = _videos(obj)
    if not isinstance(videos, list):
        raise Refused("json_unknown")
    base = "data.videos" if isinstance(obj.get("data"), dict) else "videos"
    return [parse_videos(videos, capture, base)]


def parse_videos(items: list[Any], capture: Capture, base: str) -> Parsed:
    """Display videos → videos + video_snapshots (only the fields the caller asked for).

    The Display API returns only the ``fields`` requested, so a counter that
    is absent from every video stays out of the frame rather than becoming
    null over a value another import knows.
    """
    notes = list(capture.notes)
    videos, snapshots = [], []
    handles: list[str] = []
    for i, item in enumerate(items):
        where = at(base, i) if base else f"[{i}]"
        if not isinstance(item, dict):
            raise Refused("expected_video_object", where=where)
        video_id = to_id(item.get("id"), at(where, "id"))
        if video_id is None:
            raise Refused("video_without_id", where=where, field="id")
        handle = handle_from_url(item.get("share_url"))
        if handle and handle not in handles:
            handles.append(handle)
        video: dict[str, Any] = {"video_id": video_id}
        if handle:
            video["account"] = handle
        if "share_url" in item:
            video["url"] = _without_tracking(to_text(item["share_url"]))
        description = to_text(item.get("video_description"))
        title = to_text(item.get("title"))
        if "video_description" in item or "title" in item:
            video["caption"] = description or title
        if "create_time" in item:
            video.update(posted(to_epoch(item["create_time"], at(where, "create_time"))))
        if "duration" in item:
            video["duration_s"] = to_float(item["duration"], at(where, "duration"))
        videos.append(video)
        snap: dict[str, Any] = {}
        for field, col in _COUNTERS.items():
            if field in item:
                snap[col] = to_int(item[field], at(where, field))
        if snap:
            snapshots.append({"video_id": video_id, "captured_on": capture.on, **snap})
    if not videos:
        notes.append("the page lists no videos")
    return Parsed(
        kind="display-video-list",
        tables=tables(videos=videos, video_snapshots=snapshots),
        as_of=capture.as_of,
        account=handles[0] if len(handles) == 1 else None,
        notes=notes,
    )


def _without_tracking(url: str | None) -> str | None:
    """Display share URLs carry ``?utm_campaign=tt4d_open_api&utm_source=<app>``: drop it.

    The query names the developer's app, not the video; without it the URL
    matches the one the Studio and Business exports give for the same video.
    """
    if url and "?" in url and video_id_from_url(url):
        return url.split("?", 1)[0]
    return url
