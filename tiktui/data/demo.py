"""A realistic demo account, written *as the export files TikTok gives*.

``write_demo_files`` simulates one cooking creator, ``@lena.cooks``, over a
year and writes what she would have downloaded: Studio ZIPs (Overview every
four weeks plus one 365-day export, Followers, Content, Viewers), TikTok API
for Business JSON (``/business/get/`` and paged ``/business/video/list/``, now
and two weeks ago) and a HAR file of Studio's per-video insight responses.
``build_demo_store`` imports those files through the real pipeline, so the
demo exercises exactly the code a user's own files go through.

Everything derives from ``(today, seed)``: the same pair gives the same bytes.

The numbers are built so that every screen and every advisor rule has
something real to show (checked with seeds 1–30 and several "today"s):

* mix vs benchmark: account-wide For You ~79% (organic ~82%), Search ~5%
  (4–5× the 1.1% median) from a cluster of "how to … recipe" videos with
  9–25% Search;
* shifts: the last 28 days lean on search-friendly tutorials: Search ~10% of
  their views against ~2% for the 28 days before (which hold a viral video);
* outliers: Sound 8–15% on trending-audio videos, Profile 6–10% and
  Following 4–8% on storytimes, Direct Message 1–3% on "send this to…";
* spikes: two videos go viral (≥ 4× the 28-day median on three days, ~90%
  For You), about 188 and 42 days ago; paid campaigns stay under 3×;
* engagement 5–12% per organic video (~9–10% per period, above the 7.5%
  tier benchmark), paid ~3.5%;
* completion 0.15–0.8, short videos higher; the recent long tutorials pull
  the last 28 days under 40%;
* profile→follower conversion: ~8.5% until a bio rework about five weeks
  ago, ~13% since (it is a property of the day, not of the video);
* when to post: followers peak 18–21h; evening posts get ~1.35× the views
  of the 07–09h ones;
* organic vs paid: five promoted videos (~330, 260, 170, 110, 64 days ago)
  with ~4× the views, For You ~55% and Others ~30%;
* search terms for the twenty newest videos in the HAR (incl. ``[best]
  ramen``), one of them "not computed yet" (``status: 2``).
"""

from __future__ import annotations

import base64
import json
import math
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from .demo_files import (
    csv_bytes,
    day_month,
    epoch,
    import_written,
    json_bytes,
    month_day,
    short_month_day,
    slash_date,
    write_file,
    xlsx_bytes,
    zip_bytes,
)

if TYPE_CHECKING:
    from .store import Store

HANDLE = "lena.cooks"
STUDIO_HANDLE = "sol.studio"
"""The demo's second account: Studio downloads only (tiktui.data.studio_generator)."""
DISPLAY_NAME = "Lena Cooks"
YEAR_VIDEOS = 150
HISTORY_DAYS = 600  # simulated days before today (older videos feed the first windows)
YEAR_SPAN = 362  # the exported videos were posted within this many days
FOLLOWERS_YEAR_AGO = 48_000
FOLLOWERS_NOW = 61_000

# Revisions: Studio's last three days are provisional and grow in later exports.
PROVISIONAL = {1: 0.86, 2: 0.94, 3: 0.985}

# Business API labels and Studio web labels for each source key.
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
WEB_LABELS = {
    "for_you": "For You",
    "following": "Following",
    "profile": "Personal Profile",
    "search": "Search",
    "sound": "Sound",
    "other": "Others",  # Studio's web view folds Hashtag and Direct Message into Others
}

YEAR_MIX = {"how_to": 0.3, "sound": 0.18, "storytime": 0.16, "send_this": 0.1, "general": 0.26}
RECENT_HAND = ("how_to",) * 6 + ("sound", "storytime", "send_this", "general")
PREVIOUS_HAND = ("how_to", "how_to", "sound", "sound", "storytime", "storytime", "send_this",
                 "general", "general", "general")  # fmt: skip

WEEKDAY = (0.92, 0.95, 0.98, 1.0, 1.03, 1.1, 1.12)  # Monday first
# Share of followers active at each hour (UTC, which is Lena's Studio time zone).
ACTIVITY = (
    0.060, 0.040, 0.030, 0.025, 0.025, 0.035, 0.070, 0.120,
    0.160, 0.170, 0.150, 0.140, 0.150, 0.140, 0.130, 0.140,
    0.170, 0.210, 0.280, 0.320, 0.330, 0.300, 0.200, 0.110,
)  # fmt: skip


# -- what she cooks and says ---------------------------------------------------

# dish, emoji, the queries people type to find it
DISHES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "garlic butter pasta",
        "🍝",
        ("easy pasta recipe", "garlic butter pasta", "pasta dinner ideas"),
    ),
    (
        "breakfast burrito",
        "🌯",
        ("5 minute breakfast", "breakfast burrito recipe", "easy breakfast"),
    ),
    ("pork dumplings", "🥟", ("how to fold dumplings", "dumpling recipe", "homemade dumplings")),
    ("miso ramen", "🍜", ("[best] ramen", "miso ramen recipe", "ramen at home")),
    ("shakshuka", "🍳", ("shakshuka recipe", "easy eggs recipe", "one pan breakfast")),
    (
        "banana bread",
        "🍌",
        ("banana bread recipe", "easy banana bread", "what to do with old bananas"),
    ),
    ("chicken katsu", "🍗", ("chicken katsu recipe", "crispy chicken", "katsu curry")),
    ("lemon drizzle cake", "🍋", ("lemon drizzle cake", "easy cake recipe", "lemon cake")),
    ("crispy gnocchi", "🥔", ("crispy gnocchi", "gnocchi recipe", "sheet pan dinner")),
    ("chili oil noodles", "🌶️", ("chili oil noodles", "5 minute noodles", "spicy noodles recipe")),
    ("focaccia", "🍞", ("focaccia recipe", "no knead bread", "easy bread recipe")),
    ("smash burgers", "🍔", ("smash burger recipe", "how to make smash burgers", "burger sauce")),
    ("overnight oats", "🥣", ("overnight oats recipe", "5 minute breakfast", "healthy breakfast")),
    ("french onion soup", "🧅", ("french onion soup", "soup recipe", "how to caramelize onions")),
    ("green curry", "🍛", ("thai green curry recipe", "easy curry", "green curry paste")),
    ("sourdough", "🥖", ("sourdough for beginners", "sourdough starter", "how to make sourdough")),
    ("tiramisu", "☕", ("tiramisu recipe", "easy dessert", "no bake dessert")),
    ("egg fried rice", "🍚", ("egg fried rice", "fried rice recipe", "leftover rice recipe")),
    ("pad thai", "🥢", ("pad thai recipe", "easy pad thai", "noodle recipe")),
    ("cinnamon rolls", "🌀", ("cinnamon rolls recipe", "easy cinnamon rolls", "brunch ideas")),
    ("butter chicken", "🍗", ("butter chicken recipe", "easy curry", "indian dinner")),
    ("mac and cheese", "🧀", ("mac and cheese recipe", "baked mac and cheese", "comfort food")),
    ("birria tacos", "🌮", ("birria tacos recipe", "how to make birria", "taco tuesday")),
    ("carbonara", "🥓", ("authentic carbonara", "carbonara recipe", "easy pasta recipe")),
    ("crepes", "🥞", ("crepe recipe", "easy crepes", "5 minute breakfast")),
    ("salmon rice bowl", "🍣", ("salmon rice bowl", "healthy dinner", "easy salmon recipe")),
    ("brownies", "🍫", ("fudgy brownies", "brownie recipe", "easy dessert")),
    ("pho", "🍲", ("pho recipe", "how to make pho", "soup recipe")),
    ("risotto", "🍚", ("mushroom risotto", "risotto recipe", "how to make risotto")),
    ("croissants", "🥐", ("croissant recipe", "how to laminate dough", "baking for beginners")),
    ("dan dan noodles", "🍜", ("dan dan noodles", "spicy noodles recipe", "noodle recipe")),
    ("apple pie", "🥧", ("apple pie recipe", "easy pie crust", "fall baking")),
)

GENERIC_QUERIES = ("easy dinner ideas", "quick recipes", "cheap meals", "recipe ideas")
BRAND_QUERY = "lena cooks"

TEMPLATES: dict[str, tuple[str, ...]] = {
    "how_to": (
        "How to make {dish} at home (easy recipe) {e} #recipe #easyrecipe #cooking",
        "Easy {dish} recipe, ready in {n} minutes {e} #howto #recipe #dinnerideas",
        "The easiest {dish} you'll ever make, full recipe below 👇 {e} #easyrecipes #foodtok",
        "how to get {dish} right every time: 3 mistakes to avoid {e} #cookingtips #recipe",
        "{dish} recipe for beginners, step by step {e} #howto #learnontiktok",
    ),
    "sound": (
        "POV: the {dish} hits different {e} #trendingsound #foodtok #fyp",
        "{dish} but make it ✨aesthetic✨ {e} #asmrfood #fyp",
        "This sound + {dish} = perfection {e} #trend #foodtok",
        "When the {dish} comes out perfect 😮‍💨 {e} #fyp #satisfying",
    ),
    "storytime": (
        "Storytime: the day I served {dish} to my mother-in-law 😅 #storytime #cooking",
        "I got fired from my first kitchen job because of {dish}... part {n} #storytime",
        "Why I almost quit cooking videos (and what {dish} has to do with it) {e} #storytime",
        "The worst dinner party I ever hosted: a {dish} disaster, part {n} #storytime",
    ),
    "send_this": (
        "Send this to the friend who owes you {dish} 😂 {e} #sendthis #foodtok",
        "Send this to someone who can't cook (yet): {dish} in 3 steps {e} #sendthistoafriend",
        "Tag the person making you {dish} this weekend 👀 {e} #sendthis",
    ),
    "general": (
        "{dish} Sunday {e} #foodtok #homecooking",
        "What I eat in a week as a recipe developer, day {n}: {dish} {e} #whatieatinaweek",
        "Rainy day, {dish}, no notes {e} #comfortfood #cozy",
        "{dish} for dinner tonight, would you try it? {e} #dinner #foodtok",
    ),
}

# Captions that are user text with characters that break naive renderers.
SPECIAL_CAPTIONS = {
    "markup": "[bold red]NEW[/] 3-ingredient pancakes [@click=app.quit]Tap[/] 🥞 #breakfast",
    "quotes": (
        "\"Best pasta I've ever had,\" said my husband. Garlic, butter, parmesan, that's it 🍝"
    ),
    "newline": "Crispy gnocchi 🥔\nSave this for dinner tonight! #sheetpandinner #easyrecipe",
    "ramen": "How to make [best] ramen at home, easy 20 minute recipe 🍜 #ramen #recipe",
    "dumplings": "Send this to the friend who always burns the dumplings 🥟😂 #sendthis #dumplings",
    "viral_sound": "POV: the cheese pull hits different 🧀🎶 #trendingsound #fyp",
}


# -- the simulated account -----------------------------------------------------


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


def _kernel(age_days: int, hour: float, kind: str, tail: float) -> list[float]:
    """How a video's lifetime views spread over the days after posting."""
    day0 = max(0.05, (24.0 - hour) / 24.0)
    if kind == "viral":
        head = [0.02 * day0 * 2, 0.05, 0.30, 0.33, 0.12, 0.04, 0.025, 0.018]
    elif kind == "paid":
        head = [0.07 * day0] + [0.066] * 13 + [0.025, 0.018]
    else:
        head = [0.2 * day0, 0.24, 0.16, 0.105, 0.075, 0.055, 0.04, 0.03]
    weights = []
    for a in range(age_days):
        w = head[a] if a < len(head) else head[-1] * 0.85 ** (a - len(head) + 1)
        if a >= 1:
            w += tail * (a + 1) ** -1.15
        weights.append(w)
    total = sum(weights) + sum(tail * (a + 1) ** -1.15 for a in range(age_days, 365))
    return [w / total for w in weights]


def _normalise(mix: dict[str, float]) -> dict[str, float]:
    total = sum(mix.values())
    return {k: v / total for k, v in mix.items()}


def simulate(today: date, seed: int = 7) -> DemoAccount:
    """The whole account, day by day and video by video."""
    rng = random.Random(f"tiktui-demo:{seed}")
    start = today - timedelta(days=HISTORY_DAYS)
    n = HISTORY_DAYS  # index n - 1 is yesterday

    # -- when videos were posted (ages in days before today) --
    ages = []
    step = (YEAR_SPAN - 1) / (YEAR_VIDEOS - 1)
    for i in range(YEAR_VIDEOS):
        ages.append(round(1 + i * step + rng.uniform(-0.7, 0.7)))
    ages = sorted({min(YEAR_SPAN, max(1, a)) for a in ages})
    phantom_ages = [YEAR_SPAN + 2 + round(i * 2.4) for i in range(95)]

    def nearest(target: int, taken: set[int]) -> int:
        return min((a for a in ages if a not in taken), key=lambda a: (abs(a - target), a))

    taken: set[int] = set()
    viral_sound = nearest(190, taken)
    taken.add(viral_sound)
    viral_dm = nearest(45, taken)
    taken.add(viral_dm)
    paid_ages = []
    for target in (331, 262, 171, 109, 64):
        a = nearest(target, taken)
        taken.add(a)
        paid_ages.append(a)
    # The captions a UI must render literally sit on recent videos (Content.csv, HAR).
    recent = [a for a in ages if 2 <= a <= 30 and a not in taken]
    special_ages = {
        "markup": recent[1],
        "quotes": recent[3],
        "ramen": recent[4],
        "newline": recent[6],
    }
    taken.update(special_ages.values())
    old = [a for a in ages if a > 200 and a not in taken]
    inactive_ages = set(rng.sample(old, 8))

    # Categories of the last 8 weeks are dealt from fixed hands, so every seed
    # shows the shift: the last 28 days lean on search-friendly recipes.
    planned: dict[int, str] = {}
    for lo, hi, hand in ((1, 28, RECENT_HAND), (29, 56, PREVIOUS_HAND)):
        free = [a for a in ages if lo <= a <= hi and a not in taken]
        cards = list(hand)
        rng.shuffle(cards)
        cards += [cards[i % len(hand)] for i in range(len(free) - len(cards))]
        planned.update(zip(free, cards, strict=False))

    dish_order = list(range(len(DISHES)))
    rng.shuffle(dish_order)

    videos: list[DemoVideo] = []
    all_ages = sorted(set(ages) | set(phantom_ages), reverse=True)  # oldest first
    for k, age in enumerate(all_ages):
        exported = age <= YEAR_SPAN
        day = n - age
        if age in planned:
            category = planned[age]
        else:
            category = rng.choices(list(YEAR_MIX), list(YEAR_MIX.values()))[0]
        special = next((name for name, a in special_ages.items() if a == age), None)
        viral = age in (viral_sound, viral_dm)
        is_ad = age in paid_ages
        if age == viral_sound:
            category, special = "sound", "viral_sound"
        elif age == viral_dm:
            category, special = "send_this", "dumplings"
        elif special == "markup":
            category = "general"
        elif special in ("ramen", "newline"):
            category = "how_to"
        elif special == "quotes":
            category = "storytime"
        if is_ad:
            category = rng.choice(("how_to", "general"))

        # posting hour: evenings and mornings, a few at lunch
        slot = rng.random()
        if viral or slot < 0.52:
            hour, hour_mult = rng.choice((18, 19, 19, 20)), 1.35
        elif slot < 0.88:
            hour, hour_mult = rng.choice((7, 8, 8, 9)), 0.85
        else:
            hour, hour_mult = rng.choice((12, 13)), 1.0
        posted_at = datetime.combine(
            start + timedelta(days=day), time(hour, rng.randrange(60), rng.randrange(60)), UTC
        )
        vid = (int(posted_at.timestamp()) << 32) | rng.getrandbits(32)

        dish = dish_order[k % len(dish_order)]
        if special == "ramen":
            dish = 3
        elif special == "dumplings":
            dish = 2
        elif special == "newline":
            dish = 8
        if special:
            caption = SPECIAL_CAPTIONS[special]
        else:
            name, emoji, _ = DISHES[dish]
            caption = rng.choice(TEMPLATES[category]).format(
                dish=name, e=emoji, n=rng.choice((2, 3, 5, 10, 15, 20))
            )
            if rng.random() < 0.5:
                caption = caption[0].upper() + caption[1:]

        # length and how much of it people watch
        lo, hi = {"sound": (8, 20), "general": (15, 45), "how_to": (30, 95),
                  "storytime": (60, 175), "send_this": (12, 35)}[category]  # fmt: skip
        if category == "how_to" and age <= 28 and not is_ad:
            lo, hi = 95, 150  # the new search-friendly tutorials run long: few finish them
        duration = round(rng.uniform(lo, hi), 3)
        completion = 0.78 * math.exp(-duration / 70) + 0.08 + rng.uniform(-0.04, 0.04)
        completion = min(0.8, max(0.15, completion))
        hook = max(completion + 0.05, rng.uniform(0.55, 0.82))

        # lifetime views
        growth = 1.2 + 0.7 * max(0.0, 1 - age / 365) if exported else 1.2
        cat_mult = {"how_to": 1.1, "sound": 1.2, "storytime": 0.9, "send_this": 1.0,
                    "general": 0.85}[category]  # fmt: skip
        if viral:
            lifetime = 1_600_000 if age == viral_dm else 1_250_000
            kind, tail = "viral", 0.02
        elif is_ad:
            lifetime = rng.uniform(320_000, 450_000)
            kind, tail = "paid", 0.03
        else:
            lifetime = (
                50_000
                * growth
                * cat_mult
                * hour_mult
                * min(1.6, max(0.55, rng.lognormvariate(0, 0.4)))
            )
            lifetime = max(8_000.0, lifetime)
            kind, tail = "organic", (0.07 if category == "how_to" else 0.035)
        kern = _kernel(min(age, 365), hour + posted_at.minute / 60, kind, tail)
        daily = [0.0] * n
        for a, w in enumerate(kern):
            j = day + a
            if j >= n:
                break
            wd = WEEKDAY[(start + timedelta(days=j)).weekday()]
            daily[j] = lifetime * w * wd * rng.uniform(0.9, 1.1)

        v = DemoVideo(
            video_id=str(vid),
            posted_at=posted_at,
            day=day,
            category=category,
            caption=caption,
            dish=dish,
            duration=duration,
            is_ad=is_ad,
            viral=viral,
            exported=exported,
            inactive=age in inactive_ages,
            daily=daily,
            completion=round(completion, 4),
            hook=hook,
        )

        # engagement = (likes + comments + shares) / views
        eng = {"how_to": 0.088, "sound": 0.097, "storytime": 0.105, "send_this": 0.11,
               "general": 0.078}[category] * rng.uniform(0.8, 1.2)  # fmt: skip
        if is_ad:
            eng = rng.uniform(0.033, 0.042)
        elif viral:
            eng = 0.118 if age == viral_dm else 0.102
        eng = min(0.12, max(0.04, eng)) if not is_ad else eng
        share_part = 0.22 if category == "send_this" else (0.14 if category == "how_to" else 0.1)
        comment_part = 0.07 if category == "storytime" else 0.04
        v.share_rate = eng * share_part
        v.comment_rate = eng * comment_part
        v.like_rate = eng - v.share_rate - v.comment_rate
        v.save_rate = (0.035 if category == "how_to" else 0.012) * rng.uniform(0.7, 1.3)
        v.reach_rate = rng.uniform(0.72, 0.86) if not viral else 0.91
        v.watch_frac = min(1.15, 0.3 + 0.65 * completion + rng.uniform(-0.03, 0.03))

        # profile visits and the share of visitors who follow
        v.pv_rate = {"storytime": 0.016, "how_to": 0.008, "sound": 0.007, "send_this": 0.009,
                     "general": 0.009}[category] * rng.uniform(0.8, 1.2)  # fmt: skip
        if viral:
            v.pv_rate = 0.006
        if is_ad:
            v.pv_rate = 0.012
        v.conv = rng.uniform(0.9, 1.1)  # × the day's profile conversion (see conv_day)

        # where the views come from
        mix = {
            "following": rng.uniform(0.012, 0.028),
            "profile": rng.uniform(0.015, 0.03),
            "search": rng.uniform(0.01, 0.03),
            "sound": rng.uniform(0.006, 0.016),
            "hashtag": rng.uniform(0.006, 0.016),
            "direct_message": rng.uniform(0.002, 0.006),
            "other": rng.uniform(0.02, 0.04),
        }
        if category == "how_to":
            mix["search"] = rng.uniform(0.15, 0.25) if age <= 28 else rng.uniform(0.09, 0.16)
            mix["profile"] = rng.uniform(0.02, 0.03)
        elif category == "sound":
            mix["sound"] = rng.uniform(0.08, 0.15)
        elif category == "storytime":
            mix["profile"] = rng.uniform(0.06, 0.10)
            mix["following"] = rng.uniform(0.04, 0.08)
        elif category == "send_this":
            mix["direct_message"] = rng.uniform(0.012, 0.03)
        if viral:
            mix = {k2: x * 0.5 for k2, x in mix.items()}
            if category == "sound":
                mix["sound"] = 0.045
        if is_ad:
            mix = {"following": 0.03, "profile": 0.04, "search": 0.03, "sound": 0.02,
                   "hashtag": 0.02, "direct_message": 0.01,
                   "other": rng.uniform(0.27, 0.33)}  # fmt: skip
        rest = sum(mix.values())
        v.mix = _normalise({"for_you": max(0.3, 1 - rest), **mix})

        # who watches
        us = rng.uniform(0.36, 0.46)
        v.countries = [("US", us), ("GB", rng.uniform(0.1, 0.14)), ("CA", rng.uniform(0.07, 0.1)),
                       ("AU", rng.uniform(0.05, 0.08)),
                       (rng.choice(("DE", "IE", "NZ", "PH")), rng.uniform(0.02, 0.05))]  # fmt: skip
        v.female = rng.uniform(0.54, 0.66)
        v.new_viewer = 0.93 if viral else rng.uniform(0.62, 0.82)
        v.follower_viewer = 0.03 if viral else rng.uniform(0.06, 0.2)

        # what people typed to find it
        queries = list(DISHES[dish][2])
        if category == "how_to":
            queries.append(rng.choice(GENERIC_QUERIES))
            parts = sorted((rng.uniform(0.2, 1.0) for _ in queries), reverse=True)
            scale = rng.uniform(0.55, 0.8) / (sum(parts) + 0.1)
            v.terms = [(q, round(p * scale, 4)) for q, p in zip(queries, parts, strict=True)]
            v.terms.append((BRAND_QUERY, round(0.1 * scale, 4)))
        else:
            v.terms = [(queries[0], round(rng.uniform(0.08, 0.25), 4))]
            if rng.random() < 0.5:
                v.terms.append((BRAND_QUERY, round(rng.uniform(0.03, 0.1), 4)))
        videos.append(v)

    # -- the account, day by day: sums over the videos --
    # Profile → follower conversion: ~8.5% until Lena reworked her bio and pinned
    # videos about five weeks ago, ~13% since.
    conv_day = [0.085 + 0.045 * min(1.0, max(0.0, (j - (n - 40)) / 10)) for j in range(n)]
    views = [0.0] * n
    profile_views = [0.0] * n
    likes = [0.0] * n
    comments = [0.0] * n
    shares = [0.0] * n
    gained_raw = [0.0] * n
    for v in videos:
        for j in range(v.day, n):
            x = v.daily[j]
            if x:
                views[j] += x
                profile_views[j] += x * v.pv_rate
                likes[j] += x * v.like_rate
                comments[j] += x * v.comment_rate
                shares[j] += x * v.share_rate
                gained_raw[j] += x * v.pv_rate * v.conv * conv_day[j]
    profile_views = [p * 1.04 for p in profile_views]  # visits not from a video

    # followers: scale gains so the year runs from ~48k to ~61k
    year = range(n - 365, n)
    lost_rate = [0.00022 * rng.uniform(0.8, 1.2) for _ in range(n)]
    approx = [FOLLOWERS_YEAR_AGO + (FOLLOWERS_NOW - FOLLOWERS_YEAR_AGO) * (j - (n - 365)) / 365
              for j in range(n)]  # fmt: skip
    lost_year = sum(lost_rate[j] * approx[j] for j in year)
    scale = (FOLLOWERS_NOW - FOLLOWERS_YEAR_AGO + lost_year) / sum(gained_raw[j] for j in year)
    conv_day = [c * scale for c in conv_day]
    negative_day = n - 33  # a day with more lost than gained
    gained = [round(g * scale) for g in gained_raw]
    base = FOLLOWERS_YEAR_AGO - sum(gained[: n - 365])
    for _ in range(4):  # losses depend on the total: settle the starting count
        lost, followers = [], []
        total = base
        for j in range(n):
            lo = gained[j] + 37 if j == negative_day else round(lost_rate[j] * total)
            lost.append(lo)
            total += gained[j] - lo
            followers.append(total)
        base += FOLLOWERS_YEAR_AGO - followers[n - 366]

    activity: dict[tuple[int, int], int] = {}
    for j in range(n - 61, n + 1):
        wd = WEEKDAY[(start + timedelta(days=j)).weekday()]
        f = followers[min(j, n - 1)]
        for h in range(24):
            activity[(j, h)] = round(f * ACTIVITY[h] * (0.5 + 0.5 * wd) * rng.uniform(0.95, 1.05))

    reach_noise = [rng.uniform(0.64, 0.72) for _ in range(n)]
    viewer_noise = [rng.uniform(0.48, 0.56) for _ in range(n)]
    clicks = []
    for j in range(n):
        pv = profile_views[j]
        clicks.append(
            (
                rng.choice((0, 0, 0, 1, 1, 2)),
                rng.choice((0, 0, 0, 0, 1)),
                round(pv * rng.uniform(0.015, 0.025)),
                round(pv * rng.uniform(0.02, 0.03)),
            )
        )
    nan_days = set(rng.sample(range(n - 360, n - 70), 4))
    deleted_comments_day = n - 83
    return DemoAccount(
        today=today,
        start=start,
        days=n,
        videos=videos,
        views=views,
        profile_views=profile_views,
        likes=likes,
        comments=comments,
        shares=shares,
        gained=gained,
        lost=lost,
        followers=followers,
        activity=activity,
        reach_noise=reach_noise,
        viewer_noise=viewer_noise,
        clicks=clicks,
        nan_reach_days=nan_days,
        conv_day=conv_day,
        deleted_comments_day=deleted_comments_day,
    )


# -- what an export made on a given day says -----------------------------------


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
    mix = _normalise(mix)
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


def _shares(mix: dict[str, float], labels: dict[str, str]) -> list[tuple[str, float]]:
    """Fractions per label, rounded to 4 places, summing to exactly 1."""
    grouped: dict[str, float] = {}
    for key, share in mix.items():
        label = labels.get(key, labels["other"])
        grouped[label] = grouped.get(label, 0.0) + share
    out = [(label, round(share, 4)) for label, share in grouped.items()]
    drift = round(1.0 - sum(s for _, s in out), 4)
    out[0] = (out[0][0], round(out[0][1] + drift, 4))
    return sorted(out, key=lambda p: -p[1])


def _retention(v: DemoVideo) -> list[tuple[int, float]]:
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


# -- the files -------------------------------------------------------------------


def _at(d: date, hh: int, mm: int = 0, ss: int = 0) -> datetime:
    return datetime.combine(d, time(hh, mm, ss), UTC)


def _request_id(when: datetime, rng: random.Random) -> str:
    return when.strftime("%Y%m%d%H%M%S") + "".join(
        rng.choice("0123456789ABCDEF") for _ in range(20)
    )


OVERVIEW_SHORT = ("Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares")
OVERVIEW_LONG = (
    "Date", "Video Views", "Reached Audience", "Profile Views", "Likes", "Shares", "Comments",
    "Phone number clicks", "Leads", "Net growth", "New followers", "Lost followers",
    "Website clicks",
)  # fmt: skip


def _overview_zip(acc: DemoAccount, export_day: date, span: int, style: str) -> tuple[str, bytes]:
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
    made = _at(export_day, 10, 12, 5)
    return name, zip_bytes([("Overview.csv", csv_bytes(header, body))], made)


def _followers_zip(acc: DemoAccount, export: datetime) -> bytes:
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


def _content_zip(acc: DemoAccount, export: datetime, iso: bool) -> bytes:
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


def _viewers_zip(acc: DemoAccount, export: datetime) -> bytes:
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


def _business_get(acc: DemoAccount, when: datetime, rng: random.Random) -> bytes:
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
                    for label, share in _shares(s.mix, API_LABELS)
                ],
            }
        )
    out["video_view_retention"] = [{"second": sec, "percentage": p} for sec, p in _retention(v)]
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


def _video_list_pages(
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
                        for label, share in _shares(s.mix, WEB_LABELS)
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
                    "list": [
                        {"timestamp": str(sec * 1000), "value": p} for sec, p in _retention(v)
                    ],
                }
            }
        body["video_finish_rate_realtime"] = {"value": {"status": 0, "value": s.completion}}
        body["video_per_duration_realtime"] = {"value": {"status": 0, "value": s.avg_watch}}
        body["video_total_duration_realtime"] = {"value": {"status": 0, "value": s.total_watch}}
    body["status_code"] = 0
    body["status_msg"] = ""
    return body


def _har(acc: DemoAccount, when: datetime, videos: list[DemoVideo]) -> bytes:
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
        return {
            "startedDateTime": clock.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
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


def _account_capture(acc: DemoAccount, when: datetime) -> bytes:
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
                    {"key": label, "value": share} for label, share in _shares(mix, WEB_LABELS)
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


def write_demo_files(folder: Path, *, today: date, seed: int = 7) -> list[Path]:
    """Write the demo account's exports into folder, exactly as TikTok would give them."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    acc = simulate(today, seed)
    rng = random.Random(f"tiktui-demo-files:{seed}")
    written: list[Path] = []

    # Studio Overview: 60-day windows every four weeks, older ones in the short
    # variant, one in day-month order, recent ones with "New followers".
    for k in range(12):
        export_day = today - timedelta(days=28 * k)
        style = "month_day+followers" if k < 4 else ("day_month" if k == 7 else "month_day")
        name, data = _overview_zip(acc, export_day, 60, style)
        written.append(write_file(folder, name, data, _at(export_day, 10, 12, 5)))
    long_day = today - timedelta(days=14)
    name, data = _overview_zip(acc, long_day, 365, "long")
    written.append(write_file(folder, name, data, _at(long_day, 10, 12, 5)))

    made = _at(today, 13, 20, 41)
    written.append(write_file(folder, f"Followers_{HANDLE}.zip", _followers_zip(acc, made), made))
    older = _at(today - timedelta(days=29), 9, 41, 2)
    written.append(
        write_file(folder, f"Content_{HANDLE}.zip", _content_zip(acc, older, iso=True), older)
    )
    newer = _at(today - timedelta(days=1), 21, 3, 17)
    written.append(
        write_file(folder, f"Content_{HANDLE} (1).zip", _content_zip(acc, newer, iso=False), newer)
    )
    made = _at(today, 13, 22, 9)
    written.append(write_file(folder, f"Viewers_{HANDLE}.zip", _viewers_zip(acc, made), made))

    # TikTok API for Business, saved responses.
    now = _at(today, 8, 4, 31)
    written.append(write_file(folder, "business_get.json", _business_get(acc, now, rng), now))
    listed = acc.exported
    pages = math.ceil(len(listed) / 20)
    for p, data in enumerate(_video_list_pages(acc, now, listed, rng, pages), start=1):
        when = now + timedelta(seconds=3 * (p - 1))
        written.append(write_file(folder, f"video_list_page_{p:02d}.json", data, when))
    then = _at(today - timedelta(days=14), 8, 11, 52)
    earlier = [v for v in listed if v.posted_at < then - timedelta(days=1)]
    data = _video_list_pages(acc, then, earlier, rng, 1)[0]
    written.append(write_file(folder, "video_list_2_weeks_ago_page_01.json", data, then))

    # Studio's per-video insight responses, saved from the browser.
    captured = _at(today - timedelta(days=2), 21, 14, 3)
    recent = [v for v in listed if v.posted_at < captured - timedelta(hours=20)][:20]
    written.append(write_file(folder, "studio_insights.har", _har(acc, captured, recent), captured))
    overview_page = _at(today, 9, 2, 44)
    written.append(
        write_file(
            folder,
            "studio_overview_capture.json",
            _account_capture(acc, overview_page),
            overview_page,
        )
    )
    return written


def build_demo_store(root: Path, *, today: date | None = None, seed: int = 7) -> Store:
    """Write the files into root/'exports', import them through the real pipeline into a
    store at root/'store', return the store. Raises if any demo file is refused.

    The store holds two accounts: ``@lena.cooks`` (every kind of export) and
    ``@sol.studio`` (:data:`STUDIO_HANDLE`), which has only what Studio's "Download
    data" gives — the account most creators have (tiktui.data.studio_generator),
    with some files in the Spanish interface. The account switcher (``a``) shows both.
    """
    from .studio_generator import write_studio_files

    root = Path(root)
    today = today or date.today()
    folder = root / "exports"
    write_demo_files(folder, today=today, seed=seed)
    studio = root / "exports-studio"
    write_studio_files(studio, today=today, seed=seed, handle=STUDIO_HANDLE, language="es")
    return import_written(root / "store", [folder, studio], today, "demo")
