"""Month and weekday names in every language of TikTok's interface, from CLDR.

The tables are data files: ``months.json`` generated from CLDR by
``scripts/make_lang_data.py`` (babel is needed only to regenerate it), and
``seen.json``, spellings found in real files that CLDR lacks. No Textual, no
Polars: the importers' date parsing calls :func:`parse_day_month` for one cell
in a known language and :func:`read_column` for a column whose language has
to be found.
"""

from tiktui.data.lang.dates import (
    ColumnDates,
    DayMonth,
    LanguageError,
    NotADate,
    parse_day_month,
    read_column,
    readings,
)
from tiktui.data.lang.tables import language_codes
from tiktui.data.lang.text import normalize

__all__ = [
    "ColumnDates",
    "DayMonth",
    "LanguageError",
    "NotADate",
    "language_codes",
    "normalize",
    "parse_day_month",
    "read_column",
    "readings",
]
