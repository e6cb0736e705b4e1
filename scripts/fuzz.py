"""The long importer fuzz: damaged exports in valid containers, for as long as you like.

    .venv/bin/python scripts/fuzz.py --minutes 30 [--importer studio] [--seed 1] [--json]

Run from the repository's root. Each case is a real-shaped fixture (tests/fixtures)
damaged inside a valid ZIP, XLSX or HAR (tests/fuzz_cases.py), imported through the
real pipeline into a copy of a store and checked as tests/test_fuzz_importers.py
checks it: no exception escapes; the file is imported or refused in one line naming
it, with no control character and no internal exception's text; a refused file
leaves the store as it was; after an import every table reads back.

The time is shared evenly between the importers chosen. At the end it prints, per
importer: the cases run, how they ended, the refusal reasons seen (numbers and
quoted values folded, most frequent first), every failing case (rebuild it with
``tests.fuzz_cases.build(Case(...))``), cases slower than --slow seconds, and the
line coverage of the importer's own modules while its cases ran (coverage.py,
the test extra). Exit 1 when any case failed.
"""

from __future__ import annotations

import argparse
import faulthandler
import io
import json
import os
import random
import re
import resource
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMPORTERS_DIR = ROOT / "tiktui" / "data" / "importers"


def _arguments(names: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__,
        epilog="Reproduce a failure: python -c 'from tests.fuzz_cases import *; "
        "print(build(Case(FIXTURE, CONTAINER, SEED)))'",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--minutes", type=float, default=5.0, help="how long to run (default 5)")
    parser.add_argument(
        "--importer", action="append", choices=names, help="only this importer (repeatable)"
    )
    parser.add_argument("--seed", type=int, default=None, help="first seed (default: random)")
    parser.add_argument("--slow", type=float, default=10.0, help="report cases over this many s")
    parser.add_argument(
        "--hang", type=int, default=120, help="a case over this many s is a hang: the run ends"
    )
    parser.add_argument("--no-coverage", action="store_true", help="skip coverage measurement")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    return parser.parse_args()


def _fold(reason: str) -> str:
    """A refusal reason with its particulars folded, so alike reasons count together."""
    reason = re.sub(r"^[^:]+\.(csv|xlsx|json|jsonl|har): ", "", reason)  # the ZIP entry
    reason = re.sub(r'"[^"]*"|“[^”]*”|\'[^\']*\'', "…", reason)
    reason = re.sub(r"\d+(\.\d+)?", "N", reason)
    return reason[:160]


class Watchdog(threading.Thread):
    """Ends the run when one case takes over ``limit`` seconds, naming the case (a hang in
    native code is never interrupted by Python); faulthandler is the backstop when the
    hung code holds the interpreter's lock too."""

    def __init__(self, limit: float) -> None:
        super().__init__(daemon=True)
        self.limit = limit
        self.case: object = None
        self.began = time.monotonic()

    def start_case(self, case: object) -> None:
        self.case, self.began = case, time.monotonic()
        faulthandler.dump_traceback_later(self.limit * 2, exit=True)

    def run(self) -> None:
        while True:
            time.sleep(1)
            if self.case is not None and time.monotonic() - self.began > self.limit:
                print(f"HANG {self.case}: over {self.limit:.0f} s", file=sys.stderr, flush=True)
                faulthandler.dump_traceback(all_threads=True)
                os._exit(3)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from tests import fuzz_cases as fc  # the fixtures' importers, before coverage starts

    args = _arguments(sorted(fc.IMPORTERS))
    chosen = args.importer or sorted(fc.IMPORTERS)
    cov = None
    if not args.no_coverage:
        import coverage

        cov = coverage.Coverage(data_file=None, include=[str(IMPORTERS_DIR / "*")], branch=False)
        cov.start()  # before the importers are imported: their definitions count too
    from tests.test_fuzz_importers import assert_reason_ok, assert_store_ok

    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**31)
    rng = random.Random(seed)
    watchdog = Watchdog(args.hang)
    watchdog.start()
    stats: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="tiktui-fuzz") as tmp:
        base = fc.base_store(Path(tmp))
        work = Path(tmp) / "case"
        share = args.minutes * 60 / len(chosen)
        for importer in chosen:
            if cov:
                cov.switch_context(importer)
            pairs = fc.seeds(importer)
            st: dict = {
                "cases": 0,
                "status": Counter(),
                "reasons": Counter(),
                "failures": [],
                "slow": [],
            }
            stats[importer] = st
            end = time.monotonic() + share
            while time.monotonic() < end:
                fixture, container = pairs[st["cases"] % len(pairs)]
                case = fc.Case(fixture, container, rng.randrange(2**32))
                began = time.monotonic()
                watchdog.start_case(case)
                try:
                    result, _path, root, before = fc.import_case(case, base, work)
                    st["status"][result.status] += 1
                    if result.status == "refused":
                        st["reasons"][_fold(result.message)] += 1
                    assert_reason_ok(result)
                    assert_store_ok(root, result, before)
                except AssertionError as exc:
                    failure = f"{case}: {str(exc).splitlines()[0][:300]}"
                    st["failures"].append(failure)
                    print(f"FAIL {failure}", file=sys.stderr, flush=True)
                except Exception as exc:  # an exception that escaped the pipeline
                    failure = f"{case}: escaped {type(exc).__name__}: {exc}"[:300]
                    st["failures"].append(failure)
                    print(f"FAIL {failure}", file=sys.stderr, flush=True)
                finally:
                    watchdog.case = None
                    faulthandler.cancel_dump_traceback_later()
                took = time.monotonic() - began
                if took > args.slow:
                    st["slow"].append(f"{case}: {took:.1f} s")
                st["cases"] += 1
            print(
                f"{importer}: {st['cases']} cases, {len(st['failures'])} failing",
                file=sys.stderr,
            )
    if cov:
        cov.stop()
        for importer in chosen:
            include = [str(IMPORTERS_DIR / pattern) for pattern in fc.SOURCES[importer]]
            try:
                pct = cov.report(
                    include=include, contexts=["^$", f"^{importer}$"], file=io.StringIO()
                )
            except coverage.exceptions.NoDataError:
                pct = 0.0
            stats[importer]["coverage_pct"] = round(pct, 1)
    summary = {
        "seed": seed,
        "minutes": args.minutes,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "importers": {
            name: {
                "cases": st["cases"],
                "status": dict(st["status"]),
                "coverage_pct": st.get("coverage_pct"),
                "failures": st["failures"],
                "slow": st["slow"],
                "reasons": dict(st["reasons"].most_common(25)),
            }
            for name, st in stats.items()
        },
    }
    if args.json:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        _print(summary)
    return 1 if any(s["failures"] for s in summary["importers"].values()) else 0


def _print(summary: dict) -> None:
    print(f"seed {summary['seed']}, {summary['minutes']} min, peak {summary['peak_rss_mb']} MB")
    for name, st in summary["importers"].items():
        status = ", ".join(f"{n} {s}" for s, n in sorted(st["status"].items()))
        cov = "" if st["coverage_pct"] is None else f", coverage {st['coverage_pct']}%"
        print(f"\n{name}: {st['cases']} cases ({status}){cov}, {len(st['failures'])} failing")
        for failure in st["failures"]:
            print(f"  FAIL {failure}")
        for slow in st["slow"]:
            print(f"  SLOW {slow}")
        for reason, n in st["reasons"].items():
            print(f"  {n:6d}  {reason}")


if __name__ == "__main__":
    sys.exit(main())
