"""The demo account's identity, who follows her, and the shapes the simulation fills in.

Everything here is fixed or filled in by :func:`tiktui.data.demo.simulation.simulate`; the
export writers (studio, api, web) read a :class:`DemoAccount` and never simulate anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

HANDLE = "lena.cooks"
STUDIO_HANDLE = "sol.studio"
"""The demo's second account: Studio downloads only (tiktui.data.studio_generator)."""
DISPLAY_NAME = "Lena Cooks"

# Who follows her: Studio's Followers export and the Business API state the same split.
FOLLOWER_GENDERS = (("Female", "0.59"), ("Male", "0.38"), ("Other", "0.03"))
TERRITORIES = (
    ("US", "0.41"), ("GB", "0.12"), ("CA", "0.09"), ("AU", "0.07"), ("DE", "0.05"),
    ("Others", "0.26"),
)  # fmt: skip
AGES = (("18-24", 0.22), ("25-34", 0.38), ("35-44", 0.24), ("45-54", 0.11), ("55+", 0.05))
CITIES = (
    ("London", 0.061), ("New York", 0.048), ("Los Angeles", 0.037), ("Toronto", 0.031),
    ("Sydney", 0.024), ("Chicago", 0.019),
)  # fmt: skip


@dataclass
class DemoVideo:
    video_id: str
    posted_at: datetime
    day: int  # index of the posting day in the daily arrays
    category: str  # how_to | sound | storytime | send_this | general
    caption: str
    dish: int
    duration: float
    is_ad: bool
    viral: bool
    exported: bool
    inactive: bool = False
    daily: list[float] = field(default_factory=list)  # views per day index
    like_rate: float = 0.0
    comment_rate: float = 0.0
    share_rate: float = 0.0
    save_rate: float = 0.0
    reach_rate: float = 0.8
    completion: float = 0.5
    hook: float = 0.7
    watch_frac: float = 0.5
    pv_rate: float = 0.01
    conv: float = 1.0  # how much better or worse than the day's conversion its visitors follow
    mix: dict[str, float] = field(default_factory=dict)
    countries: list[tuple[str, float]] = field(default_factory=list)
    female: float = 0.6
    new_viewer: float = 0.75
    follower_viewer: float = 0.12
    terms: list[tuple[str, float]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"https://www.tiktok.com/@{HANDLE}/video/{self.video_id}"

    def followers_before(self, day: int, conv_day: list[float]) -> float:
        """Views over the days before ``day``, each × that day's profile→follow conversion."""
        end = max(self.day, day)
        return self.conv * sum(
            x * c for x, c in zip(self.daily[self.day : end], conv_day[self.day : end], strict=True)
        )

    def views_before(self, day: int) -> float:
        """Lifetime views over the days before ``day`` (complete days only)."""
        return sum(self.daily[self.day : max(self.day, day)])


@dataclass
class DemoAccount:
    today: date
    start: date
    days: int
    videos: list[DemoVideo]  # every simulated video, oldest first
    views: list[float]
    profile_views: list[float]
    likes: list[float]
    comments: list[float]
    shares: list[float]
    gained: list[int]
    lost: list[int]
    followers: list[int]  # total at the end of each day
    activity: dict[tuple[int, int], int]  # (day index, hour) -> active followers
    reach_noise: list[float]
    viewer_noise: list[float]
    clicks: list[tuple[int, int, int, int]]  # phone, leads, website, bio link
    nan_reach_days: set[int]
    conv_day: list[float]  # share of profile visitors who follow, by day
    deleted_comments_day: int

    def index(self, d: date) -> int:
        return (d - self.start).days

    def date_of(self, i: int) -> date:
        return self.start + timedelta(days=i)

    @property
    def exported(self) -> list[DemoVideo]:
        """The videos of the last year, newest first (what the API lists)."""
        return sorted(
            (v for v in self.videos if v.exported), key=lambda v: v.posted_at, reverse=True
        )


def normalise(mix: dict[str, float]) -> dict[str, float]:
    """The same mix scaled to sum to 1."""
    total = sum(mix.values())
    return {k: v / total for k, v in mix.items()}
