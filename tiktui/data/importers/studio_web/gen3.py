"""Generation 3: ``/tiktok/v1/analytics/insights/`` (2026, FORMATS.md 3f).

Keys by numeric ``insight_type``; each holds a ``total`` and a ``list`` of
days whose ``message.timestamp`` is a UTC midnight in seconds and whose
``message.status`` says whether the value is final (1) or missing (2, 7, 9,
10). The traffic source (127) is read only if it follows the same
list-of-``{key, value}`` pattern; its shape is not known from public code.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from ..numbers import to_int, to_number
from ..values import at
from .account import mix_rows
from .request import GEN3_RANGES, Response
from .shapes import Found, gen3_value

PREFIX = "analytics_"
DAILY = {
    "analytics_overview_views": "video_views",
    "analytics_overview_profile_views": "profile_views",
    "analytics_overview_likes": "likes",
    "analytics_overview_comments": "comments",
    "analytics_overview_shares": "shares",
    "analytics_viewer_new_viewer": "viewers_new",
    "analytics_viewer_total_viewer": "viewers_total",
    "analytics_follower_total_followers": "followers",
    "analytics_follower_net_followers": "followers_net",
}
TRAFFIC = "analytics_overview_traffic_source"
TRAFFIC_TYPE = 127
NOT_READ_TRAFFIC = "traffic source of this generation not read yet"


def is_gen3_body(body: dict[str, Any]) -> bool:
    return any(isinstance(k, str) and k.startswith(PREFIX) for k in body)


def _points(node: Any) -> list[Any] | None:
    listed = node.get("list") if isinstance(node, dict) else None
    if isinstance(listed, dict):
        listed = listed.get("value")
    return listed if isinstance(listed, list) else None


def read_gen3(resp: Response, found: Found) -> None:
    daily: dict[date, dict[str, Any]] = {}
    for key, column in DAILY.items():
        points = _points(resp.body.get(key))
        if points is None:
            continue
        found.read.add(key)
        for i, point in enumerate(points):
            where = at(at(key, "list.value"), i)
            message = point.get("message") if isinstance(point, dict) else None
            stamp = message.get("timestamp") if isinstance(message, dict) else None
            seconds = to_number(stamp, at(where, "message.timestamp"))
            if seconds is None:
                continue
            value = gen3_value(point, where)
            if value is not None:
                day = datetime.fromtimestamp(seconds, UTC).date()
                daily.setdefault(day, {})[column] = to_int(value, at(where, "value"))
    found.add("account_daily", [{"date": d, **cols} for d, cols in sorted(daily.items())])
    if TRAFFIC in resp.body:
        _traffic(resp, found)


def _traffic(resp: Response, found: Found) -> None:
    """127, if it is a list of ``{key, value}`` (with or without ``message``); else not read."""
    points = _points(resp.body[TRAFFIC])
    if points is None or not all(isinstance(p, dict) and "key" in p for p in points):
        found.notes.append(NOT_READ_TRAFFIC)
        return
    asked = resp.request.window(TRAFFIC_TYPE)
    days = asked[0] if asked else 0
    if days <= 0:
        found.notes.append(f"{NOT_READ_TRAFFIC} (its request's data_date_range is not known)")
        return
    found.read.add(TRAFFIC)
    end = resp.local_day - timedelta(days=1)  # as the histories: the last final day is yesterday
    start = end - timedelta(days=days - 1)
    items = [(str(p["key"]), gen3_value(p, at(TRAFFIC, i))) for i, p in enumerate(points)]
    found.add("account_sources", mix_rows(items, start, end, resp.now, found.notes))


__all__ = ["GEN3_RANGES", "is_gen3_body", "read_gen3"]
