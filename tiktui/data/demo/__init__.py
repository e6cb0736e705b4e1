"""A realistic demo account, written *as the export files TikTok gives*.

``write_demo_files`` simulates one cooking creator, ``@lena.cooks``, over a
year and writes what she would have downloaded: Studio ZIPs (Overview every
four weeks plus one 365-day export, Followers, Content, Viewers), TikTok API
for Business JSON (``/business/get/`` and paged ``/business/video/list/``, now
and two weeks ago) and a HAR file of Studio's per-video insight responses.
``build_demo_store`` imports those files through the real pipeline, so the
demo exercises exactly the code a user's own files go through.

Everything derives from ``(today, seed)``: the same pair gives the same bytes.

The package, by what each part makes: ``account`` (who she is, the shapes the
simulation fills), ``recipes`` (what she cooks and says), ``simulation`` (the
account day by day), ``day`` (what an export made on a given day says), and the
files in each format: ``studio`` (the ZIPs), ``api`` (Business API bodies),
``web`` (Studio's web responses: HAR, account capture). This module writes
them all and imports them into a store.

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

import math
import random
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ..demo_files import import_written, write_file
from .account import HANDLE, STUDIO_HANDLE
from .api import business_get, video_list_pages
from .day import at, video_state
from .simulation import simulate
from .studio import content_zip, followers_zip, overview_zip, viewers_zip
from .web import account_capture, insights_har

if TYPE_CHECKING:
    from ..store import Store

# What the app, the tests and the scripts import from tiktui.data.demo.
__all__ = [
    "HANDLE",
    "STUDIO_HANDLE",
    "build_demo_store",
    "simulate",
    "video_state",
    "write_demo_files",
]


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
        name, data = overview_zip(acc, export_day, 60, style)
        written.append(write_file(folder, name, data, at(export_day, 10, 12, 5)))
    long_day = today - timedelta(days=14)
    name, data = overview_zip(acc, long_day, 365, "long")
    written.append(write_file(folder, name, data, at(long_day, 10, 12, 5)))

    made = at(today, 13, 20, 41)
    written.append(write_file(folder, f"Followers_{HANDLE}.zip", followers_zip(acc, made), made))
    older = at(today - timedelta(days=29), 9, 41, 2)
    written.append(
        write_file(folder, f"Content_{HANDLE}.zip", content_zip(acc, older, iso=True), older)
    )
    newer = at(today - timedelta(days=1), 21, 3, 17)
    written.append(
        write_file(folder, f"Content_{HANDLE} (1).zip", content_zip(acc, newer, iso=False), newer)
    )
    made = at(today, 13, 22, 9)
    written.append(write_file(folder, f"Viewers_{HANDLE}.zip", viewers_zip(acc, made), made))

    # TikTok API for Business, saved responses.
    now = at(today, 8, 4, 31)
    written.append(write_file(folder, "business_get.json", business_get(acc, now, rng), now))
    listed = acc.exported
    pages = math.ceil(len(listed) / 20)
    for p, data in enumerate(video_list_pages(acc, now, listed, rng, pages), start=1):
        when = now + timedelta(seconds=3 * (p - 1))
        written.append(write_file(folder, f"video_list_page_{p:02d}.json", data, when))
    then = at(today - timedelta(days=14), 8, 11, 52)
    earlier = [v for v in listed if v.posted_at < then - timedelta(days=1)]
    data = video_list_pages(acc, then, earlier, rng, 1)[0]
    written.append(write_file(folder, "video_list_2_weeks_ago_page_01.json", data, then))

    # Studio's per-video insight responses, saved from the browser.
    captured = at(today - timedelta(days=2), 21, 14, 3)
    recent = [v for v in listed if v.posted_at < captured - timedelta(hours=20)][:20]
    written.append(
        write_file(folder, "studio_insights.har", insights_har(acc, captured, recent), captured)
    )
    overview_page = at(today, 9, 2, 44)
    written.append(
        write_file(
            folder,
            "studio_overview_capture.json",
            account_capture(acc, overview_page),
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
    from ..studio_generator import write_studio_files

    root = Path(root)
    today = today or date.today()
    folder = root / "exports"
    write_demo_files(folder, today=today, seed=seed)
    studio = root / "exports-studio"
    write_studio_files(studio, today=today, seed=seed, handle=STUDIO_HANDLE, language="es")
    return import_written(root / "store", [folder, studio], today, "demo")
