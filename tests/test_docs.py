"""The README stays honest: every command and every setting is documented there."""

from pathlib import Path

from storyline.cli import main
from storyline.settings import setting_help

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_in_the_readme() -> None:
    for name in main.commands:
        assert f"storyline {name}" in README, name


def test_every_setting_is_in_the_readme() -> None:
    for name in setting_help():
        assert f"`{name}`" in README, name
