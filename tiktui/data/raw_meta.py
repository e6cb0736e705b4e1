"""What ``rebuild`` needs to know about each file in ``raw/``, kept beside it.

``raw/<sha256>.json`` lists every import of those bytes: its batch, the file's
name and timestamp, the ``--account`` and export day given, when it was
imported, and the checksum of the stored copy when it is not the file itself
(a redacted HAR). It is written (atomically, fsynced with the commit's other
files) before the manifest that first names the import, so the import log is
never the only record of how a file was read: ``rebuild`` works from ``raw/``,
these files and ``raw/forgets.jsonl`` alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from .durable import write_atomic

RAW_NAME = re.compile(r"[0-9a-f]{64}")
FIELDS = (
    "batch_id",
    "file_name",
    "account_given",
    "exported_on",
    "imported_at",
    "file_mtime",
    "stored_sha256",
    "format",
)


def path_of(root: Path, sha256: str) -> Path:
    return root / "raw" / f"{sha256}.json"


def raw_files(root: Path) -> list[str]:
    """The sha256 of every archived file in ``raw/`` (not sidecars, temp files or logs)."""
    try:
        names = [p.name for p in (root / "raw").iterdir()]
    except OSError:
        return []
    return sorted(n for n in names if RAW_NAME.fullmatch(n))


def read(root: Path, sha256: str) -> list[dict]:
    """The imports recorded beside one raw file; none when it has no (readable) sidecar."""
    try:
        found = json.loads(path_of(root, sha256).read_text(encoding="utf-8"))
        entries = [_decode(e) for e in found["imports"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return [e for e in entries if e is not None]


def _encode(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _decode(entry: dict) -> dict | None:
    try:
        out = {k: entry.get(k) for k in FIELDS}
        out["batch_id"] = int(entry["batch_id"])
        out["file_name"] = str(entry["file_name"])
        for k in ("imported_at", "file_mtime"):
            out[k] = datetime.fromisoformat(out[k]) if out[k] else None
        out["exported_on"] = date.fromisoformat(out["exported_on"]) if out["exported_on"] else None
    except (KeyError, TypeError, ValueError):
        return None
    return out


def write(root: Path, rows: Iterable[dict]) -> Iterator[Path]:
    """Record these import-log rows beside their raw files (merged with what each
    sidecar holds, by batch); yield each file written, to be fsynced before the commit."""
    by_sha: dict[str, dict[int, dict]] = {}
    for row in rows:
        by_sha.setdefault(row["sha256"], {})[int(row["batch_id"])] = row
    for sha, new in by_sha.items():
        kept = {e["batch_id"]: e for e in read(root, sha)}
        kept.update(new)
        doc = {
            "sha256": sha,
            "imports": [{k: _encode(kept[b].get(k)) for k in FIELDS} for b in sorted(kept)],
        }
        target = path_of(root, sha)
        data = json.dumps(doc, indent=1).encode()
        write_atomic(target, data, root, sync=False, step="sidecar-written")
        yield target
