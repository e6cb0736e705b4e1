"""What importing a folder reads: every file in it and its subfolders but hidden ones,
in a stable order, and what was passed over."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tiktui.data.pipeline import expand_paths
from tiktui.data.scan import scan

PART = st.sampled_from(["a", "b", "a-c", ".hid", "Z", "ü", "a b", "0"])
TREE = st.lists(st.lists(PART, min_size=1, max_size=4), max_size=12)


def _rglob(path: Path) -> list[Path]:
    """How folders were read before scan(): the oracle for trees without links."""
    return [
        c
        for c in sorted(path.rglob("*"))
        if c.is_file() and not any(p.startswith(".") for p in c.relative_to(path).parts)
    ]


@settings(max_examples=40)
@given(tree=TREE)
def test_a_folder_yields_what_it_always_did(tree: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "in"
        root.mkdir()
        for parts in tree:
            path = root.joinpath(*parts)
            if any(p.exists() and p.is_file() for p in path.parents) or path.is_dir():
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("x")
        found = scan(root)
        assert found.problem is None and found.files == _rglob(root)
        assert expand_paths([root]) == found.files
        hidden_files = sum(
            1 for p in root.rglob("*") if p.name.startswith(".") and ".hid" not in p.parent.parts
        )
        assert found.hidden == hidden_files


def test_a_link_back_up_the_tree_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "x.csv").write_text("x")
    (tmp_path / "in" / "sub" / "loop").symlink_to(tmp_path / "in")
    os.mkfifo(tmp_path / "in" / "pipe")
    found = scan(tmp_path / "in")
    assert found.files == [tmp_path / "in" / "sub" / "x.csv"]
    assert found.not_files == 1
    assert "1 not regular files" in found.nothing()


def test_paths_that_cannot_be_imported_say_why(tmp_path: Path) -> None:
    assert scan(tmp_path / "missing").problem == "does not exist"
    (tmp_path / "f").write_text("x")
    assert "file, not a folder" in (scan(tmp_path / "f" / "g").problem or "")
    assert scan("/dev/null").problem and not scan("/dev/null").files
    assert scan(tmp_path / "f").files == [tmp_path / "f"]
