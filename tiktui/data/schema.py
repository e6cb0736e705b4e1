"""The canonical tables: their names, keys and Polars schemas.

Every importer produces frames in these shapes and every query reads them, so
this module is the contract between the two halves of tiktui. Every metric is
nullable because missing is not zero: a day TikTok has not processed yet, a
video without source data, a column an older export did not have.

``year_inferred`` marks rows whose year was not in the file (Studio writes
``September 25``) and was worked out from the export's date.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

Int = pl.Int64
Float = pl.Float64
Str = pl.String
Bool = pl.Boolean
Date = pl.Date
DateTime = pl.Datetime("us", "UTC")


@dataclass(frozen=True)
class Table:
    name: str
    key: tuple[str, ...]
    schema: dict[str, pl.DataType]

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(c for c in self.schema if c not in self.key)

    def empty(self) -> pl.DataFrame:
        return pl.DataFrame(schema=self.schema)

    def conform(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Cast a frame to this table's schema, adding absent columns as nulls.

        Importers only know some columns (an Overview file has no follower
        totals); the rest are added as nulls, never as zeros.
        """
        unknown = set(frame.columns) - set(self.schema)
        if unknown:
            raise ValueError(f"{self.name}: unknown columns {sorted(unknown)}")
        exprs = []
        for col, dtype in self.schema.items():
            if col in frame.columns:
                exprs.append(pl.col(col).cast(dtype, strict=True))
            else:
                exprs.append(pl.lit(None, dtype=dtype).alias(col))
        return frame.select(exprs)


ACCOUNTS = Table(
    "accounts",
    ("account",),
    {"account": Str, "display_name": Str, "is_business": Bool},
)

ACCOUNT_DAILY = Table(
    "account_daily",
    ("account", "date"),
    {
        "account": Str,
        "date": Date,
        "video_views": Int,
        "profile_views": Int,
        "likes": Int,
        "comments": Int,
        "shares": Int,
        "reached_audience": Int,
        "followers": Int,
        "followers_net": Int,
        "followers_new": Int,
        "followers_lost": Int,
        "viewers_total": Int,
        "viewers_new": Int,
        "viewers_returning": Int,
        "year_inferred": Bool,
    },
)

FOLLOWER_ACTIVITY = Table(
    "follower_activity",
    ("account", "date", "hour"),
    {
        "account": Str,
        "date": Date,
        "hour": Int,
        "active_followers": Int,
        "year_inferred": Bool,
    },
)

AUDIENCE = Table(
    "audience",
    ("account", "as_of", "scope", "video_id", "dimension", "bucket"),
    {
        "account": Str,
        "as_of": Date,
        "scope": Str,  # followers | viewers | video
        "video_id": Str,  # "" for account-wide rows, so the key never holds a null
        "dimension": Str,  # gender | country | age | city | viewer_type
        "bucket": Str,
        "share": Float,
    },
)

VIDEOS = Table(
    "videos",
    ("video_id",),
    {
        "video_id": Str,
        "account": Str,
        "url": Str,
        "caption": Str,
        "posted_at": DateTime,
        "posted_on": Date,
        "duration_s": Float,
        "is_ad": Bool,
        "year_inferred": Bool,
    },
)

VIDEO_SNAPSHOTS = Table(
    "video_snapshots",
    ("video_id", "captured_on"),
    {
        "video_id": Str,
        "captured_on": Date,
        "views": Int,
        "likes": Int,
        "comments": Int,
        "shares": Int,
        "saves": Int,
        "reach": Int,
        "avg_watch_s": Float,
        "total_watch_s": Float,
        "full_watch_rate": Float,
        "new_followers": Int,
        "profile_views": Int,
    },
)

VIDEO_SOURCES = Table(
    "video_sources",
    ("video_id", "captured_on", "source"),
    {
        "video_id": Str,
        "captured_on": Date,
        "source": Str,
        "share": Float,
        "raw_label": Str,
    },
)

VIDEO_SEARCH_TERMS = Table(
    "video_search_terms",
    ("video_id", "captured_on", "term"),
    {"video_id": Str, "captured_on": Date, "term": Str, "share": Float},
)

VIDEO_RETENTION = Table(
    "video_retention",
    ("video_id", "captured_on", "second"),
    {"video_id": Str, "captured_on": Date, "second": Float, "retained": Float},
)

ACCOUNT_SOURCES = Table(
    "account_sources",
    ("account", "window_start", "window_end", "source"),
    {
        "account": Str,
        "window_start": Date,
        "window_end": Date,
        "source": Str,
        "share": Float,  # 0–1 of the account's views in the window, as TikTok states it
        "raw_label": Str,
        "captured_at": DateTime,
    },
)
"""TikTok's own traffic-source mix for the whole account over a window (Studio web
captures, FORMATS.md 3e/3f): the real answer to "where do my views come from",
as opposed to the estimate from per-video mixes."""

ACCOUNT_SEARCH_TERMS = Table(
    "account_search_terms",
    ("account", "window_start", "window_end", "term"),
    {
        "account": Str,
        "window_start": Date,
        "window_end": Date,
        "term": Str,
        "share": Float,
        "captured_at": DateTime,
    },
)
"""The search queries that brought viewers to the account over a window (``user_search_terms``)."""

ARCHIVE_POSTS = Table(
    "archive_posts",
    ("account", "posted_at"),
    {
        "account": Str,
        "posted_at": DateTime,  # the archive's Date, read as UTC
        "caption": Str,
        "likes": Int,  # as the archive stated them on the day it was made
        "link": Str,  # a CDN storage URL: no video id in it
        "matched_video_id": Str,  # the known video it was matched to, else null
    },
)
"""The account archive's own posts that carry no video id (FORMATS.md 5: 2026 archives
link each post to a CDN storage URL). Each is matched, when it can be, to a known video
by its posting day plus caption or likes (``importers.archive.match``); the unmatched
ones are kept here rather than dropped, so the count of posts stays true."""

IMPORTS = Table(
    "imports",
    ("batch_id",),
    {
        "batch_id": Int,
        "file_name": Str,
        "sha256": Str,
        "stored_sha256": Str,  # of the copy kept in raw/, when not the file itself (a HAR)
        "format": Str,
        "account": Str,
        "account_given": Str,  # the --account it was imported with, for rebuild
        "imported_at": DateTime,
        "as_of": DateTime,  # when the export was made: decides which export is newest
        "file_mtime": DateTime,  # the file's own timestamp, for rebuild
        "anchor": Date,  # the day years were inferred from, for rebuild
        "exported_on": Date,  # the export day the user stated (--exported-on), for rebuild
        "rows_added": Int,
        "rows_updated": Int,
        "rows_unchanged": Int,
        "rows": Str,  # per table "table +added ~updated =unchanged", for people
        "notes": Str,
    },
)

# Tables holding a set of rows per group (one video's source mix on one day): a
# newer export replaces the whole set, so a source it no longer lists does not
# linger from an older export and push the shares past 100%.
SET_GROUPS: dict[str, tuple[str, ...]] = {
    "audience": ("account", "as_of", "scope", "video_id", "dimension"),
    "video_sources": ("video_id", "captured_on"),
    "video_search_terms": ("video_id", "captured_on"),
    "video_retention": ("video_id", "captured_on"),
    "account_sources": ("account", "window_start", "window_end"),
    "account_search_terms": ("account", "window_start", "window_end"),
}

DATA_TABLES: tuple[Table, ...] = (
    ACCOUNTS,
    ACCOUNT_DAILY,
    FOLLOWER_ACTIVITY,
    AUDIENCE,
    VIDEOS,
    VIDEO_SNAPSHOTS,
    VIDEO_SOURCES,
    VIDEO_SEARCH_TERMS,
    VIDEO_RETENTION,
    ACCOUNT_SOURCES,
    ACCOUNT_SEARCH_TERMS,
    ARCHIVE_POSTS,
)
TABLES: dict[str, Table] = {t.name: t for t in (*DATA_TABLES, IMPORTS)}


Tables = dict[str, pl.DataFrame]
"""The whole store in memory: canonical table name → frame. Queries take this,
so they can be tested on frames built in a test without any files."""


def get(tables: Tables, name: str) -> pl.DataFrame:
    """The table, or an empty frame of its schema when the store has none yet."""
    frame = tables.get(name)
    return TABLES[name].empty() if frame is None else frame
