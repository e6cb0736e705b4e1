"""The app's state as one immutable value, handed to worker threads.

Workers read a :class:`State`, never the App, so a thread never sees the
account change halfway through a computation; Polars frames are immutable, so
sharing the tables between threads is safe.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ..data.period import Period

if TYPE_CHECKING:
    from ..data.schema import Tables


@dataclass(frozen=True)
class State:
    tables: Tables
    account: str | None
    period_days: int | None
    today: date
    marks: tuple[str, ...] = ()
    rolling: bool = False
    version: int = 0
    config: Any = None
    accounts: tuple[str, ...] = field(default=())
    fresh: date | None = None  # the account's last day with data (computed when tables load)

    def period(self) -> Period:
        from ..data.queries import period_for  # in a worker: the tables are read

        assert self.account is not None
        return period_for(self.tables, self.account, self.period_days, self.today)
