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

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .config import AdvisorConfig, ConfigError, load_config
    from .engine import advise, top_advice
    from .model import Advice, AdviceList, Evidence, Rule, Unavailable

# Where each public name lives: imported on first use, so that reading the config (the
# app's start) does not load the rules and Polars before the first screen is drawn.
_WHERE = {
    "AdvisorConfig": "config",
    "ConfigError": "config",
    "load_config": "config",
    "advise": "engine",
    "top_advice": "engine",
    "Advice": "model",
    "AdviceList": "model",
    "Evidence": "model",
    "Rule": "model",
    "Unavailable": "model",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value


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
