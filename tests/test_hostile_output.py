"""Output no file can abuse (issue 11, item 5): whatever a file's name, a ZIP entry's name
or a cell holds, no control character reaches the terminal from ``tiktui import`` or
``tiktui report``, and no line can be forged; CSV export defuses formula cells."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
import zipfile
from pathlib import Path

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from tiktui.cli import main
from tiktui.data.export import to_json_records, write_table

# ESC [2J (clear the screen), BEL, CR, NEL, a right-to-left override, a line break that
# would start a line of its own.
HOSTILE = "\x1b[2J\x07\r\x85\u202e\nrefused   forged.csv: x"
BIDI = {0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x061C}
CONTENT_HEADER = (
    '"Video title","Video link","Post time","Total likes","Total comments",'
    '"Total shares","Total views","Add to favorites"\n'
)
CAPTION = '=HYPERLINK("https://evil.example","click")' + HOSTILE
STORED = CAPTION  # stored exactly as written: a lone CR too


def leaks(text: str) -> list[str]:
    """Characters a terminal could obey: controls (C0, DEL, C1), bidi controls, separators."""
    return [
        c
        for c in text
        if c != "\n" and (unicodedata.category(c) == "Cc" or ord(c) in BIDI or c in "\u2028\u2029")
    ]


def _content_csv(caption: str, likes: str = "12") -> bytes:
    """A Content export whose second video carries ``caption`` and ``likes``; the first
    video's long caption puts them past the first 4 kB, which must look like text."""
    rows = [
        ["a" * 4200, "https://www.tiktok.com/@qa.chef/video/7400000000000000002",
         "2026-10-01 09:00", "1", "0", "0", "10", "0"],
        [caption, "https://www.tiktok.com/@qa.chef/video/7400000000000000001",
         "2026-11-01 09:00", likes, "3", "0", "1000", "7"],
    ]  # fmt: skip
    buf = io.StringIO()
    csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    return (CONTENT_HEADER + buf.getvalue()).encode()


def _hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    name = HOSTILE.replace("/", "")  # a file name cannot hold "/"
    # refused, quoting the cell:
    (folder / f"Con{name}tent.csv").write_bytes(_content_csv("fine", "12" + HOSTILE))
    with zipfile.ZipFile(folder / "Content_qa.chef.zip", "w") as zf:
        zf.writestr(f"Con{name}tent.csv", _content_csv(CAPTION))  # imported
    with zipfile.ZipFile(folder / "Viewers_qa.chef.zip", "w") as zf:
        zf.writestr(f"junk{name}.csv", b"Foo,Bar\n1,2\n")  # refused, naming the entry
    return folder


def test_no_control_character_from_a_file_reaches_the_terminal(tmp_path: Path, capsys) -> None:
    store = str(tmp_path / "store")
    code = main(["import", str(_hostile_folder(tmp_path)), "--data-dir", store])
    out, err = capsys.readouterr()
    assert code == 1 and not leaks(out) and not leaks(err), (out, err)
    lines = out.splitlines()
    assert len(lines) == 4, out  # one line per file and the summary: none forged
    assert [line.split()[0] for line in lines[:3]].count("refused") == 2
    assert sum(line.startswith("refused   forged") for line in lines) == 0
    assert "␛[2J" in out and "␇" in out and "⏎" in out  # shown, not obeyed
    for argv in (["report", "--period", "all"], ["report", "--period", "all", "--format", "json"],
                 ["export", "videos", "--format", "json"]):  # fmt: skip
        code = main([*argv, "--data-dir", store])
        out, err = capsys.readouterr()
        assert code == 0 and not leaks(out) and not leaks(err), (argv, out, err)
    captions = {v["video_id"]: v["caption"] for v in json.loads(out)}
    assert captions["7400000000000000001"] == STORED  # escaped in JSON: the same data


def test_csv_export_defuses_a_formula_caption_and_raw_keeps_it(tmp_path: Path, capsys) -> None:
    store = str(tmp_path / "store")
    main(["import", str(_hostile_folder(tmp_path)), "--data-dir", store])
    capsys.readouterr()
    assert main(["export", "videos", "--data-dir", store]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["caption"] for r in rows} == {"a" * 4200, "'" + STORED}
    assert main(["export", "videos", "--raw", "--data-dir", store]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["caption"] for r in rows} == {"a" * 4200, STORED}


def test_export_help_says_formula_cells_are_defused(capsys) -> None:
    try:
        main(["export", "--help"])
    except SystemExit:
        pass
    text = " ".join(capsys.readouterr().out.split())
    assert "--raw" in text and "formula" in text and "=, +, -, @" in text


# -- the rule itself, over any text -----------------------------------------------------------

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False)).map(str)
TEXT = st.one_of(
    st.text(),
    st.tuples(st.sampled_from(DANGEROUS), st.text()).map("".join),
    NUMBER,
    st.none(),
)


def _csv_cells(frame: pl.DataFrame, raw: bool = False) -> list[list[str]]:
    buf = io.BytesIO()
    write_table(frame, "csv", buf, raw=raw)
    return list(csv.reader(io.StringIO(buf.getvalue().decode(), newline="")))[1:]


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text and "_" not in text and text.lower().lstrip("+-") not in (
        "inf", "infinity", "nan")  # fmt: skip


@settings(max_examples=200)
@given(texts=st.lists(TEXT, min_size=1, max_size=8), data=st.data())
def test_text_cells_that_a_spreadsheet_would_run_get_a_quote(texts, data) -> None:
    counts = data.draw(st.lists(st.integers(-(10**6), 10**6), min_size=len(texts),
                                max_size=len(texts)))  # fmt: skip
    shares = [n / 7 for n in counts]
    frame = pl.DataFrame(
        {"text": texts, "count": counts, "share": shares},
        schema={"text": pl.String, "count": pl.Int64, "share": pl.Float64},
    )
    cells = _csv_cells(frame)
    for (text_cell, count_cell, share_cell), value, n, share in zip(
        cells, texts, counts, shares, strict=True
    ):
        value = value or ""
        if value.startswith(DANGEROUS) and not _is_number(value):
            assert text_cell == "'" + value
        else:
            assert text_cell == value
        assert int(count_cell) == n and float(share_cell) == share  # numbers as they are
        assert count_cell.startswith("-") == (n < 0)  # -3 stays -3
    assert [row[0] for row in _csv_cells(frame, raw=True)] == [t or "" for t in texts]


def test_negative_numbers_and_number_text_are_left_alone() -> None:
    frame = pl.DataFrame({"n": [-3, 4], "x": [-0.5, 1.0], "t": ["-3", "+1.5e3"]})
    assert _csv_cells(frame) == [["-3", "-0.5", "-3"], ["4", "1.0", "+1.5e3"]]


def test_json_and_parquet_are_written_as_stored() -> None:
    frame = pl.DataFrame({"caption": ["=1+1", "@x", "-y"], "n": [-3, 0, 1]})
    buf = io.BytesIO()
    write_table(frame, "json", buf)
    assert json.loads(buf.getvalue()) == to_json_records(frame)
    buf = io.BytesIO()
    write_table(frame, "parquet", buf)
    assert pl.read_parquet(io.BytesIO(buf.getvalue())).equals(frame)
