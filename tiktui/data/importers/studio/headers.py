"""Header spellings of TikTok Studio exports, per interface language.

Studio translates its headers with the interface (Swedish ``Datum``,
``Videovisningar``; Portuguese ``Data``, ``Visualizações de vídeo``) and
changes them between versions (``Post time`` / ``Publishing time``), so the
importers never compare header text in code: they look it up here. Each
spelling maps to a language-independent column id; :mod:`.studio` decides a
file's kind from the set of ids. Adding a language or a variant is adding a
string to ``headers.json`` beside this module.

Lookup ignores case, accents, quotes, hyphens and all Unicode white space
(a real export ended a header with a non-breaking space), and a trailing
parenthesised unit (``Distribution (%)``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from importlib import resources

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
_DATA = json.loads(
    resources.files(__package__).joinpath("headers.json").read_text(encoding="utf-8")
)
HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    lang: {column: tuple(spellings) for column, spellings in columns.items()}
    for lang, columns in _DATA["headers"].items()
}
# Headers of a TikTok Ads Manager report (paid campaigns): recognised so the
# user hears what the file is rather than "unknown file". Folded spellings.
ADS_MANAGER_HEADERS: tuple[str, ...] = tuple(_DATA["ads_manager_headers"])
# Values of the Gender column, per language, to the canonical bucket.
GENDER_VALUES: dict[str, tuple[str, ...]] = {
    bucket: tuple(values) for bucket, values in _DATA["gender_values"].items()
}
# The "everything else" row of FollowerTopTerritories, in every language.
OTHERS_TERRITORY: tuple[str, ...] = tuple(_DATA["others_territory"])


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


def _build() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for lang, columns in HEADERS.items():
        for column, spellings in columns.items():
            for spelling in spellings:
                key = fold_header(spelling)
                if lookup.setdefault(key, column) != column:
                    raise ValueError(
                        f"header {spelling!r} ({lang}) means both {lookup[key]} and {column}"
                    )
    return lookup


HEADER_LOOKUP: dict[str, str] = _build()
_ADS = frozenset(fold_header(h) for h in ADS_MANAGER_HEADERS)
if _ADS & set(HEADER_LOOKUP):  # pragma: no cover - a table error
    raise ValueError(
        f"Ads Manager headers that Studio uses too: {sorted(_ADS & set(HEADER_LOOKUP))}"
    )
_GENDERS = {fold_header(v): bucket for bucket, vs in GENDER_VALUES.items() for v in vs}
_OTHERS = frozenset(fold_header(v) for v in OTHERS_TERRITORY)


def column_id(header: str) -> str | None:
    """The column id a header means, in any language; None when unknown."""
    folded = fold_header(header)
    if folded in HEADER_LOOKUP:
        return HEADER_LOOKUP[folded]
    return HEADER_LOOKUP.get(_without_unit(folded))


def is_ads_manager_header(header: str) -> bool:
    """True for a column only Ads Manager reports have (``Cost (ZAR)``, ``Campaign name``)."""
    folded = fold_header(header)
    return folded in _ADS or _without_unit(folded) in _ADS


def gender_bucket(value: str) -> str | None:
    """``female`` / ``male`` / ``other`` for a Gender cell in any language; None if unknown."""
    return _GENDERS.get(fold_header(value))


def is_others_territory(value: str) -> bool:
    return fold_header(value) in _OTHERS
