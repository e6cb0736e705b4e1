"""How advice words things: video names, lists, plurals.

Numbers, dates and hours are formatted by :mod:`tiktui.formatting`, the same
module the screens and the report use, so "9.8%" reads the same everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from ..formatting import day
from ..formatting import day_span as day_span  # re-exported: advice phrases periods with it

CAPTION_CHARS = 30
_KEEP = {"\u200d"}  # the zero-width joiner holds emoji sequences (👩‍🍳) together


def video_ref(
    caption: str | None,
    posted_on: date | None,
    video_id: str | None = None,
    year: int | None = None,
    limit: int = CAPTION_CHARS,
) -> str:
    """How advice names a video: a short caption quote and its posting day.

    ``“Send this to the friend who…” (9 Oct)``; ``the video posted 9 Oct`` without
    a caption; the id only when nothing else is known (creators never see
    their video ids). Whitespace, line breaks and control characters in the
    caption collapse to single spaces; a caption longer than ``limit`` is cut
    at a word boundary (or mid-word when the first word is that long) and
    ends in "…". The result is plain text: callers escape it for their
    medium (the report's Markdown escaping, the UI's Rich ``Text``).
    """
    cleaned = "".join(c if c.isprintable() or c in _KEEP else " " for c in caption or "")
    text = _nested_quotes(" ".join(cleaned.split()))
    if len(text) > limit:
        space = text.rfind(" ", 0, limit + 1)
        head = text[:space] if space >= limit // 2 else text[: limit - 1]
        text = head.rstrip(_DANGLING) + "…"
    when = day(posted_on, year) if posted_on is not None else None
    if text:
        return f"“{text}” ({when})" if when else f"“{text}”"
    if when:
        return f"the video posted {when}"
    return f"video {video_id}" if video_id else "a video"


_DANGLING = " ,;:.-–—=+&/|([{‘“"  # nothing left hanging before the "…"


def _nested_quotes(text: str) -> str:
    """Double quotes inside a caption become single ones, since the ref wraps it in
    “…”: ``"Best pasta ever," he said`` reads ``‘Best pasta ever,’ he said``."""
    if '"' not in text and "“" not in text and "”" not in text:
        return text
    out = []
    for i, c in enumerate(text):
        if c == '"':
            opening = i == 0 or text[i - 1] in " ([{"
            out.append("‘" if opening else "’")
        else:
            out.append({"“": "‘", "”": "’"}.get(c, c))
    return "".join(out)


def listing(items: Sequence[str], limit: int = 5, sep: str = ", ") -> str:
    """``a, b and c``; past ``limit`` items, ``a, b, c and 4 more``."""
    items = list(items)
    if not items:
        return ""
    shown, rest = items[:limit], len(items) - limit
    if rest > 0:
        return sep.join(shown) + f" and {rest} more"
    if len(shown) == 1:
        return shown[0]
    return sep.join(shown[:-1]) + " and " + shown[-1]


def quote_list(items: Sequence[str], limit: int = 5) -> str:
    """``"a", "b" and "c"``: captions and search terms, quoted so they read as user words."""
    shown = [f"“{i}”" for i in items[:limit]]
    if not shown:
        return ""
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


STOPWORDS = frozenset(
    """a an and are as at be but by for from has have how i if in into is it its me my no not
    of on or our so that the their them then this to too was we what when who why will with you
    your yours just get got can do does did it's i'm im u ur here there all more most very out up
    new one day fyp foryou foryoupage fy viral trending because ever almost comes come came make
    made makes like about after before over only some than they were been which would could
    should these those every much many also still even back time first last next really never
    always thing things something want way let lets let's see look going gonna want wait watch
    need try tried people dont don't can't cant didn't isn't""".split()
)
_WORD = re.compile(r"#?[\w']+", re.UNICODE)


def caption_words(caption: str | None) -> set[str]:
    """Caption words worth comparing: lower-cased, hashtags kept, filler dropped."""
    if not caption:
        return set()
    out = set()
    for w in _WORD.findall(caption.lower()):
        bare = w.lstrip("#").strip("'")
        if len(bare) < 3 or bare.isdigit() or bare in STOPWORDS:
            continue
        out.add(w)
    return out
