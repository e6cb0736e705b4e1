"""The ten rules of ADVISOR.md, one module each, in the order the spec lists them, then
the rules Studio's own downloads feed (issue 12): returning viewers, followers per 1,000
views and posting cadence.

Each module has ``RULE`` (its key, title, default threshold and benchmark),
``PATHS`` (the data it can work from, best first) and
``evaluate(ctx) -> list[Advice | Unavailable]``: advice when it fires, nothing
when it has data and nothing to say, one ``Unavailable`` when it lacks data.
``evaluate`` is two steps: ``measure(ctx)`` — pure Polars, no sentences —
returns a small typed finding (its numbers, the data path used, its sample
against the minimum) or a ``finding.Lacking``; a word function turns it into
advice. Tests check the findings' numbers and paths, not the sentences.
Every module's docstring documents its trigger, its data paths and minimum
sample, its views-at-stake estimate and its effect size for confidence.
"""

from __future__ import annotations

from . import (
    cadence,
    conversion,
    engagement,
    growth,
    loyalty,
    mix,
    outliers,
    paid,
    retention,
    search_terms,
    shifts,
    spikes,
    timing,
)

MODULES = (
    mix,
    shifts,
    outliers,
    spikes,
    engagement,
    retention,
    conversion,
    timing,
    paid,
    search_terms,
    loyalty,
    growth,
    cadence,
)
RULE_ORDER: dict[str, int] = {m.RULE.key: i for i, m in enumerate(MODULES)}
RULE_KEYS: tuple[str, ...] = tuple(RULE_ORDER)
