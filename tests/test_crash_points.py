"""A write killed at every step of its commit leaves the store before or after, whole.

Each operation (an import, a forget, a rebuild, a 0.1 store's migration) is run
once in a subprocess that lists every crash point it reaches
(``TIKTUI_CRASH_TRACE``), then once per point, stopped there as a kill would
(``TIKTUI_CRASH_AT=<step>#<n>``: ``os._exit``, no clean-up). After each stop:
the store reads exactly as before or as after the operation, every part the
manifest names is whole (size and checksum), running the operation again gives
the after-state, and a further import works and leaves no leftover.

By default a commit's many part writes are stopped at the first two and the
last; ``TIKTUI_CRASH_ALL=1`` stops at every one (the figures in the note).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from tests.crash_driver import TODAY
from tests.crash_driver import run as run_here
from tiktui.data import manifest as mf
from tiktui.data import raw_meta
from tiktui.data.durable import CRASH_ENV, CRASH_EXIT, TRACE_ENV
from tiktui.data.pipeline import import_paths
from tiktui.data.schema import TABLES
from tiktui.data.store import Store

REPO = Path(__file__).resolve().parents[1]
STUDIO = Path(__file__).parent / "fixtures" / "studio"
V0_1 = Path(__file__).parent / "fixtures" / "store_v0_1"
EVERY = bool(os.environ.get("TIKTUI_CRASH_ALL"))


def _run(op: str, root: Path, args: list[str], **env: str) -> int:
    environ = {k: v for k, v in os.environ.items() if k not in (CRASH_ENV, TRACE_ENV)}
    proc = subprocess.run(
        [sys.executable, "-m", "tests.crash_driver", op, str(root), *args],
        cwd=REPO,
        env={**environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode in (0, CRASH_EXIT), proc.stderr[-2000:]
    return proc.returncode


def _state(root: Path) -> dict[str, pl.DataFrame]:
    """Every table as a person would read it (the log without its clock column)."""
    tables = Store(root).tables()
    out = {}
    for name, table in TABLES.items():
        frame = tables[name].sort(list(table.key), nulls_last=True)
        out[name] = frame.drop("imported_at") if name == "imports" else frame
    return out


def _same(a: dict[str, pl.DataFrame], b: dict[str, pl.DataFrame]) -> bool:
    try:
        for name in TABLES:
            assert_frame_equal(a[name], b[name])
    except AssertionError:
        return False
    return True


def _whole(root: Path) -> None:
    """What ``doctor`` checks of parts: each one the manifest names is there, whole."""
    man = mf.read(root)
    assert man is not None
    for part in man.parts.values():
        data = (root / part.path).read_bytes()
        assert len(data) == part.size and mf.checksum(data) == part.blake2b, part.path


def _no_leftovers(root: Path) -> None:
    man = mf.read(root)
    on_disk = set(Store(root).part_files())
    assert on_disk == set(man.parts) | {p for _c, p in man.retired}
    assert not list(root.glob(".*.tmp")) and not list((root / "raw").glob(".*.tmp"))
    assert not (root / "CURRENT").exists() and not list(root.glob("gen-*"))
    log = Store(root).load("imports")
    for sha, batch in log.select("sha256", "batch_id").iter_rows():
        assert Store(root).raw_path(sha).exists()
        assert batch in {e["batch_id"] for e in raw_meta.read(root, sha)}


def _points(op: str, base: Path, args: list[str], tmp: Path) -> list[tuple[str, int]]:
    trace = tmp / "trace.txt"
    root = tmp / "traced"
    shutil.copytree(base, root)
    assert _run(op, root, args, **{TRACE_ENV: str(trace)}) == 0
    seen: dict[str, int] = {}
    points = []
    for step in trace.read_text().split():
        seen[step] = seen.get(step, 0) + 1
        points.append((step, seen[step]))
    if not EVERY:
        last = seen.get("part-written", 0)
        points = [(s, n) for s, n in points if s != "part-written" or n in (1, 2, last)]
    return points


def _import_base(tmp: Path, files: list[str]) -> Path:
    root = tmp / "base"
    store = Store.open(root)
    assert all(r.ok for r in import_paths(store, [STUDIO / f for f in files], "lena", TODAY))
    return root


def _imported(tmp: Path) -> tuple[Path, list[str]]:
    base = _import_base(tmp, ["Overview.csv"])
    return base, ["lena", str(STUDIO / "Content.csv"), str(STUDIO / "FollowerActivity.csv")]


def _forgotten(tmp: Path) -> tuple[Path, list[str]]:
    base = _import_base(tmp, ["Overview.csv", "FollowerActivity.csv"])
    return base, [str(STUDIO / "FollowerActivity.csv")]


def _rebuilt(tmp: Path) -> tuple[Path, list[str]]:
    """A store with a raw file nothing records (read as a plain import would): rebuild
    brings its rows in, so before and after differ."""
    base = _import_base(tmp, ["Overview.csv", "FollowerActivity.csv"])
    data = (STUDIO / "Content.csv").read_bytes()
    import hashlib

    Store(base).archive_raw(hashlib.sha256(data).hexdigest(), data)
    return base, []


def _migrated(tmp: Path) -> tuple[Path, list[str]]:
    base = tmp / "base"
    shutil.copytree(V0_1, base)
    # 0.1 killed between putting a new generation in place and switching CURRENT:
    # the leftover generation must neither stop the migration nor survive it.
    gen = (base / "CURRENT").read_text().strip()
    shutil.copytree(base / gen, base / "gen-00000003")
    return base, []


SCENARIOS: dict[str, Callable[[Path], tuple[Path, list[str]]]] = {
    "import": _imported,
    "forget": _forgotten,
    "rebuild": _rebuilt,
    "migrate": _migrated,
}


@pytest.mark.parametrize("op", sorted(SCENARIOS))
def test_a_write_killed_at_every_step_leaves_the_store_before_or_after(
    op: str, tmp_path: Path
) -> None:
    base, args = SCENARIOS[op](tmp_path)
    points = _points(op, base, args, tmp_path)
    assert {"part-written", "manifest-temp-written", "manifest-replaced", "swept"} <= {
        s for s, _n in points
    }
    after_root = tmp_path / "traced"
    after = _state(after_root)
    if op == "migrate":  # a 0.1 store is read by migrating it: before reads as after
        before = after
    else:
        before = _state(base)
        assert not _same(before, after)
    survived = 0
    for step, n in points:
        root = tmp_path / f"{step}-{n}"
        shutil.copytree(base, root)
        assert _run(op, root, args, **{CRASH_ENV: f"{step}#{n}"}) == CRASH_EXIT
        now = _state(root)
        was_after = _same(now, after)
        assert was_after or _same(now, before), (step, n)
        _whole(root)
        if not was_after:  # the operation again, now: the after-state exactly
            assert run_here(op, root, args) == 0
        assert _same(_state(root), after), (step, n)
        more = import_paths(Store(root), [STUDIO / "Viewers.csv"], "lena", TODAY)
        assert [r.status for r in more] == ["imported"], (step, n, more[0].line())
        _whole(root)
        _no_leftovers(root)
        shutil.rmtree(root)
        survived += 1
    assert survived == len(points) >= 7
    print(f"{op}: {survived} kill points survived")


def test_importers_at_once_give_the_tables_one_after_another_would(tmp_path: Path) -> None:
    base = _import_base(tmp_path, ["Overview.csv"])
    files = ["Content.csv", "FollowerActivity.csv", "Viewers.csv"]
    sequential = tmp_path / "sequential"
    shutil.copytree(base, sequential)
    assert all(
        r.ok for r in import_paths(Store(sequential), [STUDIO / f for f in files], "lena", TODAY)
    )
    environ = {k: v for k, v in os.environ.items() if k not in (CRASH_ENV, TRACE_ENV)}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.crash_driver",
                "import",
                str(base),
                "lena",
                str(STUDIO / f),
            ],
            cwd=REPO,
            env=environ,
        )
        for f in files
    ]
    assert [p.wait(timeout=300) for p in procs] == [0, 0, 0]
    got, want = _state(base), _state(sequential)
    for name in TABLES:
        if name == "imports":
            assert sorted(got[name]["file_name"]) == sorted(want[name]["file_name"])
        else:
            assert_frame_equal(got[name], want[name])
    _whole(base)
    _no_leftovers(base)


@pytest.mark.parametrize("delay", [0.4, 0.9, 1.4, 2.0])
def test_an_import_killed_at_a_random_moment_leaves_the_store_whole(
    tmp_path: Path, delay: float
) -> None:
    base, args = _imported(tmp_path)
    before = _state(base)
    after_root = tmp_path / "after"
    shutil.copytree(base, after_root)
    assert run_here("import", after_root, args) == 0
    after = _state(after_root)
    environ = {k: v for k, v in os.environ.items() if k not in (CRASH_ENV, TRACE_ENV)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.crash_driver", "import", str(base), *args],
        cwd=REPO,
        env=environ,
    )
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    now = _state(base)
    assert _same(now, before) or _same(now, after)
    _whole(base)
    assert run_here("import", base, args) == 0
    assert _same(_state(base), after)
    _no_leftovers(base)
