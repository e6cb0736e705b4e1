"""The CLI as a user runs it: one line per file, exit codes, exports, rebuild."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from tiktui.cli import main
from tiktui.data.store import Store

OVERVIEW = (
    '\ufeff"Date","Video Views","Profile Views","Likes","Comments","Shares"\n'
    '"November 18","1200","30","100","5","2"\n'
    '"November 19","1500","35","120","-1","4"\n'
    '"November 20","900","20","80","3","1"'
)
EPOCH = int(datetime(2026, 11, 21, tzinfo=UTC).timestamp())


def overview_zip(folder: Path, csv: str = OVERVIEW, handle: str = "lena.cooks") -> Path:
    path = folder / f"Overview_2026-11-18_{EPOCH}_{handle}.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Overview.csv", csv.encode("utf-8"))
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_then_export_json_with_iso_dates(tmp_path: Path, capsys) -> None:
    data = tmp_path / "store"
    code, out, _ = run(capsys, "import", str(overview_zip(tmp_path)), "--data-dir", str(data))
    assert code == 0, out
    line = out.splitlines()[0]
    assert line.startswith("imported") and "studio-overview" in line and "@lena.cooks" in line
    assert "account_daily 3 added" in line
    code, out, _ = run(
        capsys, "export", "account_daily", "--format", "json", "--data-dir", str(data)
    )
    rows = json.loads(out)
    assert [r["date"] for r in rows] == ["2026-11-18", "2026-11-19", "2026-11-20"]
    assert rows[1]["comments"] == -1 and rows[0]["followers"] is None
    assert rows[0]["account"] == "lena.cooks"


def test_reimport_changes_nothing_and_says_so(tmp_path: Path, capsys) -> None:
    data, zipped = tmp_path / "store", overview_zip(tmp_path)
    run(capsys, "import", str(zipped), "--data-dir", str(data))
    before = sorted(p.name for p in data.iterdir())
    code, out, _ = run(capsys, "import", str(zipped), "--data-dir", str(data))
    assert code == 0 and out.startswith("unchanged")
    assert sorted(p.name for p in data.iterdir()) == before


def test_refusals_do_not_stop_other_files_and_exit_1(tmp_path: Path, capsys) -> None:
    data = tmp_path / "store"
    (tmp_path / "in").mkdir()
    good = overview_zip(tmp_path / "in")
    (tmp_path / "in" / "empty.csv").write_bytes(b"")
    (tmp_path / "in" / "notes.txt").write_text("hello")
    (tmp_path / "in" / "error.json").write_text(
        '{"code": 40105, "message": "Access token is invalid", "request_id": "1", "data": {}}'
    )
    bad = OVERVIEW.replace('"120"', '"12k3"')
    (tmp_path / "in" / "Overview.csv").write_text(bad, encoding="utf-8")
    code, out, err = run(capsys, "import", str(tmp_path / "in"), "--data-dir", str(data))
    assert code == 1
    assert "Traceback" not in out + err
    lines = {line.split(":")[0].split()[-1]: line for line in out.splitlines()[:-1]}
    assert lines[str(good)].startswith("imported")
    assert "empty file" in lines[str(tmp_path / "in" / "empty.csv")]
    assert "40105" in lines[str(tmp_path / "in" / "error.json")]
    overview_line = lines[str(tmp_path / "in" / "Overview.csv")]
    assert "line 3" in overview_line and "Likes" in overview_line and "12k3" in overview_line
    assert out.splitlines()[-1].startswith("1 imported, 0 unchanged, 4 refused")


def test_bad_file_leaves_store_unchanged(tmp_path: Path, capsys) -> None:
    data = tmp_path / "store"
    run(capsys, "import", str(overview_zip(tmp_path)), "--data-dir", str(data))
    gen = (data / "manifest.json").read_text()
    broken = tmp_path / "broken"
    broken.mkdir()
    truncated = overview_zip(broken).read_bytes()[:-30]
    (broken / "x.zip").write_bytes(truncated)
    code, out, _ = run(capsys, "import", str(broken / "x.zip"), "--data-dir", str(data))
    assert code == 1 and "truncated or damaged" in out
    assert (data / "manifest.json").read_text() == gen


def test_file_without_handle_needs_account(tmp_path: Path, capsys) -> None:
    data = tmp_path / "store"
    loose = tmp_path / "Overview.csv"
    loose.write_text(OVERVIEW, encoding="utf-8")
    code, out, _ = run(capsys, "import", str(loose), "--data-dir", str(data))
    assert code == 1 and "--account" in out
    code, out, _ = run(
        capsys, "import", str(loose), "--account", "@Lena.Cooks", "--data-dir", str(data)
    )
    assert code == 0 and "@lena.cooks" in out


def test_export_formats(tmp_path: Path, capsys) -> None:
    data = tmp_path / "store"
    run(capsys, "import", str(overview_zip(tmp_path)), "--data-dir", str(data))
    code, out, _ = run(capsys, "export", "account_daily", "--data-dir", str(data))
    assert out.splitlines()[0].startswith("account,date,video_views")
    target = tmp_path / "t.parquet"
    code, _, err = run(
        capsys,
        "export",
        "imports",
        "--format",
        "parquet",
        "-o",
        str(target),
        "--data-dir",
        str(data),
    )
    assert code == 0 and pl.read_parquet(target).height == 1


def test_rebuild_recreates_the_same_tables(tmp_path: Path, capsys) -> None:
    data = tmp_path / "store"
    run(capsys, "import", str(overview_zip(tmp_path)), "--data-dir", str(data))
    before = Store(data).load("account_daily")
    code, out, _ = run(capsys, "rebuild", "--data-dir", str(data))
    assert code == 0 and "rebuilt" in out
    after = Store(data).load("account_daily")
    assert before.equals(after)


def test_data_dir_from_environment(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("TIKTUI_DATA_DIR", str(tmp_path / "env-store"))
    code, _, _ = run(capsys, "import", str(overview_zip(tmp_path)))
    assert code == 0 and (tmp_path / "env-store" / "manifest.json").exists()


@pytest.mark.parametrize("cmd", [[], ["import"], ["export"], ["rebuild"], ["report"], ["demo"]])
def test_every_command_has_help(cmd: list[str]) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "tiktui", *cmd, "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "TIKTUI_DATA_DIR": "/nonexistent"},
    )
    assert out.returncode == 0 and "usage: tiktui" in out.stdout


def test_unknown_table_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["export", "nope"])
    assert exc.value.code == 2


def test_zip_of_zips_imports_each(tmp_path: Path, capsys) -> None:
    inner = overview_zip(tmp_path).read_bytes()
    outer = tmp_path / "everything.zip"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(f"Overview_2026-11-18_{EPOCH}_lena.cooks.zip", inner)
    outer.write_bytes(buf.getvalue())
    code, out, _ = run(capsys, "import", str(outer), "--data-dir", str(tmp_path / "s"))
    assert code == 0 and "@lena.cooks" in out


def test_read_commands_refuse_a_folder_without_a_store(tmp_path: Path, capsys) -> None:
    code, out, err = run(capsys, "export", "videos", "--data-dir", str(tmp_path / "typo"))
    assert code == 2 and "no tiktui store" in err and not (tmp_path / "typo").exists()


def test_unzipped_studio_folder_keeps_handle_and_window(tmp_path: Path, capsys) -> None:
    folder = tmp_path / f"Overview_2026-11-18_{EPOCH}_lena.cooks"
    folder.mkdir()
    (folder / "Overview.csv").write_text(OVERVIEW, encoding="utf-8")
    data = tmp_path / "store"
    code, out, _ = run(capsys, "import", str(folder), "--data-dir", str(data))
    assert code == 0 and "@lena.cooks" in out
    code, out, _ = run(capsys, "rebuild", "--data-dir", str(data))
    assert code == 0, out


def test_a_file_without_account_says_where_it_went(tmp_path: Path, capsys) -> None:
    data = tmp_path / "store"
    run(capsys, "import", str(overview_zip(tmp_path)), "--data-dir", str(data))
    loose = tmp_path / "Overview.csv"
    loose.write_text(OVERVIEW.replace('"900"', '"901"'), encoding="utf-8")
    code, out, _ = run(capsys, "import", str(loose), "--data-dir", str(data))
    assert code == 0 and "the store's only account" in out


def test_closed_pipe_does_not_stop_the_import(tmp_path: Path) -> None:
    files = tmp_path / "in"
    files.mkdir()
    for handle in ("a.one", "b.two", "c.three"):
        overview_zip(files, handle=handle)
    cmd = (
        f"{sys.executable} -m tiktui import {files} --data-dir {tmp_path / 's'} | head -c 1 "
        "; echo ${PIPESTATUS[0]}"
    )
    out = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True)
    assert out.stdout.strip().endswith("0") and "Traceback" not in out.stderr
    assert Store(tmp_path / "s").load("accounts").height == 3


def test_a_picture_zipped_with_the_exports_is_skipped_with_a_note(tmp_path: Path, capsys) -> None:
    path = tmp_path / f"Overview_2026-11-18_{EPOCH}_lena.cooks.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Overview.csv", OVERVIEW.encode("utf-8"))
        zf.writestr("screenshot.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    code, out, _ = run(capsys, "import", str(path), "--data-dir", str(tmp_path / "s"))
    assert code == 0 and "skipped, not export files: screenshot.png" in out
    only = tmp_path / "pics.zip"
    with zipfile.ZipFile(only, "w") as zf:
        zf.writestr("a.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    code, out, _ = run(capsys, "import", str(only), "--data-dir", str(tmp_path / "s"))
    assert code == 1 and "holds no TikTok export" in out


def test_rebuild_keeps_when_each_file_was_first_imported(tmp_path: Path, capsys) -> None:
    data = tmp_path / "store"
    run(capsys, "import", str(overview_zip(tmp_path)), "--data-dir", str(data))
    before = json.loads(
        run(capsys, "export", "imports", "--format", "json", "--data-dir", str(data))[1]
    )
    run(capsys, "rebuild", "--data-dir", str(data))
    after = json.loads(
        run(capsys, "export", "imports", "--format", "json", "--data-dir", str(data))[1]
    )
    assert after == before


def test_forget_undoes_an_import_with_the_wrong_account(tmp_path: Path, capsys) -> None:
    data = tmp_path / "store"
    loose = tmp_path / "Overview.csv"
    loose.write_text(OVERVIEW, encoding="utf-8")
    run(capsys, "import", str(overview_zip(tmp_path)), "--data-dir", str(data))
    run(capsys, "import", str(loose), "--account", "wrong.one", "--data-dir", str(data))
    assert Store(data).accounts() == ["lena.cooks", "wrong.one"]
    code, out, _ = run(capsys, "forget", str(loose), "--data-dir", str(data))
    assert code == 0 and "forgotten" in out and "@wrong.one" in out
    assert Store(data).accounts() == ["lena.cooks"]
    code, out, _ = run(capsys, "forget", str(loose), "--data-dir", str(data))
    assert code == 1 and "Traceback" not in out
    code, out, _ = run(
        capsys, "import", str(loose), "--account", "other.one", "--data-dir", str(data)
    )
    assert code == 0 and out.startswith("imported")
    before = {a: Store(data).load("account_daily", a).height for a in Store(data).accounts()}
    assert run(capsys, "rebuild", "--data-dir", str(data))[0] == 0
    after = {a: Store(data).load("account_daily", a).height for a in Store(data).accounts()}
    assert before == after and "wrong.one" not in after
