"""Header spellings of TikTok Studio exports, per interface language.

Studio translates its headers with the interface (Swedish ``Datum``,
``Videovisningar``; Portuguese ``Data``, ``Visualizações de vídeo``) and
changes them between versions (``Post time`` / ``Publishing time``), so the
importers never compare header text in code: they look it up in the data
files of ``spellings/``, one per language (``spellings/el.json``), each
spelling marked with its source: ``seen`` (where) or ``inferred`` (translated
from what). Each spelling maps to a language-independent column id;
:mod:`.layout` decides a file's kind from the set of ids. Adding a language or
a variant is adding a string to a data file::

    {"language": "el",
     "sources": {"ours": "inferred: a careful translation ...",
                 "formats": "seen: FORMATS.md section 1 ..."},
     "headers": {"date": {"Ημερομηνία": "ours"}, ...},     # column id -> spelling -> source
     "gender_values": {"female": {"Γυναίκα": "ours"}, ...},
     "others_territory": {"Άλλες": "ours"}}

A spelling seen in a real file gets a ``seen:`` source saying where, and
replaces an inferred one rather than sitting beside it.

A spelling may mean different columns in two languages (Danish ``Time`` is
the hour, English ``Time`` the export moment), so a header row is read in the
language that knows most of its headers (:func:`read_header_row`), which also
tells the date parser which language to try first.

Lookup ignores case, accents, quotes, hyphens and all Unicode white space
(a real export ended a header with a non-breaking space), and a trailing
parenthesised unit (``Distribution (%)``).
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Sequence
from importlib import resources
from typing import Any

# Column ids (what a header means, whatever its language):
#   date            the row's day (Overview, FollowerHistory, FollowerActivity, Viewers)
#   time            the export moment in Content ("Time")
#   hour            hour of day in FollowerActivity
#   video_views, profile_views, likes, comments, shares, reached_audience
#   net_growth, new_followers, lost_followers
#   followers       total followers that day; followers_diff: TikTok's own (shifted) difference
#   active_followers
#   gender, territories, age, cities, distribution
#   viewers_total, viewers_new, viewers_returning
#   video_title, video_link, post_time
#   total_likes, total_comments, total_shares, total_views, saves
#   views_7d        "Views in the last 7 days": not a lifetime total, ignored
#   ignored:*       columns we know and deliberately drop (clicks, leads...)

_FOLDER = "spellings"
_ADS_FILE = "ads_manager.json"


def _files() -> dict[str, dict[str, Any]]:
    folder = resources.files(__package__).joinpath(_FOLDER)
    out: dict[str, dict[str, Any]] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json") and entry.name != _ADS_FILE:
            data = json.loads(entry.read_text(encoding="utf-8"))
            out[data["language"]] = data
    return out


# Each language's data file as stored: sources, headers, gender_values, others_territory.
SPELLINGS: dict[str, dict[str, Any]] = _files()
HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    lang: {column: tuple(spellings) for column, spellings in data["headers"].items()}
    for lang, data in SPELLINGS.items()
}
# Headers of a TikTok Ads Manager report (paid campaigns): recognised so the
# user hears what the file is rather than "unknown file". Folded spellings.
ADS_MANAGER_HEADERS: tuple[str, ...] = tuple(
    json.loads(
        resources.files(__package__).joinpath(_FOLDER, _ADS_FILE).read_text(encoding="utf-8")
    )["headers"]
)
# Values of the Gender column, per canonical bucket, in every language.
GENDER_VALUES: dict[str, tuple[str, ...]] = {
    bucket: tuple(v for data in SPELLINGS.values() for v in data["gender_values"].get(bucket, {}))
    for bucket in ("female", "male", "other")
}
# The "everything else" row of FollowerTopTerritories, in every language.
OTHERS_TERRITORY: tuple[str, ...] = tuple(
    v for data in SPELLINGS.values() for v in data["others_territory"]
)


_QUOTES = "\"'`´‘’‚‛“”„‟«»‹›「」『』"
_DASHES = "-‐‑‒–—_"


def fold_header(text: str) -> str:
    """The comparable form of a header or cell label: no case, accents, quotes, BOM or spaces.

    ``"Total shares\\u00a0"`` → ``"total shares"``; ``„Gefällt mir“-Angaben`` →
    ``"gefallt mir angaben"``.
    """
    text = unicodedata.normalize("NFKC", text)
    text = "".join(
        ch
        for ch in unicodedata.normalize("NFKD", text)
        if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cf"
    )
    text = text.casefold().replace("ı", "i")  # Turkish dotless i, whatever the case
    for ch in _QUOTES:
        text = text.replace(ch, "")
    for ch in _DASHES:
        text = text.replace(ch, " ")
    text = re.sub(r"\s+", " ", text).strip(" :*.")
    return text


def _without_unit(folded: str) -> str:
    """``distribution (%)`` → ``distribution``; ``cost (zar)`` → ``cost``."""
    return re.sub(r"\s*[(\[][^()\[\]]*[)\]]$", "", folded).strip()


def _build() -> dict[str, dict[str, str]]:
    """Folded spelling -> {language: column id}; one spelling, one meaning per language."""
    lookup: dict[str, dict[str, str]] = {}
    for lang, columns in HEADERS.items():
        for column, spellings in columns.items():
            for spelling in spellings:
                meanings = lookup.setdefault(fold_header(spelling), {})
                if meanings.setdefault(lang, column) != column:
                    raise ValueError(
                        f"header {spelling!r} ({lang}) means both {meanings[lang]} and {column}"
                    )
    return lookup


_ORDER = {lang: n for n, lang in enumerate(sorted(HEADERS, key=lambda code: code != "en"))}
_ADS = frozenset(fold_header(h) for h in ADS_MANAGER_HEADERS)


@functools.cache
def _lookup() -> dict[str, dict[str, str]]:
    """``HEADER_LOOKUP``, built when a header is first read (folding every spelling of
    every language costs ~70 ms, which an import of JSON files alone need not pay)."""
    lookup = _build()
    if _ADS & set(lookup):  # pragma: no cover - a table error
        raise ValueError(f"Ads Manager headers that Studio uses too: {sorted(_ADS & set(lookup))}")
    return lookup


def __getattr__(name: str) -> object:
    if name == "HEADER_LOOKUP":  # folded spelling -> {language: column id}
        return _lookup()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _genders() -> dict[str, str]:
    out: dict[str, str] = {}
    for bucket, values in GENDER_VALUES.items():
        for value in values:
            if out.setdefault(fold_header(value), bucket) != bucket:
                raise ValueError(
                    f"gender value {value!r} means both {out[fold_header(value)]} and {bucket}"
                )
    return out


_GENDERS = _genders()
_OTHERS = frozenset(fold_header(v) for v in OTHERS_TERRITORY)


def _meanings(header: str) -> dict[str, str]:
    folded = fold_header(header)
    lookup = _lookup()
    return lookup.get(folded) or lookup.get(_without_unit(folded)) or {}


def column_id(header: str, language: str | None = None) -> str | None:
    """The column id a header means (in ``language``, else in the first language knowing it)."""
    meanings = _meanings(header)
    if language is not None:
        return meanings.get(language)
    return meanings[min(meanings, key=_ORDER.__getitem__)] if meanings else None


def read_header_row(headers: Sequence[str]) -> tuple[list[str | None], tuple[str, ...]]:
    """The column id of each header, and the languages the row is written in, best first.

    The row is read in the language that knows most of its headers (English
    first on a tie, then the order of the data files); a header that language
    does not know takes its meaning from the next language that does, so a
    row mixing English and translated headers still reads.
    """
    meanings = [_meanings(h) if h.strip() else {} for h in headers]
    counts: dict[str, int] = {}
    for found in meanings:
        for lang in found:
            counts[lang] = counts.get(lang, 0) + 1
    ranked = tuple(sorted(counts, key=lambda lang: (-counts[lang], _ORDER[lang])))
    ids = [next((found[lang] for lang in ranked if lang in found), None) for found in meanings]
    return ids, ranked


def is_ads_manager_header(header: str) -> bool:
    """True for a column only Ads Manager reports have (``Cost (ZAR)``, ``Campaign name``)."""
    folded = fold_header(header)
    return folded in _ADS or _without_unit(folded) in _ADS


def gender_bucket(value: str) -> str | None:
    """``female`` / ``male`` / ``other`` for a Gender cell in any language; None if unknown."""
    return _GENDERS.get(fold_header(value))


def is_others_territory(value: str) -> bool:
    return fold_header(value) in _OTHERS
