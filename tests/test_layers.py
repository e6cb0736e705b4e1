"""tiktui/data and tiktui/advisor never import Textual: the CLI, the report and the
tests must run without a terminal, and screens must not grow their own parsing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import tiktui

PKG = Path(tiktui.__file__).parent


def _modules(sub: str) -> list[str]:
    return [
        "tiktui." + ".".join(p.relative_to(PKG).with_suffix("").parts)
        for p in sorted((PKG / sub).rglob("*.py"))
        if p.name != "__init__.py"
    ]


def test_data_and_advisor_do_not_import_textual() -> None:
    modules = _modules("data") + _modules("advisor")
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_ui_does_not_parse_files() -> None:
    offenders = [
        str(p.relative_to(PKG))
        for p in (PKG / "ui").rglob("*.py")
        if "importers" in p.read_text(encoding="utf-8")
        or "read_csv" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_the_formatter_imports_neither_rich_nor_textual() -> None:
    """The report and the CLI print numbers and user text through tiktui.formatting."""
    code = (
        "import sys, tiktui.formatting\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'textual'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
