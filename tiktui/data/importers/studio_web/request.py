"""What a Studio web request says about its response (FORMATS.md 3a, 3f).

In a HAR or a capture extension's file the request URL (or a v1 POST's form
body) is the only place that names the video (``aweme_id``), the days of an
account-level history (``days``/``end_days``/``range``) and the viewer's
time zone (``tz_offset``, seconds east of UTC; generation 3's ``time_offset``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Any
from urllib.parse import parse_qsl, unquote_plus, urlsplit

from ..dates import to_epoch
from ..values import Capture

ID_KEYS = ("item_id", "aweme_id", "itemId", "awemeId", "item_id_str", "aweme_id_str")

# Endpoints: generation 1/2 insight (``insighs`` in the v1 spelling), generation 3, content list.
_INSIGHT = re.compile(r"/aweme/v\d+/data/insigh", re.IGNORECASE)
_ANALYTICS = re.compile(r"/tiktok/v\d+/analytics/insights", re.IGNORECASE)
_ITEM_LIST = re.compile(r"/tiktok/creator/manage/item_list", re.IGNORECASE)

# data_date_range (generation 3) and range (3a) → number of days.
GEN3_RANGES = {1: 7, 2: 28, 3: 60, 4: 365}
_RANGES = {1: 7, 2: 28, 3: 60}


def endpoint(url: str) -> str | None:
    """``"insight"``, ``"analytics"``, ``"item_list"`` or None for any other URL."""
    if _INSIGHT.search(url):
        return "insight"
    if _ANALYTICS.search(url):
        return "analytics"
    if _ITEM_LIST.search(url):
        return "item_list"
    return None


@dataclass(frozen=True)
class Request:
    """The request a response answers: its URL and any POST form fields."""

    url: str = ""
    form: tuple[tuple[str, str], ...] = ()  # POST fields (form body or HAR postData.params)
    post_text: str | None = None  # a POST body that is not a form (JSON)

    @property
    def endpoint(self) -> str | None:
        return endpoint(self.url)

    @cached_property
    def params(self) -> list[tuple[str, str]]:
        query = parse_qsl(urlsplit(self.url).query, keep_blank_values=True)
        form = list(self.form)
        text = (self.post_text or "").strip()
        if text and not text.startswith(("{", "[")):
            form += parse_qsl(text, keep_blank_values=True)
        return query + form

    def param(self, *names: str) -> str | None:
        for name, value in self.params:
            if name in names and value.strip():
                return value.strip()
        return None

    @cached_property
    def type_requests(self) -> list[dict[str, Any]]:
        """The ``type_requests`` list, decoded from the URL or the form."""
        out: list[dict[str, Any]] = []
        for text in self._json_texts():
            try:
                node = json.loads(text)
            except ValueError:
                continue
            if isinstance(node, dict) and isinstance(node.get("type_requests"), list):
                node = node["type_requests"]
            if isinstance(node, list):
                out += [t for t in node if isinstance(t, dict)]
        return out

    def _json_texts(self) -> list[str]:
        texts = [value for _, value in self.params]
        if self.post_text and self.post_text.lstrip().startswith(("{", "[")):
            texts.append(self.post_text)
        out = []
        for text in texts:
            if text.lstrip()[:3].upper() in ("%5B", "%7B"):  # HAR params keep the URL encoding
                text = unquote_plus(text)
            if text.lstrip().startswith(("{", "[")):
                out.append(text)
        return out

    @cached_property
    def tz_offset(self) -> int | None:
        """Seconds east of UTC the Studio page asked in (``tz_offset``/``time_offset``)."""
        raw = self.param("tz_offset", "time_offset", "timezone_offset")
        try:
            return int(float(raw)) if raw is not None else None
        except ValueError:
            return None

    @cached_property
    def video_id(self) -> str | None:
        """The one video the request asks about, or None (none, or several)."""
        for name, value in self.params:
            if name in ID_KEYS and value.strip().isdigit():
                return value.strip()
        ids: list[str] = []
        for text in self._json_texts():
            try:
                _collect_ids(json.loads(text), ids)
            except ValueError:
                continue
        distinct = list(dict.fromkeys(ids))
        return distinct[0] if len(distinct) == 1 else None

    def asks_days(self, kind: str) -> bool | None:
        """Whether the request asks ``kind`` for days (account) or for a video; None: not asked."""
        for entry in self.type_requests:
            if entry.get("insigh_type", entry.get("insight_type")) == kind:
                if _days(entry) is not None:
                    return True
                if any(k in entry for k in ID_KEYS):
                    return False
        return None

    def window(self, *types: str | int) -> tuple[int, int] | None:
        """(days, end_days) asked for the first of ``types`` (a name or a generation-3 number).

        Falls back to the one (days, end_days) every account-level type of the
        request shares, when the response key's own type is not listed.
        """
        windows: list[tuple[int, int]] = []
        for entry in self.type_requests:
            kind = entry.get("insigh_type", entry.get("insight_type"))
            found = _days(entry)
            if found is None:
                continue
            if kind in types or str(kind) in {str(t) for t in types}:
                return found
            windows.append(found)
        distinct = set(windows)
        return distinct.pop() if len(distinct) == 1 else None


def _days(entry: dict[str, Any]) -> tuple[int, int] | None:
    try:
        if "days" in entry:
            return int(entry["days"]), int(entry.get("end_days") or 0)
        if "data_date_range" in entry:
            return GEN3_RANGES.get(int(entry["data_date_range"]), 0), 1
        if "range" in entry:
            value = int(entry["range"])
            return _RANGES.get(value, value), int(entry.get("end_days") or 0)
    except (TypeError, ValueError):
        return None
    return None


def _collect_ids(node: Any, ids: list[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ID_KEYS and isinstance(value, (str, int)) and not isinstance(value, bool):
                text = str(value).strip()
                if text.isdigit():
                    ids.append(text)
            else:
                _collect_ids(value, ids)
    elif isinstance(node, list):
        for item in node:
            _collect_ids(item, ids)


@dataclass(eq=False)
class Response:
    """One saved Studio web response, from any wrapper (FORMATS.md 3g)."""

    body: dict[str, Any]
    request: Request
    capture: Capture
    where: str
    account: str | None = None  # named by the wrapper or the HAR page
    file_video_id: str | None = None  # ``<video id>.json``
    notes: list[str] = field(default_factory=list)

    @cached_property
    def now(self) -> datetime:
        """The capture moment: the HAR's or wrapper's, else the body's ``extra.now`` (ms).

        Only when neither says is the file's timestamp (or today) used, with a note.
        """
        if self.capture.note is None:
            return self.capture.as_of
        extra = self.body.get("extra")
        now = extra.get("now") if isinstance(extra, dict) else None
        if isinstance(now, (int, float)) and not isinstance(now, bool) and now > 1e9:
            moment = to_epoch(now, "extra.now")
            if moment is not None:
                return moment
        self.notes.append(self.capture.note)
        return self.capture.as_of

    @property
    def local_day(self) -> date:
        """The capture day in the time zone the page asked in (UTC when it did not say)."""
        offset = self.request.tz_offset or 0
        return (self.now + timedelta(seconds=offset)).date()
