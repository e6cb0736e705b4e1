"""Handles, video ids and TikTok URLs: the one parser every importer uses."""

from __future__ import annotations

import re
from typing import Any

from .numbers import refuse_value

# tiktok.com/@handle/video/123, tiktokv.com/share/video/123/, /photo/123, vm-style /v/123.html
VIDEO_ID_IN_URL = re.compile(r"/(?:video|photo|v)/(\d+)")
BARE_VIDEO_ID = re.compile(r"\d{8,25}")
HANDLE_IN_URL = re.compile(r"tiktok\.com/@([A-Za-z0-9_.]+)", re.IGNORECASE)


def norm_account(handle: Any) -> str | None:
    """``@Lena.Cooks `` → ``lena.cooks``: the store keys accounts by lowercase handle."""
    if not isinstance(handle, str):
        return None
    text = handle.strip().lstrip("@").strip().lower()
    return text or None


def handle_from_url(url: Any) -> str | None:
    """``https://www.tiktok.com/@handle/video/123`` → ``handle``."""
    if not isinstance(url, str):
        return None
    m = HANDLE_IN_URL.search(url)
    return norm_account(m.group(1)) if m else None


def video_id_from_url(url: Any) -> str | None:
    """The number after ``/video/`` (also tiktokv.com ``/share/video/<id>/`` and ``/photo/``)."""
    if not isinstance(url, str):
        return None
    m = VIDEO_ID_IN_URL.search(url)
    return m.group(1) if m else None


def video_id_from_link(link: str) -> str | None:
    """A Studio Content cell: a video URL or the bare id."""
    link = link.strip()
    return video_id_from_url(link) or (link if BARE_VIDEO_ID.fullmatch(link) else None)


def video_url(handle: str | None, video_id: str) -> str | None:
    """The canonical web address, when the handle is known."""
    return f"https://www.tiktok.com/@{handle}/video/{video_id}" if handle else None


def to_id(value: Any, where: str) -> str | None:
    """A video id as text. JSON may carry it as a number; Python keeps big ints exact."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and value < 2**53:
            return str(int(value))
        raise refuse_value(where, value, "video_id_too_large")
    if isinstance(value, str):
        text = value.strip()
        return text or None
    raise refuse_value(where, value, "not_a_video_id")
