"""Whole-process timings: a command in a real terminal (tmux) polled for a marker,
and a command's wall time and peak RSS.

Cold start is measured as a person sees it: from asking tmux for a new 120×36
session running the command to the moment the pane's text first satisfies the
marker (polled every ``POLL_S``). The floor, VisiData and tiktui are measured
the same way, so tmux's own cost is in all of them alike.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

POLL_S = 0.005
COLS, ROWS = 120, 36


class Tmux:
    """A private tmux server (its own socket), so no one else's sessions are touched."""

    def __init__(self) -> None:
        self.socket = f"tiktui-bench-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self._tmux("-f", "/dev/null", "new-session", "-d", "-s", "idle", "sleep 100000")
        self._tmux("set-option", "-g", "remain-on-exit", "on")

    def _tmux(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check
        )
        return done.stdout

    def close(self) -> None:
        self._tmux("kill-server", check=False)
        tmpdir = os.environ.get("TMUX_TMPDIR", "/tmp")
        Path(tmpdir, f"tmux-{os.getuid()}", self.socket).unlink(missing_ok=True)

    def time_to(
        self,
        argv: Sequence[str],
        ready: Callable[[str], bool],
        cwd: Path,
        env: dict[str, str] | None = None,
        timeout: float = 60.0,
    ) -> tuple[float, float | None]:
        """Seconds from launching ``argv`` in a fresh session until ``ready(screen)``, and
        the CPU seconds the program had used by then (None if it could not be read)."""
        envs = {"TERM": "xterm-256color", "COLORTERM": "truecolor", **(env or {})}
        cmd = "exec env " + " ".join(f"{k}={shlex.quote(v)}" for k, v in envs.items())
        cmd += " " + " ".join(shlex.quote(a) for a in argv)
        name = "run-" + uuid.uuid4().hex[:8]
        t0 = time.perf_counter()
        self._tmux(
            "new-session", "-d", "-s", name, "-x", str(COLS), "-y", str(ROWS), "-c", str(cwd), cmd
        )
        pid = None
        try:
            while True:
                screen = self._tmux("capture-pane", "-p", "-t", name, check=False)
                elapsed = time.perf_counter() - t0
                if ready(screen):
                    return elapsed, _cpu_seconds(pid)
                if pid is None:
                    pid = self._pid(name)
                if elapsed > timeout:
                    raise TimeoutError(f"{argv[:3]}: no marker after {timeout} s:\n{screen}")
                time.sleep(POLL_S)
        finally:
            pid = pid or self._pid(name)
            self._tmux("kill-session", "-t", name, check=False)
            _wait_gone(pid)

    def _pid(self, name: str) -> int | None:
        """The program's pid (the pane runs it with ``exec``, so it is the pane's)."""
        pid = self._tmux("display-message", "-p", "-t", name, "#{pane_pid}", check=False)
        return int(pid) if pid.strip().isdigit() else None


def _cpu_seconds(pid: int | None) -> float | None:
    """User + system CPU seconds of a running process (every thread), from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_gone(pid: int | None, timeout: float = 10.0) -> None:
    """Let the killed program exit before the next run starts (it would share the CPUs)."""
    end = time.monotonic() + timeout
    while pid and time.monotonic() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.01)


# ``python -m MODULE ARGS`` that also writes its peak RSS (VmHWM, kB) to the file named by
# $BENCH_HWM at exit. ru_maxrss cannot be used: Linux carries it over from the parent
# across fork and exec, so the benchmark's own size would show in every child.
HWM = (
    "import atexit, os, runpy, sys\n"
    "def _hwm():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            open(os.environ['BENCH_HWM'], 'w').write(line.split()[1])\n"
    "atexit.register(_hwm)\n"
    "sys.argv = sys.argv[1:]\n"
    "runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)\n"
)


def run(
    argv: Sequence[str],
    cwd: Path,
    on_line: Callable[[str, float], None] | None = None,
    env: dict[str, str] | None = None,
):
    """Run ``python -m MODULE ARGS`` to its end: (seconds, peak RSS in MB, CPU seconds);
    ``on_line`` gets every stdout line with the seconds since start at which it arrived;
    ``env`` adds variables to the environment."""
    python, dash_m, module, *rest = argv
    assert dash_m == "-m", argv
    with tempfile.NamedTemporaryFile(prefix="tiktui-bench-hwm-", delete=False) as hwm:
        pass
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [python, "-c", HWM, module, *rest],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {}), "BENCH_HWM": hwm.name},
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if on_line:
            on_line(line, time.perf_counter() - t0)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    err = proc.stderr.read() if proc.stderr else ""
    peak = Path(hwm.name).read_text().strip()
    os.unlink(hwm.name)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:6])}… exit {proc.returncode}: {err.strip()[-400:]}")
    return elapsed, int(peak) / 1024 if peak else float("nan"), cpu
