"""The per-language word tables, built from ``months.json`` (CLDR) and ``seen.json``.

``months.json`` is generated from CLDR by ``scripts/make_lang_data.py`` (never
edited by hand); ``seen.json`` holds the spellings found in real files that
CLDR lacks, each with a note saying where it was seen. Both are read once, on
first use.

A :class:`Language` maps token sequences (see :mod:`tiktui.data.lang.text`) to
what they mean in that language: a month, a weekday, or a word that only sits
around a date (``de``, ``г.``, ``日``, an era). Spellings that would mean two
different months in one language are left out and listed in ``ambiguous``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

from tiktui.data.lang.text import Tokens, fold, tokens

Kind = Literal["month", "weekday", "filler"]
Meaning = tuple[Kind, int]  # ("month", 1..12), ("weekday", 0..6 Monday first), ("filler", 0)
_RANK: dict[Kind, int] = {"month": 0, "weekday": 1, "filler": 2}


@cache
def _load(name: str) -> dict[str, Any]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def cldr_data() -> dict[str, Any]:
    """``months.json`` as stored."""
    return _load("months.json")


def seen_data() -> dict[str, Any]:
    """``seen.json`` as stored."""
    return _load("seen.json")


@dataclass
class Language:
    """One interface language's words, ready for matching."""

    code: str
    exact: dict[Tokens, Meaning] = field(default_factory=dict)
    folded: dict[Tokens, Meaning] = field(default_factory=dict)
    ambiguous: set[Tokens] = field(default_factory=set)
    weekday_too: set[Tokens] = field(default_factory=set)  # months that are also weekdays
    longest: int = 1

    def add(self, spelling: str, meaning: Meaning) -> None:
        key = tokens(spelling)
        if not key:
            return
        self._put(self.exact, key, meaning)
        self.longest = max(self.longest, len(key))

    def _put(self, table: dict[Tokens, Meaning], key: Tokens, meaning: Meaning) -> None:
        if key in self.ambiguous:
            return
        old = table.get(key)
        if old is not None and {old[0], meaning[0]} == {"month", "weekday"}:
            self.weekday_too.add(key)  # Cebuano "Mar": Marso or Martes
        if old is None or _RANK[meaning[0]] < _RANK[old[0]]:
            table[key] = meaning
        elif old != meaning and old[0] == meaning[0] and meaning[0] != "filler":
            del table[key]  # "the same word, two months": neither
            self.ambiguous.add(key)

    def finish(self) -> None:
        """The accent-free spellings, kept only where they mean one thing."""
        clashes: set[Tokens] = set()
        for key, meaning in self.exact.items():
            bare = tuple(fold(t) for t in key)
            old = self.folded.get(bare)
            if old is not None and old != meaning and _RANK[old[0]] == _RANK[meaning[0]]:
                clashes.add(bare)
            elif old is None or _RANK[meaning[0]] < _RANK[old[0]]:
                self.folded[bare] = meaning
        for bare in clashes:
            del self.folded[bare]
        self.weekday_too |= {tuple(fold(t) for t in key) for key in self.weekday_too}

    def match(self, words: Tokens, bare: Tokens, at: int) -> tuple[Meaning, int] | None:
        """The longest spelling starting at ``words[at]``, and how many tokens it takes."""
        for size in range(min(self.longest, len(words) - at), 0, -1):
            found = self.exact.get(words[at : at + size]) or self.folded.get(bare[at : at + size])
            if found is not None:
                return found, size
        return None

    def also_weekday(self, words: Tokens, bare: Tokens) -> bool:
        """Whether this month spelling is also a weekday's (then two months: it is the weekday)."""
        return words in self.weekday_too or bare in self.weekday_too


def _build(code: str, entry: dict[str, Any], seen: dict[str, Any]) -> Language:
    lang = Language(code)
    prefixes = entry.get("month_prefixes", [])
    months = [list(names) for names in entry["months"]]
    for item in seen.get("months", {}).get(code, []):
        months[item["month"] - 1].append(item["spelling"])
    for number, names in enumerate(months, start=1):
        for name in names:
            lang.add(name, ("month", number))
            for prefix in prefixes:  # Hebrew "בפברואר": in February
                lang.add(prefix + name, ("month", number))
    weekdays = [list(names) for names in entry["weekdays"]]
    for item in seen.get("weekdays", {}).get(code, []):
        weekdays[item["weekday"] - 1].append(item["spelling"])
    for weekday, names in enumerate(weekdays):
        for name in names:
            lang.add(name, ("weekday", weekday))
    fillers = list(entry.get("literals", []))
    fillers += [item["spelling"] for item in seen.get("fillers", {}).get(code, [])]
    for text in fillers:
        for word in tokens(text):
            if not word.isdigit():
                lang.add(word, ("filler", 0))
    lang.finish()
    return lang


@cache
def languages() -> dict[str, Language]:
    """Every interface language's tables, by CLDR code (``el``, ``zh_Hant``)."""
    seen = seen_data()
    return {code: _build(code, entry, seen) for code, entry in cldr_data()["languages"].items()}


def language_codes() -> tuple[str, ...]:
    """The interface languages, in the order of ``months.json``."""
    return tuple(cldr_data()["languages"])
