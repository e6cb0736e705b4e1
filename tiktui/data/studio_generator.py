"""Seeded Studio-only accounts: what a creator gets from Studio's "Download data", for a year.

``write_studio_files(folder, today=…, seed=…)`` writes the files a creator
who never used the Business API or saved a HAR would have: Overview ZIPs
(60-day windows every four weeks and one 365-day export), Content ZIPs
(monthly, the 15 newest videos with lifetime totals and a posting time),
Followers ZIPs (FollowerHistory, FollowerActivity, gender, territories) and
a Viewers ZIP — CSV inside ZIPs named as Studio names them
(``Overview_<first day>_<epoch>_<handle>.zip``, ``Content_<handle> (1).zip``).
With ``language="es"`` every other Overview window and the Followers and
Viewers files are in the Spanish interface (``Fecha``, ``27 de febrero``), as
when a creator switches the app's language during the year; ``language="el"``
does the same in Greek (``Ημερομηνία``, ``27 Φεβρουαρίου``), its headers taken
from the importer's spellings (``importers/studio/spellings/el.json``) and
its month names from the language data (``lang/months.json``), so the
generator writes what the importer reads and nothing is typed twice.

Everything derives from the arguments: the same call gives the same bytes.
All hours are UTC (Studio's FollowerActivity and posting times as stored);
compare them with ``[display] timezone = "UTC"``.

**Effects planted** (``null=False``; "now" is the 90 days to yesterday,
"before" the 90 days before that). A rule that reads the right file, with
the default thresholds, should find each of these:

* **start from almost nothing** — the account's first 30 days hold about 3
  views a day and no video; the first videos then lift it to hundreds a day
  (a multiple over 20× against those empty weeks: true, and worth nothing);
* **timing** — followers are most active 19:00–21:00 UTC (about 2.5× the
  average hour), on every day of FollowerActivity's 7 days, Sundays busiest;
  videos posted 18:00–21:00 get about 2× the lifetime views per day of age
  of those posted 07:00–10:00, and about half the videos go out at each;
* **loyalty** — returning viewers are ~12% of daily viewers before and
  ~25% now (Viewers: total, new and returning per day);
* **profile → follower** — net followers ÷ profile views is ~4% before and
  ~8% now (a bio rework 90 days ago), profile views staying ~3% of views;
  so **follower growth per 1,000 views** doubles too (~0.6 → ~1.2);
* **cadence** — three videos a week until 90 days ago, one a week since,
  and daily views fall with it;
* **a real spike** — the first video posted from 40 days before ``today``
  goes viral: its first days reach ≥ 5× the level the account held the 28
  days before.

Not planted (the files cannot carry them): traffic sources, search terms,
retention, paid videos.

**Null accounts** (``null=True``): a steady account already running before
the year starts — two videos a week at hours spread over the day, every
video alike (±10%), flat follower activity over the hours and days, 20%
returning viewers, net followers 5% of profile views and profile views 3%
of views throughout, engagement at the 7.5% tier benchmark. Every rule
should stay silent on it.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from .demo_files import (
    csv_bytes,
    epoch,
    import_written,
    month_day,
    short_month_day,
    slash_date,
    write_file,
)
from .demo_files import zip_bytes as _zip
from .importers.studio.headers import SPELLINGS
from .lang.tables import cldr_data

if TYPE_CHECKING:
    from .store import Store

DAYS = 365
PROFILE_SHARE = 0.03  # profile views per video view, every day
CHANGE_AGO = 90  # the "now" period starts this many days before today
VIRAL_AGO = 40
QUIET_DAYS = 30  # the effects account's empty first weeks
TAU = 10.0  # days: a video's views fade like exp(-age / TAU)
LEAD_IN = 100  # the null account posted this many days before the year starts

ES_MONTHS = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
    "septiembre", "octubre", "noviembre", "diciembre",
)  # fmt: skip


def es_day(d: date) -> str:
    """``27 de febrero``: Studio's Spanish day, without a year."""
    return f"{d.day} de {ES_MONTHS[d.month - 1]}"


def _first(lang: str, *columns: str) -> tuple[str, ...]:
    """The first spelling of each column's header in ``lang``'s spellings file."""
    headers = SPELLINGS[lang]["headers"]
    return tuple(next(iter(headers[c])) for c in columns)


def el_day(d: date) -> str:
    """``27 Φεβρουαρίου``: a day and the month's (genitive) name from the language data."""
    months = cldr_data()["languages"]["el"]["months"]
    return f"{d.day} {months[d.month - 1][0]}"


def _gender(lang: str) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    values = SPELLINGS[lang]["gender_values"]
    shares = (("female", "0.55"), ("male", "0.42"), ("other", "0.03"))
    return _first(lang, "gender", "distribution"), tuple(
        (next(iter(values[k])), share) for k, share in shares
    )


@dataclass
class Video:
    video_id: str
    posted_at: datetime
    total: float  # lifetime views it will reach
    caption: str

    def views_by(self, d: date) -> float:
        """Its lifetime views at the end of day ``d``."""
        age = (d - self.posted_at.date()).days
        return 0.0 if age < 0 else self.total * (1 - math.exp(-(age + 1) / TAU))


@dataclass
class StudioAccount:
    handle: str
    today: date
    null: bool
    first: date  # first simulated day
    views: list[float] = field(default_factory=list)  # per day
    profile_views: list[float] = field(default_factory=list)
    net: list[int] = field(default_factory=list)
    followers: list[int] = field(default_factory=list)
    returning_share: list[float] = field(default_factory=list)
    videos: list[Video] = field(default_factory=list)
    activity: dict[tuple[date, int], int] = field(default_factory=dict)

    def date_of(self, i: int) -> date:
        return self.first + timedelta(days=i)

    def index(self, d: date) -> int:
        return (d - self.first).days


def _post_days(rng: random.Random, first: date, today: date, null: bool) -> list[date]:
    days: list[date] = []
    d = first - timedelta(days=LEAD_IN) if null else first + timedelta(days=QUIET_DAYS)
    change = today - timedelta(days=CHANGE_AGO)
    while d < today - timedelta(days=1):
        days.append(d)
        gap = 3.5 if null else (7.0 if d >= change else 7 / 3)
        d += timedelta(days=max(1, round(gap + rng.uniform(-0.6, 0.6))))
    return days


def simulate(today: date, seed: int = 1, *, null: bool = False, handle: str = "") -> StudioAccount:
    """The account's year, day by day (see the module docstring for what it plants)."""
    rng = random.Random(f"tiktui-studio:{seed}:{null}")
    first = today - timedelta(days=DAYS + 1)
    acc = StudioAccount(handle or ("flat.studio" if null else "sol.studio"), today, null, first)
    viral = today - timedelta(days=VIRAL_AGO)
    for n, d in enumerate(_post_days(rng, first, today, null)):
        if null:
            hour = rng.randrange(24)
            total = 2500 * rng.uniform(0.9, 1.1)
        else:
            evening = rng.random() < 0.5
            hour = rng.choice((18, 19, 20, 21)) if evening else rng.choice((7, 8, 9, 10))
            total = (6000 if evening else 3000) * rng.uniform(0.8, 1.25)
            if d >= viral and not any(v.posted_at.date() >= viral for v in acc.videos):
                total *= 25  # the real spike: the first video from VIRAL_AGO days ago
        when = datetime.combine(d, time(hour, rng.randrange(60)), UTC)
        vid = str(7_300_000_000_000_000_000 + seed * 1_000_000 + n)
        acc.videos.append(Video(vid, when, total, f"Receta {n + 1}: cocina rápida #{n % 7}"))
    fol = 800.0 if null else 0.0
    for i in range(DAYS + 2):
        d = acc.date_of(i)
        new = 0.0
        for v in acc.videos:
            new += v.views_by(d) - v.views_by(d - timedelta(days=1))
        views = 3 * rng.uniform(0.7, 1.3) + new
        now = d >= today - timedelta(days=CHANGE_AGO)
        pv = round(views * PROFILE_SHARE * rng.uniform(0.9, 1.1))
        rate = 0.05 if null else (0.08 if now else 0.04)
        before = math.floor(fol)
        fol += pv * rate * rng.uniform(0.9, 1.1)  # whole followers only: no rounding drift
        acc.views.append(views)
        acc.profile_views.append(pv)
        acc.net.append(math.floor(fol) - before)
        acc.followers.append(math.floor(fol))
        share = 0.20 if null else (0.25 if now else 0.12)
        acc.returning_share.append(share * rng.uniform(0.95, 1.05))
    for i in range(DAYS + 2):
        d, fol = acc.date_of(i), acc.followers[i]
        for h in range(24):
            if null:
                level = 1.0
            else:
                level = 2.6 if 19 <= h <= 21 else (1.4 if h in (17, 18, 22) else 0.6)
                level *= 1.2 if d.weekday() == 6 else 1.0
            acc.activity[(d, h)] = round(max(1, fol) * 0.05 * level * rng.uniform(0.95, 1.05))
    return acc


def _at(d: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(d, time(hh, mm), UTC)


OVERVIEW = {
    "en": ("Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"),
    "es": ("Fecha", "Visualizaciones de videos", "Visualizaciones del perfil", "Me gusta",
           "Comentarios", "Veces compartido"),
}  # fmt: skip
OVERVIEW["el"] = _first("el", "date", "video_views", "profile_views", "likes", "comments", "shares")
OVERVIEW_LONG = (
    "Date", "Video Views", "Reached Audience", "Profile Views", "Likes", "Shares", "Comments",
    "Phone number clicks", "Leads", "Net growth", "New followers", "Lost followers",
    "Website clicks",
)  # fmt: skip
DAY_FMT = {"en": month_day, "es": es_day, "el": el_day}
HISTORY = {
    "en": ("Date", "Followers", "Difference in followers from previous day"),
    "es": ("Fecha", "Seguidores", "Diferencia de seguidores respecto al día anterior"),
    "el": _first("el", "date", "followers", "followers_diff"),
}
ACTIVITY = {
    "en": ("Date", "Hour", "Active followers"),
    "es": ("Fecha", "Hora", "Seguidores activos"),
    "el": _first("el", "date", "hour", "active_followers"),
}
GENDER = {
    "en": (("Gender", "Distribution"), (("Female", "0.55"), ("Male", "0.42"), ("Other", "0.03"))),
    "es": (("Género", "Distribución"), (("Mujer", "0.55"), ("Hombre", "0.42"), ("Otro", "0.03"))),
    "el": _gender("el"),
}
TERRITORIES = {
    "en": ("Top territories", "Distribution"),
    "es": ("Principales territorios", "Distribución"),
    "el": _first("el", "territories", "distribution"),
}
OTHERS = {"el": next(iter(SPELLINGS["el"]["others_territory"]))}  # else "Others", as Studio
VIEWERS = {
    "en": ("Date", "Total Viewers", "New Viewers", "Returning Viewers"),
    "es": ("Fecha", "Espectadores totales", "Nuevos espectadores", "Espectadores recurrentes"),
    "el": _first("el", "date", "viewers_total", "viewers_new", "viewers_returning"),
}
CONTENT = ("Time", "Video title", "Video link", "Post time", "Total likes", "Total comments",
           "Total shares", "Total views")  # fmt: skip


def _engagement(views: float) -> tuple[int, int, int]:
    """Likes, comments, shares at the 7.5% tier benchmark (every video alike)."""
    return round(views * 0.066), round(views * 0.006), round(views * 0.003)


def _overview(acc: StudioAccount, export_day: date, span: int, lang: str) -> tuple[str, bytes]:
    first = export_day - timedelta(days=span)
    rows = []
    for k in range(span):
        d = first + timedelta(days=k)
        i = acc.index(d)
        if i < 0:
            continue
        v = round(acc.views[i])
        likes, comments, shares = _engagement(acc.views[i])
        if span > 60:
            net = round(acc.net[i])
            lost = round(net * 0.25)  # unfollows: a steady quarter of the gains
            rows.append((slash_date(d), v, round(v * 0.8), round(acc.profile_views[i]), likes,
                         shares, comments, 0, 0, net, net + lost, lost, 0))  # fmt: skip
        else:
            rows.append((DAY_FMT[lang](d), v, round(acc.profile_views[i]), likes, comments, shares))
    header = OVERVIEW_LONG if span > 60 else OVERVIEW[lang]
    name = f"Overview_{first.isoformat()}_{epoch(export_day - timedelta(days=1))}_{acc.handle}.zip"
    made = _at(export_day, 10, 12)
    return name, _zip([("Overview.csv", csv_bytes(header, rows))], made)


def _followers(acc: StudioAccount, export: datetime, lang: str) -> bytes:
    day = export.date()
    hist = []
    for back in range(60, 0, -1):
        i = acc.index(day) - back
        hist.append((DAY_FMT[lang](acc.date_of(i)), acc.followers[i],
                     acc.followers[i] - acc.followers[i - 1]))  # fmt: skip
    fmt = short_month_day if lang == "en" else DAY_FMT[lang]
    activity = []
    for back in range(6, -1, -1):
        d = day - timedelta(days=back)
        for h in range(24):
            n = 0 if back == 0 and h >= export.hour else acc.activity[(d, h)]
            activity.append((fmt(d), h, n))
    g_header, genders = GENDER[lang]
    return _zip(
        [
            ("FollowerHistory.csv", csv_bytes(HISTORY[lang], hist)),
            ("FollowerActivity.csv", csv_bytes(ACTIVITY[lang], activity)),
            ("FollowerGender.csv", csv_bytes(g_header, genders)),
            (
                "FollowerTopTerritories.csv",
                csv_bytes(
                    TERRITORIES[lang],
                    (("ES", "0.48"), ("MX", "0.30"), (OTHERS.get(lang, "Others"), "0.22")),
                ),
            ),
        ],  # fmt: skip
        export,
    )


def _content(acc: StudioAccount, export: datetime) -> bytes:
    day = export.date()
    listed = [v for v in acc.videos if v.posted_at.date() <= day - timedelta(days=2)][-15:]
    rows = []
    for v in reversed(listed):
        total = v.views_by(day - timedelta(days=1))
        likes, comments, shares = _engagement(total)
        url = f"https://www.tiktok.com/@{acc.handle}/video/{v.video_id}"
        posted = v.posted_at.strftime("%Y-%m-%d %H:%M")
        rows.append((month_day(day), v.caption, url, posted, likes, comments, shares, round(total)))
    return _zip([("Content.csv", csv_bytes(CONTENT, rows))], export)


def _viewers(acc: StudioAccount, export: datetime, lang: str) -> bytes:
    day = export.date()
    rows = []
    for back in range(60, 0, -1):
        i = acc.index(day) - back
        total = round(acc.views[i] * 0.7)
        returning = round(total * acc.returning_share[i])
        rows.append((DAY_FMT[lang](acc.date_of(i)), total, total - returning, returning))
    return _zip([("Viewers.csv", csv_bytes(VIEWERS[lang], rows))], export)


def write_studio_files(
    folder: Path,
    *,
    today: date,
    seed: int = 1,
    null: bool = False,
    handle: str = "",
    language: str = "es",
) -> list[Path]:
    """Write a year of one Studio-only account's downloads into ``folder``; the paths written.

    ``language="es"`` (or ``"el"``) writes every other Overview window and the
    Followers and Viewers files in the Spanish (Greek) interface; ``"en"`` keeps
    them all English.
    """
    folder = Path(folder)
    acc = simulate(today, seed, null=null, handle=handle)
    other = language if language in DAY_FMT else "en"
    written: list[Path] = []
    for k in range(13):
        export_day = today - timedelta(days=28 * k)
        name, data = _overview(acc, export_day, 60, other if k % 2 else "en")
        written.append(write_file(folder, name, data, _at(export_day, 10, 12)))
    long_day = today - timedelta(days=7)
    name, data = _overview(acc, long_day, 365, "en")
    written.append(write_file(folder, name, data, _at(long_day, 10, 12)))
    for k in range(12, -1, -1):  # monthly Content downloads, the newest without a suffix
        when = _at(today - timedelta(days=30 * k), 9, 30)
        suffix = f" ({k})" if k else ""
        name = f"Content_{acc.handle}{suffix}.zip"
        written.append(write_file(folder, name, _content(acc, when), when))
    for k, lang in ((1, "en"), (0, other)):  # followers every 60 days: a full history for 120
        when = _at(today - timedelta(days=60 * k), 13, 20)
        name = f"Followers_{acc.handle}{f' ({k})' if k else ''}.zip"
        written.append(write_file(folder, name, _followers(acc, when, lang), when))
    for k in range(3, -1, -1):
        when = _at(today - timedelta(days=58 * k), 13, 22)
        name = f"Viewers_{acc.handle}{f' ({k})' if k else ''}.zip"
        written.append(write_file(folder, name, _viewers(acc, when, other), when))
    return written


def build_studio_store(
    root: Path, *, today: date, seed: int = 1, null: bool = False, language: str = "es"
) -> Store:
    """Write one generated account into root/'exports' and import it into root/'store'."""
    root = Path(root)
    write_studio_files(root / "exports", today=today, seed=seed, null=null, language=language)
    return import_written(root / "store", [root / "exports"], today, "generated")
