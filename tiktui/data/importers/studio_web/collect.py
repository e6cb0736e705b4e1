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
from ..values import located, tables, to_text
from .account import is_account_body, read_account
from .content import ENVELOPE as LIST_ENVELOPE
from .content import is_item_list, read_item_list
from .gen3 import is_gen3_body, read_gen3
from .request import Response
from .shapes import Found
from .video import body_video_id, is_video_body, read_video

ENVELOPE = frozenset({"status_code", "status_msg", "extra", "log_pb", "message", *LIST_ENVELOPE})


def api_error(obj: dict[str, Any]) -> str | None:
    """Studio web responses carry ``status_code``/``status_msg``; non-zero is an error."""
    code = obj.get("status_code")
    if code is None or str(code).strip() == "0":
        return None
    message = obj.get("status_msg")
    shown = message if isinstance(message, str) and message else "no message"
    return f"TikTok error {to_text(code)}: {shown}"


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
        raise Refused("tiktok_error", error=error)
    found = Found()
    found.account = resp.account
    if any(_delayed(v) for v in body.values()):
        found.notes.append(
            "TikTok marked some values as not final yet (is_data_delay): a later capture may "
            "change them"
        )
    day = resp.local_day
    if is_item_list(body):
        read_item_list(body, day, found)
    if is_gen3_body(body):
        read_gen3(resp, found)
    video_id = body_video_id(body) or resp.request.video_id or resp.file_video_id
    # video_page_percent is a video's mix (generation 1) or, asked with days, the account's.
    account_mix = resp.request.asks_days("vv_traffic_source")
    if account_mix is None:
        account_mix = video_id is None
    mix = "video_page_percent" in body
    if is_video_body(body) or (mix and not account_mix):
        if video_id is None:
            raise Refused("no_video_id")
        read_video({k: v for k, v in body.items() if k != "video_page_percent" or not account_mix},
                   video_id, day, found)  # fmt: skip
    if is_account_body(body) or (mix and account_mix):
        read_account(resp, found, mix=account_mix)
    return found


Stamped = dict[str, tuple[datetime, Any]]  # column → (capture time, value)


def _delayed(node: Any) -> bool:
    """``{"value": {"status": 0, "is_data_delay": true, …}}`` or the flag one level up."""
    if not isinstance(node, dict):
        return False
    inner = node.get("value")
    return node.get("is_data_delay") is True or (
        isinstance(inner, dict) and inner.get("is_data_delay") is True
    )


@dataclass
class _Group:
    """The merged rows of one account (None: not named yet) on one capture day."""

    as_of: datetime
    kind: str
    rows: dict[str, dict[tuple[Any, ...], Stamped]] = field(default_factory=dict)
    sets: dict[str, dict[tuple[Any, ...], tuple[datetime, list[dict[str, Any]]]]] = field(
        default_factory=dict
    )
    notes: dict[str, None] = field(default_factory=dict)

    def add_rows(self, name: str, rows: list[dict[str, Any]], now: datetime) -> None:
        table = TABLES[name]
        if name in SET_GROUPS:  # the newest capture's set replaces the whole set
            by = [c for c in SET_GROUPS[name] if c != "account"]
            fresh: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
            for row in rows:
                fresh.setdefault(tuple(row.get(c) for c in by), []).append(row)
            self.add_sets(name, {k: (now, members) for k, members in fresh.items()})
            return
        key = [c for c in table.key if c != "account"]
        self.add_stamped(
            name, {tuple(r.get(c) for c in key): {c: (now, v) for c, v in r.items()} for r in rows}
        )

    def add_sets(
        self, name: str, fresh: dict[tuple[Any, ...], tuple[datetime, list[dict[str, Any]]]]
    ) -> None:
        sets = self.sets.setdefault(name, {})
        for gkey, (now, members) in fresh.items():
            old = sets.get(gkey)
            if old is None or old[0] <= now:
                sets[gkey] = (now, members)

    def add_stamped(self, name: str, rows: dict[tuple[Any, ...], Stamped]) -> None:
        """Per column the newest value wins; a missing one never hides a value."""
        merged = self.rows.setdefault(name, {})
        for rkey, row in rows.items():
            old = merged.get(rkey)
            if old is None:
                merged[rkey] = row
                continue
            for col, (t, v) in row.items():
                was = old.get(col)
                if was is None or (v is not None and (was[1] is None or t >= was[0])):
                    old[col] = (t, v)

    def absorb(self, other: _Group) -> None:
        self.as_of = max(self.as_of, other.as_of)
        self.kind = "insight-har" if "insight-har" in (self.kind, other.kind) else self.kind
        self.notes.update(other.notes)
        for name, rows in other.rows.items():
            self.add_stamped(name, rows)
        for name, sets in other.sets.items():
            self.add_sets(name, sets)


class Collector:
    """Merges the responses of one file as they come; :meth:`parts` gives the frames.

    Merging as they come keeps a 10,000-entry HAR small in memory: a video
    asked about in five requests is one row, not five.
    """

    def __init__(self) -> None:
        self.groups: dict[tuple[str | None, date], _Group] = {}
        self.unread: dict[str, None] = {}
        self.count = 0

    def add(self, resp: Response, kind: str) -> None:
        with located(resp.where):
            found = read_response(resp)
        self.count += 1
        for key in resp.body:
            if key not in found.read and key not in ENVELOPE:
                self.unread[key] = None
        now = resp.now
        group = self.groups.get((found.account, now.date()))
        if group is None:
            group = self.groups[(found.account, now.date())] = _Group(now, kind)
        group.as_of = max(group.as_of, now)
        if kind == "insight-har":
            group.kind = kind
        group.notes.update(dict.fromkeys([*resp.notes, *found.notes]))
        for name, rows in found.rows.items():
            group.add_rows(name, rows, now)

    def parts(self) -> list[Parsed]:
        """One part per account and capture day; a file naming one account gives it to all."""
        named = {account for account, _ in self.groups if account}
        groups = dict(self.groups)
        if len(named) == 1:
            only = next(iter(named))
            for (account, day), group in list(groups.items()):
                if account is None:
                    del groups[(None, day)]
                    if (only, day) in groups:
                        groups[(only, day)].absorb(group)
                    else:
                        groups[(only, day)] = group
        return [_part(account, g) for (account, _), g in groups.items()]

    def unread_note(self) -> str | None:
        """``kept, 3 keys not read yet: a, b, c``: what raw/ holds that no table does yet."""
        if not self.unread:
            return None
        keys = list(self.unread)
        shown = ", ".join(keys[:12]) + (", …" if len(keys) > 12 else "")
        return f"kept, {len(keys)} key{'s' if len(keys) > 1 else ''} not read yet: {shown}"


def _part(account: str | None, group: _Group) -> Parsed:
    rows: dict[str, list[dict[str, Any]]] = {
        name: [{c: v for c, (_, v) in row.items()} for row in merged.values()]
        for name, merged in group.rows.items()
    }
    for name, sets in group.sets.items():
        rows[name] = [row for _, members in sets.values() for row in members]
    if account:
        for name in rows:
            if "account" in TABLES[name].key:
                rows[name] = [{"account": account, **r} for r in rows[name]]
    return Parsed(
        kind=group.kind,
        tables=tables(**rows),
        as_of=group.as_of,
        account=account,
        notes=list(group.notes),
        rank=Rank.CAPTURED,
    )
