"""How numbers read in advice: one style everywhere, so "9.8%" means the same thing twice."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date


def pct(share: float | None) -> str:
    """A share 0–1 as a percent: one decimal, two below 0.1 % so tiny is not shown as 0."""
    if share is None:
        return "n/a"
    value = share * 100
    if 0 < abs(value) < 0.1:
        return f"{value:.2f}%"
    return f"{value:.1f}%"


def points(delta: float) -> str:
    """A difference of two shares, in percentage points, with its sign."""
    return f"{delta * 100:+.1f} points".replace("-", "−")


def times(ratio: float) -> str:
    """A multiple: ``8.9×``; whole numbers from 10× on."""
    if ratio >= 10:
        return f"{ratio:.0f}×"
    return f"{ratio:.1f}×"


def compact(n: float | None) -> str:
    """A count as people read it: 950, 12.3k, 1.2M."""
    if n is None:
        return "n/a"
    value = float(n)
    sign = "−" if value < 0 else ""
    value = abs(value)
    if value >= 999_950:
        return f"{sign}{value / 1e6:.1f}M"
    if value >= 1000:
        return f"{sign}{value / 1e3:.1f}k"
    return f"{sign}{value:.0f}"


def seconds(s: float | None) -> str:
    return "n/a" if s is None else f"{s:.0f} s"


def hour(h: int) -> str:
    return f"{h % 24:02d}:00"


def hour_range(hours: Sequence[int]) -> str:
    """``19:00–21:00`` for a run of hours, ``08:00, 13:00`` for scattered ones."""
    hs = sorted({h % 24 for h in hours})
    if not hs:
        return "n/a"
    if hs == list(range(hs[0], hs[-1] + 1)) and len(hs) > 1:
        return f"{hour(hs[0])}–{hour(hs[-1] + 1)}"
    return ", ".join(hour(h) for h in hs)


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def hours_counted(hours: Iterable[int]) -> str:
    """``19:00 ×5, 20:00 ×4, 09:00``: posting hours, most frequent first."""
    counts = Counter(int(h) % 24 for h in hours)
    return ", ".join(
        hour(h) + (f" ×{n}" if n > 1 else "")
        for h, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )


def bar(share: float) -> str:
    """A threshold as people say it: ``40%``, ``2.5%`` (measured values keep ``pct``)."""
    return f"{share * 100:g}%"


def day(d: date, year: int | None = None) -> str:
    """``9 Oct`` as people write it (not locale-dependent); ``9 Oct 2025`` when ``d`` falls
    outside ``year``, the year the reader is looking at. JSON keeps ISO dates."""
    text = f"{d.day} {MONTHS[d.month - 1]}"
    return text if year is None or d.year == year else f"{text} {d.year}"


def day_span(start: date, end: date, year: int | None = None) -> str:
    """``25 Sep to 22 Oct``."""
    return f"{day(start, year)} to {day(end, year)}"


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
