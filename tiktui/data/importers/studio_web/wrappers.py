"""How people save Studio's web responses, besides HAR (FORMATS.md 3g).

- a capture extension's file: ``{"account", "signedIn", "capturedAt",
  "responses": [{"url", "query", "payload"}]}``;
- a list of ``{"url", "json"}``;
- ``{"url", "timestamp", "data"}`` and ``{"httpStatus", "data"}``;
- ``{"item_list_pages": [{"path", "body"}], "insight": {"path", "body"}}``;
- the body alone, one per video saved as ``<video id>.json``.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from ..dates import as_utc, to_epoch
from ..ids import norm_account
from ..values import Capture, at
from .collect import is_studio_body
from .request import Request, Response, endpoint

_ID_NAME = re.compile(r"^(\d{15,25})\.json$", re.IGNORECASE)


def file_video_id(name: str | None) -> str | None:
    """``7345678901234567890.json`` → the id: one body per video, named after it."""
    m = _ID_NAME.match((name or "").rsplit("/", 1)[-1])
    return m.group(1) if m else None


def _moment(value: Any) -> Capture | None:
    """An ISO time or Unix seconds/milliseconds, as the wrappers write their capture time."""
    if isinstance(value, str) and not value.strip().lstrip("-").isdigit():
        try:
            return Capture(as_utc(datetime.fromisoformat(value.strip().replace("Z", "+00:00"))))
        except ValueError:
            return None
    try:
        moment = to_epoch(value, "timestamp")
    except Exception:  # a wrapper's odd timestamp is no reason to refuse its bodies
        return None
    return Capture(moment) if moment else None


def _url(url: Any, query: Any = None) -> str:
    text = url if isinstance(url, str) else ""
    if isinstance(query, str) and query.strip() and query.lstrip("?") not in text:
        text += ("&" if "?" in text else "?") + query.lstrip("?")
    return text


def is_wrapper(obj: Any) -> bool:
    """One of the wrappers of 3g around Studio bodies, or a bare Studio body."""
    return responses(obj, Capture(datetime.min), None) is not None


def responses(obj: Any, capture: Capture, name: str | None) -> list[Response] | None:
    """The responses a wrapper (or a bare body) holds; None when ``obj`` is neither.

    Each response's ``where`` is its place inside the wrapper; the caller adds the
    wrapper's own place (a JSONL line, a list item) around it.
    """
    if isinstance(obj, list):
        if obj and all(isinstance(x, dict) and "url" in x and "json" in x for x in obj):
            return [
                Response(x["json"], Request(_url(x["url"])), capture, f"item {i}")
                for i, x in enumerate(obj, 1)
                if isinstance(x["json"], dict)
            ]
        return None
    if not isinstance(obj, dict):
        return None
    if isinstance(obj.get("responses"), list) and (
        {"capturedAt", "account", "signedIn"} & set(obj)
    ):
        when = _moment(obj.get("capturedAt")) or capture
        account = norm_account(obj.get("account"))
        return [
            Response(
                x["payload"],
                Request(_url(x.get("url"), x.get("query"))),
                when,
                at("responses", i),
                account,
            )  # fmt: skip
            for i, x in enumerate(obj["responses"])
            if isinstance(x, dict) and isinstance(x.get("payload"), dict)
        ]
    if "item_list_pages" in obj or ("insight" in obj and isinstance(obj["insight"], dict)
                                    and "body" in obj["insight"]):  # fmt: skip
        out = []
        pages = obj.get("item_list_pages") if isinstance(obj.get("item_list_pages"), list) else []
        for i, page in enumerate(pages):
            if isinstance(page, dict) and isinstance(page.get("body"), dict):
                out.append(Response(page["body"], Request(_url(page.get("path"))), capture,
                                    at("item_list_pages", i)))  # fmt: skip
        insight = obj.get("insight")
        if isinstance(insight, dict) and isinstance(insight.get("body"), dict):
            out.append(Response(insight["body"], Request(_url(insight.get("path"))), capture,
                                "insight"))  # fmt: skip
        return out
    if isinstance(obj.get("data"), dict) and ("httpStatus" in obj or "url" in obj):
        url = _url(obj.get("url"))
        known = endpoint(url) is not None  # a known endpoint's body is kept, even if unread
        if not known and not is_studio_body(obj["data"]) and "status_code" not in obj["data"]:
            return None
        when = _moment(obj.get("timestamp")) or capture
        return [Response(obj["data"], Request(_url(obj.get("url"))), when, "")]
    if is_studio_body(obj) or ("status_code" in obj and "status_msg" in obj):
        return [Response(obj, Request(), capture, "", file_video_id=file_video_id(name))]
    return None
