"""The first screen's numbers, kept small beside the store so the app draws before it reads it.

What the Overview shows for one account and period (KPIs, the source mix, the
top videos, the data-quality notes and the top advice) is computed here from
the tables and written to ``summary.json`` in the store's folder, beside
``manifest.json``, by the command that commits (:func:`refresh`: ``tiktui import``,
``forget``, ``rebuild``) and by the app when it computes its Overview. It is keyed by the
manifest's commit counter: a summary written at another commit is stale and ignored,
so an import by another process (or a forget) never shows old numbers as current.

Reading a summary needs only :mod:`json`: no Polars, no advisor, no store.
Computing one needs both, which is why it lives outside :mod:`tiktui.data`
(that layer never imports the advisor).
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

from .data.location import MANIFEST
from .data.rows import Rows

NAME = "summary.json"
START_PERIOD_DAYS = 28  # the period the app opens on, so the one a summary is kept for
FORMAT = 2  # 2: the top videos as plain rows (1 kept a Polars-serialized frame)
# The top videos' columns the Overview shows (and opens a video by).
TOP_FIELDS = (
    "video_id",
    "posted_on",
    "caption",
    "views",
    "engagement_rate",
    "completion",
    "dominant",
)


@dataclass(frozen=True)
class OverviewData:
    """What the Overview shows, in plain values: the same whether computed or read back."""

    period_start: date
    period_end: date
    period_days: int | None
    fresh: date | None
    kpis: list[dict[str, Any]]  # the fields of ``queries.Kpi``
    mix_title: str
    mix_shares: dict[str, float] | None
    mix_note: str
    top: Rows  # the top videos, plain values: drawn without Polars
    notes: list[str]
    advice: str


def compute(
    tables: Any, account: str, period_days: int | None, today: date, config: Any, fresh: Any
) -> OverviewData:
    """The Overview's numbers from the tables (runs in a worker thread)."""
    from .advisor import items
    from .data import queries
    from .data.account_mix import account_mix

    period = queries.period_for(tables, account, period_days, today)
    videos = queries.video_table(tables, account)  # built once for the mix, top and notes
    mix = account_mix(tables, account, period, videos=videos)  # as the report shows it
    advice = items.advice_items(tables, account, period, today, config)
    first = next((i for i in advice if not i.is_fact), None)
    top = queries.top_videos(tables, account, period, n=10, videos=videos)
    return OverviewData(
        period_start=period.start,
        period_end=period.end,
        period_days=period.days,
        fresh=fresh,
        kpis=[asdict(k) for k in queries.kpis(tables, account, period)],
        mix_title=mix_title(mix, period),
        mix_shares=mix.shares(),
        mix_note=f"TikTok's own figure not used: {mix.fallback}" if mix.fallback else "",
        top=Rows.of_frame(top, TOP_FIELDS),
        notes=queries.data_quality(tables, account, period, today, videos=videos),
        advice=first.headline if first else "",
    )


def mix_title(mix: Any, period: Any) -> str:
    """The mix's section title, saying where it comes from: TikTok's figure or an estimate."""
    from .data.account_mix import COMBINED
    from .formatting import date_range

    title = "Where views come from"
    if mix.shares() is None:
        return title
    if mix.is_estimate:  # short enough for one line at 80 columns
        return f"{title} · {mix.label} from the period's {mix.n_videos} videos with source data"
    if mix.origin == COMBINED:
        days = (period.end - period.start).days + 1
        windows = f"{len(mix.windows)} window{'s' if len(mix.windows) > 1 else ''}"
        return f"{title} · {mix.label} for {mix.covered_days} of the {days} days ({windows})"
    window = mix.windows[0]
    return f"{title} · {mix.label} for {date_range(window.start, window.end)}"


# -- the file ---------------------------------------------------------------------


def commit_of(root: Path) -> int | None:
    """The store's commit counter, read from the manifest with :mod:`json` alone."""
    try:
        with open(Path(root) / MANIFEST, encoding="utf-8") as fh:
            return int(json.load(fh)["commit"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _to_json(data: OverviewData) -> dict[str, Any]:
    raw = {f.name: getattr(data, f.name) for f in fields(data)}
    for key in ("period_start", "period_end", "fresh"):
        raw[key] = raw[key].isoformat() if raw[key] is not None else None
    raw["top"] = data.top.to_json()
    return raw


def _from_json(raw: dict[str, Any]) -> OverviewData:
    values = dict(raw)
    for key in ("period_start", "period_end", "fresh"):
        values[key] = date.fromisoformat(values[key]) if values[key] else None
    values["top"] = Rows.from_json(values["top"])
    return OverviewData(**values)


@dataclass(frozen=True)
class Summary:
    """One account's first screen at one commit, for one period, config and day."""

    commit: int
    account: str
    accounts: list[str]
    period_days: int | None
    today: date
    config: str  # what the advice depended on (see :func:`config_key`)
    overview: OverviewData

    def fits(self, commit: int | None, period_days: int | None, today: date, config: str) -> bool:
        return (
            commit == self.commit
            and period_days == self.period_days
            and today == self.today
            and config == self.config
        )


def config_key(config: Any) -> str:
    """What of the advisor's config the summary depends on: its repr (None: the defaults)."""
    return "" if config is None else repr(config)


def read(root: Path) -> Summary | None:
    """The summary in the store's folder, or None (missing, damaged, or another format);
    whether it is fresh is for the caller to check against :func:`commit_of`."""
    try:
        with open(Path(root) / NAME, encoding="utf-8") as fh:
            raw = json.load(fh)
        if raw.get("format") != FORMAT:
            return None
        return Summary(
            commit=int(raw["commit"]),
            account=str(raw["account"]),
            accounts=[str(a) for a in raw["accounts"]],
            period_days=raw["period_days"],
            today=date.fromisoformat(raw["today"]),
            config=str(raw["config"]),
            overview=_from_json(raw["overview"]),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def fresh(root: Path, period_days: int | None, today: date, config: Any) -> Summary | None:
    """The summary if it was written at the store's current commit for this period and day."""
    found = read(root)
    if found is None or not found.fits(commit_of(root), period_days, today, config_key(config)):
        return None
    return found


def refresh(store: Any, today: date, config: Any = None) -> bool:
    """Write the summary the app's next start draws from, right after a commit made outside
    the app (``tiktui import``, ``forget``, ``rebuild``): without it, the first start after
    each command computed the Overview before drawing it.

    It is for the account the app opens on (the one the last summary was for, else the
    first) and costs what that one account's Overview costs: its parts alone are read.
    The commit counter is read before the tables, so a commit made meanwhile by another
    process leaves this summary stale, never wrong. An account with a damaged part gets
    no summary (the app says what is damaged). False when nothing was written.
    """
    from .data.damage import StoreDamage
    from .data.queries import freshness

    root = Path(store.root)
    try:
        commit = store.commit_number()
        accounts = store.accounts()
    except StoreDamage:
        return False
    last = read(root)
    account = last.account if last is not None and last.account in accounts else None
    account = account or (accounts[0] if accounts else None)
    if account is None:
        return False
    tables, damaged = store.readable(account)
    if damaged:
        return False
    data = compute(tables, account, START_PERIOD_DAYS, today, config, freshness(tables, account))
    kept = Summary(commit, account, accounts, START_PERIOD_DAYS, today, config_key(config), data)
    write(root, kept)
    return True


def write(root: Path, summary: Summary) -> None:
    """Put the summary in place atomically (a temporary file, then one rename); a store
    that cannot be written to simply has no summary."""
    raw = {
        "format": FORMAT,
        "commit": summary.commit,
        "account": summary.account,
        "accounts": summary.accounts,
        "period_days": summary.period_days,
        "today": summary.today.isoformat(),
        "config": summary.config,
        "overview": _to_json(summary.overview),
    }
    tmp = Path(root) / f".{NAME}.{os.getpid()}.tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(raw, fh)
        os.replace(tmp, Path(root) / NAME)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
