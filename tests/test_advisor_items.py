"""tiktui.advisor.items: the advice as the Advisor screen and the Overview list it."""

from __future__ import annotations

from tiktui.advisor.items import advice_items
from tiktui.data import queries

from .ui.factory import ACCOUNT, TODAY, make_tables

TABLES = make_tables()


def test_advice_from_the_advisor_is_normalized() -> None:
    period = queries.period_for(TABLES, ACCOUNT, 28, TODAY)
    items = advice_items(TABLES, ACCOUNT, period, TODAY)
    assert items
    first = items[0]
    assert first.headline and first.evidence and first.confidence in {"high", "medium", "low"}
    assert all(isinstance(e, str) for e in first.evidence)
    # Rules that could not judge the period come last, as facts.
    facts = [i for i in items if i.is_fact]
    assert items[len(items) - len(facts) :] == facts
    assert all(f.headline.startswith("Not judged: ") for f in facts)
