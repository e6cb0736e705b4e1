"""Damaged exports in undamaged containers: the cases of the importer fuzz (issue 11).

A case is a real-shaped fixture (tests/fixtures), a container it really comes in
(a loose file, a Studio-named ZIP, an XLSX, an XLSX in a ZIP, a HAR with plain or
base64 bodies) and a seed. The seed drives the damage, done to the *payload*
(CSV cells, rows and headers; the sheet XML of an XLSX; JSON values, keys and
nesting; a HAR entry's decoded body; bytes of the decompressed file) before the
container is built again around it, so the ZIP, the XLSX and the HAR stay valid
and the importer itself meets the damage, not the container check.

Everything derives from ``Case``: the same case gives the same bytes, so a
failure is reproduced from the three values the fuzz prints
(``build(Case("studio/Overview.csv", "zip", 123))``).

Shared by tests/test_fuzz_importers.py (short, in CI) and scripts/fuzz.py
(the long run, with coverage per importer).
"""

from __future__ import annotations

import base64
import copy
import csv
import io
import json
import os
import random
import re
import shutil
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from tiktui.data.demo_files import xlsx_bytes
from tiktui.data.pipeline import FileResult, import_paths
from tiktui.data.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date(2026, 11, 30)
WHEN = datetime(2026, 11, 21, tzinfo=UTC)
EPOCH = int(WHEN.timestamp())
HANDLE = "lena.cooks"

# -- the seeds: which fixture, read by which importer, in which containers --

TABULAR = ("csv", "zip", "xlsx", "xlsx-zip")
JSONISH = ("json", "zip")
HARS = ("har", "har-base64", "zip")

IMPORTERS: dict[str, tuple[str, ...]] = {  # importer → fixture globs (relative to FIXTURES)
    "studio": ("studio/*.csv", "qa/*.csv", "archive/Content.csv"),
    "business": ("json/business_*.json", "qa/business_*.json"),
    "display": ("json/display_*.json", "qa/display_*.json"),
    "studio_web": (
        "studio_web/*.json",
        "json/insight_*.json",
        "json/insight_*.jsonl",
        "qa/insight.jsonl",
    ),
    "har": ("json/*.har", "qa/*.har", "studio_web/*.har"),
    "archive": ("archive/user_data*.json", "json/user_data.json", "qa/user_data.json"),
}

# The importer's own code, for coverage per importer (scripts/fuzz.py).
SOURCES: dict[str, tuple[str, ...]] = {
    "studio": ("studio/*.py", "zips.py", "dates.py", "numbers.py", "values.py"),
    "business": ("business/*.py", "jsonfile.py", "values.py"),
    "display": ("display/*.py", "jsonfile.py", "values.py"),
    "studio_web": ("studio_web/*.py", "jsonfile.py", "values.py"),
    "har": ("studio_web/har.py", "studio_web/redact.py", "jsonfile.py"),
    "archive": ("archive/*.py", "jsonfile.py", "dates.py"),
}


def fixtures(importer: str) -> list[str]:
    names = {
        str(p.relative_to(FIXTURES))
        for pattern in IMPORTERS[importer]
        for p in FIXTURES.glob(pattern)
        if p.is_file()
    }
    return sorted(names)


def containers(fixture: str) -> tuple[str, ...]:
    if fixture.endswith(".csv"):
        return TABULAR
    if fixture.endswith(".har"):
        return HARS
    return JSONISH


def seeds(importer: str) -> list[tuple[str, str]]:
    """Every (fixture, container) pair of one importer."""
    return [(f, c) for f in fixtures(importer) for c in containers(f)]


@dataclass(frozen=True)
class Case:
    fixture: str  # relative to tests/fixtures
    container: str  # csv | xlsx | zip | xlsx-zip | json | har | har-base64
    seed: int  # drives the damage; -1: none (the fixture as it is)

    def __str__(self) -> str:
        return f"Case({self.fixture!r}, {self.container!r}, {self.seed})"


# -- hostile values --

NUMBERS = [
    "9" * 40,
    "-5",
    "-0",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "1e308",
    "1e306",
    "-1e308",
    "1e-320",
    "0.000001",
    "18446744073709551616",
    "-9223372036854775809",
    "12k3",
    "1,234,567",
    "1.234.567,89",
    "12.5%",
    "150%",
    "-0.03",
    "1.5K",
    "2M",
    "１２３",  # fullwidth digits
    "٣٤٥",  # Arabic-Indic digits
    "",
    " ",
    "--",
    "N/A",
    "null",
    "0x1F",
    "1_000",
    "+7",
    "1e",
    ".",
]
DATES = [
    "2026-02-30",
    "9999-12-31",
    "5138-01-01",
    "0000-00-00",
    "1900-01-01",
    "1969-12-31",
    "31/13/2026",
    "February 30",
    "February 29",
    "Smarch 3",
    "32 de febrero",
    "2026-11-30T25:61:00",
    "2030-01-01",
    "1763683200",
    "99999999999999",
    "-1",
]
TEXTS = [
    "\x1b[31mred\x1b[0m",
    "\x1b]0;title\x07",
    "line\nbreak",
    "cr\rhere",
    "\u202eevil\u202c",
    "\u2066iso\u2069",
    "nul\x00byte",
    "\x7f\x85\x9b",
    "\u2028sep\u2029",
    '=HYPERLINK("http://x")',
    "@SUM(A1)",
    '"quoted, "',
    "\ufeffbom",
    "\ud83c\udf73",  # a lone surrogate pair written as two code points
    "a" * 5000,
    "🍳" * 2000,
    "[bold]markup[/]",
    "\t",
    "https://www.tiktok.com/@other/video/notanumber",
    "https://www.tiktok.com/@x/video/99999999999999999999999999",
]
HOSTILE = NUMBERS + DATES + TEXTS


def hostile_scalar(rng: random.Random) -> object:
    """A JSON value of any type, hostile more often than not."""
    return rng.choice(
        [
            rng.choice(HOSTILE),
            rng.choice([0, -1, -(2**63), 2**63, 2**70, 10**400, 1e308, -1e-320, 0.5, 1.5]),
            float("nan"),
            float("inf"),
            None,
            True,
            False,
            [],
            {},
            [rng.choice(HOSTILE)],
            {"": rng.choice(HOSTILE)},
        ]
    )


# -- byte damage --


def damage_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    op = rng.randrange(5)
    if not out:
        return bytes([rng.randrange(256)])
    if op == 0:  # flip bits here and there
        for _ in range(rng.randint(1, 8)):
            i = rng.randrange(len(out))
            out[i] ^= 1 << rng.randrange(8)
    elif op == 1:  # cut short
        del out[rng.randrange(len(out)) :]
    elif op == 2:  # random bytes in
        i = rng.randrange(len(out) + 1)
        out[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    elif op == 3:  # a span removed
        i = rng.randrange(len(out))
        del out[i : i + rng.randint(1, 64)]
    else:  # a span repeated
        i = rng.randrange(len(out))
        chunk = out[i : i + rng.randint(1, 256)]
        out[i:i] = chunk * rng.randint(1, 4)
    return bytes(out)


# -- CSV --


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    return max(",;\t", key=first.count)


def read_rows(data: bytes) -> tuple[list[list[str]], str]:
    text = data.decode("utf-8-sig", errors="replace")
    delim = _delimiter(text)
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delim)], delim


def write_rows(rows: list[list[str]], delim: str, rng: random.Random) -> bytes:
    buf = io.StringIO(newline="")
    quoting = rng.choice([csv.QUOTE_ALL, csv.QUOTE_MINIMAL])
    csv.writer(buf, delimiter=delim, quoting=quoting, lineterminator="\n").writerows(rows)
    bom = "\ufeff" if rng.random() < 0.7 else ""
    return (bom + buf.getvalue()).encode("utf-8", errors="surrogatepass")


def damage_rows(rows: list[list[str]], rng: random.Random) -> list[list[str]]:
    rows = [list(r) for r in rows]
    if not rows:
        return [[rng.choice(HOSTILE)]]
    body = list(range(1, len(rows))) or [0]
    op = rng.randrange(12)
    if op <= 3:  # a cell (most damage is to one cell: the importers' checks are per cell)
        r = rng.choice(body)
        if rows[r]:
            c = rng.randrange(len(rows[r]))
            rows[r][c] = rng.choice(HOSTILE if op < 3 else [rows[r][c] * 50, rows[r][c][:1]])
    elif op == 4:  # a row twice
        r = rng.choice(body)
        rows.insert(r, list(rows[r]))
    elif op == 5:  # a row gone
        if len(rows) > 1:
            del rows[rng.choice(body)]
    elif op == 6:  # cut after some rows, the last one possibly short
        rows = rows[: rng.randint(1, len(rows))]
        if rows[-1] and rng.random() < 0.5:
            rows[-1] = rows[-1][: rng.randrange(len(rows[-1]))]
    elif op == 7:  # two headers swapped
        if len(rows[0]) > 1:
            a, b = rng.sample(range(len(rows[0])), 2)
            rows[0][a], rows[0][b] = rows[0][b], rows[0][a]
    elif op == 8:  # a header renamed
        if rows[0]:
            c = rng.randrange(len(rows[0]))
            rows[0][c] = rng.choice([*TEXTS, "", rows[0][c].upper(), rows[0][c] + " ", "Date"])
    elif op == 9:  # a column gone, or one added
        if rows[0] and rng.random() < 0.5:
            c = rng.randrange(len(rows[0]))
            rows = [r[:c] + r[c + 1 :] for r in rows]
        else:
            rows = [[*r, rng.choice(HOSTILE)] for r in rows]
    elif op == 10:  # rows shuffled (a file sorted newest first)
        head, rest = rows[:1], rows[1:]
        rng.shuffle(rest)
        rows = head + rest
    else:  # a row with more or fewer cells than the header
        r = rng.choice(body)
        rows[r] = rows[r] + ["x"] * rng.randint(1, 3) if rng.random() < 0.5 else rows[r][:1]
    return rows


# -- XLSX --


def _cell(value: str) -> object:
    """A cell as a spreadsheet holds it: numbers as numbers, the rest as text."""
    try:
        number = float(value.replace(",", ""))
    except ValueError:
        return value
    if number != number or number in (float("inf"), float("-inf")):
        return value
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


SHEET = "xl/worksheets/sheet1.xml"


def damage_sheet_xml(xml: str, rng: random.Random) -> str:
    """The sheet as XML damaged: cell types, values and references a writer got wrong."""
    op = rng.randrange(8)
    cells = list(re.finditer(r'<c r="([A-Z]+)(\d+)"([^>]*)>(.*?)</c>', xml))
    if not cells:
        return xml
    m = rng.choice(cells)
    ref = f"{m.group(1)}{m.group(2)}"
    if op == 0:  # a number cell holding text
        new = f'<c r="{ref}"><v>{_xml(rng.choice(HOSTILE))}</v></c>'
    elif op == 1:  # a shared string that is not there
        new = f'<c r="{ref}" t="s"><v>{rng.choice([0, 7, 99999, -1])}</v></c>'
    elif op == 2:  # a boolean, an error, a date cell
        kind, value = rng.choice(
            [
                ("b", "1"),
                ("e", "#DIV/0!"),
                ("e", "#N/A"),
                ("d", "9999-12-31T00:00:00"),
                ("d", "not a date"),
                ("str", "=1/0"),
                ("n", "1e308"),
            ]  # fmt: skip
        )
        new = f'<c r="{ref}" t="{kind}"><v>{_xml(value)}</v></c>'
    elif op == 3:  # a cell at the far corner of the sheet
        new = f'<c r="XFD1048576"><v>{rng.randint(-5, 5)}</v></c>'
    elif op == 4:  # an empty cell, or one without a value
        new = rng.choice([f'<c r="{ref}"/>', f'<c r="{ref}" t="inlineStr"><is></is></c>'])
    elif op == 5:  # two cells with one reference
        new = m.group(0) + m.group(0)
    elif op == 6:  # a row number out of order
        return xml.replace(f'<row r="{m.group(2)}"', f'<row r="{rng.randint(1, 3)}"', 1)
    else:  # a cell reference mangled
        new = m.group(0).replace(f'r="{ref}"', f'r="{rng.choice(["A0", "1A", "", "ZZZZ9"])}"')
    return xml[: m.start()] + new + xml[m.end() :]


def _xml_chars(text: str) -> str:
    """What an XLSX can hold of ``text``: XML 1.0's characters, no lone surrogates."""
    text = "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)
    return text.encode("utf-8", errors="replace").decode("utf-8")


def _xml(text: str) -> str:
    return _xml_chars(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def rezip(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    """The same ZIP with one entry's bytes changed: a valid container, damaged content."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(info, change(body) if info.filename == part else body)
    return out.getvalue()


def xlsx_of(rows: list[list[str]], rng: random.Random, damage: bool) -> bytes:
    book = xlsx_bytes([[_cell(_xml_chars(v)) for v in row] for row in rows], WHEN)
    if not damage:
        return book
    if rng.random() < 0.2:
        return rezip(book, SHEET, lambda b: damage_bytes(b, rng))
    return rezip(book, SHEET, lambda b: damage_sheet_xml(b.decode(), rng).encode())


# -- JSON --


def _nodes(obj: object, path: tuple = ()) -> Iterator[tuple]:
    yield path
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _nodes(v, (*path, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _nodes(v, (*path, i))


def _get(obj: object, path: tuple) -> object:
    for step in path:
        obj = obj[step]  # type: ignore[index]
    return obj


def damage_json(obj: object, rng: random.Random) -> object:
    """One value, key or level of the structure changed: a type swapped, a key dropped,
    renamed or added, a level added or taken away, a list's items doubled or gone."""
    obj = copy.deepcopy(obj)
    paths = list(_nodes(obj))
    path = rng.choice(paths)
    node = _get(obj, path)

    def put(value: object) -> object:
        if not path:
            return value
        parent = _get(obj, path[:-1])
        parent[path[-1]] = value  # type: ignore[index]
        return obj

    op = rng.randrange(9)
    if op <= 2:  # the value replaced by one of any type
        return put(hostile_scalar(rng))
    if op == 3:  # a key dropped
        if isinstance(node, dict) and node:
            del node[rng.choice(list(node))]
        return obj
    if op == 4:  # a key renamed
        if isinstance(node, dict) and node:
            key = rng.choice(list(node))
            node[rng.choice(["", key.upper(), key + "_", "\x1b", "__proto__"])] = node.pop(key)
        return obj
    if op == 5:  # one level more
        return put(rng.choice([[node], {"data": node}, {"list": [node]}]))
    if op == 6:  # one level less
        if isinstance(node, dict) and node:
            return put(rng.choice(list(node.values())))
        if isinstance(node, list) and node:
            return put(rng.choice(node))
        return obj
    if op == 7:  # a list's items doubled, dropped, or the list emptied
        if isinstance(node, list):
            choice = rng.randrange(3)
            if choice == 0 and node:
                node.extend(copy.deepcopy(node))
            elif choice == 1 and node:
                del node[rng.randrange(len(node))]
            else:
                node.clear()
        elif isinstance(node, dict):
            node.clear()
        return obj
    # a string value replaced by hostile text, a number by a hostile number
    if isinstance(node, str):
        return put(rng.choice(HOSTILE))
    if isinstance(node, bool):
        return put(rng.choice(["true", 1, None]))
    if isinstance(node, int | float):
        return put(rng.choice([-node, node * 10**12, str(node), float(node) + 0.5, -1]))
    return put(hostile_scalar(rng))


def dump_json(obj: object, rng: random.Random) -> bytes:
    text = json.dumps(obj, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 2]))
    return text.encode("utf-8", errors="surrogatepass")


def damage_json_text(data: bytes, rng: random.Random) -> bytes:
    """A JSON or JSON Lines payload, damaged as a structure or as bytes."""
    if rng.random() < 0.2:
        return damage_bytes(data, rng)
    text = data.decode("utf-8-sig")
    try:
        doc = json.loads(text)
    except ValueError:  # JSON Lines: one line's object damaged
        lines = text.splitlines()
        i = rng.randrange(len(lines))
        try:
            lines[i] = dump_json(damage_json(json.loads(lines[i]), rng), rng).decode()
            lines[i] = lines[i].replace("\n", " ")
        except ValueError:
            return damage_bytes(data, rng)
        return "\n".join(lines).encode("utf-8", errors="surrogatepass")
    return dump_json(damage_json(doc, rng), rng)


# -- HAR --


def har_bodies(data: bytes, *, as_base64: bool) -> dict:
    har = json.loads(data.decode("utf-8-sig"))
    for entry in har.get("log", {}).get("entries", []):
        content = entry.get("response", {}).get("content", {})
        text = content.get("text")
        if text is None:
            continue
        plain = base64.b64decode(text) if content.get("encoding") == "base64" else text.encode()
        if as_base64:
            content["text"], content["encoding"] = base64.b64encode(plain).decode(), "base64"
        else:
            content["text"] = plain.decode("utf-8", errors="replace")
            content.pop("encoding", None)
    return har


def damage_har(har: dict, rng: random.Random) -> dict:
    """One entry's decoded body damaged and encoded back as it was, or the HAR's own
    structure damaged (an entry's request, headers, status, the entry list)."""
    entries = [
        e for e in har.get("log", {}).get("entries", []) if e.get("response", {}).get("content")
    ]
    if not entries or rng.random() < 0.25:
        return damage_json(har, rng)  # type: ignore[return-value]
    content = rng.choice(entries)["response"]["content"]
    text = content.get("text") or ""
    b64 = content.get("encoding") == "base64"
    body = base64.b64decode(text) if b64 else text.encode("utf-8", errors="surrogatepass")
    body = damage_json_text(body, rng) if rng.random() < 0.85 else damage_bytes(body, rng)
    if b64:
        content["text"] = base64.b64encode(body).decode()
    else:
        content["text"] = body.decode("utf-8", errors="replace")
    return har


# -- building a case --


def _studio_zip_name(fixture: str) -> str:
    stem = Path(fixture).name
    for prefix, section in (
        ("Overview", "Overview"),
        ("Follower", "Followers"),
        ("Content", "Content"),
        ("Viewers", "Viewers"),
    ):
        if stem.startswith(prefix):
            return f"{section}_{HANDLE}.zip"
    return "export.zip"


def _entry_name(fixture: str, container: str) -> str:
    name = Path(fixture).name
    return str(Path(name).with_suffix(".xlsx")) if container == "xlsx-zip" else name


def zip_of(name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo(name, date_time=(2026, 11, 21, 0, 0, 0))
        zf.writestr(info, data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def build(case: Case) -> tuple[str, bytes]:
    """The file's name and bytes: the fixture, damaged by ``case.seed``, in its container."""
    rng = random.Random(case.seed)
    damage = case.seed >= 0
    raw = (FIXTURES / case.fixture).read_bytes()
    name = Path(case.fixture).name
    if case.container in TABULAR:
        rows, delim = read_rows(raw)
        byte_damage = damage and rng.random() < 0.15
        if damage and not byte_damage:
            for _ in range(rng.choice([1, 1, 1, 2, 3])):
                rows = damage_rows(rows, rng)
        if case.container in ("xlsx", "xlsx-zip"):
            payload = xlsx_of(rows, rng, damage and (byte_damage or rng.random() < 0.4))
            name = str(Path(name).with_suffix(".xlsx"))
        else:
            payload = write_rows(rows, delim, rng) if damage else raw
            if byte_damage:
                payload = damage_bytes(payload, rng)
    elif case.container in ("har", "har-base64") or (
        case.container == "zip" and name.endswith(".har")
    ):
        har = har_bodies(raw, as_base64=case.container == "har-base64")
        if damage:
            har = damage_har(har, rng)
        payload = dump_json(har, rng) if damage else json.dumps(har).encode()
    else:
        payload = damage_json_text(raw, rng) if damage else raw
    if case.container in ("zip", "xlsx-zip"):
        entry = _entry_name(case.fixture, case.container)
        return _studio_zip_name(case.fixture), zip_of(entry, payload)
    return name, payload


# -- running a case through the real pipeline into a store --


def fast_tmp() -> str | None:
    """A folder in memory when there is one: a case's store copy is written, fsynced and
    removed, four times faster there than on a disk."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def base_store(folder: Path) -> Path:
    """A store holding one account's Overview, to import every case into (a copy of it)."""
    from tests.test_cli import overview_zip

    root = folder / "base-store"
    files = folder / "base-files"
    files.mkdir(parents=True, exist_ok=True)
    (result,) = import_paths(Store.open(root), [overview_zip(files)], today=TODAY)
    assert result.status == "imported", result.line()
    return root


def snapshot(root: Path) -> tuple[bytes, list[str]]:
    """What a refused file must leave as it was: the manifest, and what raw/ holds."""
    manifest = (root / "manifest.json").read_bytes()
    raw = sorted(p.name for p in (root / "raw").iterdir()) if (root / "raw").exists() else []
    return manifest, raw


def import_case(case: Case, base: Path, work: Path) -> tuple[FileResult, Path, Path, tuple]:
    """Import one case into a fresh copy of the base store: (result, file, store, before)."""
    if work.exists():
        shutil.rmtree(work)
    root = work / "store"
    shutil.copytree(base, root)
    name, data = build(case)
    path = work / "in" / name
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    before = snapshot(root)
    (result,) = import_paths(Store.open(root), [path], today=TODAY)
    return result, path, root, before
