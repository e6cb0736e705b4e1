"""The ten rules of ADVISOR.md, one module each, in the order the spec lists them, then
the rules Studio's own downloads feed (issue 12): returning viewers, followers per 1,000
views and posting cadence.

Each module has ``RULE`` (its key, title, default threshold and benchmark) and
``evaluate(ctx) -> list[Advice | Unavailable]``: advice when it fires, nothing
when it has data and nothing to say, one ``Unavailable`` when it lacks data.
Every module's docstring documents its trigger, its views-at-stake estimate
and its effect size for confidence.
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
