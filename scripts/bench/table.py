"""A saved run (``bench.py -o run.json``) as Markdown tables, for the README."""

from __future__ import annotations

import re

KEY = re.compile(r"^key (?P<key>.+) on \((?P<store>\w+)\)$")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def _fine(seconds: float) -> str:
    """Milliseconds with one decimal (a page takes a few)."""
    return f"{seconds * 1000:,.1f} ms"


def _value(t: dict, v: float) -> str:
    if t["unit"] == "MB":
        return f"{v:.0f} MB"
    return _ms(v) if v >= 0.01 else _fine(v)


def markdown(result: dict) -> str:
    """Process figures, then keys by store, then the targets (keys' in one line each store)."""
    machine, tk = result["cpu"], result["tiktui"]
    load = result.get("load_avg_before", ["?"])[0], result.get("load_avg_after", ["?"])[0]
    figs, rss, cpu = result["figures"], result.get("peak_rss_mb", {}), result.get("cpu_s", {})
    lines = [
        f"{machine['model']}, {machine['count']} CPUs; medians of {result['runs']} runs "
        f"(min–max); tiktui {tk.get('code', tk['commit'])}, {result['date'][:10]}; "
        f"load average {load[0]} at the start, {load[1]} at the end.",
        "",
        "| Process | Median | Min–max | × floor | CPU | Peak RSS |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    keys: dict[str, dict[str, str]] = {}
    stores: list[str] = []
    for name, fig in figs.items():
        used = cpu.get(name)
        m = KEY.match(name)
        if m:
            if m["store"] not in stores:
                stores.append(m["store"])
            cell = f"{_ms(fig['median'])} ({_ms(used['median'])})" if used else _ms(fig["median"])
            keys.setdefault(m["key"], {})[m["store"]] = cell
            continue
        mem = rss.get(name)
        peak = f"{mem['median']:.0f} MB" if mem else ""
        lines.append(
            f"| {name} | {_ms(fig['median'])} | {_ms(fig['min'])}–{_ms(fig['max'])} "
            f"| {fig.get('ratio_to_floor', '')} | {_ms(used['median']) if used else ''} "
            f"| {peak} |"
        )
    flat = result.get("api_pages", {})
    if "last_50_median_s" in flat:
        cpu_pages = ""
        if "first_50_median_cpu_s" in flat:
            cpu_pages = f"{_fine(flat['first_50_median_cpu_s'])} / "
            cpu_pages += _fine(flat["last_50_median_cpu_s"])
        lines.append(
            f"| … per API page: first 50 / last 50 | {_fine(flat['first_50_median_s'])} / "
            f"{_fine(flat['last_50_median_s'])} | | | {cpu_pages} | |"
        )
    if keys:
        lines += [
            "",
            "| Key, Pilot 120×36: wall (CPU) | " + " | ".join(f"({s})" for s in stores) + " |",
            "|---|" + "---:|" * len(stores),
        ]
        for key, cells in keys.items():
            lines.append(f"| {key} | " + " | ".join(cells.get(s, "") for s in stores) + " |")
        apps = [f"({s}) {rss[f'app on ({s})']['median']:.0f} MB" for s in stores
                if f"app on ({s})" in rss]  # fmt: skip
        if apps:
            lines.append("| app peak RSS | " + " | ".join(a.split(" ", 1)[1] for a in apps) + " |")
    lines += ["", "| Target | Value | Limit | |", "|---|---:|---:|---|"]
    per_store: dict[str, list[dict]] = {}
    for t in result["targets"]:
        m = re.match(r"^key .+ on \((\w+)\) ≤ 100 ms$", t["target"])
        if m:
            per_store.setdefault(m[1], []).append(t)
            continue
        verdict = "pass" if t["pass"] else "**fail**"
        lines.append(
            f"| {t['target']} | {_value(t, t['value'])} | {_value(t, t['limit'])} | {verdict} |"
        )
    for store, ts in per_store.items():
        worst = max(ts, key=lambda t: t["value"])
        passed = sum(t["pass"] for t in ts)
        verdict = "pass" if passed == len(ts) else f"**fail** ({passed} of {len(ts)} pass)"
        name = KEY.match(worst["target"].removesuffix(" ≤ 100 ms"))
        lines.append(
            f"| every key on ({store}) ≤ 100 ms: slowest {name['key'] if name else '?'} "
            f"| {_ms(worst['value'])} | 100 ms | {verdict} |"
        )
    return "\n".join(lines)
