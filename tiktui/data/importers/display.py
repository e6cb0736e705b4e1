"""TikTok Display API v2 video pages, and the account archive's ``user_data.json``.

Both only list videos: the Display API (``/v2/video/list/`` and
``/v2/video/query/``) with lifetime counters, which become a series only by
comparing snapshots; the archive ("Download your data") with no views at
all, so it only fills in the list of posts (ids, dates, captions) that the
Studio Content export, holding ~15 videos, cannot.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from .base import Parsed, Refused
from .jsonfiles import (
    UNKNOWN_JSON,
    Capture,
    at,
    handle_from_url,
    norm_account,
    posted,
    request_id_capture,
    tables,
    to_epoch,
    to_float,
    to_id,
    to_int,
    to_text,
    video_id_from_url,
    video_url,
)

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
    return f"TikTok API error {code}: {message}"


def parse(obj: dict[str, Any], capture: Capture, where: str) -> list[Parsed]:
    """A Display API page → videos and lifetime snapshots."""
    error = api_error(obj)
    if error:
        raise Refused(error)
    error_obj = obj.get("error")
    if isinstance(error_obj, dict) and capture.note:
        # Display log ids start with the server's YYYYMMDDhhmmss, like Business request ids.
        capture = request_id_capture(error_obj.get("log_id")) or capture
    videos = _videos(obj)
    if not isinstance(videos, list):
        raise Refused(UNKNOWN_JSON)
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
            raise Refused(f"{where}: expected a video object")
        video_id = to_id(item.get("id"), at(where, "id"))
        if video_id is None:
            raise Refused(f"{where}: the video has no id")
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


# --------------------------------------------------------------------------- account archive


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _ci(obj: Any, *names: str) -> Any:
    """A key in any of its spellings (``Profile Info``/``Profile Information``/``profileInfo``)."""
    if not isinstance(obj, dict):
        return None
    wanted = {_key(n) for n in names}
    for key, value in obj.items():
        if isinstance(key, str) and _key(key) in wanted:
            return value
    return None


def _archive_posts(obj: dict[str, Any]) -> tuple[str, list[Any]] | None:
    """``Post.Posts.VideoList`` (newer) or ``Video.Videos.VideoList`` (older archives).

    Only these sections: ``Activity`` also holds ``VideoList``s, of videos
    the user *watched*, which are not theirs.
    """
    for section_name in ("Post", "Posts", "Video", "Videos"):
        section = _ci(obj, section_name)
        if not isinstance(section, dict):
            continue
        for sub_name in ("Posts", "Post", "Videos", "Video"):
            sub = _ci(section, sub_name)
            videos = _ci(sub, "VideoList")
            if isinstance(videos, list):
                return f"{section_name}.{sub_name}.VideoList", videos
        videos = _ci(section, "VideoList")
        if isinstance(videos, list):
            return f"{section_name}.VideoList", videos
    return None


def _archive_profile(obj: dict[str, Any]) -> dict[str, Any] | None:
    info = _ci(_ci(obj, "Profile"), "Profile Info", "Profile Information")
    profile_map = _ci(info, "ProfileMap", "Profile Map")
    return profile_map if isinstance(profile_map, dict) else None


def is_archive(obj: dict[str, Any]) -> bool:
    return _archive_posts(obj) is not None or _archive_profile(obj) is not None


_ARCHIVE_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d")


def _archive_date(value: Any, where: str) -> datetime | None:
    """``2024-01-05 12:34:56``, in UTC like every date in the archive."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        text = value.strip()
        for fmt in _ARCHIVE_DATE_FORMATS:
            try:
                return datetime.strptime(text, fmt).replace(tzinfo=UTC)
            except ValueError:
                continue
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            pass
        else:
            return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    raise Refused(f"{where}: {value!r} is not a date (expected 2024-01-05 12:34:56)")


def parse_archive(obj: dict[str, Any], capture: Capture, where: str) -> Parsed:
    """``user_data.json`` → the list of posts (videos table only) and the handle.

    Likes are there but no views; a snapshot with likes alone would look like
    a video nobody watched, so only the post list is taken.
    """
    notes = list(capture.notes)
    profile = _archive_profile(obj) or {}
    handle = norm_account(_ci(profile, "userName", "username", "user_name", "uniqueId"))
    display_name = to_text(_ci(profile, "displayName", "nickname", "nickName"))

    videos: list[dict[str, Any]] = []
    found = _archive_posts(obj)
    skipped = 0
    if found:
        base, posts = found
        for i, post in enumerate(posts):
            pw = at(base, i)
            if not isinstance(post, dict):
                raise Refused(f"{pw}: expected a post object")
            link = _ci(post, "Link", "VideoLink")
            video_id = video_id_from_url(link)
            if video_id is None:
                skipped += 1
                continue
            row: dict[str, Any] = {
                "video_id": video_id,
                "url": video_url(handle, video_id) or to_text(link),
                **posted(_archive_date(_ci(post, "Date"), at(pw, "Date"))),
            }
            if handle:
                row["account"] = handle
            title = _ci(post, "Title", "Description")
            if title is not None:
                row["caption"] = to_text(title)
            videos.append(row)
    if skipped:
        notes.append(f"{skipped} post(s) without a video link were skipped")
    if not videos:
        notes.append("the archive lists no posts")

    # The handle goes back as Parsed.account (the pipeline keeps the accounts table).
    return Parsed(
        kind="account-archive",
        tables=tables(videos=videos),
        as_of=capture.as_of,
        account=handle,
        display_name=display_name,
        notes=notes,
    )
