"""Archive posts without a video id, matched to known videos (FORMATS.md 5).

A 2026 archive links each post to a CDN storage URL that names no video. A
post is still the same video as one the store knows (from a Studio Content
export, an API list, an older archive) when it was posted on the same day and
has the same caption or, failing that, the same likes.

The day: the archive's ``Date`` (``2025-08-06 19:08:26``) is taken as UTC,
like every date in the archive, while a Studio ``Post time`` is the creator's
local day. West or east of UTC those differ by at most one day, so a video
posted the UTC day before, on, or after counts as the same day; the caption or
likes then decide. A post whose candidates tie is left unmatched, never guessed.

Matched or not, every id-less post is kept in ``archive_posts`` (the match in
``matched_video_id``), so the import line counts them truthfully.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import timedelta

import polars as pl

from ..base import Parsed

ARCHIVE_KIND = "account-archive"
_SAME_DAY = timedelta(days=1)  # the UTC day against a local day: one off either way


def posts_note(total: int, with_id: int, matched: int, kept: int) -> str:
    """``832 posts: 610 matched to videos, 222 kept as archive posts without a video id``."""
    parts = [
        f"{n} {what}"
        for n, what in (
            (with_id, "with a video id"),
            (matched, "matched to videos by posting day and caption or likes"),
            (kept, "kept as archive posts without a video id"),
        )
        if n
    ]
    return f"{total} post{'s' * (total != 1)}: {', '.join(parts)}"


def normalise_caption(text: str | None) -> str:
    """Caption as compared: NFKC, case-folded, white space collapsed, no trailing ellipsis."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s*(?:\.\.\.|…)$", "", text)


def _same_caption(a: str, b: str) -> bool:
    """Equal, or one cut short of the other (Studio shortens long titles)."""
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) >= 12 and long.startswith(short))


def _same_likes(archived: int | None, known: list[int]) -> bool:
    """The archive's likes against any count the store has seen for the video.

    Likes keep coming after a snapshot: within 5% (or 2) counts as the same.
    """
    if archived is None:
        return False
    return any(abs(archived - k) <= max(2, 0.05 * max(archived, k)) for k in known)


def match_archive(
    part: Parsed, videos: pl.DataFrame, snapshots: pl.DataFrame, account: str | None = None
) -> None:
    """Fill ``matched_video_id`` of ``part``'s archive posts and say what was matched.

    ``videos`` and ``snapshots`` are what is known so far: the store and the
    files staged before this one in the same import; only ``account``'s videos
    (the file's own account when not given) are candidates.
    """
    posts = part.tables.get("archive_posts")
    if posts is None or posts.is_empty():
        return
    known = videos.filter(pl.col("posted_on").is_not_null())
    account = account or part.account
    if account and "account" in known.columns:
        account = account.strip().lstrip("@").lower()
        known = known.filter(pl.col("account").is_null() | (pl.col("account") == account))
    likes: dict[str, list[int]] = {}
    for vid, n in snapshots.select("video_id", "likes").drop_nulls().iter_rows():
        likes.setdefault(vid, []).append(n)
    pool = [
        (vid, day, normalise_caption(caption))
        for vid, day, caption in known.select("video_id", "posted_on", "caption").iter_rows()
    ]
    taken: set[str] = set()
    matched: list[str | None] = []
    for moment, caption, liked in posts.select("posted_at", "caption", "likes").iter_rows():
        day = moment.date()
        near = [c for c in pool if c[0] not in taken and abs(c[1] - day) <= _SAME_DAY]
        mine = normalise_caption(caption)
        by_caption = [c for c in near if _same_caption(mine, c[2])]
        by_likes = [c for c in near if _same_likes(liked, likes.get(c[0], []))]
        if len(by_caption) > 1:  # the same caption twice: the likes tell them apart
            by_caption = [c for c in by_caption if c in by_likes]
        pick = by_caption if by_caption else by_likes
        if len(pick) == 1:
            taken.add(pick[0][0])
            matched.append(pick[0][0])
        else:
            matched.append(None)
    part.tables["archive_posts"] = posts.with_columns(
        pl.Series("matched_video_id", matched, pl.String)
    )
    n_matched = sum(m is not None for m in matched)
    with_id = 0 if "videos" not in part.tables else part.tables["videos"].height
    total = with_id + posts.height
    part.notes.insert(0, posts_note(total, with_id, n_matched, posts.height - n_matched))
