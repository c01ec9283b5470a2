from pathlib import Path

import pytest

from storyline.errors import SettingsError
from storyline.settings import Settings, load_settings, setting_help


def test_defaults_apply_without_environment_or_file(tmp_path: Path) -> None:
    s = load_settings(environ={})
    assert s.db == "./storyline.db"
    assert s.timezone == "Asia/Shanghai"


def test_environment_overrides_file_and_overrides_win(tmp_path: Path) -> None:
    config = tmp_path / "storyline.toml"
    config.write_text('db = "from-file.db"\nworkers = 3\n', encoding="utf-8")
    env = {"STORYLINE_CONFIG": str(config), "STORYLINE_DB": "from-env.db"}
    s = load_settings(environ=env)
    assert (s.db, s.workers) == ("from-env.db", 3)
    assert load_settings({"db": "cli.db"}, environ=env).db == "cli.db"


def test_integer_settings_are_typed_and_checked() -> None:
    assert load_settings(environ={"STORYLINE_PORT": "8123"}).port == 8123
    with pytest.raises(SettingsError, match="port"):
        load_settings(environ={"STORYLINE_PORT": "eighty"})


def test_unknown_setting_in_file_is_an_error(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("colour = 'blue'\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="colour"):
        load_settings(environ={}, config_file=config)


def test_malformed_config_file_names_the_file(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("db = \n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"c\.toml"):
        load_settings(environ={}, config_file=config)


def test_every_setting_has_help() -> None:
    helps = setting_help()
    assert set(helps) == set(Settings().as_dict())
    assert all(len(h) > 10 for h in helps.values())
