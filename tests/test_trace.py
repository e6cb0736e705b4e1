"""TIKTUI_TRACE: one line per file with when it was read, staged and committed."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from tiktui.cli import main
from tiktui.data import pipeline


def page(folder: Path, n: int) -> Path:
    video = {
        "item_id": str(7300000000000000000 + n),
        "share_url": f"https://www.tiktok.com/@lena.cooks/video/{7300000000000000000 + n}",
        "video_views": 100 + n,
    }
    body = {"code": 0, "message": "OK", "request_id": "x", "data": {"videos": [video]}}
    path = folder / f"page_{n}.json"
    path.write_text(json.dumps(body), encoding="utf-8")
    return path


def test_the_trace_has_each_files_spans_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    pages = [page(tmp_path, n) for n in range(4)]
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    monkeypatch.setattr(pipeline, "COMMIT_EVERY_S", 0.0)  # a commit after every file
    monkeypatch.setattr(pipeline, "COMMIT_SHARE", math.inf)
    trace = tmp_path / "trace.jsonl"
    monkeypatch.setenv("TIKTUI_TRACE", str(trace))
    files = [*map(str, pages[:2]), str(broken), *map(str, pages[2:])]
    main(["--data-dir", str(tmp_path / "store"), "import", *files])
    capsys.readouterr()

    lines = [json.loads(line) for line in trace.read_text(encoding="utf-8").splitlines()]
    assert [line["file"] for line in lines] == files
    assert [line["status"] for line in lines] == ["imported"] * 2 + ["refused"] + ["imported"] * 2
    assert "commit" not in lines[2] and "read" in lines[2]
    imported = [line for i, line in enumerate(lines) if i != 2]
    for line in imported:
        moments = [*line["read"], *line["stage"], *line["commit"]]
        assert moments == sorted(moments)
        assert line["commit_files"] == 1
        assert set(line["cpu"]) == {"read", "stage", "commit"}
        assert all(v >= 0 for v in line["cpu"].values())
    ends = [line["commit"][1] for line in imported]
    assert ends == sorted(ends) and len(set(ends)) == 4  # one commit each, one after another


def test_one_commit_is_shared_by_its_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    trace = tmp_path / "trace.jsonl"
    monkeypatch.setenv("TIKTUI_TRACE", str(trace))
    main(
        [
            "--data-dir",
            str(tmp_path / "store"),
            "import",
            *(str(page(tmp_path, n)) for n in range(3)),
        ]
    )
    capsys.readouterr()
    lines = [json.loads(line) for line in trace.read_text(encoding="utf-8").splitlines()]
    assert [line["commit_files"] for line in lines] == [3, 3, 3]
    assert len({tuple(line["commit"]) for line in lines}) == 1


def test_no_trace_without_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.delenv("TIKTUI_TRACE", raising=False)
    monkeypatch.chdir(tmp_path)
    main(["--data-dir", str(tmp_path / "store"), "import", str(page(tmp_path, 0))])
    capsys.readouterr()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page_0.json", "store"]


def test_a_trace_that_cannot_be_written_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("TIKTUI_TRACE", str(tmp_path / "no" / "such" / "trace.jsonl"))
    code = main(["--data-dir", str(tmp_path / "store"), "import", str(page(tmp_path, 0))])
    out, err = capsys.readouterr()
    assert code == 0 and out.startswith("imported")
    assert len(err.splitlines()) == 1 and "trace" in err and "Traceback" not in err
