"""HAR files: a browser's network log, read entry by entry for TikTok's responses.

A HAR is streamed (``ijson``): a Studio session saved with "Save all as HAR"
runs to hundreds of megabytes of pages, scripts and pictures, and only the
JSON bodies of a few endpoints matter. Studio web bodies are recognised by
their URL; Business and Display API bodies from any URL, by structure. An
error response or a video body naming no video is skipped with a note (a HAR
holds whatever the page happened to load); only when nothing usable remains
is the file refused.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

import ijson

from ..base import Parsed, Refused
from ..dates import as_utc
from ..ids import handle_from_url
from ..values import Capture, join_where, located
from .collect import Collector, api_error
from .request import Request, Response
from .video import NO_VIDEO_ID

_HAR_START = re.compile(rb'^\s*\{\s*"log"\s*:\s*\{')

# A Business or Display body inside a HAR: handed back to the JSON dispatch.
OtherBody = Callable[[dict[str, Any], Capture, str, str], "list[Parsed] | str | None"]


def is_har(obj: dict[str, Any]) -> bool:
    log = obj.get("log")
    return isinstance(log, dict) and isinstance(log.get("entries"), list)


def looks_har(data: bytes) -> bool:
    """A UTF-8 HAR (every browser writes them so), recognised from its first bytes."""
    return bool(_HAR_START.match(data.removeprefix(b"\xef\xbb\xbf")[:256]))


def stream(data: bytes) -> tuple[list[dict[str, Any]], Iterator[Any]]:
    """The HAR's pages (small) and an iterator over its entries, one at a time."""
    body = data.removeprefix(b"\xef\xbb\xbf")
    try:
        pages = list(ijson.items(io.BytesIO(body), "log.pages.item", use_float=True))
    except ijson.JSONError:
        raise Refused("json_invalid") from None
    return pages, ijson.items(io.BytesIO(body), "log.entries.item", use_float=True)


def parse_har(
    pages: list[Any],
    entries: Iterable[Any],
    fallback: Capture,
    where: str,
    other: OtherBody,
    collector: Collector,
) -> tuple[list[Parsed], list[str]]:
    """Business/Display parts and skip notes; Studio responses go to ``collector``."""
    page_account = {
        p.get("id"): handle_from_url(p.get("title")) for p in pages if isinstance(p, dict)
    }
    parts: list[Parsed] = []
    before = collector.count
    skipped: list[str] = []
    try:
        for i, entry in enumerate(entries, 1):
            if isinstance(entry, dict):
                _entry(entry, f"HAR entry {i}", fallback, where, page_account, other,
                       parts, collector, skipped)  # fmt: skip
    except ijson.JSONError:
        raise Refused("json_invalid") from None
    if not parts and collector.count == before:
        if skipped:
            raise Refused("har_no_data_skipped", skipped="; ".join(skipped))
        raise Refused("har_no_data")
    return parts, skipped


def _entry(
    entry: dict[str, Any], label: str, fallback: Capture, where: str,
    page_account: dict[Any, str | None], other: OtherBody, parts: list[Parsed],
    collector: Collector, skipped: list[str],
) -> None:  # fmt: skip
    raw = entry.get("request")
    request = request_of(raw if isinstance(raw, dict) else {})
    studio = request.endpoint is not None
    body = entry_json(entry, any_mime=studio)  # a Studio body is read whatever its type says
    if not isinstance(body, dict):
        if studio and body is _UNREADABLE:
            skipped.append(f"{label} skipped: its insight response is not readable JSON")
        elif studio and body is None:  # "Save all as HAR (sanitized)" or a body not kept
            skipped.append(f"{label} skipped: the HAR holds no response body for it")
        return
    capture = _entry_capture(entry, fallback)
    if studio:
        error = api_error(body)
        if error:
            skipped.append(f"{label} skipped: {error}")
            return
        account = _referer_account(raw) or page_account.get(entry.get("pageref"))
        resp = Response(body, request, capture, join_where(where, label), account)
        try:
            collector.add(resp, "insight-har")
        except Refused as exc:
            if exc.code != "no_video_id":
                raise
            skipped.append(f"{label} skipped: {NO_VIDEO_ID}")
        return
    url = request.url
    with located(label):
        got = other(body, capture, join_where(where, label), url)
    if got is None:
        return
    if isinstance(got, str):  # an error the API reported, from a TikTok URL
        skipped.append(f"{label} skipped: {got}")
        return
    parts.extend(got)


def request_of(request: dict[str, Any]) -> Request:
    """A HAR ``request`` object → :class:`Request` (URL, form params, POST text)."""
    url = request.get("url") if isinstance(request.get("url"), str) else ""
    post = request.get("postData")
    form: list[tuple[str, str]] = []
    text = None
    if isinstance(post, dict):
        if isinstance(post.get("params"), list):
            form = [
                (str(p.get("name")), str(p.get("value")))
                for p in post["params"]
                if isinstance(p, dict)
            ]
        text = post.get("text") if isinstance(post.get("text"), str) else None
    return Request(url, tuple(form), text)


def _request_video_id(request: dict[str, Any]) -> str | None:
    return request_of(request).video_id


def _referer_account(request: Any) -> str | None:
    """``@handle`` in the page the request came from (Referer), when it names one."""
    headers = request.get("headers") if isinstance(request, dict) else None
    for header in headers if isinstance(headers, list) else []:
        if isinstance(header, dict) and str(header.get("name", "")).lower() == "referer":
            return handle_from_url(header.get("value"))
    return None


_UNREADABLE: Any = object()
_NOT_JSON_MIME = ("image/", "font/", "video/", "audio/")
_NOT_JSON_PARTS = ("javascript", "css", "html", "wasm")
_BASE64 = re.compile(r"[A-Za-z0-9+/\r\n]{2,}={0,2}\s*")


def entry_json(entry: dict[str, Any], any_mime: bool = False) -> Any:
    """The response body as JSON; None when there is none, _UNREADABLE when it is broken."""
    response = entry.get("response")
    content = response.get("content") if isinstance(response, dict) else None
    if not isinstance(content, dict):
        return None
    text = content.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    mime = str(content.get("mimeType", "")).lower()
    if not any_mime and (
        mime.startswith(_NOT_JSON_MIME) or any(p in mime for p in _NOT_JSON_PARTS)
    ):
        return None  # a picture, a script, a page: not decoded at all
    if str(content.get("encoding", "")).lower() == "base64":
        try:
            text = base64.b64decode(text).decode("utf-8")
        except (binascii.Error, ValueError):
            return _UNREADABLE
    text = text.lstrip("\ufeff \t\r\n")
    if text[:1] not in ("{", "[") and _BASE64.fullmatch(text):
        # Base64 without "encoding": some HAR writers leave the field out.
        try:
            decoded = base64.b64decode(text, validate=False).decode("utf-8")
        except (binascii.Error, ValueError):
            decoded = ""
        if decoded.lstrip("\ufeff \t\r\n")[:1] in ("{", "["):
            text = decoded.lstrip("\ufeff \t\r\n")
    if text[:1] not in ("{", "["):  # HTML, JavaScript, images: not ours
        return None
    try:
        return json.loads(text)
    except ValueError:
        return _UNREADABLE


def _entry_capture(entry: dict[str, Any], fallback: Capture) -> Capture:
    """The request's ``startedDateTime`` (UTC): a HAR knows when it was captured."""
    started = entry.get("startedDateTime")
    if isinstance(started, str):
        try:
            return Capture(as_utc(datetime.fromisoformat(started.strip())))
        except ValueError:
            pass
    return fallback
