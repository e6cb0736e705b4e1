"""Write tests/fixtures/lang/glibc_months.json: month names from glibc, a source outside CLDR.

Run once on a machine with glibc's locale sources (Debian: ``locales`` or
``locales-all``, under /usr/share/i18n/locales/)::

    python scripts/extract_glibc_months.py

For each interface language it reads the main territory's locale file
(``el_GR``, ``vi_VN``, ``fil_PH``) and stores ``mon``, ``abmon``, ``alt_mon`` and
``ab_alt_mon``, and one date formatted by glibc's own ``date_fmt`` with the
time of day left out (``Κυρ 25 Φεβ 2024``), naming the file each came from.
The fixture is committed so the tests never need /usr/share/i18n.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

LOCALES = Path("/usr/share/i18n/locales")
OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "lang" / "glibc_months.json"

# The main territory per interface language; None where glibc has no locale.
MAIN = {
    "ar": "ar_SA", "bn": "bn_BD", "ceb": None, "cs": "cs_CZ", "da": "da_DK", "de": "de_DE",
    "el": "el_GR", "en": "en_US", "es": "es_ES", "et": "et_EE", "fa": "fa_IR", "fi": "fi_FI",
    "fil": "fil_PH", "fr": "fr_FR", "he": "he_IL", "hi": "hi_IN", "hr": "hr_HR", "hu": "hu_HU",
    "id": "id_ID", "it": "it_IT", "ja": "ja_JP", "jv": None, "km": "km_KH", "kk": "kk_KZ",
    "ko": "ko_KR", "lt": "lt_LT", "lv": "lv_LV", "ms": "ms_MY", "my": "my_MM", "nb": "nb_NO",
    "nl": "nl_NL", "pl": "pl_PL", "pt": "pt_BR", "ro": "ro_RO", "ru": "ru_RU", "sk": "sk_SK",
    "sl": "sl_SI", "sr": "sr_RS", "sv": "sv_SE", "sw": "sw_TZ", "ta": "ta_IN", "te": "te_IN",
    "th": "th_TH", "tr": "tr_TR", "uk": "uk_UA", "ur": "ur_PK", "uz": "uz_UZ", "vi": "vi_VN",
    "zh_Hans": "zh_CN", "zh_Hant": "zh_TW",
}  # fmt: skip

KEYS = ("mon", "abmon", "alt_mon", "ab_alt_mon", "day", "abday", "date_fmt", "alt_digits")
DEFAULT_DATE_FMT = "%a %b %e %H:%M:%S %Z %Y"  # glibc's, for files without date_fmt
FALLBACK_FMT = "%e %B %Y"  # where date_fmt writes the month as a number
_TIME_CODE = re.compile(r"%[-_0^#]?[EO]?[TrRHMSZzpPlIkXc]")
_CODE = re.compile(r"%([-_0^#]?(?:E[yY]|O?[a-zA-Z]))")


def _strings(value: str, escape: str) -> list[str]:
    """The quoted strings of a value, ``<Uxxxx>`` and escapes decoded."""
    out = []
    for raw in re.findall(
        r'"((?:[^"' + re.escape(escape) + r"]|" + re.escape(escape) + r'.)*)"', value
    ):
        text = re.sub(r"<U([0-9A-Fa-f]{4,8})>", lambda m: chr(int(m[1], 16)), raw)
        out.append(re.sub(re.escape(escape) + "(.)", r"\1", text))
    return out


def lc_time(name: str) -> dict[str, list[str]]:
    """The LC_TIME entries of a locale file, following ``copy``."""
    text = (LOCALES / name).read_text(encoding="utf-8")
    escape = (re.search(r"^escape_char\s+(\S)", text, re.M) or [None, "\\"])[1]
    comment = (re.search(r"^comment_char\s+(\S)", text, re.M) or [None, "#"])[1]
    text = re.sub(re.escape(escape) + r"[ \t]*\n", "", text)  # continuation lines
    section = re.search(r"^LC_TIME\s*$(.*?)^END LC_TIME", text, re.M | re.S)
    if section is None:
        raise SystemExit(f"{name}: no LC_TIME")
    entries: dict[str, list[str]] = {}
    for line in section[1].splitlines():
        line = line.strip()
        if not line or line.startswith(comment):
            continue
        key, _, value = line.replace("\t", " ").partition(" ")
        if key == "copy":
            return {**lc_time(_strings(value, escape)[0]), **entries}
        if key in KEYS:
            entries[key] = _strings(value, escape)
    return entries


def formatted(entries: dict[str, list[str]], when: date, buddhist: bool) -> tuple[str, bool]:
    """``when`` written by the locale's ``date_fmt``, without the time of day; has it a year?

    Time codes and two-digit years (not read) are dropped, and so is the text
    before the first date code and after the last (``ساعت``, "hour").
    """
    fmt = entries.get("date_fmt", [DEFAULT_DATE_FMT])[0]
    fmt = fmt.replace("%OC%Oy", "%OY")  # a four-digit year in native digits (my_MM)
    fmt = re.sub(r"%O?y", "", _TIME_CODE.sub("", fmt))
    if not re.search(r"%[-_0^#]?[bBh]|月|월", fmt):  # an all-numeric date_fmt: not ours
        fmt = FALLBACK_FMT
    found = list(_CODE.finditer(fmt))
    fmt = fmt[found[0].start() : found[-1].end()]
    alt = entries.get("alt_digits")
    weekday = (when.weekday() + 1) % 7  # glibc lists Sunday first
    codes = {
        "a": entries["abday"][weekday],
        "A": entries["day"][weekday],
        "b": entries["abmon"][when.month - 1],
        "h": entries["abmon"][when.month - 1],
        "B": entries["mon"][when.month - 1],
        "d": f"{when.day:02d}",
        "-d": str(when.day),
        "-m": str(when.month),
        "-e": str(when.day),
        "Od": alt[when.day] if alt else f"{when.day:02d}",
        "Oe": alt[when.day] if alt else f"{when.day:2d}",
        "e": f"{when.day:2d}",
        "m": f"{when.month:02d}",
        "Y": str(when.year),
        "OY": alt[when.year // 100] + alt[when.year % 100] if alt else str(when.year),
        "Ey": str(when.year + 543 if buddhist else when.year),
        "EY": str(when.year + 543 if buddhist else when.year),
    }

    def code(match: re.Match[str]) -> str:
        if match[1] not in codes:
            raise SystemExit(f"unknown format code %{match[1]} in {fmt!r}")
        return codes[match[1]]

    text = re.sub(r"(?<!\S)[:()]+(?!\S)", " ", _CODE.sub(code, fmt))  # what the time left
    has_year = re.search(r"%(E[yY]|O?Y)", fmt) is not None
    return " ".join(text.split()).strip(" ,:"), has_year


def main() -> int:
    out: dict[str, object] = {}
    for index, (lang, name) in enumerate(MAIN.items()):
        if name is None:
            out[lang] = {"locale": None, "note": "glibc has no locale for this language"}
            continue
        entries = lc_time(name)
        when = date(2024, index % 12 + 1, 1 + index * 5 % 28)
        item: dict[str, object] = {"locale": name, "file": f"/usr/share/i18n/locales/{name}"}
        text, has_year = formatted(entries, when, buddhist=lang == "th")
        item["date"] = {
            "text": text,
            "month": when.month,
            "day": when.day,
            "year": when.year if has_year else None,
        }
        for key in ("mon", "abmon", "alt_mon", "ab_alt_mon"):
            if key in entries:
                item[key] = entries[key]
        out[lang] = item
    data = {
        "about": (
            "Month names from glibc's locale sources (not CLDR), extracted once by "
            "scripts/extract_glibc_months.py; date: one date written by the locale's date_fmt "
            "without its time of day."
        ),
        "languages": out,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
