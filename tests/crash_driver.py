"""One store operation, run in a subprocess by the crash tests (``tests/test_crash_points.py``).

    python -m tests.crash_driver import ROOT ACCOUNT FILE...
    python -m tests.crash_driver forget ROOT FILE
    python -m tests.crash_driver rebuild ROOT
    python -m tests.crash_driver migrate ROOT

With ``TIKTUI_CRASH_AT`` set, the process ends at that step (``tiktui.data.durable``).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

TODAY = date(2026, 11, 22)


def run(op: str, root: Path, args: list[str]) -> int:
    from tiktui.data.store import Store

    store = Store.open(root)
    if op == "import":
        from tiktui.data.pipeline import import_paths

        results = import_paths(store, [Path(a) for a in args[1:]], account=args[0], today=TODAY)
        return 0 if all(r.ok for r in results) else 1
    if op == "forget":
        from tiktui.data.rebuild import forget

        forget(store, args[0])
        return 0
    if op == "rebuild":
        from tiktui.data.rebuild import rebuild

        return 0 if all(r.ok for r in rebuild(store)) else 1
    if op == "migrate":
        store.manifest()
        return 0
    raise SystemExit(f"unknown operation {op}")


if __name__ == "__main__":
    sys.exit(run(sys.argv[1], Path(sys.argv[2]), sys.argv[3:]))
