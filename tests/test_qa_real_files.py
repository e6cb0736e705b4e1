"""QA: hand-written files shaped like what creators really download, through the whole CLI.

The fixtures in ``fixtures/qa`` differ from the importers' own fixtures on purpose
(reordered long Overview, localized months, Firefox and Chrome HARs, mixed
Business pages...). ZIPs are assembled here from them, so each test shows
what the user had on disk. Each bug QA found has a regression test below.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiktui.cli import main
from tiktui.data.importers.base import ParseContext, Refused, SourceFile
from tiktui.data.importers.detect import parse_file
from tiktui.data.importers.numbers import parse_count
from tiktui.data.importers.studio import parse_tabular
from tiktui.data.importers.studio_web.har import _request_video_id
from tiktui.data.importers.zips import parse_zip_name

QA = Path(__file__).parent / "fixtures" / "qa"
TODAY = date(2026, 11, 22)


# --------------------------------------------------------------------------- helpers


def _zip(path: Path, entries: dict[str, bytes], when=(2026, 1, 3, 10, 0, 0)) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, when)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return path


def _csv(header: list[str], rows: list[list[str]], newline: str = "\n") -> bytes:
    def quote(v: str) -> str:
        return '"' + v.replace('"', '""') + '"'

    lines = [",".join(map(quote, header))] + [",".join(map(quote, r)) for r in rows]
    return ("\ufeff" + newline.join(lines)).encode()


def _run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


def _export(capsys, store: Path, table: str) -> list[dict]:
    code, out = _run(capsys, "export", table, "--format", "json", "--data-dir", str(store))
    assert code == 0, out
    return json.loads(out)


def _by_date(rows: list[dict]) -> dict[str, dict]:
    return {r["date"]: r for r in rows}


def _tree(store: Path) -> dict[str, str]:
    return {
        str(p.relative_to(store)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(store.rglob("*"))
        if p.is_file() and p.name != "lock"
    }


def _set_mtime(path: Path, moment: datetime) -> Path:
    os.utime(path, (moment.timestamp(), moment.timestamp()))
    return path


# --------------------------------------------------------------------------- Studio, end to end


def test_overview_long_variant_in_a_subfolder_zip_across_new_year(tmp_path, capsys) -> None:
    """Reordered long Overview, Website/App clicks, NaN reach, -1 comments, undefined day."""
    data = (QA / "Overview_long_reordered.csv").read_bytes()
    folder = "Overview_2025-12-29_1767398400_qa.chef"
    path = _zip(tmp_path / f"{folder}.zip", {f"{folder}/": b"", f"{folder}/Overview.csv": data})
    store = tmp_path / "store"
    code, out = _run(capsys, "import", str(path), "--data-dir", str(store))
    assert code == 0, out
    assert "@qa.chef" in out and "year inferred from the export date 2026-01-03" in out
    days = _by_date(_export(capsys, store, "account_daily"))
    assert sorted(days) == ["2025-12-29", "2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02"]
    d29, d30, d31 = days["2025-12-29"], days["2025-12-30"], days["2025-12-31"]
    assert (d29["video_views"], d29["likes"], d29["comments"], d29["shares"]) == (1000, 40, 3, 5)
    assert (d29["profile_views"], d29["reached_audience"]) == (30, 800)
    assert (d29["followers_new"], d29["followers_lost"], d29["followers_net"]) == (12, 2, 10)
    assert d30["comments"] == -1 and d30["reached_audience"] is None and d30["followers_net"] == -4
    assert d31["video_views"] == 0 and d31["reached_audience"] == 0  # zero stays zero
    assert all(
        v is None
        for k, v in days["2026-01-02"].items()
        if k not in ("account", "date", "year_inferred")
    )
    imports = _export(capsys, store, "imports")
    assert imports[0]["anchor"] == "2026-01-03"
    assert "year inferred from the export date 2026-01-03" in imports[0]["notes"]
    assert "New followers read as gained" in imports[0]["notes"]


def test_loose_crlf_overview_across_new_year_takes_years_from_the_file_date(
    tmp_path, capsys
) -> None:
    path = tmp_path / "Overview.csv"
    data = (QA / "Overview_crlf_newyear.csv").read_bytes()  # CRLF even if git converted it
    path.write_bytes(data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    _set_mtime(path, datetime(2026, 1, 5, 12, tzinfo=UTC))
    store = tmp_path / "store"
    code, out = _run(capsys, "import", str(path), "--account", "@QA.Chef", "--data-dir", str(store))
    assert code == 0, out
    days = _by_date(_export(capsys, store, "account_daily"))
    assert sorted(days) == ["2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02"]
    assert days["2025-12-31"]["comments"] == -2
    assert {r["account"] for r in days.values()} == {"qa.chef"}
    assert _export(capsys, store, "imports")[0]["notes"].startswith(
        "year inferred from the file's date 2026-01-05 only"
    )


@pytest.mark.parametrize(
    ("name", "days", "views"),
    [
        ("Overview_sv_dates.csv", ["2025-12-30", "2025-12-31", "2026-01-01"], [10, 11, 12]),
        ("Overview_es_dates.csv", ["2025-12-30", "2025-12-31", "2026-01-01"], [500, 600, 700]),
        ("Overview_pt_dates.csv", ["2026-02-27", "2026-02-28", "2026-03-01"], [1234, 2345, 3456]),
        ("Overview_de_dates.csv", ["2026-03-01", "2026-03-02", "2026-03-03"], [10, 20, 30]),
        ("Overview_it_dates.csv", ["2026-09-04", "2026-09-05"], [10, 20]),
        ("Overview_fr_dates.csv", ["2026-02-28", "2026-03-01", "2026-03-02"], [10, 20, 30]),
    ],
)
def test_translated_headers_and_localized_months(name: str, days: list[str], views) -> None:
    data = (QA / name).read_bytes()
    parsed = parse_tabular(
        SourceFile(name, data, datetime(2026, 11, 1, tzinfo=UTC)), ParseContext(today=TODAY)
    )
    frame = parsed.tables["account_daily"]
    assert parsed.kind == "studio-overview"
    assert [d.isoformat() for d in frame["date"]] == days
    assert frame["video_views"].to_list() == views
    # English headers over French months (the fr file): the import says so.
    month_notes = [n for n in parsed.notes if n.startswith("month names read as")]
    assert month_notes == (["month names read as fr"] if "_fr_" in name else [])
    others = [n for n in parsed.notes if n not in month_notes]
    assert any(n.startswith("year inferred from the file's date 2026-11-01") for n in others)


def test_russian_vietnamese_japanese_months(tmp_path, capsys) -> None:
    store = tmp_path / "store"
    for name in ("FollowerHistory_ru.csv", "Viewers_vi.csv", "FollowerActivity_ja.csv"):
        path = tmp_path / name
        path.write_bytes((QA / name).read_bytes())
        _set_mtime(path, datetime(2026, 11, 1, tzinfo=UTC))
        code, out = _run(capsys, "import", str(path), "--account", "qa.lang",
                         "--data-dir", str(store))  # fmt: skip
        assert code == 0, out
    days = _by_date(_export(capsys, store, "account_daily"))
    assert [days[d]["followers"] for d in ("2026-01-16", "2026-01-17", "2026-01-18")] == [
        1000, 1010, 1005,
    ]  # fmt: skip
    assert days["2026-01-16"]["followers_net"] is None  # no day before it: unknown, not 0
    assert days["2026-01-18"]["followers_net"] == -5
    assert (days["2026-08-18"]["viewers_total"], days["2026-08-18"]["viewers_new"]) == (310, None)
    assert days["2026-08-19"]["viewers_total"] is None  # "undefined" is missing, never 0
    activity = _export(capsys, store, "follower_activity")
    assert {r["date"] for r in activity} == {"2026-09-12", "2026-09-13"}
    assert len(activity) == 24 + 11  # the export day's future hours are dropped, not zeros


def test_content_iso_post_time_and_hostile_captions_in_a_phone_renamed_zip(
    tmp_path, capsys
) -> None:
    import xlsxwriter

    book = io.BytesIO()
    wb = xlsxwriter.Workbook(book, {"in_memory": True})
    ws = wb.add_worksheet()
    for r, row in enumerate([
        ["Date", "Total Viewers", "New Viewers", "Returning Viewers"],
        ["September 12", "1200", "800", "400"],
        ["September 13", "1,300", "900", "400"],
        ["September 14", "undefined", "undefined", "undefined"],
    ]):  # fmt: skip
        for c, value in enumerate(row):
            ws.write_string(r, c, value)  # numbers stored as text, as Studio does
    wb.close()
    content = (QA / "Content_iso_nasty.csv").read_bytes()
    path = _zip(tmp_path / "file.zip", {"Content.csv": content, "Viewers.xlsx": book.getvalue()})
    store = tmp_path / "store"
    code, out = _run(capsys, "import", str(path), "--account", "qa.chef", "--data-dir", str(store))
    assert code == 0, out
    videos = {v["video_id"]: v for v in _export(capsys, store, "videos")}
    first = videos["7400000000000000001"]
    assert first["caption"] == 'He said "hi", then left\nline 2 🍳🔥 עברית مرحبا [bold]x[/] [/]'
    assert first["posted_at"] == "2025-12-31T23:30:00+00:00" and first["year_inferred"] is False
    assert videos["7400000000000000002"]["caption"] == "[red]red[/red], «quoted»"
    snaps = {s["video_id"]: s for s in _export(capsys, store, "video_snapshots")}
    assert snaps["7400000000000000001"]["saves"] == 7
    assert snaps["7400000000000000002"]["likes"] is None  # undefined
    assert snaps["7400000000000000002"]["views"] == 0
    assert {s["captured_on"] for s in snaps.values()} == {"2026-01-03"}  # the entry's date
    days = _by_date(_export(capsys, store, "account_daily"))
    assert days["2025-09-13"]["viewers_total"] == 1300
    assert days["2025-09-14"]["viewers_total"] is None


def test_followers_zip_and_its_browser_duplicate(tmp_path, capsys) -> None:
    entries = {
        "FollowerHistory.csv": (QA / "FollowerHistory.csv").read_bytes(),
        "FollowerGender.csv": (QA / "FollowerGender_header_only.csv").read_bytes(),
        "FollowerTopTerritories.csv": (QA / "FollowerTopTerritories_pct.csv").read_bytes(),
    }
    first = _zip(tmp_path / "Followers_qa.chef.zip", entries)
    again = tmp_path / "Followers_qa.chef (1).zip"
    again.write_bytes(first.read_bytes())
    store = tmp_path / "store"
    code, out = _run(capsys, "import", str(first), "--data-dir", str(store))
    assert code == 0 and "no data rows (header only)" in out, out
    before = _tree(store)
    code, out = _run(capsys, "import", str(again), "--data-dir", str(store))
    assert code == 0 and "unchanged" in out, out
    assert _tree(store) == before
    audience = _export(capsys, store, "audience")
    assert {r["bucket"]: r["share"] for r in audience} == {"US": 0.405, "GB": 0.2, "Others": 0.395}
    assert not [r for r in audience if r["dimension"] == "gender"]  # header-only: no rows
    days = _by_date(_export(capsys, store, "account_daily"))
    assert [days[d]["followers_net"] for d in ("2025-12-31", "2026-01-01", "2026-01-02")] == [
        None, -2, 12,
    ]  # fmt: skip


def test_percent_distributions_sum_to_one() -> None:
    parsed = parse_tabular(
        SourceFile("g.csv", (QA / "FollowerGender_pct.csv").read_bytes()),
        ParseContext(today=TODAY),
    )
    frame = parsed.tables["audience"]
    assert dict(zip(frame["bucket"], frame["share"], strict=True)) == pytest.approx(
        {"female": 0.61, "male": 0.37, "other": 0.02}
    )


# --------------------------------------------------------------------------- JSON, end to end


def test_firefox_and_chrome_hars_and_api_files(tmp_path, capsys) -> None:
    store = tmp_path / "store"
    for name in (
        "studio_firefox.har",
        "studio_chrome.har",
        "business_video_list_mixed.json",
        "business_get_bom.json",
        "insight.jsonl",
        "display_list.json",
        "user_data.json",
    ):
        code, out = _run(capsys, "import", str(QA / name), "--data-dir", str(store))
        assert code == 0, out
        assert "skipped" not in out, out  # every insight response found its video
    sources = _export(capsys, store, "video_sources")
    by_video: dict[str, dict[str, float]] = {}
    for row in sources:
        by_video.setdefault(row["video_id"], {})[row["source"]] = row["share"]
    assert by_video["7400000000000000003"] == {
        "for_you": 0.8, "following": 0.05, "profile": 0.1, "search": 0.05,
    }  # fmt: skip
    assert by_video["7400000000000000004"] == {"for_you": 0.6, "following": 0.3, "sound": 0.1}
    assert "7400000000000000012" not in by_video  # inactive: sources absent, not zeros
    assert "7400000000000000021" not in by_video  # status 2: not computed yet
    for shares in by_video.values():
        assert sum(shares.values()) == pytest.approx(1.0)
    snaps = {s["video_id"]: s for s in _export(capsys, store, "video_snapshots")}
    assert snaps["7400000000000000003"]["avg_watch_s"] is None  # status 2
    assert snaps["7400000000000000003"]["full_watch_rate"] == 0.123
    assert snaps["7400000000000000004"]["views"] == 7000  # base64 body, count as a string
    assert snaps["7400000000000000012"]["reach"] is None
    assert snaps["7400000000000000012"]["views"] == 9000
    videos = {v["video_id"]: v for v in _export(capsys, store, "videos")}
    assert videos["7400000000000000011"]["is_ad"] is True
    assert videos["7400000000000000012"]["posted_at"] == "2023-11-14T22:13:20+00:00"  # str time
    assert videos["7400000000000000031"]["url"].endswith("/video/7400000000000000031")
    assert "7999999999999999999" not in videos  # watched, not posted
    accounts = _export(capsys, store, "accounts")
    assert [a["account"] for a in accounts] == ["qa.chef"]


# --------------------------------------------------------------------------- refusals


def _refusal_files(tmp: Path) -> list[Path]:
    good = _zip(tmp / "Followers_qa.chef.zip",
                {"FollowerHistory.csv": (QA / "FollowerHistory.csv").read_bytes()})  # fmt: skip
    data = good.read_bytes()
    truncated = tmp / "Followers_cut.zip"
    truncated.write_bytes(data[: len(data) * 2 // 3])
    bomb = tmp / "Overview_bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("Overview.csv", b'"Date","Video Views"\n' + b" " * 2_000_000)
    evil = tmp / "Content_evil.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("Content.csv", (QA / "Content_iso_nasty.csv").read_bytes())
        zf.writestr("../../evil.csv", b"x")
    bad_count = tmp / "Overview.csv"
    bad_count.write_bytes(_csv(
        ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"],
        [["March 1", "10", "1", "1", "0", "0"], ["March 2", "12k3", "1", "1", "0", "0"]],
    ))  # fmt: skip
    empty = tmp / "empty.csv"
    empty.write_bytes(b"")
    unknown = tmp / "unknown.csv"
    unknown.write_bytes(_csv(["Foo", "Bar"], [["1", "2"]]))
    not_json = tmp / "page.json"
    not_json.write_bytes(b'{"code": 0, "data": {')
    return [truncated, bomb, evil, bad_count, empty, unknown, not_json,
            QA / "business_error_40105.json"]  # fmt: skip


def test_refusals_are_one_line_exit_1_and_leave_the_store_byte_identical(tmp_path, capsys) -> None:
    store = tmp_path / "store"
    code, out = _run(capsys, "import", str(QA / "business_get_bom.json"), "--data-dir", str(store))
    assert code == 0, out
    before = _tree(store)
    expected = [
        "not a readable ZIP",
        "expands",
        "would be written outside",
        'line 3, column "Video Views": "12k3" is not a number',
        "empty file",
        "unrecognised header",
        "not valid JSON",
        "TikTok API error 40105",
    ]
    for path, reason in zip(_refusal_files(tmp_path), expected, strict=True):
        code, out = _run(capsys, "import", str(path), "--account", "qa.chef",
                         "--data-dir", str(store))  # fmt: skip
        lines = out.strip().splitlines()
        assert code == 1, out
        assert len(lines) == 2 and lines[0].startswith(f"refused   {path}: "), out
        assert reason in lines[0], out
        assert "Traceback" not in out
        assert _tree(store) == before, path.name


# --------------------------------------------------------------------------- regressions


def test_overview_zip_of_a_creator_east_of_utc_is_not_refused() -> None:
    """Bug: the name's epoch read as a UTC day fell before the creator's local last day.

    A Berlin export whose window ends at local midnight of 2 January carries the
    epoch 2026-01-01T23:00Z; its last row, "January 2", was refused as outside
    the window (and given the year 2025).
    """
    rows = [[f"December {d}", str(d), "1", "1", "0", "0"] for d in (29, 30, 31)]
    rows += [[f"January {d}", str(d), "1", "1", "0", "0"] for d in (1, 2)]
    data = _csv(["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"], rows)
    name = "Overview_2025-12-29_1767308400_qa.berlin.zip"
    zn = parse_zip_name(name)
    ctx = ParseContext(today=TODAY, anchor=zn.anchor, handle=zn.handle,
                       window_start=zn.window_start)  # fmt: skip
    frame = parse_tabular(SourceFile("Overview.csv", data, container=name), ctx).tables[
        "account_daily"
    ]
    assert [d.isoformat() for d in frame["date"]] == [
        "2025-12-29", "2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02",
    ]  # fmt: skip
    # Still refused: a row two days past the window's end.
    late = _csv(["Date", "Video Views"], [["December 29", "1"], ["January 3", "1"]])
    with pytest.raises(Refused, match="outside the export's window"):
        parse_tabular(SourceFile("Overview.csv", late, container=name), ctx)


def test_a_count_too_large_for_the_store_is_refused_not_crashed() -> None:
    """Bug: a 20-digit count crashed Polars (TypeError with a multi-line message)."""
    data = _csv(["Date", "Video Views"], [["March 1", "99999999999999999999999"]])
    with pytest.raises(Refused, match=r'line 2, column "Video Views": .* too large'):
        parse_file(SourceFile("Overview.csv", data), TODAY)
    assert parse_count(str(2**63 - 1)) == 2**63 - 1
    with pytest.raises(ValueError, match="too large"):
        parse_count("1e30")


def test_refusals_quoting_a_multi_line_cell_stay_on_one_line() -> None:
    """Bug: a quoted cell with a line break made the refusal two lines."""
    data = _csv(["Date", "Video Views"], [["March 1", "12\n3"]])
    with pytest.raises(Refused) as exc:
        parse_file(SourceFile("Overview.csv", data), TODAY)
    assert "\n" not in str(exc.value) and '"12⏎3" is not a number' in str(exc.value)


def test_damaged_xlsx_refusal_is_one_line() -> None:
    """Bug: fastexcel's multi-line "Context:" error went into the refusal as is."""
    import xlsxwriter

    book = io.BytesIO()
    wb = xlsxwriter.Workbook(book, {"in_memory": True})
    wb.add_worksheet().write_string(0, 0, "Date")
    wb.close()
    damaged = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book.getvalue())) as src, zipfile.ZipFile(damaged, "w") as out:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                body = body[: len(body) // 2]
            out.writestr(info, body)
    with pytest.raises(Refused, match="not a readable XLSX workbook") as exc:
        parse_file(SourceFile("Viewers.xlsx", damaged.getvalue()), TODAY)
    assert "\n" not in str(exc.value)


def test_insight_id_in_a_form_encoded_post_body() -> None:
    """Bug: a POST whose form field holds the JSON type_requests lost its video id.

    Chrome and Firefox save ``postData.text`` form-encoded and ``params`` with
    the values still URL-encoded; neither was searched for the JSON inside.
    """
    value = quote('[{"insigh_type":"video_info","aweme_id":"7400000000000000004"}]', safe="")
    only_text = {"url": "https://www.tiktok.com/aweme/v2/data/insight/?aid=1988",
                 "postData": {"text": f"type_requests={value}"}}  # fmt: skip
    only_params = {"url": "https://www.tiktok.com/aweme/v2/data/insight/?aid=1988",
                   "postData": {"params": [{"name": "type_requests", "value": value}]}}  # fmt: skip
    assert _request_video_id(only_text) == "7400000000000000004"
    assert _request_video_id(only_params) == "7400000000000000004"


def test_business_genders_use_the_studio_buckets() -> None:
    """Bug: Business API "Female" and Studio "female" made two series of one audience."""
    parts = parse_file(SourceFile("get.json", (QA / "business_get_bom.json").read_bytes()), TODAY)
    audience = parts[0].tables["audience"]
    assert dict(zip(audience["bucket"], audience["share"], strict=True)) == {
        "female": 0.6, "male": 0.4,
    }  # fmt: skip


def test_api_error_without_request_id_says_it_is_an_api_error() -> None:
    """Bug: ``{"code":40105,"message":…}`` copied on its own read as "not a TikTok export"."""
    body = b'{"code": 40105, "message": "Access token is invalid or not found in the request."}'
    with pytest.raises(Refused, match="TikTok API error 40105: Access token is invalid"):
        parse_file(SourceFile("token.json", body), TODAY)


@pytest.mark.parametrize(
    ("name", "handle"),
    [
        ("Followers_qa.chef copy 2.zip", "qa.chef"),  # macOS Finder
        ("Followers_qa.chef - Copy (2).zip", "qa.chef"),  # Windows Explorer
        ("Followers_qa.chef (1) (1).zip", "qa.chef"),
        ("Overview_2025-12-29.zip", None),  # no handle: not "2025"
        ("Followers_mrcopy.zip", "mrcopy"),  # bug: read as @mr
        ("Content_speed_copy.zip", "speed_copy"),  # bug: read as @speed_
    ],
)
def test_copy_suffixes_never_eat_the_handle(name: str, handle: str | None) -> None:
    assert parse_zip_name(name).handle == handle


# --------------------------------------------------------------------------- properties

_CELLS = st.one_of(
    st.text(max_size=12),
    st.sampled_from([
        "undefined", "NaN", "-1", "1,234", "61%", "0.59", "September 25", "28 May", "9月13日",
        "18 tháng Tám", "18 января", "2024/10/01", "2026-07-12 09:00", "12k3", "", "Female",
        "US", "Others", "https://www.tiktok.com/@a/video/7400000000000000001", "1e400",
        "99999999999999999999", "\u00a0", "—",
    ]),
)  # fmt: skip
_HEADERS = st.lists(
    st.sampled_from([
        "Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares", "New followers",
        "Net growth", "Lost followers", "Reached Audience", "Followers", "Hour",
        "Active followers", "Gender", "Distribution", "Top territories", "Total Viewers",
        "New Viewers", "Returning Viewers", "Time", "Video title", "Video link", "Post time",
        "Total views", "Total likes", "Datum", "Fecha", "Data", "Foo", "Total shares\u00a0",
    ]),
    min_size=1, max_size=8,
)  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    _HEADERS,
    st.lists(st.lists(_CELLS, max_size=9), max_size=6),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.sampled_from([",", ";", "\t"]),
    st.booleans(),
)
def test_any_studio_like_csv_is_parsed_or_refused_on_one_line(
    header: list[str], rows: list[list[str]], newline: str, sep: str, quote: bool
) -> None:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if quote else value

    text = newline.join(sep.join(map(cell, r)) for r in [header, *rows])
    try:
        parts = parse_file(SourceFile("f.csv", ("\ufeff" + text).encode()), TODAY)
    except Refused as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        for part in parts:
            for frame in part.tables.values():
                assert frame.height <= len(rows)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.binary(max_size=400),
    st.sampled_from(
        [b"", b"PK\x03\x04", b"\xef\xbb\xbf", b"{", b"\xff\xfe", b'"Date","Video Views"\n']
    ),
)
def test_any_bytes_are_parsed_or_refused_never_crashed(blob: bytes, prefix: bytes) -> None:
    try:
        parse_file(SourceFile("f", prefix + blob), TODAY)
    except Refused as exc:
        assert "\n" not in str(exc)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.text(
            st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
            min_size=1,
            max_size=20,
        ),
        st.binary(max_size=200)
        | st.sampled_from([b"PK\x03\x04", (QA / "Viewers_vi.csv").read_bytes()]),
        max_size=4,
    )
)
def test_any_zip_is_parsed_or_refused_never_crashed(entries: dict[str, bytes]) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, body in entries.items():
            zf.writestr(name, body)
    try:
        parse_file(SourceFile("Followers_x.zip", buf.getvalue()), TODAY)
    except Refused as exc:
        assert "\n" not in str(exc)


def test_har_base64_body_without_encoding_field() -> None:
    """Bug: a base64 body whose HAR writer left out ``"encoding"`` was silently dropped."""
    import base64

    har = json.loads((QA / "studio_firefox.har").read_text())
    for entry in har["log"]["entries"]:
        content = entry["response"]["content"]
        if content["mimeType"].startswith("application/json"):
            content["text"] = base64.b64encode(content["text"].encode()).decode()
            content.pop("encoding", None)
    parts = parse_file(SourceFile("capture.har", json.dumps(har).encode()), TODAY)
    assert [p.kind for p in parts] == ["insight-har"]
    tables = parts[0].tables
    assert tables["video_snapshots"]["views"].to_list() == [5000]
    assert sorted(tables["video_sources"]["source"]) == [
        "following",
        "for_you",
        "profile",
        "search",
    ]


def test_local_today_one_day_past_the_utc_file_date_stays_this_year() -> None:
    """Bug: east of UTC, the local "today" is the UTC date's next day; it went a year back.

    A Tokyo creator exports FollowerActivity at 08:00 on 7 January (23:00 UTC on
    the 6th): the partial row of "January 7" and the whole week were put in 2025.
    The same for a video posted that morning in a Content export without Time.
    """
    mtime = datetime(2026, 1, 6, 23, 0, tzinfo=UTC)
    rows = [[f"January {d}", str(h), str(10 + h if d < 7 or h < 8 else 0)]
            for d in (6, 7) for h in range(24)]  # fmt: skip
    data = _csv(["Date", "Hour", "Active followers"], rows)
    parsed = parse_file(SourceFile("FollowerActivity.csv", data, mtime), TODAY)[0]
    days = sorted({d.isoformat() for d in parsed.tables["follower_activity"]["date"]})
    assert days == ["2026-01-06", "2026-01-07"]
    content = _csv(
        ["Video title", "Video link", "Post time", "Total views"],
        [["new", "https://www.tiktok.com/@a/video/7400000000000000009", "January 7", "10"],
         ["old", "https://www.tiktok.com/@a/video/7400000000000000008", "January 8", "10"]],
    )  # fmt: skip
    parsed = parse_file(SourceFile("Content.csv", content, mtime), TODAY)[0]
    videos = parsed.tables["videos"]
    posted = dict(zip(videos["caption"], videos["posted_on"], strict=True))
    assert posted == {"new": date(2026, 1, 7), "old": date(2025, 1, 8)}


def test_many_entries_under_each_limit_are_refused_together() -> None:
    """Bug: only each entry was capped; 1,000 entries of 49 MB at 99× filled the memory."""
    from tiktui.data.importers import limits

    body = (QA / "Viewers_vi.csv").read_bytes()  # ~250 bytes, well under both limits
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for n in range(8):
            zf.writestr(f"Viewers{n}.csv", body)
    inner = buf.getvalue()
    outer = io.BytesIO()
    with zipfile.ZipFile(outer, "w") as zf:  # the budget is shared with nested ZIPs
        zf.writestr("a.zip", inner)
        zf.writestr("b.zip", inner)
    with limits.applied(3000), pytest.raises(Refused, match="add up to more than the 3 kB limit"):
        parse_file(SourceFile("Viewers_x.zip", outer.getvalue()), TODAY)
    with limits.applied(10_000):
        assert len(parse_file(SourceFile("Viewers_x.zip", outer.getvalue()), TODAY)) == 16


def test_zip_entry_with_an_unsupported_method_is_refused() -> None:
    """Deflate64 (Windows Explorer's method for big files) is refused on one line."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("Viewers.csv", (QA / "Viewers_vi.csv").read_bytes())
    data = bytearray(buf.getvalue())
    for magic, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = data.find(magic) + offset
        data[at : at + 2] = (9).to_bytes(2, "little")  # method 9: Deflate64
    with pytest.raises(Refused, match="compression method is not supported") as caught:
        parse_file(SourceFile("Viewers_x.zip", bytes(data)), TODAY)
    assert caught.value.code == "zip_entry_method"


def test_a_renamed_zip_is_one_account_when_its_content_names_it(tmp_path, capsys) -> None:
    """Bug: in ``file.zip`` the Content links named @qa.chef but Viewers went unnamed.

    With several accounts in the store the ZIP was refused ("names no account"),
    and with ``--account`` its entries were split over two accounts.
    """
    store = tmp_path / "store"
    for name, handle in (
        ("FollowerGender_pct.csv", "one"),
        ("FollowerTopTerritories_pct.csv", "two"),
    ):
        code, out = _run(capsys, "import", str(QA / name), "--account", handle,
                         "--data-dir", str(store))  # fmt: skip
        assert code == 0, out
    viewers = (QA / "Viewers_vi.csv").read_bytes()
    content = (QA / "Content_iso_nasty.csv").read_bytes()
    path = _zip(tmp_path / "file.zip", {"Content.csv": content, "Viewers.csv": viewers})
    code, out = _run(capsys, "import", str(path), "--data-dir", str(store))
    assert code == 0, out
    assert {r["account"] for r in _export(capsys, store, "account_daily")} == {"qa.chef"}


def test_notes_quoting_a_multi_line_cell_stay_on_one_line() -> None:
    """Bug: a label or link with a line break split the "imported" line in two."""
    data = _csv(["Top territories", "Distribution"], [["United\nStates", "0.5"], ["Others", "0.5"]])
    parsed = parse_file(SourceFile("FollowerTopTerritories.csv", data), TODAY)[0]
    assert parsed.notes == ["kept unknown territory code labels as written: United⏎States"]
