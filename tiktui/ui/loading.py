"""Loading for the App: the tables read in a worker, and the screens the first paint
does not need (imported when first shown, or in the background once it is drawn)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..data.schema import Tables

# The screens the first paint does not need: imported when first shown, or in the
# background once the Overview is drawn (``warm_up``), never before it.
LATER_SCREENS = {
    "videos": ("videos", "VideosScreen"),
    "trends": ("trends", "TrendsScreen"),
    "compare": ("compare", "CompareScreen"),
    "advisor": ("advisor", "AdvisorScreen"),
}
WARM_MODULES = ("detail", "help", "importer", "accounts")


def later(module: str, name: str) -> Callable[[], Any]:
    def make() -> Any:
        return getattr(importlib.import_module(f".screens.{module}", __package__), name)()

    return make


def warm_up() -> None:
    """Import what the other screens need, off the UI thread, after the first paint."""
    for module in [m for m, _ in LATER_SCREENS.values()] + list(WARM_MODULES):
        importlib.import_module(f".screens.{module}", __package__)


@dataclass(frozen=True)
class LoadedTables:
    """Freshly loaded tables and what the App keeps about them, computed in the loading worker
    (Polars work never runs on the UI thread, however small)."""

    tables: Tables
    accounts: list[str]
    fresh: dict[str, date | None]  # per account: its last day with data, for the header
    account: str | None = None  # the one account the tables hold (a store is read per account)
    token: object = None  # the store's version they were read at (see ``Store.version``)
    commit: int | None = None  # the manifest's commit counter, read before the tables
    damaged: tuple[str, ...] = ()  # one line per damaged part left out (or the manifest)

    @classmethod
    def of(cls, tables: Tables) -> LoadedTables:
        from ..data import queries

        accounts = queries.accounts(tables)
        return cls(tables, accounts, {a: queries.freshness(tables, a) for a in accounts})

    @classmethod
    def of_store(cls, store: Any, account: str | None) -> LoadedTables:
        """Only the account on screen is read (its parts alone): the cost of opening
        follows that account, not the whole store."""
        from ..data import queries
        from ..data.damage import StoreDamage

        token = store.version()
        try:
            commit = store.commit_number()  # before the tables: a later commit makes it stale
            accounts = store.accounts()
        except StoreDamage as exc:  # the manifest itself: nothing can be read
            return cls({}, [], {}, None, token, None, (str(exc),))
        if account not in accounts:
            account = accounts[0] if accounts else None
        if account is None:
            tables, damaged = store.readable()
            return cls(tables, accounts, {}, None, token, commit, _lines(damaged))
        # An account with a damaged part is not shown (its missing rows would read as
        # absent ones): the next whole account is, and a line names the damage.
        found: list = []
        for candidate in [account, *(a for a in accounts if a != account)]:
            tables, damaged = store.readable(candidate)
            found += [d for d in damaged if str(d) not in map(str, found)]
            if not any(d.account == candidate for d in damaged):
                fresh = {candidate: queries.freshness(tables, candidate)}
                whole = [a for a in accounts if not any(d.account == a for d in found)]
                return cls(tables, whole, fresh, candidate, token, commit, _lines(found))
        return cls(tables, [], {}, None, token, commit, _lines(found))


def _lines(damaged: list) -> tuple[str, ...]:
    return tuple(str(d) for d in damaged)
