"""Captions and search terms are user data: shown literally, never run as markup or escapes."""

from __future__ import annotations

from datetime import date

import polars as pl
from rich.text import Text

from tiktui.advisor.items import AdviceItem
from tiktui.ui import format as fmt
from tiktui.ui.screens.advisor import advice_detail, advice_headline
from tiktui.ui.screens.detail import VideoDetailScreen

from .conftest import aio, make_app, press, screen_text, settle
from .factory import EVIL_CAPTION, make_tables

EVIL_TERM = "[b]free[/b] \x1b[2J\x1b]0;owned\x07 [@click=app.quit]x[/]"


def test_safe_makes_control_characters_visible() -> None:
    assert fmt.safe("\x1b[31mred\x07") == "␛[31mred␇"
    assert fmt.safe("a\nb\tc\x7f") == "a⏎b c␡"
    assert fmt.safe("abc\u202edef") == "abc�def"  # no right-to-left override
    assert fmt.safe("plain [b]markup[/b] 🍝") == "plain [b]markup[/b] 🍝"
    assert fmt.safe(None) == ""


def test_plain_is_a_text_without_markup() -> None:
    text = fmt.plain(EVIL_CAPTION)
    assert isinstance(text, Text)
    assert text.plain == "[@click=app.quit]Tap[/] [bold red]NEW[/] ␛[31mred␇ pasta"
    assert not text.spans


def test_advice_text_from_captions_is_literal() -> None:
    item = AdviceItem(
        "Try “[bold]this[/bold]” \x1b[5m",
        ["[@click=app.quit]q[/]"],
        ["say [red]it[/red]"],
        "low",
        ["1"],
        "rule [x]",
    )
    assert advice_headline(item, 1).plain.endswith("Try “[bold]this[/bold]” ␛[5m")
    plain = advice_detail(item).plain
    assert "[@click=app.quit]q[/]" in plain and "say [red]it[/red]" in plain


def _evil_tables():
    tables = make_tables()
    terms = tables["video_search_terms"]
    vid = tables["videos"]["video_id"][1]  # the video with the evil caption
    extra = pl.DataFrame(
        {
            "video_id": [vid],
            "captured_on": [date(2026, 11, 19)],
            "term": [EVIL_TERM],
            "share": [0.9],
        },
        schema=terms.schema,
    )
    tables["video_search_terms"] = pl.concat([terms, extra])
    return tables, vid


@aio
async def test_evil_caption_and_term_show_literally_and_do_nothing() -> None:
    tables, vid = _evil_tables()
    app = make_app(tables=tables)
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        text = screen_text(app)
        assert "[@click=app.quit]Tap[/] [bold red]NEW[/] ␛[3" in text  # truncated cell
        grid = app.screen.query_one("#videos-grid")
        assert grid.move_to_key(vid)
        await press(pilot, "enter")
        assert isinstance(app.screen, VideoDetailScreen)
        text = screen_text(app)
        assert "[@click=app.quit]Tap[/] [bold red]NEW[/] ␛[31mred␇ pasta" in text
        assert "[b]free[/b] ␛[2J␛]0;owned␇ [@click=app.quit]x[/]" in text
        assert "\x1b" not in text and "\x07" not in text
        # clicking the caption and the term runs nothing
        info = app.screen.query_one("#detail-info")
        await pilot.click(info, offset=(2, 0))
        terms = app.screen.query_one("#detail-terms")
        for x in range(8, 40, 4):
            await pilot.click(terms, offset=(x, 0))
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, VideoDetailScreen)
