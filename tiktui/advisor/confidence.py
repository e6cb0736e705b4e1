"""How sure a piece of advice is: from the sample it rests on and the size of the effect.

One video is an anecdote; a 28-day pattern over 20 videos is not. And a share
that only just crosses its threshold could cross back next week, while one far
past it will not. So confidence adds two scores:

* **sample points**: 0 below ``videos_for_medium`` videos (or
  ``days_for_medium`` days for day-based rules), 1 from there, 2 from
  ``videos_for_high`` (``days_for_high``). Defaults 5 / 20 videos, 14 / 28 days.
* **effect points**: ``effect`` is how far past its trigger the finding is,
  as a multiple of the threshold (a share 8.9× the median against a 2.5×
  trigger is 3.6; a 7-point shift against a 5-point trigger is 1.4).
  0 below 1.5, 1 from 1.5, 2 from 3.

``high`` needs 3 or more points, ``medium`` 2, anything else is ``low``; and
with 0 sample points it is always ``low`` (a big effect on two videos is
still an anecdote). Rules of thumb with low authority (completion) cap it at
``medium`` because the threshold itself is uncertain, however clear the data.
"""

from __future__ import annotations

from .config import AdvisorConfig
from .model import Confidence

_LEVELS: tuple[Confidence, ...] = ("low", "medium", "high")


def sample_points(n: int, medium: int, high: int) -> int:
    if n >= high:
        return 2
    if n >= medium:
        return 1
    return 0


def effect_points(effect: float) -> int:
    if effect >= 3:
        return 2
    if effect >= 1.5:
        return 1
    return 0


def confidence(
    n: int,
    effect: float,
    config: AdvisorConfig,
    unit: str = "videos",
    cap: Confidence = "high",
) -> tuple[Confidence, str]:
    """The level and the one sentence that explains it (shown beside the advice)."""
    if unit == "days":
        medium, high = config.days_for_medium, config.days_for_high
    else:
        medium, high = config.videos_for_medium, config.videos_for_high
    sp = sample_points(n, medium, high)
    ep = effect_points(effect)
    total = sp + ep
    if sp == 0:
        level: Confidence = "low"
    elif total >= 3:
        level = "high"
    elif total >= 2:
        level = "medium"
    else:
        level = "low"
    capped = False
    if _LEVELS.index(level) > _LEVELS.index(cap):
        level, capped = cap, True
    noun = unit if n != 1 else unit.rstrip("s")
    size = {0: "a small sample", 1: "a fair sample", 2: "a large sample"}[sp]
    strength = {0: "just past the threshold", 1: "clearly past it", 2: "far past it"}[ep]
    reason = f"{n} {noun} ({size}); effect {effect:.1f}× the trigger ({strength})"
    if capped:
        reason += f"; capped at {cap}: the threshold is a rule of thumb"
    return level, reason
