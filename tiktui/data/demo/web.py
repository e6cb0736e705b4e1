"""What Studio's web pages answer, saved from the browser: per-video insight bodies in a
HAR file, and the Overview page's account capture (FORMATS.md 3e, 3g)."""

from __future__ import annotations

import base64
import json
from datetime import date, datetime, timedelta
from urllib.parse import quote

from ..demo_files import json_bytes
from .account import DISPLAY_NAME, HANDLE, DemoAccount, DemoVideo
from .day import retention, shares_by_label, video_state

# Studio web labels for each source key.
WEB_LABELS = {
    "for_you": "For You",
    "following": "Following",
    "profile": "Personal Profile",
    "search": "Search",
    "sound": "Sound",
    "other": "Others",  # Studio's web view folds Hashtag and Direct Message into Others
}


def _insight_body(acc: DemoAccount, v: DemoVideo, captured: date, part: str, newest: int) -> dict:
    """One /aweme/v2/data/insight/ body for ``v``; ``part`` splits it across requests."""
    s = video_state(acc, v, captured)
    body: dict[str, object] = {}
    if part in ("all", "head"):
        body["video_info"] = {
            "aweme_id": v.video_id,
            "create_time": int(v.posted_at.timestamp()),
            "desc": v.caption,
            "author": {"unique_id": HANDLE, "nickname": DISPLAY_NAME},
            "video": {"duration": round(v.duration * 1000)},
            "statistics": {
                "play_count": s.views,
                "digg_count": s.likes,
                "comment_count": s.comments,
                "share_count": s.shares,
                "collect_count": s.saves,
            },
        }
        if newest == 1:
            body["video_traffic_source_percent_realtime"] = {"value": {"status": 2}}
        else:
            body["video_traffic_source_percent_realtime"] = {
                "value": {
                    "status": 0,
                    "value": [
                        {"key": label, "value": share}
                        for label, share in shares_by_label(s.mix, WEB_LABELS)
                    ],
                }
            }
    if part in ("all", "tail"):
        if newest == 0:
            body["item_search_terms"] = {"status": 2}
            body["video_retention_rate_realtime"] = {"value": {"status": 2}}
        else:
            body["item_search_terms"] = {
                "status": 0,
                "value": [{"key": term, "value": share} for term, share in v.terms],
            }
            body["video_retention_rate_realtime"] = {
                "value": {
                    "status": 0,
                    "list": [{"timestamp": str(sec * 1000), "value": p} for sec, p in retention(v)],
                }
            }
        body["video_finish_rate_realtime"] = {"value": {"status": 0, "value": s.completion}}
        body["video_per_duration_realtime"] = {"value": {"status": 0, "value": s.avg_watch}}
        body["video_total_duration_realtime"] = {"value": {"status": 0, "value": s.total_watch}}
    body["status_code"] = 0
    body["status_msg"] = ""
    return body


def har_entry(started: datetime, url: str, mime: str, content: dict[str, object]) -> dict:
    """One HAR entry as Chrome's DevTools saves a GET of a Studio page or insight call
    (the bench's big HAR is made of these too)."""
    return {
        "startedDateTime": started.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "time": 212.4,
        "request": {
            "method": "GET",
            "url": url,
            "httpVersion": "h2",
            "headers": [{"name": "accept", "value": "application/json, text/plain, */*"}],
            "queryString": [],
            "cookies": [],
            "headersSize": -1,
            "bodySize": 0,
        },
        "response": {
            "status": 200,
            "statusText": "",
            "httpVersion": "h2",
            "headers": [{"name": "content-type", "value": mime}],
            "cookies": [],
            "content": content,
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": -1,
        },
        "cache": {},
        "timings": {
            "blocked": 1.2,
            "dns": -1,
            "ssl": -1,
            "connect": -1,
            "send": 0.2,
            "wait": 198.5,
            "receive": 12.5,
        },  # fmt: skip
    }


def insights_har(acc: DemoAccount, when: datetime, videos: list[DemoVideo]) -> bytes:
    entries = []
    clock = when

    def entry(url: str, mime: str, text: str, b64: bool, size: int | None = None) -> dict:
        nonlocal clock
        clock += timedelta(milliseconds=1730)
        content: dict[str, object] = {"size": size or len(text.encode()), "mimeType": mime}
        if b64:
            content["text"] = base64.b64encode(text.encode()).decode()
            content["encoding"] = "base64"
        else:
            content["text"] = text
        return har_entry(clock, url, mime, content)

    entries.append(
        entry("https://www.tiktok.com/tiktokstudio/analytics", "text/html",
              "<!DOCTYPE html><html><head><title>TikTok Studio</title></head></html>", False)
    )  # fmt: skip
    base = (
        "https://www.tiktok.com/aweme/v2/data/insight/?item_id={id}&aid=1988&app_name="
        "tiktok_creator_center&app_language=en&device_platform=web_pc&locale=en&tz_name=UTC"
        "&type_requests={tr}"
    )
    types = ["video_info", "video_traffic_source_percent_realtime", "item_search_terms",
             "video_retention_rate_realtime", "video_finish_rate_realtime",
             "video_per_duration_realtime", "video_total_duration_realtime"]  # fmt: skip
    for k, v in enumerate(videos):
        parts = ("head", "tail") if k == 5 else ("all",)
        for part in parts:
            wanted = types if part == "all" else (types[:2] if part == "head" else types[2:])
            tr = quote(
                "["
                + ",".join(f'{{"insigh_type":"{t}","aweme_id":"{v.video_id}"}}' for t in wanted)
                + "]",
                safe="",
            )
            text = json_bytes(_insight_body(acc, v, when.date(), part, k), pretty=False).decode()
            url = base.format(id=v.video_id, tr=tr)
            entries.append(entry(url, "application/json", text, b64=(k % 3 == 1)))
    har = {
        "log": {
            "version": "1.2",
            "creator": {"name": "WebInspector", "version": "537.36"},
            "pages": [
                {
                    "startedDateTime": when.isoformat(timespec="milliseconds").replace(
                        "+00:00", "Z"
                    ),
                    "id": "page_1",
                    "title": "https://www.tiktok.com/tiktokstudio/analytics",
                    "pageTimings": {"onContentLoad": 812.3, "onLoad": 1520.9},
                }
            ],
            "entries": entries,
        }
    }
    return json_bytes(har)


def _account_mix_over(acc: DemoAccount, first: int, last: int) -> tuple[dict[str, float], list]:
    """The account's own source mix and search terms over day indexes first..last (inclusive):
    every video's views in the window, by its mix — what Studio's Overview page states."""
    by_source: dict[str, float] = {}
    by_term: dict[str, float] = {}
    for v in acc.videos:
        views = sum(v.daily[max(first, 0) : last + 1])
        if views <= 0:
            continue
        for key, share in v.mix.items():
            by_source[key] = by_source.get(key, 0.0) + views * share
        search = views * v.mix.get("search", 0.0)
        for term, share in v.terms:
            by_term[term] = by_term.get(term, 0.0) + search * share
    total = sum(by_source.values()) or 1.0
    searched = sum(by_term.values()) or 1.0
    terms = sorted(((t, x / searched) for t, x in by_term.items()), key=lambda kv: -kv[1])
    return {k: x / total for k, x in by_source.items()}, [(t, round(x, 4)) for t, x in terms[:10]]


def account_capture(acc: DemoAccount, when: datetime) -> bytes:
    """Studio's Overview page saved by a capture extension (FORMATS.md 3e, 3g): the account's
    own source mix and search terms for the last 7 and 28 days, and the daily views history."""
    yesterday = acc.index(when.date()) - 1
    responses = []
    for days in (7, 28):
        first = yesterday - days + 1
        mix, terms = _account_mix_over(acc, first, yesterday)
        asked = [
            {"insigh_type": t, "days": days, "end_days": 1}
            for t in ("vv_traffic_source", "user_search_terms", "vv_history")
        ]
        payload = {
            "video_page_percent": {
                "value": [
                    {"key": label, "value": share}
                    for label, share in shares_by_label(mix, WEB_LABELS)
                ]
            },
            "user_search_terms": {
                "status": 0,
                "value": [{"key": term, "value": share} for term, share in terms],
            },
            "vv_history": [
                {"status": 0, "value": round(acc.views[i])} for i in range(first, yesterday + 1)
            ],
            "status_code": 0,
            "status_msg": "",
            "extra": {"now": int(when.timestamp() * 1000), "logid": f"2026{days:02d}demo"},
        }
        query = "aid=1988&app_name=tiktok_creator_center&tz_offset=0&type_requests=" + quote(
            json.dumps(asked, separators=(",", ":")), safe=""
        )
        responses.append(
            {
                "url": "https://www.tiktok.com/aweme/v2/data/insight/?" + query,
                "query": query,
                "payload": payload,
            }
        )
    doc = {
        "account": f"@{HANDLE}",
        "signedIn": True,
        "capturedAt": when.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "responses": responses,
    }
    return json_bytes(doc)
