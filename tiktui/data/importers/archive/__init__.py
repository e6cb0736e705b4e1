"""The account archive's ``user_data.json`` ("Download your data").

It holds no views at all, so it only fills in the list of posts (ids, dates,
captions) that the Studio Content export, holding ~15 videos, cannot.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from ..base import Parsed, Refused
from ..dates import posted
from ..ids import norm_account, video_id_from_url, video_url
from ..values import Capture, at, tables, to_text


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
