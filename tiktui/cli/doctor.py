"""``tiktui doctor``: the checkup (:mod:`tiktui.data.doctor`) in one screenful.

One group per kind of problem, a few of its parts named (then "+N more"), and
the command that fixes it; the fixes are listed again, in the order to run them.
Every path, handle and file name from the store goes through ``safe``.
"""

from __future__ import annotations

import json

from ..data import doctor as dr
from ..data.damage import PROBLEMS
from ..formatting.text import json_text, safe

SHOWN = 4  # parts named per group; the rest are counted

TITLES = {
    dr.MANIFEST: "the manifest (the list of every part) cannot be used",
    dr.IMPORT_LOG: "the import log is damaged",
    dr.RAW_MISSING: "imported files missing from raw/",
    dr.RAW_MISMATCH: "imported files whose copy in raw/ has other bytes",
    dr.PART: "damaged parts",
    dr.MISSING_TABLE: "tables missing from the manifest",
    dr.LEFTOVER: "leftover files of writes that never committed (harmless)",
    dr.OLD_LAYOUT: "a store written by tiktui 0.1",
}
FROM_RAW = (
    "tiktui rebuild  (re-creates {what} and every table from raw/ and the record "
    "kept beside each raw file)"
)


def fixes(up: dr.Checkup) -> list[str]:
    """The commands (or steps) that fix what was found, in the order to run them."""
    kinds = {f.kind for f in up.findings}
    out: list[str] = []
    if any(f.problem == "layout" for f in up.of(dr.MANIFEST)):
        return ["this store was written by a newer tiktui: update tiktui to read it"]
    if dr.MANIFEST in kinds:
        return [FROM_RAW.format(what="manifest.json")]
    if dr.IMPORT_LOG in kinds:
        return [FROM_RAW.format(what="the import log")]
    raw = up.of(dr.RAW_MISSING) + up.of(dr.RAW_MISMATCH)
    if raw:
        out.append(
            "for each imported file missing from raw/ (or changed there): copy the "
            "original back as raw/<sha256>, or undo its import: "
            + ", ".join(f"tiktui forget {f.sha256[:12]}" for f in raw[:SHOWN] if f.sha256)
            + (f" (+{len(raw) - SHOWN} more)" if len(raw) > SHOWN else "")
        )
    if kinds & {dr.PART, dr.MISSING_TABLE}:
        out.append("tiktui rebuild  (re-creates every table from raw/)")
    if dr.LEFTOVER in kinds and not out:
        out.append("nothing to do: tiktui reads only the files the manifest names")
    if dr.OLD_LAYOUT in kinds:
        out.append("nothing to do: the next tiktui command migrates it")
    return out


def _item(f: dr.Finding) -> str:
    text = PROBLEMS.get(f.problem, f.problem)
    if f.kind in (dr.RAW_MISSING, dr.RAW_MISMATCH):
        return f"{safe(f.sha256 or '')[:12]}  {safe(f.detail)}"
    if f.kind == dr.LEFTOVER:
        return safe(f.path)
    if f.kind == dr.OLD_LAYOUT:
        return "manifest.json is absent and CURRENT is there"
    if f.kind == dr.MANIFEST:
        what = {"unreadable": "is not a manifest tiktui can read", "missing": "is missing"}.get(
            f.problem, "has"
        )
        return f"{safe(f.path)}: {what} ({safe(f.detail)})"
    whose = "" if f.account is None else f" (@{safe(f.account)} {safe(f.table)})"
    if f.kind == dr.IMPORT_LOG:
        whose = ""
    detail = f" ({safe(f.detail)})" if f.detail else ""
    return f"{safe(f.path)}{whose}: {text}{detail}"


def render(up: dr.Checkup) -> list[str]:
    """The report's lines, every value from the store already made visible."""
    lines: list[str] = []
    say = lines.append
    logged = "?" if up.imports is None else f"{up.imports}"
    say(
        f"tiktui doctor: {safe(str(up.root))}"
        + (
            ""
            if up.commit is None
            else f" (commit {up.commit}: {up.accounts} accounts, {up.parts} parts, "
            f"{logged} imports, {up.raw_checked} raw files checked)"
        )
    )
    for kind in dr.KINDS:
        found = up.of(kind)
        if not found:
            continue
        mark = "·" if kind in dr.HARMLESS else "✗"
        say(f"{mark} {TITLES[kind]}: {len(found)}")
        for f in found[:SHOWN]:
            say(f"    {_item(f)}")
        if len(found) > SHOWN:
            say(f"    +{len(found) - SHOWN} more")
    steps = fixes(up)
    if up.ok:
        say("the store is whole" + (f"; {steps[0]}" if steps else ""))
        return lines
    problems = sum(f.kind not in dr.HARMLESS for f in up.findings)
    say(f"{problems} problem{'s' * (problems != 1)}. To fix, run in this order:")
    for n, step in enumerate(steps, 1):
        say(f"  {n}. {step}")
    return lines


def as_json(up: dr.Checkup) -> str:
    data = {
        "store": str(up.root),
        "ok": up.ok,
        "commit": up.commit,
        "accounts": up.accounts,
        "parts": up.parts,
        "imports": up.imports,
        "raw_checked": up.raw_checked,
        "findings": [
            {k: v for k, v in f.__dict__.items() if v not in (None, "")} for f in up.findings
        ],
        "fixes": fixes(up),
    }
    return json_text(json.dumps(data, ensure_ascii=False, indent=2))
