#!/usr/bin/env python3
"""The benchmark of issue 10: how fast tiktui is on big stores, as JSON.

    python3 scripts/bench.py                  # every figure, 5 runs each
    python3 scripts/bench.py --quick          # a smoke run: 1 run each, small API/HAR files
    python3 scripts/bench.py --only cold,keys --runs 7 -o bench.json

Stores are built through the real importers from generated export files and
cached under ~/.cache/tiktui-bench/<key>/ (rebuilt when the spec, tiktui's
version or its data layer change): (a) one account, 5,000 videos, 3 years of
days, 12 monthly captures; (b) 50 accounts of 500 videos; (b1) (b)'s first
account alone. Figures:

- cold:   the floor (python -c "import textual, polars"), VisiData opening (a)'s
          videos as CSV, and ``tiktui`` on (a) and (b), each in a fresh tmux
          terminal polled until its first screen is fully drawn;
- import: whole ``tiktui import`` processes (wall time, peak RSS): a 60-day
          Overview ZIP into (b) and into (b1), the same file again, 10,000
          videos in 500 Business API pages (each page's time from the import's
          trace, TIKTUI_TRACE: its parse, its staging and its share of its
          commit), a 10,000-entry HAR;
- keys:   Pilot at 120×36 in a fresh process per run: each key from sent to
          settled (no worker, nothing loading, painted), and the peak RSS.

Each figure: median, min, max of the runs and the ratio of its median to the
floor's; then the issue's targets with pass/fail. Progress goes to stderr.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _reexec_with_project_python() -> None:
    """``python3 scripts/bench.py`` works with any python3: use the project's venv."""
    try:
        import polars  # noqa: F401
        import textual  # noqa: F401
    except ImportError as exc:
        for venv in (ROOT / ".venv", Path("/work/main/.venv")):
            exe = venv / "bin" / "python"
            if exe.exists() and Path(sys.executable).resolve() != exe.resolve():
                os.execv(str(exe), [str(exe), *sys.argv])
        need = "bench: polars and textual are needed (pip install -e '.[bench]')"
        raise SystemExit(need) from exc


_reexec_with_project_python()
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT)]

from bench.main import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
