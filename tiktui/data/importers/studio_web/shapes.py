"""How Studio's web responses wrap a value: ``status`` (3b), ``{value:{status,value}}`` (3d),
``message.status`` (3f), and ``[{key, value}]`` lists.

``status: 2`` (and generation 3's ``message.status`` 2, 7, 9, 10) is missing,
distinct from None (the key is absent) and never zero: :data:`MISSING`.
"""

from __future__ import annotations

import math
from typing import Any

from ..base import Refused
from ..numbers import to_float, to_number
from ..values import at, get_any, to_text


class _Missing:
    """TikTok's ``status: 2`` ("not computed yet"): distinct from None and from 0."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


def status_missing(node: dict[str, Any]) -> bool:
    status = node.get("status")
    if isinstance(status, bool) or not isinstance(status, (int, float, str)):
        return False  # aweme objects have a "status" object of their own
    try:
        return to_number(status, "status") not in (0, None)
    except Refused:
        return False


def unwrap(node: Any) -> Any:
    """``{"value":{"status":0,"value":X}}`` → X, tolerating one level more or less.

    Returns :data:`MISSING` when any level says a non-zero ``status``
    (``2`` = not computed yet). Retention puts its points under ``list``.
    """
    for _ in range(4):
        if not isinstance(node, dict):
            break
        if status_missing(node):
            return MISSING
        if "value" in node:
            node = node["value"]
        elif "list" in node:
            node = node["list"]
        else:
            break
    return node


def present(value: Any) -> bool:
    return value is not None and value is not MISSING


def pick(body: dict[str, Any], base: str) -> tuple[bool, Any]:
    """(present, raw) for a key, preferring the ``_realtime`` spelling."""
    for key in (f"{base}_realtime", base):
        if key in body:
            return True, body[key]
    return False, None


def pairs(value: Any, where: str) -> list[tuple[str, float | None]]:
    """``[{"key":"For You","value":0.84}]`` (or ``{"For You":0.84}``) → (label, share)."""
    if isinstance(value, dict):
        return [(str(k), to_float(v, at(where, str(k)))) for k, v in value.items()]
    if not isinstance(value, list):
        raise Refused("expected_pairs", where=where)
    out = []
    for i, item in enumerate(value):
        if type(item) is dict and "status" not in item:  # the common case, fast
            label, share = item.get("key"), item.get("value")
            if type(label) is str and (type(share) is float or type(share) is int):
                if math.isfinite(share):
                    out.append((label, float(share)))
                    continue
        iw = at(where, i)
        if isinstance(item, list) and len(item) == 2:
            label, share = item
        elif isinstance(item, dict):
            if status_missing(item):
                continue
            label = get_any(item, "key", "name", "label", "source", "country_name")
            share = get_any(item, "value", "percentage", "share", "country_vv_percent")
        else:
            raise Refused("expected_pair", where=iw)
        if label is None:
            raise Refused("missing_field", where=iw, field="key")
        out.append((to_text(label) or "", to_float(share, at(iw, "value"))))
    return out


# Generation 3: message.status 1 = final; 2 = not final or no data; 7, 9, 10 = not applicable.
GEN3_FINAL = 1


def gen3_value(node: Any, where: str) -> float | None:
    """``{"message": {"status": 1}, "value": 29075}`` → 29075; any other status → None."""
    if not isinstance(node, dict):
        return to_float(node, where)
    message = node.get("message")
    status = message.get("status") if isinstance(message, dict) else GEN3_FINAL
    try:
        final = to_number(status, at(where, "message.status")) == GEN3_FINAL
    except Refused:
        final = False
    return to_float(node.get("value"), at(where, "value")) if final else None


class Found:
    """What one response gave: rows per canonical table, the keys it read, notes, an account."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.read: set[str] = set()  # top-level keys read (or understood and left out on purpose)
        self.notes: list[str] = []
        self.account: str | None = None

    def add(self, table: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.rows.setdefault(table, []).extend(rows)
