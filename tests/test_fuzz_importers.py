"""Every importer fuzzed inside its real containers (issue 11, item 6).

Real-shaped fixtures are damaged inside valid ZIPs, XLSX workbooks and HARs
(tests/fuzz_cases.py) and imported through the real pipeline into a copy of a
store. Whatever the damage: no exception escapes; the file is imported or
refused in exactly one line that names it, holds no control character and no
internal exception's text; a refused file leaves the store as it was; an
imported one leaves a store whose every table reads back.

Short here (a derandomized hypothesis profile and a seeded loop, about a minute
in all); ``scripts/fuzz.py --minutes 30`` runs the long version with coverage.
"""

from __future__ import annotations

import re
import string
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import fuzz_cases as fc
from tiktui.data.importers.reasons import REASONS
from tiktui.data.pipeline import FileResult
from tiktui.data.schema import TABLES
from tiktui.data.store import Store

settings.register_profile(
    "fuzz-ci",
    derandomize=True,  # the same examples on every run: CI never fails by chance
    database=None,
    deadline=None,
    max_examples=25,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Characters no line may carry: C0/C1 controls, DEL, line and paragraph separators,
# bidi embeddings, overrides and isolates (a file's text is shown with them made visible).
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# What an internal exception's text looks like in a refusal.
EXCEPTION_TEXT = re.compile(
    r"Traceback|\b[A-Z]\w*(?:Error|Exception)\b|polars\.exceptions|object has no attribute"
    r"|'NoneType'|NoneType|not subscriptable|unhashable type|invalid literal for"
    r"|could not convert|index out of range|codec can't|unsupported operand|"
    r"takes \d+ positional|got an unexpected keyword|is not iterable|must be str|"
    r"out of range for|(?<![\"\w])(?:True|False)(?![\"\w])"
)


def assert_reason_ok(result: FileResult) -> None:
    """The one place a refusal's reason is judged (the fuzz and its regression tests):
    one line, no control character, no internal exception's text, and it names the file."""
    line = result.line()
    assert "\n" not in line and "\r" not in line, line
    assert not CONTROL.search(line), f"control character in {line!r}"
    assert not EXCEPTION_TEXT.search(result.message), f"exception text in {line!r}"
    for note in result.notes:
        assert not EXCEPTION_TEXT.search(note), f"exception text in {line!r}"
    assert Path(result.path).name in line, line
    if result.status == "refused":
        assert result.message.strip(), line
        assert reason_id(result.message) in REASONS, f"reason outside the closed set: {line!r}"


def _template_pattern(template: str) -> re.Pattern[str]:
    """A rendered reason of ``template``: its fields any text, after an optional place."""
    parts = [
        re.escape(literal) + ("(?:.+?)" if name is not None else "")
        for literal, name, _spec, _conv in string.Formatter().parse(template)
    ]
    return re.compile(r"(?:.*: )?" + "".join(parts), re.S)


_RENDERED = {code: _template_pattern(t) for code, t in REASONS.items()}
# One template is a bare field: "tiktok_error" carries TikTok's own error line, always made
# by an importer's api_error as "TikTok [API ]error CODE: message"; any other bare field
# would match every message.
assert [c for c, t in REASONS.items() if re.fullmatch(r"\{\w+\}", t)] == ["tiktok_error"]
_RENDERED["tiktok_error"] = re.compile(r"(?:.*: )?TikTok (?:API )?error .+", re.S)


def reason_id(message: str) -> str | None:
    """The id of the reason ``message`` was rendered from (None: no template renders it)."""
    return next((code for code, pat in _RENDERED.items() if pat.fullmatch(message)), None)


def assert_store_ok(root: Path, result: FileResult, before: tuple) -> None:
    """A refused file changed nothing; after an import every table reads back."""
    if result.status != "imported":
        assert fc.snapshot(root) == before, f"{result.line()} changed the store"
        return
    store = Store.open(root)
    for account in [None, *store.accounts()]:
        tables = store.tables(account)
        for name in TABLES:
            tables[name].shape  # noqa: B018 - reading it is the check
            if name != "imports" and account:
                store.facts(name, account).shape  # noqa: B018


def check(case: fc.Case, base: Path, work: Path) -> FileResult:
    result, _path, root, before = fc.import_case(case, base, work)
    assert result.status in ("imported", "unchanged", "refused"), result
    assert_reason_ok(result)
    assert_store_ok(root, result, before)
    return result


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="tiktui-fuzz", dir=fc.fast_tmp()) as tmp:
        yield Path(tmp)


@pytest.fixture(scope="module")
def base(folder: Path) -> Path:
    return fc.base_store(folder)


@pytest.fixture
def work(folder: Path) -> Path:
    return folder / "case"


# -- the fixtures undamaged: the containers are built right, the importers reached --

REFUSED_AS_THEY_ARE = {  # fixtures that are refusals by design (errors, an Ads Manager report)
    "json/business_error.json",
    "qa/business_error_40105.json",
    "json/display_error.json",
    "studio_web/login_expired.json",
    "json/insight_no_id.json",
    "json/insight_no_id.har",
    "json/unrelated.har",
    "studio/AdsManager.csv",
}


@pytest.mark.parametrize("importer", sorted(fc.IMPORTERS))
def test_every_fixture_imports_in_every_container(importer: str, base: Path, work: Path) -> None:
    for fixture, container in fc.seeds(importer):
        result = check(fc.Case(fixture, container, -1), base, work)
        if fixture in REFUSED_AS_THEY_ARE:
            assert result.status == "refused", (fixture, container, result.line())
        else:
            assert result.status != "refused", (fixture, container, result.line())


# -- hypothesis: derandomized, a short budget per importer --


@pytest.mark.parametrize("importer", sorted(fc.IMPORTERS))
@settings(settings.get_profile("fuzz-ci"))
@given(data=st.data())
def test_damaged_files_are_imported_or_refused_in_one_clean_line(
    importer: str, base: Path, work: Path, data: st.DataObject
) -> None:
    fixture, container = data.draw(st.sampled_from(fc.seeds(importer)), label="seed")
    seed = data.draw(st.integers(0, 2**32 - 1), label="damage")
    check(fc.Case(fixture, container, seed), base, work)


# -- a seeded loop: the fixtures in their containers in turn, each with a fixed damage --

SEEDED_CASES = 20  # per importer


@pytest.mark.parametrize("importer", sorted(fc.IMPORTERS))
def test_seeded_damage_of_every_fixture(importer: str, base: Path, work: Path) -> None:
    pairs = fc.seeds(importer)
    for seed in range(SEEDED_CASES):
        fixture, container = pairs[seed % len(pairs)]
        case = fc.Case(fixture, container, seed)
        try:
            check(case, base, work)
        except AssertionError as exc:
            raise AssertionError(f"{case}: {exc}") from None
