"""The simulated account, day by day and video by video: every number the export writers
show comes from here. The constants tune the year so every screen and advisor rule has
something to show (see the package docstring)."""

from __future__ import annotations

import math
import random
from datetime import UTC, date, datetime, time, timedelta

from .account import DemoAccount, DemoVideo, normalise
from .recipes import BRAND_QUERY, DISHES, GENERIC_QUERIES, SPECIAL_CAPTIONS, TEMPLATES

YEAR_VIDEOS = 150
HISTORY_DAYS = 600  # simulated days before today (older videos feed the first windows)
YEAR_SPAN = 362  # the exported videos were posted within this many days
FOLLOWERS_YEAR_AGO = 48_000
FOLLOWERS_NOW = 61_000

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
        v.mix = normalise({"for_you": max(0.3, 1 - rest), **mix})

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
