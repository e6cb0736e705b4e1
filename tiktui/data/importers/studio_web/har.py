"""HAR files: a browser's network log, read for TikTok's responses."""

from __future__ import annotations

import base64
import binascii
import json
import re
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, unquote_plus, urlsplit

from ..base import Parsed, Refused
from ..dates import as_utc
from ..values import Capture, join_where, located
from .bodies import (
    _ID_KEYS,
    _INSIGHT_URL,
    NO_VIDEO_ID,
    InsightBody,
    _body_video_id,
    api_error,
    is_body,
)

NO_HAR_DATA = "HAR file holds no TikTok insight or API responses"


def parse_har(
    doc: dict[str, Any], fallback: Capture, where: str
) -> tuple[list[Parsed], list[InsightBody], list[str]]:
    """A browser's network log: keep the TikTok responses, skip everything else.

    Insight bodies come from ``/aweme/v2/data/insight/`` requests; Business and
    Display API bodies are accepted from any URL, recognised by structure. An
    error response or an insight body that names no video is skipped with a
    note (a HAR holds whatever the page happened to load); only when nothing
    usable remains is the file refused.
    """
    from .. import business, display, jsonfile  # jsonfile dispatches to this package

    parts: list[Parsed] = []
    bodies: list[InsightBody] = []
    skipped: list[str] = []
    for i, entry in enumerate(doc["log"]["entries"], 1):
        label = f"HAR entry {i}"
        if not isinstance(entry, dict):
            continue
        request = entry.get("request") if isinstance(entry.get("request"), dict) else {}
        url = request.get("url") if isinstance(request.get("url"), str) else ""
        is_insight = bool(_INSIGHT_URL.search(url))
        body = _entry_json(entry)
        if not isinstance(body, dict):
            if is_insight and body is _UNREADABLE:
                skipped.append(f"{label} skipped: its insight response is not readable JSON")
            continue
        capture = _entry_capture(entry, fallback)
        if is_insight:
            error = api_error(body)
            if error:
                skipped.append(f"{label} skipped: {error}")
            elif is_body(body):
                video_id = _body_video_id(body) or _request_video_id(request)
                if video_id is None:
                    skipped.append(f"{label} skipped: {NO_VIDEO_ID}")
                else:
                    located_at = join_where(where, label)
                    bodies.append(InsightBody(body, video_id, capture, located_at, "insight-har"))
            continue
        kind = jsonfile.classify(body)
        if kind not in ("business", "display"):
            continue
        known = business.is_known(body) if kind == "business" else display.is_video_list(body)
        error = jsonfile.api_error(body)
        if error:
            if "tiktok" in url.lower():
                skipped.append(f"{label} skipped: {error}")
            continue
        if not known:
            continue  # another site's {"code":0,"data":…}
        with located(label):
            parts += jsonfile.parse_body(kind, body, capture, join_where(where, label))
    if not parts and not bodies:
        raise Refused(NO_HAR_DATA + (f" ({'; '.join(skipped)})" if skipped else ""))
    return parts, bodies, skipped


_UNREADABLE: Any = object()
_BASE64 = re.compile(r"[A-Za-z0-9+/\r\n]{2,}={0,2}\s*")


def _entry_json(entry: dict[str, Any]) -> Any:
    """The response body as JSON; None when there is none, _UNREADABLE when it is broken."""
    response = entry.get("response")
    content = response.get("content") if isinstance(response, dict) else None
    if not isinstance(content, dict):
        return None
    text = content.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
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


def _request_video_id(request: dict[str, Any]) -> str | None:
    """The one video a request asks about: a query parameter, else an id inside JSON.

    Studio puts the id in the query (``item_id=…``) or in a JSON parameter
    (``type_requests=[{"insigh_type":"video_info","aweme_id":"…"}]``) or in a
    POST body. A request about several videos cannot be attributed: None.
    """
    ids: list[str] = []
    params: list[tuple[str, str]] = parse_qsl(
        urlsplit(request.get("url") or "").query, keep_blank_values=True
    )
    post = request.get("postData")
    post_text = post.get("text") if isinstance(post, dict) else None
    if isinstance(post, dict) and isinstance(post.get("params"), list):
        params += [
            (str(p.get("name")), str(p.get("value"))) for p in post["params"] if isinstance(p, dict)
        ]
    for name, value in params:
        if name in _ID_KEYS and value.strip().isdigit():
            return value.strip()
    texts = [value for _, value in params]
    if isinstance(post_text, str):
        texts.append(post_text)
        if not post_text.lstrip().startswith(("{", "[")):
            for name, value in parse_qsl(post_text, keep_blank_values=True):
                if name in _ID_KEYS and value.strip().isdigit():
                    return value.strip()
                texts.append(value)  # a form field holding JSON (type_requests=[…])
    for text in texts:
        if text.lstrip()[:3].upper() in ("%5B", "%7B"):  # HAR params keep the URL encoding
            text = unquote_plus(text)
        if text.lstrip().startswith(("{", "[")):
            try:
                _collect_ids(json.loads(text), ids)
            except ValueError:
                continue
    distinct = list(dict.fromkeys(ids))
    return distinct[0] if len(distinct) == 1 else None


def _collect_ids(node: Any, ids: list[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _ID_KEYS and isinstance(value, (str, int)) and not isinstance(value, bool):
                text = str(value).strip()
                if text.isdigit():
                    ids.append(text)
            else:
                _collect_ids(value, ids)
    elif isinstance(node, list):
        for item in node:
            _collect_ids(item, ids)
