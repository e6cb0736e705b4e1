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
    """10,000 videos in 500 Business API pages, one command, into an empty store.

    Each run writes tiktui's import trace (``TIKTUI_TRACE``, ``tiktui/data/trace.py``),
    from which each page's cost is taken (:func:`per_page`). The runs' stores are
    removed after the last run, not after each: ext4 without a journal (this machine's
    disk) skips inodes deleted in the last minutes one by one when it creates a file,
    so a run would pay ~0.5 s of system time for the 1,000 files the run before it
    deleted, which no import on a user's machine pays.
    """
    name = "import 500 API pages (10,000 videos)"
    times: dict[str, list[float]] = {name: []}
    rss, cpu, walls, cpus = [], [], [], []
    kept = Path(tempfile.mkdtemp(prefix="tiktui-bench-api-"))
    try:
        for n in range(runs):
            trace = kept / f"trace-{n}.jsonl"
            store = kept / f"store-{n}"
            args = tiktui("--data-dir", str(store), "import", str(paths["api"]))
            seconds, peak, used = run(args, cwd=gen.ROOT, env={"TIKTUI_TRACE": str(trace)})
            times[name].append(seconds)
            rss.append(peak)
            cpu.append(used)
            wall_s, cpu_s = per_page(trace.read_text(encoding="utf-8"))
            walls.append(wall_s)
            cpus.append(cpu_s)
    finally:
        shutil.rmtree(kept, ignore_errors=True)
    extra: dict = {"peak_rss_mb": {name: rss}, "cpu_s": {name: cpu}}
    extra["api_pages"] = flatness(walls, cpus)
    say(f"API pages: {statistics.median(times[name]):.3f} s, {max(rss):.0f} MB")
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


def per_page(trace: str) -> tuple[list[float], list[float]]:
    """Each imported page's seconds, wall and CPU, in the order the pages were given,
    from an import trace: reading and parsing it, staging it, and its share of the
    commit that made it live (the commit's time over the files it made live). The
    staging and the commit work on the store as it is by then, so a page that costs
    more because the store holds more shows it."""
    walls, cpus = [], []
    for line in trace.splitlines():
        page = json.loads(line)
        if page["status"] != "imported" or "commit" not in page:  # a re-read: no commit
            continue
        share = page["commit_files"]
        walls.append(
            sum(page[s][1] - page[s][0] for s in ("read", "stage"))
            + (page["commit"][1] - page["commit"][0]) / share
        )
        cpus.append(page["cpu"]["read"] + page["cpu"]["stage"] + page["cpu"]["commit"] / share)
    return walls, cpus


def flatness(walls: list[list[float]], cpus: list[list[float]]) -> dict:
    """Median seconds per page of the first 50 and the last 50 pages (median over runs)."""
    if not walls or min(map(len, walls)) < 100:
        return {"note": "fewer than 100 pages were imported: no first and last 50 to compare"}

    def ends(runs: list[list[float]]) -> tuple[float, float]:
        first = statistics.median(statistics.median(pages[:50]) for pages in runs)
        last = statistics.median(statistics.median(pages[-50:]) for pages in runs)
        return round(first, 6), round(last, 6)

    first, last = ends(walls)
    first_cpu, last_cpu = ends(cpus)
    return {
        "first_50_median_s": first,
        "last_50_median_s": last,
        "ratio_last_to_first": round(last / first, 3) if first else None,
        "first_50_median_cpu_s": first_cpu,
        "last_50_median_cpu_s": last_cpu,
        "ratio_last_to_first_cpu": round(last_cpu / first_cpu, 3) if first_cpu else None,
        "pages_timed": len(walls[0]),
        "note": "per page from tiktui's import trace (TIKTUI_TRACE): reading and parsing "
        "the page, staging it into the transaction, and its share of the commit that made "
        "it live (the commit's time divided by the files it made live); wall seconds "
        "(monotonic), and the same spans' process CPU seconds (*_cpu_s); medians of the "
        "first and the last 50 pages in each run, then the median over runs",
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
