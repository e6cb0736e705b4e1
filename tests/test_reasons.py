"""Refusals come from a closed set (issue 11): an id in REASONS plus fields, never an
exception's own text, always one line."""

from __future__ import annotations

import io
import re
import string
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiktui.data import pipeline
from tiktui.data.importers.base import BadValue, Refused, SourceFile
from tiktui.data.importers.detect import parse_file
from tiktui.data.importers.reasons import REASONS
from tiktui.data.pipeline import import_paths
from tiktui.data.store import Store

ROOT = Path(__file__).parent.parent / "tiktui"
FIX = Path(__file__).parent / "fixtures"
TODAY = date(2026, 11, 22)
_CODE_AT_SITE = re.compile(
    r'(?:Refused|BadValue|DateColumnError\([^,]+,|refuse_value\([^,]+,[^,]+,)\(?\s*"([a-z0-9_]+)"'
)


def _sources() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in ROOT.rglob("*.py"))


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_code_raised_is_in_the_set() -> None:
    used = set(_CODE_AT_SITE.findall(_sources()))
    assert len(used) > 40
    assert used <= set(REASONS), used - set(REASONS)


def test_every_reason_in_the_set_is_raised_somewhere() -> None:
    source = _sources()
    unused = [code for code in REASONS if f'"{code}"' not in source]
    assert not unused


@pytest.mark.parametrize("code", sorted(REASONS))
def test_every_template_renders_one_line(code: str) -> None:
    fields = {f: "x\n\x1b[31my" for f in _fields(REASONS[code])}
    text = str(Refused(code, where="line 3\x1b]0;", **fields))
    assert "\n" not in text and "\x1b" not in text
    assert text.startswith("line 3")


def test_unknown_code_or_missing_field_is_a_bug_not_a_reason() -> None:
    with pytest.raises(ValueError):
        Refused("the file is bad")
    with pytest.raises(ValueError):
        Refused("not_a_number")  # lacks its value


@given(st.text(max_size=40))
def test_a_foreign_error_never_shows_its_text(secret: str) -> None:
    exc = Refused.at('line 4, column "Likes"', KeyError(f"SECRET{secret}"))
    assert exc.code == "unreadable_value" and "SECRET" not in str(exc)
    typed = Refused.at("line 4", BadValue("not_a_number", value=f'"{secret}"'))
    assert typed.code == "not_a_number" and str(typed).startswith("line 4: ")


def _zip(**entries: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, body in entries.items():
            zf.writestr(name, body)
    return buf.getvalue()


CASES = [
    ("a.csv", b"  \n", "empty_file"),
    ("a.bin", b"\x00\x01garbage\x02" * 20, "not_an_export"),
    ("a.zip", _zip(), "zip_empty"),
    ("a.zip", b"PK\x03\x04" + b"\x00" * 40, "zip_unreadable"),
    ("a.json", b'{"code": 0, "data": {"videos" []}}', "json_invalid_problem"),
    ("a.json", b'{"hello": 1}', "json_unknown"),
    ("a.json", b'{"code": 40105, "message": "Token invalid", "data": {}}', "tiktok_error"),
    ("a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old_xls"),
    ("a.csv", (FIX / "studio" / "AdsManager.csv").read_bytes(), "ads_report"),
    ("a.csv", b'"Colour","Size"\n"red","3"\n', "header_unknown"),
    ("a.csv", b'"Date","Followers","Difference in followers from previous day"\n'
     b'"27 May","12k3","0"\n', "not_a_number"),
    ("a.csv", b'"Date","Followers","Difference in followers from previous day"\n'
     b'"27 May","1","0","9"\n', "too_many_fields"),
    ("a.csv", b'"Date","Followers","Difference in followers from previous day"\n'
     b'"Smarch 40","1","0"\n', "not_a_date"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "code"), CASES)
def test_refusals_carry_their_code(name: str, data: bytes, code: str) -> None:
    with pytest.raises(Refused) as caught:
        parse_file(SourceFile(name, data), TODAY)
    assert caught.value.code == code, str(caught.value)


def test_a_zip_entry_refusal_names_the_entry() -> None:
    data = _zip(**{"Followers.csv": b'"Colour","Size"\n"red","3"\n'})
    with pytest.raises(Refused) as caught:
        parse_file(SourceFile("a.zip", data), TODAY)
    assert caught.value.code == "header_unknown"
    assert str(caught.value).startswith("Followers.csv: ")


def test_an_importer_bug_becomes_internal_error_without_its_text(
    tmp_path: Path, monkeypatch
) -> None:
    def broken(*args, **kwargs):
        raise KeyError("SECRET \x1b[2J internals")

    monkeypatch.setattr("tiktui.data.importers.detect.parse_file", broken)
    path = tmp_path / "Overview.csv"
    path.write_bytes((FIX / "studio" / "Overview.csv").read_bytes())
    [result] = import_paths(Store(tmp_path / "store"), [path], account="a", today=TODAY)
    assert result.status == "refused"
    assert result.message == str(Refused("internal_error"))


def test_a_store_bug_becomes_a_reason_without_its_text(tmp_path: Path, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("SECRET internals")

    monkeypatch.setattr(pipeline, "_stage", broken)
    path = tmp_path / "Overview.csv"
    path.write_bytes((FIX / "studio" / "Overview.csv").read_bytes())
    [result] = import_paths(Store(tmp_path / "store"), [path], account="a", today=TODAY)
    assert result.status == "refused" and "SECRET" not in result.message
    assert "internal error" in result.message
