"""The strategy advisor: explained advice from the account's own numbers (no Textual).

Public API::

    from tiktui.advisor import advise, top_advice, load_config

    result = advise(tables, "myhandle", period, today=date(2026, 3, 1))
    for a in result.advice:          # most views at stake first
        a.headline, a.evidence, a.actions, a.confidence, a.video_ids
    result.unavailable               # rules that lacked data, once each, with the reason

The screens list advice through ``items.advice_items`` (sentences, not numbers).
See ``config.py`` for the thresholds and benchmarks (and a sample config.toml),
``confidence.py`` for how sure each piece of advice is, and ``rules/`` for
each rule's trigger and views-at-stake estimate.
"""

from __future__ import annotations

from .config import AdvisorConfig, ConfigError, load_config
from .engine import advise, top_advice
from .model import Advice, AdviceList, Evidence, Rule, Unavailable

__all__ = [
    "Advice",
    "AdviceList",
    "AdvisorConfig",
    "ConfigError",
    "Evidence",
    "Rule",
    "Unavailable",
    "advise",
    "load_config",
    "top_advice",
]
