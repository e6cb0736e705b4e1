"""User text (captions, handles, search terms, file names) made safe to print: every control
character becomes a visible symbol, so a caption holding a terminal escape or a line break
prints as one harmless line, on screen, in the report and in the CLI."""

from __future__ import annotations

import json

# Characters that could move the cursor, recolour the terminal or reorder text.
_BIDI = frozenset(
    {0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x061C}
)
_BIDI_CHARS = frozenset(map(chr, _BIDI))  # isdisjoint(text) looks in C, not per character


def _visible(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        if ch == "\n":
            return "⏎"
        if ch == "\t":
            return " "
        return chr(0x2400 + code)  # ␛ for ESC, ␇ for BEL, …
    if code == 0x7F:
        return "␡"
    if 0x80 <= code < 0xA0 or code in _BIDI or code in (0x2028, 0x2029):
        return "�"
    return ch  # other invisible characters (a zero-width joiner in 👩‍🍳) are harmless


def safe(text: str | None) -> str:
    """The text with every control character replaced by a visible symbol (one line)."""
    if not text:
        return ""
    if text.isprintable() and _BIDI_CHARS.isdisjoint(text):
        return text
    return "".join(_visible(c) if _hidden(c) else c for c in text)


def one_line(text: str) -> str:
    """``text`` as one harmless line: :func:`safe`, the one rule for text from a file.
    Line breaks show as ``⏎`` (``str.splitlines``' every break: vertical tab, form feed,
    NEL and the separators too), escapes as ``␛``, bidi overrides as ``�``, so no reader
    sees two lines and no terminal obeys a file."""
    return safe(text).strip()


def _hidden(ch: str) -> bool:
    return not ch.isprintable() or ord(ch) in _BIDI


def json_text(text: str) -> str:
    """JSON text (from ``json.dumps(…, ensure_ascii=False)``) with every character
    :func:`safe` would change written as a ``\\uXXXX`` escape: the same data for a
    program, nothing a terminal obeys (``json`` escapes only U+0000–U+001F itself)."""
    if text.isprintable() and _BIDI_CHARS.isdisjoint(text):
        return text
    return "".join(
        json.dumps(c)[1:-1] if c != "\n" and _hidden(c) and _visible(c) != c else c for c in text
    )


def caption_of(text: str | None, empty: str = "(no caption)") -> str:
    """A caption cleaned for a one-line cell: visible controls, collapsed spaces."""
    cleaned = " ".join(safe(text).split())
    return cleaned or empty
