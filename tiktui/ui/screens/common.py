"""Small pieces several screens share, so the period line reads and a video opens the same
way on every screen."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.content import Content

from ...data.period import Period
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


DETAIL = "video-detail"  # the name the one reused detail screen is installed under


def open_video(app: Any, video_id: str) -> None:
    """Push the detail screen of one video (from any screen)."""
    from .detail import VideoDetailScreen

    if getattr(app, "is_quitting", False):
        return
    # One detail screen, installed so popping keeps it, shown again for each video; a new one
    # only while it is still on a stack (opened from another mode under it).
    reused = app.get_screen(DETAIL) if app.is_screen_installed(DETAIL) else None
    if reused is None:
        reused = VideoDetailScreen(video_id)
        app.install_screen(reused, DETAIL)
    elif any(reused in stack for stack in app._screen_stacks.values()):
        app.push_screen(VideoDetailScreen(video_id))
        return
    else:
        reused.show_video(video_id)
    app.push_screen(reused)
