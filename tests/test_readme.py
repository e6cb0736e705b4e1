"""The README's quick start is what CI runs: two commands, the second one verbatim in .ci/run."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _quick_start_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "the quick start has a sh block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_two_commands_in_their_own_venv():
    commands = _quick_start_commands()
    assert len(commands) == 2
    for cmd in commands:
        # A distribution's Python refuses system-wide installs (PEP 668): never pip outside .venv.
        assert cmd.startswith("python3 -m venv .venv && .venv/bin/python -m pip install")
    assert "tiktui demo" in commands[0]
    assert commands[1].endswith("-m pytest")


def test_ci_runs_the_second_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _quick_start_commands()[1] in ci.splitlines()
