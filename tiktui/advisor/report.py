"""``tiktui report``: the period's KPIs, source mix and advice, as Markdown or JSON.

Markdown is for sharing (a manager, a client, a notes app); JSON is for
scripts and has a stable, versioned shape::

    {
      "schema": "tiktui.report/1",
      "generated_on": "2026-03-02",            # the "today" the report was made for
      "account": "chef",
      "timezone": "Europe/Berlin",            # the zone every hour in the advice is on
      "period": {"start": "2026-02-02", "end": "2026-03-01", "days": 28},   # days null = all
      "previous_period": {"start": …, "end": …, "days": 28} | null,
      "kpis": [{"name": "video_views", "label": "Video views", "unit": "count" | "rate",
                "value": 320000 | null, "previous": 300000 | null,
                "change": 0.0667 | null,        # relative change: (value − previous) ÷ previous
                "change_abs": 20000 | null}],   # value − previous (for rates: 0.004 = +0.4 pts)
      "source_mix": [{"source": "search", "label": "Search", "share": 0.098,
                      "organic_share": 0.101 | null, "views": 31360.0 | null,
                      "n_videos": 24 | null}],        # null for TikTok's figure
      "source_mix_origin": {"label": "TikTok's figure" | "estimated",
                            "kind": "captured" | "combined" | "estimated",
                            "windows": [{"start", "end", "captured_at", "views"}],
                            "n_videos": 24 | null, "fallback": "…" | null},
      "search_terms": [{"term": "ramen", "share": 0.31, "views": 1200.0 | null,
                        "videos": 3 | null}],           # share of the views from search
      "search_terms_origin": {same shape as source_mix_origin},
      "advice": [ {see Advice.to_json: id, rule, rule_title, kind, source, headline,
                   evidence: [{label, value, unit, text}], actions, confidence,
                   confidence_reason, videos, sample_videos, period, threshold,
                   benchmark, views_at_stake, notes, data} ],  # most views at stake first;
                                                       # data: the rule's data path used
      "unavailable": [{"rule": "timing", "rule_title": "When to post", "reason": "…"}],
      "data_notes": ["the last 3 days may still change: TikTok revises them", …]
    }

Shares and rates are fractions 0–1, counts are numbers, dates ISO 8601; a
number that is not known is null, never 0. The mix and the search terms are
TikTok's own figure where a capture of Studio covers the period, else estimated
from the videos (``*_origin`` says which); the ``*_origin`` and ``search_terms``
fields were added to ``tiktui.report/1`` without changing the others.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TextIO

import polars as pl

from ..data import queries as q
from ..data.account_mix import Figure, account_mix, account_terms
from ..data.schema import Tables
from ..formatting import basis, compact, day, exact, full_day, kpi_change, pct, safe
from ..formatting.text import json_text
from .config import AdvisorConfig, ConfigError, load_config
from .context import mix, organic
from .engine import advise, resolve_period
from .model import Advice, AdviceList
from .report_mix import mix_rows, origin_json, origin_sentence, term_rows
from .text import video_ref

SCHEMA = "tiktui.report/1"
EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


@dataclass
class Report:
    account: str
    period: q.Period
    today: date
    kpis: list[q.Kpi]
    source_mix: list[dict[str, Any]]
    advice: AdviceList
    notes: list[str]
    urls: dict[str, str]
    refs: dict[str, str] = field(default_factory=dict)
    """How each video is named for people (caption quote and day), as in the advice text."""
    mix: Figure | None = None  # what ``source_mix`` rests on
    terms: Figure | None = None
    top_terms: int = 10
    timezone: str = "UTC"
    """The zone hours are named on (``[display] timezone``, resolved: never "local")."""

    # -- JSON ------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        prev = self.period.previous()
        return {
            "schema": SCHEMA,
            "generated_on": self.today.isoformat(),
            "account": self.account,
            "timezone": self.timezone,
            "period": _period(self.period),
            "previous_period": _period(prev) if prev else None,
            "kpis": [_kpi_json(k) for k in self.kpis],
            "source_mix": self.source_mix,
            "source_mix_origin": origin_json(self.mix) if self.mix else None,
            "search_terms": term_rows(self.terms, self.top_terms) if self.terms else [],
            "search_terms_origin": origin_json(self.terms) if self.terms else None,
            "advice": [a.to_json() for a in self.advice.advice],
            "unavailable": [u.to_json() for u in self.advice.unavailable],
            "data_notes": list(self.notes),
        }

    # -- Markdown --------------------------------------------------------------

    def to_markdown(self) -> str:
        p = self.period
        prev = p.previous()
        out: list[str] = [f"# @{_esc(self.account)} — tiktui report", ""]
        span = f"{day(p.start, p.end.year)} to {full_day(p.end)}"
        head = f"**{p.label.capitalize()}**: {span}"
        if prev:
            head += f" (compared with {day(prev.start, p.end.year)} to {day(prev.end, p.end.year)})"
        out += [head + f" · made on {full_day(self.today)}", ""]

        change_head = f"change {basis(p.days)}" if prev else "change"
        out += [
            "## Key numbers",
            "",
            f"| | this period | previous | {change_head} |",
            "|---|--:|--:|--:|",
        ]
        for k in self.kpis:
            label = k.label + (f" ({q.ENGAGEMENT_FORMULA}, account-wide)" if k.is_rate else "")
            out.append(
                f"| {_esc(label)} | {_kpi_value(k, k.value)} | {_kpi_value(k, k.previous)} | "
                f"{kpi_change(k.value, k.previous, k.is_rate, 'exact')} |"
            )
        out.append("")
        out += [
            "Counts change in percent of the previous period; the engagement rate changes in "
            "points (pts), the difference of the two percentages.",
            "",
        ]

        out += ["## Where views come from", ""]
        if not self.source_mix:
            out += ["No video posted in this period has traffic-source data yet.", ""]
        else:
            has_paid = any(
                r["organic_share"] is not None and abs(r["organic_share"] - r["share"]) > 1e-9
                for r in self.source_mix
            )
            if self.mix:
                out += [_esc(origin_sentence(self.mix, p, "mix")), ""]
            if has_paid:
                out += ["| source | share | organic only | ≈ views |", "|---|--:|--:|--:|"]
            else:
                out += ["| source | share | ≈ views |", "|---|--:|--:|"]
            for r in sorted(self.source_mix, key=lambda r: -r["share"]):
                cells = [r["label"], pct(r["share"])]
                if has_paid:
                    cells.append(pct(r["organic_share"]))
                cells.append("—" if r["views"] is None else compact(r["views"]))
                out.append("| " + " | ".join(cells) + " |")
            out.append("")
        out += self._terms_md()

        out += ["## Advice", ""]
        if self.advice.advice:
            out += [
                "Most important first: views at stake weighted by confidence (high ×1, "
                "medium ×0.6, low ×0.3). Views at stake are estimates, for ranking only.",
                "",
            ]
        else:
            out += ["Nothing stands out in this period: no rule fired.", ""]
        for i, a in enumerate(self.advice.advice, 1):
            out += self._advice_md(i, a)

        if self.advice.unavailable:
            out += ["## Not enough data", ""]
            for u in self.advice.unavailable:
                out.append(f"- **{_esc(u.title)}**: {_esc(u.reason)}")
            out.append("")
        if self.notes:
            out += ["## About the data", ""]
            out += [f"- {_esc(n)}" for n in self.notes]
            out.append("")
        return "\n".join(out).rstrip() + "\n"

    def _terms_md(self) -> list[str]:
        if self.terms is None or self.terms.rows.is_empty():
            return []
        out = ["## What people search to find you", ""]
        out += [_esc(origin_sentence(self.terms, self.period, "search terms")), ""]
        out += ["| search term | share of search views | ≈ views |", "|---|--:|--:|"]
        for r in term_rows(self.terms, self.top_terms):
            views = "—" if r["views"] is None else compact(r["views"])
            out.append(f"| {_esc(r['term'])} | {pct(r['share'])} | {views} |")
        return [*out, ""]

    def _advice_md(self, i: int, a: Advice) -> list[str]:
        lines = [f"### {i}. {_esc(a.headline)}", ""]
        lines.append(
            f"**Confidence: {a.confidence}** ({_esc(a.confidence_reason)}) · "
            f"**views at stake: ≈ {compact(a.views_at_stake)}**"
        )
        lines.append("")
        lines.append("Evidence:")
        lines += [f"- {_esc(e.text)}" for e in a.evidence]
        lines.append("")
        lines.append("What to do:")
        lines += [f"{n}. {_esc(act)}" for n, act in enumerate(a.actions, 1)]
        lines.append("")
        if a.video_ids:
            names = [_esc(self.refs.get(v) or video_ref(None, None, v)) for v in a.video_ids]
            links = [
                f"[{name}]({self.urls[v]})" if self.urls.get(v) else name
                for v, name in zip(a.video_ids, names, strict=True)
            ]
            lines += [f"Videos: {', '.join(links)}", ""]
        for note in a.notes:
            lines += [f"_Note: {_esc(note)}_", ""]
        lines += [
            f"<sub>Rule: {_esc(a.rule.title)} — {_esc(a.rule.threshold)}. "
            f"Benchmark: {_esc(a.rule.benchmark)}.</sub>",
            "",
        ]
        return lines


def _period(p: q.Period) -> dict[str, Any]:
    return {"start": p.start.isoformat(), "end": p.end.isoformat(), "days": p.days}


def _kpi_json(k: q.Kpi) -> dict[str, Any]:
    diff = None
    if k.value is not None and k.previous is not None:
        diff = k.value - k.previous if k.is_rate else int(round(k.value - k.previous))
    return {
        "name": k.name,
        "label": k.label,
        "unit": "rate" if k.is_rate else "count",
        "value": _num(k.value, k.is_rate),
        "previous": _num(k.previous, k.is_rate),
        "change": k.change_pct,
        "change_abs": diff,
    }


def _num(v: float | None, is_rate: bool) -> float | int | None:
    if v is None:
        return None
    return float(v) if is_rate else int(round(v))


def _kpi_value(k: q.Kpi, v: float | None) -> str:
    """A key number at exact precision: ``1,600,256``, ``9.2%``, ``n/a``."""
    return pct(v, "exact") if k.is_rate else exact(None if v is None else round(v))


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _esc(text: str) -> str:
    """Escape Markdown in text that may carry user words (captions, search terms, handles).

    Control characters (a terminal escape in a caption, a line break, a right-to-left
    override) are made visible by ``formatting.safe``, as on screen: the report is
    printed to terminals and must stay one line.
    """
    return _MD_SPECIAL.sub(r"\\\1", safe(text))


def build_report(
    tables: Tables,
    account: str,
    period: q.Period | int | str | None = 28,
    today: date | None = None,
    config: AdvisorConfig | None = None,
) -> Report:
    """Everything ``tiktui report`` prints, from the tables (no files, no store needed)."""
    today = today or date.today()
    resolved = resolve_period(tables, account, period, today)
    advice = advise(tables, account, resolved, today, config)
    all_videos = q.video_table(tables, account)
    figure = account_mix(tables, account, resolved, videos=all_videos)
    rows = mix_rows(figure, mix(organic(q.videos_in(all_videos, resolved))))
    every = all_videos.filter(pl.col("url").is_not_null())
    urls = dict(zip(every["video_id"].to_list(), every["url"].to_list(), strict=True))
    refs = {
        v: video_ref(c, d, v, resolved.end.year)
        for v, c, d in zip(
            all_videos["video_id"].to_list(),
            all_videos["caption"].to_list(),
            all_videos["posted_on"].to_list(),
            strict=True,
        )
    }
    return Report(
        account=account,
        period=resolved,
        today=today,
        kpis=q.kpis(tables, account, resolved),
        source_mix=rows,
        advice=advice,
        notes=q.data_quality(tables, account, resolved, today, videos=all_videos),
        urls=urls,
        refs=refs,
        mix=figure,
        terms=account_terms(tables, account, resolved, videos=all_videos),
        top_terms=(config or AdvisorConfig()).search_terms_top,
        timezone=str((config or AdvisorConfig()).zone),
    )


def _pick_account(tables: Tables, wanted: str | None, err: TextIO) -> str | None:
    known = q.accounts(tables)
    listed = ", ".join("@" + safe(a) for a in known)  # handles come from files
    if wanted:
        handle = wanted.strip().lstrip("@").lower()
        if handle in known:
            return handle
        print(
            f"tiktui report: no account @{safe(handle)} in the store"
            + (f" (accounts: {listed})" if known else ""),
            file=err,
        )
        return None
    if len(known) == 1:
        return known[0]
    if not known:
        print(
            "tiktui report: the store is empty: import your exports first (tiktui import PATH…)",
            file=err,
        )
    else:
        print(
            f"tiktui report: the store holds several accounts "
            f"({listed}): choose one with --account",
            file=err,
        )
    return None


def render_report(
    store: Any, args: Any, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """The ``report`` command: print the report for ``args`` and return the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        config = load_config(getattr(args, "config", None))
    except ConfigError as exc:
        print(f"tiktui report: {safe(str(exc))}", file=err)
        return EXIT_USAGE
    tables = store.tables()
    account = _pick_account(tables, getattr(args, "account", None), err)
    if account is None:
        return EXIT_USAGE if q.accounts(tables) else EXIT_REFUSED
    today = getattr(args, "today", None) or date.today()
    report = build_report(tables, account, getattr(args, "period", "28d") or "28d", today, config)
    if getattr(args, "format", "md") == "json":
        out.write(json_text(json.dumps(report.to_json(), ensure_ascii=False, indent=2)) + "\n")
    else:
        out.write(report.to_markdown())
    out.flush()
    return EXIT_OK
