"""Advice flattened for a list on screen: sentences, not numbers (no Textual here).

The Advisor screen and the Overview's advice line show the same thing: each
piece of advice with its evidence as sentences, its actions, the rule and
where its threshold comes from, and, last, each rule that could not judge
this period and why. Building that here, next to the advice it comes from,
keeps the screens free of advisor internals and lets it be tested without a
terminal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..data.queries import Period
from ..data.schema import Tables
from .config import AdvisorConfig
from .engine import advise
from .model import Advice


@dataclass
class AdviceItem:
    """One entry of the advice list: a piece of advice, or a fact such as a rule not judged."""

    headline: str
    evidence: list[str]
    actions: list[str]
    confidence: str  # high | medium | low | "" (a fact, not advice)
    video_ids: list[str]
    rule: str
    source: str = ""  # where the rule's threshold and benchmark come from
    is_fact: bool = False


def as_item(advice: Advice) -> AdviceItem:
    """An ``Advice`` as the screen lists it: evidence as sentences, the rule by its title.

    The confidence's reason becomes the last line of evidence, so the screen
    shows why the advisor is as sure as it says.
    """
    rule = advice.rule
    confidence = str(advice.confidence or "")
    evidence = [e.text for e in advice.evidence]
    evidence += [f"note: {n}" for n in advice.notes]  # caveats ("followers, not viewers")
    if advice.confidence_reason:
        evidence.append(f"{confidence} confidence: {advice.confidence_reason}")
    return AdviceItem(
        headline=advice.headline,
        evidence=evidence,
        actions=list(advice.actions),
        confidence=confidence,
        video_ids=[str(v) for v in advice.video_ids],
        rule=rule.title,
        source=" · ".join(t for t in (rule.threshold, rule.benchmark) if t),
    )


def advice_items(
    tables: Tables,
    account: str,
    period: Period,
    today: date,
    config: AdvisorConfig | None = None,
) -> list[AdviceItem]:
    """The advice for the period, most important first, then each rule not judged (once,
    with the reason) as a fact."""
    result = advise(tables, account, period, today, config)
    items = [as_item(a) for a in result]
    for miss in result.unavailable:
        items.append(
            AdviceItem(
                f"Not judged: {miss.title}", [miss.reason], [], "", [], miss.title, is_fact=True
            )
        )
    return items
