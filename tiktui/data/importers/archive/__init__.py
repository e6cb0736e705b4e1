"""The account archive's ``user_data.json`` ("Download your data").

It holds no views at all, so it only fills in the list of posts (ids, dates,
captions) that the Studio Content export, holding ~15 videos, cannot.

Two generations (FORMATS.md 5): older archives (``user_data_tiktok.json``)
link each post to ``/share/video/<id>/`` and keep the profile under
``Profile``; 2026 archives link to a CDN storage URL with no video id and keep
the profile under ``Profile And Settings``. A post without an id goes to the
``archive_posts`` table; the pipeline then matches it to a known video
(:mod:`.match`) and says how many it matched.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from ..base import Parsed, Refused
from ..dates import posted
from ..ids import norm_account, video_id_from_url, video_url
from ..numbers import refuse_value, to_int
from ..values import Capture, at, tables, to_text
from .match import ARCHIVE_KIND, posts_note

__all__ = ["ARCHIVE_KIND", "is_archive", "parse_archive"]


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
    """``Profile`` (older) or ``Profile And Settings`` (2026) → ``Profile Info/ProfileMap``."""
    for section in ("Profile", "Profile And Settings", "Profile and Settings"):
        info = _ci(_ci(obj, section), "Profile Info", "Profile Information")
        profile_map = _ci(info, "ProfileMap", "Profile Map")
        if isinstance(profile_map, dict):
            return profile_map
    return None


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
    raise refuse_value(where, value, "a date (expected 2024-01-05 12:34:56)")


def parse_archive(obj: dict[str, Any], capture: Capture, where: str) -> Parsed:
    """``user_data.json`` → the list of posts and the handle.

    Likes are there but no views; a snapshot with likes alone would look like
    a video nobody watched, so posts with a video id become ``videos`` rows
    only. Posts without one (2026 CDN links) become ``archive_posts`` rows,
    likes and all, for the pipeline to match (:func:`.match.match_archive`).
    """
    notes = list(capture.notes)
    profile = _archive_profile(obj) or {}
    handle = norm_account(_ci(profile, "userName", "username", "user_name", "uniqueId"))
    display_name = to_text(_ci(profile, "displayName", "nickname", "nickName"))

    videos: list[dict[str, Any]] = []
    kept: list[dict[str, Any]] = []
    found = _archive_posts(obj)
    undated = 0
    if found:
        base, posts = found
        for i, post in enumerate(posts):
            pw = at(base, i)
            if not isinstance(post, dict):
                raise Refused(f"{pw}: expected a post object")
            link = _ci(post, "Link", "VideoLink")
            video_id = video_id_from_url(link)
            moment = _archive_date(_ci(post, "Date"), at(pw, "Date"))
            title = _ci(post, "Title", "Description")
            if video_id is None:
                if moment is None:  # no id and no day: nothing to know it by
                    undated += 1
                    continue
                kept.append(
                    {
                        "posted_at": moment,
                        "caption": to_text(title),
                        "likes": to_int(_ci(post, "Likes"), at(pw, "Likes")),
                        "link": to_text(link),
                    }
                )
                continue
            row: dict[str, Any] = {
                "video_id": video_id,
                "url": video_url(handle, video_id) or to_text(link),
                **posted(moment),
            }
            if handle:
                row["account"] = handle
            if title is not None:
                row["caption"] = to_text(title)
            videos.append(row)
    total = len(videos) + len(kept) + undated
    if not total:
        notes.append("the archive lists no posts")
    elif not kept:  # otherwise the pipeline says it, once it has matched them
        notes.append(posts_note(total, len(videos), 0, 0))
    if undated:
        notes.append(f"{undated} post(s) with neither a video id nor a date were left out")

    # The handle goes back as Parsed.account (the pipeline keeps the accounts table).
    return Parsed(
        kind=ARCHIVE_KIND,
        tables=tables(videos=videos, archive_posts=kept),
        as_of=capture.as_of,
        account=handle,
        display_name=display_name,
        notes=notes,
    )
