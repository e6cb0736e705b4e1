"""Every response of one file → one :class:`Parsed` per account and capture day.

Studio asks for one video's (or the account's) numbers in several requests,
so rows are merged before they become frames: per key the newest capture's
value wins, except that "not computed yet" (``status: 2``) never hides a
value, and a set (a video's source mix on a day, an account's mix over a
window) is replaced whole by the newest capture's. Building the frames once
per group, not once per response, keeps a 10,000-entry HAR fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ...schema import SET_GROUPS, TABLES
from ..base import Parsed, Rank, Refused
from ..values import located, tables
from .account import is_account_body, read_account
from .content import ENVELOPE as LIST_ENVELOPE
from .content import is_item_list, read_item_list
from .gen3 import is_gen3_body, read_gen3
from .request import Response
from .shapes import Found
from .video import NO_VIDEO_ID, body_video_id, is_video_body, read_video

ENVELOPE = frozenset({"status_code", "status_msg", "extra", "log_pb", "message", *LIST_ENVELOPE})


def api_error(obj: dict[str, Any]) -> str | None:
    """Studio web responses carry ``status_code``/``status_msg``; non-zero is an error."""
    code = obj.get("status_code")
    if code is None or str(code).strip() == "0":
        return None
    message = obj.get("status_msg")
    return (
        f"TikTok error {code}: {message if isinstance(message, str) and message else 'no message'}"
    )


def is_studio_body(obj: dict[str, Any]) -> bool:
    """Any key of a Studio web response, per video, per account, generation 3 or content list."""
    return (
        is_video_body(obj)
        or is_account_body(obj)
        or is_gen3_body(obj)
        or is_item_list(obj)
        or ("video_page_percent" in obj)
    )


def read_response(resp: Response) -> Found:
    """One response's rows; :class:`Refused` for an error body or a video body without an id."""
    body = resp.body
    error = api_error(body)
    if error:
        raise Refused(error)
    found = Found()
    found.account = resp.account
    day = resp.local_day
    if is_item_list(body):
        read_item_list(body, day, found)
    if is_gen3_body(body):
        read_gen3(resp, found)
    video_id = body_video_id(body) or resp.request.video_id or resp.file_video_id
    if is_video_body(body) or ("video_page_percent" in body and video_id):
        if video_id is None:
            raise Refused(NO_VIDEO_ID)
        read_video(body, video_id, day, found)
    if is_account_body(body) or ("video_page_percent" in body and not video_id):
        read_account(resp, found)
    return found


@dataclass
class _Group:
    as_of: datetime
    account: str | None
    kind: str
    rows: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = field(default_factory=dict)
    sets: dict[str, dict[tuple[Any, ...], tuple[datetime, list[dict[str, Any]]]]] = field(
        default_factory=dict
    )
    notes: list[str] = field(default_factory=list)


class Collector:
    """Merges the responses of one file; :meth:`parts` gives the frames."""

    def __init__(self) -> None:
        self.read: list[tuple[datetime, str | None, Found, str, list[str]]] = []
        self.unread: dict[str, None] = {}

    def add(self, resp: Response, kind: str) -> None:
        with located(resp.where):
            found = read_response(resp)
        for key in resp.body:
            if key not in found.read and key not in ENVELOPE:
                self.unread[key] = None
        now = resp.now  # first: it may add a note on where the time came from
        self.read.append((now, found.account, found, kind, resp.notes))

    def parts(self) -> list[Parsed]:
        """One part per account and capture day; a file naming one account gives it to all."""
        named = {account for _, account, *_ in self.read if account}
        only = next(iter(named)) if len(named) == 1 else None
        groups: dict[tuple[str | None, date], _Group] = {}
        for now, account, found, kind, notes in sorted(self.read, key=lambda r: r[0]):
            account = account or only
            group = groups.get((account, now.date()))
            if group is None:
                group = groups[(account, now.date())] = _Group(now, account, kind)
            group.as_of = max(group.as_of, now)
            if kind == "insight-har":
                group.kind = kind
            group.notes += [*notes, *found.notes]
            for name, rows in found.rows.items():
                _merge(group, name, rows, now)
        return [_part(g) for g in groups.values()]

    def unread_note(self) -> str | None:
        """``kept, 3 keys not read yet: a, b, c``: what raw/ holds that no table does yet."""
        if not self.unread:
            return None
        keys = list(self.unread)
        shown = ", ".join(keys[:12]) + (", …" if len(keys) > 12 else "")
        return f"kept, {len(keys)} key{'s' if len(keys) > 1 else ''} not read yet: {shown}"


def _merge(group: _Group, name: str, rows: list[dict[str, Any]], now: datetime) -> None:
    table = TABLES[name]
    account = group.account
    if "account" in table.key and account:
        rows = [{"account": account, **r} for r in rows]
    if name in SET_GROUPS:
        by = [c for c in SET_GROUPS[name] if c != "account" or account]
        sets = group.sets.setdefault(name, {})
        fresh: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
        for row in rows:
            fresh.setdefault(tuple(row.get(c) for c in by), []).append(row)
        for gkey, members in fresh.items():
            old = sets.get(gkey)
            if old is None or old[0] <= now:
                sets[gkey] = (now, members)
        return
    key = [c for c in table.key if c != "account" or account]
    merged = group.rows.setdefault(name, {})
    for row in rows:
        rkey = tuple(row.get(c) for c in key)
        old = merged.get(rkey)
        if old is None:
            merged[rkey] = dict(row)
        else:  # newer values win; a missing one never hides a value
            old.update({c: v for c, v in row.items() if v is not None or c not in old})


def _part(group: _Group) -> Parsed:
    rows: dict[str, list[dict[str, Any]]] = {n: list(r.values()) for n, r in group.rows.items()}
    for name, sets in group.sets.items():
        rows[name] = [row for _, members in sets.values() for row in members]
    return Parsed(
        kind=group.kind,
        tables=tables(**rows),
        as_of=group.as_of,
        account=group.account,
        notes=list(dict.fromkeys(group.notes)),
        rank=Rank.CAPTURED,
    )
