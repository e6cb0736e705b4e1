"""The figures: each a list of per-run values, measured by whole processes."""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from . import gen
from .term import Tmux, run

PY = sys.executable
FLOOR_MARK = "BENCH-FLOOR-READY"
# The Overview is fully drawn when its sections and its chart are on screen (they
# appear together, once the numbers are computed). Override with --marker.
OVERVIEW_MARKERS = ["Where views come from", "Top videos", "Daily video views"]


def say(text: str) -> None:
    print(f"[bench] {text}", file=sys.stderr, flush=True)


def tiktui(*args: str) -> list[str]:
    return [PY, "-m", "tiktui", *args]


# -- cold start ---------------------------------------------------------------------


def cold(paths: dict[str, Path], runs: int, markers: list[str]) -> tuple[dict, dict]:
    """Floor, VisiData and tiktui, each launched in a fresh terminal, to its marker."""
    n_rows = sum(1 for _ in paths["csv"].open(encoding="utf-8")) - 1
    vd = str(Path(PY).with_name("vd"))
    home = Path(tempfile.mkdtemp(prefix="tiktui-bench-home-"))
    env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    cases: list[tuple[str, list[str], Callable[[str], bool]]] = [
        ("floor", [PY, "-c", f"import textual, polars; print('{FLOOR_MARK}', flush=True)\n"
                   "import time; time.sleep(60)"],  # alive, so its CPU time can be read
         lambda s: FLOOR_MARK in s),
        ("visidata (a) CSV", [vd, str(paths["csv"])],
         lambda s: f"{n_rows} rows" in s or f"{n_rows:,} rows" in s),
        ("cold start (a)", tiktui("--data-dir", str(paths["a"])),
         lambda s: all(m in s for m in markers)),
        ("cold start (b)", tiktui("--data-dir", str(paths["b"])),
         lambda s: all(m in s for m in markers)),
    ]  # fmt: skip
    if not Path(vd).exists():
        say("VisiData is not installed (pip install -e '.[bench]'): its figure is left out")
        cases = [c for c in cases if c[0] != "visidata (a) CSV"]
    out: dict[str, list[float]] = {name: [] for name, _, _ in cases}
    cpu: dict[str, list[float]] = {name: [] for name, _, _ in cases}
    term = Tmux()
    try:
        for _ in range(runs):  # interleaved, so a slow minute of the machine hits all alike
            for name, argv, ready in cases:
                seconds, used = term.time_to(argv, ready, cwd=gen.ROOT, env=env)
                out[name].append(seconds)
                if used is not None:
                    cpu[name].append(used)
        say("cold: " + ", ".join(f"{k} {statistics.median(v):.3f} s" for k, v in out.items()))
    finally:
        term.close()
        shutil.rmtree(home, ignore_errors=True)
    return out, {"peak_rss_mb": {}, "cpu_s": {k: v for k, v in cpu.items() if v}}


# -- imports ------------------------------------------------------------------------


def _copy(store: Path, into: Path) -> Path:
    target = into / "store"
    shutil.copytree(store, target, symlinks=True)
    return target


def imports(paths: dict[str, Path], runs: int) -> tuple[dict[str, list[float]], dict]:
    """Whole ``tiktui import`` processes; every run on a fresh copy of the store."""
    times: dict[str, list[float]] = {}
    extra: dict = {"peak_rss_mb": {}, "cpu_s": {}}
    zips = sorted(paths["zip"].iterdir())
    account = ["--account", "bench_b00"]

    def timed(name: str, store: Path, files: list[Path], fresh: bool, **kw) -> None:
        times[name], rss, cpu = [], [], []
        for _ in range(runs):
            with tempfile.TemporaryDirectory(prefix="tiktui-bench-") as tmp:
                target = _copy(store, Path(tmp)) if fresh else store
                args = tiktui("--data-dir", str(target), "import", *map(str, files), *account)
                seconds, peak, used = run(args, cwd=gen.ROOT, **kw)
            times[name].append(seconds)
            rss.append(peak)
            cpu.append(used)
        extra["peak_rss_mb"][name] = rss
        extra["cpu_s"][name] = cpu
        say(f"{name}: {statistics.median(times[name]):.3f} s, {max(rss):.0f} MB")

    timed("import Overview ZIP into (b)", paths["b"], zips, fresh=True)
    timed("import Overview ZIP into (b1)", paths["b1"], zips, fresh=True)
    with tempfile.TemporaryDirectory(prefix="tiktui-bench-") as tmp:
        done = _copy(paths["b"], Path(tmp))
        run(tiktui("--data-dir", str(done), "import", *map(str, zips), *account), cwd=gen.ROOT)
        timed("import an already-imported file into (b)", done, zips, fresh=False)

    return times, extra


def api_pages(paths: dict[str, Path], runs: int) -> tuple[dict[str, list[float]], dict]:
    """10,000 videos in 500 Business API pages, one command, into an empty store."""
    times: dict[str, list[float]] = {}
    extra: dict = {"peak_rss_mb": {}, "cpu_s": {}}
    times["import 500 API pages (10,000 videos)"], rss, pages, cpu = [], [], [], []
    for _ in range(runs):
        arrivals: list[float] = []

        def on_line(line: str, at: float, arrivals=arrivals) -> None:
            if line.startswith("imported"):
                arrivals.append(at)

        with tempfile.TemporaryDirectory(prefix="tiktui-bench-") as tmp:
            args = tiktui("--data-dir", str(Path(tmp) / "store"), "import", str(paths["api"]))
            seconds, peak, used = run(args, cwd=gen.ROOT, on_line=on_line)
        times["import 500 API pages (10,000 videos)"].append(seconds)
        rss.append(peak)
        cpu.append(used)
        pages.append(per_page(arrivals))
    extra["peak_rss_mb"]["import 500 API pages (10,000 videos)"] = rss
    extra["cpu_s"]["import 500 API pages (10,000 videos)"] = cpu
    extra["api_pages"] = flatness(pages)
    say(f"API pages: {statistics.median(times['import 500 API pages (10,000 videos)']):.3f} s")
    return times, extra


def har(paths: dict[str, Path], runs: int) -> tuple[dict[str, list[float]], dict]:
    """One HAR of 10,000 Studio insight responses into an empty store."""
    times: dict[str, list[float]] = {}
    extra: dict = {"peak_rss_mb": {}, "cpu_s": {}}
    times["import a 10,000-entry HAR"], rss, cpu = [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="tiktui-bench-") as tmp:
            args = tiktui("--data-dir", str(Path(tmp) / "store"), "import", str(paths["har"]))
            seconds, peak, used = run(args, cwd=gen.ROOT)
        times["import a 10,000-entry HAR"].append(seconds)
        rss.append(peak)
        cpu.append(used)
    extra["peak_rss_mb"]["import a 10,000-entry HAR"] = rss
    extra["cpu_s"]["import a 10,000-entry HAR"] = cpu
    say(f"HAR: {statistics.median(times['import a 10,000-entry HAR']):.3f} s")
    return times, extra


def per_page(arrivals: list[float]) -> list[float]:
    """Seconds per page from the arrival times of the "imported" lines.

    Lines come in bursts (a file is reported once it is committed): the time
    between one burst and the next is shared evenly by the lines of the later
    burst. The first burst has no start to measure from (every file is read
    before the first is staged), so its pages are left out.
    """
    bursts: list[list[float]] = []
    for at in arrivals:
        if bursts and at - bursts[-1][-1] < 0.002:
            bursts[-1].append(at)
        else:
            bursts.append([at])
    out: list[float] = []
    for before, burst in zip(bursts, bursts[1:], strict=False):
        out += [(burst[-1] - before[-1]) / len(burst)] * len(burst)
    return out


def flatness(runs: list[list[float]]) -> dict:
    """Median seconds per page of the first 50 and the last 50 pages (median over runs)."""
    firsts, lasts = [], []
    for pages in runs:
        if len(pages) >= 100:
            firsts.append(statistics.median(pages[:50]))
            lasts.append(statistics.median(pages[-50:]))
    if not firsts:
        return {"note": "the import lines did not come in enough bursts to time pages"}
    first, last = statistics.median(firsts), statistics.median(lasts)
    return {
        "first_50_median_s": first,
        "last_50_median_s": last,
        "ratio_last_to_first": last / first if first else None,
        "pages_timed": len(runs[0]),
        "note": "from the arrival of the import lines, which come in bursts (one per "
        "commit): each burst's interval is shared by its lines; the first burst is "
        "left out (it has no start to time from)",
    }


# -- keys ---------------------------------------------------------------------------


def keys(paths: dict[str, Path], runs: int, stores: tuple[str, ...] = ("a", "b")) -> dict:
    """Each run a fresh process (first visits are first visits; its peak RSS is the app's)."""
    out: dict = {}
    for which in stores:
        per_key: dict[str, list[float]] = {}
        cpu: dict[str, list[float]] = {}
        rss = []
        for _ in range(runs):
            done = subprocess.run(
                [PY, str(gen.ROOT / "scripts" / "bench.py"), "--child-keys", str(paths[which])],
                cwd=gen.ROOT,
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                raise RuntimeError(f"keys on ({which}): {done.stderr.strip()[-800:]}")
            result = json.loads(done.stdout)
            for name, seconds in result["keys"].items():
                per_key.setdefault(name, []).append(seconds)
            for name, seconds in result["cpu_s"].items():
                cpu.setdefault(name, []).append(seconds)
            rss.append(result["peak_rss_mb"])
        out[which] = {"keys": per_key, "cpu_s": cpu, "peak_rss_mb": rss}
        slow = max(per_key.items(), key=lambda kv: statistics.median(kv[1]))
        say(f"keys on ({which}): slowest {slow[0]} {statistics.median(slow[1]):.3f} s, "
            f"peak {max(rss):.0f} MB")  # fmt: skip
    return out
