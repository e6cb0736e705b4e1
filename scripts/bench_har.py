"""Import a HAR of 10,000 Studio insight entries (~3 KB each) in one process.

Prints JSON: the HAR's size, the seconds the import took (reading, hashing,
parsing, redacting and archiving included) and the peak RSS of the process.
Target (issue 8): <= 10 s and <= 300 MB on the 2-core development machine.

    python scripts/bench_har.py [--entries N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tiktui.data import pipeline  # noqa: E402
from tiktui.data.store import Store  # noqa: E402

INSIGHT = "https://www.tiktok.com/aweme/v2/data/insight/?aid=1988&app_name=tiktok_creator_center"
SOURCES = ("For You", "Follow", "Personal Profile", "Search", "Sound", "Others")


def _body(rng: random.Random, video_id: str) -> dict[str, object]:
    """A generation-2 per-video body of about 3 KB."""
    shares = [rng.random() for _ in SOURCES]
    total = sum(shares)
    mix = [{"key": k, "value": round(s / total, 4)} for k, s in zip(SOURCES, shares, strict=True)]
    return {
        "status_code": 0,
        "extra": {"now": 1773133200000, "logid": "2026031009000001"},
        "video_traffic_source_percent_realtime": {"value": {"status": 0, "value": mix}},
        "item_search_terms": {"status": 0, "value": [
            {"key": f"term {rng.randrange(999)}", "value": 0.01} for _ in range(10)]},
        "video_per_duration_realtime": {"value": {"status": 0, "value": rng.uniform(2, 30)}},
        "video_total_duration_realtime": {"value": {"status": 0, "value": rng.randrange(10**6)}},
        "video_finish_rate_realtime": {"value": {"status": 0, "value": rng.random()}},
        "realtime_total_video_views": {"value": {"status": 0, "value": rng.randrange(10**6)}},
        "video_retention_rate_realtime": {"value": {"status": 0, "peak_value": 1000, "list": [
            {"timestamp": str(ms), "value": round(1 - ms / 60000, 3)}
            for ms in range(0, 60000, 2000)]}},
    }  # fmt: skip


def build_har(path: Path, entries: int, seed: int = 8) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        out.write('{"log": {"version": "1.2", "creator": {"name": "bench"}, "pages": [')
        out.write('{"id": "page_1", "title": "https://www.tiktok.com/@bench.account"}],')
        out.write('"entries": [')
        for i in range(entries):
            video_id = str(7400000000000000000 + i % 2000)
            tr = quote(json.dumps([{"insigh_type": "video_info", "aweme_id": video_id}]))
            entry = {
                "pageref": "page_1",
                "startedDateTime": f"2026-03-10T09:{i // 600 % 60:02d}:{i // 10 % 60:02d}.000Z",
                "request": {
                    "method": "GET",
                    "url": f"{INSIGHT}&tz_offset=3600&type_requests={tr}&msToken=tok{i}",
                    "headers": [{"name": "Cookie", "value": f"sessionid=secret{i}"}],
                    "cookies": [{"name": "sessionid", "value": f"secret{i}"}],
                },
                "response": {
                    "status": 200,
                    "headers": [{"name": "Set-Cookie", "value": f"sid_tt=secret{i}"}],
                    "content": {"mimeType": "application/json",
                                "text": json.dumps(_body(rng, video_id))},
                },
            }  # fmt: skip
            out.write(("," if i else "") + json.dumps(entry))
        out.write("]}}\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="build the HAR and store here, and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        har = root / "bench.har"
        build_har(har, args.entries)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start, cpu = time.perf_counter(), time.process_time()
        [result] = pipeline.import_paths(Store.open(root / "store"), [har])
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
        print(json.dumps({
            "entries": args.entries,
            "har_mb": round(har.stat().st_size / 2**20, 1),
            "status": result.status,
            "rows": {t: sum(c) for t, c in result.rows.items()},
            "seconds": round(seconds, 2),
            "cpu_seconds": round(cpu, 2),  # the machine is shared: wall time waits for cores
            "load_average": round(os.getloadavg()[0], 1),
            "peak_rss_mb": round(peak_kb / 1024, 1),
            "rss_before_import_mb": round(rss_before / 1024, 1),
        }))  # fmt: skip
        return 0 if result.status == "imported" else 1


if __name__ == "__main__":
    sys.exit(main())
