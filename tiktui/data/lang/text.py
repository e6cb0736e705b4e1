"""Text as the month tables compare it: normalised, tokenised, optionally accent-free.

A cell and a table spelling go through the same steps, so whatever Unicode
form, case, spacing or digits a file uses, equal words compare equal:

- NFKC (NBSP and narrow NBSP become spaces, ``ﾃ`` becomes ``テ``), format
  characters dropped (bidi marks babel puts in Arabic and Hebrew dates,
  zero-width joiners), case folded;
- every Unicode decimal digit read as its value (``١٣`` → ``13``, ``১৩`` → ``13``),
  without leading zeros;
- split into tokens: runs of digits, runs of letters (with their combining
  marks), and one token per character in scripts written without spaces
  between words (Han, kana, Hangul, Thai, Lao, Khmer, Myanmar), so
  ``9月13日`` is ``9 月 13 日`` and a Thai month reads with or without spaces.
  Everything else (spaces, dots, commas, ``׳``, ``॰``) only separates tokens,
  which makes trailing dots optional.

:func:`fold` then drops the accents of Latin, Greek and Cyrillic words
(``février`` → ``fevrier``, ``ΦΕΒΡΟΥΑΡΊΟΥ`` → ``φεβρουαριου``) and the
spelling variants of Arabic-script letters (``إ``/``ا``, ``ك``/``ک``); in other
scripts the marks are letters and stay.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

Tokens = tuple[str, ...]

_UNSPACED = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "THAI", "LAO", "KHMER", "MYANMAR"})
_ACCENTED = frozenset({"LATIN", "GREEK", "CYRILLIC"})
# Letters with no decomposition that people still write without their stroke.
_BARE = str.maketrans({"ı": "i", "ł": "l", "đ": "d", "ø": "o", "ħ": "h"})
# Arabic script: alef with or without hamza or madda, and the Arabic and
# Persian forms of kaf and yeh, are spelled either way (glibc's fa_IR writes
# "اكتبر", CLDR "اکتبر"; "الإثنين" and "الاثنين").
_ARABIC = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ك": "ک", "ي": "ی", "ى": "ی"})


@lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    return unicodedata.name(ch, "").split(" ", 1)[0]


def normalize(text: str) -> str:
    """NFKC, no format characters, case folded, every decimal digit as ASCII."""
    text = unicodedata.normalize("NFKC", text)
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cf":
            continue
        digit = unicodedata.decimal(ch, None)
        if digit is not None:
            out.append(str(digit))
        elif category.startswith("Z") or ch in "\t\r\n":
            out.append(" ")
        else:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out).casefold())


def _kind(ch: str) -> str:
    """``d`` digit, ``m`` mark, ``c`` letter of an unspaced script, ``w`` letter, ``""`` other."""
    if ch.isascii() and ch.isdigit():
        return "d"
    category = unicodedata.category(ch)
    if category.startswith("M"):
        return "m"
    if category.startswith("L"):
        return "c" if _script(ch) in _UNSPACED else "w"
    return ""


def tokens(text: str) -> Tokens:
    """The words and numbers of ``text`` (see the module docstring)."""
    out: list[str] = []
    current, run = "", ""
    for ch in normalize(text):
        kind = _kind(ch)
        if kind == "m" and run in ("w", "c"):
            current += ch  # a mark belongs to the letter before it
            continue
        if kind == "m":
            kind = "w"
        if kind != run or kind == "c":
            if current:
                out.append(current)
            current, run = "", kind
        if kind:
            current += ch
    if current:
        out.append(current)
    return tuple(str(int(t)) if t.isdigit() else t for t in out)


@lru_cache(maxsize=65536)
def fold(token: str) -> str:
    """``token`` without the accents of Latin, Greek and Cyrillic letters (Arabic: see _ARABIC)."""
    script = _script(token[0]) if token else ""
    if script == "ARABIC":
        return token.translate(_ARABIC)
    if script not in _ACCENTED:
        return token
    bare = "".join(
        ch for ch in unicodedata.normalize("NFD", token) if not unicodedata.combining(ch)
    )
    return unicodedata.normalize("NFC", bare.translate(_BARE))
