"""What the next keys will show, computed while the user reads the Overview.

Once the Overview is on screen, a worker builds what the likely next keys need
and the caches keep it (:mod:`tiktui.data.memo`: keyed by the very tables of
this commit, so nothing kept can be shown for another one): the account's
video table (Videos, Compare, detail), the advice for the period (the Advisor)
and for the next period ``p`` cycles to — on new tables the one after that too,
so that after a ``p`` the next one is ready already. The screens then find it ready; if
the user is faster, the screen waits for the same computation instead of
starting a second one.
"""

from __future__ import annotations

from ..advisor import engine
from ..data import queries
from ..data.queries import PERIOD_CHOICES
from .state import State


def next_period(days: int | None, step: int = 1) -> int | None:
    """The period ``p`` (step 1) or ``[`` (step -1) goes to from ``days``, as the App cycles."""
    index = PERIOD_CHOICES.index(days) if days in PERIOD_CHOICES else 1
    return PERIOD_CHOICES[(index + step) % len(PERIOD_CHOICES)]


def warm(state: State, ahead: int = 1) -> None:
    """Runs in a worker thread: fill the caches for the screens after the Overview, with the
    advice of the period and of the ``ahead`` periods ``p`` cycles to next."""
    if state.account is None or not state.tables:
        return
    tables, account = state.tables, state.account
    queries.video_table(tables, account)
    periods = [state.period_days]
    for _ in range(ahead):
        periods.append(next_period(periods[-1]))
    for days in dict.fromkeys(periods):  # in order, once each
        period = queries.period_for(tables, account, days, state.today)
        engine.advise(tables, account, period, state.today, state.config)
