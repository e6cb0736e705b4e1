"""How advice writes numbers, dates and videos: one style everywhere."""

from __future__ import annotations

from datetime import date

from tiktui.advisor.text import listing, video_ref
from tiktui.formatting import day, day_span, hours_counted
from tiktui.formatting import threshold as bar

OCT9 = date(2026, 10, 9)
ID = "7646145851338292079"


def test_video_ref_quotes_a_short_caption_and_the_posting_day() -> None:
    assert video_ref("Pasta night", OCT9, ID) == "“Pasta night” (9 Oct)"
    assert video_ref("Pasta night", OCT9, ID, year=2026) == "“Pasta night” (9 Oct)"
    assert video_ref("Pasta night", date(2025, 12, 30), ID, year=2026) == (
        "“Pasta night” (30 Dec 2025)"  # another year than the period's is written out
    )


def test_video_ref_cuts_long_captions_at_a_word() -> None:
    long = "Send this to the friend who always burns the dumplings 🥟😂 #sendthis"
    assert video_ref(long, OCT9, ID) == "“Send this to the friend who…” (9 Oct)"
    # nothing dangling before the ellipsis
    assert video_ref("This sound + green curry = perfection", OCT9, ID) == (
        "“This sound + green curry…” (9 Oct)"
    )
    # one endless word is cut mid-word, still about 30 characters
    ref = video_ref("#" + "x" * 60, OCT9, ID)
    assert ref == "“#" + "x" * 28 + "…” (9 Oct)"
    # exactly 30 characters: kept whole
    assert video_ref("a" * 30, OCT9, ID) == f"“{'a' * 30}” (9 Oct)"


def test_video_ref_collapses_whitespace_and_control_characters() -> None:
    assert video_ref("Crispy gnocchi 🥔\nSave\tthis  ", OCT9, ID) == (
        "“Crispy gnocchi 🥔 Save this” (9 Oct)"
    )
    assert video_ref("red\x1b[31m alert\u202e!", OCT9, ID) == "“red [31m alert !” (9 Oct)"
    assert video_ref("👩‍🍳 chef mode", OCT9, ID) == "“👩‍🍳 chef mode” (9 Oct)"  # ZWJ kept


def test_video_ref_nests_quotes_in_the_caption() -> None:
    ref = video_ref('"Best pasta I\'ve ever had," said my husband', OCT9, ID)
    assert ref == "“‘Best pasta I've ever had,’…” (9 Oct)"


def test_video_ref_falls_back_to_the_day_then_the_id() -> None:
    assert video_ref(None, OCT9, ID) == "the video posted 9 Oct"
    assert video_ref(" \n ", OCT9, ID) == "the video posted 9 Oct"
    assert video_ref("Pasta", None, ID) == "“Pasta”"
    assert video_ref(None, None, ID) == f"video {ID}"  # only when nothing else is known
    assert video_ref(None, None, None) == "a video"


def test_video_ref_keeps_markup_as_plain_text() -> None:
    # escaping is the medium's job (Markdown report, Rich Text in the UI)
    assert video_ref("[bold red]NEW[/] *x* | y", OCT9, ID) == "“[bold red]NEW[/] *x* | y” (9 Oct)"


def test_dates_lists_hours_and_bars() -> None:
    assert day(OCT9) == "9 Oct" and day(OCT9, 2026) == "9 Oct" and day(OCT9, 2027) == "9 Oct 2026"
    assert day_span(date(2026, 9, 25), OCT9, 2026) == "25 Sep to 9 Oct"
    assert listing([]) == "" and listing(["a"]) == "a" and listing(["a", "b"]) == "a and b"
    assert listing(list("abcdefg"), 3) == "a, b, c and 4 more"
    assert listing(["a: 1%", "b: 2%"], sep="; ") == "a: 1% and b: 2%"
    assert hours_counted([19, 20, 19, 9, 20, 19]) == "19:00 ×3, 20:00 ×2, 09:00"
    assert bar(0.4) == "40%" and bar(0.025) == "2.5%"
