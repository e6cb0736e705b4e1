"""Why a file is refused: a closed set of reasons, each an id and a template.

The templates are data (``reasons.json`` beside this module). A refusal is an
id plus its fields; ``str()`` renders the template with every field shown
through :func:`tiktui.formatting.text.safe`, so a reason is always one line and
no terminal obeys a file. A reason never carries an exception's own text: an
unexpected error becomes ``internal_error``.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType
from typing import Any

from ...formatting.text import safe


def _load() -> dict[str, str]:
    text = resources.files(__package__).joinpath("reasons.json").read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


REASONS: Mapping[str, str] = MappingProxyType(_load())
"""Every reason's id → its template."""

_FIELDS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        code: frozenset(name for _, name, _, _ in string.Formatter().parse(t) if name)
        for code, t in REASONS.items()
    }
)


def render(code: str, fields: Mapping[str, Any]) -> str:
    """The one line a reason reads as: ``where: template`` with its fields filled in."""
    text = REASONS[code].format_map({k: safe(str(v)) for k, v in fields.items()})
    where = fields.get("where")
    return safe(f"{where}: {text}" if where else text).strip()


def join_where(outer: str, inner: str) -> str:
    """``entry.csv`` and ``line 3`` → ``entry.csv: line 3`` (either may be empty)."""
    return ": ".join(w for w in (outer, inner) if w)


def shown(value: Any, limit: int = 60) -> str:
    """A value quoted as a reason shows it: text in quotes, JSON values as JSON, cut short."""
    text = f'"{value}"' if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _Reasoned:
    """An id from :data:`REASONS` and its fields; ``where`` says where in the file."""

    code: str
    fields: dict[str, Any]

    def _set(self, code: str, fields: dict[str, Any]) -> None:
        if code not in REASONS:
            raise ValueError(f"unknown refusal reason {code!r}")
        missing = _FIELDS[code] - fields.keys()
        if missing:
            raise ValueError(f"reason {code!r} lacks {sorted(missing)}")
        self.code = code
        self.fields = fields

    @property
    def where(self) -> str:
        return str(self.fields.get("where", ""))

    def __str__(self) -> str:
        return render(self.code, self.fields)


class Refused(_Reasoned, Exception):
    """The file cannot be imported; ``str(exc)`` is the reason, without the file name.

    ``Refused("not_a_number", where='line 14, column "Likes"', value='"12k3"')``
    reads ``line 14, column "Likes": "12k3" is not a number``. ``code`` is in
    :data:`REASONS`; ``fields`` holds what the template shows, and ``where``.
    """

    def __init__(self, code: str, /, **fields: Any) -> None:
        self._set(code, fields)
        super().__init__(code)

    def within(self, where: str) -> Refused:
        """The same reason, placed inside ``where`` (a ZIP entry, a JSON path)."""
        return Refused(self.code, **{**self.fields, "where": join_where(where, self.where)})

    @classmethod
    def at(cls, where: str, exc: BaseException) -> Refused:
        """A refusal at ``where`` for a value a reader could not take: its reason when it
        gave one (:class:`BadValue`), else ``unreadable_value`` without the exception's text."""
        if isinstance(exc, _Reasoned):
            return cls(exc.code, **{**exc.fields, "where": join_where(where, exc.where)})
        return cls("unreadable_value", where=where)


class BadValue(_Reasoned, ValueError):
    """A cell a reader cannot take (``"12k3" is not a number``), before anyone knows where it is;
    the caller turns it into a :class:`Refused` with :meth:`Refused.at`."""

    def __init__(self, code: str, /, **fields: Any) -> None:
        self._set(code, fields)
        super().__init__(code)
