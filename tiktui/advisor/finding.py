"""What a rule's measure hands its word function: the sample it rests on, or why it cannot.

Every rule is split in two (issue 12): ``measure(ctx)`` — pure Polars, no
sentences — returns a small typed finding with its numbers, the data path it
used and its :class:`Sample` against the rule's minimum, or a :class:`Lacking`
saying which count fell short; ``word`` turns either into advice or one
"not enough data" line. Tests check the finding's numbers and path, not prose.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .model import DataPath, Rule, Unavailable
from .text import plural

if TYPE_CHECKING:
    from .context import Context

Window = Literal["now", "before", "no_previous", "none"]
"""Where the count fell short: this period, the one before, no period before (all time),
or none of the rule's data at all ("none": the line names every path and its file)."""


@dataclass(frozen=True)
class Sample:
    """How many units (videos, days) a finding rests on, against the rule's minimum."""

    n: int
    minimum: int
    unit: str = "videos"

    @property
    def enough(self) -> bool:
        return self.n >= self.minimum


@dataclass(frozen=True)
class Lacking:
    """The measure could not run: the count that fell short, in which window.

    ``what`` is what was counted (``"have traffic-source data"``); ``path`` the
    best data path tried (None when the rule found none of its data at all).
    """

    sample: Sample
    what: str
    window: Window = "now"
    path: str | None = None


def say_lacking(
    ctx: Context,
    rule: Rule,
    lack: Lacking,
    paths: tuple[DataPath, ...] = (),
    minimum: str = "",
) -> Unavailable:
    """The one "not enough data" line for a :class:`Lacking` (the engine adds the files);
    ``paths`` and ``minimum`` are said when the rule found none of its data."""
    s = lack.sample
    if lack.window == "none":
        return ctx.no_data(rule, paths, minimum or f"{s.minimum} {s.unit}")
    if lack.window == "no_previous":
        return ctx.unavailable(rule, "“all time” has no previous period to compare with")
    if lack.window == "before":
        return ctx.unavailable(
            rule,
            f"{plural(s.n, s.unit.rstrip('s'))} posted in {ctx.previous_phrase} {lack.what}; "
            f"this rule needs at least {s.minimum} (min_videos)",
        )
    return ctx.too_few(rule, s.n, lack.what)
