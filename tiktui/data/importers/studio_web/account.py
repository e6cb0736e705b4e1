"""Account-level keys of Studio's insight responses (FORMATS.md 3e): the account's own mix.

History arrays carry no dates: one element a day, oldest first, the last one
``end_days`` days before the capture day (in the page's ``tz_offset``). They
are placed by the request; the rule is said in a note, since projects
disagree on the last day's offset. ``status: 2`` at either end is missing
(a day before the account existed, a day not final yet), never zero.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from ..base import Refused
from ..ids import norm_account
from ..numbers import to_float, to_int
from ..values import at, get_any, source_rows, to_text
from .request import Response
from .shapes import Found, pairs, present, status_missing, unwrap
from .video import audience_rows, term_shares

HISTORIES = {
    "vv_history": "video_views",
    "pv_history": "profile_views",
    "like_history": "likes",
    "comment_history": "comments",
    "share_history": "shares",
    "follower_num_history": "followers",
    "net_follower_history": "followers_net",
    "reached_audience_history": "reached_audience",
}
# A response key and the type_requests type it answers, where they differ (3a).
TYPE_OF = {"video_page_percent": "vv_traffic_source"}
_AUDIENCE = {
    "viewer_age_distribution": ("viewers", "age"),
    "follower_age_distribution": ("followers", "age"),
    "viewer_gender_percent": ("viewers", "gender"),
    "follower_gender_percent": ("followers", "gender"),
    "viewer_country_city_percent": ("viewers", "country"),
    "follower_location_percent": ("followers", "country"),
}
_NUMBERS = {"follower_num": "followers", "unique_viewer_num": "viewers_total",
            "new_viewer_num": "viewers_new"}  # fmt: skip
ACCOUNT_KEYS = frozenset(
    {*HISTORIES, *_AUDIENCE, *_NUMBERS, "user_search_terms", "follower_active_history_hours",
     "viewer_active_history_hours", "week_top_videos_new", "week_incr_video_num",
     "user_info", "room_info"}
)  # fmt: skip


def is_account_body(body: dict[str, Any]) -> bool:
    return any(k in ACCOUNT_KEYS for k in body)


def account_of(body: dict[str, Any]) -> str | None:
    """``user_info``'s handle, when the body carries it."""
    info = unwrap(body.get("user_info"))
    if isinstance(info, dict):
        user = info.get("user") if isinstance(info.get("user"), dict) else info
        return norm_account(get_any(user, "unique_id", "uniqueId", "username"))
    return None


def window(resp: Response, key: str) -> tuple[date, date] | None:
    """The days a key covers: ``days`` ending ``end_days`` before the capture day."""
    asked = resp.request.window(TYPE_OF.get(key, key), key)
    if asked is None or asked[0] <= 0:
        return None
    days, end_days = asked
    end = resp.local_day - timedelta(days=end_days)
    return end - timedelta(days=days - 1), end


def read_account(resp: Response, found: Found, mix: bool = True) -> None:
    """The account-level keys of one response; ``mix``: its video_page_percent is the account's."""
    body = resp.body
    found.account = found.account or account_of(body)
    if "user_info" in body:
        found.read.add("user_info")
    found.read |= {
        k for k in body if k.endswith("_before") and k[: -len("_before")] in ACCOUNT_KEYS
    }
    daily: dict[date, dict[str, Any]] = {}
    placed: set[str] = set()
    for key, column in HISTORIES.items():
        if key in body:
            _history(resp, key, column, daily, found, placed)
    if "follower_active_history_hours" in body:
        _active_hours(resp, found, placed)
    for key, column in _NUMBERS.items():
        if key not in body:
            continue
        value = unwrap(body[key])
        span = window(resp, key)
        if column == "followers":  # the total now: the capture day's
            day = resp.local_day
        elif span is not None and span[0] == span[1]:
            day = span[0]
        else:
            continue  # a count over several days is no daily figure: kept in raw/, not read
        found.read.add(key)
        if present(value):
            daily.setdefault(day, {})[column] = to_int(value, key)
    found.add("account_daily", [{"date": d, **cols} for d, cols in sorted(daily.items())])
    if placed:
        found.notes.append(
            "captured histories placed by their request: the last day is the capture day "
            f"minus end_days ({', '.join(sorted(placed))})"
        )
        if resp.request.tz_offset is None:
            found.notes.append("the request gives no tz_offset: capture day taken in UTC")
    if mix:
        _mix(resp, found)
    _terms(resp, found)
    for key, (scope, dimension) in _AUDIENCE.items():
        if key not in body:
            continue
        found.read.add(key)
        raw = body[key]
        if isinstance(raw, dict) and "country_percent_list" in raw:
            value = None if status_missing(raw) else raw["country_percent_list"]
            if isinstance(value, list):
                found.add("audience", _cities(value, resp.local_day, key))
        else:
            value = unwrap(raw)
        if present(value):
            found.add(
                "audience", audience_rows(pairs(value, key), resp.local_day, scope, "", dimension)
            )


def _history(
    resp: Response, key: str, column: str, daily: dict[date, dict[str, Any]], found: Found,
    placed: set[str],
) -> None:  # fmt: skip
    raw = resp.body[key]
    values = unwrap(raw) if isinstance(raw, dict) else raw
    if not present(values):
        found.read.add(key)
        return
    if not isinstance(values, list):
        raise Refused("expected_days", where=key)
    span = window(resp, key)
    if span is None:
        found.notes.append(f"{key}: its request's days are not known, so its days cannot be placed")
        return
    found.read.add(key)
    placed.add(key)
    start, end = span
    if len(values) != (end - start).days + 1:
        found.notes.append(
            f"{key}: {len(values)} values for {(end - start).days + 1} days asked; "
            f"placed to end on {end}"
        )
    first = end - timedelta(days=len(values) - 1)
    for i, item in enumerate(values):
        value = unwrap(item)
        if present(value):
            daily.setdefault(first + timedelta(days=i), {})[column] = to_int(value, at(key, i))


def _active_hours(resp: Response, found: Found, placed: set[str]) -> None:
    key = "follower_active_history_hours"
    values = unwrap(resp.body[key])
    span = window(resp, key)
    found.read.add(key)
    if not isinstance(values, list) or span is None:
        if present(values):
            found.notes.append(
                f"{key}: its request's days are not known, so its days cannot be placed"
            )
        return
    placed.add(key)
    first = span[1] - timedelta(days=len(values) - 1)
    rows = []
    for i, item in enumerate(values):
        hours = unwrap(item)
        if not isinstance(hours, list):
            continue
        for hour, count in enumerate(hours[:24]):
            number = to_int(unwrap(count), at(at(key, i), hour))
            if number is not None:
                rows.append({"date": first + timedelta(days=i), "hour": hour,
                             "active_followers": number})  # fmt: skip
    found.add("follower_activity", rows)


def _windowed(resp: Response, key: str, found: Found) -> tuple[tuple[date, date], Any] | None:
    """(window, value) of a key answering a request for some days; None with a note without."""
    if key not in resp.body:
        return None
    span = window(resp, key)
    if span is None:
        found.notes.append(f"{key}: without its request's days: kept in raw/, not read")
        return None
    found.read.add(key)
    value = unwrap(resp.body[key])
    return (span, value) if present(value) else None


def _mix(resp: Response, found: Found) -> None:
    """``video_page_percent`` answering ``vv_traffic_source`` with days: the account's own mix."""
    got = _windowed(resp, "video_page_percent", found)
    if got is None:
        return
    (start, end), value = got
    found.add("account_sources", mix_rows(pairs(value, "video_page_percent"), start, end, resp.now,
                                          found.notes))  # fmt: skip


def mix_rows(
    items: list[tuple[str, float | None]], start: date, end: date, captured_at: datetime,
    notes: list[str],
) -> list[dict[str, Any]]:  # fmt: skip
    """The account's source shares over a window → ``account_sources`` rows."""
    return [
        {"window_start": start, "window_end": end, "source": r["source"], "share": r["share"],
         "raw_label": r["raw_label"], "captured_at": captured_at}
        for r in source_rows(items, "", end, notes)
    ]  # fmt: skip


def _terms(resp: Response, found: Found) -> None:
    """``user_search_terms``: the queries that brought viewers to the account."""
    got = _windowed(resp, "user_search_terms", found)
    if got is None:
        return
    (start, end), value = got
    shares = term_shares(pairs(value, "user_search_terms"), found.notes)
    found.add("account_search_terms", [
        {"window_start": start, "window_end": end, "term": t, "share": s, "captured_at": resp.now}
        for t, s in shares.items()
    ])  # fmt: skip


def _cities(countries: list[Any], on: date, key: str) -> list[dict[str, Any]]:
    """``viewer_country_city_percent``'s cities, each within its country's share."""
    rows = []
    for i, country in enumerate(countries):
        if not isinstance(country, dict):
            continue
        cities = country.get("city_percent_list")
        if not isinstance(cities, list):
            continue
        name = to_text(country.get("country_name")) or ""
        whole = to_float(country.get("country_vv_percent"), at(at(key, i), "country_vv_percent"))
        for label, share in pairs(cities, at(at(key, i), "city_percent_list")):
            if share is not None and whole is not None:  # a share of the country's: of all
                share *= whole
                rows.append({"as_of": on, "scope": "viewers", "video_id": "", "dimension": "city",
                             "bucket": f"{label}, {name}", "share": share})  # fmt: skip
    return rows
