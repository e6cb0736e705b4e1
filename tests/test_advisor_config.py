"""The advisor's config.toml: defaults from the spec, overrides, and one clear line for a
bad value (naming the key), never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tiktui.advisor import AdvisorConfig, ConfigError, load_config
from tiktui.advisor import config as config_module
from tiktui.advisor.config import config_keys, parse_config


def test_defaults_are_the_published_figures() -> None:
    c = AdvisorConfig()
    assert dict(c.source_medians) == {
        "for_you": 0.851,
        "profile": 0.020,
        "search": 0.011,
        "following": 0.003,
        "other": 0.019,
    }
    assert dict(c.engagement_tiers) == {
        "under_100k": 0.075,
        "100k_500k": 0.051,
        "500k_1m": 0.0448,
        "1m_5m": 0.0376,
        "5m_10m": 0.0422,
        "over_10m": 0.0288,
    }
    assert (c.mix_high_multiple, c.for_you_high, c.shift_points, c.shift_ratio) == (
        2.5,
        0.90,
        0.05,
        1.5,
    )
    assert (c.outlier_multiple, c.spike_multiple, c.spike_window_days) == (2.0, 3.0, 28)
    assert (c.completion_excellent, c.completion_problem) == (0.70, 0.40)
    assert c.tier_for(99_999)[1] == "under 100k followers"
    assert c.tier_for(100_000)[2] == 0.051
    assert c.tier_for(10_000_000)[2] == 0.0288


def test_the_sample_in_the_docstring_is_valid_and_lists_every_key() -> None:
    import tomllib

    doc = config_module.__doc__ or ""
    sample = doc[doc.rindex("\n", 0, doc.index("[advisor]")) + 1 :]
    sample = "\n".join(line[4:] for line in sample.splitlines())
    parsed = parse_config(tomllib.loads(sample))
    defaults = AdvisorConfig()
    for key in config_keys():
        assert key in sample, key
        assert getattr(parsed, key) == pytest.approx(getattr(defaults, key)), key
    assert dict(parsed.source_medians) == pytest.approx(dict(defaults.source_medians))
    assert dict(parsed.engagement_tiers) == pytest.approx(dict(defaults.engagement_tiers))


def test_overrides_use_percent_for_shares_and_are_remembered() -> None:
    c = parse_config(
        {
            "advisor": {
                "spike_multiple": 4,
                "for_you_high": 95,
                "min_videos": 5,
                "source_medians": {"search": 2.5, "sound": 3},
                "engagement_tiers": {"under_100k": 6},
            },
            "theme": {"name": "whatever"},  # other parts of tiktui own other tables
        }
    )
    assert c.spike_multiple == 4.0 and c.for_you_high == pytest.approx(0.95)
    assert c.min_videos == 5
    assert c.source_medians["search"] == pytest.approx(0.025)
    assert c.source_medians["sound"] == pytest.approx(0.03)
    assert c.engagement_tiers["under_100k"] == pytest.approx(0.06)
    assert c.median_source("search") == "your config.toml"
    assert "quso.ai" in c.median_source("for_you")
    assert c.tier_for(5_000)[3] == "your config.toml"


@pytest.mark.parametrize(
    ("advisor", "message"),
    [
        (
            {"spike_multiple": "three"},
            'config.toml: [advisor] spike_multiple must be a number > 1, got "three"',
        ),
        (
            {"spike_multiple": 0.5},
            "config.toml: [advisor] spike_multiple must be a number > 1, got 0.5",
        ),
        (
            {"min_videos": -1},
            "config.toml: [advisor] min_videos must be a whole number ≥ 1, got -1",
        ),
        ({"min_videos": 2.5}, "min_videos must be a whole number ≥ 1, got 2.5"),
        ({"min_videos": True}, "min_videos must be a whole number ≥ 1, got true"),
        ({"for_you_high": 120}, "for_you_high must be a percentage > 0 and ≤ 100, got 120"),
        ({"shift_points": -5}, "shift_points must be a percentage > 0 and ≤ 100, got -5"),
        ({"spike_multiple": float("nan")}, "spike_multiple must be a number > 1"),
        ({"spike_mutliple": 3}, "config.toml: [advisor] unknown key 'spike_mutliple'"),
        (
            {"source_medians": {"tiktok": 2}},
            "config.toml: [advisor.source_medians] unknown key 'tiktok'",
        ),
        (
            {"source_medians": {"search": "1.1%"}},
            '[advisor.source_medians] search must be a percentage > 0 and ≤ 100, got "1.1%"',
        ),
        (
            {"engagement_tiers": {"under_100k": -1}},
            "[advisor.engagement_tiers] under_100k must be a percentage > 0 and ≤ 100, got -1",
        ),
        ({"engagement_tiers": {"tiny": 9}}, "[advisor.engagement_tiers] unknown key 'tiny'"),
        ({"source_medians": 3}, "[advisor] source_medians must be a table, got 3"),
        (
            {"completion_problem": 80},
            "[advisor] completion_problem (80) must not be above completion_excellent (70)",
        ),
        (
            {"videos_for_medium": 30},
            "[advisor] videos_for_medium (30) must not be above videos_for_high (20)",
        ),
    ],
)
def test_bad_values_name_the_key(advisor: dict, message: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse_config({"advisor": advisor})
    assert message in str(err.value)


def test_advisor_must_be_a_table() -> None:
    with pytest.raises(ConfigError, match=r"\[advisor\] must be a table"):
        parse_config({"advisor": 3})


def test_load_config_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "my.toml"
    path.write_text('[advisor]\nspike_multiple = 5\n[keys]\nquit = "q"\n', encoding="utf-8")
    assert load_config(path).spike_multiple == 5.0
    path.write_text('[advisor]\nspike_multiple = "three"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert str(err.value) == (f'{path}: [advisor] spike_multiple must be a number > 1, got "three"')
    path.write_text("[advisor\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(path)
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "absent.toml")


def test_the_default_file_is_optional(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "config.toml"
    monkeypatch.setattr(config_module, "default_config_path", lambda: target)
    assert load_config() == AdvisorConfig()
    target.write_text("[advisor]\nmin_videos = 4\n", encoding="utf-8")
    assert load_config().min_videos == 4


def test_report_with_a_bad_config_prints_one_line_and_exits_2(tmp_path: Path, capsys) -> None:
    from tiktui.cli import main

    bad = tmp_path / "config.toml"
    bad.write_text('[advisor]\nspike_multiple = "three"\n', encoding="utf-8")
    code = main(["report", "--config", str(bad), "--data-dir", str(tmp_path / "store")])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.strip() == (
        f'tiktui report: {bad}: [advisor] spike_multiple must be a number > 1, got "three"'
    )
    assert "Traceback" not in err


def test_display_timezone_is_validated_and_named_in_the_error() -> None:
    assert AdvisorConfig().timezone == "local"
    c = parse_config({"display": {"timezone": "Europe/Berlin"}})
    assert c.timezone == "Europe/Berlin" and str(c.zone) == "Europe/Berlin"
    for bad in ("Mars/Olympus_Mons", 3, ""):
        with pytest.raises(ConfigError) as err:
            parse_config({"display": {"timezone": bad}}, where="c.toml")
        message = str(err.value)
        assert "[display] timezone" in message and "\n" not in message
    with pytest.raises(ConfigError, match=r"\[display\] unknown key 'tz'"):
        parse_config({"display": {"tz": "UTC"}})


def test_the_readme_example_is_valid_and_shows_the_time_zone() -> None:
    import re
    import tomllib

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(.*?)```", readme, re.S)
    assert block is not None
    config = parse_config(tomllib.loads(block.group(1)))
    assert config.timezone != "local" and config.zone is not None
