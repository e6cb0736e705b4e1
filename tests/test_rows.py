"""The first screen's top videos travel as plain rows through summary.json: whatever the
values, they come back as they went (days as days, missing as missing, never 0)."""

from __future__ import annotations

import json
from datetime import date

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from tiktui.data.rows import Rows

ROW = st.tuples(
    st.text(),
    st.none() | st.dates(),
    st.none() | st.integers(-(2**53), 2**53),
    st.none() | st.floats(allow_nan=False, allow_infinity=False),
)


@given(st.lists(ROW, max_size=12))
def test_rows_come_back_from_json_as_they_went(rows: list[tuple]) -> None:
    kept = Rows(("video_id", "posted_on", "views", "completion"), tuple(rows))
    back = Rows.from_json(json.loads(json.dumps(kept.to_json())))
    assert back == kept
    assert back.height == len(rows)
    for i, row in enumerate(rows):
        assert back.find("video_id", row[0]) == next(
            j for j, r in enumerate(rows) if r[0] == row[0]
        )
        assert back.row(i) == row


def test_rows_of_a_frame_are_its_rows_in_the_columns_asked_for() -> None:
    frame = pl.DataFrame(
        {"video_id": ["a", "b"], "posted_on": [date(2026, 1, 2), None], "views": [5, None]},
        schema={"video_id": pl.String, "posted_on": pl.Date, "views": pl.Int64},
    )
    rows = Rows.of_frame(frame, ("video_id", "views", "not_there"))
    assert rows.columns == ("video_id", "views")
    assert rows.rows == (("a", 5), ("b", None))
    assert rows.find("video_id", "b") == 1 and rows.find("video_id", "c") is None
    assert Rows.of_frame(frame).column("posted_on") == [date(2026, 1, 2), None]
