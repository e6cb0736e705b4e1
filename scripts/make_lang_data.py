"""Write tiktui/data/lang/months.json: month and weekday names from CLDR, via babel.

Run from the repository root with babel installed (it is in the ``test`` extra)::

    python scripts/make_lang_data.py          # rewrite the file
    python scripts/make_lang_data.py --check  # exit 1 if the file is stale

Why a generated file and not babel at run time: the app must start fast, and
babel's CLDR is ~30 MB of pickles loaded per locale, while the names of months
and weekdays for every interface language are a small JSON file. A test runs
:func:`build` and compares it with the committed file, so it cannot go stale.

For each language of TikTok's interface the file holds, per month, every
spelling CLDR has in that language — wide and abbreviated, format (in many
languages the genitive: ``Φεβρουαρίου``) and stand-alone (``Φεβρουάριος``) —
from the language's own locale and its regional variants (``de_AT`` Jänner,
``sr_Latn``); the weekday names, so a leading weekday can be skipped; the words
CLDR's date patterns put around a day and a month (``de`` in ``d 'de' MMMM``,
``г.``, ``年``/``月``/``日``), the prefixes glued to a month name (Hebrew
``ב``), the era names, and the numbering systems (which locales write native
digits by default).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import babel
from babel import Locale, localedata
from babel.core import get_cldr_version
from babel.dates import tokenize_pattern

OUT = Path(__file__).resolve().parent.parent / "tiktui" / "data" / "lang" / "months.json"

# TikTok's interface languages (CLDR codes). Every one is in CLDR.
LANGUAGES = (
    "ar bn ceb cs da de el en es et fa fi fil fr he hi hr hu id it ja jv km kk ko lt lv "
    "ms my nb nl pl pt ro ru sk sl sr sv sw ta te th tr uk ur uz vi zh_Hans zh_Hant"
).split()

# Regional variants in another script are another writing system, not another
# spelling (Malay in Jawi, English in Deseret, Hindi in Latin letters): left
# out. Serbian Latin and Uzbek Cyrillic are both in everyday use, so they stay.
OTHER_SCRIPTS_KEPT = {"sr": {"Cyrl", "Latn"}, "uz": {"Cyrl", "Latn"}}

# Skeletons whose patterns show how a day and a month name are written.
SKELETONS = ("MMMd", "MMMMd", "MMMEd", "MMMMEd", "yMMMd", "yMMMMd", "yMMMEd", "GyMMMd")


# Narrow names (single letters) would match anything; weekdays also come short
# (Thai "จ.", Hebrew "ב׳"), as date formats with a weekday often use them.
WIDTHS = {"months": ("wide", "abbreviated"), "days": ("wide", "abbreviated", "short")}


def _group(code: str) -> list[Locale]:
    """The language's locale and its regional variants, the main one first."""
    base = Locale.parse(code)
    kept = {base.script, *OTHER_SCRIPTS_KEPT.get(code, ())}
    ids = sorted(i for i in localedata.locale_identifiers() if i.startswith(code + "_"))
    if code == "zh_Hans":  # plain "zh" is Simplified Chinese
        ids = sorted({"zh", *ids})
    group = [base]
    for ident in ids:
        loc = Locale.parse(ident)
        if loc.script is None or loc.script in kept:
            group.append(loc)
    return group


def _add(bucket: list[str], name: str | None) -> None:
    if name and name not in bucket:
        bucket.append(name)


def _names(group: list[Locale], kind: str, count: int) -> list[list[str]]:
    """Per month (or weekday): every wide and abbreviated spelling, main locale first."""
    out: list[list[str]] = [[] for _ in range(count)]
    for loc in group:
        table = loc.months if kind == "months" else loc.days
        for context in ("format", "stand-alone"):
            for width in WIDTHS[kind]:
                names = table.get(context, {}).get(width, {})
                for index in range(count):
                    _add(out[index], names.get(index + 1 if kind == "months" else index))
    return out


def _patterns(loc: Locale) -> list[str]:
    patterns = [loc.date_formats[w].pattern for w in ("full", "long", "medium")]
    skeletons = loc.datetime_skeletons
    patterns += [skeletons[s].pattern for s in SKELETONS if s in skeletons]
    return patterns


def _literals(group: list[Locale]) -> tuple[list[str], list[str]]:
    """Text CLDR's date patterns write around the fields, and prefixes glued to a month."""
    words: list[str] = []
    prefixes: list[str] = []
    for loc in group:
        for pattern in _patterns(loc):
            tokens = tokenize_pattern(pattern)
            for index, (kind, value) in enumerate(tokens):
                if kind != "chars":
                    continue
                text = value.strip()
                if not text:
                    continue
                following = tokens[index + 1] if index + 1 < len(tokens) else None
                glued = (
                    following is not None
                    and following[0] == "field"
                    and following[1][0] in "ML"
                    and following[1][1] >= 3
                    and not value[-1].isspace()
                    and value[-1].isalpha()
                )
                if glued:
                    _add(prefixes, text.split()[-1])
                _add(words, text)
        for width in ("abbreviated", "wide"):
            _add(words, loc.eras.get(width, {}).get(1))
    return words, prefixes


def _numbering(group: list[Locale]) -> dict[str, object]:
    base = group[0]
    native = base.other_numbering_systems.get("native", "latn")
    return {
        "default": base.default_numbering_system,
        "native": native,
        "native_by_default_in": [
            str(loc) for loc in group if loc.default_numbering_system not in ("latn",)
        ],
    }


def language(code: str) -> dict[str, object]:
    group = _group(code)
    literals, prefixes = _literals(group)
    return {
        "locales": [str(loc) for loc in group],
        "months": _names(group, "months", 12),
        "weekdays": _names(group, "days", 7),
        "literals": literals,
        "month_prefixes": prefixes,
        "numbering": _numbering(group),
    }


def build() -> dict[str, object]:
    return {
        "about": (
            "Generated by scripts/make_lang_data.py from CLDR via babel; do not edit. "
            "months: January first; weekdays: Monday first."
        ),
        "babel": babel.__version__,
        "cldr": str(get_cldr_version()),
        "languages": {code: language(code) for code in LANGUAGES},
    }


def render(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is stale")
    args = parser.parse_args()
    text = render(build())
    if args.check:
        stale = not OUT.exists() or OUT.read_text(encoding="utf-8") != text
        print(f"{OUT} is {'stale' if stale else 'up to date'}")
        return 1 if stale else 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(text.encode()) // 1024} KB, {len(LANGUAGES)} languages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
