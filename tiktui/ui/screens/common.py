"""Small pieces several screens share, so the period line reads and a video opens the same
way on every screen."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.content import Content

from ...data.queries import Period
from .. import format as fmt


def header_context(period: Period, fresh: date | None, today: date) -> Content:
    """``28 days · 23 Oct – 19 Nov 2026 · data to 19 Nov (yesterday)``."""
    return Content.assemble(
        (period.label.capitalize(), "bold $accent"),
        " · ",
        fmt.date_range(period.start, period.end),
        " · ",
        (fmt.age(fresh, today), "$text-muted"),
    )


def open_video(app: Any, video_id: str) -> None:
    """Push the detail screen of one video (from any screen)."""
    from .detail import VideoDetailScreen

    if getattr(app, "is_quitting", False):
        return
    app.push_screen(VideoDetailScreen(video_id))
