"""The Import screen's path field without widgets: expand, show and complete a typed path.

A path is typed as in a shell: ``~`` and ``$VAR`` expand, a relative path is
read from the folder the tree shows, ``tab`` completes to the longest common
prefix. Names are shown with their control characters made visible
(:func:`tiktui.ui.format.safe`), and such a shown name still finds its file:
:func:`resolve` matches a component by its shown form when no entry has it
exactly. Only folder listings are read here, never a file's bytes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .format import safe

# What the tree lists and tab completes: folders and the file types tiktui reads.
IMPORTABLE = {".zip", ".csv", ".xlsx", ".json", ".jsonl", ".har", ".txt"}


def is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def listed(paths: Iterable[Path], hidden: bool = False) -> Iterable[Path]:
    """Folders and importable files; hidden entries only when asked for."""
    for path in paths:
        if path.name.startswith(".") and not hidden:
            continue
        if path.suffix.lower() in IMPORTABLE or is_dir(path):
            yield path


def entries(folder: Path, hidden: bool = False) -> list[Path]:
    """A folder's listed entries by name; an unreadable folder has none."""
    try:
        return sorted(listed(folder.iterdir(), hidden), key=lambda p: p.name.lower())
    except OSError:
        return []


def shown(path: Path, folder: bool = False) -> str:
    """``~/Downloads/`` for a folder under home, the absolute path elsewhere; visible controls."""
    home = Path.home()
    try:
        text = "~/" + str(path.relative_to(home)) if path != home else "~"
    except ValueError:
        text = str(path)
    if folder and not text.endswith("/"):
        text += "/"
    return safe(text)


def expand(text: str, base: Path) -> Path:
    """``~``, ``~user`` and ``$VAR`` expanded, relative to ``base``, ``..`` taken off as
    ``cd`` does (by name, links not followed)."""
    path = Path(os.path.expanduser(os.path.expandvars(text.strip())))
    return Path(os.path.normpath(path if path.is_absolute() else base / path))


def resolve(text: str, base: Path) -> Path:
    """The path meant by ``text``: as typed, or component by component by shown name."""
    path = expand(text, base)
    if path.exists() or not path.parts:
        return path
    found = Path(path.parts[0])
    for part in path.parts[1:]:
        exact = found / part
        if exact.exists() or part in (".", ".."):
            found = exact
            continue
        match = next((p for p in entries(found, hidden=True) if safe(p.name) == part), None)
        found = match if match is not None else exact
    return found


def folder_of(text: str, base: Path) -> Path | None:
    """The folder the tree should show while ``text`` is typed: the text itself when it
    names a folder and ends in ``/``, else the folder the last name is being typed in."""
    if not text.strip():
        return None
    path = resolve(text, base)
    if text.rstrip().endswith("/") and is_dir(path):
        return path
    parent = path.parent
    return parent if is_dir(parent) else None


@dataclass(frozen=True)
class Completion:
    """What ``tab`` made of the text: the new text and the names it could still become."""

    text: str
    candidates: list[str] = field(default_factory=list)

    @property
    def unique(self) -> bool:
        return not self.candidates


def complete(text: str, base: Path) -> Completion:
    """Shell-style completion of the last name: unique → whole (``/`` after a folder),
    several → their longest common prefix and the list, none → unchanged."""
    head, sep, prefix = text.rpartition("/")
    if not sep:
        if text.startswith("~"):  # ``~`` alone, or a user's ``~name``: its folder
            home = expand(text, base)
            return Completion(text + "/" if is_dir(home) else text)
        head = ""
    folder = resolve(head + sep, base) if sep else base
    hidden = prefix.startswith(".")
    names = [(safe(p.name), is_dir(p)) for p in entries(folder, hidden)]
    matches = [(n, d) for n, d in names if n.startswith(prefix)]
    if not matches:  # as a shell with completion-ignore-case
        matches = [(n, d) for n, d in names if n.lower().startswith(prefix.lower())]
    if not matches:
        return Completion(text)
    start = head + sep
    if len(matches) == 1:
        name, folder_match = matches[0]
        return Completion(start + name + ("/" if folder_match else ""))
    common = os.path.commonprefix([n for n, _ in matches])
    if len(common) < len(prefix):  # case-insensitive matches share a shorter prefix
        common = prefix
    return Completion(start + common, [n + ("/" if d else "") for n, d in matches])


def leads_nowhere(text: str, base: Path) -> bool:
    """Nothing exists by this name, and typing on cannot reach anything either."""
    if not text.strip() or resolve(text, base).exists():
        return False
    done = complete(text, base)
    return done.unique and done.text == text
