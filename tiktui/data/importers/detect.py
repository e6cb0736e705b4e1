"""Which importer reads a file, decided from its bytes, never its name.

Phones rename downloads and users rename files, so the name only ever adds
facts (a Studio ZIP's handle and window), it never picks the parser.
"""

from __future__ import annotations

from datetime import date

from .base import ParseContext, Parsed, Refused, SourceFile
from .jsonfile import looks_json, parse_json
from .ranges import check_ranges
from .studio import looks_tabular, parse_tabular
from .studio_web.redact import archive_bytes
from .zips import check_xlsx, is_xlsx, is_zip, parse_zip_name, zip_entries


def archive_copy(data: bytes) -> bytes:
    """The bytes to keep in ``raw/``: a HAR or capture without cookies, auth headers, tokens."""
    return archive_bytes(data)


def context_for(src: SourceFile, today: date, exported_on: date | None = None) -> ParseContext:
    """What the ZIP a file came in (or the file's own name) says about it, and the
    export day the user stated (used where the name fixes none)."""
    zn = parse_zip_name(src.container or src.name)
    return ParseContext(
        today=today,
        anchor=zn.anchor,
        handle=zn.handle,
        window_start=zn.window_start,
        exported_on=exported_on,
    )


def parse_file(src: SourceFile, today: date, exported_on: date | None = None) -> list[Parsed]:
    """Every canonical part of one file (a ZIP's entries included), or :class:`Refused`.

    ``exported_on`` is the export day the user stated (``--exported-on``): it
    fixes the year of files whose name carries no date.
    """
    if not src.data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise Refused("empty_file")
    # No date in a file is after the import's day (or the file's own, which a file with no
    # date of its own is placed on), with a day to spare for time zones.
    latest = max(today, src.mtime.date()) if src.mtime else today
    if is_zip(src.data) and not is_xlsx(src.data):
        entries = zip_entries(src.data, src.name)
        if not entries:
            raise Refused("zip_empty")
        parts: list[Parsed] = []
        skipped: list[str] = []
        for entry in entries:
            if _not_data(entry):  # a picture or readme a user zipped along with the exports
                skipped.append(entry.name)
                continue
            try:
                parts.extend(_parse_one(entry, context_for(entry, today, exported_on), latest))
            except Refused as exc:
                raise exc.within(entry.name) from None
        if not parts:
            raise Refused("zip_no_export")
        if skipped:
            parts[0].notes.append("skipped, not export files: " + ", ".join(skipped))
        # One ZIP, one account: when the entries that name one agree (a Content
        # export's links in a phone-renamed ZIP), the others are theirs too.
        named = {p.account.strip().lstrip("@").lower() for p in parts if p.account}
        if len(named) == 1:
            account = next(p.account for p in parts if p.account)
            for part in parts:
                part.account = part.account or account
        return parts
    return _parse_one(src, context_for(src, today, exported_on), latest)


def _parse_one(src: SourceFile, ctx: ParseContext, latest: date) -> list[Parsed]:
    parts = _dispatch(src, ctx)
    for part in parts:  # the handle in a Studio ZIP's name is the only one its files have
        if part.account is None and ctx.handle:
            part.account = ctx.handle
        check_ranges(part, latest)  # one check of impossible values, for every format
    return parts


def _not_data(src: SourceFile) -> bool:
    """Neither JSON nor a spreadsheet nor delimited text: nothing any importer could read."""
    if not src.data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        return False  # an empty export is refused as such, not skipped
    return not (looks_json(src) or is_xlsx(src.data) or looks_tabular(src))


def _dispatch(src: SourceFile, ctx: ParseContext) -> list[Parsed]:
    if not src.data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise Refused("empty_file")
    if looks_json(src):
        return parse_json(src, ctx)
    if is_xlsx(src.data):
        check_xlsx(src.data)  # before the spreadsheet reader expands a bomb
        return [parse_tabular(src, ctx)]
    if looks_tabular(src):
        return [parse_tabular(src, ctx)]
    raise Refused("not_an_export")
