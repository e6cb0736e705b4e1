"""TikTok API for Business responses as saved JSON: the ``/business/get/`` body and the
pages of ``/business/video/list/``."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from ..demo_files import epoch, json_bytes
from .account import (
    AGES,
    CITIES,
    DISPLAY_NAME,
    FOLLOWER_GENDERS,
    HANDLE,
    TERRITORIES,
    DemoAccount,
    DemoVideo,
)
from .day import day_row, retention, shares_by_label, video_state

# Business API labels for each source key.
API_LABELS = {
    "for_you": "For You",
    "following": "Follow",
    "profile": "Personal Profile",
    "search": "Search",
    "sound": "Sound",
    "hashtag": "Hashtag",
    "direct_message": "Direct Message",
    "other": "Others",
}


def _request_id(when: datetime, rng: random.Random) -> str:
    return when.strftime("%Y%m%d%H%M%S") + "".join(
        rng.choice("0123456789ABCDEF") for _ in range(20)
    )


def business_get(acc: DemoAccount, when: datetime, rng: random.Random) -> bytes:
    day = when.date()
    metrics = []
    for i in range(60, 0, -1):
        j = acc.index(day) - i
        r = day_row(acc, j, day)
        phone, leads, _website, bio = acc.clicks[j]
        metrics.append(
            {
                "date": r.date.isoformat(),
                "video_views": r.video_views,
                "unique_video_views": round(r.video_views * acc.reach_noise[j]),
                "profile_views": r.profile_views,
                "likes": r.likes,
                "comments": r.comments,
                "shares": r.shares,
                "followers_count": r.followers,
                "daily_total_followers": r.net,
                "daily_new_followers": r.gained,
                "daily_lost_followers": r.lost,
                "engaged_audience": round((r.likes + max(0, r.comments) + r.shares) * 0.62),
                "bio_link_clicks": bio,
                "phone_number_clicks": phone,
                "lead_submissions": leads,
                "audience_activity": [
                    {"hour": str(h), "count": acc.activity[(j, h)]} for h in range(24)
                ],
            }
        )
    videos_total = len(acc.videos) + 64
    total_likes = round(sum(acc.likes)) + 410_000
    body = {
        "code": 0,
        "message": "OK",
        "request_id": _request_id(when, rng),
        "data": {
            "username": HANDLE,
            "display_name": DISPLAY_NAME,
            "profile_image": "https://p16-sign-va.tiktokcdn.com/tos-maliva-avt-0068/"
            "5c1e0d2b9a7f4e3c8d6b1a2f3e4d5c6b~c5_100x100.webp"
            f"?x-expires={epoch(day) + 2 * 86400}&x-signature=demo",
            "bio_description": "Easy recipes for busy weeknights 🍳 New video every few days\n"
            "📩 hello@lenacooks.example",
            "profile_deep_link": "https://vm.tiktok.com/ZMdemoLena/",
            "is_verified": False,
            "is_business_account": True,
            "followers_count": acc.followers[-1] + acc.gained[-1] // 3,
            "following_count": 312,
            "total_likes": total_likes,
            "videos_count": videos_total,
            "audience_genders": [
                {"gender": g, "percentage": float(s)} for g, s in FOLLOWER_GENDERS
            ],
            "audience_countries": [
                {"country": c, "percentage": float(s)} for c, s in TERRITORIES if c != "Others"
            ],
            "audience_ages": [{"age": a, "percentage": s} for a, s in AGES],
            "audience_cities": [{"city_name": c, "percentage": s} for c, s in CITIES],
            "metrics": metrics,
        },
    }
    return json_bytes(body, pretty=False)


def _api_video(acc: DemoAccount, v: DemoVideo, captured: date) -> dict[str, object]:
    s = video_state(acc, v, captured)
    out: dict[str, object] = {
        "item_id": v.video_id,
        "create_time": str(int(v.posted_at.timestamp())),
        "caption": v.caption,
        "share_url": v.url,
        "embed_url": f"https://www.tiktok.com/embed/v2/{v.video_id}",
        "thumbnail_url": "https://p16-sign.tiktokcdn-us.com/obj/tos-useast5-p-0068-tx/"
        f"o{v.video_id[-12:]}?x-expires={epoch(captured) + 86400}&x-signature=demo",
        "media_type": "VIDEO",
        "is_ad": v.is_ad,
        "video_duration": v.duration,
        "video_views": s.views,
        "likes": s.likes,
        "comments": s.comments,
        "shares": s.shares,
        "favorites": s.saves,
        "new_followers": s.new_followers,
        "profile_views": s.profile_views,
    }
    if not v.inactive:
        out.update(
            {
                "reach": s.reach,
                "total_time_watched": s.total_watch,
                "average_time_watched": s.avg_watch,
                "full_video_watched_rate": s.completion,
                "impression_sources": [
                    {"impression_source": label, "percentage": share}
                    for label, share in shares_by_label(s.mix, API_LABELS)
                ],
            }
        )
    out["video_view_retention"] = [{"second": sec, "percentage": p} for sec, p in retention(v)]
    countries = [(c, round(p, 4)) for c, p in v.countries]
    out["audience_countries"] = [{"country": c, "percentage": p} for c, p in countries]
    out["audience_genders"] = [
        {"gender": "Female", "percentage": round(v.female, 4)},
        {"gender": "Male", "percentage": round(0.97 - v.female, 4)},
        {"gender": "Other", "percentage": 0.03},
    ]
    out["audience_types"] = [
        {"type": "NEW_VIEWER", "percentage": round(v.new_viewer, 4)},
        {"type": "RETURN_VIEWER", "percentage": round(1 - v.new_viewer, 4)},
        {"type": "FOLLOWER_PERCENT", "percentage": round(v.follower_viewer, 4)},
        {"type": "NON_FOLLOWER_PERCENT", "percentage": round(1 - v.follower_viewer, 4)},
    ]
    return out


def video_list_pages(
    acc: DemoAccount, when: datetime, videos: list[DemoVideo], rng: random.Random, pages: int
) -> list[bytes]:
    out = []
    for p in range(pages):
        chunk = videos[p * 20 : (p + 1) * 20]
        more = (p + 1) * 20 < len(videos)
        last = chunk[-1].posted_at if chunk else when
        body = {
            "code": 0,
            "message": "OK",
            "request_id": _request_id(when + timedelta(seconds=3 * p), rng),
            "data": {
                "videos": [_api_video(acc, v, when.date()) for v in chunk],
                "cursor": int(last.timestamp()) * 1000,
                "has_more": more,
            },
        }
        out.append(json_bytes(body, pretty=False))
    return out
