"""JSON files: what people save from TikTok's APIs and from their browser.

TikTok gives creators no JSON export of its own, so the JSON files we meet are
responses someone saved: Business API pages, Display API pages, the bodies
TikTok Studio's web page loads (alone, as a list, as JSONL or inside a HAR
capture) and the account archive's ``user_data.json``. Users rename these
freely, so a file's kind is decided by its structure, never by its name.

This module holds the entry points the pipeline calls, the dispatch, and the
small coercions every JSON format shares: TikTok writes numbers as strings,
ids as numbers, and ``status: 2`` where it has not computed a value yet, and
all of that must come out as the same canonical values (missing is null,
never zero). The format modules import these helpers; this module imports
them back only inside functions, so there is no import cycle.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

import polars as pl

from ..schema import SET_GROUPS, TABLES
from ..sources import source_key
from .base import ParseContext, Parsed, Refused, SourceFile

UNKNOWN_JSON = (
    "JSON is not a TikTok export this app knows "
    "(expected a Business API, Display API, Studio insight or HAR file)"
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    # Windows PowerShell 5 writes `ConvertTo-Json | Out-File` as UTF-16 with a BOM.
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


# --------------------------------------------------------------------------- entry points


def looks_json(src: SourceFile) -> bool:
    """Cheap sniff: the first non-space character (after an optional BOM) is ``{`` or ``[``.

    Only a prefix is decoded, so sniffing a 200 MB HAR costs nothing; JSONL
    starts with ``{`` too.
    """
    body, encoding = _split_bom(src.data[:4096])
    if encoding != "utf-8":
        body = body[: len(body) // 2 * 2]
    head = body.decode(encoding, errors="ignore").lstrip(" \t\r\n")
    return head[:1] in ("{", "[")


def parse_json(src: SourceFile, ctx: ParseContext) -> list[Parsed]:
    """Every logical part of one JSON file, as canonical frames.

    One file may hold many parts (a HAR with responses for many videos, a list
    of pages, JSONL of bodies); each becomes one :class:`Parsed`. Raises
    :class:`Refused` for anything this app cannot import, so the pipeline can
    keep its all-or-nothing promise.
    """
    from . import insight  # imported here: the format modules import this module

    text = _decode(src.data)
    documents = _documents(text)
    fallback = file_capture(src, ctx)
    parts: list[Parsed] = []
    bodies: list[insight.InsightBody] = []
    file_notes: list[str] = []
    for line, doc in documents:
        where = f"line {line}" if len(documents) > 1 else ""
        with located(where):
            got_parts, got_bodies, got_notes = parse_document(doc, fallback, where)
        parts += got_parts
        bodies += got_bodies
        file_notes += got_notes
    parts += insight.parse_bodies(bodies)
    if not parts:  # only reachable for a document that held nothing at all
        raise Refused(UNKNOWN_JSON)
    return _tidy(parts, file_notes)


# --------------------------------------------------------------------------- dispatch


def classify(obj: Any) -> str | None:
    """Which format a JSON object is, from its structure alone, or None.

    ``"har"``, ``"business"`` (with or without the envelope), ``"display"``,
    ``"insight"`` or ``"archive"``. A list is not classified here: see
    :func:`parse_document`.
    """
    from . import business, display, insight

    if not isinstance(obj, dict):
        return None
    if insight.is_har(obj):
        return "har"
    if business.is_envelope(obj) or business.is_bare_data(obj):
        return "business"
    if display.is_display(obj):
        return "display"
    if insight.is_body(obj):
        return "insight"
    if display.is_archive(obj):
        return "archive"
    return None


def api_error(obj: Any) -> str | None:
    """The error an API response reports instead of data, if it does."""
    from . import business, display, insight

    if not isinstance(obj, dict):
        return None
    if business.is_envelope(obj):
        return business.api_error(obj)
    if display.is_display(obj):
        return display.api_error(obj)
    return insight.api_error(obj)


def parse_body(kind: str, obj: dict[str, Any], capture: Capture, where: str) -> list[Parsed]:
    """Parse one classified API body (not a HAR, not an insight body)."""
    from . import business, display

    if kind == "business":
        return business.parse(obj, capture, where)
    if kind == "display":
        return display.parse(obj, capture, where)
    if kind == "archive":
        return [display.parse_archive(obj, capture, where)]
    raise Refused(UNKNOWN_JSON)  # pragma: no cover - callers pass classified kinds


def parse_document(
    doc: Any, capture: Capture, where: str
) -> tuple[list[Parsed], list[Any], list[str]]:
    """One top-level JSON value → parts, insight bodies (merged later per video), notes.

    Insight bodies are not turned into parts here because TikTok Studio loads
    one video's insight in several requests; they are merged per video first.
    """
    from . import business, display, insight

    if isinstance(doc, list):
        if not doc:
            raise Refused(f"the JSON list is empty: {UNKNOWN_JSON}")
        items = [x for x in doc if isinstance(x, dict)]
        if len(items) == len(doc):
            if all(business.is_video(x) for x in items):
                return [business.parse_video_list({"videos": items}, capture, "")], [], []
            if all(display.is_video(x) for x in items):
                return [display.parse_videos(items, capture, "")], [], []
        parts: list[Parsed] = []
        bodies: list[Any] = []
        notes: list[str] = []
        for i, item in enumerate(doc, 1):
            item_where = join_where(where, f"item {i}")
            with located(f"item {i}"):
                if isinstance(item, list):
                    raise Refused(UNKNOWN_JSON)
                got = parse_document(item, capture, item_where)
            parts += got[0]
            bodies += got[1]
            notes += got[2]
        return parts, bodies, notes

    kind = classify(doc)
    if kind is None:
        error = insight.api_error(doc) if isinstance(doc, dict) else None
        if error and "status_msg" in doc:  # a Studio web error body saved on its own
            raise Refused(error)
        if (
            isinstance(doc, dict)
            and "message" in doc
            and business.is_envelope({**doc, "data": None})
        ):  # an API error copied without its request_id: {"code":40105,"message":…}
            error = business.api_error(doc)
            if error:
                raise Refused(error)
        raise Refused(UNKNOWN_JSON)
    if kind == "har":
        return insight.parse_har(doc, capture, where)
    if kind == "insight":
        error = insight.api_error(doc)
        if error:
            raise Refused(error)
        return [], [insight.InsightBody(doc, None, capture, where, "insight-json")], []
    return parse_body(kind, doc, capture, where), [], []


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


# --------------------------------------------------------------------------- reading text


def _split_bom(data: bytes) -> tuple[bytes, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :], encoding
    return data, "utf-8"


def _decode(data: bytes) -> str:
    body, encoding = _split_bom(data)
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise Refused(f"not {encoding.upper()} text: byte {exc.start} cannot be read") from exc
    if not text.strip():
        raise Refused("empty file")
    return text


def _json_error(exc: json.JSONDecodeError) -> Refused:
    return Refused(f"not valid JSON: line {exc.lineno}, column {exc.colno}: {exc.msg}")


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


# --------------------------------------------------------------------------- capture time


@dataclass(frozen=True)
class Capture:
    """When the numbers in a part were captured: decides ``captured_on`` and ``as_of``.

    ``note`` says how we know, when the file itself does not say (its
    timestamp, today); a HAR's ``startedDateTime`` needs no note.
    """

    as_of: datetime  # always UTC
    note: str | None = None

    @property
    def on(self) -> date:
        return self.as_of.date()

    @property
    def notes(self) -> list[str]:
        return [self.note] if self.note else []


def file_capture(src: SourceFile, ctx: ParseContext) -> Capture:
    """The file's timestamp, else today at midnight UTC."""
    if src.mtime is not None:
        return Capture(as_utc(src.mtime), "capture date taken from the file's timestamp")
    return Capture(
        datetime.combine(ctx.today, time(), UTC),
        "capture date taken from today's date (the file has no timestamp)",
    )


_STAMP = re.compile(r"^(\d{14})")


def request_id_capture(request_id: Any) -> Capture | None:
    """The moment a TikTok request/log id starts with (``20240315091234…``), if it does.

    TikTok's request and log ids begin with the server's ``YYYYMMDDhhmmss``;
    it is the real capture moment, better than a file timestamp that a copy
    or an unzip can change. Read as UTC.
    """
    if not isinstance(request_id, str):
        return None
    m = _STAMP.match(request_id.strip())
    if not m:
        return None
    try:
        moment = datetime.strptime(m.group(1), "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None
    if not 2016 <= moment.year <= 2100:
        return None
    return Capture(moment, "capture date taken from the API request id")


def as_utc(moment: datetime) -> datetime:
    """A naive datetime is taken to be UTC (SourceFile.mtime is documented as UTC)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


# --------------------------------------------------------------------------- locations


def join_where(*parts: str) -> str:
    return ": ".join(p for p in parts if p)


def at(base: str, key: str | int) -> str:
    """A JSON path for messages: ``data.videos[3].likes``."""
    if isinstance(key, int):
        return f"{base}[{key}]"
    return f"{base}.{key}" if base else key


@contextmanager
def located(where: str) -> Iterator[None]:
    """Prefix a refusal raised inside with where it happened (``line 3: …``)."""
    if not where:
        yield
        return
    try:
        yield
    except Refused as exc:
        raise Refused(f"{where}: {exc}") from exc


# --------------------------------------------------------------------------- coercions

_MISSING_TEXT = frozenset({"", "nan", "null", "none", "undefined", "-", "--", "n/a"})
_INT_TEXT = re.compile(r"^[+-]?\d+$")


def _refuse_value(where: str, value: Any, what: str) -> Refused:
    shown = json.dumps(value, ensure_ascii=False)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return Refused(f"{where}: {shown} is not {what}")


def to_number(value: Any, where: str) -> int | float | None:
    """A JSON number or a number written as a string; missing markers are None.

    TikTok writes many numbers as strings (``"create_time":"1700000000"``);
    ``NaN``, ``undefined`` and empty strings are missing, never zero.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise _refuse_value(where, value, "a number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        text = value.strip()
        if text.lower() in _MISSING_TEXT:
            return None
        if _INT_TEXT.match(text):
            return int(text)
        try:
            number = float(text)
        except ValueError:
            raise _refuse_value(where, value, "a number") from None
        return number if math.isfinite(number) else None
    raise _refuse_value(where, value, "a number")


def to_int(value: Any, where: str) -> int | None:
    """A count: a whole number (``12``, ``"12"``, ``12.0``), else refused."""
    number = to_number(value, where)
    if number is not None and not isinstance(number, int):
        if not number.is_integer():
            raise _refuse_value(where, value, "a whole number")
        number = int(number)
    if number is not None and not -(2**63) <= number < 2**63:
        raise _refuse_value(where, value, "a count (too large)")
    return number


def to_float(value: Any, where: str) -> float | None:
    number = to_number(value, where)
    return None if number is None else float(number)


def to_bool(value: Any, where: str) -> bool | None:
    """``true``/``false``, ``1``/``0`` or those as strings."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("true", "1", "yes"):
            return True
        if text in ("false", "0", "no"):
            return False
        if text in _MISSING_TEXT:
            return None
    raise _refuse_value(where, value, "true or false")


def as_list(value: Any, where: str) -> list[Any]:
    """A JSON list; absent, null or empty is no items (TikTok omits what it has not got)."""
    if value is None or value == "" or value == {}:
        return []
    if not isinstance(value, list):
        raise Refused(f"{where}: expected a list")
    return value


def to_text(value: Any) -> str | None:
    """Text as given (captions and search terms are user data: kept exactly)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def to_id(value: Any, where: str) -> str | None:
    """A video id as text. JSON may carry it as a number; Python keeps big ints exact."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and value < 2**53:
            return str(int(value))
        raise _refuse_value(where, value, "a video id (too large for a JSON number)")
    if isinstance(value, str):
        text = value.strip()
        return text or None
    raise _refuse_value(where, value, "a video id")


def to_epoch(value: Any, where: str) -> datetime | None:
    """Unix seconds (often a string) → UTC datetime; 0 is missing, milliseconds tolerated."""
    number = to_number(value, where)
    if number is None or number == 0:
        return None
    if number > 1e11:  # milliseconds: seconds this large would be after year 5000
        number = number / 1000
    try:
        return datetime.fromtimestamp(number, UTC)
    except (OverflowError, OSError, ValueError):
        raise _refuse_value(where, value, "a Unix time") from None


def posted(moment: datetime | None) -> dict[str, Any]:
    """A video's ``posted_at`` and the ``posted_on`` day it gives (both null when unknown)."""
    return {"posted_at": moment, "posted_on": moment.date() if moment else None}


def to_day(value: Any, where: str) -> date:
    """``YYYY-MM-DD`` (the Business API's daily ``date``); required, so never None."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise _refuse_value(where, value, "a date (YYYY-MM-DD)")


def norm_account(handle: Any) -> str | None:
    """``@Lena.Cooks `` → ``lena.cooks``: the store keys accounts by lowercase handle."""
    if not isinstance(handle, str):
        return None
    text = handle.strip().lstrip("@").strip().lower()
    return text or None


_HANDLE_IN_URL = re.compile(r"tiktok\.com/@([^/?#\s]+)", re.IGNORECASE)
_ID_IN_URL = re.compile(r"/(?:video|photo)/(\d+)")


def handle_from_url(url: Any) -> str | None:
    """``https://www.tiktok.com/@handle/video/123`` → ``handle``."""
    if not isinstance(url, str):
        return None
    m = _HANDLE_IN_URL.search(url)
    return norm_account(m.group(1)) if m else None


def video_id_from_url(url: Any) -> str | None:
    """The number after ``/video/`` (also tiktokv.com ``/share/video/<id>/`` and ``/photo/``)."""
    if not isinstance(url, str):
        return None
    m = _ID_IN_URL.search(url)
    return m.group(1) if m else None


def video_url(handle: str | None, video_id: str) -> str | None:
    """The canonical web address, when the handle is known."""
    return f"https://www.tiktok.com/@{handle}/video/{video_id}" if handle else None


def get_any(obj: Mapping[str, Any], *names: str) -> Any:
    """The first of several spellings of a key that is present (not None)."""
    for name in names:
        value = obj.get(name)
        if value is not None:
            return value
    return None


# --------------------------------------------------------------------------- rows and frames


def fractions(values: list[float | None], what: str, notes: list[str]) -> list[float | None]:
    """Shares as fractions 0–1; a list written in percent (any value > 1.5) is divided by 100.

    TikTok documents fractions, but hand-saved or re-exported files sometimes
    carry ``84.3`` for 84.3 %; stored as is that would break every share sum.
    """
    present = [v for v in values if v is not None]
    if present and max(present) > 1.5:
        note = f"{what} given in percent (0–100); divided by 100"
        if note not in notes:
            notes.append(note)
        return [None if v is None else v / 100 for v in values]
    return values


def source_rows(
    pairs: list[tuple[str, float | None]],
    video_id: str,
    captured_on: date,
    notes: list[str],
) -> list[dict[str, Any]]:
    """Traffic-source rows: one per source key, shares summed, raw labels kept.

    Several labels can map to one key (``Follow`` and ``Following``, or
    ``Others`` and an unknown ``Promote``); the key must stay unique per
    capture, so their shares add up and ``raw_label`` joins the labels with
    ``+`` in the order seen, so nothing TikTok wrote is lost. A label whose
    share is missing adds no row.
    """
    shares = fractions([share for _, share in pairs], "traffic-source shares", notes)
    by_key: dict[str, tuple[float, list[str]]] = {}
    for (label, _), share in zip(pairs, shares, strict=True):
        if share is None:
            continue
        key = source_key(label)
        total, labels = by_key.get(key, (0.0, []))
        if label not in labels:
            labels.append(label)
        by_key[key] = (total + share, labels)
    return [
        {
            "video_id": video_id,
            "captured_on": captured_on,
            "source": key,
            "share": total,
            "raw_label": "+".join(labels),
        }
        for key, (total, labels) in by_key.items()
    ]


def retention_rows(
    seconds: list[float],
    values: list[float | None],
    video_id: str,
    captured_on: date,
    what: str,
    notes: list[str],
) -> list[dict[str, Any]]:
    """Retention points → ``video_retention`` rows, one per second.

    The values go through ``fractions`` (a curve written in percent is divided
    by 100); a point without a value adds no row, and a second given twice
    keeps its last value, since the second is the table's key.
    """
    values = fractions(values, what, notes)
    by_second = {s: v for s, v in zip(seconds, values, strict=True) if v is not None}
    return [
        {"video_id": video_id, "captured_on": captured_on, "second": s, "retained": v}
        for s, v in by_second.items()
    ]


def frame(table: str, rows: list[dict[str, Any]]) -> pl.DataFrame:
    """Rows → a frame of the canonical table's dtypes, with only the columns the rows have.

    A column the file does not have stays out of the frame (the pipeline can
    tell "not in this export" from "TikTok said nothing"); a key present in
    some rows and not others is null in the others.
    """
    schema = TABLES[table].schema
    columns: list[str] = []
    for row in rows:
        for col in row:
            if col not in columns:
                if col not in schema:
                    raise ValueError(f"{table}: unknown column {col!r}")
                columns.append(col)
    columns.sort(key=list(schema).index)
    data = {c: [row.get(c) for row in rows] for c in columns}
    return pl.DataFrame(data, schema={c: schema[c] for c in columns})


def tables(**rows: list[dict[str, Any]]) -> dict[str, pl.DataFrame]:
    """Only the tables that got rows: an absent table says "nothing in this file"."""
    return {name: frame(name, r) for name, r in rows.items() if r}
