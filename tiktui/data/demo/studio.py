"""The Studio "Download data" ZIPs: Overview (short, day-month and 365-day variants),
Followers, Content and Viewers, as an export made on a given day holds them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ..demo_files import (
    csv_bytes,
    day_month,
    epoch,
    month_day,
    short_month_day,
    slash_date,
    xlsx_bytes,
    zip_bytes,
)
from .account import FOLLOWER_GENDERS, HANDLE, TERRITORIES, DemoAccount
from .day import at, day_row, video_state

OVERVIEW_SHORT = ("Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares")
OVERVIEW_LONG = (
    "Date", "Video Views", "Reached Audience", "Profile Views", "Likes", "Shares", "Comments",
    "Phone number clicks", "Leads", "Net growth", "New followers", "Lost followers",
    "Website clicks",
)  # fmt: skip


def overview_zip(acc: DemoAccount, export_day: date, span: int, style: str) -> tuple[str, bytes]:
    first = export_day - timedelta(days=span)
    last = export_day - timedelta(days=1)
    rows = [day_row(acc, acc.index(first) + i, export_day) for i in range(span)]
    fmt = {"month_day": month_day, "day_month": day_month, "slash": slash_date}
    if style == "long":
        header: tuple[str, ...] = OVERVIEW_LONG
        body = []
        for r in rows:
            j = acc.index(r.date)
            reach = "NaN" if j in acc.nan_reach_days else round(r.video_views * acc.reach_noise[j])
            phone, leads, website, _bio = acc.clicks[j]
            body.append(
                (slash_date(r.date), r.video_views, reach, r.profile_views, r.likes, r.shares,
                 r.comments, phone, leads, r.net, r.gained, r.lost, website)
            )  # fmt: skip
    else:
        new_variant = style.endswith("+followers")
        header = OVERVIEW_SHORT + (("New followers",) if new_variant else ())
        date_fmt = fmt[style.removesuffix("+followers")]
        body = []
        for r in rows:
            row: tuple[object, ...] = (date_fmt(r.date), r.video_views, r.profile_views, r.likes,
                                       r.comments, r.shares)  # fmt: skip
            body.append(row + ((r.net,) if new_variant else ()))
    name = f"Overview_{first.isoformat()}_{epoch(last)}_{HANDLE}.zip"
    made = at(export_day, 10, 12, 5)
    return name, zip_bytes([("Overview.csv", csv_bytes(header, body))], made)


def followers_zip(acc: DemoAccount, export: datetime) -> bytes:
    day = export.date()
    hist = []
    for i in range(60, 0, -1):
        j = acc.index(day) - i
        prev = acc.followers[j - 1]
        hist.append((month_day(acc.date_of(j)), acc.followers[j], acc.followers[j] - prev))
    activity = []
    for i in range(6, -1, -1):
        d = day - timedelta(days=i)
        j = acc.index(d)
        for h in range(24):
            count = 0 if (i == 0 and h >= export.hour) else acc.activity[(j, h)]
            activity.append((short_month_day(d), h, count))
    entries = [
        ("FollowerHistory.csv",
         csv_bytes(("Date", "Followers", "Difference in followers from previous day"), hist)),
        ("FollowerActivity.csv", csv_bytes(("Date", "Hour", "Active followers"), activity)),
        ("FollowerGender.csv",
         csv_bytes(("Gender", "Distribution"), [(g, s) for g, s in FOLLOWER_GENDERS])),
        ("FollowerTopTerritories.csv",
         csv_bytes(("Top territories", "Distribution"), [(c, s) for c, s in TERRITORIES])),
    ]  # fmt: skip
    return zip_bytes(entries, export)


def content_zip(acc: DemoAccount, export: datetime, iso: bool) -> bytes:
    day = export.date()
    listed = [v for v in acc.exported if v.posted_at.date() <= day - timedelta(days=2)][:15]
    rows = []
    for v in listed:
        s = video_state(acc, v, day)
        posted = v.posted_at.strftime("%Y-%m-%d %H:%M") if iso else month_day(v.posted_at.date())
        rows.append(
            (month_day(day), v.caption, v.url, posted, s.likes, s.comments, s.shares, s.views)
        )
    header = ("Time", "Video title", "Video link", "Post time", "Total likes", "Total comments",
              "Total shares", "Total views")  # fmt: skip
    return zip_bytes([("Content.csv", csv_bytes(header, rows))], export)


def viewers_zip(acc: DemoAccount, export: datetime) -> bytes:
    day = export.date()
    rows: list[list[object]] = [["Date", "Total Viewers", "New Viewers", "Returning Viewers"]]
    for i in range(60, 0, -1):
        j = acc.index(day) - i
        label = month_day(acc.date_of(j))
        if i <= 2:
            rows.append([label, "undefined", "undefined", "undefined"])
            continue
        r = day_row(acc, j, day)
        total = round(r.video_views * acc.viewer_noise[j])
        new = round(total * 0.78)
        cells: list[object] = [label, total, new, total - new]
        if i % 9 == 4:  # some rows hold numbers stored as text
            cells = [label, str(total), str(new), str(total - new)]
        rows.append(cells)
    return zip_bytes([("Viewers.xlsx", xlsx_bytes(rows, export))], export)
