"""The docs stay honest: every command, setting and failure reason is documented."""

import re
from pathlib import Path

from storyline.cli import main
from storyline.settings import setting_help

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SOURCES = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")


def test_every_cli_command_is_in_the_readme() -> None:
    for name in main.commands:
        assert f"storyline {name}" in README, name


def test_every_setting_is_in_the_readme() -> None:
    for name in setting_help():
        assert f"`{name}`" in README, name


def test_every_failure_reason_raised_in_the_package_is_documented() -> None:
    reasons: set[str] = set()
    for path in (ROOT / "src" / "storyline").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        reasons |= set(re.findall(r'(?:StepError|ParseError|DecodeError)\(\s*"([a-z-]+)"', text))
    reasons.discard("internal")
    assert reasons, "no reason codes found: the pattern is stale"
    for reason in reasons:
        assert f"`{reason}`" in SOURCES, reason
