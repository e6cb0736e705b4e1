"""What the advisor hands out: advice, the evidence behind it, and what it could not judge.

These are plain frozen dataclasses so the same objects feed the Advisor screen,
the Overview's top-advice line and ``tiktui report`` (Markdown and JSON)
without any of them re-deriving a number. Every number a creator reads is
kept twice: as a value (for JSON and sorting) and as the text it is shown as,
so the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Confidence = Literal["high", "medium", "low"]
Kind = Literal["strength", "opportunity", "problem", "change", "insight"]
Unit = Literal["share", "points", "ratio", "views", "count", "seconds", "hour", "rate", "text"]

CONFIDENCE_ORDER: dict[str, int] = {"high": 0, "medium": 1, "low": 2}
CONFIDENCE_WEIGHT: dict[str, float] = {"high": 1.0, "medium": 0.6, "low": 0.3}
"""Ranking uses expected impact: views at stake × this weight, so a big but shaky
estimate does not push a smaller, well-founded one off the top of the list."""


@dataclass(frozen=True)
class Evidence:
    """One number that supports a piece of advice, with what it was measured on.

    ``value`` is machine-readable (a share is a fraction 0–1, never a percent);
    ``text`` is the sentence a person reads, naming the period and the sample.
    """

    label: str
    value: float | int | str | None
    unit: Unit
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "value": self.value, "unit": self.unit, "text": self.text}


@dataclass(frozen=True)
class Rule:
    """Where a piece of advice comes from: the rule, its trigger and the benchmark's origin."""

    key: str
    title: str
    threshold: str
    benchmark: str


@dataclass(frozen=True)
class DataPath:
    """One kind of data a rule can work from; each rule lists its paths best first.

    ``key`` is what tests and the JSON report check (``"daily_net"``); ``what``
    and ``files`` are said when the rule has none of them ("not enough data"
    names the file that would feed it).
    """

    key: str
    what: str
    files: str


@dataclass(frozen=True)
class Advice:
    """One explained, ranked recommendation.

    ``views_at_stake`` is an estimate of how many views over the period the
    finding concerns (documented per rule in :mod:`tiktui.advisor.rules`); it
    only ranks advice against each other and is never shown as a promise.
    """

    id: str
    rule: Rule
    kind: Kind
    headline: str
    evidence: tuple[Evidence, ...]
    actions: tuple[str, ...]
    confidence: Confidence
    confidence_reason: str
    video_ids: tuple[str, ...]
    views_at_stake: int
    sample_videos: int
    period_start: date | None
    period_end: date | None
    source: str | None = None
    notes: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    """Ids of other rules' advice folded into this one (a shift folded into the mix)."""
    data: str | None = None
    """The key of the :class:`DataPath` the finding rests on (None: the rule has one)."""

    @property
    def expected_views(self) -> int:
        """Views at stake weighted by confidence: what the list is ranked by."""
        return round(self.views_at_stake * CONFIDENCE_WEIGHT[self.confidence])

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rule": self.rule.key,
            "rule_title": self.rule.title,
            "kind": self.kind,
            "source": self.source,
            "headline": self.headline,
            "evidence": [e.to_json() for e in self.evidence],
            "actions": list(self.actions),
            "confidence": self.confidence,
            "confidence_reason": self.confidence_reason,
            "videos": list(self.video_ids),
            "sample_videos": self.sample_videos,
            "period": _period_json(self.period_start, self.period_end),
            "threshold": self.rule.threshold,
            "benchmark": self.rule.benchmark,
            "views_at_stake": self.views_at_stake,
            "expected_views": self.expected_views,
            "notes": list(self.notes),
            "also": list(self.also),
            "data": self.data,
        }


@dataclass(frozen=True)
class Unavailable:
    """A rule that could not be evaluated, and why: said once, instead of a guess."""

    rule: str
    title: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "rule_title": self.title, "reason": self.reason}


@dataclass
class AdviceList:
    """Everything the advisor says for one account and period, most important first."""

    account: str | None
    period_start: date | None
    period_end: date | None
    period_days: int | None
    today: date
    advice: list[Advice] = field(default_factory=list)
    unavailable: list[Unavailable] = field(default_factory=list)

    def __iter__(self) -> Iterator[Advice]:
        return iter(self.advice)

    def __len__(self) -> int:
        return len(self.advice)

    def __bool__(self) -> bool:  # an empty list of advice is still a valid answer
        return True

    @property
    def top(self) -> Advice | None:
        return self.advice[0] if self.advice else None

    def to_json(self) -> dict[str, Any]:
        return {
            "advice": [a.to_json() for a in self.advice],
            "unavailable": [u.to_json() for u in self.unavailable],
        }


def _period_json(start: date | None, end: date | None) -> dict[str, str | None]:
    return {
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
    }


def rank(advice: list[Advice], rule_order: dict[str, int]) -> list[Advice]:
    """Highest expected impact first (views at stake × confidence weight); ties go to the
    surer advice, then the rule's order."""
    return sorted(
        advice,
        key=lambda a: (
            -a.expected_views,
            -a.views_at_stake,
            CONFIDENCE_ORDER[a.confidence],
            rule_order.get(a.rule.key, 99),
            a.id,
        ),
    )
