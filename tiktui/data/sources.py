"""The traffic-source taxonomy: one key per place a view can come from.

Every importer maps the label it finds through :func:`source_key`, so the
rest of tiktui only ever sees the nine keys below. An unknown label is kept
(``raw_label``) and counted as ``other``: TikTok adds entry points without
notice and we would rather show them under "Other" than drop their views.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    short: str  # column header in narrow tables
    letter: str  # one-letter key used in the UI and in filter expressions
    color: str  # a fixed colour per source, the same on every screen


SOURCES: tuple[Source, ...] = (
    Source("for_you", "For You", "FYP", "f", "#25f4ee"),
    Source("following", "Following", "Fol", "w", "#fe2c55"),
    Source("profile", "Profile", "Prof", "p", "#f5b700"),
    Source("search", "Search", "Srch", "s", "#7ddc1f"),
    Source("sound", "Sound", "Snd", "m", "#b388ff"),
    Source("hashtag", "Hashtag", "Tag", "h", "#ff8a3d"),
    Source("direct_message", "Direct messages", "DM", "d", "#4fc3f7"),
    Source("external", "External", "Ext", "e", "#a1887f"),
    Source("other", "Others", "Oth", "o", "#9e9e9e"),
)

SOURCE_KEYS: tuple[str, ...] = tuple(s.key for s in SOURCES)
BY_KEY: dict[str, Source] = {s.key: s for s in SOURCES}

# Every label seen in Studio files, Studio web responses, the Business API and
# the product's own vocabulary, normalised by :func:`_norm`.
_ALIASES: dict[str, str] = {
    "for you": "for_you",
    "for you page": "for_you",
    "foryou": "for_you",
    "fyp": "for_you",
    "for you feed": "for_you",
    "following": "following",
    "follow": "following",
    "following feed": "following",
    "profile": "profile",
    "personal profile": "profile",
    "profile page": "profile",
    "search": "search",
    "search results": "search",
    "sound": "sound",
    "sounds": "sound",
    "music": "sound",
    "hashtag": "hashtag",
    "hashtags": "hashtag",
    "direct message": "direct_message",
    "direct messages": "direct_message",
    "direct share": "direct_message",
    "direct shares": "direct_message",
    "dm": "direct_message",
    "dms": "direct_message",
    "messages": "direct_message",
    "external": "external",
    "external sources": "external",
    "others": "other",
    "other": "other",
}


def _norm(label: str) -> str:
    text = unicodedata.normalize("NFKC", label).strip().lower()
    text = re.sub(r"[_\-\s]+", " ", text)
    return text


@functools.lru_cache(maxsize=4096)  # a few labels, met once per video and capture
def source_key(label: str | None) -> str:
    """The canonical key for a label from any export; unknown labels are ``other``."""
    if label is None:
        return "other"
    return _ALIASES.get(_norm(label), "other")
