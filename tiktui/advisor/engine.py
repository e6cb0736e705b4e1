"""Run every rule for one account and period, and rank what they say.

The engine is the only entry point the UI and the report use, so ranking,
deduplication ("a rule that lacks data says so once") and error isolation
live in one place.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from pathlib import Path

from ..data import queries as q
from ..data.memo import Memo, frames
from ..data.schema import Tables
from ..formatting import pct
from .config import AdvisorConfig, load_config
from .context import Context
from .model import Advice, AdviceList, DataPath, Unavailable, rank
from .rules import MODULES, RULE_ORDER

PeriodArg = q.Period | int | str | None


def resolve_period(tables: Tables, account: str, period: PeriodArg, today: date) -> q.Period:
    """A :class:`queries.Period` from a Period, a day count, ``"28d"``/``"all"`` or None (all)."""
    if isinstance(period, q.Period):
        return period
    if isinstance(period, str):
        period = q.parse_period(period)
    return q.period_for(tables, account, period, today)


def advise(
    tables: Tables,
    account: str,
    period: PeriodArg = 28,
    today: date | None = None,
    config: AdvisorConfig | str | Path | None = None,
) -> AdviceList:
    """Every piece of advice for ``account`` over ``period``, most views at stake first.

    ``period`` is a ``queries.Period`` (what the UI holds), a number of days,
    ``"28d"``/``"all"``, or None for all time. ``today`` defaults to
    ``date.today()``; tests pass a fixed day. ``config`` is an
    :class:`AdvisorConfig`, a path to a config.toml (may raise ``ConfigError``)
    or None for the defaults. A rule that fails on unexpected
    data is reported as unavailable with its error rather than taking the
    others down (set ``TIKTUI_DEBUG=1`` to get the traceback instead).
    """
    today = today or date.today()
    if config is None:
        config = _DEFAULTS
    elif not isinstance(config, AdvisorConfig):
        config = load_config(config)
    resolved = resolve_period(tables, account, period, today)
    # Kept per tables (one object per account and commit: never another commit's advice),
    # config, account, period and day: the Overview, the Advisor and the prefetch share it.
    return _ADVICE.get(
        (*frames(tables), config),
        (account, resolved, today),
        lambda: _advise(tables, account, resolved, today, config),  # type: ignore[arg-type]
    )


_ADVICE: Memo[AdviceList] = Memo(kept=8)
_DEFAULTS = AdvisorConfig()


def _advise(
    tables: Tables, account: str, resolved: q.Period, today: date, config: AdvisorConfig
) -> AdviceList:
    ctx = Context(tables, account, resolved, today, config)
    advice: list[Advice] = []
    unavailable: list[Unavailable] = []
    for module in MODULES:
        try:
            results = module.evaluate(ctx)
        except Exception as exc:  # noqa: BLE001 — one rule must not hide the others
            if os.environ.get("TIKTUI_DEBUG"):
                raise
            results = [
                Unavailable(
                    module.RULE.key,
                    module.RULE.title,
                    f"could not be evaluated ({type(exc).__name__}: {exc})",
                )
            ]
        said_unavailable = False
        for item in results:
            if isinstance(item, Unavailable):
                if not said_unavailable:
                    unavailable.append(name_the_files(item, getattr(module, "PATHS", ())))
                    said_unavailable = True
            else:
                advice.append(item)
    return AdviceList(
        account=account,
        period_start=resolved.start,
        period_end=resolved.end,
        period_days=resolved.days,
        today=today,
        advice=rank(fold_shifts(advice), RULE_ORDER),
        unavailable=sorted(unavailable, key=lambda u: RULE_ORDER.get(u.rule, 99)),
    )


def top_advice(
    tables: Tables,
    account: str,
    period: PeriodArg = 28,
    today: date | None = None,
    config: AdvisorConfig | str | Path | None = None,
) -> Advice | None:
    """The single most important piece of advice, for the Overview's one-line summary."""
    return advise(tables, account, period, today, config).top


def name_the_files(item: Unavailable, paths: tuple[DataPath, ...]) -> Unavailable:
    """A rule silent for want of data names the file that would feed it: when its reason
    does not already, the files of its data paths (best first) are added."""
    if not paths or "no previous period" in item.reason:
        return item
    if any(p.files in item.reason for p in paths):
        return item
    files = "; or ".join(dict.fromkeys(p.files for p in paths))
    return replace(item, reason=f"{item.reason} — it reads {files}")


def fold_shifts(advice: list[Advice]) -> list[Advice]:
    """Merge a shift into the mix advice for the same source when they say the same thing.

    "Search brings you 20 %, 18× typical" and "Search rose from 1 % to 20 %"
    are one finding: the shift becomes evidence (and a clause in the
    headline) of the mix advice, so the list stays short. A shift against
    the mix's direction (a strong source that is falling) stays on its own,
    and so does one measured on other numbers than the mix (TikTok's own
    figure for the mix, the per-video estimate for both periods of the shift).
    """
    by_id = {a.id: a for a in advice}
    out: list[Advice] = []
    folded: set[str] = set()
    for a in advice:
        if a.rule.key != "shifts" or a.source is None:
            continue
        rose = a.evidence[0].value > a.evidence[1].value  # type: ignore[operator]
        target = by_id.get(f"mix.{'high' if rose else 'low'}.{a.source}")
        if target is None or target.evidence[0].value != a.evidence[0].value:
            continue  # none, or the mix rests on TikTok's figure and the shift on the estimate
        before = a.evidence[1]
        clause = f"{'up' if rose else 'down'} from {pct(before.value)} the previous period"  # type: ignore[arg-type]
        head, sep, tail = target.headline.partition(" — ")
        by_id[target.id] = replace(
            target,
            headline=f"{head} ({clause}){sep}{tail}",
            evidence=(*target.evidence, before, a.evidence[2]),
            views_at_stake=max(target.views_at_stake, a.views_at_stake),
            also=(*target.also, a.id),
        )
        folded.add(a.id)
    for a in advice:
        if a.id not in folded:
            out.append(by_id[a.id])
    return out
