"""The JSON entry points: sniffing, decoding, refusals, and properties of the shared helpers."""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiktui.data.importers.base import ParseContext, Refused, SourceFile
from tiktui.data.importers.jsonfile import looks_json, parse_json
from tiktui.data.importers.numbers import to_int
from tiktui.data.importers.reasons import REASONS
from tiktui.data.importers.values import UNKNOWN_JSON, request_id_capture, source_rows
from tiktui.data.sources import SOURCE_KEYS, source_key

FIXTURES = Path(__file__).parent / "fixtures" / "json"
CTX = ParseContext(today=date(2024, 3, 20))


def src(data: bytes, mtime: datetime | None = None) -> SourceFile:
    return SourceFile("file.json", data, mtime=mtime)


def refusal(data: bytes) -> str:
    with pytest.raises(Refused) as exc:
        parse_json(src(data), CTX)
    assert exc.value.code in REASONS  # a reason from the closed set
    return str(exc.value)


# --------------------------------------------------------------------------- sniffing


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"a": 1}', True),
        (b"[1]", True),
        (b'\xef\xbb\xbf  \n{"a": 1}', True),
        (b'\r\n\t [{"a": 1}]', True),
        ('{"a": 1}'.encode("utf-16"), True),  # with its BOM
        (b'{"a":1}\n{"a":2}\n', True),  # JSONL
        (b'"Date","Video Views"\n', False),
        (b"PK\x03\x04", False),
        (b"", False),
        (b"   ", False),
    ],
)
def test_looks_json(data: bytes, expected: bool) -> None:
    assert looks_json(src(data)) is expected


def test_every_fixture_looks_json() -> None:
    for path in FIXTURES.iterdir():
        assert looks_json(src(path.read_bytes())), path.name


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize("data", [b"", b"  \n ", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n"])
def test_empty_file(data: bytes) -> None:
    assert refusal(data) == "empty file"


def test_invalid_json_gives_line_and_column() -> None:
    text = '{\n  "code": 0,\n  "data": {"videos" []}\n}'
    assert refusal(text.encode()) == "not valid JSON: line 3, column 21: Expecting ':' delimiter"
    assert refusal((FIXTURES / "invalid.json").read_bytes()).startswith(
        "not valid JSON: line 1, column 46:"
    )


def test_not_utf8_is_refused() -> None:
    assert refusal(b'{"caption": "caf\xe9"}').startswith("not UTF-8 text")


@pytest.mark.parametrize(
    "obj",
    [{"hello": "world"}, {"log": "not a har"}, 42, "text", None, {"code": "x", "data": {}}],
)
def test_unknown_json(obj: object) -> None:
    assert refusal(json.dumps(obj).encode()) == UNKNOWN_JSON


def test_unknown_message_text() -> None:
    assert UNKNOWN_JSON == (
        "JSON is not a TikTok export this app knows "
        "(expected a Business API, Display API, Studio insight or HAR file)"
    )


def test_list_of_unknowns_names_the_item() -> None:
    assert refusal(b'[{"code": 0, "data": {"videos": []}}, {"x": 1}]') == f"item 2: {UNKNOWN_JSON}"
    assert refusal(b"[]") == f"the JSON list is empty: {UNKNOWN_JSON}"


# --------------------------------------------------------------------------- decoding


def test_utf16_file_from_powershell() -> None:
    text = (FIXTURES / "business_video_list.json").read_text(encoding="utf-8")
    [part] = parse_json(src(text.encode("utf-16")), CTX)
    assert part.kind == "business-video-list"
    assert part.tables["videos"].height == 3


def test_bom_and_crlf() -> None:
    text = (FIXTURES / "insight_bodies.jsonl").read_text(encoding="utf-8").replace("\n", "\r\n")
    [part] = parse_json(src(b"\xef\xbb\xbf" + text.encode()), CTX)
    assert part.tables["videos"].height == 2


def test_concatenated_bodies_of_several_kinds() -> None:
    page = (FIXTURES / "business_data_only.json").read_text()
    display = (FIXTURES / "display_video_list.json").read_text()
    parts = parse_json(src((page + "\n" + display).encode()), CTX)
    assert sorted(p.kind for p in parts) == ["business-video-list", "display-video-list"]


def test_capture_from_file_timestamp_naive_is_utc() -> None:
    data = (FIXTURES / "business_data_only.json").read_bytes()
    [part] = parse_json(src(data, mtime=datetime(2024, 3, 1, 23, 30)), CTX)
    assert part.as_of == datetime(2024, 3, 1, 23, 30, tzinfo=UTC)
    assert part.notes == ["capture date taken from the file's timestamp"]


def test_request_id_capture() -> None:
    stamp = request_id_capture("20240315091234C0A8011E2F3A4B5C6D")
    assert stamp is not None and stamp.as_of == datetime(2024, 3, 15, 9, 12, 34, tzinfo=UTC)
    assert request_id_capture("20241399999999ABC") is None  # not a real moment
    assert request_id_capture("12345678901234") is None  # year 1234
    assert request_id_capture(None) is None
    assert request_id_capture("abc") is None


# --------------------------------------------------------------------------- properties

KNOWN_LABELS = [
    "For You",
    "Follow",
    "Following",
    "Personal Profile",
    "Search",
    "Sound",
    "Hashtag",
    "Direct Message",
    "Others",
    "External",
    "FYP",
    "Promote",
]
labels = st.one_of(st.sampled_from(KNOWN_LABELS), st.text(max_size=20))


@given(st.lists(st.tuples(labels, st.floats(0, 1)), max_size=15))
def test_source_shares_map_into_the_keys_and_sum_is_kept(
    pairs: list[tuple[str, float]],
) -> None:
    rows = source_rows(list(pairs), "1", date(2024, 1, 1), [])
    keys = [r["source"] for r in rows]
    assert set(keys) <= set(SOURCE_KEYS)
    assert len(keys) == len(set(keys))  # the table key stays unique
    assert math.isclose(sum(r["share"] for r in rows), sum(s for _, s in pairs), abs_tol=1e-9)
    for label, _ in pairs:
        row = next(r for r in rows if r["source"] == source_key(label))
        assert label in row["raw_label"].split("+") or "+" in label


@given(st.integers(-(2**62), 2**62))
def test_counts_written_as_strings_round_trip(n: int) -> None:
    assert to_int(str(n), "x") == n
    assert to_int(n, "x") == n


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "code",
                    "data",
                    "videos",
                    "item_id",
                    "video_info",
                    "error",
                    "log",
                    "entries",
                    "metrics",
                    "status",
                    "value",
                    "list",
                    "Post",
                    "x",
                ]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(json_values)
def test_any_json_is_parsed_or_refused_never_crashes(value: object) -> None:
    data = json.dumps(value).encode()
    try:
        parts = parse_json(src(data), CTX)
    except Refused as exc:
        assert str(exc)
    else:
        assert parts
