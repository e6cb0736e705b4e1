"""The path field's expansion and completion, on real folders."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiktui.ui import paths

NAME = st.text(alphabet="abcAB_-.1 ", min_size=1, max_size=6).filter(
    lambda n: n.strip() == n and n not in (".", "..") and not n.startswith(".")
)


@settings(max_examples=60, deadline=None)
@given(
    names=st.lists(NAME, min_size=1, max_size=6, unique_by=str.lower),
    folders=st.lists(st.booleans(), min_size=6, max_size=6),
    prefix=st.text(alphabet="abcAB_-.1 ", max_size=3),
)
def test_tab_completes_to_what_every_match_shares(
    names: list[str], folders: list[bool], prefix: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        for name, folder in zip(names, folders, strict=False):
            if folder:
                (base / name).mkdir()
            else:
                (base / (name + ".csv")).write_text("x")
        listed = [p.name + ("/" if p.is_dir() else "") for p in base.iterdir()]
        done = paths.complete(f"{tmp}/{prefix}", base)
        exact = [n for n in listed if n.startswith(prefix)]
        fits = exact or [n for n in listed if n.lower().startswith(prefix.lower())]
        if not fits:
            assert done.text == f"{tmp}/{prefix}" and done.unique
        elif len(fits) == 1:
            assert done.text == f"{tmp}/{fits[0]}" and done.unique
        else:
            assert sorted(done.candidates) == sorted(fits)
            typed = done.text.removeprefix(f"{tmp}/")
            assert len(typed) >= len(prefix)
            assert all(n.lower().startswith(typed.lower()) for n in fits)


def test_tilde_vars_and_relative_paths_expand(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("EXPORTS", str(tmp_path / "x"))
    assert paths.expand("~/a", Path("/")) == tmp_path / "a"
    assert paths.expand("$EXPORTS/b", Path("/")) == tmp_path / "x" / "b"
    assert paths.expand("sub/../c", tmp_path) == tmp_path / "c"  # relative to the tree's folder
    assert paths.shown(tmp_path / "a", folder=True) == "~/a/"
    assert paths.shown(Path("/opt/x")) == "/opt/x"
    assert paths.complete("~", Path("/")).text == "~/"
    (tmp_path / "a").mkdir()
    assert not paths.leads_nowhere("~/", Path("/")) and not paths.leads_nowhere("~/a", Path("/"))
    assert paths.leads_nowhere("~/b", Path("/")) and paths.leads_nowhere("~/b/c/", Path("/"))


@pytest.mark.skipif(os.name != "posix", reason="control characters in names need POSIX")
def test_a_name_with_control_characters_is_shown_visible_and_still_found(tmp_path) -> None:
    real = tmp_path / "ev\x1b[2Jil" / "Over\x07view.csv"
    real.parent.mkdir()
    real.write_text("x")
    shown = paths.shown(real)
    assert "\x1b" not in shown and "\x07" not in shown and "␛[2J" in shown
    assert paths.resolve(shown, Path("/")) == real
    assert paths.complete(f"{tmp_path}/ev", Path("/")).text == f"{tmp_path}/ev␛[2Jil/"
    assert paths.folder_of(f"{tmp_path}/ev␛[2Jil/Ov", Path("/")) == real.parent
