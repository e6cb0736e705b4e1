"""TikTok API for Business (Accounts API v1.3): ``business/get`` and ``business/video/list``.

Business accounts can fetch these with a token and save the responses, one
page per file or a list of pages. They are the richest source tiktui reads
(traffic sources, watch time, retention and audience per video), and also
the easiest to misread: TikTok leaves reach, watch time and sources *out* for
a video with no activity in the last 7 days, and that absence must stay
missing, never become a zero that drags every average down.
"""

from __future__ import annotations

from typing import Any

from ..base import Parsed, Refused
from ..dates import posted, to_day, to_epoch
from ..ids import handle_from_url, norm_account, to_id
from ..numbers import to_bool, to_float, to_int
from ..reasons import shown
from ..studio.headers import gender_bucket
from ..values import (
    Capture,
    as_list,
    at,
    fractions,
    get_any,
    request_id_capture,
    retention_rows,
    source_rows,
    tables,
    to_text,
)
from . import columns

# business/get lifetime and per-day fields that say "this is account data".
_ACCOUNT_KEYS = frozenset(
    {"username", "display_name", "metrics", "followers_count", "is_business_account"}
)

# business/get daily metric → account_daily column. unique_video_views,
# engaged_audience and bio_link_clicks have no canonical column and are not
# the same thing as Studio's "Reached audience", so they are left out.
_DAILY = {
    "video_views": "video_views",
    "profile_views": "profile_views",
    "likes": "likes",
    "comments": "comments",
    "shares": "shares",
    "followers_count": "followers",
    "daily_total_followers": "followers_net",
    "daily_new_followers": "followers_new",
    "daily_lost_followers": "followers_lost",
}

# business/video/list per-video counters → video_snapshots column, and whether a count.
_SNAPSHOT: dict[str, tuple[str, bool]] = {
    "video_views": ("views", True),
    "likes": ("likes", True),
    "comments": ("comments", True),
    "shares": ("shares", True),
    "favorites": ("saves", True),
    "reach": ("reach", True),
    "average_time_watched": ("avg_watch_s", False),
    "total_time_watched": ("total_watch_s", False),
    "full_video_watched_rate": ("full_watch_rate", False),
    "new_followers": ("new_followers", True),
    "profile_views": ("profile_views", True),
}

# Demographic list → audience dimension, and the item key that names the bucket.
_FOLLOWER_DEMOGRAPHICS = {
    "audience_ages": ("age", "age"),
    "audience_genders": ("gender", "gender"),
    "audience_countries": ("country", "country"),
    "audience_cities": ("city", "city"),
}
_VIDEO_DEMOGRAPHICS = {
    "audience_countries": ("country", "country"),
    "audience_genders": ("gender", "gender"),
    "audience_ages": ("age", "age"),
    "audience_cities": ("city", "city"),
    "audience_types": ("viewer_type", "type"),
}


# --------------------------------------------------------------------------- detection


def is_envelope(obj: dict[str, Any]) -> bool:
    """``{"code":0,"message":"OK","request_id":…,"data":{…}}`` (or an error in it)."""
    code = obj.get("code")
    if isinstance(code, bool) or not isinstance(code, (int, str)):
        return False
    if isinstance(code, str) and not code.strip().lstrip("-").isdigit():
        return False
    return "request_id" in obj or "data" in obj


def is_video(obj: Any) -> bool:
    """A business/video/list video: it has ``item_id`` (Display API videos have ``id``)."""
    return isinstance(obj, dict) and "item_id" in obj


def _data_kind(data: Any) -> str | None:
    if not isinstance(data, dict):
        return None
    videos = data.get("videos")
    if isinstance(videos, list) and all(is_video(v) for v in videos):
        return "video_list"
    if data.keys() & _ACCOUNT_KEYS and "error" not in data:
        return "account"
    return None


def is_bare_data(obj: dict[str, Any]) -> bool:
    """The ``data`` object saved without its envelope (people copy just that part)."""
    if "error" in obj:  # a Display API response
        return False
    kind = _data_kind(obj)
    if kind == "video_list":
        return bool(obj["videos"]) or "has_more" in obj or "cursor" in obj
    return kind == "account" and ("metrics" in obj or "is_business_account" in obj)


def is_known(obj: dict[str, Any]) -> bool:
    """A successful body whose ``data`` is a shape we read (not just any ``{"code":0}``)."""
    if is_envelope(obj):
        return _data_kind(obj.get("data")) is not None
    return is_bare_data(obj)


def api_error(obj: dict[str, Any]) -> str | None:
    """``TikTok API error 40105: Access token is invalid`` for a non-zero code."""
    code = obj.get("code")
    if str(code).strip() == "0":
        return None
    message = to_text(obj.get("message")) or "no message"
    return f"TikTok API error {to_text(code)}: {message}"


# --------------------------------------------------------------------------- parsing


def parse(obj: dict[str, Any], capture: Capture, where: str) -> list[Parsed]:
    """An envelope or its bare ``data``: refuse API errors, then dispatch on ``data``."""
    if is_envelope(obj):
        error = api_error(obj)
        if error:
            raise Refused("tiktok_error", error=error)
        stamped = request_id_capture(obj.get("request_id"))
        if stamped and capture.note:  # a HAR's own time beats the request id
            capture = stamped
        data = obj.get("data")
        base = "data"
    else:
        data, base = obj, ""
    kind = _data_kind(data)
    if kind == "video_list":
        return [parse_video_list(data, capture, base)]
    if kind == "account":
        return [parse_account(data, capture, base)]
    raise Refused("json_unknown")


def parse_account(data: dict[str, Any], capture: Capture, base: str) -> Parsed:
    """business/get → accounts, account_daily, follower_activity, audience (followers)."""
    notes = list(capture.notes)
    account = norm_account(data.get("username"))
    display_name = to_text(data.get("display_name"))
    is_business = to_bool(data.get("is_business_account"), at(base, "is_business_account"))
    who = {"account": account} if account else {}

    accounts = []
    if account or display_name is not None or is_business is not None:
        row: dict[str, Any] = dict(who)
        if display_name is not None:
            row["display_name"] = display_name
        if is_business is not None:
            row["is_business"] = is_business
        accounts.append(row)

    daily: list[dict[str, Any]] = []
    activity: list[dict[str, Any]] = []
    for i, day in enumerate(as_list(data.get("metrics"), at(base, "metrics"))):
        where = at(at(base, "metrics"), i)
        if not isinstance(day, dict):
            raise Refused("expected_object", where=where)
        on = to_day(day.get("date"), at(where, "date"))
        row = {**who, "date": on}
        for field, col in _DAILY.items():
            if field in day:
                row[col] = to_int(day[field], at(where, field))
        daily.append(row)
        hours = as_list(day.get("audience_activity"), at(where, "audience_activity"))
        for j, hour in enumerate(hours):
            hw = at(at(where, "audience_activity"), j)
            if not isinstance(hour, dict):
                raise Refused("expected_object", where=hw)
            h = to_int(hour.get("hour"), at(hw, "hour"))
            if h is None or not 0 <= h <= 23:
                raise Refused("not_an_hour", where=at(hw, "hour"), value=shown(hour.get("hour")))
            activity.append(
                {
                    **who,
                    "date": on,
                    "hour": h,
                    "active_followers": to_int(hour.get("count"), at(hw, "count")),
                }
            )

    audience = []
    for field, (dimension, bucket_key) in _FOLLOWER_DEMOGRAPHICS.items():
        audience += _audience_rows(
            data.get(field),
            at(base, field),
            dimension,
            bucket_key,
            scope="followers",
            video_id="",
            capture=capture,
            who=who,
            notes=notes,
        )

    return Parsed(
        kind="business-account",
        tables=tables(
            accounts=accounts, account_daily=daily, follower_activity=activity, audience=audience
        ),
        as_of=capture.as_of,
        account=account,
        display_name=display_name,
        is_business=is_business,
        notes=notes,
    )


def parse_video_list(data: dict[str, Any], capture: Capture, base: str) -> Parsed:
    """business/video/list → videos, video_snapshots, sources, retention, audience (video).

    A field present in the response becomes a column; a field TikTok left out
    for one video (no activity in 7 days) is null for that video only. A page
    with nothing to refuse or note is read one field at a time (:mod:`.columns`),
    any other video by video (:func:`read_by_video`), which gives the same rows.
    """
    plain = columns.video_list(data.get("videos") or [], capture, _SNAPSHOT, _VIDEO_DEMOGRAPHICS)
    return plain if plain is not None else read_by_video(data, capture, base)


def read_by_video(data: dict[str, Any], capture: Capture, base: str) -> Parsed:
    """The reference reader of a video list: value by value, each refusal naming its
    video and field, each note written where its value is met."""
    notes = list(capture.notes)
    videos, snapshots, sources, retention, audience = [], [], [], [], []
    handles: list[str] = []
    base = at(base, "videos")
    for i, item in enumerate(data.get("videos") or []):
        where = at(base, i)
        video_id = to_id(item.get("item_id"), at(where, "item_id"))
        if video_id is None:
            raise Refused("video_without_id", where=where, field="item_id")
        handle = handle_from_url(item.get("share_url"))
        if handle and handle not in handles:
            handles.append(handle)
        who = {"account": handle} if handle else {}

        video: dict[str, Any] = {"video_id": video_id, **who}
        if "share_url" in item:
            video["url"] = to_text(item["share_url"])
        if "caption" in item:
            video["caption"] = to_text(item["caption"])
        if "create_time" in item:
            video.update(posted(to_epoch(item["create_time"], at(where, "create_time"))))
        if "video_duration" in item:
            video["duration_s"] = to_float(item["video_duration"], at(where, "video_duration"))
        if "is_ad" in item:
            video["is_ad"] = to_bool(item["is_ad"], at(where, "is_ad"))
        videos.append(video)

        snap: dict[str, Any] = {"video_id": video_id, "captured_on": capture.on}
        for field, (col, is_count) in _SNAPSHOT.items():
            if field in item:
                convert = to_int if is_count else to_float
                snap[col] = convert(item[field], at(where, field))
        rate = snap.get("full_watch_rate")
        if rate is not None:
            snap["full_watch_rate"] = fractions([rate], "full_video_watched_rate", notes)[0]
        snapshots.append(snap)

        sources += _impression_sources(
            item.get("impression_sources"), where, video_id, capture, notes
        )
        retention += _retention(item.get("video_view_retention"), where, video_id, capture, notes)
        for field, (dimension, bucket_key) in _VIDEO_DEMOGRAPHICS.items():
            audience += _audience_rows(
                item.get(field),
                at(where, field),
                dimension,
                bucket_key,
                scope="video",
                video_id=video_id,
                capture=capture,
                who=who,
                notes=notes,
            )

    if not videos:
        notes.append("the page lists no videos")
    if len(handles) > 1:
        notes.append("videos from several accounts: " + ", ".join("@" + h for h in handles))
    return Parsed(
        kind="business-video-list",
        tables=tables(
            videos=videos,
            video_snapshots=snapshots,
            video_sources=sources,
            video_retention=retention,
            audience=audience,
        ),
        as_of=capture.as_of,
        account=handles[0] if len(handles) == 1 else None,
        notes=notes,
    )


def _impression_sources(
    items: Any, where: str, video_id: str, capture: Capture, notes: list[str]
) -> list[dict[str, Any]]:
    """``[{"impression_source":"For You","percentage":0.81}]``; absent or empty → no rows."""
    where = at(where, "impression_sources")
    items = as_list(items, where)
    pairs = []
    for j, entry in enumerate(items):
        ew = at(where, j)
        if not isinstance(entry, dict):
            raise Refused("expected_object", where=ew)
        label = to_text(get_any(entry, "impression_source", "source", "key", "name"))
        if label is None:
            raise Refused("missing_field", where=ew, field="impression_source name")
        pairs.append((label, to_float(get_any(entry, "percentage", "value"), at(ew, "percentage"))))
    return source_rows(pairs, video_id, capture.on, notes)


def _retention(
    items: Any, where: str, video_id: str, capture: Capture, notes: list[str]
) -> list[dict[str, Any]]:
    """``[{"second":"0","percentage":1.0}]`` → (second, retained)."""
    where = at(where, "video_view_retention")
    items = as_list(items, where)
    seconds, values = [], []
    for j, entry in enumerate(items):
        ew = at(where, j)
        if not isinstance(entry, dict):
            raise Refused("expected_object", where=ew)
        second = to_float(entry.get("second"), at(ew, "second"))
        if second is None:
            raise Refused("missing_field", where=ew, field="second")
        seconds.append(second)
        values.append(to_float(get_any(entry, "percentage", "value"), at(ew, "percentage")))
    return retention_rows(seconds, values, video_id, capture.on, "video_view_retention", notes)


def _audience_rows(
    items: Any,
    where: str,
    dimension: str,
    bucket_key: str,
    *,
    scope: str,
    video_id: str,
    capture: Capture,
    who: dict[str, Any],
    notes: list[str],
) -> list[dict[str, Any]]:
    """``[{"country":"US","percentage":0.5}]`` → audience rows as of the capture day.

    The bucket is read from the key the docs name, else the one other text
    field in the item, so ``{"city_name": …}`` works too. Buckets are kept as
    TikTok writes them (``NEW_VIEWER``, ``US``, ``18-24``), except genders,
    which take Studio's ``female``/``male``/``other`` so the two sources make
    one series. A bucket listed twice has its shares added, so the table key
    stays unique.
    """
    items = as_list(items, where)
    buckets, shares = [], []
    for j, entry in enumerate(items):
        ew = at(where, j)
        if not isinstance(entry, dict):
            raise Refused("expected_object", where=ew)
        bucket = entry.get(bucket_key)
        if bucket is None:
            others = [v for k, v in entry.items() if k != "percentage" and isinstance(v, str)]
            bucket = others[0] if len(others) == 1 else None
        if bucket is None:
            raise Refused("missing_field", where=ew, field=f"{bucket_key!r} in the item")
        text = to_text(bucket) or ""
        if dimension == "gender":  # the buckets Studio's FollowerGender gives, so they compare
            text = gender_bucket(text) or text
        buckets.append(text)
        shares.append(to_float(get_any(entry, "percentage", "value"), at(ew, "percentage")))
    shares = fractions(shares, f"{where.rsplit('.', 1)[-1]} percentages", notes)
    total: dict[str, float] = {}
    for bucket, share in zip(buckets, shares, strict=True):
        if share is not None:
            total[bucket] = total.get(bucket, 0.0) + share
    return [
        {
            **who,
            "as_of": capture.on,
            "scope": scope,
            "video_id": video_id,
            "dimension": dimension,
            "bucket": bucket,
            "share": share,
        }
        for bucket, share in total.items()
    ]
