"""``tiktui export account_sources`` and ``account_search_terms``: the account's own figures."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl

from tiktui.data.importers.base import Parsed, Rank
from tiktui.data.schema import TABLES
from tiktui.data.store import Store

from .test_cli import run
from .test_store import _import

START, END = date(2026, 10, 23), date(2026, 11, 19)
AT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def _store(tmp_path: Path) -> Path:
    window = {"window_start": [START, START], "window_end": [END, END], "captured_at": [AT, AT]}
    part = Parsed(
        "studio-web",
        {
            "account_sources": pl.DataFrame(
                {
                    **window,
                    "source": ["for_you", "other"],
                    "share": [0.8, 0.2],
                    "raw_label": ["For You", "Duet, stitch"],
                }
            ),
            "account_search_terms": pl.DataFrame(
                {**window, "term": ['acme, "pasta"', "risotto"], "share": [0.6, 0.4]}
            ),
        },
        AT,
        account="lena.cooks",
        rank=Rank.CAPTURED,
    )
    data = tmp_path / "store"
    assert _import(Store.open(data), "capture.har", [part]).status == "imported"
    return data


def test_export_account_sources_as_json(tmp_path: Path, capsys) -> None:
    data = _store(tmp_path)
    code, out, _ = run(
        capsys, "export", "account_sources", "--format", "json", "--data-dir", str(data)
    )
    rows = json.loads(out)
    assert code == 0 and len(rows) == 2
    assert set(rows[0]) == set(TABLES["account_sources"].schema)
    first = next(r for r in rows if r["source"] == "for_you")
    assert first == {
        "account": "lena.cooks",
        "window_start": "2026-10-23",
        "window_end": "2026-11-19",
        "source": "for_you",
        "share": 0.8,
        "raw_label": "For You",
        "captured_at": "2026-11-20T09:30:00+00:00",
    }


def test_export_account_search_terms_as_csv_and_parquet(tmp_path: Path, capsys) -> None:
    data = _store(tmp_path)
    code, out, _ = run(capsys, "export", "account_search_terms", "--data-dir", str(data))
    assert code == 0
    back = pl.read_csv(out.encode(), try_parse_dates=True)
    assert back.columns == list(TABLES["account_search_terms"].schema)
    assert sorted(back["term"].to_list()) == ['acme, "pasta"', "risotto"]  # quoted, not split
    target = tmp_path / "terms.parquet"
    argv = "export account_search_terms --format parquet -o".split()
    code, _, err = run(capsys, *argv, str(target), "--data-dir", str(data))
    assert code == 0 and "2 rows" in err
    assert pl.read_parquet(target).schema == TABLES["account_search_terms"].schema


def test_export_of_a_store_without_captures_is_the_empty_table(tmp_path: Path, capsys) -> None:
    data = tmp_path / "store"
    other = Parsed(
        "studio-overview",
        {"account_daily": pl.DataFrame({"date": [END], "video_views": [5]})},
        AT,
        account="a",
    )
    _import(Store.open(data), "o", [other])
    code, out, _ = run(capsys, "export", "account_sources", "--data-dir", str(data))
    assert code == 0 and out.strip() == ",".join(TABLES["account_sources"].schema)
