"""Every interface language in the header table, and files written with random real quirks."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tiktui.data.importers.base import ParseContext, Refused, SourceFile
from tiktui.data.importers.studio import headers as H
from tiktui.data.importers.studio import parse_tabular
from tiktui.data.lang import readings

TODAY = date(2026, 11, 22)
# tiktui 0.1's hand-typed month names (13 languages), now read from CLDR + seen.json.
MONTH_NAMES: dict[str, list[list[str]]] = json.loads(
    (Path(__file__).parent / "fixtures" / "lang" / "textdates_0_1.json").read_text("utf-8")
)["months"]

# The columns that make up each kind, by column id (see headers.HEADERS).
KIND_COLUMNS: dict[str, list[str]] = {
    "studio-overview": ["date", "video_views", "profile_views", "likes", "comments", "shares",
                        "new_followers"],
    "studio-follower-history": ["date", "followers", "followers_diff"],
    "studio-follower-activity": ["date", "hour", "active_followers"],
    "studio-follower-gender": ["gender", "distribution"],
    "studio-follower-territories": ["territories", "distribution"],
    "studio-viewers": ["date", "viewers_total", "viewers_new", "viewers_returning"],
    "studio-content": ["time", "video_title", "video_link", "post_time", "total_likes",
                       "total_comments", "total_shares", "total_views"],
}  # fmt: skip


def _quote(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _file(header: list[str], rows: list[list[str]]) -> bytes:
    lines = [",".join(_quote(h) for h in header)] + [",".join(_quote(c) for c in r) for r in rows]
    return ("\ufeff" + "\n".join(lines)).encode()


def _parse(data: bytes, anchor: date | None = None):  # noqa: ANN202 - a Parsed
    return parse_tabular(SourceFile("f.csv", data), ParseContext(today=TODAY, anchor=anchor))


@pytest.mark.parametrize("language", sorted(H.HEADERS))
@pytest.mark.parametrize("kind", sorted(KIND_COLUMNS))
def test_every_language_detects_every_kind(language: str, kind: str) -> None:
    table = H.HEADERS[language]
    missing = [c for c in KIND_COLUMNS[kind] if c not in table]
    header = [table[c][0] if c in table else H.HEADERS["en"][c][0] for c in KIND_COLUMNS[kind]]
    assert not [m for m in missing if m not in ("followers_diff",)], (language, missing)
    assert _parse(_file(header, [])).kind == kind


@pytest.mark.parametrize(
    ("language", "spellings"),
    [(lang, col) for lang in sorted(H.HEADERS) for col in sorted(H.HEADERS[lang])],
)
def test_every_spelling_is_found_whatever_its_case_and_spacing(
    language: str, spellings: str
) -> None:
    for spelling in H.HEADERS[language][spellings]:
        assert H.column_id(spelling, language) == spellings
        assert H.column_id(f"\ufeff {spelling.upper()}\u00a0", language) == spellings
        assert H.column_id(f"{spelling.lower()} (%)", language) == spellings


@pytest.mark.parametrize("language", sorted(set(H.HEADERS) & set(MONTH_NAMES)))
def test_overview_in_each_language_with_its_own_months(language: str) -> None:
    table = H.HEADERS[language]
    header = [table[c][0] for c in KIND_COLUMNS["studio-overview"]]
    months = MONTH_NAMES[language]
    rows = [
        [f"31 {months[11][0]}", "10", "1", "2", "0", "0", "1"],
        [f"1 {months[0][0]}", "1 234", "1", "2", "-1", "0", "-2"],
    ]
    parsed = _parse(_file(header, rows), anchor=date(2026, 1, 2))
    frame = parsed.tables["account_daily"]
    assert frame["date"].to_list() == [date(2025, 12, 31), date(2026, 1, 1)]
    assert frame["video_views"].to_list() == [10, 1234]
    assert frame["comments"].to_list() == [0, -1]
    assert frame["followers_net"].to_list() == [1, -2]


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (["9月13日", "9月14日"], [date(2026, 9, 13), date(2026, 9, 14)]),
        (["18 tháng Tám", "19 tháng 8"], [date(2026, 8, 18), date(2026, 8, 19)]),
    ],
)
def test_japanese_and_vietnamese_dates(dates: list[str], expected: list[date]) -> None:
    header = ["Date", "Video Views"]
    parsed = _parse(_file(header, [[d, "1"] for d in dates]), anchor=date(2026, 9, 20))
    assert parsed.tables["account_daily"]["date"].to_list() == expected


def test_spelling_table_has_no_ads_manager_words() -> None:
    for spelling in H.HEADER_LOOKUP:
        assert not H.is_ads_manager_header(spelling), spelling


# ------------------------------------------------------------------ round trip with quirks

OVERVIEW = ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"]


@st.composite
def overview_exports(draw: st.DrawFn) -> tuple[bytes, date, list[date], list[list[int]]]:
    """An Overview export as Studio or a spreadsheet may have written it."""
    length = draw(st.integers(min_value=1, max_value=60))
    last = draw(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))
    days = [last - timedelta(days=length - 1 - i) for i in range(length)]
    values = [
        draw(st.lists(st.integers(min_value=-5, max_value=10**7), min_size=5, max_size=5))
        for _ in days
    ]
    language = draw(st.sampled_from(sorted(MONTH_NAMES)))
    day_first = draw(st.booleans())
    grouping = draw(st.sampled_from(["", ",", "\u00a0", " "]))
    shuffle = draw(st.randoms(use_true_random=False))
    order = list(range(6))
    if draw(st.booleans()):
        rest = order[1:]
        shuffle.shuffle(rest)
        order = [0, *rest]
    bom = draw(st.booleans())
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    trailing = draw(st.booleans())
    header_pad = draw(st.sampled_from(["", " ", "\u00a0"]))

    def when(d: date) -> str:
        name = MONTH_NAMES[language][d.month - 1][0]
        return f"{d.day} {name}" if day_first else f"{name} {d.day}"

    def number(n: int) -> str:
        return f"{n:,}".replace(",", grouping)

    header = [OVERVIEW[i] + header_pad for i in order]
    rows = [[([when(d)] + [number(v) for v in vals])[i] for i in order]
            for d, vals in zip(days, values, strict=True)]  # fmt: skip
    lines = [",".join(_quote(c) for c in header)] + [",".join(_quote(c) for c in r) for r in rows]
    text = ("\ufeff" if bom else "") + newline.join(lines) + (newline if trailing else "")
    anchor = last + timedelta(days=draw(st.integers(min_value=1, max_value=3)))
    return text.encode(), anchor, days, values


def _listopada_only() -> tuple[bytes, date, list[date], list[list[int]]]:
    """Polish month names under English headers, every row in November: "listopada 1"."""
    rows = [["Date", *OVERVIEW[1:]], ["listopada 1", "1", "2", "3", "4", "5"]]
    text = "\n".join(",".join(_quote(c) for c in row) for row in rows)
    return text.encode(), date(2024, 11, 2), [date(2024, 11, 1)], [[1, 2, 3, 4, 5]]


def _ambiguous_month(data: bytes) -> bool:
    """Whether the languages that read every date cell disagree on one (and no header language
    reads them all, which would settle it).

    ``listopada`` is November in Polish but October in Croatian; with English
    headers nothing says which, so a column of nothing but ``listopada`` is a
    genuinely ambiguous input, refused (``month_reads_differently``) rather than
    guessed. Any other month in the column (``października``) makes it Polish.
    """
    lines = data.decode().lstrip("\ufeff").splitlines()
    at = [c.strip().strip('"').strip() for c in lines[0].split('","')].index("Date")
    cells = [line.split('","')[at].strip('"') for line in lines[1:] if line]
    found = [readings(cell) for cell in cells]
    shared = set.intersection(*(set(f) for f in found))
    if shared & set(H.read_header_row(OVERVIEW)[1]):
        return False
    return any(len({f[code] for code in shared}) > 1 for f in found)


@settings(max_examples=60, deadline=None)
@given(overview_exports())
@example(_listopada_only())
def test_overview_round_trips_through_real_quirks(
    sample: tuple[bytes, date, list[date], list[list[int]]],
) -> None:
    data, anchor, days, values = sample
    if _ambiguous_month(data):  # e.g. Polish, November only: hr reads October
        with pytest.raises(Refused) as caught:
            _parse(data, anchor=anchor)
        assert caught.value.code == "month_reads_differently"
        return
    frame = _parse(data, anchor=anchor).tables["account_daily"]
    assert frame["date"].to_list() == days
    columns = ["video_views", "profile_views", "likes", "comments", "shares"]
    assert [list(r) for r in frame.select(columns).iter_rows()] == values


def test_random_garbage_is_refused_not_crashed() -> None:
    rng = random.Random(7)
    for _ in range(200):
        blob = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300)))
        try:
            _parse(b'"Date","Video Views"\n' + blob)
        except Refused:
            pass
