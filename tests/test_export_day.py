"""The export day (issue 9, item 4): stated per file, kept for rebuild, named on every line."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiktui.cli import main
from tiktui.data.export_day import BadExportDay, parse_export_day
from tiktui.data.store import Store

# A May 2025 export: "May 13" .. "May 19", no year anywhere in the file.
MAY = '\ufeff"Date","Video Views","Likes"\n' + "\n".join(
    f'"May {d}","{100 + d}","{d}"' for d in range(13, 20)
)
RESET = datetime(2026, 5, 25, 9, tzinfo=UTC)  # a copy reset its timestamp a year later


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _loose_overview(folder: Path) -> Path:
    path = folder / "Overview.csv"
    path.write_text(MAY, encoding="utf-8")
    os.utime(path, (RESET.timestamp(), RESET.timestamp()))
    return path


def _years(store: Path) -> set[int]:
    return {d.year for d in Store(store).load("account_daily")["date"].to_list()}


def test_a_reset_timestamp_alone_lands_in_2026_and_says_so(tmp_path: Path, capsys) -> None:
    store = tmp_path / "store"
    code, out, _ = run(
        capsys, "import", str(_loose_overview(tmp_path)), "--account", "a", "--data-dir", str(store)
    )
    assert code == 0, out
    assert _years(store) == {2026}
    assert "the file's date 2026-05-25 only" in out and "--exported-on" in out
    imports = Store(store).load("imports")
    assert imports["exported_on"].to_list() == [None]


def test_the_stated_export_day_fixes_the_year_and_rebuild_keeps_it(tmp_path: Path, capsys) -> None:
    store = tmp_path / "store"
    path = _loose_overview(tmp_path)
    code, out, _ = run(
        capsys, "import", str(path), "--account", "a", "--exported-on", "2025-05-20",
        "--data-dir", str(store),
    )  # fmt: skip
    assert code == 0, out
    days = Store(store).load("account_daily")["date"].to_list()
    assert sorted(days) == [date(2025, 5, 13) + timedelta(d) for d in range(7)]
    assert "stated export day 2025-05-20" in out and "only" not in out
    imports = Store(store).load("imports")
    assert imports["exported_on"].to_list() == [date(2025, 5, 20)]
    assert imports["anchor"].to_list() == [date(2025, 5, 20)]
    code, out, _ = run(capsys, "rebuild", "--data-dir", str(store))
    assert code == 0, out
    assert _years(store) == {2025}
    assert Store(store).load("imports")["exported_on"].to_list() == [date(2025, 5, 20)]


def test_a_dated_zip_name_wins_over_the_stated_day(tmp_path: Path, capsys) -> None:
    import zipfile

    epoch = int(datetime(2025, 5, 20, tzinfo=UTC).timestamp())
    path = tmp_path / f"Overview_2025-05-13_{epoch}_lena.cooks.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Overview.csv", MAY)
    store = tmp_path / "store"
    code, out, _ = run(
        capsys, "import", str(path), "--exported-on", "2024-05-20", "--data-dir", str(store)
    )
    assert code == 0, out
    assert _years(store) == {2025}
    assert "export date 2025-05-20 in the ZIP name" in out


@pytest.mark.parametrize("bad", ["2025-13-01", "20.05.2025", "yesterday", "2025-5-2", "\x1b[31m"])
def test_a_bad_date_is_one_plain_line_and_exit_2(tmp_path: Path, capsys, bad: str) -> None:
    code, out, err = run(
        capsys, "import", str(_loose_overview(tmp_path)), "--exported-on", bad,
        "--data-dir", str(tmp_path / "store"),
    )  # fmt: skip
    assert code == 2 and not out
    assert len(err.strip().splitlines()) == 1 and "\x1b" not in err
    assert "--exported-on" in err
    assert not (tmp_path / "store").exists()  # nothing read, nothing made


def test_a_day_in_the_future_is_refused(tmp_path: Path, capsys) -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    code, _, err = run(
        capsys, "import", str(_loose_overview(tmp_path)), "--exported-on", tomorrow,
        "--data-dir", str(tmp_path / "store"),
    )  # fmt: skip
    assert code == 2 and "future" in err


@given(st.dates(max_value=date(2030, 12, 31)), st.dates(max_value=date(2030, 12, 31)))
def test_parse_export_day_takes_any_past_iso_day(day: date, today: date) -> None:
    if day <= today:
        assert parse_export_day(day.isoformat(), today) == day
    else:
        with pytest.raises(BadExportDay):
            parse_export_day(day.isoformat(), today)


def test_re_importing_with_the_export_day_moves_the_rows(tmp_path: Path, capsys) -> None:
    """What the warning says to do: the same file again, with --exported-on."""
    store = tmp_path / "store"
    path = _loose_overview(tmp_path)
    run(capsys, "import", str(path), "--account", "a", "--data-dir", str(store))
    assert _years(store) == {2026}
    code, out, _ = run(
        capsys, "import", str(path), "--exported-on", "2025-05-20", "--data-dir", str(store)
    )
    assert code == 0, out
    assert out.startswith("imported") and "re-read with the stated export day" in out
    assert _years(store) == {2025}  # none left behind in 2026
    assert Store(store).load("account_daily").height == 7
    imports = Store(store).load("imports")
    assert imports["exported_on"].to_list() == [date(2025, 5, 20)]
    code, out, _ = run(
        capsys, "import", str(path), "--exported-on", "2025-05-20", "--data-dir", str(store)
    )
    assert out.startswith("unchanged")  # the same day again changes nothing
