"""JSON files: what people save from TikTok's APIs and from their browser.

TikTok gives creators no JSON export of its own, so the JSON files we meet are
responses someone saved: Business API pages, Display API pages, the bodies
TikTok Studio's web page loads (alone, as a list, as JSONL or inside a HAR
capture) and the account archive's ``user_data.json``. Users rename these
freely, so a file's kind is decided by its structure, never by its name.

This module holds the entry points the pipeline calls and the dispatch; the
values every JSON format shares are in :mod:`.values`. The format packages
never import this module at load time, so there is no import cycle.
"""

from __future__ import annotations

import json
from typing import Any

import polars as pl

from ..schema import SET_GROUPS, TABLES
from . import archive, business, display, studio_web
from .base import ParseContext, Parsed, Refused, SourceFile
from .text import decode
from .values import Capture, file_capture, join_where, located

# --------------------------------------------------------------------------- entry points


def looks_json(src: SourceFile) -> bool:
    """Cheap sniff: the first non-space character (after an optional BOM) is ``{`` or ``[``.

    Only a prefix is decoded, so sniffing a 200 MB HAR costs nothing; JSONL
    starts with ``{`` too.
    """
    try:
        head = decode(src.data[:4096], final=False)[0]
    except Refused:
        return False
    return head.lstrip("\ufeff \t\r\n")[:1] in ("{", "[")


def parse_json(src: SourceFile, ctx: ParseContext) -> list[Parsed]:
    """Every logical part of one JSON file, as canonical frames.

    One file may hold many parts (a HAR with responses for many videos, a list
    of pages, JSONL of bodies). Studio web responses are collected over the
    whole file and merged per account and capture day (:mod:`.studio_web`).
    Raises :class:`Refused` for anything this app cannot import, so the
    pipeline can keep its all-or-nothing promise.
    """
    fallback = file_capture(src, ctx)
    collector = studio_web.Collector()
    parts: list[Parsed] = []
    file_notes: list[str] = []
    if studio_web.looks_har(src.data):  # streamed: a HAR can be hundreds of megabytes
        pages, entries = studio_web.stream(src.data)
        got, notes = _har(pages, entries, fallback, "", collector)
        parts += got
        file_notes += notes
    else:
        text = decode(src.data, legacy=False)[0]
        if not text.strip():
            raise Refused("empty_file")
        documents = _documents(text)
        for line, doc in documents:
            where = f"line {line}" if len(documents) > 1 else ""
            with located(where):
                got, notes = parse_document(doc, fallback, where, collector, src.name)
            parts += got
            file_notes += notes
    parts += collector.parts()
    unread = collector.unread_note()
    if unread:
        file_notes.append(unread)
    if not parts:  # only reachable for a document that held nothing at all
        raise Refused("json_unknown")
    return _tidy(parts, file_notes)


# --------------------------------------------------------------------------- dispatch


def classify(obj: Any) -> str | None:
    """Which format a JSON object is, from its structure alone, or None.

    ``"har"``, ``"studio-web"`` (a wrapper of FORMATS.md 3g), ``"business"``
    (with or without the envelope), ``"display"``, ``"insight"`` (a Studio web
    body) or ``"archive"``. A list is not classified here: see
    :func:`parse_document`.
    """
    if not isinstance(obj, dict):
        return None
    if studio_web.is_har(obj):
        return "har"
    if studio_web.is_wrapper(obj):
        return "studio-web"
    if business.is_envelope(obj) or business.is_bare_data(obj):
        return "business"
    if display.is_display(obj):
        return "display"
    if studio_web.is_studio_body(obj):
        return "insight"
    if archive.is_archive(obj):
        return "archive"
    return None


def api_error(obj: Any) -> str | None:
    """The error an API response reports instead of data, if it does."""
    if not isinstance(obj, dict):
        return None
    if business.is_envelope(obj):
        return business.api_error(obj)
    if display.is_display(obj):
        return display.api_error(obj)
    return studio_web.api_error(obj)


def parse_body(kind: str, obj: dict[str, Any], capture: Capture, where: str) -> list[Parsed]:
    """Parse one classified API body (not a HAR, not a Studio web body)."""
    if kind == "business":
        return business.parse(obj, capture, where)
    if kind == "display":
        return display.parse(obj, capture, where)
    if kind == "archive":
        return [archive.parse_archive(obj, capture, where)]
    raise Refused("json_unknown")  # pragma: no cover - callers pass classified kinds


def _other_in_har(body: dict[str, Any], capture: Capture, where: str, url: str) -> Any:
    """A HAR entry from any other URL: a Business or Display body, an error, or nothing."""
    kind = classify(body)
    if kind not in ("business", "display"):
        return None
    error = api_error(body)
    if error:
        return error if "tiktok" in url.lower() else None
    known = business.is_known(body) if kind == "business" else display.is_video_list(body)
    if not known:
        return None  # another site's {"code":0,"data":…}
    return parse_body(kind, body, capture, where)


def _har(
    pages: list[Any], entries: Any, capture: Capture, where: str, collector: Any
) -> tuple[list[Parsed], list[str]]:
    return studio_web.parse_har(pages, entries, capture, where, _other_in_har, collector)


def parse_document(
    doc: Any, capture: Capture, where: str, collector: Any, name: str | None = None
) -> tuple[list[Parsed], list[str]]:
    """One top-level JSON value → parts and notes; Studio web bodies go to ``collector``.

    Studio web bodies are not turned into parts here because TikTok Studio
    loads one video's numbers in several requests; they are merged first.
    """
    responses = studio_web.responses(doc, capture, name)
    if responses is not None:
        notes: list[str] = []
        for resp in responses:
            error = studio_web.api_error(resp.body)
            if error and len(responses) > 1:
                notes.append(f"{resp.where or 'a response'} skipped: {error}")
                continue
            collector.add(resp, "insight-json")
        return [], notes
    if isinstance(doc, list):
        if not doc:
            raise Refused("json_list_empty")
        items = [x for x in doc if isinstance(x, dict)]
        if len(items) == len(doc):
            if all(business.is_video(x) for x in items):
                return [business.parse_video_list({"videos": items}, capture, "")], []
            if all(display.is_video(x) for x in items):
                return [display.parse_videos(items, capture, "")], []
        parts: list[Parsed] = []
        notes = []
        for i, item in enumerate(doc, 1):
            item_where = join_where(where, f"item {i}")
            with located(f"item {i}"):
                if isinstance(item, list):
                    raise Refused("json_unknown")
                got = parse_document(item, capture, item_where, collector)
            parts += got[0]
            notes += got[1]
        return parts, notes

    kind = classify(doc)
    if kind is None:
        if (
            isinstance(doc, dict)
            and "message" in doc
            and business.is_envelope({**doc, "data": None})
        ):  # an API error copied without its request_id: {"code":40105,"message":…}
            error = business.api_error(doc)
            if error:
                raise Refused("tiktok_error", error=error)
        raise Refused("json_unknown")
    if kind == "har":
        log = doc["log"]
        pages = log.get("pages") if isinstance(log.get("pages"), list) else []
        return _har(pages, log["entries"], capture, where, collector)
    return parse_body(kind, doc, capture, where), []


def _tidy(parts: list[Parsed], file_notes: list[str]) -> list[Parsed]:
    """Make the parts safe to merge: no key twice, one account, every note once.

    The same video can come twice in one file (a page fetched twice, a video
    page reloaded in the browser, an insight capture next to a Business
    page). Rows are reduced the way the store reduces imports, so the result
    does not depend on the order the pipeline concatenates parts in: per
    column the newest non-null value wins, and for set tables (a video's
    source mix on one day) the newest part's set replaces the older ones.

    A file comes from one account: when the parts that name one agree, the
    others get it too. A note is kept only on the first part that has it, so a
    pipeline that concatenates them does not repeat "capture date taken from
    the file's timestamp" once per video.
    """
    order = sorted(range(len(parts)), key=lambda i: (parts[i].as_of, i))
    rank = {i: r for r, i in enumerate(order)}
    for name in dict.fromkeys(n for p in parts for n in p.tables):
        holders = [i for i, p in enumerate(parts) if name in p.tables]
        only = parts[holders[0]]
        if len(holders) == 1 and (only.keys_unique or _keys_unique(name, only.tables[name])):
            frame = only.tables[name]  # nothing to merge (one Business page): same rows, cheaper
            ordered = [c for c in TABLES[name].schema if c in frame.columns]
            if not frame.height:
                del only.tables[name]
            elif frame.columns != ordered:
                only.tables[name] = frame.select(ordered)
            continue
        reduced = _reduce(name, [(i, rank[i], parts[i].tables[name]) for i in holders])
        for i in holders:
            original = parts[i].tables[name]
            frame = reduced.filter(pl.col("_part") == i)
            keep = [
                c
                for c in TABLES[name].schema
                if c in frame.columns
                and (c in original.columns or frame[c].null_count() < frame.height)
            ]
            if frame.height:
                parts[i].tables[name] = frame.select(keep)
            else:
                del parts[i].tables[name]

    named = {p.account for p in parts if p.account}
    if len(named) == 1:
        for part in parts:
            part.account = part.account or next(iter(named))

    kept = [p for p in parts if p.tables] or parts[:1]
    # Notes of parts that lost all their rows, and of the file itself, go to the first part.
    kept_ids = {id(p) for p in kept}
    orphans = [n for p in parts if id(p) not in kept_ids for n in p.notes]
    kept[0].notes = [*file_notes, *orphans, *kept[0].notes]
    notes_seen: set[str] = set()
    for part in kept:
        fresh = [n for n in dict.fromkeys(part.notes) if n not in notes_seen]
        notes_seen.update(fresh)
        part.notes = fresh
    return kept


def _keys_unique(name: str, frame: pl.DataFrame) -> bool:
    """No key twice in one part's rows, grouped the way :func:`_reduce` groups them."""
    key = TABLES[name].key
    if any(c not in frame.columns for c in key if c != "account"):
        return False
    if frame.height <= 1:
        return True
    cols = [frame[c].to_list() for c in key if c != "account"]
    if "account" in key and "account" in frame.columns:
        cols.append([a or "" for a in frame["account"].to_list()])
    return bool(cols) and len(set(zip(*cols, strict=True))) == frame.height


def _reduce(name: str, frames: list[tuple[int, int, pl.DataFrame]]) -> pl.DataFrame:
    """One table's rows from every part, reduced by key; ``_part`` says whose row it is.

    ``frames`` holds (part index, rank by capture time, frame). An account the
    file does not name groups as ``""``.
    """
    table = TABLES[name]
    tagged = [
        frame.with_columns(
            pl.lit(part, pl.Int64).alias("_part"), pl.lit(r, pl.Int64).alias("_rank")
        )
        for part, r, frame in frames
    ]
    combined = pl.concat(tagged, how="diagonal").with_row_index("_row")
    if "account" in table.key:
        account = pl.col("account") if "account" in combined.columns else pl.lit(None, pl.String)
        combined = combined.with_columns(account.fill_null("").alias("_acct"))
    key = ["_acct" if c == "account" else c for c in table.key]
    newest_first = combined.sort(["_rank", "_row"], descending=True)
    group = SET_GROUPS.get(name)
    if group:
        by = ["_acct" if c == "account" else c for c in group]
        newest_first = newest_first.filter(pl.col("_rank") == pl.col("_rank").max().over(by))
        out = newest_first.unique(subset=key, keep="first", maintain_order=True)
    else:
        values = [c for c in combined.columns if c not in key and c not in ("_row", "_part")]
        out = newest_first.group_by(key, maintain_order=True).agg(
            [pl.col(c).drop_nulls().first() for c in values]
            + [pl.col("_part").first(), pl.col("_row").first()]
        )
    return out.sort("_row")


# What Python's JSON reader says is wrong, when it is one of these: a closed set of
# words about the file, so a reason never carries other text an exception holds.
_JSON_PROBLEMS = frozenset(
    {
        "Expecting value",
        "Expecting ',' delimiter",
        "Expecting ':' delimiter",
        "Expecting property name enclosed in double quotes",
        "Unterminated string starting at",
        "Invalid control character at",
        "Invalid \\escape",
        "Invalid \\uXXXX escape",
        "Illegal trailing comma before end of object",
        "Illegal trailing comma before end of array",
        "Extra data",
    }
)


def _json_error(exc: json.JSONDecodeError) -> Refused:
    if exc.msg in _JSON_PROBLEMS:
        return Refused("json_invalid_problem", line=exc.lineno, column=exc.colno, problem=exc.msg)
    return Refused("json_invalid_at", line=exc.lineno, column=exc.colno)


def _documents(text: str) -> list[tuple[int, Any]]:
    """The JSON values in a file with the line each starts on.

    One value is the common case. JSONL (one body per line) and pasted bodies
    one after the other also occur; they are read value by value so that an
    error names the file's own line and column.
    """
    try:
        return [(1, json.loads(text))]
    except json.JSONDecodeError as exc:
        if exc.msg != "Extra data":
            raise _json_error(exc) from exc
    decoder = json.JSONDecoder()
    docs: list[tuple[int, Any]] = []
    pos, line, counted_to = 0, 1, 0
    while True:
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        if pos >= len(text):
            return docs
        line += text.count("\n", counted_to, pos)
        counted_to = pos
        try:
            obj, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise _json_error(exc) from exc
        docs.append((line, obj))
