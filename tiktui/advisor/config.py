"""Thresholds and benchmarks of the advisor: defaults, and the user's overrides.

Every number a rule compares against lives here, so a creator who disagrees
with a default (or has a better benchmark for their niche) changes it in
``config.toml`` instead of in code. The file is the one in
``platformdirs.user_config_dir("tiktui")``, or the one given with
``--config FILE``; other tables in it (``[keys]``, ``[theme]``…) belong to
other parts of tiktui and are ignored here.

Percentages are written as percents (``85.1`` means 85.1 %), multiples as
plain numbers. A wrong value stops with one line naming the key, never a
traceback. The ``[display]`` table is read here too, because the advisor
names hours (when to post) on the same clock as the screens: hours are stored
in UTC and shown in ``timezone``, always with the zone's name. Sample
``config.toml`` (every key optional; these are the defaults)::

    [advisor]
    min_videos = 3              # fewer videos than this: the rule says "not enough data"
    videos_for_medium = 5       # confidence: sample size for "medium" …
    videos_for_high = 20        # … and for "high" (see confidence.py)
    days_for_medium = 14        # the same for rules that count days
    days_for_high = 28
    mix_high_multiple = 2.5     # a source's share ≥ 2.5× its median fires its playbook
    mix_low_multiple = 2.5      # a share ≤ median ÷ 2.5 is an opportunity
    for_you_high = 90           # For You ≥ 90 % fires the For You playbook
    unbenchmarked_high = 5      # sources without a published median: share ≥ 5 %
    shift_points = 5            # a source moved ≥ 5 points between periods …
    shift_ratio = 1.5           # … or by ×1.5 (or ÷1.5) …
    shift_min_share = 2         # … ratios only count where a share reached 2 %
    outlier_multiple = 2        # a video's source share ≥ 2× the account's median share …
    outlier_min_points = 5      # … and at least 5 points above it
    spike_multiple = 3          # a day ≥ 3× the median of the 28 days before it
    spike_window_days = 28
    spike_min_baseline_days = 14
    spike_lookback_days = 3     # videos posted up to 3 days before a spike can explain it
    engagement_margin = 20      # engagement ≥ 20 % above/below a benchmark is worth saying
    completion_excellent = 70   # full-watch rate ≥ 70 %: excellent (rule of thumb)
    completion_problem = 40     # < 40 %: a problem (rule of thumb)
    conversion_change = 20      # follower conversion moved ≥ 20 % between periods
    peak_hours = 3              # how many of the followers' busiest hours count as "peak"
    post_hour_tolerance = 2     # a post within 2 h of a peak hour is "at peak"
    timing_ratio = 1.5          # peak vs off-peak posts must differ ×1.5 in median views
    search_terms_top = 10       # how many search terms to list
    min_days = 14               # daily-series rules need this many days with data on each side
    trend_days = 90             # "all time" trends: the latest 90 days against the 90 before
    peak_strength = 1.3         # followers' peak hours ≥ 1.3× the average hour to name them
    spike_almost_nothing = 20   # a spike above 20× its baseline is worded "from almost nothing"
    loyalty_change = 20         # returning viewers' share moved ≥ 20 % between the two windows
    growth_change = 25          # net followers per 1,000 views moved ≥ 25 %
    cadence_ratio = 1.5         # videos a week changed ×1.5 (or ÷1.5)

    [advisor.source_medians]    # percent of views; quso.ai, 31,059 posts, 2025–26
    for_you = 85.1
    profile = 2.0
    search = 1.1
    following = 0.3
    other = 1.9
    # sound, hashtag, direct_message, external may be added if you have a figure

    [advisor.engagement_tiers]  # percent, (likes+comments+shares) ÷ views,
    under_100k = 7.5            # by follower count; Influencer Marketing Factory 2025
    100k_500k = 5.1
    500k_1m = 4.48
    1m_5m = 3.76
    5m_10m = 4.22
    over_10m = 2.88

    [display]
    timezone = "local"          # the account's time zone for hours ("Europe/Berlin",
                                # "UTC"…); "local" is this computer's zone
"""

from __future__ import annotations

import json
import math
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import tzinfo
from pathlib import Path
from typing import Any

from ..data.sources import SOURCE_KEYS
from ..formatting import LOCAL, zone

QUSO = "quso.ai study of 31,059 posts with traffic-source data (2025–26)"
IMF = "Influencer Marketing Factory 2025, engagement by follower tier"
USER_CONFIG = "your config.toml"

DEFAULT_SOURCE_MEDIANS: dict[str, float] = {
    "for_you": 0.851,
    "profile": 0.020,
    "search": 0.011,
    "following": 0.003,
    "other": 0.019,
}

# (key, lower bound of followers, upper bound (exclusive) or None, label, default rate)
ENGAGEMENT_TIERS: tuple[tuple[str, int, int | None, str, float], ...] = (
    ("under_100k", 0, 100_000, "under 100k followers", 0.075),
    ("100k_500k", 100_000, 500_000, "100k–500k followers", 0.051),
    ("500k_1m", 500_000, 1_000_000, "500k–1M followers", 0.0448),
    ("1m_5m", 1_000_000, 5_000_000, "1M–5M followers", 0.0376),
    ("5m_10m", 5_000_000, 10_000_000, "5M–10M followers", 0.0422),
    ("over_10m", 10_000_000, None, "10M+ followers", 0.0288),
)


class ConfigError(Exception):
    """A config file tiktui cannot use; the message names the file and the key."""


@dataclass(frozen=True)
class AdvisorConfig:
    """Every threshold and benchmark, as fractions (a percent in the file is /100 here)."""

    min_videos: int = 3
    videos_for_medium: int = 5
    videos_for_high: int = 20
    days_for_medium: int = 14
    days_for_high: int = 28
    mix_high_multiple: float = 2.5
    mix_low_multiple: float = 2.5
    for_you_high: float = 0.90
    unbenchmarked_high: float = 0.05
    shift_points: float = 0.05
    shift_ratio: float = 1.5
    shift_min_share: float = 0.02
    outlier_multiple: float = 2.0
    outlier_min_points: float = 0.05
    spike_multiple: float = 3.0
    spike_window_days: int = 28
    spike_min_baseline_days: int = 14
    spike_lookback_days: int = 3
    engagement_margin: float = 0.20
    completion_excellent: float = 0.70
    completion_problem: float = 0.40
    conversion_change: float = 0.20
    peak_hours: int = 3
    post_hour_tolerance: int = 2
    timing_ratio: float = 1.5
    search_terms_top: int = 10
    min_days: int = 14
    trend_days: int = 90
    peak_strength: float = 1.3
    spike_almost_nothing: float = 20.0
    loyalty_change: float = 0.20
    growth_change: float = 0.25
    cadence_ratio: float = 1.5
    source_medians: Mapping[str, float] = field(
        default_factory=lambda: dict(DEFAULT_SOURCE_MEDIANS)
    )
    engagement_tiers: Mapping[str, float] = field(
        default_factory=lambda: {k: rate for k, _lo, _hi, _label, rate in ENGAGEMENT_TIERS}
    )
    timezone: str = LOCAL
    """``[display] timezone``: an IANA zone name, ``UTC`` or ``local`` (the system's zone)."""
    overridden: frozenset[str] = frozenset()
    """Keys the user set (``source_medians.search``…): their benchmark is cited as theirs."""

    @property
    def zone(self) -> tzinfo:
        """The zone hours are shown in (validated when the file was read)."""
        return zone(self.timezone)

    def median_source(self, source: str) -> str:
        """Where the median for ``source`` comes from, for the advice's citation."""
        if f"source_medians.{source}" in self.overridden:
            return USER_CONFIG
        return QUSO

    def tier_for(self, followers: int) -> tuple[str, str, float, str]:
        """(key, label, rate, citation) of the follower tier ``followers`` falls in."""
        for key, lo, hi, label, _default in ENGAGEMENT_TIERS:
            if followers >= lo and (hi is None or followers < hi):
                cite = USER_CONFIG if f"engagement_tiers.{key}" in self.overridden else IMF
                return key, label, self.engagement_tiers[key], cite
        raise AssertionError("unreachable: the tiers cover every count")

    def threshold_source(self, *keys: str, default: str = "tiktui default") -> str:
        """Where a rule's thresholds come from: the user's file if they set any of ``keys``."""
        return USER_CONFIG if self.overrides(*keys) else default

    def overrides(self, *keys: str) -> bool:
        """Did the user set any of ``keys`` in their config.toml?"""
        return bool(set(keys) & self.overridden)

    def overrides_table(self, name: str) -> bool:
        """Did the user set any key of ``[advisor.<name>]`` (``source_medians``…)?"""
        return any(k.startswith(f"{name}.") for k in self.overridden)


# -- validation -----------------------------------------------------------

Check = Callable[[Any], float | int | None]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return float(value)


def _whole(lo: int) -> tuple[Check, str]:
    def check(value: Any) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int) or value < lo:
            return None
        return int(value)

    return check, f"a whole number ≥ {lo}"


def _multiple() -> tuple[Check, str]:
    def check(value: Any) -> float | None:
        n = _number(value)
        return n if n is not None and n > 1 else None

    return check, "a number > 1"


def _percent(lo_open: bool = False, hi: float = 100.0) -> tuple[Check, str]:
    def check(value: Any) -> float | None:
        n = _number(value)
        if n is None or n < 0 or n > hi or (lo_open and n == 0):
            return None
        return n / 100

    lower = "> 0" if lo_open else "≥ 0"
    return check, f"a percentage {lower} and ≤ {hi:g}"


_SCALARS: dict[str, tuple[Check, str]] = {
    "min_videos": _whole(1),
    "videos_for_medium": _whole(1),
    "videos_for_high": _whole(1),
    "days_for_medium": _whole(1),
    "days_for_high": _whole(1),
    "mix_high_multiple": _multiple(),
    "mix_low_multiple": _multiple(),
    "for_you_high": _percent(lo_open=True),
    "unbenchmarked_high": _percent(lo_open=True),
    "shift_points": _percent(lo_open=True),
    "shift_ratio": _multiple(),
    "shift_min_share": _percent(),
    "outlier_multiple": _multiple(),
    "outlier_min_points": _percent(),
    "spike_multiple": _multiple(),
    "spike_window_days": _whole(7),
    "spike_min_baseline_days": _whole(3),
    "spike_lookback_days": _whole(0),
    "engagement_margin": _percent(lo_open=True, hi=1000),
    "completion_excellent": _percent(lo_open=True),
    "completion_problem": _percent(lo_open=True),
    "conversion_change": _percent(lo_open=True, hi=1000),
    "peak_hours": _whole(1),
    "post_hour_tolerance": _whole(0),
    "timing_ratio": _multiple(),
    "search_terms_top": _whole(1),
    "min_days": _whole(3),
    "trend_days": _whole(7),
    "peak_strength": _multiple(),
    "spike_almost_nothing": _multiple(),
    "loyalty_change": _percent(lo_open=True, hi=1000),
    "growth_change": _percent(lo_open=True, hi=1000),
    "cadence_ratio": _multiple(),
}
_TABLES = ("source_medians", "engagement_tiers")


def _show(value: Any) -> str:
    """A value as the user wrote it in TOML, for the error message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "a table"
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return repr(value)


def parse_config(data: Mapping[str, Any], where: str = "config.toml") -> AdvisorConfig:
    """An :class:`AdvisorConfig` from a parsed TOML document (only its ``[advisor]`` table)."""
    section = data.get("advisor", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{where}: [advisor] must be a table, got {_show(section)}")
    values: dict[str, Any] = {}
    overridden: set[str] = set()
    for key, raw in section.items():
        if key in _TABLES:
            continue
        if key not in _SCALARS:
            known = ", ".join(sorted([*_SCALARS, *_TABLES]))
            raise ConfigError(f"{where}: [advisor] unknown key {key!r} (known keys: {known})")
        check, expected = _SCALARS[key]
        parsed = check(raw)
        if parsed is None:
            raise ConfigError(f"{where}: [advisor] {key} must be {expected}, got {_show(raw)}")
        values[key] = parsed
        overridden.add(key)

    base = AdvisorConfig()
    medians = _percent_table(
        section, "source_medians", base.source_medians, SOURCE_KEYS, where, overridden
    )
    tiers = _percent_table(
        section,
        "engagement_tiers",
        base.engagement_tiers,
        tuple(base.engagement_tiers),
        where,
        overridden,
    )

    values["timezone"] = _display(data, where)
    config = replace(
        base,
        **values,
        source_medians=medians,
        engagement_tiers=tiers,
        overridden=frozenset(overridden),
    )
    _check_pairs(config, where)
    return config


def _display(data: Mapping[str, Any], where: str) -> str:
    """``[display] timezone``: a zone this computer knows, or ``local``."""
    section = data.get("display", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{where}: [display] must be a table, got {_show(section)}")
    for key in section:
        if key != "timezone":
            raise ConfigError(f"{where}: [display] unknown key {key!r} (known keys: timezone)")
    name = section.get("timezone", LOCAL)
    expected = 'a time zone name such as "Europe/Berlin", "UTC" or "local"'
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{where}: [display] timezone must be {expected}, got {_show(name)}")
    try:
        zone(name.strip())
    except ValueError:
        raise ConfigError(
            f"{where}: [display] timezone must be {expected}, got {_show(name)} "
            "(not a time zone this computer knows)"
        ) from None
    return name.strip()


def _percent_table(
    section: Mapping[str, Any],
    name: str,
    defaults: Mapping[str, float],
    known: tuple[str, ...],
    where: str,
    overridden: set[str],
) -> dict[str, float]:
    """``[advisor.<name>]``: percents per key over ``defaults``; each key set goes in
    ``overridden`` as ``<name>.<key>``, so its benchmark is cited as the user's."""
    values = dict(defaults)
    table = section.get(name, {})
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: [advisor] {name} must be a table, got {_show(table)}")
    check, expected = _percent(lo_open=True)
    for key, raw in table.items():
        if key not in known:
            raise ConfigError(
                f"{where}: [advisor.{name}] unknown key {key!r} (known keys: {', '.join(known)})"
            )
        parsed = check(raw)
        if parsed is None:
            raise ConfigError(
                f"{where}: [advisor.{name}] {key} must be {expected}, got {_show(raw)}"
            )
        values[key] = parsed
        overridden.add(f"{name}.{key}")
    return values


def _check_pairs(config: AdvisorConfig, where: str) -> None:
    """Keys that only make sense together (a 'high' bar below the 'medium' one…)."""
    pairs = (
        ("videos_for_medium", "videos_for_high"),
        ("days_for_medium", "days_for_high"),
        ("completion_problem", "completion_excellent"),
        ("spike_min_baseline_days", "spike_window_days"),
    )
    for low, high in pairs:
        if getattr(config, low) > getattr(config, high):
            raise ConfigError(
                f"{where}: [advisor] {low} ({_fmt(config, low)}) must not be above "
                f"{high} ({_fmt(config, high)})"
            )


def _fmt(config: AdvisorConfig, key: str) -> str:
    value = getattr(config, key)
    label = _SCALARS[key][1]
    return f"{value * 100:g}" if label.startswith("a percentage") else f"{value:g}"


def default_config_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("tiktui")) / "config.toml"


def load_config(path: str | Path | None = None) -> AdvisorConfig:
    """The advisor's settings from ``path`` (must exist) or the default file (may not).

    Raises :class:`ConfigError` with a one-line message for anything unusable.
    """
    explicit = path is not None
    target = Path(path).expanduser() if explicit else default_config_path()
    if not target.exists():
        if explicit:
            raise ConfigError(f"{target}: no such config file")
        return AdvisorConfig()
    try:
        text = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{target}: cannot read it ({exc})") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{target}: not valid TOML ({exc})") from exc
    return parse_config(data, where=str(target))


def config_keys() -> list[str]:
    """Every scalar key of ``[advisor]`` (for help text and tests)."""
    return [f.name for f in fields(AdvisorConfig) if f.name in _SCALARS]
