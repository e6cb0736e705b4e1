"""What an export made on a given day says: a day's account row (recent days still
provisional), a video's lifetime totals and source mix as of that day, and the source
shares and retention curve every format states the same way."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from .account import DemoAccount, DemoVideo, normalise

# Revisions: Studio's last three days are provisional and grow in later exports.
PROVISIONAL = {1: 0.86, 2: 0.94, 3: 0.985}


@dataclass(frozen=True)
class DayRow:
    date: date
    video_views: int
    profile_views: int
    likes: int
    comments: int
    shares: int
    followers: int
    gained: int
    lost: int

    @property
    def net(self) -> int:
        return self.gained - self.lost


def day_row(acc: DemoAccount, j: int, export_day: date) -> DayRow:
    """Day ``j`` as an export made on ``export_day`` shows it (recent days provisional)."""
    d = acc.date_of(j)
    factor = PROVISIONAL.get((export_day - d).days, 1.0)
    comments = round(acc.comments[j] * factor)
    if j == acc.deleted_comments_day:
        comments = -1  # comments were deleted that day
    return DayRow(
        date=d,
        video_views=round(acc.views[j] * factor),
        profile_views=round(acc.profile_views[j] * factor),
        likes=round(acc.likes[j] * factor),
        comments=comments,
        shares=round(acc.shares[j] * factor),
        followers=acc.followers[j],
        gained=acc.gained[j],
        lost=acc.lost[j],
    )


@dataclass(frozen=True)
class VideoState:
    views: int
    likes: int
    comments: int
    shares: int
    saves: int
    reach: int
    avg_watch: float
    total_watch: float
    completion: float
    new_followers: int
    profile_views: int
    mix: dict[str, float]


def video_state(acc: DemoAccount, v: DemoVideo, captured: date) -> VideoState:
    """A video's lifetime totals as an export made on ``captured`` shows them."""
    views = v.views_before(acc.index(captured))
    age = (captured - v.posted_at.date()).days
    # Search keeps finding a video as it ages; Following is strongest at first.
    ramp = min(1.0, age / 21)
    mix = dict(v.mix)
    mix["search"] *= 0.55 + 0.45 * ramp
    mix["following"] *= 1.2 - 0.2 * ramp
    mix = normalise(mix)
    avg = v.duration * v.watch_frac
    return VideoState(
        views=round(views),
        likes=round(views * v.like_rate),
        comments=round(views * v.comment_rate),
        shares=round(views * v.share_rate),
        saves=round(views * v.save_rate),
        reach=round(views * v.reach_rate),
        avg_watch=round(avg, 2),
        total_watch=round(avg * views),
        completion=v.completion,
        new_followers=round(v.followers_before(acc.index(captured), acc.conv_day) * v.pv_rate),
        profile_views=round(views * v.pv_rate),
        mix=mix,
    )


def shares_by_label(mix: dict[str, float], labels: dict[str, str]) -> list[tuple[str, float]]:
    """Fractions per label, rounded to 4 places, summing to exactly 1."""
    grouped: dict[str, float] = {}
    for key, share in mix.items():
        label = labels.get(key, labels["other"])
        grouped[label] = grouped.get(label, 0.0) + share
    out = [(label, round(share, 4)) for label, share in grouped.items()]
    drift = round(1.0 - sum(s for _, s in out), 4)
    out[0] = (out[0][0], round(out[0][1] + drift, 4))
    return sorted(out, key=lambda p: -p[1])


def retention(v: DemoVideo) -> list[tuple[int, float]]:
    """(second, share still watching) from 0 to the video's length, in about 40 steps."""
    d = max(1, int(v.duration))
    step = max(1, math.ceil(d / 40))
    points = []
    for s in range(0, d + 1, step):
        if s == 0:
            r = 1.0
        elif s < 3:
            r = 1 - (1 - v.hook) * (0.6 if s == 1 else 0.85)
        else:
            r = v.hook * (v.completion / v.hook) ** ((s - 3) / max(1, d - 3))
        points.append((s, round(r, 4)))
    if points[-1][0] != d:
        points.append((d, round(v.completion, 4)))
    return points


def at(d: date, hh: int, mm: int = 0, ss: int = 0) -> datetime:
    """The moment on day ``d`` an export was made or a response saved (UTC)."""
    return datetime.combine(d, time(hh, mm, ss), UTC)
