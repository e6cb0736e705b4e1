"""The CLI's edges: every bad path is one plain line naming it, with a documented exit code;
a folder with nothing to import is not a success; every command's help is complete."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_cli import OVERVIEW, overview_zip
from tiktui.cli import EXIT_REFUSED, EXIT_USAGE, main
from tiktui.data import scan as scan_module
from tiktui.data.importers.base import one_line

# What must never reach a user: a traceback, an exception's name, an OSError's text.
LEAK = re.compile(r"Traceback|Error:|Errno|\b[A-Z]\w*(Error|Exception)\b|\bStore\w*\b")

LOCKED = "locked"  # a folder nobody may list
READ_ONLY = "ro"  # a folder nobody may write in
UNREADABLE = "secret.csv"  # a file nobody may read


@pytest.fixture
def world(tmp_path: Path, monkeypatch, capsys) -> Path:
    """Paths that are wrong in every way a command can be given them.

    Permissions are set for real and also faked through ``scan.can``: the suite
    may run as root, who may read and write anything.
    """
    store = tmp_path / "store"
    assert main(["import", str(overview_zip(tmp_path)), "--data-dir", str(store)]) == 0
    (tmp_path / "afile").write_text("x")
    (tmp_path / "empty").mkdir()
    (tmp_path / "hidden").mkdir()
    (tmp_path / "hidden" / ".DS_Store").write_bytes(b"\0")
    (tmp_path / "hidden" / ".git").mkdir()
    (tmp_path / UNREADABLE).write_text(OVERVIEW)
    (tmp_path / "secret.toml").write_text("[advisor]\n")
    (tmp_path / LOCKED).mkdir()
    (tmp_path / READ_ONLY).mkdir()
    denied = {
        tmp_path / LOCKED: os.R_OK | os.W_OK | os.X_OK,
        tmp_path / READ_ONLY: os.W_OK,
        tmp_path / UNREADABLE: os.R_OK,
        tmp_path / "secret.toml": os.R_OK,
        store: os.W_OK,  # a store on a read-only disk: it can be read, not rebuilt
    }
    real = scan_module.can
    monkeypatch.setattr(
        scan_module, "can", lambda p, mode: not (denied.get(Path(p), 0) & mode) and real(p, mode)
    )
    for path, mode in denied.items():
        if path != store:
            path.chmod(0o555 if mode == os.W_OK else 0)
    monkeypatch.setenv("TIKTUI_DATA_DIR", str(tmp_path / "env-store"))
    capsys.readouterr()
    yield tmp_path
    for path in denied:
        path.chmod(0o755)


# (argv with {t} for the folder, exit code, the path the line must name)
CASES = [
    (["import", "{t}/empty"], EXIT_REFUSED, "{t}/empty"),
    (["import", "{t}/hidden"], EXIT_REFUSED, "{t}/hidden"),
    (["import", "{t}/missing.zip"], EXIT_USAGE, "{t}/missing.zip"),
    (["import", "{t}/" + UNREADABLE], EXIT_USAGE, "{t}/" + UNREADABLE),
    (["import", "{t}/" + LOCKED], EXIT_USAGE, "{t}/" + LOCKED),
    (["import", "/dev/null"], EXIT_USAGE, "/dev/null"),
    (["import", "{t}/empty", "--data-dir", "{t}/afile"], EXIT_USAGE, "{t}/afile"),
    (["import", "{t}/empty", "--data-dir", "{t}/afile/sub"], EXIT_USAGE, "{t}/afile/sub"),
    (["import", "{t}/empty", "--data-dir", "{t}/" + READ_ONLY], EXIT_USAGE, "{t}/" + READ_ONLY),
    (["import", "{t}/empty", "--data-dir", "{t}/ro/new"], EXIT_USAGE, "{t}/ro/new"),
    (["export", "videos", "-o", "{t}/nofolder/x.csv"], EXIT_USAGE, "{t}/nofolder"),
    (["export", "videos", "-o", "{t}/empty"], EXIT_USAGE, "{t}/empty"),
    (["export", "videos", "-o", "{t}/afile/x.csv"], EXIT_USAGE, "{t}/afile"),
    (["export", "videos", "-o", "{t}/ro/x.csv"], EXIT_USAGE, "{t}/ro"),
    (["export", "videos", "--data-dir", "{t}/afile"], EXIT_USAGE, "{t}/afile"),
    (["export", "videos", "--data-dir", "{t}/" + LOCKED], EXIT_USAGE, "{t}/" + LOCKED),
    (["export", "videos", "--data-dir", "{t}/typo"], EXIT_USAGE, "{t}/typo"),
    (["export", "videos"], EXIT_USAGE, "{t}/env-store"),
    (["rebuild", "--data-dir", "{t}/typo"], EXIT_USAGE, "{t}/typo"),
    (["rebuild", "--data-dir", "{t}/store"], EXIT_USAGE, "{t}/store"),
    (["report", "--data-dir", "{t}/typo"], EXIT_USAGE, "{t}/typo"),
    (["report", "--data-dir", "{t}/afile"], EXIT_USAGE, "{t}/afile"),
    (["report", "--config", "{t}/missing.toml"], EXIT_USAGE, "{t}/missing.toml"),
    (["report", "--config", "{t}/empty"], EXIT_USAGE, "{t}/empty"),
    (["report", "--config", "{t}/secret.toml"], EXIT_USAGE, "{t}/secret.toml"),
    (["demo", "--config", "{t}/missing.toml"], EXIT_USAGE, "{t}/missing.toml"),
    (["demo", "--config", "{t}/empty"], EXIT_USAGE, "{t}/empty"),
    (["--config", "{t}/empty"], EXIT_USAGE, "{t}/empty"),
    (["--data-dir", "{t}/afile"], EXIT_USAGE, "{t}/afile"),
    (["--data-dir", "{t}/" + LOCKED], EXIT_USAGE, "{t}/" + LOCKED),
]


@pytest.mark.parametrize(("argv", "code", "named"), CASES, ids=lambda v: str(v))
def test_every_bad_path_is_one_plain_line(world: Path, capsys, argv, code, named) -> None:
    got = main([a.format(t=world) for a in argv])
    out, err = capsys.readouterr()
    assert got == code, err
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert named.format(t=world) in err
    assert not LEAK.search(err), err


def test_no_store_is_made_where_nothing_was_imported(world: Path) -> None:
    assert main(["import", str(world / "empty"), "--data-dir", str(world / "new")]) == 1
    assert main(["report", "--data-dir", str(world / "typo")]) == 2
    assert not (world / "new").exists() and not (world / "typo").exists()


def test_the_empty_folder_line_says_what_was_looked_for(world: Path, capsys) -> None:
    main(["import", str(world / "hidden")])
    err = capsys.readouterr().err
    assert all(kind in err for kind in (".zip", ".csv", ".xlsx", ".json", ".har"))
    assert "2 files found" in err and "2 hidden" in err


def test_every_bad_input_is_named_and_nothing_is_imported(world: Path, capsys) -> None:
    good = overview_zip(world / "empty", handle="other.one")
    argv = ["import", str(good), str(world / "nope1"), str(world / "nope2")]
    assert main([*argv, "--data-dir", str(world / "s")]) == EXIT_USAGE
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 2 and "nope1" in err and "nope2" in err
    assert not (world / "s").exists()


def test_an_empty_folder_beside_exports_imports_them_and_exits_1(world: Path, capsys) -> None:
    (world / "in").mkdir()
    overview_zip(world / "in", handle="other.one")
    argv = ["import", str(world / "in"), str(world / "empty"), "--data-dir", str(world / "s")]
    assert main(argv) == EXIT_REFUSED
    out, err = capsys.readouterr()
    assert out.startswith("imported") and "1 imported" in out.splitlines()[-1]
    assert "no export files in" in err and str(world / "empty") in err


def test_the_demo_without_a_temporary_folder(monkeypatch, capsys) -> None:
    from tiktui.cli import paths

    def none() -> str:
        raise FileNotFoundError(2, "No usable temporary directory found")

    monkeypatch.setattr(paths.tempfile, "gettempdir", none)
    assert main(["demo"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "TMPDIR" in err and not LEAK.search(err)


def test_export_to_a_file_still_works(world: Path, capsys) -> None:
    target = world / "out.csv"
    assert (
        main(["export", "account_daily", "-o", str(target), "--data-dir", str(world / "store")])
        == 0
    )
    assert target.read_text().startswith("account,date")


@pytest.mark.parametrize(
    ("argv", "code", "named"),
    [
        (["import", "{t}/empty"], EXIT_REFUSED, "no export files in {t}/empty"),
        (["export", "videos", "-o", "{t}/missing/x.csv"], EXIT_USAGE, "{t}/missing"),
        (["--data-dir", "{t}/afile"], EXIT_USAGE, "{t}/afile"),
    ],
)
def test_the_real_command(tmp_path: Path, argv, code, named) -> None:
    (tmp_path / "afile").write_text("x")
    (tmp_path / "empty").mkdir()
    run = subprocess.run(
        [sys.executable, "-m", "tiktui", *[a.format(t=tmp_path) for a in argv]],
        capture_output=True,
        text=True,
        env={**os.environ, "TIKTUI_DATA_DIR": str(tmp_path / "store")},
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert run.returncode == code and run.stdout == ""
    assert len(run.stderr.splitlines()) == 1 and named.format(t=tmp_path) in run.stderr
    assert not LEAK.search(run.stderr)


# -- one line per file, whatever its name ---------------------------------------------------

NAME = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="/\0"), min_size=1
).filter(lambda s: not s.startswith(".") and len(s.encode()) < 200)


@settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.tuples(NAME, st.sampled_from(["\n", "\r\n", "\r", "\u2028"]), NAME).map("".join))
def test_a_file_name_cannot_forge_a_line(capsys, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        (folder / name).write_text("not an export")
        main(["import", str(folder), "--data-dir", str(Path(tmp) / "s")])
        out, err = capsys.readouterr()
        assert len(out.splitlines()) == 2 and err == ""  # the file's line and the summary
        assert out.startswith("refused") and one_line(str(folder / name)) in out
        main(["export", "videos", "--data-dir", str(folder / name)])
        err = capsys.readouterr().err
        assert len(err.splitlines()) == 1 and one_line(str(folder / name)) in err


# -- help ------------------------------------------------------------------------------------

COMMANDS = [[], ["demo"], ["import"], ["export"], ["rebuild"], ["report"]]


def _help(capsys, cmd: list[str]) -> str:
    with pytest.raises(SystemExit) as exc:
        main([*cmd, "--help"])
    assert exc.value.code == 0
    return capsys.readouterr().out


def _options(text: str) -> dict[str, str]:
    """Each option's entry in the help: its first line and the lines that continue it."""
    entries: dict[str, str] = {}
    name = None
    for line in text[text.index("options:") :].splitlines()[1:]:
        if not line.startswith("  "):
            break
        if re.match(r"  -", line):
            name = line.split()[0].rstrip(",")
            entries[name] = line
        elif name:
            entries[name] += " " + line.strip()
    return entries


@pytest.mark.parametrize("cmd", COMMANDS, ids=lambda c: " ".join(c) or "tiktui")
def test_every_help_says_what_defaults_and_an_example(capsys, cmd: list[str]) -> None:
    text = _help(capsys, cmd)
    usage, _, rest = text.partition("\n\n")
    description = rest.split("\n\n")[0]
    assert len(description.split()) >= 8 and not description.startswith(("positional", "options"))
    options = _options(text)
    assert "--data-dir" in options or cmd == ["demo"]
    for name, entry in options.items():
        if name not in ("-h", "--help"):
            assert "default" in entry, entry
    assert re.search(r"^Examples?:\n  tiktui", text, re.M)
    assert "Exit codes" in text and "2 " in text


def test_the_default_config_file_is_the_advisors(monkeypatch) -> None:
    from tiktui.advisor.config import default_config_path
    from tiktui.cli.paths import default_config_file

    assert default_config_file() == default_config_path()


def test_an_unreadable_subfolder_is_named(world: Path, monkeypatch, capsys) -> None:
    (world / "in" / "locked").mkdir(parents=True)
    overview_zip(world / "in", handle="other.one")
    real = os.scandir

    def scandir(path=".") -> object:  # os.walk lists folders with it; root may list anything
        if Path(path) == world / "in" / "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert main(["import", str(world / "in"), "--data-dir", str(world / "s")]) == EXIT_REFUSED
    out, err = capsys.readouterr()
    assert "1 imported" in out and "1 folder not readable" in out
    assert len(err.splitlines()) == 1 and str(world / "in" / "locked") in err
    assert "permission denied" in err and not LEAK.search(err)


def test_a_broken_default_config_stops_only_the_commands_that_read_it(
    world: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(world / "cfg"))
    (world / "cfg" / "tiktui" / "config.toml").mkdir(parents=True)
    argv = ["import", str(overview_zip(world / "empty")), "--data-dir", str(world / "s")]
    assert main(argv) == 0
    capsys.readouterr()
    assert main(["report", "--data-dir", str(world / "s")]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and str(world / "cfg" / "tiktui" / "config.toml") in err
    assert not LEAK.search(err)
